// Train the quote stage's learned parts (src/nlp/quotes/learned.ts) on PolNeAR train:
//   node --import tsx scripts/train-quotes.ts [--train /work/shared/data/polnear/train.jsonl]
//        [--dev /work/shared/data/polnear/dev.jsonl] [--epochs 8] [--out models/quotes/quotes.bin]
// Averaged perceptrons (binary for cues, ranking for content start/end and speaker head), seeded
// shuffling, so a run is deterministic. The gold texts are read at run time and never stored: the
// model holds hashed feature keys, weights and the list of cue-head words.

import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Doc } from '../src/doc/doc.js';
import { tokenize, sentences } from '../src/nlp/tokens.js';
import { buildCtx, ruleHint, type Ctx } from '../src/nlp/quotes/index.js';
import {
  cueFeatures, endFeatures, isCueCandidate, lemmaOf, prepare, speakerHeadCandidate, type Hint, WINDOW, serializeModel, speakerFeatures, startFeatures, type Prep,
} from '../src/nlp/quotes/learned.js';
import { mulberry32 as rng } from '../src/rng.js';

const args = process.argv.slice(2);
const opt = (name: string, dflt: string): string => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const TRAIN = opt('--train', '/work/shared/data/polnear/train.jsonl');
const DEV = opt('--dev', '/work/shared/data/polnear/dev.jsonl');
const EPOCHS = Number(opt('--epochs', '8'));
const OUT = opt('--out', 'models/quotes/quotes.bin');
const SEED = Number(opt('--seed', '13'));
// decision threshold of the cue classifier, stored in the model: below 0 trades precision for recall
// (-3.5 chosen on PolNeAR dev, the only number tuned there; see models/quotes/CARD.md)
const CUE_BIAS = Number(opt('--cue-bias', '-3.5'));
const LEMMA_CANDIDATES = opt('--lemma-candidates', '1') === '1';

interface GoldSpan { start: number; end: number; fragments?: [number, number][] }
interface GoldQuote { start: number; end: number; cue: GoldSpan | null; speaker: GoldSpan | null }
interface Article { id: string; text: string; quotes: GoldQuote[] }

const AUXW = new Set(['has', 'have', 'had', 'is', 'was', 'are', 'were', 'be', 'been', 'also', 'would', 'will', 'did', 'does', 'do', 'not', 'could', 'can', 'may', 'might', 'should', 'must', 'reportedly', 'repeatedly', 'previously', 'publicly', 'later', 'then', 'just', 'again', 'often', 'never', 'once', "'s", '’s', "n't", 'n’t']);

interface Example {
  ctx: Ctx;
  prep: Prep;
  i: number;
  ce: number;
  /** gold content start/end tokens (-1: none in the sentence) */
  s: number;
  e: number;
  /** gold speaker head token, -1 none, -2 unknown (outside the sentence) */
  h: number;
  hint: Hint;
}

function load(path: string): Article[] {
  return readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as Article);
}

export function cueEndTok(ctx: Ctx, i: number): number {
  if (ctx.lw[i] === 'according' && ctx.lw[i + 1] === 'to') return i + 1;
  if (ctx.lw[i + 1] === 'out' && /^point/.test(ctx.lw[i])) return i + 1;
  return i;
}

interface DocData { ctx: Ctx; prep: Prep; heads: Map<number, GoldQuote>; hints: Map<number, Hint> }

function analyse(art: Article): DocData {
  let doc = Doc.create(art.text);
  doc = doc.withLayer('tokens', tokenize(doc));
  doc = doc.withLayer('sentences', sentences(doc));
  const ctx = buildCtx(doc);
  const prep = prepare(ctx);
  const heads = new Map<number, GoldQuote>();
  const toks = ctx.toks;
  // token index by character (start of the token containing it)
  for (const q of art.quotes) {
    if (!q.cue) continue;
    const fr = q.cue.fragments && q.cue.fragments.length ? q.cue.fragments[0] : [q.cue.start, q.cue.end];
    const inCue: number[] = [];
    for (let k = lowerBound(toks, fr[0]); k < toks.length && toks[k].start < fr[1]; k++) if (toks[k].end > fr[0]) inCue.push(k);
    if (!inCue.length) continue;
    let head = inCue.find((k) => !AUXW.has(ctx.lw[k]) && toks[k].kind !== 'punct' || ctx.lw[k] === ':') ?? inCue[0];
    if (!heads.has(head)) heads.set(head, q);
  }
  return { ctx, prep, heads, hints: new Map() };
}

