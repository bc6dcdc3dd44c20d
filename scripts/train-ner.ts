// Train the two-pass averaged-perceptron NER tagger on CoNLL-2003 and write models/ner/.
//   node --import tsx scripts/train-ner.ts [--train FILE] [--dev FILE] [--epochs N] [--out DIR]
// The dev file (optional) is only used to print scores per epoch setting; nothing is tuned on it here.

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ClusterTable, docContext, gazTable, LABELS, mergeFeatures, NL, pass1Summary, pass2Features, phraseHashOf, sentenceFeatures,
  type Gazetteer, type SentenceBase, type SentenceFeatures,
} from '../src/nlp/entities/features.js';
import { decode, viterbi, deserializeModel, WeightTable, serializeModel, type Scorer, type TableData } from '../src/nlp/entities/model.js';
import { tagDocument } from '../src/nlp/entities/tagger.js';
import { mulberry32 as rng } from '../src/rng.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const TRAIN = opt('train', '/work/shared/data/ner-conll2003/train.conll');
const DEV = opt('dev', '/work/shared/data/ner-conll2003/dev.conll');
const EPOCHS = Number(opt('epochs', '10'));
const FOLDS = Number(opt('folds', '5'));
const OUT = resolve(opt('out', join(ROOT, 'models/ner')));
const PRUNE = Number(opt('prune', '1'));
const SEED = 20240611;
const DECODER = opt('decoder', 'viterbi');
// word clusters (scripts/train-ner-clusters.ts) gave no dev gain (0.935 vs 0.936): off by default
const CLUSTERS = opt('clusters', 'none');
const clu = CLUSTERS === 'none' ? null : ClusterTable.fromTsv(readFileSync(CLUSTERS, 'utf8'));

interface Sent {
  words: string[];
  gold: Uint8Array;
}
type Doc = Sent[];

function readConll(path: string): Doc[] {
  const docs: Doc[] = [];
  let doc: Doc = [];
  let words: string[] = [];
  let tags: number[] = [];
  const flush = (): void => {
    if (words.length) doc.push({ words, gold: Uint8Array.from(tags) });
    words = [];
    tags = [];
  };
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const t = line.trim();
    if (!t) {
      flush();
      continue;
    }
    const cols = t.split(' ');
    if (cols[0] === '-DOCSTART-') {
      flush();
      if (doc.length) docs.push(doc);
      doc = [];
      continue;
    }
    const tag = cols[cols.length - 1];
    const idx = (LABELS as readonly string[]).indexOf(tag);
    if (idx < 0) throw new Error(`unknown tag ${tag}`);
    words.push(cols[0]);
    tags.push(idx);
  }
  flush();
  if (doc.length) docs.push(doc);
  return docs;
}

function entityPhrases(doc: Doc, add: (lower: string[], type: number) => void): void {
  for (const s of doc) {
    let i = 0;
    while (i < s.words.length) {
      const l = s.gold[i];
      if (l === 0) {
        i++;
        continue;
      }
      const type = (l - 1) >> 1;
      let j = i + 1;
      while (j < s.words.length && s.gold[j] === 2 + 2 * type) j++;
      add(s.words.slice(i, j).map((w) => w.toLowerCase()), type);
      i = j;
    }
  }
}

function buildGazetteer(docs: Doc[]): Gazetteer {
  const g: Gazetteer = new Map();
  for (const d of docs) {
    entityPhrases(d, (lower, type) => {
      if (lower.length > 6) return;
      const h = phraseHashOf(lower);
      g.set(h, (g.get(h) ?? 0) | (1 << type));
    });
  }
  return g;
}

// ------------------------------------------------------------------ averaged perceptron

class TrainModel implements Scorer {
  index = new Map<number, number>();
  w = new Float32Array(1 << 20);
  tot = new Float64Array(1 << 20);
  stamp = new Int32Array(1 << 20);
  rows = 0;
  t = 1;

  add(key: number, scores: Float32Array, off: number): void {
    const r = this.index.get(key);
    if (r === undefined) return;
    const w = this.w;
    const b = r * NL;
    for (let c = 0; c < NL; c++) scores[off + c] += w[b + c];
  }

  private row(key: number): number {
    let r = this.index.get(key);
    if (r === undefined) {
      r = this.rows++;
      this.index.set(key, r);
      if (this.rows * NL > this.w.length) {
        const grow = <A extends Float32Array | Float64Array | Int32Array>(a: A): A => {
          const b = new (a.constructor as new (n: number) => A)(a.length * 2);
          b.set(a);
          return b;
        };
        this.w = grow(this.w);
        this.tot = grow(this.tot);
        this.stamp = grow(this.stamp);
      }
    }
    return r;
  }

