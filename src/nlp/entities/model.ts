// The tagger's weights (hashed sparse features -> one weight per label), its binary file format
// and greedy left-to-right decoding with BIO repair.

import { ClusterTable, dynamicKeys, N_DYNAMIC, transBases, TYPE_CAP, WORD_TYPES, type Gazetteer, type SentenceBase, type SentenceFeatures } from './features.js';
import { packSections, unpackSections, type SectionPart } from '../model-file.js';

/** Number of labels (features.ts LABELS); a local constant keeps the hot loops monomorphic. */
const NL = 9;
/** log2 of the entries of a table's memo of transition-feature rows */
const TRANS_MEMO_BITS = 12;

/** Open-addressed table: feature key (never 0) -> row of NL float weights (rows stored densely). */
export class WeightTable {
  /** interleaved (key, row) pairs */
  readonly slots: Uint32Array;
  readonly vals: Float32Array;
  readonly mask: number;
  readonly size: number;

  constructor(keys: Uint32Array, rows: Float32Array) {
    let cap = 1;
    while (cap < keys.length * 2) cap <<= 1;
    this.mask = cap - 1;
    this.slots = new Uint32Array(cap * 2);
    this.vals = rows.slice(0, keys.length * NL);
    this.size = keys.length;
    for (let r = 0; r < keys.length; r++) {
      const k = keys[r];
      let idx = (k ^ (k >>> 15)) & this.mask;
      while (this.slots[idx * 2] !== 0 && this.slots[idx * 2] !== k) idx = (idx + 1) & this.mask;
      this.slots[idx * 2] = k;
      this.slots[idx * 2 + 1] = r;
    }
  }

  private maskTab: Uint16Array | null = null;
  /**
   * For a transition-feature base (features.ts transBases): bitmask of the previous labels p1 whose
   * key (base | p1) >>> 0 has a row (a superset: any key with those high bits counts; bases compared unsigned).
   */
  transMask(base: number): number {
    let t = this.maskTab;
    if (!t) {
      t = new Uint16Array(this.mask + 1);
      for (let i = 0; i < this.slots.length; i += 2) {
        const k = this.slots[i];
        if (k === 0) continue;
        const b = (k & ~15) >>> 0;
        let idx = (b ^ (b >>> 15)) & this.mask;
        while (this.slots[idx * 2] !== 0 && ((this.slots[idx * 2] & ~15) >>> 0) !== b) idx = (idx + 1) & this.mask;
        // reuse the key table's probe positions: the mask of base b lives at the first slot of its probe
        // sequence that is empty or holds a key with the same base
        t[idx] |= 1 << (k & 15);
      }
      this.maskTab = t;
    }
    const slots = this.slots;
    let idx = (base ^ (base >>> 15)) & this.mask;
    for (;;) {
      const k = slots[idx << 1];
      if (k === 0 || ((k & ~15) >>> 0) === base) return t[idx];
      idx = (idx + 1) & this.mask;
    }
  }

  /** row of a key, -1 if none */
  rowOf(key: number): number {
    const slots = this.slots;
    const mask = this.mask;
    let idx = (key ^ (key >>> 15)) & mask;
    for (;;) {
      const k = slots[idx << 1];
      if (k === key) return slots[(idx << 1) + 1];
      if (k === 0) return -1;
      idx = (idx + 1) & mask;
    }
  }

  /** direct-mapped memo of the transition-feature rows: the bases (features.ts transBases) held */
  private readonly transMemoKeys = new Uint32Array(1 << TRANS_MEMO_BITS);
  /** ... and for entry e holding base b, [e * NL + p1] = the row of key b|p1 (-1: none) */
  readonly transMemoRows = new Int32Array((1 << TRANS_MEMO_BITS) * NL);

