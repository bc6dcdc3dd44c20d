// `newsgraph feeds add|import|list|poll` and the http(s) part of `newsgraph ingest`: thin over
// src/ingest/feeds and src/ingest/url.ts, against the store in the data directory.

import fs from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { InputError } from '../doc/errors.js';
import { DEFAULT_FETCH_LIMITS } from '../ingest/fetch.js';
import { DEFAULT_POLL_OPTIONS, DEFAULT_SCHEDULE, parseOpmlFeeds, pollFeeds, type FeedRecord, type PollEvent, type PollSummary } from '../ingest/feeds/index.js';
import { ingestUrl, type IngestOutcome, type IngestUrlOptions } from '../ingest/url.js';
import { resolveDataDir, sqlitePath } from '../store/paths.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import type { Store } from '../store/store.js';

type Out = (line: string) => void;

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number.');
  return n;
}

function nonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number ≥ 0.');
  return n;
}

function httpUrl(url: string): string {
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    throw new InputError('BAD_URL', `"${url}" is not a valid URL: give the feed's absolute http(s) URL.`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new InputError('BAD_URL', `Only http and https feeds can be polled, not ${u.protocol}.`);
  return u.href;
}

export async function feedsAdd(store: Store, url: string, options: { title?: string | null } = {}, out: Out = console.log): Promise<FeedRecord> {
  const { feed, created } = await store.addFeed(httpUrl(url), { title: options.title ?? null });
  out(created ? `Added feed ${feed.id}: ${feed.url}${feed.title ? ` (${feed.title})` : ''}` : `Already subscribed: feed ${feed.id} ${feed.url}`);
  return feed;
}

export async function feedsImport(store: Store, file: string, out: Out = console.log): Promise<{ added: number; existing: number }> {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new InputError('NO_SUCH_FILE', `Cannot read ${file}: give the path of an OPML file exported from a feed reader.`);
  }
  const feeds = parseOpmlFeeds(text);
  let added = 0;
  let existing = 0;
  for (const f of feeds) {
    const { created } = await store.addFeed(f.url, { title: f.title });
    if (created) added++;
    else existing++;
  }
  out(`Imported ${file}: ${added} feed${added === 1 ? '' : 's'} added, ${existing} already subscribed.`);
  return { added, existing };
}

export function formatFeedList(feeds: readonly FeedRecord[]): string {
  if (!feeds.length) return 'No feeds yet: add one with "newsgraph feeds add URL" or "newsgraph feeds import FILE.opml".';
  return feeds
    .map((f) => {
      const state = f.lastStatus === null ? 'never polled' : f.lastStatus === 'error' ? `error ×${f.failures}: ${f.lastError ?? ''}` : `${f.lastStatus} ${f.lastPolledAt ?? ''}`;
      return `${String(f.id).padStart(4)}  ${f.title ?? '(untitled)'}\n      ${f.url}\n      ${state}; ${f.entriesSeen} entries seen; next poll ${f.nextPollAt ?? 'now'}`;
    })
    .join('\n');
}

export function formatPollSummary(s: PollSummary): string {
  const lines = [
    `${s.feedsPolled} feed${s.feedsPolled === 1 ? '' : 's'} polled, ${s.notModified} not modified; ${s.newArticles} new article${s.newArticles === 1 ? '' : 's'}, ${s.duplicates} duplicate${s.duplicates === 1 ? '' : 's'}, ${s.alreadySeen} already seen; ${s.failures.length} failure${s.failures.length === 1 ? '' : 's'}.`,
  ];
  for (const f of s.failures) lines.push(`  failed: ${f.entry ?? f.feedUrl} [${f.code}] ${f.reason}`);
  return lines.join('\n');
}

function formatEvent(e: PollEvent): string {
  const name = e.feed.title ?? e.feed.url;
  if (e.type === 'feed') return e.status === 'error' ? `${name}: ${e.error}` : e.status === 'not-modified' ? `${name}: not modified` : `${name}: ${e.entries} entries`;
  if (e.type === 'entry-error') return `  ${e.link ?? '(no link)'}: ${e.error}`;
  return `  ${e.outcome.status} ${e.outcome.articleId}${e.via === 'feed-content' ? ' (from the feed)' : ''}: ${e.link ?? e.outcome.title ?? ''}`;
}

export function formatIngestOutcome(o: IngestOutcome): string {
  if (o.status === 'duplicate') return `duplicate of article ${o.duplicateOf?.articleId ?? o.articleId} (same ${o.duplicateOf?.by ?? 'content'}): ${o.url}`;
  return `${o.status} article ${o.articleId}: ${o.title ?? o.url}`;
}

