// The two taggers over one sentence of units: POS first, then chunks from the predicted POS.
// Shared by training (scripts/train-pos.ts) and inference (index.ts).

import { mix } from '../entities/hash.js';
import {
  BOS, BOS2, c1Key, c1PosHash, c2c1Key, CHUNK_BIAS, CHUNK_DYN, chunkBigramKey, chunkDynHashes, chunkKeys, chunkNextKey, chunkNextTagKey, chunkPosKey, chunkPrevTagKey, chunkTrigramKeys, chunkTypeTagKeys,
  chunkPrevKey, chunkSelfKey, clusterFingerprint, dynKey, EOS, EOS2, N_CHUNK, N_POS, N_POS_CTX, p1Key, p2p1Key, PB, PE, POS_BIAS, POS_DYN, posDynHashes, posKeys,
  posNext1Keys, posNext2Keys, posPairKeys, posPrev1Keys, posPrev2Keys, posSelfKeys, repairChunk, Units,
} from './features.js';
import { deserializeTables, greedy, transitions, type DecodeSpec, type Scorer, type SentenceKeys, type SparseTable, type Transitions } from './model.js';

export const POS_SPEC: DecodeSpec = { nl: N_POS, iob: false, dynKey, p1Key, p2p1Key };
export const CHUNK_SPEC: DecodeSpec = { nl: N_CHUNK, iob: true, dynKey, p1Key: c1Key, p2p1Key: c2c1Key };

/** The most static keys a unit has (posKeys / chunkKeys). */
const MAX_KEYS = 32;

/** Reusable per-sentence key buffers. */
export function keyBuffer(): SentenceKeys {
  return { n: 0, keys: new Uint32Array(0), offsets: new Uint32Array(0), dyn: new Uint32Array(0), nd: 0 };
}

function ensure(s: SentenceKeys, n: number, nd: number): void {
  if (s.offsets.length < n + 1) {
    const cap = Math.max(64, n * 2);
    s.offsets = new Uint32Array(cap + 1);
    s.keys = new Uint32Array(cap * MAX_KEYS);
    s.dyn = new Uint32Array(cap * 4);
  }
  s.n = n;
  s.nd = nd;
}

export function posSentenceKeys(u: Units, into: SentenceKeys = keyBuffer()): SentenceKeys {
  const n = u.n;
  ensure(into, n, POS_DYN);
  let k = 0;
  for (let i = 0; i < n; i++) {
    into.offsets[i] = k;
    k = posKeys(u, i, into.keys, k);
    posDynHashes(u, i, into.dyn, i * POS_DYN);
  }
  into.offsets[n] = k;
  return into;
}

export function chunkSentenceKeys(u: Units, pos: Uint8Array, into: SentenceKeys = keyBuffer()): SentenceKeys {
  const n = u.n;
  ensure(into, n, CHUNK_DYN);
  let k = 0;
  for (let i = 0; i < n; i++) {
    into.offsets[i] = k;
    k = chunkKeys(u, pos, i, into.keys, k);
    chunkDynHashes(u, pos, i, into.dyn, i * CHUNK_DYN);
  }
  into.offsets[n] = k;
  return into;
}

/** A compact copy (training keeps every sentence's keys for all epochs). */
export function copyKeys(s: SentenceKeys): SentenceKeys {
  return {
    n: s.n,
    keys: s.keys.slice(0, s.offsets[s.n]),
    offsets: s.offsets.slice(0, s.n + 1),
    dyn: s.dyn.slice(0, s.n * s.nd),
    nd: s.nd,
  };
}

export interface PosModel {
  readonly meta: Record<string, unknown>;
  readonly pos: SparseTable;
  readonly chunk: SparseTable;
  readonly posTrans: Transitions;
  readonly chunkTrans: Transitions;
  /** Dense tables and the word-type cache of the fast path. */
  readonly fast: FastTables;
}

