// Loading articles into the store: every file or JSONL line runs extractArticle then
// saveArticle. A bad file or line is reported and the run goes on. Content already stored by
// the same pipeline version is recognised by its hash before any analysis runs.

import { InputError, NewsgraphError } from '../doc/errors.js';
import { extractArticle, inputFromJson } from '../extract/article.js';
import { DEFAULT_INPUT_LIMITS, type ArticleInput, type InputLimits } from '../extract/index.js';
import { PIPELINE_VERSION } from '../pipeline.js';
import type { ArticleResult } from '../result.js';
import { contentHash, saveArticles, type SaveItem, type SaveOutcome, type Store } from '../store/store.js';
import { findFiles, readArticleFile, readJsonlLines } from './files.js';

export interface IngestFailure {
  readonly path: string;
  /** The JSONL line, for batch files. */
  readonly line?: number;
  readonly reason: string;
  readonly code?: string;
}

export interface IngestSummary {
  added: number;
  updated: number;
  duplicates: number;
  failed: IngestFailure[];
  /** Files in folders that are not articles (other extensions). */
  skipped: string[];
}

export interface IngestProgress {
  /** Articles processed so far (added, updated, duplicates and failed). */
  readonly done: number;
  readonly added: number;
  readonly updated: number;
  readonly duplicates: number;
  readonly failed: number;
  /** The file being read. */
  readonly path: string;
}

export interface IngestOptions {
  readonly onProgress?: (progress: IngestProgress) => void;
  /** Publication date for articles that do not give one (YYYY-MM-DD). */
  readonly published?: string | null;
  readonly limits?: InputLimits;
  readonly pipelineVersion?: string;
  /** The analysis (default extractArticle); tests and benches may replace it. */
  readonly analyse?: (input: ArticleInput, limits: InputLimits) => ArticleResult;
}

const defaultAnalyse = (input: ArticleInput, limits: InputLimits): ArticleResult => extractArticle(input, limits).result;

/** One input through analysis into the store; duplicates of stored content skip the analysis. */
export async function ingestInput(
  store: Store,
  input: ArticleInput,
  raw: string,
  options: IngestOptions & { origin?: string | null } = {},
): Promise<SaveOutcome> {
  const prepared = await prepareInput(store, input, raw, options);
  return 'duplicate' in prepared ? prepared.duplicate : store.saveArticle(prepared.item.result, prepared.item.meta);
}

/** An input analysed and ready to save, or the stored duplicate it is (then not analysed). */
async function prepareInput(
  store: Store,
  input: ArticleInput,
  raw: string,
  options: IngestOptions & { origin?: string | null },
): Promise<{ duplicate: SaveOutcome } | { item: SaveItem }> {
  const pipelineVersion = options.pipelineVersion ?? PIPELINE_VERSION;
  const hash = contentHash(raw);
  const url = input.url ?? null;
  const byContent = await store.findArticle({ contentHash: hash });
  const known = byContent ?? (url ? await store.findArticle({ url }) : null);
  if (known && known.pipelineVersion === pipelineVersion) {
    return { duplicate: { articleId: known.articleId, status: 'duplicate', duplicateOf: { articleId: known.articleId, by: byContent ? 'content' : 'url' } } };
  }
  const result = (options.analyse ?? defaultAnalyse)(input, options.limits ?? DEFAULT_INPUT_LIMITS);
  if (!result.text.trim()) throw new InputError('EMPTY_ARTICLE', 'no article text found');
  return { item: { result, meta: { contentHash: hash, pipelineVersion, url, origin: options.origin ?? null } } };
}

/** Articles analysed by ingestPaths are saved this many at a time, in one transaction (saveArticles). */
export const INGEST_BATCH = 100;

