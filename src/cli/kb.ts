// `newsgraph ingest PATH...` and `newsgraph search QUERY`: thin commands over ingestPaths and
// Store.search, on the SQLite knowledge base in the data folder (--data > NEWSGRAPH_DATA_DIR >
// ./.newsgraph).

import { ingestUrlCommand, isHttpUrl } from './feeds.js';
import fs from 'node:fs';
import { Command, InvalidArgumentError, Option } from 'commander';
import { NewsgraphError } from '../doc/errors.js';
import { isIsoDate } from '../extract/dates.js';
import { formatSummary, ingestPaths } from '../ingest/ingest.js';
import { resolveDataDir, sqlitePath } from '../store/paths.js';
import { SqliteStore } from '../store/sqlite/index.js';
import { MARK_CLOSE, MARK_OPEN, MAX_LIMIT, type SearchHit, type SearchOptions } from '../store/store.js';

export interface KbIo {
  readonly out: NodeJS.WritableStream & { isTTY?: boolean };
  readonly err: NodeJS.WritableStream & { isTTY?: boolean };
  readonly env?: NodeJS.ProcessEnv;
}

const QUOTE_KINDS = ['direct', 'indirect', 'partial', 'mixed', 'refusal', 'belief', 'stance'];

function isoDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError('expected a date like 2024-12-09.');
  return value.slice(0, 10);
}

function limitNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) throw new InvalidArgumentError(`expected a whole number from 1 to ${MAX_LIMIT}.`);
  return n;
}

function offsetNumber(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('expected a whole number, 0 or more.');
  return n;
}

/** Opens the knowledge base; for reading, a missing one is an error rather than a new empty one. */
export function openKb(dataOption: string | undefined, env: NodeJS.ProcessEnv, mustExist: boolean): SqliteStore {
  const dir = resolveDataDir(dataOption, env);
  const file = sqlitePath(dir);
  if (mustExist && !fs.existsSync(file)) {
    throw new NewsgraphError('NO_KNOWLEDGE_BASE', `There is no knowledge base in ${dir}: load articles first with "newsgraph ingest PATH" (or give --data DIR).`);
  }
  return new SqliteStore(file);
}

