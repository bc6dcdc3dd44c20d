// npm run bench — pipeline speed on one core: tokens/s and articles/s per stage and for the whole
// pipeline, on a fixed corpus (seeded synthetic articles + the shared dev texts when present).
// Each figure is the median of several runs after a warm-up, with min–max. Results go to
// bench/results/<date>-<commit>.json. No timing is asserted anywhere: this only measures.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Doc } from '../src/doc/doc.js';
import { docFromBody } from '../src/extract/index.js';
import { STAGES } from '../src/pipeline.js';
import { loadNerModel } from '../src/nlp/entities/index.js';
import { CORPUS_SEED, devCorpus, syntheticCorpus } from './corpus.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);

const loadStarted = performance.now();
loadNerModel();
const modelLoadMs = performance.now() - loadStarted;

const texts = [...syntheticCorpus(400), ...devCorpus()];
const base = texts.map((t) => docFromBody(t, '2024-12-09', null));
const tokenCount = base.reduce((n, d) => n + STAGES[0].run(d).tokens!.length, 0);

/** Time each stage over the corpus; stage inputs are prepared outside the timed region. */
function runOnce(): Map<string, number> {
  const times = new Map<string, number>();
  let docs: Doc[] = base;
  for (const stage of STAGES) {
    const next: Doc[] = new Array(docs.length);
    const t0 = performance.now();
    const produced = docs.map((d) => stage.run(d));
    times.set(stage.name, performance.now() - t0);
    for (let i = 0; i < docs.length; i++) {
      let d = docs[i];
      for (const name of stage.produces) d = d.withLayer(name, produced[i][name] as never);
      next[i] = d;
    }
    docs = next;
  }
  times.set('whole pipeline (stages only)', [...times.values()].reduce((a, b) => a + b, 0));
  return times;
}

runOnce(); // warm-up
const runs = Array.from({ length: RUNS }, runOnce);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

console.log(`corpus: ${texts.length} articles (400 synthetic, seed ${CORPUS_SEED}; ${texts.length - 400} shared dev texts), ${tokenCount} tokens; ${RUNS} runs after a warm-up`);
console.log(`model load: NER ${modelLoadMs.toFixed(0)} ms`);
console.log('| stage | tokens/s (median) | min–max | articles/s |');
console.log('|---|---|---|---|');
const figures: Record<string, unknown> = {};
for (const name of runs[0].keys()) {
  const ms = runs.map((r) => r.get(name)!);
  const rate = (t: number) => tokenCount / (t / 1000);
  const med = median(ms);
  figures[name] = { tokensPerSecond: Math.round(rate(med)), min: Math.round(rate(Math.max(...ms))), max: Math.round(rate(Math.min(...ms))), articlesPerSecond: Math.round(texts.length / (med / 1000)) };
  console.log(`| ${name} | ${Math.round(rate(med)).toLocaleString('en')} | ${Math.round(rate(Math.max(...ms))).toLocaleString('en')}–${Math.round(rate(Math.min(...ms))).toLocaleString('en')} | ${Math.round(texts.length / (med / 1000))} |`);
}
const whole = figures['whole pipeline (stages only)'] as { tokensPerSecond: number };
console.log(`pipeline: ${whole.tokensPerSecond.toLocaleString('en')} tokens/s on one core (goal 50,000)`);

let commit = 'unknown';
try { commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(); } catch { /* not a checkout */ }
const dir = path.join('bench', 'results');
fs.mkdirSync(dir, { recursive: true });
const record = { commit, date: new Date().toISOString(), node: process.version, cpu: os.cpus()[0]?.model, cores: os.cpus().length, corpus: { articles: texts.length, tokens: tokenCount, seed: CORPUS_SEED }, modelLoadMs: Math.round(modelLoadMs), stages: figures };
fs.writeFileSync(path.join(dir, `${new Date().toISOString().slice(0, 10)}-${commit}.json`), JSON.stringify(record, null, 2) + '\n');