  /**
   * The offset o in transMemoRows of the rows of the keys base|p1 (at o + p1, p1 = 0..NL-1; -1 when
   * there is none). base is a transition-feature base (never 0). The keys are the unsigned values
   * dynamicKeys() builds (training, the first token, the plain Scorer path): (base | p1) >>> 0, and
   * transMask compares bases unsigned too. (Until 2026-11-25 both used the signed base | p1, so for a
   * base >= 2^31, about half of them, no row was found at inference: half of the learned
   * previous-label weights were ignored, and the jackknifed pass-1 labels pass 2 was trained on came
   * from that decoding. Fixing only rowOf's key left transMask's signed comparison, which still hid
   * some rows; index.test.ts now checks these scores against the plain key-by-key path.)
   */
  transRows(base: number): number {
    const idx = Math.imul(base, 0x9e3779b1) >>> (32 - TRANS_MEMO_BITS);
    const o = idx * NL;
    if (this.transMemoKeys[idx] !== base) {
      this.transMemoKeys[idx] = base;
      const m = this.transMask(base);
      for (let p1 = 0; p1 < NL; p1++) this.transMemoRows[o + p1] = m & (1 << p1) ? this.rowOf((base | p1) >>> 0) : -1;
    }
    return o;
  }

  /** Add row r into scores[off .. off+NL). */
  addRow(r: number, scores: Float32Array, off: number): void {
    const v = this.vals;
    const b = r * NL;
    for (let c = 0; c < NL; c++) scores[off + c] += v[b + c];
  }

  /** The features and their rows, in row order. */
  entries(): { keys: Uint32Array; rows: Float32Array } {
    const keys = new Uint32Array(this.size);
    for (let i = 0; i < this.slots.length; i += 2) if (this.slots[i] !== 0) keys[this.slots[i + 1]] = this.slots[i];
    return { keys, rows: this.vals };
  }

  /**
   * Add the rows of keys[from..to) into scores[off .. off+NL), key by key in order (the same float32
   * roundings as calling add() for each key; the running sums stay in registers).
   */
  addKeys(keys: Uint32Array, from: number, to: number, scores: Float32Array, off: number): void {
    const slots = this.slots;
    const mask = this.mask;
    const v = this.vals;
    const fr = Math.fround;
    let s0 = scores[off], s1 = scores[off + 1], s2 = scores[off + 2], s3 = scores[off + 3], s4 = scores[off + 4];
    let s5 = scores[off + 5], s6 = scores[off + 6], s7 = scores[off + 7], s8 = scores[off + 8];
    for (let j = from; j < to; j++) {
      const key = keys[j];
      let idx = (key ^ (key >>> 15)) & mask;
      let k = slots[idx << 1];
      while (k !== key) {
        if (k === 0) break;
        idx = (idx + 1) & mask;
        k = slots[idx << 1];
      }
      if (k !== key) continue;
      const b = slots[(idx << 1) + 1] * NL;
      s0 = fr(s0 + v[b]);
      s1 = fr(s1 + v[b + 1]);
      s2 = fr(s2 + v[b + 2]);
      s3 = fr(s3 + v[b + 3]);
      s4 = fr(s4 + v[b + 4]);
      s5 = fr(s5 + v[b + 5]);
      s6 = fr(s6 + v[b + 6]);
      s7 = fr(s7 + v[b + 7]);
      s8 = fr(s8 + v[b + 8]);
    }
    scores[off] = s0;
    scores[off + 1] = s1;
    scores[off + 2] = s2;
    scores[off + 3] = s3;
    scores[off + 4] = s4;
    scores[off + 5] = s5;
    scores[off + 6] = s6;
    scores[off + 7] = s7;
    scores[off + 8] = s8;
  }

  /** sums of the word-local key prefixes (SentenceBase.prefix) per [word type][caps], and their validity */
  private prefixSums: Float32Array | null = null;
  private prefixStamp: Int32Array | null = null;