function lowerBound(toks: readonly { start: number; end: number }[], ch: number): number {
  let lo = 0;
  let hi = toks.length;
  while (lo < hi) {
    const m = (lo + hi) >> 1;
    if (toks[m].end <= ch) lo = m + 1;
    else hi = m;
  }
  return lo;
}

/** Gold start/end/speaker tokens for the quote at cue head i. */
function hint(d: DocData, i: number): Hint {
  let h = d.hints.get(i);
  if (!h) {
    h = ruleHint(d.ctx, i);
    d.hints.set(i, h);
  }
  return h;
}

function example(d: DocData, i: number, q: GoldQuote): Example {
  const { ctx, prep } = d;
  const ce = cueEndTok(ctx, i);
  const a = prep.sa[i];
  const b = prep.sb[i];
  const toks = ctx.toks;
  let s = -1;
  let e = -1;
  const ks = lowerBound(toks, q.start);
  let ke = lowerBound(toks, q.end - 1);
  if (ks < toks.length && toks[ks].start === q.start && ke < toks.length && toks[ke].end === q.end && ks >= a && ke <= b && ks <= ke) {
    if (ks > ce || ke < i) {
      s = ks;
      e = ke;
    }
  }
  let h = -2;
  if (!q.speaker) h = -1;
  else {
    const fr = q.speaker.fragments && q.speaker.fragments.length ? q.speaker.fragments[q.speaker.fragments.length - 1] : [q.speaker.start, q.speaker.end];
    let k = lowerBound(toks, fr[1] - 1);
    while (k > 0 && toks[k].start >= fr[0] && toks[k].kind !== 'word' && toks[k].kind !== 'number') k--;
    if (k < toks.length && toks[k].start >= fr[0] && k >= a && k <= b && (k < i || k > ce)) h = k;
  }
  return { ctx, prep, i, ce, s, e, h, hint: hint(d, i) };
}

// ---------------------------------------------------------------------------------------------
// averaged perceptron over hashed keys

class Perceptron {
  w = new Map<number, number>();
  acc = new Map<number, number>();
  ts = new Map<number, number>();
  t = 1;
  score(f: readonly number[]): number {
    let s = 0;
    for (const k of f) s += this.w.get(k) ?? 0;
    return s;
  }
  upd(f: readonly number[], d: number): void {
    for (const k of f) {
      const w = this.w.get(k) ?? 0;
      const last = this.ts.get(k) ?? this.t;
      this.acc.set(k, (this.acc.get(k) ?? 0) + w * (this.t - last));
      this.ts.set(k, this.t);
      this.w.set(k, w + d);
    }
  }
  tick(): void {
    this.t++;
  }
  averaged(): Map<number, number> {
    const out = new Map<number, number>();
    for (const [k, w] of this.w) {
      const last = this.ts.get(k) ?? this.t;
      const tot = (this.acc.get(k) ?? 0) + w * (this.t - last);
      const avg = tot / this.t;
      if (Math.abs(avg) > 1e-4) out.set(k, avg);
    }
    return out;
  }
}


function shuffle<T>(xs: T[], r: () => number): void {
  for (let i = xs.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [xs[i], xs[j]] = [xs[j], xs[i]];
  }
}

// ---------------------------------------------------------------------------------------------

const t0 = Date.now();
const trainArts = load(TRAIN);
const devArts = load(DEV);
const train = trainArts.map(analyse);
const dev = devArts.map(analyse);
console.log(`analysed ${train.length} train, ${dev.length} dev articles in ${Date.now() - t0}ms`);

// the candidate filter: words that head cues often enough
const headCount = new Map<string, number>();
const allCount = new Map<string, number>();
for (const d of train) {
  for (let k = 0; k < d.ctx.n; k++) allCount.set(d.ctx.lw[k], (allCount.get(d.ctx.lw[k]) ?? 0) + 1);
  for (const k of d.heads.keys()) headCount.set(d.ctx.lw[k], (headCount.get(d.ctx.lw[k]) ?? 0) + 1);
}
const cueWords = [...headCount].filter(([w, c]) => c >= 2 && c / (allCount.get(w) ?? 1) >= 0.02 && /[a-z:]/.test(w)).map(([w]) => w).sort();
const cueListed = new Set(cueWords);
const cueLemmaSet = new Set(cueWords.filter((w) => w.length >= 4).map(lemmaOf));
// candidates: listed words and other forms of their lemmas (the same test as QuoteModel.isCandidate)
const cueSet = { has: (w: string) => (LEMMA_CANDIDATES ? isCueCandidate(w, cueListed, cueLemmaSet) : cueListed.has(w)) };
let covered = 0;
let totalHeads = 0;
for (const d of train) for (const k of d.heads.keys()) {
  totalHeads++;
  if (cueSet.has(d.ctx.lw[k])) covered++;
}
console.log(`cue words ${cueWords.length}; train heads covered ${covered}/${totalHeads}`);

