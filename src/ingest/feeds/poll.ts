// Polling feeds: fetch each due feed with a conditional GET, parse it, ingest the entries not
// seen before (the linked page, or the entry's own content when it is full or the page cannot
// be read), and record the outcome: validators, status, error, consecutive failures and the
// next poll time (regular interval, or exponential back-off with a cap).

import { NewsgraphError } from '../../doc/errors.js';
import { canonicalUrl, contentHash, type Store } from '../../store/store.js';
import { fetchPage, type FetchLimits } from '../fetch.js';
import { fetchLimitsFrom, ingestHtml, ingestUrl, type IngestOutcome, type IngestUrlOptions } from '../url.js';
import { parseFeedDocument, type FeedEntry } from './parse.js';
import { DEFAULT_SCHEDULE, HostQueue, REAL_CLOCK, hostKey, mapLimit, nextPollAt, type Clock, type ScheduleOptions } from './schedule.js';
import type { FeedRecord, FeedStore } from './types.js';

export interface PollOptions extends Pick<IngestUrlOptions, 'timeoutMs' | 'maxBytes' | 'maxRedirects' | 'allowPrivate' | 'userAgent' | 'input'> {
  /** Minimum gap between the end of one request to a host and the start of the next (ms). */
  readonly minHostDelayMs?: number;
  /** Feeds polled at the same time (requests to one host are still one at a time). */
  readonly concurrency?: number;
  readonly schedule?: Partial<ScheduleOptions>;
  /** Poll every feed, due or not. */
  readonly all?: boolean;
  /** Only the first N entries of a feed are considered per poll. */
  readonly maxEntriesPerFeed?: number;
  /** An entry whose content has at least this many characters of text is ingested from the feed, without fetching the page. */
  readonly fullContentMinChars?: number;
  readonly now?: () => Date;
  readonly clock?: Clock;
  /** Progress, one line per event, for the CLI. */
  readonly onEvent?: (event: PollEvent) => void;
}

export const DEFAULT_POLL_OPTIONS = {
  minHostDelayMs: 1000,
  concurrency: 4,
  maxEntriesPerFeed: 50,
  fullContentMinChars: 1500,
} as const;

export type PollEvent =
  | { readonly type: 'feed'; readonly feed: FeedRecord; readonly status: 'ok' | 'not-modified' | 'error'; readonly entries?: number; readonly error?: string }
  | { readonly type: 'entry'; readonly feed: FeedRecord; readonly link: string | null; readonly outcome: IngestOutcome; readonly via: 'page' | 'feed-content' }
  | { readonly type: 'entry-error'; readonly feed: FeedRecord; readonly link: string | null; readonly error: string };

export interface PollFailure {
  readonly feedId: number;
  readonly feedUrl: string;
  /** The entry's link for an entry failure; null when the feed itself failed. */
  readonly entry: string | null;
  readonly code: string;
  readonly reason: string;
}

export interface PollSummary {
  readonly feedsPolled: number;
  readonly notModified: number;
  readonly newArticles: number;
  readonly duplicates: number;
  /** Entries skipped because this feed already delivered them. */
  readonly alreadySeen: number;
  readonly failures: readonly PollFailure[];
}

export async function pollFeeds(feedStore: FeedStore, articleStore: Store, options: PollOptions = {}): Promise<PollSummary> {
  const now = options.now ?? (() => new Date());
  const schedule: ScheduleOptions = { ...DEFAULT_SCHEDULE, ...options.schedule };
  const queue = new HostQueue(options.minHostDelayMs ?? DEFAULT_POLL_OPTIONS.minHostDelayMs, options.clock ?? REAL_CLOCK);
  const limits = fetchLimitsFrom(options);
  const politeFetch = (url: string, l: FetchLimits) => queue.run(hostKey(url), () => fetchPage(url, l));
  const feeds = options.all ? await feedStore.listFeeds() : await feedStore.dueFeeds(now());
  const summary = { feedsPolled: 0, notModified: 0, newArticles: 0, duplicates: 0, alreadySeen: 0, failures: [] as PollFailure[] };
  const ctx: FeedContext = { feedStore, articleStore, options, schedule, limits, politeFetch, now, summary };
  await mapLimit(feeds, options.concurrency ?? DEFAULT_POLL_OPTIONS.concurrency, (feed) => pollOne(feed, ctx));
  return summary;
}

interface FeedContext {
  readonly feedStore: FeedStore;
  readonly articleStore: Store;
  readonly options: PollOptions;
  readonly schedule: ScheduleOptions;
  readonly limits: FetchLimits;
  readonly politeFetch: (url: string, limits: FetchLimits) => ReturnType<typeof fetchPage>;
  readonly now: () => Date;
  readonly summary: { feedsPolled: number; notModified: number; newArticles: number; duplicates: number; alreadySeen: number; failures: PollFailure[] };
}

const describe = (err: unknown) => ({
  code: err instanceof NewsgraphError ? err.code : 'INTERNAL',
  reason: err instanceof Error ? err.message : String(err),
});