  /**
   * Set scores[off .. off+NL) to the sum of the rows of keys[from..to) added to zeros, which are
   * the word-local prefix keys of word type `t` (features.ts WORD_TYPES) of generation `gen` in a
   * sentence with caps `caps`: computed once per type and caps, then copied.
   */
  setPrefix(t: number, caps: number, gen: number, keys: Uint32Array, from: number, to: number, scores: Float32Array, off: number): void {
    let sums = this.prefixSums;
    let stamp = this.prefixStamp;
    if (!sums || !stamp) {
      sums = this.prefixSums = new Float32Array(TYPE_CAP * 2 * NL);
      stamp = this.prefixStamp = new Int32Array(TYPE_CAP * 2);
    }
    const slot = t * 2 + caps;
    const so = slot * NL;
    if (stamp[slot] !== gen + 1) {
      sums.fill(0, so, so + NL);
      this.addKeys(keys, from, to, sums, so);
      stamp[slot] = gen + 1;
    }
    for (let c = 0; c < NL; c++) scores[off + c] = sums[so + c];
  }

  /** Add the row of `key` (if any) into scores[off .. off+NL). */
  add(key: number, scores: Float32Array, off: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let idx = (key ^ (key >>> 15)) & mask;
    for (;;) {
      const k = slots[idx << 1];
      if (k === key) break;
      if (k === 0) return;
      idx = (idx + 1) & mask;
    }
    const v = this.vals;
    const b = slots[(idx << 1) + 1] * NL;
    for (let c = 0; c < NL; c++) scores[off + c] += v[b + c];
  }
}

/** Anything that can score a feature key (the training model implements this too). */
export interface Scorer {
  add(key: number, scores: Float32Array, off: number): void;
}

const dyn = new Uint32Array(N_DYNAMIC);
let scratch = new Float32Array(64 * NL);

/** The label to emit for argmax `best` after label `prev`: an I-X that does not continue X becomes B-X. */
export function repair(best: number, prev: number): number {
  if (best !== 0 && (best & 1) === 0 && prev !== best && prev !== best - 1) return best - 1;
  return best;
}

/**
 * Greedy decoding of one sentence. When `gold` and `update` are given (training), calls
 * update(keys, gold, pred) for every token mispredicted, with its features.
 */
export function decode(
  w: Scorer,
  f: SentenceFeatures,
  out: Uint8Array,
  extra?: SentenceFeatures | null,
  gold?: Uint8Array,
  update?: (keys: Uint32Array, from: number, to: number, dyn: Uint32Array, gold: number, pred: number) => void,
): void {
  const n = f.n;
  if (scratch.length < n * NL) scratch = new Float32Array(n * NL * 2);
  const s = scratch;
  s.fill(0, 0, n * NL);
  const keys = f.keys;
  const offs = f.offsets;
  for (let i = 0; i < n; i++) {
    const off = i * NL;
    for (let j = offs[i], e = offs[i + 1]; j < e; j++) w.add(keys[j], s, off);
  }
  if (extra) {
    const k2 = extra.keys;
    const o2 = extra.offsets;
    for (let i = 0; i < n; i++) {
      const off = i * NL;
      for (let j = o2[i], e = o2[i + 1]; j < e; j++) w.add(k2[j], s, off);
    }
  }
  let p1 = 0;
  let p2 = 0;
  const cur = new Float32Array(NL);
  for (let i = 0; i < n; i++) {
    const off = i * NL;
    for (let c = 0; c < NL; c++) cur[c] = s[off + c];
    dynamicKeys(f, i, p1, p2, dyn);
    for (let d = 0; d < N_DYNAMIC; d++) w.add(dyn[d], cur, 0);
    let best = 0;
    let bv = cur[0];
    for (let c = 1; c < NL; c++) {
      if (cur[c] > bv) {
        bv = cur[c];
        best = c;
      }
    }
    const lab = repair(best, p1);
    if (gold && update && lab !== gold[i]) update(keys, offs[i], offs[i + 1], dyn, gold[i], best === gold[i] ? lab : best);
    out[i] = lab;
    p2 = p1;
    p1 = lab;
  }
}

/**
 * Per-token scores of the static features (and of `extra`'s after them) into s[i * NL ..] (zeros on
 * entry): for every token the same additions in the same order as w.add() key by key.
 */
