// Store bench: synthetic articles from a seeded generator, ingested with NLP (a small sample)
// and without (pre-built results saved directly), then search latency at each checkpoint.
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
import { contentHash, type SearchOptions } from '../src/store/store.js';
import { buildResult, type ArticleSpec } from '../src/store/testing.js';
import type { ArticleResult } from '../src/result.js';

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

// ---- seeded generator ------------------------------------------------------------------------

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
/** Zipf-like: low indexes much more often. */
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

const sentence = (min: number, max: number): string => {
  const words = Array.from({ length: min + int(max - min + 1) }, () => zipf(VOCAB));
  return cap(words.join(' '));
};
const date = (): string => {
  const d = new Date(Date.UTC(2020, 0, 1) + int(5 * 365) * 86400000);
  return d.toISOString().slice(0, 10);
};

interface Generated {
  readonly result: ArticleResult;
  readonly body: string;
  readonly hash: string;
}

let serial = 0;
function generate(): Generated {
  const id = serial++;
  const published = date();
  const publisher = zipf(PUBLISHERS, 0.6);
  const speakers = Array.from({ length: 1 + int(3) }, () => zipf(PEOPLE, 0.8));
  const orgs = Array.from({ length: int(3) }, () => zipf(ORGS, 0.8));
  const paragraphs: string[] = [];
  const qs: { text: string; speaker: string; kind: string; saidOn: string | null }[] = [];
  paragraphs.push(`${speakers[0]} ${sentence(8, 16).toLowerCase()}.`);
  for (let p = 0; p < 4 + int(4); p++) {
    const sentences = Array.from({ length: 2 + int(3) }, () => sentence(8, 18) + '.');
    if (p % 2 === 1 && qs.length < 4) {
      const who = pick(speakers);
      const about = orgs.length && rand() < 0.4 ? ` ${pick(orgs)}` : '';
      const text = `${sentence(6, 16)}${about} ${zipf(VOCAB)}`;
      const e = speakers.indexOf(who);
      qs.push({ text, speaker: `p${e}`, kind: pick(KINDS), saidOn: rand() < 0.3 ? date() : null });
      sentences.push(`"${text}," said ${who}.`);
    }
    paragraphs.push(sentences.join(' '));
  }
  const title = sentence(5, 9);
  const spec: ArticleSpec = {
    title,
    published,
    url: `https://${publisher}/news/${id}`,
    publisher,
    paragraphs,
    entities: [
      ...[...new Set(speakers)].map((name) => ({ id: `p${speakers.indexOf(name)}`, name, type: 'PERSON' as const, forms: [name, name.split(' ')[1]] })),
      ...[...new Set(orgs)].map((name, i) => ({ id: `o${i}`, name, type: 'ORG' as const })),
    ],
    quotes: [...qs.map((q) => ({ text: q.text, speaker: q.speaker, kind: q.kind, saidOn: q.saidOn }))],
  };
  const result = buildResult(spec);
  const body = `${title}\n\n${paragraphs.join('\n\n')}`;
  return { result, body, hash: contentHash(`${id}\n${body}`) };
}

// ---- queries ---------------------------------------------------------------------------------

interface BenchQuery {
  readonly q: string;
  readonly options: SearchOptions;
  readonly label: string;
}

function makeQueries(n: number): BenchQuery[] {
  const out: BenchQuery[] = [];
  for (let i = 0; i < n; i++) {
    const r = i % 10;
    const w = () => zipf(VOCAB);
    const rare = () => VOCAB[2000 + int(VOCAB.length - 2000)];
    const q: BenchQuery =
      r === 0 ? { q: w(), options: {}, label: 'common word' }
      : r === 1 ? { q: rare(), options: {}, label: 'rare word' }
      : r === 2 ? { q: `${w()} ${w()}`, options: {}, label: 'two words' }
      : r === 3 ? { q: `"${w()} ${w()}"`, options: {}, label: 'phrase' }
      : r === 4 ? { q: `${w()} OR ${rare()}`, options: {}, label: 'OR' }
      : r === 5 ? { q: `${w()} NOT ${w()}`, options: {}, label: 'NOT' }
      : r === 6 ? { q: w(), options: { speaker: zipf(PEOPLE, 0.8) }, label: 'word + speaker' }
      : r === 7 ? { q: w(), options: { publisher: zipf(PUBLISHERS, 0.6), publishedFrom: '2022-01-01', publishedTo: '2022-12-31' }, label: 'word + publisher + dates' }
      : r === 8 ? { q: '', options: { speaker: zipf(PEOPLE, 0.8) }, label: 'speaker only' }
      : { q: `${w().slice(0, 3)}*`, options: { type: 'quote', kind: 'direct' }, label: 'prefix + kind' };
    out.push(q);
  }
  return out;
}

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
        for (const g of batch) await store.saveArticle(g.result, { contentHash: g.hash, pipelineVersion: 'bench/1', url: g.result.url });
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
