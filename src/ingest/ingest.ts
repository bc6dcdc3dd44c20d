// Loading articles into the store: every file or JSONL line runs extractArticle then
// saveArticle. A bad file or line is reported and the run goes on. Content already stored by
// the same pipeline version is recognised by its hash before any analysis runs.

import { InputError, NewsgraphError } from '../doc/errors.js';
import { extractArticle, inputFromJson } from '../extract/article.js';
import { DEFAULT_INPUT_LIMITS, type ArticleInput, type InputLimits } from '../extract/index.js';
import { PIPELINE_VERSION } from '../pipeline.js';
import type { ArticleResult } from '../result.js';
import { contentHash, type SaveOutcome, type Store } from '../store/store.js';
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
  const pipelineVersion = options.pipelineVersion ?? PIPELINE_VERSION;
  const hash = contentHash(raw);
  const url = input.url ?? null;
  const byContent = await store.findArticle({ contentHash: hash });
  const known = byContent ?? (url ? await store.findArticle({ url }) : null);
  if (known && known.pipelineVersion === pipelineVersion) {
    return { articleId: known.articleId, status: 'duplicate', duplicateOf: { articleId: known.articleId, by: byContent ? 'content' : 'url' } };
  }
  const result = (options.analyse ?? defaultAnalyse)(input, options.limits ?? DEFAULT_INPUT_LIMITS);
  if (!result.text.trim()) throw new InputError('EMPTY_ARTICLE', 'no article text found');
  return store.saveArticle(result, { contentHash: hash, pipelineVersion, url, origin: options.origin ?? null });
}

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
            count(await ingestInput(store, withDate, raw, { ...options, limits, origin: `${found.path}:${line}${id !== null ? `#${id}` : ''}` }));
          } catch (err) {
            fail(found.path, err, line);
          }
          progress(found.path);
        }
      } catch (err) {
        fail(found.path, err);
        progress(found.path);
      }
      continue;
    }
    try {
      const raw = readArticleFile(found.path, limits.maxInputChars);
      const input: ArticleInput = found.kind === 'html' ? { kind: 'html', html: raw, published } : { kind: 'text', text: raw, published };
      count(await ingestInput(store, input, raw, { ...options, limits, origin: found.path }));
    } catch (err) {
      fail(found.path, err);
    }
    progress(found.path);
  }
  return summary;
}

/** "3 added, 1 updated, 2 duplicates, 1 failed" and one line per failure. */
export function formatSummary(s: IngestSummary): string {
  const head = `${s.added} added, ${s.updated} updated, ${s.duplicates} duplicate${s.duplicates === 1 ? '' : 's'}, ${s.failed.length} failed` +
    (s.skipped.length ? `, ${s.skipped.length} skipped (not .txt, .html or .jsonl)` : '');
  const lines = s.failed.map((f) => `  failed: ${f.path}${f.line !== undefined ? `:${f.line}` : ''}: ${f.reason}${f.code ? ` [${f.code}]` : ''}`);
  return [head, ...lines].join('\n');
}