function emissions(w: WeightTable, f: SentenceFeatures, extra: SentenceFeatures | null | undefined, s: Float32Array): void {
  const n = f.n;
  const keys = f.keys;
  const offs = f.offsets;
  const b = f as Partial<SentenceBase>;
  const tids = b.tids;
  if (tids && b.tgen === WORD_TYPES.generation && b.prefix) {
    // the word-local prefix of each token's keys: a cached sum per word type (the same float32
    // additions from zero in the same order), then the rest of its keys
    const p = b.prefix;
    const caps = b.caps ? 1 : 0;
    const gen = b.tgen;
    for (let i = 0; i < n; i++) {
      const o = offs[i];
      w.setPrefix(tids[i], caps, gen, keys, o, o + p, s, i * NL);
      w.addKeys(keys, o + p, offs[i + 1], s, i * NL);
    }
  } else {
    for (let i = 0; i < n; i++) w.addKeys(keys, offs[i], offs[i + 1], s, i * NL);
  }
  if (extra) {
    const k2 = extra.keys;
    const o2 = extra.offsets;
    for (let i = 0; i < n; i++) w.addKeys(k2, o2[i], o2[i + 1], s, i * NL);
  }
}

/**
 * A copy of the per-token scores viterbi() starts from ([i * NL + label]: the static features, and
 * `extra`'s): with a WeightTable through the cached fast path, with another Scorer key by key.
 */
export function staticScores(w: Scorer, f: SentenceFeatures, extra?: SentenceFeatures | null): Float32Array {
  const s = new Float32Array(f.n * NL);
  if (w instanceof WeightTable) emissions(w, f, extra, s);
  else {
    for (let i = 0; i < f.n; i++) for (let j = f.offsets[i]; j < f.offsets[i + 1]; j++) w.add(f.keys[j], s, i * NL);
    if (extra) for (let i = 0; i < f.n; i++) for (let j = extra.offsets[i]; j < extra.offsets[i + 1]; j++) w.add(extra.keys[j], s, i * NL);
  }
  return s;
}

/** allowed[p * NL + c]: label c may follow label p (an I-X only continues B-X / I-X). */
const ALLOWED = new Uint8Array(NL * NL);
for (let p = 0; p < NL; p++) for (let c = 0; c < NL; c++) ALLOWED[p * NL + c] = c === 0 || (c & 1) === 1 || p === c || p === c - 1 ? 1 : 0;

let vscore = new Float32Array(64 * NL * NL);
const dynTabScratch = new Float32Array(NL * NL * NL); // [p2][p1][c] of the label-only D1 + D2 features
const dynCache = new WeakMap<Scorer, Float32Array>();
const dynTScratch = new Float32Array(NL * NL * NL);
const dynTCache = new WeakMap<Float32Array, Float32Array>();
/** per p1: the live previous states (p2, p1) of the previous token, their p2 and score */
const liveP = new Uint8Array(NL * NL);
const liveV = new Float64Array(NL * NL);
const liveN = new Uint8Array(NL);
/** Beam margin at inference (score units); Infinity = exact Viterbi. */
export let BEAM_MARGIN = Infinity;
export function setBeamMargin(m: number): void {
  BEAM_MARGIN = m;
}
const trans = new Float32Array(NL * NL); // [p1][c] of one token's p1-dependent features
const dynK = new Uint32Array(N_DYNAMIC);

const ALL_ALIVE = new Uint8Array(NL).fill(1);
const aliveScratch = new Uint8Array(NL);

/** trans[p1 * NL + c]: the scores of token i's p1-dependent features, for the live p1. */
function transScores(w: Scorer, f: SentenceFeatures, i: number, alive: Uint8Array): void {
  trans.fill(0);
  if (w instanceof WeightTable) {
    transBases(f, i, dynK, 0);
    for (let d = 0; d < 3; d++) {
      // the same additions as add(base | p1) for the p1 whose key may exist (transMask)
      const o = w.transRows(dynK[d]);
      const rows = w.transMemoRows;
      for (let p1 = 0; p1 < NL; p1++) {
        const r = rows[o + p1];
        if (r >= 0 && alive[p1]) w.addRow(r, trans, p1 * NL);
      }
    }
  } else {
    for (let p1 = 0; p1 < NL; p1++) {
      if (!alive[p1]) continue;
      dynamicKeys(f, i, p1, 0, dynK);
      for (let d = 2; d < N_DYNAMIC; d++) w.add(dynK[d], trans, p1 * NL);
    }
  }
}

