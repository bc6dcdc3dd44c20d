// Store bench (stand-alone; `npm run bench` has the ingest, search and serve figures): synthetic
// articles from the seeded generator (bench/store-gen.ts), ingested with NLP (a small sample) and
// without (pre-built results saved in batches of 1,000 through saveArticles), then search latency
// at each checkpoint.
//
//   node --import tsx bench/store.ts [--n 100000] [--checkpoints 10000,100000] [--seed N] [--nlp-sample 200] [--queries 300]
//
// One summary line per figure. The database is a temporary file, removed at the end.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { ingestInput } from '../src/ingest/ingest.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { storeGenerator, type BenchQuery, type Generated } from './store-gen.js';

const { values: args } = parseArgs({
  options: {
    n: { type: 'string', default: '100000' },
    checkpoints: { type: 'string', default: '10000,100000' },
    seed: { type: 'string' },
    'nlp-sample': { type: 'string', default: '200' },
    queries: { type: 'string', default: '300' },
  },
});
const N = Number(args.n);
const CHECKPOINTS = args.checkpoints!.split(',').map(Number).filter((c) => c > 0 && c <= N).sort((a, b) => a - b);
if (!CHECKPOINTS.includes(N)) CHECKPOINTS.push(N);
const SEED = args.seed !== undefined ? Number(args.seed) >>> 0 : (Date.now() ^ (process.pid << 16)) >>> 0;
const NLP_SAMPLE = Number(args['nlp-sample']);
const QUERIES = Number(args.queries);

const gen = storeGenerator(SEED);
const generate = (): Generated => gen.next();
const makeQueries = (n: number): BenchQuery[] => gen.queries(n);

const pct = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function measureSearch(store: SqliteStore, queries: BenchQuery[], at: number): Promise<void> {
  for (const q of queries.slice(0, 20)) await store.search(q.q, { ...q.options, limit: 20 });
  const times: number[] = [];
  const cpu0 = process.cpuUsage();
  const byLabel = new Map<string, number[]>();
  for (const q of queries) {
    const t0 = performance.now();
    await store.search(q.q, { ...q.options, limit: 20 });
    const ms = performance.now() - t0;
    times.push(ms);
    byLabel.set(q.label, [...(byLabel.get(q.label) ?? []), ms]);
  }
  const cpu = process.cpuUsage(cpu0);
  const cpuPerQuery = (cpu.user + cpu.system) / 1000 / queries.length;
  times.sort((a, b) => a - b);
  const worst = [...byLabel].map(([label, ts]) => [label, ts.sort((a, b) => a - b)] as const).sort((a, b) => pct(b[1], 95) - pct(a[1], 95))[0];
  console.log(
    `search @ ${at.toLocaleString('en')} articles: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms, max ${times[times.length - 1].toFixed(1)} ms ` +
      `over ${times.length} queries (slowest kind: ${worst[0]}, p95 ${pct(worst[1], 95).toFixed(1)} ms; mean CPU ${cpuPerQuery.toFixed(1)} ms/query; load ${os.loadavg()[0].toFixed(1)})`,
  );
  console.log(`  p95 by kind @ ${at.toLocaleString('en')}: ` + [...byLabel].map(([label, ts]) => `${label} ${pct(ts.sort((a, b) => a - b), 95).toFixed(1)}`).join(', '));
}

// ---- run -------------------------------------------------------------------------------------

async function main(): Promise<void> {
  console.log(`store bench: seed ${SEED}, ${N.toLocaleString('en')} articles, checkpoints ${CHECKPOINTS.join(', ')}, node ${process.version}, ${os.cpus().length} cpus`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-store-bench-'));
  try {
    // With NLP: page text through extractArticle, then saveArticle.
    if (NLP_SAMPLE > 0) {
      const store = new SqliteStore(path.join(dir, 'nlp.db'));
      const sample = Array.from({ length: NLP_SAMPLE }, generate);
      const t0 = performance.now();
      const c0 = process.cpuUsage();
      for (const g of sample) await ingestInput(store, { kind: 'text', text: g.body, published: g.result.published }, g.body);
      const s = (performance.now() - t0) / 1000;
      const c = process.cpuUsage(c0);
      console.log(`ingest with NLP: ${(NLP_SAMPLE / s).toFixed(1)} articles/s (${NLP_SAMPLE} articles in ${s.toFixed(1)} s; ${(NLP_SAMPLE / ((c.user + c.system) / 1e6)).toFixed(1)}/s of CPU time; load ${os.loadavg()[0].toFixed(1)})`);
      await store.close();
    }

    // Without NLP: pre-built results saved directly.
    const file = path.join(dir, 'kb.db');
    const store = new SqliteStore(file);
    const queries = makeQueries(QUERIES);
    let done = 0;
    let genMs = 0;
    let saveMs = 0;
    for (const checkpoint of CHECKPOINTS) {
      const from = done;
      const t0 = performance.now();
      let saveThis = 0;
      let cpuThis = 0;
      while (done < checkpoint) {
        const g0 = performance.now();
        const batch = Array.from({ length: Math.min(1000, checkpoint - done) }, generate);
        genMs += performance.now() - g0;
        const s0 = performance.now();
        const c0 = process.cpuUsage();
        for (const o of await store.saveArticles(batch.map((g) => ({ result: g.result, meta: { contentHash: g.hash, pipelineVersion: 'bench/1', url: g.result.url } })))) {
          if (!o.ok) throw o.error;
        }
        const c1 = process.cpuUsage(c0);
        cpuThis += (c1.user + c1.system) / 1000;
        saveThis += performance.now() - s0;
        done += batch.length;
      }
      saveMs += saveThis;
      const wall = (performance.now() - t0) / 1000;
      console.log(
        `ingest without NLP, articles ${from.toLocaleString('en')}–${checkpoint.toLocaleString('en')}: ${((checkpoint - from) / (saveThis / 1000)).toFixed(0)} articles/s saving ` +
          `(${((checkpoint - from) / (cpuThis / 1000)).toFixed(0)}/s of CPU time; ${wall.toFixed(1)} s with generation; load ${os.loadavg()[0].toFixed(1)})`,
      );
      store.db.pragma('wal_checkpoint(TRUNCATE)');
      store.db.exec('PRAGMA optimize');
      await measureSearch(store, queries, checkpoint);
    }
    const size = fs.statSync(file).size;
    const stats = store.db.prepare('SELECT (SELECT count(*) FROM quotes) AS quotes, (SELECT count(*) FROM entities) AS entities').get() as { quotes: number; entities: number };
    console.log(`database: ${(size / 1048576).toFixed(0)} MB for ${done.toLocaleString('en')} articles, ${stats.quotes.toLocaleString('en')} quotes, ${stats.entities.toLocaleString('en')} entities (generation ${(genMs / 1000).toFixed(1)} s, saving ${(saveMs / 1000).toFixed(1)} s)`);
    await store.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

await main();
