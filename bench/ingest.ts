// Figure — ingest into SQLite: articles/s with NLP (text → extractArticle → saveArticle, through
// ingestInput) and without NLP (pre-built ArticleResults from the seeded store generator, saved in
// batches of 1,000 through saveArticles, and one by one through saveArticle). Each run writes into
// a fresh database in a temp folder; articles are generated before the clock starts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ingestInput } from '../src/ingest/ingest.js';
import { SqliteStore } from '../src/store/sqlite/index.js';
import type { SaveItem } from '../src/store/store.js';
import { collectGarbage, rates, spread, type Figure } from './stats.js';
import { DEFAULT_STORE_SEED, storeGenerator, type Generated } from './store-gen.js';

export interface IngestBenchOptions {
  readonly runs: number;
  readonly seed?: number;
  /** Articles per run with NLP (default 100). */
  readonly nlpArticles?: number;
  /** Articles per run without NLP, batched (default 5,000) and one by one (default 1,000). */
  readonly batchArticles?: number;
  readonly singleArticles?: number;
}

const itemOf = (g: Generated): SaveItem => ({ result: g.result, meta: { contentHash: g.hash, pipelineVersion: 'bench/1', url: g.result.url } });

interface Timed { wallMs: number; cpuMs: number }

async function timed(fn: () => Promise<void>): Promise<Timed> {
  collectGarbage();
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const wallMs = performance.now() - t0;
  const c = process.cpuUsage(c0);
  return { wallMs, cpuMs: (c.user + c.system) / 1000 };
}

export async function benchIngest({ runs, seed = DEFAULT_STORE_SEED, nlpArticles = 100, batchArticles = 5000, singleArticles = 1000 }: IngestBenchOptions): Promise<Figure> {
  const gen = storeGenerator(seed);
  const nlp = Array.from({ length: nlpArticles }, () => gen.next());
  const batch = Array.from({ length: batchArticles }, () => gen.next());
  const single = Array.from({ length: singleArticles }, () => gen.next());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-ingest-bench-'));
  let n = 0;
  const fresh = (): SqliteStore => new SqliteStore(path.join(dir, `kb-${n++}.db`));
  const modes: { label: string; count: number; run: (store: SqliteStore) => Promise<void> }[] = [
    {
      label: `with NLP (ingestInput: extractArticle + saveArticle), ${nlpArticles} articles`,
      count: nlpArticles,
      run: async (store) => {
        for (const g of nlp) await ingestInput(store, { kind: 'text', text: g.body, published: g.result.published }, g.body);
      },
    },
    {
      label: `without NLP, saveArticles in batches of 1,000, ${batchArticles.toLocaleString('en')} articles`,
      count: batchArticles,
      run: async (store) => {
        for (let i = 0; i < batch.length; i += 1000) {
          for (const o of await store.saveArticles(batch.slice(i, i + 1000).map(itemOf))) if (!o.ok) throw o.error;
        }
      },
    },
    {
      label: `without NLP, saveArticle one by one, ${singleArticles.toLocaleString('en')} articles`,
      count: singleArticles,
      run: async (store) => {
        for (const g of single) await store.saveArticle(g.result, itemOf(g).meta);
      },
    },
  ];
  try {
    const rows = [];
    const medians: number[] = [];
    const cpuMedians: number[] = [];
    for (const mode of modes) {
      const samples: Timed[] = [];
      for (let r = 0; r <= runs; r++) {
        const store = fresh();
        const t = await timed(() => mode.run(store));
        await store.close();
        if (r > 0) samples.push(t); // run 0 is the warm-up
      }
      const wall = rates(mode.count, samples.map((s) => s.wallMs));
      const cpu = rates(mode.count, samples.map((s) => s.cpuMs));
      medians.push(wall.median);
      cpuMedians.push(cpu.median);
      rows.push({
        label: mode.label,
        cells: { rate: wall, cpuRate: cpu, msPer: spread(samples.map((s) => s.wallMs / mode.count)), cpuShare: spread(samples.map((s) => s.cpuMs / s.wallMs)) },
      });
    }
    return {
      id: 'ingest',
      title: 'Ingest into SQLite',
      about: `seeded store generator (seed ${seed}); each run into a fresh database file (WAL, synchronous=NORMAL); ${runs} runs after a warm-up; articles/s by wall clock and per second of process CPU time`,
      columns: [
        { key: 'rate', header: 'articles/s (wall)' },
        { key: 'cpuRate', header: 'articles/s of CPU time' },
        { key: 'msPer', header: 'ms/article', format: 'fixed2' },
        { key: 'cpuShare', header: 'CPU/wall', format: 'fixed2' },
      ],
      rows,
      summary:
        `ingest: ${Math.round(medians[0])} articles/s with NLP; without NLP ${Math.round(medians[1]).toLocaleString('en')}/s batched ` +
        `(${Math.round(cpuMedians[1]).toLocaleString('en')}/s of CPU; goal ≥ 1,000: ${medians[1] >= 1000 ? 'met' : 'not met'}), ${Math.round(medians[2]).toLocaleString('en')}/s one by one`,
      details: { seed },
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
