// A worker: a stateless process that takes jobs from the queue and runs the pipeline. Any
// number run at once, on any machines that reach the database. It
//   - registers itself in `workers` and sends a heartbeat (the API server enqueues heavy work
//     only while some worker is alive);
//   - runs `concurrency` job slots, each claiming one job at a time (SKIP LOCKED);
//   - extends the leases of the jobs it holds with every heartbeat, so only a worker that is
//     gone (SIGKILL, crash, network) or stuck for a whole lease loses its jobs to another;
//   - schedules due feeds (exactly once across workers; see JobQueue.scheduleFeeds);
//   - on stop (SIGTERM/SIGINT), claims nothing new and finishes the jobs in hand.
//
// The analysis is synchronous CPU work: while one article is analysed the process's timers
// wait, so the lease must be longer than the slowest article (default 2 minutes).

import { setTimeout as delay } from 'node:timers/promises';
import { NewsgraphError } from '../doc/errors.js';
import type { PostgresStore } from '../store/postgres/index.js';
import { HANDLERS, isPermanent, type JobContext, type JobHandler } from './jobs.js';
import { newWorkerId, type ClaimedJob, type JobKind, type JobQueue } from './queue.js';

export interface WorkerOptions {
  readonly id?: string;
  /** Jobs run at once by this process (default 1: the analysis is CPU-bound; run one worker per core). */
  readonly concurrency?: number;
  /** Wait between claims when there is nothing to do (ms, default 250; jittered). */
  readonly idlePollMs?: number;
  /** How often to look for due feeds (ms, default 30 s; 0: never). */
  readonly feedScheduleMs?: number;
  readonly allowPrivate?: boolean;
  readonly timeoutMs?: number;
  readonly handlers?: Partial<Record<JobKind, JobHandler>>;
  /** One line per event (default: nothing). */
  readonly log?: (line: string) => void;
  /** Log every job, not only failures. */
  readonly verbose?: boolean;
}

export interface WorkerStats {
  done: number;
  failed: number;
  lost: number;
}

export class Worker {
  readonly id: string;
  readonly stats: WorkerStats = { done: 0, failed: 0, lost: 0 };
  private stopping = false;
  private readonly inFlight = new Map<string, ClaimedJob>();
  private readonly wakers = new Set<() => void>();
  private slots: Promise<void>[] = [];
  private timers: NodeJS.Timeout[] = [];
  private readonly log: (line: string) => void;
  private readonly ctx: JobContext;
  private readonly handlers: Record<JobKind, JobHandler>;

  constructor(
    readonly store: PostgresStore,
    readonly queue: JobQueue,
    readonly options: WorkerOptions = {},
  ) {
    this.id = options.id ?? newWorkerId();
    this.log = options.log ?? (() => undefined);
    this.ctx = { store, allowPrivate: options.allowPrivate, timeoutMs: options.timeoutMs };
    this.handlers = { ...HANDLERS, ...(options.handlers ?? {}) };
  }

  async start(): Promise<void> {
    const concurrency = Math.max(1, Math.floor(this.options.concurrency ?? 1));
    await this.queue.registerWorker(this.id, concurrency);
    const beatMs = Math.max(200, Math.min(10_000, Math.floor(this.queue.options.leaseMs / 3)));
    this.timers.push(setInterval(() => void this.beat(), beatMs));
    const feedMs = this.options.feedScheduleMs ?? 30_000;
    if (feedMs > 0) {
      const schedule = () =>
        this.queue.scheduleFeeds().then(
          (jobs) => jobs.length && this.log(`worker ${this.id}: ${jobs.length} feed poll(s) scheduled`),
          (err) => this.log(`worker ${this.id}: feed scheduling failed: ${(err as Error).message}`),
        );
      void schedule();
      this.timers.push(setInterval(() => void schedule(), feedMs));
    }
    this.slots = Array.from({ length: concurrency }, () => this.slot());
    this.log(`worker ${this.id}: started, ${concurrency} slot(s), lease ${this.queue.options.leaseMs} ms`);
  }

  /** Resolves when the worker has stopped (after stop()). */
  async finished(): Promise<void> {
    await Promise.all(this.slots);
  }

  /** Claims nothing new, finishes the jobs in hand, deregisters. */
  async stop(): Promise<void> {
    this.stopping = true;
    for (const wake of this.wakers) wake();
    await Promise.all(this.slots);
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await this.queue.workerStopped(this.id).catch(() => undefined);
    this.log(`worker ${this.id}: stopped (${this.stats.done} done, ${this.stats.failed} failed, ${this.stats.lost} lost leases)`);
  }

  private async beat(): Promise<void> {
    try {
      await this.queue.heartbeat(this.id);
      const tokens = [...this.inFlight.keys()];
      if (tokens.length) await this.queue.extend(tokens);
    } catch (err) {
      this.log(`worker ${this.id}: heartbeat failed: ${(err as Error).message}`);
    }
  }

  private async idle(): Promise<void> {
    const ms = (this.options.idlePollMs ?? 250) * (0.75 + Math.random() / 2);
    const ac = new AbortController();
    const wake = () => ac.abort();
    this.wakers.add(wake);
    try {
      await delay(ms, undefined, { signal: ac.signal });
    } catch {
      // woken by stop()
    } finally {
      this.wakers.delete(wake);
    }
  }

  private async slot(): Promise<void> {
    while (!this.stopping) {
      let job: ClaimedJob | undefined;
      try {
        [job] = await this.queue.claim(this.id, 1);
      } catch (err) {
        this.log(`worker ${this.id}: claim failed: ${(err as Error).message}`);
        await this.idle();
        continue;
      }
      if (!job) {
        await this.idle();
        continue;
      }
      await this.run(job);
      // Let timers (heartbeat, lease extension) run between CPU-bound jobs.
      await new Promise((resolve) => setImmediate(resolve));
    }
  }

  private async run(job: ClaimedJob): Promise<void> {
    this.inFlight.set(job.leaseToken, job);
    const started = Date.now();
    try {
      const handler = this.handlers[job.kind];
      if (!handler) throw new NewsgraphError('BAD_JOB', `No handler for job kind ${job.kind}.`);
      const result = await handler(job, this.ctx);
      if (await this.queue.complete(job, result)) {
        this.stats.done++;
        if (this.options.verbose) this.log(`job ${job.id} ${job.kind} done in ${Date.now() - started} ms (attempt ${job.attempts})`);
      } else {
        this.stats.lost++;
        this.log(`job ${job.id} ${job.kind}: finished after its lease was taken over; its outcome is the other worker's`);
      }
    } catch (err) {
      const code = err instanceof NewsgraphError ? err.code : (err as { code?: string }).code ?? 'INTERNAL';
      const message = `${code}: ${err instanceof Error ? err.message : String(err)}`;
      const permanent = isPermanent(err);
      try {
        const { recorded, state } = await this.queue.fail(job, message, { permanent });
        this.stats.failed++;
        this.log(`job ${job.id} ${job.kind} failed (attempt ${job.attempts} of ${job.maxAttempts}${recorded ? `, now ${state}` : ', lease lost'}): ${message}`);
      } catch (e) {
        this.log(`job ${job.id}: could not record the failure (${(e as Error).message}); it will be retried when its lease ends`);
      }
    } finally {
      this.inFlight.delete(job.leaseToken);
    }
  }
}