export function registerKbCommands(program: Command, io: KbIo = { out: process.stdout, err: process.stderr }): Command {
  const env = io.env ?? process.env;

  program
    .command('ingest')
    .description('Load articles into the knowledge base: .txt and .html pages, .jsonl batches, and folders of them (recursive).')
    .argument('<paths...>', 'files and folders, or http(s) URLs of article pages')
    .option('--data <dir>', 'knowledge base folder (default: $NEWSGRAPH_DATA_DIR, else ./.newsgraph)')
    .option('--published <date>', 'publication date (YYYY-MM-DD) for articles that do not give one', isoDate)
    .option('--allow-private', 'allow fetching URLs on private, loopback and link-local addresses')
    .option('--timeout-ms <ms>', 'deadline for fetching a URL', (v: string) => Number(v))
    .option('--json', 'print the summary as JSON')
    .action(async (args: string[], opts) => {
      // URLs are fetched one by one (safe fetcher: timeout, size cap, redirect cap, no private addresses)
      const urls = args.filter(isHttpUrl);
      const paths = args.filter((a) => !isHttpUrl(a));
      let urlFailures = 0;
      for (const url of urls) {
        try {
          await ingestUrlCommand(url, { data: opts.data, allowPrivate: Boolean(opts.allowPrivate), timeoutMs: opts.timeoutMs }, (line) => io.out.write(line + '\n'));
        } catch (err) {
          urlFailures++;
          io.err.write(`${url}: ${err instanceof Error ? err.message : String(err)}\n`);
        }
      }
      if (urls.length && urlFailures === urls.length && !paths.length) process.exitCode = 1;
      if (!paths.length) return;
      const store = openKb(opts.data as string | undefined, env, false);
      const tty = Boolean(io.err.isTTY);
      const started = Date.now();
      let lastDraw = 0;
      try {
        const summary = await ingestPaths(paths, store, {
          published: (opts.published as string | undefined) ?? null,
          onProgress: tty
            ? (p) => {
                const now = Date.now();
                if (now - lastDraw < 100) return;
                lastDraw = now;
                const rate = p.done / Math.max(0.001, (now - started) / 1000);
                io.err.write(`\r${p.done} articles: ${p.added} added, ${p.updated} updated, ${p.duplicates} duplicates, ${p.failed} failed (${rate.toFixed(1)}/s)\x1b[K`);
              }
            : undefined,
        });
        if (tty) io.err.write('\r\x1b[K');
        io.out.write((opts.json ? JSON.stringify(summary) : formatSummary(summary)) + '\n');
        const ok = summary.added + summary.updated + summary.duplicates;
        if (ok === 0 && summary.failed.length > 0) process.exitCode = 1;
      } finally {
        await store.close();
      }
    });

  program
    .command('search')
    .description('Search quotes and articles. Words, "exact phrases", prefix*, AND / OR / NOT (upper case), parentheses; filters narrow it.')
    .argument('[query]', 'what to look for (may be empty when a filter is given)', '')
    .option('--speaker <name>', 'quotes by this person or organisation (a name, a surname or an entity id)')
    .option('--entity <name>', 'quotes and articles about this entity (name or id)')
    .option('--publisher <domain>', 'only this publisher (domain or name)')
    .option('--from <date>', 'published on or after this date', isoDate)
    .option('--to <date>', 'published on or before this date', isoDate)
    .option('--said-from <date>', 'quotes said on or after this date', isoDate)
    .option('--said-to <date>', 'quotes said on or before this date', isoDate)
    .addOption(new Option('--kind <kind>', 'quote kind').choices(QUOTE_KINDS))
    .addOption(new Option('--type <type>', 'only quotes or only articles').choices(['quote', 'article']))
    .option('--limit <n>', 'hits to show', limitNumber, 20)
    .option('--offset <n>', 'hits to skip', offsetNumber, 0)
    .option('--data <dir>', 'knowledge base folder (default: $NEWSGRAPH_DATA_DIR, else ./.newsgraph)')
    .option('--json', 'print the result as JSON')
    .action(async (query: string, opts) => {
      if (opts.from && opts.to && opts.from > opts.to) throw new NewsgraphError('USAGE', `--from ${opts.from} is after --to ${opts.to}: dates are inclusive, earliest first.`);
      const quoteOnly = opts.speaker || opts.kind || opts.saidFrom || opts.saidTo;
      if (opts.type === 'article' && quoteOnly) throw new NewsgraphError('USAGE', '--speaker, --kind, --said-from and --said-to filter quotes: they cannot be used with --type article.');
      if (!query.trim() && !quoteOnly && !opts.entity && !opts.publisher && !opts.from && !opts.to && !opts.type) {
        throw new NewsgraphError('USAGE', 'Give words to search for, or a filter: newsgraph search "QUERY" [--speaker NAME] ...');
      }
      const store = openKb(opts.data as string | undefined, env, true);
      try {
        const options: SearchOptions = {
          speaker: opts.speaker,
          entity: opts.entity,
          publisher: opts.publisher,
          publishedFrom: opts.from,
          publishedTo: opts.to,
          saidFrom: opts.saidFrom,
          saidTo: opts.saidTo,
          kind: opts.kind,
          type: opts.type,
          limit: opts.limit,
          offset: opts.offset,
        };
        const result = await store.search(query, options);
        if (opts.json) {
          io.out.write(JSON.stringify({ query: result.query, total: result.total, totalIsLowerBound: result.totalIsLowerBound ?? false, limit: opts.limit, offset: opts.offset, hits: result.hits }) + '\n');
          return;
        }
        io.out.write(formatHits(result.total, result.hits, opts.offset as number, Boolean(io.out.isTTY), result.totalIsLowerBound ?? false) + '\n');
      } finally {
        await store.close();
      }
    });

  return program;
}

/** One block per hit: what, who, when, where; matched words bold on a terminal. */
export function formatHits(total: number, hits: readonly SearchHit[], offset: number, tty: boolean, totalIsLowerBound = false): string {
  const mark = (s: string): string => {
    const flat = s.replace(/\s+/g, ' ').trim();
    if (!tty) return flat;
    if (MARK_OPEN !== MARK_CLOSE) return flat.replaceAll(MARK_OPEN, '\x1b[1m').replaceAll(MARK_CLOSE, '\x1b[0m');
    return flat.split(MARK_OPEN).map((part, i) => (i === 0 ? part : (i % 2 ? '\x1b[1m' : '\x1b[0m') + part)).join('');
  };
  if (total === 0) return 'No matches.';
  const lines = [`${total}${totalIsLowerBound ? '+' : ''} match${total === 1 ? '' : 'es'}${hits.length < total ? `, showing ${offset + 1}–${offset + hits.length}` : ''}:`];
  for (const h of hits) {
    const date = (h.type === 'quote' ? (h.saidOn && !h.saidOn.startsWith('X') ? h.saidOn : h.published) : h.published)?.slice(0, 10) ?? 'undated';
    const where = [h.publisher, h.title ? `“${h.title}”` : null].filter(Boolean).join(', ');
    if (h.type === 'quote') {
      const who = h.speaker ? (h.speaker.name ?? h.speaker.text) : 'unknown speaker';
      lines.push('', `${date}  ${who} (${h.kind} quote #${h.id}, article #${h.articleId})`, `  ${mark(h.snippet)}`);
    } else {
      lines.push('', `${date}  article #${h.id}`, `  ${mark(h.snippet)}`);
    }
    if (where) lines.push(`  ${where}${h.url ? ` <${h.url}>` : ''}`);
    else if (h.url) lines.push(`  <${h.url}>`);
  }
  return lines.join('\n');
}
