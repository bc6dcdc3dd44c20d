// Figure — PostgreSQL: queue throughput with 1 and 2 worker processes (the same corpus through
// `newsgraph worker`, full NLP), then search latency at N generated articles.
//
//   node --import tsx bench/postgres.ts [--articles 600] [--n 100000] [--seed N] [--queries 300]
//        [--runs 3] [--skip-workers] [--skip-search] [--fresh]
//   npm run bench -- --postgres            (or --only postgres): the same figure inside the bench
//
// The server: NEWSGRAPH_BENCH_DATABASE_URL, else NEWSGRAPH_TEST_DATABASE_URL, else
// postgres://postgres@127.0.0.1:5432/test. Unreachable: one line saying so, and no figure.
//
// Search runs on the same generated articles and the same queries as the SQLite search figure
// (bench/store-gen.ts, seed 20241125), plus two kinds SQLite's mix lacks (a 4-letter prefix
// alone, word + entity). The database is copied from the SQLite cache (bench/store-cache.ts builds
// it when missing) with batched multi-row inserts (unnest), secondary indexes dropped during the
// copy and rebuilt after: the SQLite store matched the entities, and the PostgreSQL store keeps
// the same rows, so only the tsvector columns are computed here (src/store/postgres/fts.ts). The
// result is kept as database newsgraph_bench_<seed>_<n> and reused while its key (generator,
// seed, size, both stores' migrations, loader version) matches; --fresh rebuilds it.
// Percentiles are per pass over the queries; the table shows their median (min–max) over passes.
// "server CPU" is the PostgreSQL backends' CPU time per query (from /proc; only for a local server).

import fs from 'node:fs';
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { syntheticCorpus } from './corpus.js';
import { JobQueue } from '../src/queue/queue.js';
import { MIGRATIONS as PG_MIGRATIONS, openPostgresStore, type PostgresStore } from '../src/store/postgres/index.js';
import { SEARCH_CANDIDATES } from '../src/store/postgres/postgres-store.js';
import { ftsVector } from '../src/store/postgres/fts.js';
import { createTestDatabase, testServerUrl, withDatabase, TEST_DATABASE_ENV } from '../src/store/postgres/testing.js';
import { MIGRATIONS as SQLITE_MIGRATIONS } from '../src/store/sqlite/migrations.js';
import { startCli, waitFor, waitForOutput } from '../test/scale/processes.js';
import { markdownTable, spread, type Figure, type Row, type Spread } from './stats.js';
import { cachedDbs } from './store-cache.js';
import { DEFAULT_STORE_SEED, GENERATOR_VERSION, storeGenerator, type BenchQuery } from './store-gen.js';

export const BENCH_DATABASE_ENV = 'NEWSGRAPH_BENCH_DATABASE_URL';
/** Bump when the copy changes what ends up in the database. */
const LOADER_VERSION = 'pg-copy/1';

export interface PostgresBenchOptions {
  /** Passes over the queries (after a warm-up). */
  readonly runs: number;
  /** Articles through the workers for the throughput rows. */
  readonly articles?: number;
  /** Generated articles for search. */
  readonly n?: number;
  readonly seed?: number;
  readonly queries?: number;
  readonly workers?: boolean;
  readonly search?: boolean;
  /** Rebuild the cached search database. */
  readonly fresh?: boolean;
  /** The store's searchCandidates (default: the store's own, SEARCH_CANDIDATES). */
  readonly candidates?: number;
  readonly log?: (m: string) => void;
}

/** The server the bench uses (no database part needed: fresh databases are created on it). */
export function benchServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env[BENCH_DATABASE_ENV]?.trim() || testServerUrl(env);
}

const redact = (url: string): string => url.replace(/:[^:@/]*@/, ':***@');

async function unreachable(url: string): Promise<string | null> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await c.connect();
    await c.query('SELECT 1');
    return null;
  } catch (err) {
    return (err as Error).message || String(err);
  } finally {
    await c.end().catch(() => undefined);
  }
}

