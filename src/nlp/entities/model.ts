// The tagger's weights (hashed sparse features -> one weight per label), its binary file format
// and greedy left-to-right decoding with BIO repair.

import { ClusterTable, dynamicKeys, N_DYNAMIC, transBases, type Gazetteer, type SentenceFeatures } from './features.js';

/** Number of labels (features.ts LABELS); a local constant keeps the hot loops monomorphic. */
const NL = 9;

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
   * key base|p1 has a row (a superset: any key with those high bits counts).
   */
  transMask(base: number): number {
    let t = this.maskTab;
    if (!t) {
      t = new Uint16Array(this.mask + 1);
      for (let i = 0; i < this.slots.length; i += 2) {
        const k = this.slots[i];
        if (k === 0) continue;
        const b = k & ~15;
        let idx = (b ^ (b >>> 15)) & this.mask;
        while (this.slots[idx * 2] !== 0 && (this.slots[idx * 2] & ~15) !== b) idx = (idx + 1) & this.mask;
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
      if (k === 0 || (k & ~15) === base) return t[idx];
      idx = (idx + 1) & this.mask;
    }
  }

  /** The features and their rows, in row order. */
  entries(): { keys: Uint32Array; rows: Float32Array } {
    const keys = new Uint32Array(this.size);
    for (let i = 0; i < this.slots.length; i += 2) if (this.slots[i] !== 0) keys[this.slots[i + 1]] = this.slots[i];
    return { keys, rows: this.vals };
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

/** allowed[p * NL + c]: label c may follow label p (an I-X only continues B-X / I-X). */
const ALLOWED = new Uint8Array(NL * NL);
for (let p = 0; p < NL; p++) for (let c = 0; c < NL; c++) ALLOWED[p * NL + c] = c === 0 || (c & 1) === 1 || p === c || p === c - 1 ? 1 : 0;

let vscore = new Float32Array(64 * NL * NL);
let vback = new Uint8Array(64 * NL * NL);
const dynTabScratch = new Float32Array(NL * NL * NL); // [p2][p1][c] of the label-only D1 + D2 features
const dynCache = new WeakMap<Scorer, Float32Array>();
const bestC = new Float64Array(NL);
const argC = new Uint8Array(NL);
/** Beam margin at inference (score units); Infinity = exact Viterbi. */
export let BEAM_MARGIN = Infinity;
export function setBeamMargin(m: number): void {
  BEAM_MARGIN = m;
}
const trans = new Float32Array(NL * NL); // [p1][c] of one token's p1-dependent features
const dynK = new Uint32Array(N_DYNAMIC);

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
  const SS = NL * NL; // states (p1, c)
  if (vscore.length < n * SS) {
    vscore = new Float32Array(n * SS * 2);
    vback = new Uint8Array(n * SS * 2);
  }
  const V = vscore;
  const B = vback;
  const NEG = -1e30;
  // beam: at inference, previous labels scoring more than `margin` below the best are not extended
  const margin = bump || gold ? Infinity : BEAM_MARGIN;
  const alive = new Uint8Array(NL);
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
        B[c] = 0;
      }
      continue;
    }
    const po = vo - SS;
    // best score per previous label, and the beam
    let top = NEG;
    for (let p1 = 0; p1 < NL; p1++) {
      let m = NEG;
      for (let p2 = 0; p2 < NL; p2++) m = Math.max(m, V[po + p2 * NL + p1]);
      trans[p1] = m; // temporary
      if (m > top) top = m;
    }
    for (let p1 = 0; p1 < NL; p1++) alive[p1] = trans[p1] > NEG && trans[p1] >= top - margin ? 1 : 0;
    // p1-dependent token features
    trans.fill(0);
    if (w instanceof WeightTable) {
      transBases(f, i, dynK, 0);
      for (let d = 0; d < 3; d++) {
        const b = dynK[d];
        const m = w.transMask(b);
        if (m === 0) continue;
        for (let p1 = 0; p1 < NL; p1++) if (m & (1 << p1) && alive[p1]) w.add(b | p1, trans, p1 * NL);
      }
    } else {
      for (let p1 = 0; p1 < NL; p1++) {
        if (!alive[p1]) continue;
        dynamicKeys(f, i, p1, 0, dynK);
        for (let d = 2; d < N_DYNAMIC; d++) w.add(dynK[d], trans, p1 * NL);
      }
    }
    for (let p1 = 0; p1 < NL; p1++) {
      const row = vo + p1 * NL;
      for (let c = 0; c < NL; c++) {
        bestC[c] = NEG;
        argC[c] = 0;
      }
      if (alive[p1]) {
        for (let p2 = 0; p2 < NL; p2++) {
          const pv = V[po + p2 * NL + p1];
          if (pv <= NEG) continue;
          const dt = (p2 * NL + p1) * NL;
          for (let c = 0; c < NL; c++) {
            const v = pv + dynTab[dt + c];
            if (v > bestC[c]) {
              bestC[c] = v;
              argC[c] = p2;
            }
          }
        }
      }
      const ao = p1 * NL;
      for (let c = 0; c < NL; c++) {
        const b = bestC[c];
        V[row + c] = b <= NEG || !ALLOWED[ao + c] ? NEG : b + s[so + c] + trans[ao + c];
        B[row + c] = argC[c];
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
    const p2 = B[i * SS + p1 * NL + c];
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

interface Section {
  name: string;
  type: 'u32' | 'i16' | 'u16' | 'u8' | 'f32';
  offset: number;
  length: number;
  scale?: number;
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
  const parts: { name: string; arr: Uint32Array | Int16Array | Uint16Array | Uint8Array; type: Section['type']; scale?: number }[] = [];
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
  const sections: Section[] = [];
  let off = 0;
  for (const p of parts) {
    sections.push({ name: p.name, type: p.type, offset: off, length: p.arr.length, ...(p.scale !== undefined ? { scale: p.scale } : {}) });
    off += p.arr.byteLength;
    off = (off + 3) & ~3;
  }
  let header = Buffer.from(JSON.stringify({ meta, sections }), 'utf8');
  const pad = (4 - ((8 + header.length) % 4)) % 4;
  header = Buffer.concat([header, Buffer.alloc(pad, 0x20)]);
  const out = Buffer.alloc(8 + header.length + off);
  out.write('NER1', 0, 'latin1');
  out.writeUInt32LE(header.length, 4);
  header.copy(out, 8);
  const base = 8 + header.length;
  for (let k = 0; k < parts.length; k++) {
    const p = parts[k];
    Buffer.from(p.arr.buffer, p.arr.byteOffset, p.arr.byteLength).copy(out, base + sections[k].offset);
  }
  return out;
}

export function deserializeModel(buf: Uint8Array): NerModel {
  const b = Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength);
  if (b.toString('latin1', 0, 4) !== 'NER1') throw new Error('Not an NER model file (bad magic).');
  const hlen = b.readUInt32LE(4);
  const { meta, sections } = JSON.parse(b.toString('utf8', 8, 8 + hlen)) as { meta: Record<string, unknown>; sections: Section[] };
  // copy into an aligned buffer so typed-array views are legal
  const data = new Uint8Array(b.length - 8 - hlen);
  data.set(b.subarray(8 + hlen));
  const get = (name: string): { arr: Uint32Array | Int16Array | Uint16Array | Uint8Array; scale: number } | null => {
    const s = sections.find((x) => x.name === name);
    if (!s) return null;
    const arr =
      s.type === 'u32' ? new Uint32Array(data.buffer, s.offset, s.length)
      : s.type === 'i16' ? new Int16Array(data.buffer, s.offset, s.length)
      : s.type === 'u16' ? new Uint16Array(data.buffer, s.offset, s.length)
      : new Uint8Array(data.buffer, s.offset, s.length);
    return { arr, scale: s.scale ?? 1 };
  };
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