export interface UrlCommandOptions {
  readonly data?: string;
  readonly allowPrivate?: boolean;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  readonly force?: boolean;
}

function fetchOptions(o: UrlCommandOptions): IngestUrlOptions {
  return { allowPrivate: Boolean(o.allowPrivate), timeoutMs: o.timeoutMs, maxBytes: o.maxBytes, maxRedirects: o.maxRedirects, force: o.force };
}

/**
 * For `newsgraph ingest` with an http(s) argument: fetch, analyse and store one article in the
 * data directory's store, and say what happened. Throws FetchError / InputError (nothing stored).
 */
export async function ingestUrlCommand(url: string, options: UrlCommandOptions = {}, out: Out = console.log): Promise<IngestOutcome> {
  return withStore(options.data, async (store) => {
    const outcome = await ingestUrl(url, store, fetchOptions(options));
    out(formatIngestOutcome(outcome));
    return outcome;
  });
}

/** True when an `ingest` argument is a URL this module handles. */
export const isHttpUrl = (arg: string): boolean => /^https?:\/\//i.test(arg);

/** The store in the data directory (--data DIR > $NEWSGRAPH_DATA_DIR > ./.newsgraph). */
export async function openDataStore(data: string | undefined): Promise<Store> {
  return openSqliteStore(sqlitePath(resolveDataDir(data)));
}

async function withStore<T>(data: string | undefined, fn: (store: Store) => Promise<T>): Promise<T> {
  const store = await openDataStore(data);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

const DATA_HELP = 'data directory (default: $NEWSGRAPH_DATA_DIR, else ./.newsgraph)';

export function registerFeedCommands(program: Command): Command {
  const feeds = program.command('feeds').description('Subscribe to RSS, Atom, RDF and JSON feeds and ingest their new articles.');

  feeds
    .command('add')
    .description('Subscribe to a feed.')
    .argument('<url>', 'the feed URL')
    .option('--title <title>', 'a name for the feed (default: the feed\'s own title, on first poll)')
    .option('--data <dir>', DATA_HELP)
    .action(async (url: string, opts) => {
      await withStore(opts.data as string | undefined, (store) => feedsAdd(store, url, { title: (opts.title as string | undefined) ?? null }));
    });

  feeds
    .command('import')
    .description('Subscribe to every feed in an OPML file (nested folders included).')
    .argument('<file>', 'OPML file exported from a feed reader')
    .option('--data <dir>', DATA_HELP)
    .action(async (file: string, opts) => {
      await withStore(opts.data as string | undefined, (store) => feedsImport(store, file));
    });

  feeds
    .command('list')
    .description('List feeds with their last poll, error and next poll time.')
    .option('--data <dir>', DATA_HELP)
    .action(async (opts) => {
      await withStore(opts.data as string | undefined, async (store) => console.log(formatFeedList(await store.listFeeds())));
    });

  feeds
    .command('poll')
    .description('Poll the feeds that are due and ingest their new entries; prints a summary.')
    .option('--data <dir>', DATA_HELP)
    .option('--all', 'poll every feed, due or not')
    .option('--allow-private', 'allow fetching private, loopback and link-local addresses')
    .option('--timeout-ms <ms>', 'deadline for each request', positiveNumber, DEFAULT_FETCH_LIMITS.timeoutMs)
    .option('--max-bytes <n>', 'largest response accepted', positiveNumber, DEFAULT_FETCH_LIMITS.maxBytes)
    .option('--max-redirects <n>', 'redirects followed per request', nonNegative, DEFAULT_FETCH_LIMITS.maxRedirects)
    .option('--min-host-delay-ms <ms>', 'minimum gap between requests to one host', nonNegative, DEFAULT_POLL_OPTIONS.minHostDelayMs)
    .option('--interval-min <minutes>', 'time between polls of a healthy feed', positiveNumber, DEFAULT_SCHEDULE.intervalMs / 60_000)
    .option('--quiet', 'print only the summary')
    .action(async (opts) => {
      await withStore(opts.data as string | undefined, async (store) => {
        const summary = await pollFeeds(store, store, {
          all: Boolean(opts.all),
          allowPrivate: Boolean(opts.allowPrivate),
          timeoutMs: opts.timeoutMs as number,
          maxBytes: opts.maxBytes as number,
          maxRedirects: opts.maxRedirects as number,
          minHostDelayMs: opts.minHostDelayMs as number,
          schedule: { intervalMs: (opts.intervalMin as number) * 60_000 },
          onEvent: opts.quiet ? undefined : (e) => process.stderr.write(formatEvent(e) + '\n'),
        });
        console.log(formatPollSummary(summary));
      });
    });

  return feeds;
}
