// A job queue in PostgreSQL with plain SQL (the `jobs` and `workers` tables of migration 4 in
// src/store/postgres/migrations.ts):
//
//   - claim: SELECT … FOR UPDATE SKIP LOCKED picks runnable jobs no other worker is taking, and
//     the same statement marks them running with a lease (locked_until) and a fresh lease token;
//   - leases: a worker extends its jobs' leases while it runs them; a job whose lease ran out
//     (its worker was SIGKILLed, lost the network, hung) is runnable again for any worker;
//   - fencing: complete/fail only apply with the lease token of the current claim, so a worker
//     that lost its lease cannot overwrite the outcome of the worker that took the job over;
//   - retries: a failed attempt waits base · 2^(attempt−1) (capped, ±10 % jitter), and after
//     max_attempts the job is dead (the dead-letter state), kept with its last error;
//   - idempotency: every job has a key (the canonical URL, the content hash, …); enqueueing a
//     key that exists returns the existing job (a dead one is revived instead).
//
// States: queued → running → done | retry (→ running …) | dead.

import os from 'node:os';
import crypto from 'node:crypto';
import type pg from 'pg';
import { NewsgraphError } from '../doc/errors.js';
import { PgFeeds } from '../store/postgres/feeds.js';
import { canonicalUrl, contentHash } from '../store/store.js';

export const JOB_KINDS = ['ingest-url', 'ingest-text', 'ingest-file', 'feed-poll', 'reprocess'] as const;
export type JobKind = (typeof JOB_KINDS)[number];
export const JOB_STATES = ['queued', 'running', 'retry', 'done', 'dead'] as const;
export type JobState = (typeof JOB_STATES)[number];
/** Filters the API takes: a state, or "failed" (retry or dead: the last attempt failed), or "pending" (queued or retry). */
export const JOB_FILTERS = [...JOB_STATES, 'failed', 'pending'] as const;
export type JobFilter = (typeof JOB_FILTERS)[number];

export const isJobKind = (s: unknown): s is JobKind => typeof s === 'string' && (JOB_KINDS as readonly string[]).includes(s);