interface CueEx { d: DocData; i: number; y: boolean }
function cueExamples(ds: DocData[]): CueEx[] {
  const out: CueEx[] = [];
  for (const d of ds) for (let k = 0; k < d.ctx.n; k++) if (cueSet.has(d.ctx.lw[k])) out.push({ d, i: k, y: d.heads.has(k) });
  return out;
}
function spanExamples(ds: DocData[]): Example[] {
  const out: Example[] = [];
  for (const d of ds) for (const [k, q] of d.heads) if (cueSet.has(d.ctx.lw[k])) out.push(example(d, k, q));
  return out;
}
const cueTrain = cueExamples(train);
const cueDev = cueExamples(dev);
const spTrain = spanExamples(train);
const spDev = spanExamples(dev);
console.log(`cue examples ${cueTrain.length} (pos ${cueTrain.filter((x) => x.y).length}); span examples ${spTrain.length} (with content ${spTrain.filter((x) => x.s >= 0).length})`);

const cueP = new Perceptron();
const startP = new Perceptron();
const endP = new Perceptron();
const spkP = new Perceptron();
const r = rng(SEED);
const f: number[] = [];

function rank(p: { score(f: readonly number[]): number }, cands: number[], feat: (c: number, out: number[]) => void): { best: number; scores: Float64Array } {
  const scores = new Float64Array(cands.length);
  let best = 0;
  for (let j = 0; j < cands.length; j++) {
    feat(cands[j], f);
    scores[j] = p.score(f);
    if (scores[j] > scores[best]) best = j;
  }
  return { best: cands[best], scores };
}

function startCands(x: Example): number[] {
  const a = Math.max(x.prep.sa[x.i], x.i - WINDOW);
  const b = Math.min(x.prep.sb[x.i], x.ce + WINDOW);
  const out: number[] = [];
  for (let k = a; k <= b; k++) if ((k < x.i || k > x.ce) && x.ctx.toks[k].kind !== 'punct') out.push(k);
  return out;
}
function endCands(x: Example): number[] {
  const a = Math.max(x.prep.sa[x.i], x.i - WINDOW);
  const b = Math.min(x.prep.sb[x.i], x.ce + WINDOW);
  const out: number[] = [];
  for (let k = a; k <= b; k++) if ((k < x.i || k > x.ce) && (x.ctx.toks[k].kind !== 'punct' || x.ctx.lw[k] === '.' || x.ctx.lw[k] === '?' || x.ctx.lw[k] === '!')) out.push(k);
  return out;
}
function spkCands(x: Example, s: number, e: number): number[] {
  const a = Math.max(x.prep.sa[x.i], x.i - WINDOW);
  const b = Math.min(x.prep.sb[x.i], x.ce + WINDOW);
  const out: number[] = [-1];
  for (let k = a; k <= b; k++) {
    if (k >= x.i && k <= x.ce) continue;
    if (s >= 0 && k >= s && k <= e) continue;
    const kind = x.ctx.toks[k].kind;
    if ((kind === 'word' || kind === 'number') && (speakerHeadCandidate(x.prep, k) || k === x.hint.h1 || k === x.h)) out.push(k);
  }
  return out;
}