/** Ingests files and folders (recursively): .txt and .html pages, .jsonl batches. */
export async function ingestPaths(paths: readonly string[], store: Store, options: IngestOptions = {}): Promise<IngestSummary> {
  const summary: IngestSummary = { added: 0, updated: 0, duplicates: 0, failed: [], skipped: [] };
  const limits = options.limits ?? DEFAULT_INPUT_LIMITS;
  const published = options.published ?? null;
  let done = 0;
  const progress = (path: string): void => {
    done++;
    options.onProgress?.({ done, added: summary.added, updated: summary.updated, duplicates: summary.duplicates, failed: summary.failed.length, path });
  };
  const count = (outcome: SaveOutcome): void => {
    if (outcome.status === 'added') summary.added++;
    else if (outcome.status === 'updated') summary.updated++;
    else summary.duplicates++;
  };
  // Analysed articles wait here and are saved INGEST_BATCH at a time in one transaction; each
  // is still saved or failed on its own. Progress is reported as they are saved, in input order.
  // An input whose hash or URL is already waiting flushes first, so it is told a duplicate.
  type Pending = { item: SaveItem; path: string; line?: number };
  let pending: Pending[] = [];
  const waiting = new Set<string>();
  const flush = async (): Promise<void> => {
    if (!pending.length) return;
    const batch = pending;
    pending = [];
    waiting.clear();
    let outcomes: Awaited<ReturnType<typeof saveArticles>>;
    try {
      outcomes = await saveArticles(store, batch.map((p) => p.item));
    } catch (err) {
      // The whole batch failed (the database, not an article): each of its articles is told so.
      const error = err instanceof Error ? err : new Error(String(err));
      outcomes = batch.map(() => ({ ok: false as const, error }));
    }
    batch.forEach((p, i) => {
      const o = outcomes[i];
      if (o.ok) count(o.outcome);
      else fail(p.path, o.error, p.line);
      progress(p.path);
    });
  };
  const ingestOne = async (input: ArticleInput, raw: string, origin: string, path: string, line?: number): Promise<void> => {
    const keys = [contentHash(raw), ...(input.url ? [`url:${input.url}`] : [])];
    if (keys.some((k) => waiting.has(k))) await flush();
    const prepared = await prepareInput(store, input, raw, { ...options, limits, origin });
    if ('duplicate' in prepared) {
      // Said in order: what is waiting is saved (and reported) first.
      await flush();
      count(prepared.duplicate);
      progress(path);
      return;
    }
    pending.push({ item: prepared.item, path, line });
    for (const k of keys) waiting.add(k);
    if (pending.length >= INGEST_BATCH) await flush();
  };
  const fail = (path: string, err: unknown, line?: number): void => {
    if (!(err instanceof NewsgraphError) && !(err instanceof Error)) throw err;
    summary.failed.push({
      path,
      ...(line !== undefined ? { line } : {}),
      reason: err.message,
      ...(err instanceof NewsgraphError ? { code: err.code } : {}),
    });
  };

  for (const found of findFiles(paths)) {
    if ('skipped' in found) {
      summary.skipped.push(found.path);
      continue;
    }
    if ('error' in found) {
      await flush();
      summary.failed.push({ path: found.path, reason: found.error, code: found.code });
      progress(found.path);
      continue;
    }
    if (found.kind === 'jsonl') {
      try {
        for await (const { line, text } of readJsonlLines(found.path)) {
          try {
            let value: unknown;
            try {
              value = JSON.parse(text);
            } catch {
              throw new InputError('BAD_JSON', 'the line is not valid JSON');
            }
            const { id, input } = inputFromJson(value);
            const withDate = input.published == null && published ? ({ ...input, published } as ArticleInput) : input;
            const raw = withDate.kind === 'body' ? withDate.body : withDate.kind === 'text' ? withDate.text : withDate.html;
            await ingestOne(withDate, raw, `${found.path}:${line}${id !== null ? `#${id}` : ''}`, found.path, line);
          } catch (err) {
            await flush();
            fail(found.path, err, line);
            progress(found.path);
          }
        }
      } catch (err) {
        await flush();
        fail(found.path, err);
        progress(found.path);
      }
      continue;
    }
    try {
      const raw = readArticleFile(found.path, limits.maxInputChars);
      const input: ArticleInput = found.kind === 'html' ? { kind: 'html', html: raw, published } : { kind: 'text', text: raw, published };
      await ingestOne(input, raw, found.path, found.path);
    } catch (err) {
      await flush();
      fail(found.path, err);
      progress(found.path);
    }
  }
  await flush();
  return summary;
}

/** "3 added, 1 updated, 2 duplicates, 1 failed" and one line per failure. */
export function formatSummary(s: IngestSummary): string {
  const head = `${s.added} added, ${s.updated} updated, ${s.duplicates} duplicate${s.duplicates === 1 ? '' : 's'}, ${s.failed.length} failed` +
    (s.skipped.length ? `, ${s.skipped.length} skipped (not .txt, .html or .jsonl)` : '');
  const lines = s.failed.map((f) => `  failed: ${f.path}${f.line !== undefined ? `:${f.line}` : ''}: ${f.reason}${f.code ? ` [${f.code}]` : ''}`);
  return [head, ...lines].join('\n');
}
