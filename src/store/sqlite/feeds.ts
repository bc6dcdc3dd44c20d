// Feed subscriptions and poll state in SQLite: the feeds table (validators, status, error,
// consecutive failures, next poll time) and the entries each feed has delivered.

import type Database from 'better-sqlite3';
import type { FeedPoll, FeedRecord } from '../store.js';
import { iso, toFeed, type FeedRow } from '../rows.js';


export function FEEDS_MIGRATION_UP(db: Database.Database): void {
  db.exec(`
    CREATE TABLE feeds (
      id             INTEGER PRIMARY KEY,
      url            TEXT NOT NULL UNIQUE,
      title          TEXT,
      added_at       TEXT NOT NULL,
      etag           TEXT,
      last_modified  TEXT,
      last_polled_at TEXT,
      last_status    TEXT,                  -- ok | not-modified | error
      last_error     TEXT,
      failures       INTEGER NOT NULL DEFAULT 0,
      next_poll_at   TEXT                   -- NULL: due now
    );
    CREATE INDEX feeds_next_poll ON feeds(next_poll_at);

    -- Entry keys (guid:…, link:…, hash:…) a feed has delivered, so they are not ingested twice.
    CREATE TABLE feed_entries (
      feed_id    INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
      key        TEXT NOT NULL,
      article_id INTEGER REFERENCES articles(id) ON DELETE SET NULL,
      seen_at    TEXT NOT NULL,
      PRIMARY KEY (feed_id, key)
    ) WITHOUT ROWID;
  `);
}

const FEED_SELECT = `SELECT f.*, (SELECT COUNT(*) FROM feed_entries e WHERE e.feed_id = f.id) AS entries_seen FROM feeds f`;

export class SqliteFeeds {
  constructor(private readonly db: Database.Database) {}

  addFeed(url: string, options: { title?: string | null } = {}): { feed: FeedRecord; created: boolean } {
    return this.db.transaction(() => {
      const existing = this.db.prepare(`${FEED_SELECT} WHERE f.url = ?`).get(url) as FeedRow | undefined;
      if (existing) return { feed: toFeed(existing), created: false };
      const id = Number(this.db.prepare('INSERT INTO feeds (url, title, added_at) VALUES (?, ?, ?)').run(url, options.title?.trim() || null, new Date().toISOString()).lastInsertRowid);
      return { feed: toFeed(this.db.prepare(`${FEED_SELECT} WHERE f.id = ?`).get(id) as FeedRow), created: true };
    })();
  }

  listFeeds(): FeedRecord[] {
    return (this.db.prepare(`${FEED_SELECT} ORDER BY f.id`).all() as FeedRow[]).map(toFeed);
  }

  dueFeeds(now: Date): FeedRecord[] {
    const rows = this.db
      .prepare(`${FEED_SELECT} WHERE f.next_poll_at IS NULL OR f.next_poll_at <= ? ORDER BY f.next_poll_at IS NOT NULL, f.next_poll_at, f.id`)
      .all(now.toISOString()) as FeedRow[];
    return rows.map(toFeed);
  }

  /** False when there is no such feed. */
  recordFeedPoll(feedId: number, poll: FeedPoll): boolean {
    const res = this.db
      .prepare(
        `UPDATE feeds SET last_polled_at = @polledAt, last_status = @status, etag = @etag, last_modified = @lastModified,
           last_error = @error, failures = @failures, next_poll_at = @nextPollAt, title = COALESCE(title, @title)
         WHERE id = @id`,
      )
      .run({
        id: feedId,
        polledAt: iso(poll.polledAt),
        status: poll.status,
        etag: poll.etag,
        lastModified: poll.lastModified,
        error: poll.error,
        failures: poll.failures,
        nextPollAt: iso(poll.nextPollAt),
        title: poll.title?.trim() || null,
      });
    return res.changes > 0;
  }

  markEntrySeen(feedId: number, key: string, articleId: number | null = null): void {
    this.db
      .prepare('INSERT INTO feed_entries (feed_id, key, article_id, seen_at) VALUES (?, ?, ?, ?) ON CONFLICT (feed_id, key) DO UPDATE SET article_id = COALESCE(excluded.article_id, article_id)')
      .run(feedId, key, articleId, new Date().toISOString());
  }

  isEntrySeen(feedId: number, key: string): boolean {
    return this.db.prepare('SELECT 1 FROM feed_entries WHERE feed_id = ? AND key = ?').get(feedId, key) !== undefined;
  }
}