// ---- 1. queue throughput with 1 and 2 workers ---------------------------------------------

async function throughput(workers: number, corpus: readonly string[], log: (m: string) => void): Promise<{ rate: number; seconds: number; stored: number; dead: number }> {
  const db = await createTestDatabase('newsgraph_bench');
  const children = [];
  try {
    const store = await openPostgresStore(db.url, { poolSize: 4 });
    const queue = new JobQueue(store.pool);
    for (let i = 0; i < workers; i++) children.push(startCli(`worker ${i}`, ['worker', '--database', db.url, '--feed-check-seconds', '0']));
    await Promise.all(children.map((c) => waitForOutput(c, /taking jobs from/)));
    const t0 = performance.now();
    for (let i = 0; i < corpus.length; i += 50) {
      await Promise.all(corpus.slice(i, i + 50).map((text, k) => queue.enqueue('ingest-text', { text, published: '2024-06-01', origin: `bench:${i + k}` })));
    }
    await waitFor('all jobs done', async () => {
      const c = await queue.counts();
      return c.done + c.dead >= corpus.length ? c : undefined;
    }, 900_000, 100);
    const seconds = (performance.now() - t0) / 1000;
    const c = await queue.counts();
    const stored = (await store.listArticles({ limit: 0 })).total;
    await store.close();
    const rate = corpus.length / seconds;
    log(`  queue, ${workers} worker${workers > 1 ? 's' : ''}: ${rate.toFixed(1)} articles/s (${corpus.length} jobs, ${stored} stored, ${c.dead} dead, ${seconds.toFixed(1)} s)`);
    return { rate, seconds, stored, dead: c.dead };
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await db.drop();
  }
}

// ---- 2. the search database: a copy of the SQLite cache -----------------------------------

interface PgCache {
  readonly url: string;
  readonly name: string;
  readonly built: boolean;
  /** Articles/s of the copy (when built now). */
  readonly loadRate: number | null;
  readonly loadSeconds: number | null;
}

const cacheKey = (seed: number, n: number): string =>
  JSON.stringify({ generator: GENERATOR_VERSION, seed, n, loader: LOADER_VERSION, pg: PG_MIGRATIONS.map((m) => m.version), sqlite: SQLITE_MIGRATIONS.map((m) => m.version) });

/** Tables copied, parents first. */
const TABLES = ['entities', 'articles', 'entity_keys', 'entity_redirects', 'aliases', 'article_entities', 'quotes', 'quote_mentions', 'article_bands', 'near_duplicates'];
const ARRAY_TYPE: Record<string, string> = { integer: 'int4[]', bigint: 'int8[]', text: 'text[]', bytea: 'bytea[]', 'double precision': 'float8[]', real: 'float4[]', boolean: 'bool[]' };

async function searchDatabase(server: string, seed: number, n: number, fresh: boolean, log: (m: string) => void): Promise<PgCache> {
  const name = `newsgraph_bench_${seed}_${n}`;
  const url = withDatabase(server, name);
  const key = cacheKey(seed, n);
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
    if (exists && !fresh) {
      const c = new pg.Client({ connectionString: url });
      await c.connect();
      const stored = await c.query<{ key: string }>('SELECT key FROM bench_cache').then((r) => r.rows[0]?.key, () => undefined);
      await c.end();
      if (stored === key) return { url, name, built: false, loadRate: null, loadSeconds: null };
      log(`postgres bench: ${name} is stale; rebuilding it`);
    }
    const sqlite = (await cachedDbs(seed, [n], log)).get(n)!;
    const work = `${name}_building_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${work} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${work}`);
    log(`postgres bench: copying ${n.toLocaleString('en')} generated articles from ${sqlite.file} into ${name}…`);
    const t0 = performance.now();
    try {
      await copyFromSqlite(sqlite.file, withDatabase(server, work), log);
    } catch (err) {
      await admin.query(`DROP DATABASE IF EXISTS ${work} WITH (FORCE)`).catch(() => undefined);
      throw err;
    }
    const seconds = (performance.now() - t0) / 1000;
    const w = new pg.Client({ connectionString: withDatabase(server, work) });
    await w.connect();
    await w.query('CREATE TABLE bench_cache (key text NOT NULL)');
    await w.query('INSERT INTO bench_cache VALUES ($1)', [key]);
    await w.end();
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`ALTER DATABASE ${work} RENAME TO ${name}`);
    return { url, name, built: true, loadRate: n / seconds, loadSeconds: seconds };
  } finally {
    await admin.end();
  }
}

