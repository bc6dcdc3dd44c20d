// Generated store databases for the search and serve figures, cached between bench runs under
// <tmp>/newsgraph-bench-cache/<seed>-<n>/newsgraph.db. A cached database is reused when its
// meta.json matches: generator version, seed, article count and the schema migrations. One pass
// builds every size asked for (the first 10,000 articles of the 100,000 database are the 10,000
// database), saving in batches of 1,000 through saveArticles.

import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { MIGRATIONS, SqliteStore } from '../src/store/sqlite/index.js';
import { GENERATOR_VERSION, storeGenerator } from './store-gen.js';

export const CACHE_ROOT = process.env.NEWSGRAPH_BENCH_CACHE ?? path.join(os.tmpdir(), 'newsgraph-bench-cache');
export const BATCH = 1000;

interface CacheMeta {
  readonly generator: string;
  readonly seed: number;
  readonly n: number;
  readonly schema: string;
  readonly builtAt?: string;
  readonly buildSeconds?: number;
}

const schemaKey = (): string => MIGRATIONS.map((m) => m.version).join(',');
const dirFor = (seed: number, n: number): string => path.join(CACHE_ROOT, `${seed}-${n}`);

function isCached(seed: number, n: number): boolean {
  try {
    const meta = JSON.parse(fs.readFileSync(path.join(dirFor(seed, n), 'meta.json'), 'utf8')) as CacheMeta;
    return meta.generator === GENERATOR_VERSION && meta.seed === seed && meta.n === n && meta.schema === schemaKey() && fs.existsSync(path.join(dirFor(seed, n), 'newsgraph.db'));
  } catch {
    return false;
  }
}

export interface CachedDb {
  readonly n: number;
  /** The data folder (holds newsgraph.db): what `newsgraph serve --data` takes. */
  readonly dir: string;
  readonly file: string;
  /** Built now (false: reused). */
  readonly built: boolean;
  readonly buildSeconds: number | null;
}

/** Data folders with a generated database of each size, built in one pass when any is missing. */
export async function cachedDbs(seed: number, sizes: readonly number[], log: (m: string) => void = (m) => console.error(m)): Promise<Map<number, CachedDb>> {
  const wanted = [...new Set(sizes)].sort((a, b) => a - b);
  const missing = wanted.filter((n) => !isCached(seed, n));
  const out = new Map<number, CachedDb>();
  const t0 = performance.now();
  if (missing.length) {
    const largest = missing[missing.length - 1];
    log(`store bench: building the generated database(s) ${missing.map((n) => n.toLocaleString('en')).join(', ')} (seed ${seed}) under ${CACHE_ROOT}…`);
    const work = path.join(CACHE_ROOT, `building-${process.pid}`);
    fs.rmSync(work, { recursive: true, force: true });
    fs.mkdirSync(work, { recursive: true });
    const file = path.join(work, 'newsgraph.db');
    const store = new SqliteStore(file);
    const gen = storeGenerator(seed);
    let done = 0;
    try {
      for (const n of missing) {
        while (done < n) {
          const batch = Array.from({ length: Math.min(BATCH, n - done) }, () => gen.next());
          const outcomes = await store.saveArticles(batch.map((g) => ({ result: g.result, meta: { contentHash: g.hash, pipelineVersion: 'bench/1', url: g.result.url } })));
          const bad = outcomes.find((o) => !o.ok);
          if (bad && !bad.ok) throw bad.error;
          done += batch.length;
          if (done % 20000 === 0) log(`  ${done.toLocaleString('en')} articles (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
        }
        store.db.pragma('wal_checkpoint(TRUNCATE)');
        store.db.exec('PRAGMA optimize');
        const dir = dirFor(seed, n);
        fs.rmSync(dir, { recursive: true, force: true });
        fs.mkdirSync(dir, { recursive: true });
        if (n === largest) {
          await store.close();
          fs.renameSync(file, path.join(dir, 'newsgraph.db'));
        } else {
          fs.copyFileSync(file, path.join(dir, 'newsgraph.db'));
        }
        const buildSeconds = (performance.now() - t0) / 1000;
        const meta: CacheMeta = { generator: GENERATOR_VERSION, seed, n, schema: schemaKey(), builtAt: new Date().toISOString(), buildSeconds };
        fs.writeFileSync(path.join(dir, 'meta.json'), JSON.stringify(meta, null, 2) + '\n');
        out.set(n, { n, dir, file: path.join(dir, 'newsgraph.db'), built: true, buildSeconds });
      }
    } finally {
      await store.close();
      fs.rmSync(work, { recursive: true, force: true });
    }
  }
  for (const n of wanted) {
    if (!out.has(n)) out.set(n, { n, dir: dirFor(seed, n), file: path.join(dirFor(seed, n), 'newsgraph.db'), built: false, buildSeconds: null });
  }
  return out;
}
