// Feed subscriptions and poll state in PostgreSQL (migration 2), as in SQLite. Also the claim
// the job queue's scheduler uses so that, with many workers, each due feed is polled once:
// claimDueFeeds locks due rows with SKIP LOCKED and pushes their next poll time forward in the
// same transaction (the poll itself then records the real next time).

import type pg from 'pg';
import type { FeedPoll, FeedRecord } from '../store.js';
import { iso, toFeed, type FeedRow } from '../rows.js';


const FEED_SELECT = `SELECT f.*, (SELECT count(*)::int FROM feed_entries e WHERE e.feed_id = f.id) AS entries_seen FROM feeds f`;

export class PgFeeds {
  constructor(private readonly pool: pg.Pool) {}

  async addFeed(url: string, options: { title?: string | null } = {}): Promise<{ feed: FeedRecord; created: boolean }> {
    const inserted = await this.pool.query<{ id: number }>(
      'INSERT INTO feeds (url, title, added_at) VALUES ($1, $2, $3) ON CONFLICT (url) DO NOTHING RETURNING id',
      [url, options.title?.trim() || null, new Date().toISOString()],
    );
    const created = inserted.rows.length > 0;
    const row = (await this.pool.query<FeedRow>(`${FEED_SELECT} WHERE f.url = $1`, [url])).rows[0];
    return { feed: toFeed(row), created };
  }

  async listFeeds(): Promise<FeedRecord[]> {
    return (await this.pool.query<FeedRow>(`${FEED_SELECT} ORDER BY f.id`)).rows.map(toFeed);
  }

  async getFeed(id: number): Promise<FeedRecord | null> {
    const row = (await this.pool.query<FeedRow>(`${FEED_SELECT} WHERE f.id = $1`, [id])).rows[0];
    return row ? toFeed(row) : null;
  }

  async dueFeeds(now: Date): Promise<FeedRecord[]> {
    const rows = await this.pool.query<FeedRow>(
      `${FEED_SELECT} WHERE f.next_poll_at IS NULL OR f.next_poll_at <= $1 ORDER BY f.next_poll_at IS NOT NULL, f.next_poll_at COLLATE "C", f.id`,
      [now.toISOString()],
    );
    return rows.rows.map(toFeed);
  }

  /** False when there is no such feed. */
  async recordFeedPoll(feedId: number, poll: FeedPoll): Promise<boolean> {
    const res = await this.pool.query(
      `UPDATE feeds SET last_polled_at = $2, last_status = $3, etag = $4, last_modified = $5, last_error = $6, failures = $7,
         next_poll_at = $8, title = COALESCE(title, $9) WHERE id = $1`,
      [feedId, iso(poll.polledAt), poll.status, poll.etag, poll.lastModified, poll.error, poll.failures, iso(poll.nextPollAt), poll.title?.trim() || null],
    );
    return (res.rowCount ?? 0) > 0;
  }

  async markEntrySeen(feedId: number, key: string, articleId: number | null = null): Promise<void> {
    await this.pool.query(
      `INSERT INTO feed_entries (feed_id, key, article_id, seen_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (feed_id, key) DO UPDATE SET article_id = COALESCE(excluded.article_id, feed_entries.article_id)`,
      [feedId, key, articleId, new Date().toISOString()],
    );
  }

  async isEntrySeen(feedId: number, key: string): Promise<boolean> {
    return ((await this.pool.query('SELECT 1 FROM feed_entries WHERE feed_id = $1 AND key = $2', [feedId, key])).rowCount ?? 0) > 0;
  }

  /**
   * Claims up to `limit` due feeds for polling, exactly once across concurrent callers: the due
   * rows are locked (SKIP LOCKED: rows another caller holds are passed over) and their next poll
   * time is moved to now + holdMs in the same statement, so no other caller sees them as due
   * until the poll records its real outcome (or, if the poller dies, until holdMs has passed).
   * Run it in the caller's transaction (the queue enqueues the poll jobs there, so a claim and
   * its jobs commit together).
   */
  async claimDueFeeds(client: pg.PoolClient, now: Date, holdMs: number, limit: number): Promise<FeedRecord[]> {
    const rows = await client.query<FeedRow>(
      `UPDATE feeds f SET next_poll_at = $2
       WHERE f.id IN (SELECT id FROM feeds WHERE next_poll_at IS NULL OR next_poll_at <= $1
                      ORDER BY next_poll_at IS NOT NULL, next_poll_at COLLATE "C", id LIMIT $3 FOR UPDATE SKIP LOCKED)
       RETURNING f.*, 0 AS entries_seen`,
      [now.toISOString(), new Date(now.getTime() + holdMs).toISOString(), limit],
    );
    return rows.rows.map(toFeed);
  }
}