async function pollOne(feed: FeedRecord, ctx: FeedContext): Promise<void> {
  const { feedStore, summary } = ctx;
  summary.feedsPolled++;
  const headers: Record<string, string> = {};
  if (feed.etag) headers['If-None-Match'] = feed.etag;
  if (feed.lastModified) headers['If-Modified-Since'] = feed.lastModified;

  let entries: readonly FeedEntry[];
  let etag: string | null;
  let lastModified: string | null;
  let title: string | null = null;
  try {
    const page = await ctx.politeFetch(feed.url, { ...ctx.limits, headers });
    if (page.notModified) {
      const at = ctx.now();
      await feedStore.recordFeedPoll(feed.id, {
        polledAt: at.toISOString(),
        status: 'not-modified',
        etag: page.etag ?? feed.etag,
        lastModified: page.lastModified ?? feed.lastModified,
        error: null,
        failures: 0,
        nextPollAt: nextPollAt(at, 0, ctx.schedule),
      });
      summary.notModified++;
      ctx.options.onEvent?.({ type: 'feed', feed, status: 'not-modified' });
      return;
    }
    const parsed = parseFeedDocument(page.body, page.url);
    entries = parsed.entries.slice(0, ctx.options.maxEntriesPerFeed ?? DEFAULT_POLL_OPTIONS.maxEntriesPerFeed);
    etag = page.etag;
    lastModified = page.lastModified;
    title = parsed.title;
  } catch (err) {
    const { code, reason } = describe(err);
    const at = ctx.now();
    const failures = feed.failures + 1;
    await feedStore.recordFeedPoll(feed.id, {
      polledAt: at.toISOString(),
      status: 'error',
      etag: feed.etag,
      lastModified: feed.lastModified,
      error: `${code}: ${reason}`,
      failures,
      nextPollAt: nextPollAt(at, failures, ctx.schedule),
    });
    summary.failures.push({ feedId: feed.id, feedUrl: feed.url, entry: null, code, reason });
    ctx.options.onEvent?.({ type: 'feed', feed, status: 'error', error: `${code}: ${reason}` });
    return;
  }

  ctx.options.onEvent?.({ type: 'feed', feed, status: 'ok', entries: entries.length });
  for (const entry of entries) await ingestEntry(feed, entry, ctx);

  const at = ctx.now();
  await feedStore.recordFeedPoll(feed.id, {
    polledAt: at.toISOString(),
    status: 'ok',
    etag,
    lastModified,
    error: null,
    failures: 0,
    nextPollAt: nextPollAt(at, 0, ctx.schedule),
    title,
  });
}

/** The keys an entry is remembered by: its guid and its canonical link (either one marks it seen). */
export function entryKeys(entry: Pick<FeedEntry, 'guid' | 'link' | 'title' | 'contentHtml' | 'summaryHtml'>): string[] {
  const keys: string[] = [];
  if (entry.guid) keys.push(`guid:${entry.guid}`);
  const link = canonicalUrl(entry.link);
  if (link) keys.push(`link:${link}`);
  if (!keys.length) {
    const body = (entry.title ?? '') + '\n' + (entry.contentHtml ?? entry.summaryHtml ?? '');
    if (body.trim()) keys.push(`hash:${contentHash(body)}`);
  }
  return keys;
}

/** Characters of text in an HTML fragment (tags and entities roughly removed). */
export function htmlTextLength(html: string): number {
  return html.replace(/<[^>]*>/g, ' ').replace(/&[#\w]+;/g, ' ').replace(/\s+/g, ' ').trim().length;
}

async function ingestEntry(feed: FeedRecord, entry: FeedEntry, ctx: FeedContext): Promise<void> {
  const { feedStore, articleStore, summary, options } = ctx;
  const keys = entryKeys(entry);
  if (!keys.length) return;
  for (const key of keys) {
    if (await feedStore.isEntrySeen(feed.id, key)) {
      summary.alreadySeen++;
      return;
    }
  }
  const origin = `feed:${feed.url}`;
  const fromContent = (html: string) =>
    ingestHtml(html, articleStore, { url: entry.link, title: entry.title, published: entry.publishedDate, origin }, { input: options.input });
  const full = entry.contentHtml !== null && htmlTextLength(entry.contentHtml) >= (options.fullContentMinChars ?? DEFAULT_POLL_OPTIONS.fullContentMinChars);
  let outcome: IngestOutcome;
  let via: 'page' | 'feed-content' = 'page';
  try {
    if (full || !entry.link) {
      if (!entry.contentHtml) throw new NewsgraphError('NO_CONTENT', 'The entry has neither a link nor content.');
      via = 'feed-content';
      outcome = await fromContent(entry.contentHtml);
    } else {
      try {
        outcome = await ingestUrl(entry.link, articleStore, {
          timeoutMs: ctx.limits.timeoutMs,
          maxBytes: ctx.limits.maxBytes,
          maxRedirects: ctx.limits.maxRedirects,
          allowPrivate: ctx.limits.allowPrivate,
          userAgent: ctx.limits.userAgent,
          input: options.input,
          published: entry.publishedDate,
          origin,
          fetcher: ctx.politeFetch,
        });
      } catch (err) {
        // The page could not be fetched or read: the entry's own content, when it has some.
        if (!entry.contentHtml || !(err instanceof NewsgraphError)) throw err;
        via = 'feed-content';
        outcome = await fromContent(entry.contentHtml);
      }
    }
  } catch (err) {
    const { code, reason } = describe(err);
    summary.failures.push({ feedId: feed.id, feedUrl: feed.url, entry: entry.link, code, reason });
    options.onEvent?.({ type: 'entry-error', feed, link: entry.link, error: `${code}: ${reason}` });
    return;
  }
  if (outcome.status === 'duplicate') summary.duplicates++;
  else summary.newArticles++;
  for (const key of keys) await feedStore.markEntrySeen(feed.id, key, outcome.articleId);
  options.onEvent?.({ type: 'entry', feed, link: entry.link, outcome, via });
}
