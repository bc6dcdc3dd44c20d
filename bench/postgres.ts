// PostgreSQL bench: queue throughput with 1 and 2 worker processes (the same corpus), then
// search latency at N generated articles saved as pre-built results (no NLP).
//
//   node --import tsx bench/postgres.ts [--articles 600] [--n 100000] [--seed N] [--queries 300] [--skip-workers] [--skip-search]
//
// The server: NEWSGRAPH_BENCH_DATABASE_URL, else NEWSGRAPH_TEST_DATABASE_URL, else
// postgres://postgres@127.0.0.1:5432/test; fresh databases are created and dropped.
// One summary line per figure; the seed is printed so a run can be repeated.

import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { syntheticCorpus } from './corpus.js';
import { JobQueue } from '../src/queue/queue.js';
import { openPostgresStore, type PostgresStore } from '../src/store/postgres/index.js';
import { createTestDatabase, TEST_DATABASE_ENV } from '../src/store/postgres/testing.js';
import { contentHash, type SearchOptions } from '../src/store/store.js';
import { buildResult, type ArticleSpec } from '../src/store/testing.js';
import type { ArticleResult } from '../src/result.js';
import { startCli, waitFor, waitForOutput } from '../test/scale/processes.js';

const { values: args } = parseArgs({
  options: {
    articles: { type: 'string', default: '600' },
    n: { type: 'string', default: '100000' },
    seed: { type: 'string' },
    queries: { type: 'string', default: '300' },
    'skip-workers': { type: 'boolean', default: false },
    'skip-search': { type: 'boolean', default: false },
  },
});
if (process.env.NEWSGRAPH_BENCH_DATABASE_URL) process.env[TEST_DATABASE_ENV] = process.env.NEWSGRAPH_BENCH_DATABASE_URL;
const ARTICLES = Number(args.articles);
const N = Number(args.n);
const QUERIES = Number(args.queries);
const SEED = args.seed !== undefined ? Number(args.seed) >>> 0 : (Date.now() ^ (process.pid << 16)) >>> 0;
console.log(`postgres bench: seed ${SEED}`);

// ---- 1. queue throughput with 1 and 2 workers ---------------------------------------------

async function throughput(workers: number, corpus: readonly string[]): Promise<number> {
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
    }, 600_000, 100);
    const seconds = (performance.now() - t0) / 1000;
    const c = await queue.counts();
    if (c.dead) console.log(`  (${c.dead} jobs dead)`);
    const articles = (await store.listArticles({ limit: 0 })).total;
    await store.close();
    const rate = corpus.length / seconds;
    console.log(`queue throughput, ${workers} worker${workers > 1 ? 's' : ''}: ${rate.toFixed(1)} articles/s (${corpus.length} jobs, ${articles} stored, ${seconds.toFixed(1)} s)`);
    return rate;
  } finally {
    await Promise.all(children.map((c) => c.stop()));
    await db.drop();
  }
}