  private bump(key: number, c: number, d: number): void {
    const i = this.row(key) * NL + c;
    this.tot[i] += (this.t - this.stamp[i]) * this.w[i];
    this.stamp[i] = this.t;
    this.w[i] += d;
  }

  bumpKeys = (keys: Uint32Array, from: number, to: number, label: number, delta: number): void => {
    for (let j = from; j < to; j++) this.bump(keys[j], label, delta);
  };

  update = (keys: Uint32Array, from: number, to: number, dyn: Uint32Array, gold: number, pred: number): void => {
    for (let j = from; j < to; j++) {
      this.bump(keys[j], gold, 1);
      this.bump(keys[j], pred, -1);
    }
    for (let j = 0; j < dyn.length; j++) {
      this.bump(dyn[j], gold, 1);
      this.bump(dyn[j], pred, -1);
    }
  };

  /** Averaged weights, rows whose largest |weight| is below `prune` dropped. */
  averaged(prune: number): TableData {
    const keys: number[] = [];
    const rows: number[] = [];
    for (const [key, r] of this.index) {
      const avg = new Array<number>(NL);
      let max = 0;
      for (let c = 0; c < NL; c++) {
        const i = r * NL + c;
        const v = (this.tot[i] + (this.t - this.stamp[i]) * this.w[i]) / this.t;
        avg[c] = v;
        max = Math.max(max, Math.abs(v));
      }
      if (max < prune) continue;
      keys.push(key);
      rows.push(...avg);
    }
    return { keys: Uint32Array.from(keys), rows: Float32Array.from(rows) };
  }
}

interface Example {
  f: SentenceFeatures;
  gold: Uint8Array;
}

function train(examples: Example[], epochs: number, seed: number, label: string): TrainModel {
  const m = new TrainModel();
  const rand = rng(seed);
  const order = examples.map((_, i) => i);
  const out = new Uint8Array(512);
  for (let e = 0; e < epochs; e++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    let errs = 0;
    let toks = 0;
    const t0 = Date.now();
    for (const k of order) {
      const ex = examples[k];
      const o = ex.gold.length <= out.length ? out : new Uint8Array(ex.gold.length);
      if (DECODER === 'viterbi') viterbi(m, ex.f, o, null, ex.gold, m.bumpKeys);
      else decode(m, ex.f, o, null, ex.gold, (keys, from, to, dyn, gold, pred) => {
        m.update(keys, from, to, dyn, gold, pred);
      });
      for (let i = 0; i < ex.gold.length; i++) if (o[i] !== ex.gold[i]) errs++;
      toks += ex.gold.length;
      m.t++;
    }
    if (process.env.NER_VERBOSE) console.error(`  ${label} epoch ${e + 1}: token err ${(errs / toks * 100).toFixed(2)}% (${Date.now() - t0} ms, ${m.rows} rows)`);
  }
  return m;
}

// ------------------------------------------------------------------ evaluation (CoNLL tokens)

function spans(labels: Uint8Array): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < labels.length) {
    const l = labels[i];
    if (l === 0) {
      i++;
      continue;
    }
    const type = (l - 1) >> 1;
    let j = i + 1;
    while (j < labels.length && labels[j] === 2 + 2 * type) j++;
    out.push(`${i}:${j}:${type}`);
    i = j;
  }
  return out;
}

function evaluate(docs: Doc[], tag: (d: Doc) => Uint8Array[]): string {
  const tp = [0, 0, 0, 0];
  const fp = [0, 0, 0, 0];
  const fn = [0, 0, 0, 0];
  for (const d of docs) {
    const pred = tag(d);
    d.forEach((s, k) => {
      const g = new Set(spans(s.gold));
      const p = new Set(spans(pred[k]));
      for (const x of p) {
        const t = Number(x.split(':')[2]);
        if (g.has(x)) tp[t]++;
        else fp[t]++;
      }
      for (const x of g) if (!p.has(x)) fn[Number(x.split(':')[2])]++;
    });
  }
  const f = (a: number, b: number, c: number): string => {
    const p = a / (a + b || 1);
    const r = a / (a + c || 1);
    return `P=${p.toFixed(4)} R=${r.toFixed(4)} F=${(2 * p * r / (p + r || 1)).toFixed(4)}`;
  };
  const sum = (x: number[], n: number): number => x.slice(0, n).reduce((a, b) => a + b, 0);
  const lines = ['PER', 'ORG', 'LOC', 'MISC'].map((t, i) => `  ${t.padEnd(4)} ${f(tp[i], fp[i], fn[i])}`);
  lines.push(`  PER/ORG/LOC ${f(sum(tp, 3), sum(fp, 3), sum(fn, 3))}`);
  lines.push(`  all4  ${f(sum(tp, 4), sum(fp, 4), sum(fn, 4))}`);
  return lines.join('\n');
}

