// TEMPORARY in-memory store for poller tests until the SQLite store has feed tables.
import { canonicalUrl, type Store } from '../../store/store.js';
import type { FeedPoll, FeedRecord, FeedStore } from './types.js';
import type { ArticleResult } from '../../result.js';

export type TestStore = Store & FeedStore;

export async function openTestStore(_dir: string): Promise<TestStore> {
  const articles: { id: number; hash: string; canon: string | null; url: string | null; result: ArticleResult; version: string }[] = [];
  const feeds: (FeedRecord & { seen: Map<string, number | null> })[] = [];
  const view = (f: (typeof feeds)[number]): FeedRecord => { const { seen, ...rest } = f; return { ...rest, entriesSeen: seen.size }; };
  const s: Partial<TestStore> = {
    async saveArticle(result, meta) {
      const canon = canonicalUrl(meta.url ?? result.url);
      const dup = articles.find((a) => a.hash === meta.contentHash || (canon && a.canon === canon));
      if (dup) return { articleId: dup.id, status: 'duplicate', duplicateOf: { articleId: dup.id, by: dup.hash === meta.contentHash ? 'content' : 'url' } };
      const id = articles.length + 1;
      articles.push({ id, hash: meta.contentHash, canon, url: meta.url ?? result.url, result, version: meta.pipelineVersion });
      return { articleId: id, status: 'added' };
    },
    async findArticle(key) {
      const canon = canonicalUrl(key.url);
      const a = articles.find((x) => (key.contentHash && x.hash === key.contentHash) || (canon && x.canon === canon));
      return a ? { articleId: a.id, pipelineVersion: a.version } : null;
    },
    async getArticle(id) {
      const a = articles.find((x) => x.id === id);
      return a ? ({ id, title: a.result.title, published: a.result.published, url: a.url, result: a.result } as never) : null;
    },
    async listArticles() {
      return { total: articles.length, items: articles.map((a) => ({ id: a.id, title: a.result.title, published: a.result.published, url: a.url })) as never, nextCursor: null };
    },
    async close() {},
    async addFeed(url, o) {
      const f = feeds.find((x) => x.url === url);
      if (f) return { feed: view(f), created: false };
      const n = { id: feeds.length + 1, url, title: o?.title ?? null, addedAt: new Date().toISOString(), etag: null, lastModified: null, lastPolledAt: null, lastStatus: null, lastError: null, failures: 0, nextPollAt: null, entriesSeen: 0, seen: new Map() };
      feeds.push(n);
      return { feed: view(n), created: true };
    },
    async listFeeds() { return feeds.map(view); },
    async dueFeeds(now) { return feeds.filter((f) => f.nextPollAt === null || Date.parse(f.nextPollAt) <= now.getTime()).map(view); },
    async recordFeedPoll(id, p: FeedPoll) {
      const i = feeds.findIndex((f) => f.id === id);
      const f = feeds[i];
      feeds[i] = { ...f, lastPolledAt: p.polledAt, lastStatus: p.status, etag: p.etag, lastModified: p.lastModified, lastError: p.error, failures: p.failures, nextPollAt: p.nextPollAt, title: f.title ?? p.title ?? null };
    },
    async markEntrySeen(id, key, articleId) { feeds.find((f) => f.id === id)!.seen.set(key, articleId ?? null); },
    async isEntrySeen(id, key) { return feeds.find((f) => f.id === id)!.seen.has(key); },
  };
  return s as TestStore;
}
