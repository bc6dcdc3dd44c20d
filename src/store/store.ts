// The knowledge base: articles, canonical entities across articles, quotes, and search.
// The interface is task-shaped and async so an implementation over a server database
// (PostgreSQL) can follow with the same methods; src/store/conformance.ts is the suite every
// implementation passes. The SQLite implementation is in src/store/sqlite/.

import { createHash } from 'node:crypto';
import type { ArticleResult } from '../result.js';
import type { AccountStore } from './accounts.js';

/** Everything about an article that is not in its ArticleResult. */
export interface SaveMeta {
  /** Hash of the raw input (see contentHash()): the same content is the same article. */
  readonly contentHash: string;
  /** PIPELINE_VERSION of the analysis that produced the result. */
  readonly pipelineVersion: string;
  /** Where the article was read from, when the result does not say (JSONL "url", fetched URL). */
  readonly url?: string | null;
  /** Where the input came from on disk ("folder/file.html", "batch.jsonl:12"), for display. */
  readonly origin?: string | null;
}

export type SaveStatus = 'added' | 'duplicate' | 'updated';

export interface SaveOutcome {
  readonly articleId: number;
  readonly status: SaveStatus;
  /** For a duplicate: why it is one. */
  /**
   * For a duplicate: why it is one. `near`: the same story with small edits (similarity is the
   * estimated Jaccard similarity of their texts); `source`: its "Source:" line names the stored
   * article and the texts agree. Near-duplicates are recorded against the original, not stored twice.
   */
  readonly duplicateOf?: { readonly articleId: number; readonly by: 'content' | 'url' | 'near' | 'source'; readonly similarity?: number };
}

export interface ArticleSummary {
  readonly id: number;
  readonly title: string | null;
  readonly published: string | null;
  readonly url: string | null;
  readonly publisher: string | null;
  readonly quoteCount: number;
  readonly entityCount: number;
  readonly pipelineVersion: string;
  readonly ingestedAt: string;
}

/** A republished copy of a stored article, recorded instead of stored twice. */
export interface ArticleCopy {
  readonly url: string | null;
  readonly title: string | null;
  readonly publisher: string | null;
  readonly similarity: number;
  readonly by: 'near' | 'source';
  readonly seenAt: string;
}

export interface StoredArticle extends ArticleSummary {
  readonly contentHash: string;
  readonly canonicalUrl: string | null;
  readonly origin: string | null;
  /** The stored result, as the pipeline produced it (entity ids are the article's own). */
  readonly result: ArticleResult;
  /** The article's entity ids ("e1") → canonical store entity ids. */
  readonly entityIds: Readonly<Record<string, number>>;
  /** Near-duplicate copies seen of this article (republished with small edits). */
  readonly copies?: readonly ArticleCopy[];
}

export interface EntitySummary {
  readonly id: number;
  readonly name: string;
  readonly type: string;
  readonly articleCount: number;
  readonly mentionCount: number;
  readonly quoteCount: number;
}

export interface StoredEntity extends EntitySummary {
  /** Every surface form seen for the entity, most frequent first. */
  readonly aliases: readonly { readonly text: string; readonly count: number }[];
  readonly roles: readonly string[];
}

export interface StoredSpeaker {
  /** Canonical entity, when the speaker was resolved to one. */
  readonly entityId: number | null;
  readonly name: string | null;
  /** The words in the article that name the speaker. */
  readonly text: string;
}

export interface StoredQuote {
  readonly id: number;
  readonly articleId: number;
  readonly kind: string;
  readonly text: string;
  readonly start: number;
  readonly end: number;
  readonly cue: string | null;
  readonly speaker: StoredSpeaker | null;
  readonly via: StoredSpeaker | null;
  readonly saidOn: string | null;
  readonly published: string | null;
  /** said_on (year filled from published when only month and day are known) ?? published. */
  readonly when: string | null;
  readonly publisher: string | null;
  readonly title: string | null;
  readonly url: string | null;
}

export interface Page<T> {
  readonly total: number;
  readonly items: readonly T[];
}

export interface ListArticlesOptions {
  readonly limit?: number;
  readonly offset?: number;
  /** Opaque: the nextCursor of the previous page (newest first). Takes precedence over offset. */
  readonly cursor?: string | null;
  /** Publisher domain or name. */
  readonly source?: string;
}

export interface ListEntitiesOptions {
  readonly type?: string;
  /** A name or alias, or its start ("pesk"). */
  readonly q?: string;
  readonly limit?: number;
  readonly offset?: number;
}

export interface PageOptions {
  readonly limit?: number;
  readonly offset?: number;
}

/** An entity given by id, or by name (any alias; a single word also matches surnames). */
export type EntityRef = number | string;