// ------------------------------------------------------------------ main

const t0 = Date.now();
const docs = readConll(TRAIN);
const fold = (d: number): number => d % FOLDS;
const foldGaz: Gazetteer[] = [];
for (let k = 0; k < FOLDS; k++) foldGaz.push(buildGazetteer(docs.filter((_, d) => fold(d) !== k)));
const fullGaz = buildGazetteer(docs);
const words = (d: Doc): string[][] => d.map((s) => s.words);
const ctxs = docs.map((d) => docContext(words(d)));
console.error(`read ${docs.length} docs, ${docs.reduce((a, d) => a + d.length, 0)} sentences; gazetteer ${fullGaz.size} phrases`);

const pass1Examples: Example[][] = docs.map((d, di) =>
  d.map((s) => ({ f: sentenceFeatures(s.words, ctxs[di], foldGaz[fold(di)], clu?.table), gold: s.gold })));

// jackknifed first-pass predictions on the training data
const jack: Uint8Array[][] = new Array(docs.length);
for (let k = 0; k < FOLDS; k++) {
  const ex = pass1Examples.filter((_, d) => fold(d) !== k).flat();
  const m = train(ex, EPOCHS, SEED + k, `fold ${k}`);
  const avg = m.averaged(0);
  const tm = new WeightTable(avg.keys, avg.rows);
  for (let d = 0; d < docs.length; d++) {
    if (fold(d) !== k) continue;
    jack[d] = pass1Examples[d].map((e) => {
      const out = new Uint8Array(e.gold.length);
      if (DECODER === 'viterbi') viterbi(tm, e.f, out);
      else decode(tm, e.f, out);
      return out;
    });
  }
  console.error(`fold ${k} done (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}

const pass1 = train(pass1Examples.flat(), EPOCHS, SEED, 'pass1').averaged(PRUNE);
const pass2Examples: Example[] = docs.flatMap((d, di) => {
  const p = pass1Summary(words(d), jack[di]);
  const pt = gazTable(p.phrases);
  return d.map((s, si) => {
    const base = pass1Examples[di][si].f as SentenceBase;
    return { f: mergeFeatures(base, pass2Features(base, p, pt, si)), gold: s.gold };
  });
});
const pass2 = train(pass2Examples, EPOCHS, SEED + 99, 'pass2').averaged(PRUNE);

const meta = {
  name: 'newsgraph-ner',
  version: 1,
  trainedOn: 'CoNLL-2003 English eng.train (946 docs, 203,621 tokens)',
  date: new Date().toISOString().slice(0, 10),
  decoder: DECODER,
  epochs: EPOCHS,
  folds: FOLDS,
  prune: PRUNE,
  labels: LABELS,
  rows: { pass1: pass1.keys.length, pass2: pass2.keys.length },
  clusters: clu ? { words: clu.keys.length, from: 'scripts/train-ner-clusters.ts (PolNeAR train, TempEval-3 TimeBank/AQUAINT, CoNLL eng.train texts)' } : null,
};
const buf = serializeModel(meta, pass1, pass2, fullGaz, clu);
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, 'ner.bin'), buf);
console.error(`wrote ${join(OUT, 'ner.bin')} (${(buf.length / 1e6).toFixed(2)} MB; pass1 ${pass1.keys.length} rows, pass2 ${pass2.keys.length} rows) in ${((Date.now() - t0) / 1000).toFixed(0)} s`);

if (DEV && DEV !== 'none') {
  const model = deserializeModel(readFileSync(join(OUT, 'ner.bin')));
  const dev = readConll(DEV);
  console.log(`dev (CoNLL tokens), pass 1 only:\n${evaluate(dev, (d) => tagDocument({ ...model, pass2: null, decoder: DECODER }, words(d)))}`);
  console.log(`dev (CoNLL tokens), two passes:\n${evaluate(dev, (d) => tagDocument({ ...model, decoder: DECODER }, words(d)))}`);
}
