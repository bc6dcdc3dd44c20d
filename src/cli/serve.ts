// `newsgraph serve`: the HTTP API over the store in the data directory.

import fs from 'node:fs';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { NewsgraphError } from '../doc/errors.js';
import { DEFAULT_FETCH_LIMITS } from '../ingest/fetch.js';
import { setupToken } from '../server/auth.js';
import { DEFAULT_MAX_BODY_BYTES } from '../server/config.js';
import { createWebApp } from '../server/pages/index.js';
import { startServer, type RunningServer } from '../server/server.js';
import { DEFAULT_POLL_INTERVAL_MS, startFeedScheduler } from '../ingest/feeds/scheduler.js';
import type { Store } from '../store/store.js';
import { DATABASE_URL_ENV, resolveDatabaseUrl, resolveDataDir, sqlitePath } from '../store/paths.js';
import { openSqliteStore } from '../store/sqlite/index.js';
import { openPostgresStore, redactUrl } from '../store/postgres/index.js';
import { JobQueue } from '../queue/queue.js';

export interface ServeOptions {
  readonly data?: string;
  readonly host: string;
  readonly port: number;
  readonly token?: string;
  readonly allowPrivate: boolean;
  readonly maxBodyMb: number;
  readonly timeoutMs: number;
  /** Minutes between looks for due feeds; 0 or absent: the server polls no feeds. */
  readonly pollIntervalMin?: number;
  /** postgres:// URL: serve over PostgreSQL (workers do the heavy work and poll feeds); absent: SQLite in the data folder. */
  readonly database?: string;
}

function port(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError('expected a port number from 0 to 65535 (0 picks a free port).');
  return n;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number.');
  return n;
}

export function registerServeCommand(program: Command): Command {
  return program
    .command('serve')
    .description('Serve the HTTP API (/api/*, described at /api/openapi.json) over the store in the data directory.')
    .option('--data <dir>', 'data directory (default: $NEWSGRAPH_DATA_DIR, else ./.newsgraph); created on first run')
    .addOption(new Option('--database <url>', 'serve over PostgreSQL (postgres://…) instead of the SQLite file in the data directory; URL submissions go to workers').env(DATABASE_URL_ENV))
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (0 picks a free one)', port, 3000)
    .addOption(new Option('--token <token>', 'bearer token for writes (default: generated on first run; only its hash is kept)').env('NEWSGRAPH_TOKEN'))
    .option('--allow-private', 'let submitted URLs reach private, loopback and link-local addresses')
    .option('--max-body-mb <mb>', 'largest request body accepted, in MB', positiveNumber, DEFAULT_MAX_BODY_BYTES / 1048576)
    .option('--timeout-ms <ms>', 'deadline for fetching a submitted URL', positiveNumber, DEFAULT_FETCH_LIMITS.timeoutMs)
    .option('--poll-interval-min <minutes>', 'how often to look for feeds due a poll (0: never; feeds keep their own schedule and back-off)', (v: string) => Number(v), DEFAULT_POLL_INTERVAL_MS / 60_000)
    .action(async (opts) => {
      await serveCommand({
        data: opts.data as string | undefined,
        host: opts.host as string,
        port: opts.port as number,
        token: opts.token as string | undefined,
        allowPrivate: Boolean(opts.allowPrivate),
        maxBodyMb: opts.maxBodyMb as number,
        timeoutMs: opts.timeoutMs as number,
        pollIntervalMin: opts.pollIntervalMin as number,
        database: opts.database as string | undefined,
      });
    });
}

/**
 * Opens the store, starts the server and resolves once a SIGINT or SIGTERM has shut both down.
 * `ready` is called with the running server (tests use it; the CLI prints the URL).
 */
export async function serveCommand(options: ServeOptions, hooks: { ready?: (s: RunningServer) => void; stderr?: (m: string) => void; stdout?: (m: string) => void } = {}): Promise<void> {
  const stderr = hooks.stderr ?? ((m: string) => process.stderr.write(m));
  const stdout = hooks.stdout ?? ((m: string) => process.stdout.write(m));
  if (options.token !== undefined && options.token.length < 16) {
    throw new NewsgraphError('WEAK_TOKEN', 'The token given with --token / NEWSGRAPH_TOKEN is shorter than 16 characters: use a longer random one (e.g. "openssl rand -hex 24").');
  }
  const dataDir = resolveDataDir(options.data);
  fs.mkdirSync(dataDir, { recursive: true });
  const token = setupToken(dataDir, options.token);
  const databaseUrl = resolveDatabaseUrl(options.database, {});
  const pgStore = databaseUrl ? await openPostgresStore(databaseUrl, { applicationName: 'newsgraph serve' }) : null;
  const queue = pgStore ? new JobQueue(pgStore.pool) : undefined;
  const store: Store = pgStore ?? (await openSqliteStore(sqlitePath(dataDir)));
  let running: RunningServer;
  try {
    const config = {
      tokenHash: token.hash,
      allowPrivateFetch: options.allowPrivate,
      maxBodyBytes: Math.floor(options.maxBodyMb * 1048576),
      fetch: { timeoutMs: options.timeoutMs },
    };
    // The web pages beside the API (src/server/pages).
    running = await startServer({ store, host: options.host, port: options.port, config, app: createWebApp({ store, config, queue }) });
  } catch (e) {
    await store.close();
    throw e;
  }
  if (token.generated) {
    stderr(
      `newsgraph: a token for writes was generated. It is shown only this once; only its hash is kept, in ${token.file}.\n` +
        `  ${token.generated}\n` +
        `Send it with every POST, e.g.:\n` +
        `  curl -H 'Authorization: Bearer ${token.generated}' -H 'Content-Type: application/json' \\\n` +
        `       -d '{"url": "https://example.com/article"}' ${running.url}/api/articles\n` +
        `Lost it? Delete ${token.file} and restart for a new one, or set your own with --token / NEWSGRAPH_TOKEN.\n`,
    );
  }
  // Feeds are polled by the server itself on the embedded default (workers do it when scaled out).
  // Over PostgreSQL the workers schedule feed polls (once across all of them), not the servers.
  const scheduler = !pgStore && options.pollIntervalMin && options.pollIntervalMin > 0
    ? startFeedScheduler(store, {
        intervalMs: options.pollIntervalMin * 60_000,
        allowPrivate: options.allowPrivate,
        timeoutMs: options.timeoutMs,
        onRound: (r) => {
          if (r.feedsPolled) stderr(`newsgraph serve: polled ${r.feedsPolled} feeds: ${r.newArticles} new articles, ${r.failures.length} failures.\n`);
        },
        onError: (e) => stderr(`newsgraph serve: feed poll failed: ${(e as Error).message}\n`),
      })
    : null;
  stdout(`newsgraph serve: listening on ${running.url} (${databaseUrl ? `database: ${redactUrl(databaseUrl)}` : `data: ${dataDir}`}; API description: ${running.url}/api/openapi.json)\n`);
  hooks.ready?.(running);

  await new Promise<void>((resolve) => {
    let stopping = false;
    const stop = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      stderr(`newsgraph serve: ${signal}, shutting down.\n`);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void running
        .close()
        .then(() => scheduler?.stop())
        .then(() => store.close())
        .then(resolve, (e) => {
          stderr(`newsgraph serve: error while shutting down: ${(e as Error).message}\n`);
          resolve();
        });
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
  stderr('newsgraph serve: stopped.\n');
}