export function posModelFromBuffer(buf: Uint8Array): PosModel {
  const { meta, tables } = deserializeTables(buf);
  const pos = tables.pos;
  const chunk = tables.chunk;
  if (!pos || !chunk) throw new Error('POS model file lacks the pos or chunk table.');
  if (pos.nl !== N_POS || chunk.nl !== N_CHUNK) throw new Error('POS model file was trained with other tag tables: retrain with `npm run train:pos`.');
  if (meta.clusters !== clusterFingerprint()) {
    throw new Error(`POS model file was trained with other word clusters (${String(meta.clusters)}, models/clusters has ${clusterFingerprint()}): retrain with \`npm run train:pos\`.`);
  }
  const posTrans = transitions(pos, N_POS, p1Key, p2p1Key);
  const chunkTrans = transitions(chunk, N_CHUNK, c1Key, c2c1Key);
  return {
    meta,
    pos,
    chunk,
    posTrans,
    chunkTrans,
    fast: new FastTables(pos, chunk, posTrans, chunkTrans),
  };
}

/** Tag one sentence given as word strings (CoNLL tokens) with the reference path (flat keys). */
export function tagWords(m: { pos: Scorer; chunk: Scorer; posTrans: Transitions | null; chunkTrans: Transitions | null }, words: readonly string[]): { pos: Uint8Array; chunk: Uint8Array } {
  const u = new Units();
  u.reset(words.length);
  for (let i = 0; i < words.length; i++) u.set(i, words[i], 0, words[i].length);
  u.finish();
  const pos = new Uint8Array(words.length);
  const chunk = new Uint8Array(words.length);
  greedy(m.pos, POS_SPEC, posSentenceKeys(u), pos, m.posTrans);
  greedy(m.chunk, CHUNK_SPEC, chunkSentenceKeys(u, pos), chunk, m.chunkTrans);
  return { pos, chunk };
}

/** The same with the fast path (tagUnits). */
export function tagWordsFast(m: PosModel, words: readonly string[]): { pos: Uint8Array; chunk: Uint8Array } {
  const u = new Units();
  u.reset(words.length);
  for (let i = 0; i < words.length; i++) u.set(i, words[i], 0, words[i].length);
  u.finish();
  const pos = new Uint8Array(words.length);
  const chunk = new Uint8Array(words.length);
  tagUnits(m, u, pos, chunk);
  return { pos, chunk };
}

// ------------------------------------------------------------------------------ fast path
//
// The same scores as the flat keys, summed in groups. The weights a word type gives itself and its
// neighbours (POS: 14 + 4 + 1 + 4 + 1 keys; chunk: 3) are summed once per type and cached, so its
// word clusters are looked up once per type too (their ids are a function of the form); the
// features of a type with one tag (POS: form and suffix x previous tag; chunk: form and suffix x own
// tag, form x the next / previous unit's tag, form x previous chunk label) are memoised per (type,
// tag); POS-only chunk features are dense tables; the rest (POS x shape x sentence-initial, word
// bigrams, POS trigrams, previous chunk label x POS bigram) is looked up per unit. Weights are
// integers (SparseTable), so the grouped sums equal the flat ones exactly.

const NP = N_POS;
const NC = N_CHUNK;
const NT = N_POS_CTX;
/** ints per cached type: POS self, as-prev1, as-prev2, as-next1, as-next2 */
const STRIDE = 5 * NP;
const O_P1 = NP;
const O_P2 = 2 * NP;
const O_N1 = 3 * NP;
const O_N2 = 4 * NP;
/** Types kept before the cache starts over (16,384 x 900 B). */
const CACHE_TYPES = 1 << 14;
/** Pseudo type indices of "before / after the sentence" in the memo keys. */
const T_BOS = CACHE_TYPES;
const T_EOS = CACHE_TYPES + 1;
/** Pool rows of the pseudo types: BOS (caps 0, 1), EOS (caps 0, 1). */
const P_BOS = CACHE_TYPES;
const P_EOS = CACHE_TYPES + 2;
/** Slots of each (type, tag) memo (direct-mapped: a newer pair takes the slot). */
const MEMO_BITS = 13;

