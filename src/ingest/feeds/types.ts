// Feed state as the poller needs it. The Store implements these methods (src/store/store.ts
// re-exports the types); the poller takes the feed store and the article store separately.

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