/**
 * Every row of the store's tables from the SQLite database into a freshly migrated PostgreSQL
 * one: batched INSERT … SELECT FROM unnest(arrays), tsvector columns computed as the store does
 * (title A + text B for articles, text B for quotes), the secondary indexes dropped during the
 * copy and created again after (the same definitions), foreign-key triggers off for the copy
 * (the rows come from a consistent store), identity sequences moved past the copied ids, then
 * VACUUM ANALYZE.
 */
async function copyFromSqlite(file: string, url: string, log: (m: string) => void): Promise<void> {
  (await openPostgresStore(url, { poolSize: 1 }).then((s) => s.close()));
  const src = new Database(file, { readonly: true });
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    await c.query("SET synchronous_commit = off; SET maintenance_work_mem = '256MB'; SET session_replication_role = replica");
    const indexes = (await c.query<{ name: string; def: string }>(
      `SELECT i.indexrelid::regclass::text AS name, pg_get_indexdef(i.indexrelid) AS def FROM pg_index i
       WHERE i.indrelid = ANY($1::regclass[]) AND NOT i.indisprimary AND NOT i.indisunique`,
      [TABLES],
    )).rows;
    for (const ix of indexes) await c.query(`DROP INDEX ${ix.name}`);
    const t0 = performance.now();
    for (const table of TABLES) {
      const srcCols = new Set((src.pragma(`table_info(${table})`) as { name: string }[]).map((r) => r.name));
      if (!srcCols.size) continue;
      const pgCols = (await c.query<{ column_name: string; data_type: string }>(
        "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        [table],
      )).rows;
      const cols = pgCols.filter((col) => srcCols.has(col.column_name) && ARRAY_TYPE[col.data_type]);
      const tsv = pgCols.some((col) => col.column_name === 'tsv');
      const names = cols.map((col) => `"${col.column_name}"`);
      const sql =
        `INSERT INTO ${table} (${[...names, ...(tsv ? ['tsv'] : [])].join(', ')}) SELECT ${[...names, ...(tsv ? ['tsv::tsvector'] : [])].join(', ')} ` +
        `FROM unnest(${[...cols.map((col, i) => `$${i + 1}::${ARRAY_TYPE[col.data_type]}`), ...(tsv ? [`$${cols.length + 1}::text[]`] : [])].join(', ')}) AS u(${[...names, ...(tsv ? ['tsv'] : [])].join(', ')})`;
      const batch = table === 'articles' ? 500 : table === 'quotes' ? 2000 : 5000;
      let pending: Promise<unknown> | null = null;
      let rows = 0;
      let arrays: unknown[][] = [];
      const flush = async () => {
        if (!arrays[0]?.length && !arrays.length) return;
        if (pending) await pending;
        const params = arrays;
        arrays = [];
        pending = c.query(sql, params);
      };
      const stmt = src.prepare(`SELECT ${cols.map((col) => `"${col.column_name}"`).join(', ')} FROM ${table}`).raw();
      let inBatch = 0;
      for (const r of stmt.iterate() as Iterable<unknown[]>) {
        if (!arrays.length) arrays = Array.from({ length: cols.length + (tsv ? 1 : 0) }, () => []);
        for (let i = 0; i < cols.length; i++) arrays[i].push(r[i]);
        if (tsv) {
          const at = (k: string) => r[cols.findIndex((col) => col.column_name === k)] as string | null;
          arrays[cols.length].push(table === 'articles' ? ftsVector([{ text: at('title'), weight: 'A' }, { text: at('text'), weight: 'B' }]) : ftsVector([{ text: at('text'), weight: 'B' }]));
        }
        rows++;
        if (++inBatch === batch) {
          inBatch = 0;
          await flush();
        }
      }
      if (inBatch) await flush();
      if (pending) await pending;
      if (rows) {
        const identity = pgCols.some((col) => col.column_name === 'id');
        if (identity) await c.query(`SELECT setval(pg_get_serial_sequence('${table}', 'id'), (SELECT max(id) FROM ${table}))`);
      }
      log(`  ${table}: ${rows.toLocaleString('en')} rows (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    for (const ix of indexes) await c.query(ix.def);
    log(`  indexes rebuilt (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    await c.query('SET session_replication_role = origin');
    await c.query('VACUUM ANALYZE');
    log(`  vacuumed (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
  } finally {
    await c.end();
    src.close();
  }
}

// ---- 3. search latency ---------------------------------------------------------------------

/** The SQLite figure's queries plus two kinds it lacks: a 4-letter prefix alone, word + entity. */
async function benchQueries(store: PostgresStore, seed: number, n: number): Promise<BenchQuery[]> {
  const base = storeGenerator(seed).queries(n);
  const orgs = (await store.pool.query<{ name: string }>("SELECT name FROM entities WHERE type = 'ORG' ORDER BY article_count DESC, id LIMIT 50")).rows.map((r) => r.name);
  const words = base.filter((q) => q.label === 'common word').map((q) => q.q);
  const out: BenchQuery[] = [...base];
  words.forEach((w, i) => {
    out.push({ q: `${w.slice(0, 4)}*`, options: {}, label: 'prefix (4 letters)' });
    if (orgs.length) out.push({ q: words[(i * 7 + 3) % words.length], options: { entity: orgs[(i * i + i) % orgs.length] }, label: 'word + entity' });
  });
  return out;
}

/** Pids of this database's server processes, for their CPU time (local server only). */
async function backendCpuMs(store: PostgresStore): Promise<number | null> {
  const pids = (await store.pool.query<{ pid: number }>('SELECT pid FROM pg_stat_activity WHERE datname = current_database()')).rows.map((r) => r.pid);
  let ticks = 0;
  try {
    for (const pid of pids) {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      ticks += Number(f[11]) + Number(f[12]);
    }
  } catch {
    return null;
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

const pct = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

interface SearchFigures {
  readonly all: { p50: Spread; p95: Spread; p99: Spread; clientCpu: Spread; serverCpu: Spread | null };
  readonly byKind: Map<string, { p50: number; p95: number; lowerBound: number; count: number }>;
  readonly queries: number;
}

async function searchLatency(url: string, seed: number, nq: number, runs: number, candidates: number | undefined): Promise<SearchFigures> {
  const store = await openPostgresStore(url, { poolSize: 4, searchCandidates: candidates });
  try {
    const queries = await benchQueries(store, seed, nq);
    for (const q of queries.slice(0, 40)) await store.search(q.q, { ...q.options, limit: 20 }); // warm-up
    const p50: number[] = [], p95: number[] = [], p99: number[] = [], clientCpu: number[] = [], serverCpu: number[] = [];
    const times = new Map<string, number[]>();
    const lowerBounds = new Map<string, number>();
    for (let r = 0; r < runs; r++) {
      const pass: number[] = [];
      const s0 = await backendCpuMs(store);
      const c0 = process.cpuUsage();
      for (const q of queries) {
        const t0 = performance.now();
        const res = await store.search(q.q, { ...q.options, limit: 20 });
        const ms = performance.now() - t0;
        pass.push(ms);
        times.set(q.label, [...(times.get(q.label) ?? []), ms]);
        if (r === 0 && res.totalIsLowerBound) lowerBounds.set(q.label, (lowerBounds.get(q.label) ?? 0) + 1);
      }
      const c = process.cpuUsage(c0);
      const s1 = await backendCpuMs(store);
      clientCpu.push((c.user + c.system) / 1000 / queries.length);
      if (s0 !== null && s1 !== null) serverCpu.push((s1 - s0) / queries.length);
      pass.sort((a, b) => a - b);
      p50.push(pct(pass, 50)); p95.push(pct(pass, 95)); p99.push(pct(pass, 99));
    }
    const byKind = new Map<string, { p50: number; p95: number; lowerBound: number; count: number }>();
    for (const [label, ts] of times) {
      ts.sort((a, b) => a - b);
      byKind.set(label, { p50: pct(ts, 50), p95: pct(ts, 95), lowerBound: lowerBounds.get(label) ?? 0, count: ts.length / runs });
    }
    return {
      all: { p50: spread(p50), p95: spread(p95), p99: spread(p99), clientCpu: spread(clientCpu), serverCpu: serverCpu.length ? spread(serverCpu) : null },
      byKind,
      queries: queries.length,
    };
  } finally {
    await store.close();
  }
}

// ---- the figure ----------------------------------------------------------------------------

export async function benchPostgres(options: PostgresBenchOptions): Promise<Figure | null> {
  const log = options.log ?? ((m: string) => console.error(m));
  const server = benchServerUrl();
  const problem = await unreachable(server);
  if (problem) {
    console.log(`postgres: skipped — no PostgreSQL server at ${redact(server)} (${problem}); set ${BENCH_DATABASE_ENV} or start one (pg_ctlcluster 15 main start)`);
    return null;
  }
  const saved = process.env[TEST_DATABASE_ENV];
  process.env[TEST_DATABASE_ENV] = server; // createTestDatabase and the workers use it
  const seed = options.seed ?? DEFAULT_STORE_SEED;
  const n = options.n ?? 100_000;
  const articles = options.articles ?? 600;
  const nq = options.queries ?? 300;
  const rows: Row[] = [];
  const details: Record<string, unknown> = { server: redact(server), seed, generator: GENERATOR_VERSION, loader: LOADER_VERSION };
  const summary: string[] = [];
  const about: string[] = [];
  try {
    if (options.workers !== false) {
      const corpus = syntheticCorpus(articles, seed);
      const one = await throughput(1, corpus, log);
      const two = await throughput(2, corpus, log);
      rows.push({ label: `queue → 1 worker (${articles} texts, full NLP)`, cells: { rate: one.rate, seconds: one.seconds } });
      rows.push({ label: `queue → 2 workers (same texts)`, cells: { rate: two.rate, seconds: two.seconds, scale: two.rate / one.rate } });
      details.workers = { one, two, scaling: two.rate / one.rate };
      summary.push(`${one.rate.toFixed(1)} articles/s with 1 worker, ${two.rate.toFixed(1)} with 2 (×${(two.rate / one.rate).toFixed(2)})`);
      about.push(`throughput: ${articles} synthetic texts (bench/corpus.ts, seed ${seed}) queued as ingest-text jobs, drained by \`newsgraph worker\` processes (one run each; wall clock, so a loaded machine shows)`);
    }
    if (options.search !== false) {
      const db = await searchDatabase(server, seed, n, options.fresh ?? false, log);
      if (db.built) {
        rows.push({ label: `bulk copy of ${n.toLocaleString('en')} generated articles (from the SQLite cache)`, cells: { rate: db.loadRate, seconds: db.loadSeconds } });
        details.load = { seconds: db.loadSeconds, rate: db.loadRate };
      }
      const s = await searchLatency(db.url, seed, nq, options.runs, options.candidates);
      const at = `${n.toLocaleString('en')} articles`;
      rows.push({ label: `search at ${at}, all ${s.queries} queries`, cells: { p50: s.all.p50, p95: s.all.p95, p99: s.all.p99, cpu: s.all.serverCpu, ccpu: s.all.clientCpu } });
      const kinds = [...s.byKind].sort((a, b) => b[1].p95 - a[1].p95);
      for (const [label, k] of kinds) rows.push({ label: `  ${label}`, cells: { p50: k.p50, p95: k.p95, lb: `${k.lowerBound}/${k.count}` } });
      details[`p95ByKind@${n}`] = Object.fromEntries(kinds.map(([l, k]) => [l, k.p95]));
      details[`p50ByKind@${n}`] = Object.fromEntries(kinds.map(([l, k]) => [l, k.p50]));
      const p95 = s.all.p95.median;
      summary.push(`search p50 ${s.all.p50.median.toFixed(1)} / p95 ${p95.toFixed(1)} ms at ${n.toLocaleString('en')} (goal ≤ 50 ms: ${p95 <= 50 ? 'met' : 'not met'})`);
      about.push(
        `search: ${s.queries} queries (the SQLite figure's ${nq}, seed ${seed}, ${GENERATOR_VERSION}, + a 4-letter prefix and word + entity; limit 20) on database ${db.name}, ${(options.candidates ?? SEARCH_CANDIDATES).toLocaleString('en')} candidates ranked per side` +
          ` (${db.built ? `copied now in ${db.loadSeconds!.toFixed(0)} s` : 'reused'}); ${options.runs} passes after a warm-up; per-kind percentiles over all passes; "lower bound" = queries answered with totalIsLowerBound`,
      );
    }
  } finally {
    if (saved === undefined) delete process.env[TEST_DATABASE_ENV];
    else process.env[TEST_DATABASE_ENV] = saved;
  }
  return {
    id: 'postgres',
    title: 'PostgreSQL: worker throughput and search latency',
    about: `${about.join('; ')}; server ${redact(server)}; load ${os.loadavg()[0].toFixed(1)} at the end`,
    columns: [
      { key: 'rate', header: 'articles/s', format: 'fixed1' },
      { key: 'seconds', header: 'seconds', format: 'fixed1' },
      { key: 'scale', header: '× 1 worker', format: 'ratio' },
      { key: 'p50', header: 'p50 (ms)', format: 'fixed1' },
      { key: 'p95', header: 'p95 (ms)', format: 'fixed1' },
      { key: 'p99', header: 'p99 (ms)', format: 'fixed1' },
      { key: 'cpu', header: 'server CPU ms/query', format: 'fixed2' },
      { key: 'ccpu', header: 'client CPU ms/query', format: 'fixed2' },
      { key: 'lb', header: 'lower bound' },
    ],
    rows,
    summary: `postgres: ${summary.join('; ')}`,
    details,
  };
}

// ---- stand-alone -----------------------------------------------------------------------------

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { values: args } = parseArgs({
    options: {
      articles: { type: 'string', default: '600' },
      n: { type: 'string', default: '100000' },
      seed: { type: 'string' },
      queries: { type: 'string', default: '300' },
      runs: { type: 'string', default: '3' },
      'skip-workers': { type: 'boolean', default: false },
      'skip-search': { type: 'boolean', default: false },
      fresh: { type: 'boolean', default: false },
      candidates: { type: 'string' },
    },
  });
  const fig = await benchPostgres({
    runs: Number(args.runs),
    articles: Number(args.articles),
    n: Number(args.n),
    seed: args.seed !== undefined ? Number(args.seed) >>> 0 : undefined,
    queries: Number(args.queries),
    workers: !args['skip-workers'],
    search: !args['skip-search'],
    fresh: args.fresh,
    candidates: args.candidates !== undefined ? Number(args.candidates) : undefined,
  });
  if (fig) console.log(`\n## ${fig.title}\n\n${fig.about}\n\n${markdownTable(fig)}\n\n${fig.summary}`);
}