export interface SearchOptions {
  readonly speaker?: EntityRef;
  /** About whom: quotes whose words mention the entity, articles that mention it. */
  readonly entity?: EntityRef;
  /** Publisher domain or name ("reuters.com"). */
  readonly publisher?: string;
  /** Inclusive ISO dates (YYYY-MM-DD). */
  readonly publishedFrom?: string;
  readonly publishedTo?: string;
  /** Inclusive ISO dates on when a quote was said (said_on ?? published). */
  readonly saidFrom?: string;
  readonly saidTo?: string;
  /** Quote kind: direct, indirect, partial, mixed, refusal, belief, stance. */
  readonly kind?: string;
  /** Restrict to hits of one type. Quote-only filters (speaker, kind, said*) imply 'quote'. */
  readonly type?: 'quote' | 'article';
  readonly limit?: number;
  readonly offset?: number;
}

export interface SearchHit {
  readonly type: 'quote' | 'article';
  /** Quote id or article id, by type. */
  readonly id: number;
  readonly articleId: number;
  /** Matched words marked with MARK_OPEN … MARK_CLOSE. */
  readonly snippet: string;
  /** Higher is better; comparable within one result list. */
  readonly score: number;
  readonly title: string | null;
  readonly published: string | null;
  readonly publisher: string | null;
  readonly url: string | null;
  /** Quote hits only. */
  readonly kind?: string;
  readonly speaker?: StoredSpeaker | null;
  readonly saidOn?: string | null;
}

export interface SearchResult {
  /** Matches in all; with totalIsLowerBound, at least this many ("10,000+"). */
  readonly total: number;
  /**
   * Optional: true when the store stopped counting (too many matches to count cheaply) and
   * `total` is a lower bound. Absent or false: `total` is exact.
   */
  readonly totalIsLowerBound?: boolean;
  readonly hits: readonly SearchHit[];
  /** The full-text expression actually run (after sanitising), or null for a filter-only search. */
  readonly query: string | null;
}

export interface SourceSummary {
  readonly publisher: string;
  readonly articles: number;
  readonly firstPublished: string | null;
  readonly lastPublished: string | null;
}

// ---- feeds -------------------------------------------------------------------------------

export type FeedPollStatus = 'ok' | 'not-modified' | 'error';

export interface FeedRecord {
  readonly id: number;
  readonly url: string;
  readonly title: string | null;
  readonly addedAt: string;
  /** Validators from the last successful fetch, sent back as If-None-Match / If-Modified-Since. */
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly lastPolledAt: string | null;
  readonly lastStatus: FeedPollStatus | null;
  /** The last failure's reason ("TIMEOUT: …"), cleared by a successful poll. */
  readonly lastError: string | null;
  /** Consecutive failed polls (drives the back-off). */
  readonly failures: number;
  /** When the feed is next due; null = now. */
  readonly nextPollAt: string | null;
  readonly entriesSeen: number;
}

export interface FeedPoll {
  readonly polledAt: string;
  readonly status: FeedPollStatus;
  readonly etag: string | null;
  readonly lastModified: string | null;
  readonly error: string | null;
  readonly failures: number;
  readonly nextPollAt: string;
  /** The feed's own title, kept only when the feed has none yet. */
  readonly title?: string | null;
}

export interface FeedStore {
  /** Adds a feed by URL, or returns the one already there (created: false). */
  addFeed(url: string, options?: { title?: string | null }): Promise<{ feed: FeedRecord; created: boolean }>;
  listFeeds(): Promise<FeedRecord[]>;
  /** Feeds never polled or whose next poll time is at or before now, most overdue first. */
  dueFeeds(now: Date): Promise<FeedRecord[]>;
  recordFeedPoll(feedId: number, poll: FeedPoll): Promise<void>;
  /** Remembers an entry key (guid:…, link:…) as handled for the feed. */
  markEntrySeen(feedId: number, key: string, articleId?: number | null): Promise<void>;
  isEntrySeen(feedId: number, key: string): Promise<boolean>;
}

/** One article of a batch save. */
export interface SaveItem {
  readonly result: ArticleResult;
  readonly meta: SaveMeta;
}

/** The outcome of one article of a batch save: saved (added, duplicate, updated), or failed alone. */
export type SaveItemOutcome = { readonly ok: true; readonly outcome: SaveOutcome } | { readonly ok: false; readonly error: Error };