// ---- 2. search latency at N generated articles --------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rand = mulberry32(SEED);
const int = (n: number): number => Math.floor(rand() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
const zipf = <T>(xs: readonly T[], s = 1.1): T => xs[Math.min(xs.length - 1, Math.floor(Math.pow(rand(), s * 2.2) * xs.length))];
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ten', 'vor', 'sel', 'du', 'brin', 'ta', 'ne', 'pol', 'ari', 'gus', 'fen', 'ho', 'li', 'mar', 'os', 'quin', 'ri', 'sa', 'tor', 'ul', 've', 'wen', 'yar', 'zo', 'ba', 'cor'];
const word = (min: number, max: number): string => Array.from({ length: min + int(max - min + 1) }, () => pick(SYLLABLES)).join('');
const cap = (w: string): string => w[0].toUpperCase() + w.slice(1);
const VOCAB = [...new Set(Array.from({ length: 30000 }, () => word(2, 4)))];
const FIRST = [...new Set(Array.from({ length: 600 }, () => cap(word(2, 3))))];
const LAST = [...new Set(Array.from({ length: 1500 }, () => cap(word(2, 4))))];
const PEOPLE = [...new Set(Array.from({ length: 3000 }, () => `${pick(FIRST)} ${pick(LAST)}`))];
const ORGS = [...new Set(Array.from({ length: 600 }, () => `${cap(word(2, 3))} ${pick(['Group', 'Ministry', 'Bank', 'Council', 'Union', 'Agency'])}`))];
const PUBLISHERS = Array.from({ length: 40 }, (_, i) => `${word(2, 3)}${i}.example`);
const KINDS = ['direct', 'direct', 'direct', 'indirect', 'indirect', 'partial', 'refusal'];
const sentence = (min: number, max: number): string => cap(Array.from({ length: min + int(max - min + 1) }, () => zipf(VOCAB)).join(' '));
const date = (): string => new Date(Date.UTC(2020, 0, 1) + int(5 * 365) * 86400000).toISOString().slice(0, 10);

let serial = 0;
function generate(): { result: ArticleResult; hash: string } {
  const id = serial++;
  const publisher = zipf(PUBLISHERS, 0.6);
  const speakers = Array.from({ length: 1 + int(3) }, () => zipf(PEOPLE, 0.8));
  const orgs = Array.from({ length: int(3) }, () => zipf(ORGS, 0.8));
  const paragraphs: string[] = [`${speakers[0]} ${sentence(8, 16).toLowerCase()}.`];
  const qs: { text: string; speaker: string; kind: string; saidOn: string | null }[] = [];
  for (let p = 0; p < 4 + int(4); p++) {
    const sentences = Array.from({ length: 2 + int(3) }, () => sentence(8, 18) + '.');
    if (p % 2 === 1 && qs.length < 4) {
      const who = pick(speakers);
      const about = orgs.length && rand() < 0.4 ? ` ${pick(orgs)}` : '';
      const text = `${sentence(6, 16)}${about} ${zipf(VOCAB)}`;
      qs.push({ text, speaker: `p${speakers.indexOf(who)}`, kind: pick(KINDS), saidOn: rand() < 0.3 ? date() : null });
      sentences.push(`"${text}," said ${who}.`);
    }
    paragraphs.push(sentences.join(' '));
  }
  const spec: ArticleSpec = {
    title: sentence(5, 9),
    published: date(),
    url: `https://${publisher}/news/${id}`,
    publisher,
    paragraphs,
    entities: [
      ...[...new Set(speakers)].map((name) => ({ id: `p${speakers.indexOf(name)}`, name, type: 'PERSON' as const, forms: [name, name.split(' ')[1]] })),
      ...[...new Set(orgs)].map((name, i) => ({ id: `o${i}`, name, type: 'ORG' as const })),
    ],
    quotes: qs,
  };
  return { result: buildResult(spec), hash: contentHash(`bench-${SEED}-${id}`) };
}

interface BenchQuery { readonly q: string; readonly options: SearchOptions; readonly label: string }

function makeQueries(n: number): BenchQuery[] {
  const out: BenchQuery[] = [];
  const w = () => zipf(VOCAB);
  const rare = () => VOCAB[2000 + int(VOCAB.length - 2000)];
  for (let i = 0; i < n; i++) {
    const r = i % 10;
    out.push(
      r === 0 ? { q: w(), options: {}, label: 'common word' }
      : r === 1 ? { q: rare(), options: {}, label: 'rare word' }
      : r === 2 ? { q: `${w()} ${w()}`, options: {}, label: 'two words' }
      : r === 3 ? { q: `"${w()} ${w()}"`, options: {}, label: 'phrase' }
      : r === 4 ? { q: `${w()} OR ${rare()}`, options: {}, label: 'OR' }
      : r === 5 ? { q: `${w().slice(0, 4)}*`, options: {}, label: 'prefix' }
      : r === 6 ? { q: w(), options: { speaker: zipf(PEOPLE, 0.8) }, label: 'word + speaker' }
      : r === 7 ? { q: '', options: { speaker: zipf(PEOPLE, 0.8) }, label: 'speaker only' }
      : r === 8 ? { q: w(), options: { publisher: zipf(PUBLISHERS, 0.6), publishedFrom: '2022-01-01', publishedTo: '2022-12-31' }, label: 'word + publisher + dates' }
      : { q: w(), options: { entity: zipf(ORGS, 0.8) }, label: 'word + entity' },
    );
  }
  return out;
}

const pct = (xs: number[], p: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};

async function searchLatency(): Promise<void> {
  const db = await createTestDatabase('newsgraph_bench');
  let store: PostgresStore | null = null;
  try {
    store = await openPostgresStore(db.url, { poolSize: 6, synchronousCommit: false });
    const t0 = performance.now();
    // Saves hold one advisory lock each (entity matching), so they run one at a time; a few in
    // flight keep the connection busy while the next result is generated.
    const inFlight = new Set<Promise<unknown>>();
    for (let i = 0; i < N; i++) {
      const g = generate();
      const p = store.saveArticle(g.result, { contentHash: g.hash, pipelineVersion: 'newsgraph-pipeline/1' }).finally(() => inFlight.delete(p));
      inFlight.add(p);
      if (inFlight.size >= 4) await Promise.race(inFlight);
      if ((i + 1) % 20000 === 0) process.stderr.write(`  ${i + 1} saved, ${((i + 1) / ((performance.now() - t0) / 1000)).toFixed(0)}/s\n`);
    }
    await Promise.all(inFlight);
    const loadS = (performance.now() - t0) / 1000;
    console.log(`bulk save (pre-built results): ${N} articles in ${loadS.toFixed(1)} s (${(N / loadS).toFixed(0)} articles/s)`);
    await store.pool.query('VACUUM ANALYZE');
    const queries = makeQueries(QUERIES);
    for (const q of queries.slice(0, 20)) await store.search(q.q, { ...q.options, limit: 20 }); // warm-up
    const byLabel = new Map<string, number[]>();
    const all: number[] = [];
    let hits = 0;
    for (const q of queries) {
      const t = performance.now();
      const r = await store.search(q.q, { ...q.options, limit: 20 });
      const ms = performance.now() - t;
      hits += r.hits.length;
      all.push(ms);
      byLabel.set(q.label, [...(byLabel.get(q.label) ?? []), ms]);
    }
    console.log(`search latency at ${N} articles: p50 ${pct(all, 50).toFixed(1)} ms, p95 ${pct(all, 95).toFixed(1)} ms (${queries.length} queries, ${(hits / queries.length).toFixed(1)} hits each)`);
    for (const [label, xs] of byLabel) console.log(`  ${label.padEnd(26)} p50 ${pct(xs, 50).toFixed(1).padStart(7)} ms  p95 ${pct(xs, 95).toFixed(1).padStart(7)} ms`);
  } finally {
    await store?.close();
    await db.drop();
  }
}

if (!args['skip-workers']) {
  const corpus = syntheticCorpus(ARTICLES, SEED);
  const one = await throughput(1, corpus);
  const two = await throughput(2, corpus);
  console.log(`queue scaling 1 → 2 workers: ×${(two / one).toFixed(2)}`);
}
if (!args['skip-search']) await searchLatency();
