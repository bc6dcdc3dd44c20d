// What each job kind does: the same pipeline functions the CLI and the API call. A handler
// returns a small JSON result (kept on the job) or throws; PermanentJobError and input errors
// that retrying cannot fix send the job to the dead-letter state at once.
//
// Every handler is idempotent: the store recognises stored content (hash, canonical URL)
// before analysis and saveArticle is one transaction, so a job run twice (its first worker was
// presumed dead while still working) stores its article once.

import { InputError, NewsgraphError } from '../doc/errors.js';
import { extractArticle } from '../extract/article.js';
import type { ArticleInput } from '../extract/index.js';
import { FetchError } from '../ingest/fetch.js';
import { pollFeeds } from '../ingest/feeds/poll.js';
import { ingestInput, ingestPaths } from '../ingest/ingest.js';
import { ingestUrl } from '../ingest/url.js';
import { PIPELINE_VERSION } from '../pipeline.js';
import type { PostgresStore } from '../store/postgres/index.js';
import type { FeedStore } from '../store/store.js';
import { PermanentJobError, type ClaimedJob, type JobKind } from './queue.js';

export interface JobContext {
  readonly store: PostgresStore;
  /** Let URLs reach private, loopback and link-local addresses. */
  readonly allowPrivate?: boolean;
  readonly timeoutMs?: number;
}

export type JobHandler = (job: ClaimedJob, ctx: JobContext) => Promise<unknown>;

const str = (p: Record<string, unknown>, k: string): string | null => (typeof p[k] === 'string' ? (p[k] as string) : null);

/** Error codes retrying cannot fix. */
const PERMANENT_CODES = new Set([
  'BAD_URL', 'PRIVATE_ADDRESS', 'IS_A_FEED', 'UNSUPPORTED_TYPE', 'EMPTY_ARTICLE', 'BAD_JSON', 'BAD_INPUT', 'TOO_LARGE', 'BAD_JOB', 'NOT_FOUND', 'INPUT_TOO_LARGE',
]);

export function isPermanent(err: unknown): boolean {
  if (err instanceof PermanentJobError) return true;
  if (err instanceof InputError) return true;
  if (err instanceof FetchError && err.code === 'HTTP_STATUS') return /HTTP 4(?:0[0-9]|1[0-9]|5[01])\b/.test(err.message) && !/HTTP 40[89]\b/.test(err.message);
  return err instanceof NewsgraphError && PERMANENT_CODES.has(err.code);
}

export const HANDLERS: Record<JobKind, JobHandler> = {
  async 'ingest-url'(job, ctx) {
    const url = str(job.payload, 'url');
    if (!url) throw new PermanentJobError('BAD_JOB', 'An ingest-url job needs a "url".');
    const out = await ingestUrl(url, ctx.store, {
      allowPrivate: ctx.allowPrivate,
      timeoutMs: ctx.timeoutMs,
      published: str(job.payload, 'published'),
      origin: str(job.payload, 'origin') ?? url,
    });
    return { articleId: out.articleId, status: out.status, title: out.title, url: out.url, duplicateOf: out.duplicateOf ?? null };
  },

  async 'ingest-text'(job, ctx) {
    const p = job.payload;
    const published = str(p, 'published');
    const url = str(p, 'url');
    const [input, raw]: [ArticleInput, string | null] =
      str(p, 'text') !== null ? [{ kind: 'text', text: str(p, 'text')!, published, url }, str(p, 'text')]
      : str(p, 'body') !== null ? [{ kind: 'body', body: str(p, 'body')!, published, url }, str(p, 'body')]
      : str(p, 'html') !== null ? [{ kind: 'html', html: str(p, 'html')!, published, url }, str(p, 'html')]
      : [{ kind: 'text', text: '' }, null];
    if (raw === null) throw new PermanentJobError('BAD_JOB', 'An ingest-text job needs "text", "body" or "html".');
    const out = await ingestInput(ctx.store, input, raw, { origin: str(p, 'origin') ?? `job:${job.id}` });
    return { articleId: out.articleId, status: out.status, duplicateOf: out.duplicateOf ?? null };
  },

  async 'ingest-file'(job, ctx) {
    const path = str(job.payload, 'path');
    if (!path) throw new PermanentJobError('BAD_JOB', 'An ingest-file job needs a "path" (on storage every worker sees).');
    const summary = await ingestPaths([path], ctx.store, { published: str(job.payload, 'published') });
    if (summary.added + summary.updated + summary.duplicates === 0 && summary.failed.length) {
      const f = summary.failed[0];
      throw new NewsgraphError(f.code ?? 'INGEST_FAILED', `${f.path}${f.line !== undefined ? `:${f.line}` : ''}: ${f.reason}`);
    }
    return { added: summary.added, updated: summary.updated, duplicates: summary.duplicates, failed: summary.failed.slice(0, 20), skipped: summary.skipped.length };
  },

  async reprocess(job, ctx) {
    const id = Number(job.payload.articleId);
    const article = Number.isInteger(id) ? await ctx.store.getArticle(id) : null;
    if (!article) throw new PermanentJobError('NOT_FOUND', `There is no article ${String(job.payload.articleId)}.`);
    if (article.pipelineVersion === PIPELINE_VERSION) return { articleId: id, status: 'duplicate', pipelineVersion: PIPELINE_VERSION };
    // The stored text, analysed again by this pipeline; the same content hash, so the article is updated in place.
    const input: ArticleInput = { kind: 'body', body: article.result.text, published: article.published?.slice(0, 10) ?? null, url: article.url };
    const { result } = extractArticle(input);
    const merged = { ...result, title: result.title ?? article.title, published: result.published ?? article.published, source: result.source ?? article.result.source };
    const saved = await ctx.store.saveArticle(merged, { contentHash: article.contentHash, pipelineVersion: PIPELINE_VERSION, url: article.url, origin: article.origin });
    return { articleId: saved.articleId, status: saved.status, pipelineVersion: PIPELINE_VERSION };
  },

  async 'feed-poll'(job, ctx) {
    const feedId = Number(job.payload.feedId);
    const feed = Number.isInteger(feedId) ? await ctx.store.feeds.getFeed(feedId) : null;
    if (!feed) throw new PermanentJobError('NOT_FOUND', `There is no feed ${String(job.payload.feedId)} (removed?).`);
    // The poller over this one feed: it records the outcome and the next poll time itself.
    const one: FeedStore = {
      addFeed: (u, o) => ctx.store.addFeed(u, o),
      listFeeds: async () => [feed],
      dueFeeds: async () => [feed],
      recordFeedPoll: (id, poll) => ctx.store.recordFeedPoll(id, poll),
      markEntrySeen: (id, key, articleId) => ctx.store.markEntrySeen(id, key, articleId),
      isEntrySeen: (id, key) => ctx.store.isEntrySeen(id, key),
    };
    const summary = await pollFeeds(one, ctx.store, { all: true, allowPrivate: ctx.allowPrivate, timeoutMs: ctx.timeoutMs });
    return { feedId, ...summary, failures: summary.failures.slice(0, 20) };
  },
};