export interface Job {
  readonly id: number;
  readonly kind: JobKind;
  readonly payload: Record<string, unknown>;
  readonly key: string | null;
  readonly state: JobState;
  readonly priority: number;
  readonly attempts: number;
  readonly maxAttempts: number;
  /** When it may run next (ISO). */
  readonly runAt: string;
  /** The worker holding it (running), or the last one that ran it. */
  readonly lockedBy: string | null;
  readonly lockedUntil: string | null;
  readonly lastError: string | null;
  readonly result: unknown;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

/** A job a worker has claimed: the lease token proves the claim is still its own. */
export interface ClaimedJob extends Job {
  readonly leaseToken: string;
}

export interface QueueOptions {
  /** How long a claim lasts without being extended (ms). Default 120 s. */
  readonly leaseMs?: number;
  /** Retry delay after the first failed attempt, doubled each time (ms). Default 10 s. */
  readonly backoffBaseMs?: number;
  /** Retry delays never exceed this (ms). Default 1 h. */
  readonly backoffMaxMs?: number;
  /** Attempts before a job is dead. Default 5. */
  readonly maxAttempts?: number;
}

export const DEFAULT_QUEUE_OPTIONS: Required<QueueOptions> = {
  leaseMs: 120_000,
  backoffBaseMs: 10_000,
  backoffMaxMs: 3_600_000,
  maxAttempts: 5,
};

export interface EnqueueOptions {
  /** The idempotency key; default: derived from the kind and payload (see defaultJobKey). */
  readonly key?: string | null;
  readonly maxAttempts?: number;
  readonly priority?: number;
  /** Not before (default now). */
  readonly runAt?: Date;
}

export interface WorkerInfo {
  readonly id: string;
  readonly host: string;
  readonly pid: number;
  readonly concurrency: number;
  readonly startedAt: string;
  readonly heartbeatAt: string;
  readonly stoppedAt: string | null;
}

/** An error that retrying cannot fix (bad input, a page that is not an article): the job goes dead at once. */
export class PermanentJobError extends NewsgraphError {}

interface JobRow {
  id: string;
  kind: JobKind;
  payload: Record<string, unknown>;
  idem_key: string | null;
  state: JobState;
  priority: number;
  attempts: number;
  max_attempts: number;
  run_at: Date;
  locked_by: string | null;
  lease_token: string | null;
  locked_until: Date | null;
  last_error: string | null;
  result: unknown;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);

function toJob(r: JobRow): Job {
  return {
    id: Number(r.id),
    kind: r.kind,
    payload: r.payload,
    key: r.idem_key,
    state: r.state,
    priority: r.priority,
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    runAt: r.run_at.toISOString(),
    lockedBy: r.locked_by,
    lockedUntil: isoOrNull(r.locked_until),
    lastError: r.last_error,
    result: r.result,
    createdAt: r.created_at.toISOString(),
    startedAt: isoOrNull(r.started_at),
    finishedAt: isoOrNull(r.finished_at),
  };
}

const FILTER_STATES: Record<JobFilter, readonly JobState[]> = {
  queued: ['queued'], running: ['running'], retry: ['retry'], done: ['done'], dead: ['dead'], failed: ['retry', 'dead'], pending: ['queued', 'retry'],
};

export function newWorkerId(): string {
  return `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
}

export class JobQueue {
  readonly options: Required<QueueOptions>;

  constructor(
    readonly pool: pg.Pool,
    options: QueueOptions = {},
  ) {
    this.options = { ...DEFAULT_QUEUE_OPTIONS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) };
  }

  /**
   * Adds a job, or returns the one with the same key (created: false). A dead job with the key
   * is revived (queued again with its attempts reset).
   */
  async enqueue(kind: JobKind, payload: Record<string, unknown>, options: EnqueueOptions = {}): Promise<{ job: Job; created: boolean }> {
    if (!isJobKind(kind)) throw new NewsgraphError('BAD_JOB', `Unknown job kind ${JSON.stringify(kind)}: one of ${JOB_KINDS.join(', ')}.`);
    const key = options.key === undefined ? defaultJobKey(kind, payload) : options.key;
    const res = await this.pool.query<JobRow & { inserted: boolean }>(
      `INSERT INTO jobs (kind, payload, idem_key, max_attempts, priority, run_at) VALUES ($1, $2, $3, $4, $5, COALESCE($6, now()))
       ON CONFLICT (idem_key) DO UPDATE SET state = 'queued', attempts = 0, run_at = now(), last_error = jobs.last_error, finished_at = NULL
         WHERE jobs.state = 'dead'
       RETURNING *, (xmax = 0) AS inserted`,
      [kind, JSON.stringify(payload), key, options.maxAttempts ?? this.options.maxAttempts, options.priority ?? 0, options.runAt ?? null],
    );
    if (res.rows[0]) return { job: toJob(res.rows[0]), created: res.rows[0].inserted };
    const existing = (await this.pool.query<JobRow>('SELECT * FROM jobs WHERE idem_key = $1', [key])).rows[0];
    if (!existing) return this.enqueue(kind, payload, options); // deleted in between: try again
    return { job: toJob(existing), created: false };
  }

  /**
   * Claims up to `limit` runnable jobs for a worker: queued or retry jobs whose time has come,
   * and running jobs whose lease ran out. Jobs other workers are claiming are skipped, never
   * waited for. Jobs whose lease ran out on their last allowed attempt go dead first.
   */
  async claim(workerId: string, limit = 1, kinds: readonly JobKind[] = JOB_KINDS): Promise<ClaimedJob[]> {
    await this.pool.query(
      `UPDATE jobs SET state = 'dead', finished_at = now(), lease_token = NULL, locked_until = NULL,
         last_error = 'LEASE_EXPIRED: worker ' || COALESCE(locked_by, '?') || ' stopped answering during attempt ' || attempts || ' of ' || max_attempts
       WHERE state = 'running' AND locked_until < now() AND attempts >= max_attempts`,
    );
    const res = await this.pool.query<JobRow>(
      `WITH c AS (
         SELECT id FROM jobs
         WHERE ((state IN ('queued', 'retry') AND run_at <= now()) OR (state = 'running' AND locked_until < now()))
           AND kind = ANY($3::text[])
         ORDER BY priority DESC, run_at, id
         LIMIT $2
         FOR UPDATE SKIP LOCKED)
       UPDATE jobs j SET
         last_error = CASE WHEN j.state = 'running' THEN 'LEASE_EXPIRED: worker ' || COALESCE(j.locked_by, '?') || ' stopped answering during attempt ' || j.attempts ELSE j.last_error END,
         state = 'running', attempts = j.attempts + 1, locked_by = $1, lease_token = gen_random_uuid(),
         locked_until = now() + $4 * interval '1 millisecond', started_at = now()
       FROM c WHERE j.id = c.id
       RETURNING j.*`,
      [workerId, limit, kinds, this.options.leaseMs],
    );
    return res.rows.map((r) => ({ ...toJob(r), leaseToken: r.lease_token! }));
  }

  /** Extends the leases of jobs still held; returns the tokens that are still valid. */
  async extend(leaseTokens: readonly string[]): Promise<string[]> {
    if (!leaseTokens.length) return [];
    const res = await this.pool.query<{ lease_token: string }>(
      `UPDATE jobs SET locked_until = now() + $2 * interval '1 millisecond' WHERE lease_token = ANY($1::uuid[]) AND state = 'running' RETURNING lease_token`,
      [leaseTokens, this.options.leaseMs],
    );
    return res.rows.map((r) => r.lease_token);
  }

  /** Marks the job done; false when the claim was lost (another worker has the job now). */
  async complete(job: ClaimedJob, result: unknown): Promise<boolean> {
    const res = await this.pool.query(
      `UPDATE jobs SET state = 'done', result = $3, finished_at = now(), lease_token = NULL, locked_until = NULL
       WHERE id = $1 AND lease_token = $2 AND state = 'running'`,
      [job.id, job.leaseToken, JSON.stringify(result ?? null)],
    );
    return (res.rowCount ?? 0) > 0;
  }

  /**
   * Records a failed attempt: retry after the back-off, or dead after the last attempt (or at
   * once for a permanent error). False when the claim was lost.
   */
  async fail(job: ClaimedJob, error: string, options: { permanent?: boolean } = {}): Promise<{ recorded: boolean; state: JobState | null }> {
    const res = await this.pool.query<{ state: JobState }>(
      `UPDATE jobs SET
         state = CASE WHEN $4 OR attempts >= max_attempts THEN 'dead' ELSE 'retry' END,
         run_at = now() + least($6::float8, $5::float8 * power(2, greatest(attempts - 1, 0))) * (0.9 + random() * 0.2) * interval '1 millisecond',
         finished_at = CASE WHEN $4 OR attempts >= max_attempts THEN now() END,
         last_error = $3, lease_token = NULL, locked_until = NULL
       WHERE id = $1 AND lease_token = $2 AND state = 'running'
       RETURNING state`,
      [job.id, job.leaseToken, error.slice(0, 4000), Boolean(options.permanent), this.options.backoffBaseMs, this.options.backoffMaxMs],
    );
    return { recorded: res.rows.length > 0, state: res.rows[0]?.state ?? null };
  }

  async getJob(id: number): Promise<Job | null> {
    if (!Number.isSafeInteger(id) || id <= 0) return null;
    const r = (await this.pool.query<JobRow>('SELECT * FROM jobs WHERE id = $1', [id])).rows[0];
    return r ? toJob(r) : null;
  }

  /** Jobs newest first, by state filter and kind. */
  async listJobs(options: { state?: JobFilter; kind?: JobKind; limit?: number; offset?: number } = {}): Promise<{ total: number; items: Job[] }> {
    const conds: string[] = [];
    const params: unknown[] = [];
    if (options.state) {
      params.push(FILTER_STATES[options.state]);
      conds.push(`state = ANY($${params.length}::text[])`);
    }
    if (options.kind) {
      params.push(options.kind);
      conds.push(`kind = $${params.length}`);
    }
    const where = conds.length ? 'WHERE ' + conds.join(' AND ') : '';
    const total = (await this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM jobs ${where}`, params)).rows[0].n;
    const rows = (await this.pool.query<JobRow>(
      `SELECT * FROM jobs ${where} ORDER BY id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, Math.max(0, Math.min(1000, options.limit ?? 20)), Math.max(0, options.offset ?? 0)],
    )).rows;
    return { total, items: rows.map(toJob) };
  }

  /** How many jobs are in each state. */
  async counts(): Promise<Record<JobState, number>> {
    const out = Object.fromEntries(JOB_STATES.map((s) => [s, 0])) as Record<JobState, number>;
    for (const r of (await this.pool.query<{ state: JobState; n: number }>('SELECT state, count(*)::int AS n FROM jobs GROUP BY state')).rows) out[r.state] = r.n;
    return out;
  }

  // ---- workers -----------------------------------------------------------------------------

  async registerWorker(id: string, concurrency: number): Promise<void> {
    await this.pool.query(
      `INSERT INTO workers (id, host, pid, concurrency) VALUES ($1, $2, $3, $4)
       ON CONFLICT (id) DO UPDATE SET heartbeat_at = now(), stopped_at = NULL, concurrency = excluded.concurrency`,
      [id, os.hostname(), process.pid, concurrency],
    );
  }

  async heartbeat(id: string): Promise<void> {
    await this.pool.query('UPDATE workers SET heartbeat_at = now() WHERE id = $1', [id]);
  }

  async workerStopped(id: string): Promise<void> {
    await this.pool.query('UPDATE workers SET stopped_at = now() WHERE id = $1', [id]);
  }

  /** Workers that have sent a heartbeat within `withinMs` (default: one lease) and have not stopped. */
  async liveWorkers(withinMs = this.options.leaseMs): Promise<WorkerInfo[]> {
    const rows = (await this.pool.query<{ id: string; host: string; pid: number; concurrency: number; started_at: Date; heartbeat_at: Date; stopped_at: Date | null }>(
      `SELECT * FROM workers WHERE stopped_at IS NULL AND heartbeat_at > now() - $1 * interval '1 millisecond' ORDER BY started_at, id`,
      [withinMs],
    )).rows;
    return rows.map((r) => ({ id: r.id, host: r.host, pid: r.pid, concurrency: r.concurrency, startedAt: r.started_at.toISOString(), heartbeatAt: r.heartbeat_at.toISOString(), stoppedAt: isoOrNull(r.stopped_at) }));
  }

  async hasWorkers(withinMs?: number): Promise<boolean> {
    return (await this.liveWorkers(withinMs)).length > 0;
  }

  // ---- feed scheduling ---------------------------------------------------------------------

  /**
   * Enqueues a feed-poll job for every due feed, exactly once however many workers call this
   * at the same time: the due feeds are claimed with SKIP LOCKED and their next poll time is
   * moved forward by `holdMs` in the same transaction as the jobs are added. The poll records
   * the real next time. Returns the jobs added.
   */
  async scheduleFeeds(now: Date = new Date(), options: { holdMs?: number; limit?: number } = {}): Promise<Job[]> {
    const holdMs = options.holdMs ?? 15 * 60_000;
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const feeds = await new PgFeeds(this.pool).claimDueFeeds(client, now, holdMs, options.limit ?? 100);
      const jobs: Job[] = [];
      for (const f of feeds) {
        const res = await client.query<JobRow>(
          `INSERT INTO jobs (kind, payload, idem_key, max_attempts) VALUES ('feed-poll', $1, $2, 1)
           ON CONFLICT (idem_key) DO NOTHING RETURNING *`,
          [JSON.stringify({ feedId: f.id, url: f.url }), `feed-poll:${f.id}:${now.toISOString()}`],
        );
        if (res.rows[0]) jobs.push(toJob(res.rows[0]));
      }
      await client.query('COMMIT');
      return jobs;
    } catch (err) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}

/** The idempotency key a job gets unless one is given. */
export function defaultJobKey(kind: JobKind, payload: Record<string, unknown>): string | null {
  const str = (k: string) => (typeof payload[k] === 'string' ? (payload[k] as string) : null);
  switch (kind) {
    case 'ingest-url':
      return str('url') ? `url:${canonicalUrl(str('url')) ?? str('url')}` : null;
    case 'ingest-text': {
      const raw = str('text') ?? str('body') ?? str('html');
      return raw !== null ? `text:${contentHash(raw)}` : null;
    }
    case 'ingest-file':
      return str('path') ? `file:${str('path')}` : null;
    case 'reprocess':
      return payload.articleId !== undefined ? `reprocess:${String(payload.articleId)}:${str('pipelineVersion') ?? ''}` : null;
    case 'feed-poll':
      return null;
  }
}