for (let ep = 0; ep < EPOCHS; ep++) {
  shuffle(cueTrain, r);
  let err = 0;
  for (const x of cueTrain) {
    cueFeatures(x.d.ctx, x.d.prep, x.i, hint(x.d, x.i), f);
    const s = cueP.score(f);
    if ((s > 0) !== x.y) {
      cueP.upd(f, x.y ? 1 : -1);
      err++;
    }
    cueP.tick();
  }
  shuffle(spTrain, r);
  let es = 0;
  let ee = 0;
  let eh = 0;
  const g: number[] = [];
  for (const x of spTrain) {
    if (x.s >= 0) {
      const sc = startCands(x);
      const bs = rank(startP, sc, (c, o) => startFeatures(x.ctx, x.prep, x.i, x.ce, c, x.hint, o)).best;
      if (bs !== x.s) {
        startFeatures(x.ctx, x.prep, x.i, x.ce, x.s, x.hint, g);
        startP.upd(g, 1);
        startFeatures(x.ctx, x.prep, x.i, x.ce, bs, x.hint, g);
        startP.upd(g, -1);
        es++;
      }
      startP.tick();
      const ec = endCands(x);
      const be = rank(endP, ec, (c, o) => endFeatures(x.ctx, x.prep, x.i, x.ce, c, x.hint, o)).best;
      if (be !== x.e) {
        endFeatures(x.ctx, x.prep, x.i, x.ce, x.e, x.hint, g);
        endP.upd(g, 1);
        endFeatures(x.ctx, x.prep, x.i, x.ce, be, x.hint, g);
        endP.upd(g, -1);
        ee++;
      }
      endP.tick();
    }
    if (x.h >= -1) {
      const hc = spkCands(x, x.s, x.e);
      if (hc.includes(x.h)) {
        const bh = rank(spkP, hc, (c, o) => speakerFeatures(x.ctx, x.prep, x.i, x.ce, c, x.hint, o, x.s, x.e)).best;
        if (bh !== x.h) {
          speakerFeatures(x.ctx, x.prep, x.i, x.ce, x.h, x.hint, g, x.s, x.e);
          spkP.upd(g, 1);
          speakerFeatures(x.ctx, x.prep, x.i, x.ce, bh, x.hint, g, x.s, x.e);
          spkP.upd(g, -1);
          eh++;
        }
        spkP.tick();
      }
    }
  }
  console.log(`epoch ${ep + 1}: cue errors ${err}, start ${es}, end ${ee}, speaker ${eh}`);
}

// merge the four averaged models into one table (template ids keep their keys apart)
const merged = new Map<number, number>();
for (const p of [cueP, startP, endP, spkP]) for (const [k, v] of p.averaged()) merged.set(k, (merged.get(k) ?? 0) + v);
const keys = new Uint32Array([...merged.keys()].sort((x, y) => x - y));
const vals = new Float32Array(keys.length);
for (let j = 0; j < keys.length; j++) vals[j] = merged.get(keys[j])!;

// dev diagnostics with the averaged weights
const avg = { score: (ff: readonly number[]) => { let s = 0; for (const k of ff) s += merged.get(k) ?? 0; return s; } };
let tp = 0;
let fp = 0;
let fn = 0;
for (const x of cueDev) {
  cueFeatures(x.d.ctx, x.d.prep, x.i, hint(x.d, x.i), f);
  const y = avg.score(f) > 0;
  if (y && x.y) tp++;
  else if (y) fp++;
  else if (x.y) fn++;
}
let sOk = 0;
let eOk = 0;
let bothOk = 0;
let nS = 0;
let hOk = 0;
let nH = 0;
for (const x of spDev) {
  if (x.s >= 0) {
    nS++;
    const bs = rank(avg, startCands(x), (c, o) => startFeatures(x.ctx, x.prep, x.i, x.ce, c, x.hint, o)).best;
    const be = rank(avg, endCands(x), (c, o) => endFeatures(x.ctx, x.prep, x.i, x.ce, c, x.hint, o)).best;
    if (bs === x.s) sOk++;
    if (be === x.e) eOk++;
    if (bs === x.s && be === x.e) bothOk++;
  }
  if (x.h >= -1) {
    const hc = spkCands(x, x.s, x.e);
    if (hc.includes(x.h)) {
      nH++;
      if (rank(avg, hc, (c, o) => speakerFeatures(x.ctx, x.prep, x.i, x.ce, c, x.hint, o, x.s, x.e)).best === x.h) hOk++;
    }
  }
}
const P = tp / (tp + fp);
const R = tp / (tp + fn);
console.log(`dev cue heads: P ${P.toFixed(3)} R ${R.toFixed(3)} F1 ${(2 * P * R / (P + R)).toFixed(3)} (of candidates)`);
console.log(`dev content given gold cue: start ${(sOk / nS).toFixed(3)} end ${(eOk / nS).toFixed(3)} both ${(bothOk / nS).toFixed(3)} (n=${nS}); speaker head ${(hOk / nH).toFixed(3)} (n=${nH})`);

mkdirSync(dirname(OUT), { recursive: true });
const buf = serializeModel(keys, vals, cueWords, CUE_BIAS);
writeFileSync(OUT, buf);
console.log(`wrote ${OUT}: ${keys.length} weights, ${cueWords.length} cue words, ${(buf.length / 1024).toFixed(0)} KiB; ${((Date.now() - t0) / 1000).toFixed(1)}s`);