/** Direct-mapped memo: exact integer key (type index and tags) -> a row of `len` sums. */
class Memo {
  readonly keys = new Int32Array(1 << MEMO_BITS).fill(-1);
  readonly vals: Int32Array;
  constructor(readonly len: number) {
    this.vals = new Int32Array((1 << MEMO_BITS) * len);
  }
  /** Offset of the key's row; ~offset (negative) when the row was stale and has been zeroed for filling. */
  slot(key: number): number {
    const idx = Math.imul(key, 0x9e3779b1) >>> (32 - MEMO_BITS);
    const off = idx * this.len;
    if (this.keys[idx] === key) return off;
    this.keys[idx] = key;
    this.vals.fill(0, off, off + this.len);
    return ~off;
  }
  clear(): void {
    this.keys.fill(-1);
  }
}

export class FastTables {
  readonly posBias = new Int32Array(NP);
  /** POS transitions, previous tag and previous two tags in one row: [(p2 * (NP + 1) + p1) * NP + c] */
  readonly posT: Int32Array;
  /** the same for chunk labels */
  readonly chunkT: Int32Array;
  /** chunk: bias + POS(i-1) + POS(i) + POS bigram (i-1, i): [(pm1 * NT + p) * NC + c] */
  readonly chunkLeft = new Int32Array(NT * NT * NC);
  /** chunk: POS(i+1) + POS bigram (i, i+1): [(p * NT + pp1) * NC + c] */
  readonly chunkRight = new Int32Array(NT * NT * NC);
  /** chunk: POS(i-2) and POS(i+2): [tag * NC + c] */
  readonly chunkM2 = new Int32Array(NT * NC);
  readonly chunkP2 = new Int32Array(NT * NC);
  /** chunk: previous chunk label x POS(i): [(c1 * NP + tag) * NC + c], c1 = 0..NC (NC = before the sentence) */
  readonly c1Pos = new Int32Array((NC + 1) * NP * NC);
  /** (type, previous POS tag): P1Form + P1Suf */
  readonly posDyn = new Memo(NP);
  /** (type, own POS tag): CForm + CPosForm + CPSuf */
  readonly chunkOwn = new Memo(NC);
  /** (type or BOS, POS tag of the unit after it): CFm1 + CFm1P */
  readonly chunkAsPrev = new Memo(NC);
  /** (type or EOS, POS tag of the unit before it): CFp1 + CPFp1 */
  readonly chunkAsNext = new Memo(NC);
  /** (type, previous chunk label, own POS tag): C1Form + previous label x POS */
  readonly chunkDyn = new Memo(NC);
  // type cache: open-addressed slots of (cased, form, shape ^ caps, entry + 1) -> entry
  private readonly slots = new Uint32Array(CACHE_TYPES * 2 * 4);
  private readonly slotMask = CACHE_TYPES * 2 - 1;
  /** the cached types, then the pseudo types BOS and EOS (as-prev / as-next rows only), per caps */
  readonly pool = new Int32Array((CACHE_TYPES + 4) * STRIDE);
  private used = 0;
  /** times the type cache started over (type indices of earlier generations are void) */
  generation = 0;
  private readonly kb = new Uint32Array(32);

