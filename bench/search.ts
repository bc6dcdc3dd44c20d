// Figure — search latency: p50/p95/p99 of SqliteStore.search over a fixed mix of 300 seeded
// queries (ten kinds: common and rare words, two words, a phrase, OR, NOT, word + speaker, word +
// publisher + dates, speaker only, prefix + quote kind; limit 20) on generated databases of
// 10,000 and 100,000 articles (1,000,000 with --store-1m). The databases are built once by the
// seeded generator and cached between runs (bench/store-cache.ts). Percentiles are over the
// queries of one run; the table shows their median (min–max) over the runs.
import os from 'node:os';
import { performance } from 'node:perf_hooks';
import { SqliteStore } from '../src/store/sqlite/index.js';
import { spread, type Figure, type Row } from './stats.js';
import { CACHE_ROOT, cachedDbs } from './store-cache.js';
import { DEFAULT_STORE_SEED, GENERATOR_VERSION, storeGenerator } from './store-gen.js';

export interface SearchBenchOptions {
  readonly runs: number;
  readonly sizes: readonly number[];
  readonly seed?: number;
  readonly queries?: number;
}

export const pct = (sorted: readonly number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

export async function benchSearch({ runs, sizes, seed = DEFAULT_STORE_SEED, queries: nq = 300 }: SearchBenchOptions): Promise<Figure> {
  const dbs = await cachedDbs(seed, sizes);
  const queries = storeGenerator(seed).queries(nq);
  const rows: Row[] = [];
  const builds: string[] = [];
  const p95s: number[] = [];
  const details: Record<string, unknown> = { seed, generator: GENERATOR_VERSION, cache: CACHE_ROOT };
  for (const n of [...sizes].sort((a, b) => a - b)) {
    const db = dbs.get(n)!;
    if (db.built) builds.push(`${n.toLocaleString('en')} built in ${db.buildSeconds!.toFixed(0)} s`);
    const store = new SqliteStore(db.file);
    try {
      for (const q of queries.slice(0, 30)) await store.search(q.q, { ...q.options, limit: 20 }); // warm-up
      const p50: number[] = [], p95: number[] = [], p99: number[] = [], max: number[] = [], cpu: number[] = [];
      const byKind = new Map<string, number[]>();
      let lowerBounds = 0;
      for (let r = 0; r < runs; r++) {
        const times: number[] = [];
        const c0 = process.cpuUsage();
        for (const q of queries) {
          const t0 = performance.now();
          const res = await store.search(q.q, { ...q.options, limit: 20 });
          const ms = performance.now() - t0;
          times.push(ms);
          if (r === 0 && res.totalIsLowerBound) lowerBounds++;
          byKind.set(q.label, [...(byKind.get(q.label) ?? []), ms]);
        }
        const c = process.cpuUsage(c0);
        cpu.push((c.user + c.system) / 1000 / queries.length);
        times.sort((a, b) => a - b);
        p50.push(pct(times, 50)); p95.push(pct(times, 95)); p99.push(pct(times, 99)); max.push(times[times.length - 1]);
      }
      const kinds = [...byKind].map(([label, ts]) => [label, pct(ts.sort((a, b) => a - b), 95)] as const).sort((a, b) => b[1] - a[1]);
      const p95m = spread(p95);
      p95s.push(p95m.median);
      rows.push({
        label: `${n.toLocaleString('en')} articles`,
        cells: { p50: spread(p50), p95: p95m, p99: spread(p99), max: spread(max), cpu: spread(cpu), slowest: `${kinds[0][0]} (${kinds[0][1].toFixed(1)})` },
      });
      details[`p95ByKind@${n}`] = Object.fromEntries(kinds);
      details[`totalIsLowerBound@${n}`] = `${lowerBounds} of ${queries.length} queries`;
    } finally {
      await store.close();
    }
  }
  const label = (i: number): string => `${p95s[i].toFixed(1)} ms at ${[...sizes].sort((a, b) => a - b)[i].toLocaleString('en')}`;
  const at100k = [...sizes].sort((a, b) => a - b).indexOf(100000);
  return {
    id: 'search',
    title: 'Search latency (SQLite, generated articles)',
    about:
      `${nq} seeded queries (ten kinds in turn; limit 20; seed ${seed}, ${GENERATOR_VERSION}) on generated databases cached under ${CACHE_ROOT}` +
      `${builds.length ? ` (${builds.join(', ')})` : ' (reused)'}; ${runs} passes after a warm-up, percentiles in ms per pass; load ${os.loadavg()[0].toFixed(1)} at the end`,
    columns: [
      { key: 'p50', header: 'p50 (ms)', format: 'fixed1' },
      { key: 'p95', header: 'p95 (ms)', format: 'fixed1' },
      { key: 'p99', header: 'p99 (ms)', format: 'fixed1' },
      { key: 'max', header: 'max (ms)', format: 'fixed1' },
      { key: 'cpu', header: 'CPU ms/query', format: 'fixed2' },
      { key: 'slowest', header: 'slowest kind (p95 ms)' },
    ],
    rows,
    summary:
      `search: p95 ${p95s.map((_, i) => label(i)).join(', ')}` +
      (at100k >= 0 ? ` (goal ≤ 50 ms at 100,000: ${p95s[at100k] <= 50 ? 'met' : 'not met'})` : ''),
    details,
  };
}