const NEG_SCORE = -1e30;

/**
 * One Viterbi step when every allowed state (p2, p1) of the previous token (at po) is live: the
 * scores of the states (p1, c) at vo. The best of the (finite) candidates per state is the value a
 * scan over p2 in order keeps with >, as in the general step (scores are never -0, so Math.max
 * agrees with it).
 */
function stepAllLive(V: Float32Array, po: number, vo: number, s: Float32Array, so: number, tr: Float32Array, dynT: Float32Array): void {
  for (let p1 = 0; p1 < NL; p1++) {
    const row = vo + p1 * NL;
    const ao = p1 * NL;
    const dt = ao * NL;
    if (p1 === 0 || (p1 & 1) === 1) {
      // O or B-X: any p2 precedes it
      const q = po + p1;
      const q0 = V[q], q1 = V[q + NL], q2 = V[q + 2 * NL], q3 = V[q + 3 * NL], q4 = V[q + 4 * NL];
      const q5 = V[q + 5 * NL], q6 = V[q + 6 * NL], q7 = V[q + 7 * NL], q8 = V[q + 8 * NL];
      for (let c = 0; c < NL; c++) {
        if (!ALLOWED[ao + c]) {
          V[row + c] = NEG_SCORE;
          continue;
        }
        const d = dt + c * NL;
        const b = Math.max(
          q0 + dynT[d], q1 + dynT[d + 1], q2 + dynT[d + 2], q3 + dynT[d + 3], q4 + dynT[d + 4],
          q5 + dynT[d + 5], q6 + dynT[d + 6], q7 + dynT[d + 7], q8 + dynT[d + 8],
        );
        V[row + c] = b + s[so + c] + tr[ao + c];
      }
    } else {
      // I-X: only B-X and I-X precede it
      const qa = V[po + (p1 - 1) * NL + p1];
      const qb = V[po + p1 * NL + p1];
      for (let c = 0; c < NL; c++) {
        if (!ALLOWED[ao + c]) {
          V[row + c] = NEG_SCORE;
          continue;
        }
        const d = dt + c * NL;
        const b = Math.max(qa + dynT[d + p1 - 1], qb + dynT[d + p1]);
        V[row + c] = b + s[so + c] + tr[ao + c];
      }
    }
  }
}

/** A copy of token i's p1-dependent feature scores ([p1 * NL + c], every p1), as viterbi() adds them. */
export function transitionScores(w: Scorer, f: SentenceFeatures, i: number): Float32Array {
  transScores(w, f, i, ALL_ALIVE);
  return trans.slice();
}

/** Structured-perceptron update hook: add `delta` to the weights of `keys[from..to)` for `label`. */
export type Bump = (keys: Uint32Array, from: number, to: number, label: number, delta: number) => void;

/**
 * Exact second-order Viterbi decoding of one sentence under the BIO constraints (state = the
 * previous and the current label; the dynamic features see the two previous labels, as in greedy
 * decoding). With `gold` and `bump` (training), performs the structured-perceptron update.
 * Returns whether the prediction differs from `gold`.
 */