  constructor(readonly pos: SparseTable, readonly chunk: SparseTable, posTrans: Transitions, chunkTrans: Transitions) {
    this.posT = foldTransitions(posTrans, NP);
    this.chunkT = foldTransitions(chunkTrans, NC);
    const kb = this.kb;
    pos.addI(POS_BIAS, this.posBias, 0);
    const pool = this.pool;
    for (let caps = 0; caps < 2; caps++) {
      const bos = (P_BOS + caps) * STRIDE;
      const eos = (P_EOS + caps) * STRIDE;
      let n = posPrev1Keys(BOS, BOS, BOS, caps, BOS, kb, 0);
      for (let j = 0; j < n; j++) pos.addI(kb[j], pool, bos + O_P1);
      n = posPrev2Keys(BOS2, kb, 0);
      for (let j = 0; j < n; j++) pos.addI(kb[j], pool, bos + O_P2);
      n = posNext1Keys(EOS, EOS, EOS, caps, EOS, kb, 0);
      for (let j = 0; j < n; j++) pos.addI(kb[j], pool, eos + O_N1);
      n = posNext2Keys(EOS2, kb, 0);
      for (let j = 0; j < n; j++) pos.addI(kb[j], pool, eos + O_N2);
    }
    for (let x = 0; x < NT; x++) {
      for (let y = 0; y < NT; y++) {
        const l = (x * NT + y) * NC;
        chunk.addI(CHUNK_BIAS, this.chunkLeft, l);
        chunk.addI(chunkPosKey(1, x), this.chunkLeft, l);
        chunk.addI(chunkPosKey(2, y), this.chunkLeft, l);
        chunk.addI(chunkBigramKey(0, x, y), this.chunkLeft, l);
        chunk.addI(chunkPosKey(3, y), this.chunkRight, l);
        chunk.addI(chunkBigramKey(1, x, y), this.chunkRight, l);
      }
      chunk.addI(chunkPosKey(0, x), this.chunkM2, x * NC);
      chunk.addI(chunkPosKey(4, x), this.chunkP2, x * NC);
    }
    for (let c1 = 0; c1 <= NC; c1++) for (let t = 0; t < NP; t++) chunk.addI(dynKey(c1PosHash(t), c1), this.c1Pos, (c1 * NP + t) * NC);
  }

  /** Unit i's type index, computing its sums on first sight. */
  entry(u: Units, i: number): number {
    const cased = u.cased[i];
    const form = u.form[i];
    const shape = (u.shape[i] ^ (u.caps ? 0x9e3779b9 : 0)) >>> 0;
    const slots = this.slots;
    const wrap = (this.slotMask << 2) | 3;
    let idx = (mix(cased, form ^ shape) & this.slotMask) << 2;
    for (;;) {
      const e = slots[idx + 3];
      if (e === 0) break;
      if (slots[idx] === cased && slots[idx + 1] === form && slots[idx + 2] === shape) return e - 1;
      idx = (idx + 4) & wrap;
    }
    if (this.used === CACHE_TYPES) {
      // full: start over (sums are recomputed on demand: results never depend on the cache)
      slots.fill(0);
      this.used = 0;
      this.generation++;
      this.posDyn.clear();
      this.chunkOwn.clear();
      this.chunkAsPrev.clear();
      this.chunkAsNext.clear();
      this.chunkDyn.clear();
      return this.entry(u, i);
    }
    const e = this.used++;
    slots[idx] = cased;
    slots[idx + 1] = form;
    slots[idx + 2] = shape;
    slots[idx + 3] = e + 1;
    const off = e * STRIDE;
    const pool = this.pool;
    pool.fill(0, off, off + STRIDE);
    const kb = this.kb;
    const pos = this.pos;
    const caps = u.caps;
    const suf3 = u.affix[i * 6 + 5];
    for (let c = 0; c < NP; c++) pool[off + c] = this.posBias[c];
    let n = posSelfKeys(u, i, kb, 0); // looks up the type's word clusters: once per type
    for (let j = 0; j < n; j++) pos.addI(kb[j], pool, off);
    const mid = u.mid[i];
    n = posPrev1Keys(form, suf3, u.shape[i], caps, mid, kb, 0);
    for (let j = 0; j < n; j++) pos.addI(kb[j], pool, off + O_P1);
    n = posPrev2Keys(form, kb, 0);
    for (let j = 0; j < n; j++) pos.addI(kb[j], pool, off + O_P2);
    n = posNext1Keys(form, suf3, u.shape[i], caps, mid, kb, 0);
    for (let j = 0; j < n; j++) pos.addI(kb[j], pool, off + O_N1);
    n = posNext2Keys(form, kb, 0);
    for (let j = 0; j < n; j++) pos.addI(kb[j], pool, off + O_N2);
    return e;
  }
}