export interface Store extends FeedStore, AccountStore {
  /** Saves one analysed article in one transaction: all of it or none of it. */
  saveArticle(result: ArticleResult, meta: SaveMeta): Promise<SaveOutcome>;
  /**
   * Optional: saves several articles in one transaction (much faster: one commit, one full-text
   * index flush). Each article is still all or nothing: one that fails is rolled back alone and
   * reported in its place; the others are saved. Outcomes are in input order. Callers use
   * saveArticles() below, which falls back to saveArticle one by one.
   */
  saveArticles?(items: readonly SaveItem[]): Promise<SaveItemOutcome[]>;
  /** The stored article with this content hash or canonical URL, if any (a cheap pre-check before analysis). */
  findArticle(key: { contentHash?: string; url?: string | null }): Promise<{ articleId: number; pipelineVersion: string } | null>;
  getArticle(id: number): Promise<StoredArticle | null>;
  listArticles(options?: ListArticlesOptions): Promise<Page<ArticleSummary> & { nextCursor: string | null }>;
  /** A merged-away id answers with the entity it was merged into. */
  getEntity(id: number): Promise<StoredEntity | null>;
  listEntities(options?: ListEntitiesOptions): Promise<Page<EntitySummary>>;
  /** Entities an id or name refers to (a name may be ambiguous). */
  resolveEntity(ref: EntityRef): Promise<EntitySummary[]>;
  /** Moves everything of fromId (mentions, quotes, aliases, names) to intoId; fromId then redirects. */
  mergeEntities(intoId: number, fromId: number): Promise<StoredEntity>;
  /** Quotes the entity said, oldest first (said_on ?? published). */
  quotesBySpeaker(entityId: number, options?: PageOptions): Promise<Page<StoredQuote>>;
  /** Quotes whose words mention the entity, oldest first. */
  quotesMentioning(entityId: number, options?: PageOptions): Promise<Page<StoredQuote>>;
  search(query: string, options?: SearchOptions): Promise<SearchResult>;
  listSources(): Promise<SourceSummary[]>;
  close(): Promise<void>;
}

/** A batch save through store.saveArticles when the store has it, else saveArticle one by one. */
export async function saveArticles(store: Store, items: readonly SaveItem[]): Promise<SaveItemOutcome[]> {
  if (store.saveArticles) return store.saveArticles(items);
  const out: SaveItemOutcome[] = [];
  for (const item of items) {
    try {
      out.push({ ok: true, outcome: await store.saveArticle(item.result, item.meta) });
    } catch (err) {
      out.push({ ok: false, error: err instanceof Error ? err : new Error(String(err)) });
    }
  }
  return out;
}

export const MARK_OPEN = '**';
export const MARK_CLOSE = '**';
export const DEFAULT_LIMIT = 20;
export const MAX_LIMIT = 1000;

/** The content hash of a raw input: whitespace runs and Unicode forms do not make a new article. */
export function contentHash(raw: string): string {
  const normalised = raw.normalize('NFC').replace(/\s+/g, ' ').trim();
  return 'sha256:' + createHash('sha256').update(normalised, 'utf8').digest('hex');
}

/** The URL used to tell duplicates: no fragment, no tracking parameters, no "www.", https. */
export function canonicalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let u: URL;
  try {
    u = new URL(url.trim());
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.protocol = 'https:';
  u.hostname = u.hostname.toLowerCase().replace(/^www\./, '');
  u.hash = '';
  u.port = '';
  for (const key of [...u.searchParams.keys()]) {
    if (/^(?:utm_\w+|fbclid|gclid|mc_cid|mc_eid|ref|cmpid|ocid)$/i.test(key)) u.searchParams.delete(key);
  }
  u.searchParams.sort();
  let out = u.toString();
  if (u.pathname.length > 1 && out.endsWith('/')) out = out.slice(0, -1);
  return out.replace(/\/\?/, '?').replace(/\?$/, '');
}

/** Name matching key: case, accents, "the", possessives, dots and spacing do not count. */
export function normaliseName(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[’‘`´]/g, "'")
    .replace(/[‐‑‒–—]/g, '-')
    .replace(/^the\s+/, '')
    .replace(/'s$/, '')
    .replace(/\./g, ' ')
    .replace(/[^\p{L}\p{N}'\- ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The surname of a multi-word person name ("dmitry peskov" → "peskov", "bashar al-assad" → "assad"), else null. */
export function surnameOf(normalisedName: string): string | null {
  const words = normalisedName.split(' ').filter((w) => !/^(?:jr|sr|ii|iii|iv)$/.test(w));
  if (words.length < 2) return null;
  return stripParticle(words[words.length - 1]);
}

export function stripParticle(word: string): string {
  return word.replace(/^(?:al|el|ad|as|an|ar|ash)-/, '');
}

/**
 * When a quote was said: said_on when it is a full date; "XXXX-12-09" takes the year of
 * publication (the previous year when that would put it after publication); else published.
 */
export function quoteWhen(saidOn: string | null | undefined, published: string | null | undefined): string | null {
  const pub = published ? published.slice(0, 10) : null;
  if (saidOn && /^\d{4}-\d{2}-\d{2}/.test(saidOn)) return saidOn.slice(0, 10);
  if (saidOn && pub && /^XXXX-\d{2}-\d{2}/.test(saidOn)) {
    let year = Number(pub.slice(0, 4));
    if (`${year}${saidOn.slice(4, 10)}` > pub) year -= 1;
    return `${String(year).padStart(4, '0')}${saidOn.slice(4, 10)}`;
  }
  return pub;
}

export function clampLimit(limit: number | undefined, fallback = DEFAULT_LIMIT): number {
  if (limit === undefined || !Number.isFinite(limit)) return fallback;
  return Math.max(0, Math.min(MAX_LIMIT, Math.floor(limit)));
}

export function clampOffset(offset: number | undefined): number {
  if (offset === undefined || !Number.isFinite(offset)) return 0;
  return Math.max(0, Math.floor(offset));
}