export function viterbi(
  w: Scorer,
  f: SentenceFeatures,
  out: Uint8Array,
  extra?: SentenceFeatures | null,
  gold?: Uint8Array,
  bump?: Bump,
): boolean {
  const n = f.n;
  if (n === 0) return false;
  if (scratch.length < n * NL) scratch = new Float32Array(n * NL * 2);
  const s = scratch;
  s.fill(0, 0, n * NL);
  const keys = f.keys;
  const offs = f.offsets;
  if (w instanceof WeightTable) emissions(w, f, extra, s);
  else {
    for (let i = 0; i < n; i++) {
      const off = i * NL;
      for (let j = offs[i], e = offs[i + 1]; j < e; j++) w.add(keys[j], s, off);
    }
    if (extra) {
      const k2 = extra.keys;
      const o2 = extra.offsets;
      for (let i = 0; i < n; i++) {
        const off = i * NL;
        for (let j = o2[i], e = o2[i + 1]; j < e; j++) w.add(k2[j], s, off);
      }
    }
  }
  // label-only dynamic features (D1, D2): one table per model at inference, per sentence in training
  let dynTab = bump ? null : dynCache.get(w);
  if (!dynTab) {
    dynTab = bump ? dynTabScratch : new Float32Array(NL * NL * NL);
    dynTab.fill(0);
    for (let p2 = 0; p2 < NL; p2++) {
      for (let p1 = 0; p1 < NL; p1++) {
        dynamicKeys(f, 0, p1, p2, dynK);
        const o = (p2 * NL + p1) * NL;
        w.add(dynK[0], dynTab, o);
        w.add(dynK[1], dynTab, o);
      }
    }
    if (!bump) dynCache.set(w, dynTab);
  }
  // the same, transposed for the inner loop: [p1][c][p2]
  let dynT = bump ? null : dynTCache.get(dynTab);
  if (!dynT) {
    dynT = bump ? dynTScratch : new Float32Array(NL * NL * NL);
    for (let p2 = 0; p2 < NL; p2++) for (let p1 = 0; p1 < NL; p1++) for (let c = 0; c < NL; c++) dynT[(p1 * NL + c) * NL + p2] = dynTab[(p2 * NL + p1) * NL + c];
    if (!bump) dynTCache.set(dynTab, dynT);
  }
  const SS = NL * NL; // states (p1, c)
  if (vscore.length < n * SS) {
    vscore = new Float32Array(n * SS * 2);
  }
  const V = vscore;
  const NEG = -1e30;
  // beam: at inference, previous labels scoring more than `margin` below the best are not extended
  const margin = bump || gold ? Infinity : BEAM_MARGIN;
  const alive = aliveScratch;
  for (let i = 0; i < n; i++) {
    const so = i * NL;
    const vo = i * SS;
    if (i === 0) {
      trans.fill(0, 0, NL);
      dynamicKeys(f, 0, 0, 0, dynK);
      for (let d = 2; d < N_DYNAMIC; d++) w.add(dynK[d], trans, 0);
      for (let st = 0; st < SS; st++) V[st] = NEG;
      for (let c = 0; c < NL; c++) {
        if (!ALLOWED[c]) continue;
        V[c] = s[c] + trans[c] + dynTab[c];
      }
      continue;
    }
    const po = vo - SS;
    if (i >= 3 && margin === Infinity) {
      // from the fourth token on, every allowed state of the previous token is live (finite): the
      // same steps without the liveness bookkeeping
      transScores(w, f, i, ALL_ALIVE);
      stepAllLive(V, po, vo, s, so, trans, dynT);
      continue;
    }
    // the live states (p2, p1) of the previous token, per p1
    for (let p1 = 0; p1 < NL; p1++) {
      let np = 0;
      const lo = p1 * NL;
      for (let p2 = 0; p2 < NL; p2++) {
        const pv = V[po + p2 * NL + p1];
        if (pv <= NEG) continue;
        liveP[lo + np] = p2;
        liveV[lo + np++] = pv;
      }
      liveN[p1] = np;
      alive[p1] = np > 0 ? 1 : 0;
    }
    if (margin !== Infinity) {
      // beam: best score per previous label
      let top = NEG;
      for (let p1 = 0; p1 < NL; p1++) {
        let m = NEG;
        for (let p2 = 0; p2 < NL; p2++) m = Math.max(m, V[po + p2 * NL + p1]);
        trans[p1] = m; // temporary
        if (m > top) top = m;
      }
      for (let p1 = 0; p1 < NL; p1++) alive[p1] = trans[p1] > NEG && trans[p1] >= top - margin ? 1 : 0;
    }
    transScores(w, f, i, alive);
    // transitions (p2, p1) -> (p1, c): only from live states (p2, p1), only to allowed (p1, c); per
    // c the first p2 with the highest score wins (as a scan over p2 in order with a strict >)
    for (let p1 = 0; p1 < NL; p1++) {
      const row = vo + p1 * NL;
      const ao = p1 * NL;
      const np = alive[p1] ? liveN[p1] : 0;
      if (np === 0) {
        for (let c = 0; c < NL; c++) {
          V[row + c] = NEG;
        }
        continue;
      }
      const dt = ao * NL; // dynT[(p1 * NL + c) * NL + p2]
      const full = np === NL;
      const q0 = liveV[ao], q1 = liveV[ao + 1], q2 = liveV[ao + 2], q3 = liveV[ao + 3], q4 = liveV[ao + 4];
      const q5 = liveV[ao + 5], q6 = liveV[ao + 6], q7 = liveV[ao + 7], q8 = liveV[ao + 8];
      for (let c = 0; c < NL; c++) {
        if (!ALLOWED[ao + c]) {
          V[row + c] = NEG;
          continue;
        }
        const d = dt + c * NL;
        let b = NEG;
        if (full) {
          // every p2, unrolled (scores are finite and never -0, so Math.max picks exactly the value a
          // scan with > would)
          b = Math.max(
            q0 + dynT[d], q1 + dynT[d + 1], q2 + dynT[d + 2], q3 + dynT[d + 3], q4 + dynT[d + 4],
            q5 + dynT[d + 5], q6 + dynT[d + 6], q7 + dynT[d + 7], q8 + dynT[d + 8],
          );
        } else {
          for (let k = 0; k < np; k++) {
            const v = liveV[ao + k] + dynT[d + liveP[ao + k]];
            if (v > b) b = v;
          }
        }
        V[row + c] = b <= NEG ? NEG : b + s[so + c] + trans[ao + c];
      }
    }
  }
  // best final state, then back-pointers
  const lo = (n - 1) * SS;
  let bst = 0;
  for (let st = 1; st < SS; st++) if (V[lo + st] > V[lo + bst]) bst = st;
  let p1 = (bst / NL) | 0;
  let c = bst % NL;
  for (let i = n - 1; i >= 0; i--) {
    out[i] = c;
    if (i === 0) break;
    // the back-pointer of state (p1, c): the first live p2 with the best score (not stored in the
    // forward pass: only the path's are needed)
    const po = (i - 1) * SS + p1;
    const d = (p1 * NL + c) * NL;
    let b = NEG;
    let p2 = 0;
    for (let q = 0; q < NL; q++) {
      const pv = V[po + q * NL];
      if (pv <= NEG) continue;
      const v = pv + dynT[d + q];
      if (v > b) {
        b = v;
        p2 = q;
      }
    }
    c = p1;
    p1 = p2;
  }
  if (!gold) return false;
  let wrong = false;
  for (let i = 0; i < n; i++) if (out[i] !== gold[i]) wrong = true;
  if (!wrong || !bump) return wrong;
  const dg = new Uint32Array(N_DYNAMIC);
  for (let i = 0; i < n; i++) {
    const g1 = i > 0 ? gold[i - 1] : 0;
    const g2 = i > 1 ? gold[i - 2] : 0;
    const q1 = i > 0 ? out[i - 1] : 0;
    const q2 = i > 1 ? out[i - 2] : 0;
    const g = gold[i];
    const q = out[i];
    if (g === q && g1 === q1 && g2 === q2) continue;
    if (g !== q) {
      bump(keys, offs[i], offs[i + 1], g, 1);
      bump(keys, offs[i], offs[i + 1], q, -1);
      if (extra) {
        bump(extra.keys, extra.offsets[i], extra.offsets[i + 1], g, 1);
        bump(extra.keys, extra.offsets[i], extra.offsets[i + 1], q, -1);
      }
    }
    dynamicKeys(f, i, g1, g2, dg);
    bump(dg, 0, N_DYNAMIC, g, 1);
    dynamicKeys(f, i, q1, q2, dg);
    bump(dg, 0, N_DYNAMIC, q, -1);
  }
  return true;
}