/** t1 (previous label) folded into t2 (previous two labels). */
function foldTransitions(t: Transitions, nl: number): Int32Array {
  const out = new Int32Array(t.t2.length);
  for (let p2 = 0; p2 <= nl; p2++) {
    for (let p1 = 0; p1 <= nl; p1++) {
      const o = (p2 * (nl + 1) + p1) * nl;
      for (let c = 0; c < nl; c++) out[o + c] = t.t2[o + c] + t.t1[p1 * nl + c];
    }
  }
  return out;
}

let ents = new Int32Array(512);
let sc = new Int32Array(512 * NP);
const kb = new Uint32Array(32);

function addVec(dst: Int32Array, d: number, src: Int32Array, s: number, len: number): void {
  for (let c = 0; c < len; c++) dst[d + c] += src[s + c];
}

/** Tag the units of one sentence (already set and finished in `u`) into pos[0..n) and chunk[0..n). */
export function tagUnits(m: PosModel, u: Units, pos: Uint8Array, chunk: Uint8Array): void {
  const n = u.n;
  if (n === 0) return;
  const F = m.fast;
  if (ents.length < n) ents = new Int32Array(n * 2);
  if (sc.length < n * NP) sc = new Int32Array(n * NP * 2);
  const E = ents;
  const S = sc;
  const K = kb;
  const gen = F.generation;
  for (let i = 0; i < n; i++) E[i] = F.entry(u, i);
  // the cache started over part-way: the first types' indices are void; again (n << cache size)
  if (F.generation !== gen) for (let i = 0; i < n; i++) E[i] = F.entry(u, i);
  const pool = F.pool;
  const caps = u.caps;
  const pt = m.pos;
  const form = u.form;
  const affix = u.affix;
  // POS: static scores
  const bos = P_BOS + caps;
  const eos = P_EOS + caps;
  for (let i = 0; i < n; i++) {
    const o = i * NP;
    const e = E[i] * STRIDE;
    const a = (i > 0 ? E[i - 1] : bos) * STRIDE + O_P1;
    const b = (i > 1 ? E[i - 2] : bos) * STRIDE + O_P2;
    const d = (i + 1 < n ? E[i + 1] : eos) * STRIDE + O_N1;
    const f = (i + 2 < n ? E[i + 2] : eos) * STRIDE + O_N2;
    for (let c = 0; c < NP; c++) S[o + c] = pool[e + c] + pool[a + c] + pool[b + c] + pool[d + c] + pool[f + c];
    const k = posPairKeys(u, i, K, 0);
    for (let j = 0; j < k; j++) pt.addI(K[j], S, o);
  }
  // POS: greedy, previous two tags
  const tt = F.posT;
  const pd = F.posDyn;
  const pdv = pd.vals;
  let p1: number = NP;
  let p2: number = NP;
  for (let i = 0; i < n; i++) {
    const o = i * NP;
    const ot = (p2 * (NP + 1) + p1) * NP;
    let mo = pd.slot((E[i] << 6) | p1);
    if (mo < 0) {
      mo = ~mo;
      posDynHashes(u, i, K, 0);
      pt.addI(dynKey(K[0], p1), pdv, mo);
      pt.addI(dynKey(K[1], p1), pdv, mo);
    }
    let best = 0;
    let bv = -2147483648;
    for (let c = 0; c < NP; c++) {
      const v = S[o + c] + tt[ot + c] + pdv[mo + c];
      if (v > bv) {
        bv = v;
        best = c;
      }
    }
    pos[i] = best;
    p2 = p1;
    p1 = best;
  }
  // chunks: static scores
  const ct = m.chunk;
  const left = F.chunkLeft;
  const right = F.chunkRight;
  const m2 = F.chunkM2;
  const p2t = F.chunkP2;
  const own = F.chunkOwn;
  const ownV = own.vals;
  const asPrev = F.chunkAsPrev;
  const prevV = asPrev.vals;
  const asNext = F.chunkAsNext;
  const nextV = asNext.vals;
  for (let i = 0; i < n; i++) {
    const o = i * NC;
    const p = pos[i];
    const pm1 = i > 0 ? pos[i - 1] : PB;
    const pp1 = i + 1 < n ? pos[i + 1] : PE;
    let mo = own.slot((E[i] << 6) | p);
    if (mo < 0) {
      mo = ~mo;
      ct.addI(chunkSelfKey(form[i]), ownV, mo);
      const k = chunkTypeTagKeys(form[i], affix[i * 6 + 5], p, K, 0);
      for (let j = 0; j < k; j++) ct.addI(K[j], ownV, mo);
    }
    const ol = (pm1 * NT + p) * NC;
    const or = (p * NT + pp1) * NC;
    const om2 = (i > 1 ? pos[i - 2] : PB) * NC;
    const op2 = (i + 2 < n ? pos[i + 2] : PE) * NC;
    const tp = i > 0 ? E[i - 1] : T_BOS;
    let mp = asPrev.slot((tp << 6) | p);
    if (mp < 0) {
      mp = ~mp;
      const f = i > 0 ? form[i - 1] : BOS;
      ct.addI(chunkPrevKey(f), prevV, mp);
      ct.addI(chunkPrevTagKey(f, p), prevV, mp);
    }
    const tn = i + 1 < n ? E[i + 1] : T_EOS;
    let mn = asNext.slot((tn << 6) | p);
    if (mn < 0) {
      mn = ~mn;
      const f = i + 1 < n ? form[i + 1] : EOS;
      ct.addI(chunkNextKey(f), nextV, mn);
      ct.addI(chunkNextTagKey(p, f), nextV, mn);
    }
    for (let c = 0; c < NC; c++) {
      S[o + c] = left[ol + c] + right[or + c] + ownV[mo + c] + m2[om2 + c] + p2t[op2 + c] + prevV[mp + c] + nextV[mn + c];
    }
    const k = chunkTrigramKeys(u, pos, i, K, 0);
    for (let j = 0; j < k; j++) ct.addI(K[j], S, o);
  }
  // chunks: greedy with IOB2 repair
  const ctt = F.chunkT;
  const c1p = F.c1Pos;
  const cd = F.chunkDyn;
  const cdv = cd.vals;
  let q1: number = NC;
  let q2: number = NC;
  for (let i = 0; i < n; i++) {
    const o = i * NC;
    const ot = (q2 * (NC + 1) + q1) * NC;
    const p = pos[i];
    chunkDynHashes(u, pos, i, K, 0);
    let mo = cd.slot((((E[i] << 5) | q1) << 6) | p);
    if (mo < 0) {
      mo = ~mo;
      ct.addI(dynKey(K[1], q1), cdv, mo);
      addVec(cdv, mo, c1p, (q1 * NP + p) * NC, NC);
    }
    for (let c = 0; c < NC; c++) S[o + c] += ctt[ot + c] + cdv[mo + c];
    ct.addI(dynKey(K[2], q1), S, o);
    let best = 0;
    let bv = S[o];
    for (let c = 1; c < NC; c++) {
      if (S[o + c] > bv) {
        bv = S[o + c];
        best = c;
      }
    }
    const lab = repairChunk(best, q1);
    chunk[i] = lab;
    q2 = q1;
    q1 = lab;
  }
}
