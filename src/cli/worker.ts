// `newsgraph worker`: a stateless process that takes jobs from the PostgreSQL queue and runs
// the pipeline (see src/queue/). Run as many as you like, on any machines that reach the
// database; each is one Node process, so run about one per CPU core.

import { InvalidArgumentError, Option, type Command } from 'commander';
import { NewsgraphError } from '../doc/errors.js';
import { DEFAULT_FETCH_LIMITS } from '../ingest/fetch.js';
import { DEFAULT_QUEUE_OPTIONS, JobQueue } from '../queue/queue.js';
import { Worker } from '../queue/worker.js';
import { DATABASE_URL_ENV, resolveDatabaseUrl } from '../store/paths.js';
import { openPostgresStore, redactUrl } from '../store/postgres/index.js';

export interface WorkerCommandOptions {
  readonly database?: string;
  readonly concurrency: number;
  readonly leaseSeconds: number;
  readonly maxAttempts: number;
  readonly backoffSeconds: number;
  readonly feedCheckSeconds: number;
  readonly allowPrivate: boolean;
  readonly timeoutMs: number;
  readonly verbose: boolean;
}

function positiveInt(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError('expected a whole number above 0.');
  return n;
}

function nonNegative(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number, 0 or more.');
  return n;
}

function needDatabase(option?: string): string {
  const url = resolveDatabaseUrl(option, {});
  if (!url) throw new NewsgraphError('NO_DATABASE', `Workers share a PostgreSQL database: give --database postgres://user@host/db or set ${DATABASE_URL_ENV}.`);
  return url;
}

export function registerWorkerCommand(program: Command): Command {
  return program
    .command('worker')
    .description('Take jobs from the PostgreSQL queue (URLs, texts, files, feed polls, re-analysis) and run the pipeline; stops cleanly on SIGTERM/SIGINT.')
    .addOption(new Option('--database <url>', 'the PostgreSQL database (postgres://…)').env(DATABASE_URL_ENV))
    .option('--concurrency <n>', 'jobs at once in this process (the analysis is CPU-bound: prefer one worker process per core)', positiveInt, 1)
    .option('--lease-seconds <s>', 'how long a job stays claimed without a heartbeat; longer than the slowest article takes', positiveInt, DEFAULT_QUEUE_OPTIONS.leaseMs / 1000)
    .option('--max-attempts <n>', 'attempts before a job is dead (new jobs)', positiveInt, DEFAULT_QUEUE_OPTIONS.maxAttempts)
    .option('--backoff-seconds <s>', 'retry delay after the first failure, doubled each time', nonNegative, DEFAULT_QUEUE_OPTIONS.backoffBaseMs / 1000)
    .option('--feed-check-seconds <s>', 'how often to look for feeds due a poll (0: never)', nonNegative, 30)
    .option('--allow-private', 'let fetched URLs reach private, loopback and link-local addresses')
    .option('--timeout-ms <ms>', 'deadline for fetching a URL', positiveInt, DEFAULT_FETCH_LIMITS.timeoutMs)
    .option('--verbose', 'log every job, not only failures')
    .action(async (opts) => {
      await workerCommand({
        database: opts.database as string | undefined,
        concurrency: opts.concurrency as number,
        leaseSeconds: opts.leaseSeconds as number,
        maxAttempts: opts.maxAttempts as number,
        backoffSeconds: opts.backoffSeconds as number,
        feedCheckSeconds: opts.feedCheckSeconds as number,
        allowPrivate: Boolean(opts.allowPrivate),
        timeoutMs: opts.timeoutMs as number,
        verbose: Boolean(opts.verbose),
      });
    });
}

/** Runs a worker until SIGTERM or SIGINT; `ready` gets it once it has registered. */
export async function workerCommand(options: WorkerCommandOptions, hooks: { ready?: (w: Worker) => void; stderr?: (m: string) => void } = {}): Promise<void> {
  const stderr = hooks.stderr ?? ((m: string) => process.stderr.write(m));
  const url = needDatabase(options.database);
  const store = await openPostgresStore(url, { poolSize: Math.max(2, options.concurrency + 2), applicationName: 'newsgraph worker' });
  const queue = new JobQueue(store.pool, {
    leaseMs: options.leaseSeconds * 1000,
    maxAttempts: options.maxAttempts,
    backoffBaseMs: options.backoffSeconds * 1000,
  });
  const worker = new Worker(store, queue, {
    concurrency: options.concurrency,
    feedScheduleMs: options.feedCheckSeconds * 1000,
    allowPrivate: options.allowPrivate,
    timeoutMs: options.timeoutMs,
    verbose: options.verbose,
    log: (line) => stderr(`newsgraph ${line}\n`),
  });
  await worker.start();
  stderr(`newsgraph worker: ${worker.id} taking jobs from ${redactUrl(url)}\n`);
  hooks.ready?.(worker);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      stderr(`newsgraph worker: ${signal}, finishing the jobs in hand.\n`);
      void worker.stop().then(() => store.close()).then(resolve, (e) => {
        stderr(`newsgraph worker: error while stopping: ${(e as Error).message}\n`);
        resolve();
      });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