// ---------------------------------------------------------------------------------------------
// File format: "NER1", u32 header length, JSON header, then 4-byte-aligned sections described
// in the header: { name, type: 'u32'|'i16'|'u8', offset, length } relative to the data start.

export interface NerModel {
  readonly meta: Record<string, unknown>;
  readonly pass1: WeightTable;
  readonly pass2: WeightTable | null;
  readonly gazetteer: Gazetteer;
  /** unsupervised word clusters (absent in models trained without them) */
  readonly clusters: ClusterTable | null;
}


export interface TableData {
  keys: Uint32Array;
  rows: Float32Array;
}

function quantize(rows: Float32Array): { q: Int16Array; scale: number } {
  let max = 0;
  for (const v of rows) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? max / 32767 : 1;
  const q = new Int16Array(rows.length);
  for (let i = 0; i < rows.length; i++) q[i] = Math.round(rows[i] / scale);
  return { q, scale };
}

export interface ClusterData {
  keys: Uint32Array;
  vals: Uint16Array;
}

export function serializeModel(meta: Record<string, unknown>, pass1: TableData, pass2: TableData | null, gaz: Gazetteer, clusters?: ClusterData | null): Buffer {
  const parts: SectionPart[] = [];
  const addTable = (name: string, t: TableData): void => {
    parts.push({ name: `${name}.keys`, arr: t.keys, type: 'u32' });
    const { q, scale } = quantize(t.rows);
    parts.push({ name: `${name}.rows`, arr: q, type: 'i16', scale });
  };
  addTable('pass1', pass1);
  if (pass2) addTable('pass2', pass2);
  const gk = new Uint32Array(gaz.size);
  const gm = new Uint8Array(gaz.size);
  let i = 0;
  for (const [k, m] of [...gaz.entries()].sort((a, b) => a[0] - b[0])) {
    gk[i] = k;
    gm[i++] = m;
  }
  parts.push({ name: 'gaz.keys', arr: gk, type: 'u32' });
  parts.push({ name: 'gaz.masks', arr: gm, type: 'u8' });
  if (clusters) {
    parts.push({ name: 'clu.keys', arr: clusters.keys, type: 'u32' });
    parts.push({ name: 'clu.paths', arr: clusters.vals, type: 'u16' });
  }
  return packSections('NER1', { meta }, parts);
}

export function deserializeModel(buf: Uint8Array): NerModel {
  const file = unpackSections<{ meta: Record<string, unknown> }>(buf, 'NER1', 'an NER model');
  const meta = file.header.meta;
  const get = (name: string) => file.section(name);
  const table = (name: string): WeightTable | null => {
    const k = get(`${name}.keys`);
    const r = get(`${name}.rows`);
    if (!k || !r) return null;
    const rows = new Float32Array(r.arr.length);
    for (let i = 0; i < rows.length; i++) rows[i] = r.arr[i] * r.scale;
    return new WeightTable(k.arr as Uint32Array, rows);
  };
  const pass1 = table('pass1');
  if (!pass1) throw new Error('NER model has no pass1 table.');
  const gazetteer: Gazetteer = new Map();
  const gk = get('gaz.keys');
  const gm = get('gaz.masks');
  if (gk && gm) for (let i = 0; i < gk.arr.length; i++) gazetteer.set(gk.arr[i], gm.arr[i]);
  const ck = get('clu.keys');
  const cv = get('clu.paths');
  const clusters = ck && cv ? new ClusterTable(ck.arr as Uint32Array, cv.arr as Uint16Array) : null;
  return { meta, pass1, pass2: table('pass2'), gazetteer, clusters };
}
