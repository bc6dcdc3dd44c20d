// Weights of the POS and chunk taggers (hashed feature key -> sparse row of label weights), the
// model file format and greedy left-to-right decoding.

import { packSections, unpackSections, type SectionPart } from '../model-file.js';

/** Anything that can score a feature key: adds its row into scores[off .. off + labels). */
export interface Scorer {
  add(key: number, scores: Float32Array, off: number): void;
}

/**
 * Frozen weights: open-addressed key -> row table; a row holds only its non-zero labels. Weights
 * are the quantised integers of the file (the common scale does not change an argmax), so every
 * sum of a few dozen of them is exact in float32 whatever the order of the additions.
 */
export class SparseTable implements Scorer {
  readonly nl: number;
  /** interleaved (key, start << 8 | count) pairs; key 0 = empty */
  readonly slots: Uint32Array;
  readonly mask: number;
  /** per label weight: (quantised weight << 8) | label */
  readonly entries: Int32Array;
  readonly rows: number;

  constructor(nl: number, keys: Uint32Array, counts: Uint8Array, labels: Uint8Array, q: Int16Array) {
    if (labels.length >= 1 << 24) throw new Error('POS model table too large.');
    this.nl = nl;
    this.rows = keys.length;
    let cap = 16;
    while (cap < keys.length * 2) cap <<= 1;
    this.mask = cap - 1;
    this.slots = new Uint32Array(cap * 2);
    this.entries = new Int32Array(labels.length);
    for (let j = 0; j < labels.length; j++) this.entries[j] = (q[j] << 8) | labels[j];
    let start = 0;
    for (let r = 0; r < keys.length; r++) {
      const k = keys[r];
      let idx = (k ^ (k >>> 15)) & this.mask;
      while (this.slots[idx * 2] !== 0 && this.slots[idx * 2] !== k) idx = (idx + 1) & this.mask;
      this.slots[idx * 2] = k;
      this.slots[idx * 2 + 1] = ((start << 8) | counts[r]) >>> 0;
      start += counts[r];
    }
  }

  /** Quantise averaged weights (as the model file does) and build the table. */
  static fromData(t: TableData): SparseTable {
    return new SparseTable(t.nl, t.keys, t.counts, t.labels, quantize(t.weights).q);
  }

  /** The same into integer scores (the fast path: weights are integers). */
  addI(key: number, scores: Int32Array, off: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let idx = (key ^ (key >>> 15)) & mask;
    for (;;) {
      const k = slots[idx << 1];
      if (k === key) break;
      if (k === 0) return;
      idx = (idx + 1) & mask;
    }
    const v = slots[(idx << 1) + 1];
    const e = this.entries;
    for (let j = v >>> 8, end = j + (v & 255); j < end; j++) {
      const x = e[j];
      scores[off + (x & 255)] += x >> 8;
    }
  }

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
    const v = slots[(idx << 1) + 1];
    const e = this.entries;
    for (let j = v >>> 8, end = j + (v & 255); j < end; j++) {
      const x = e[j];
      scores[off + (x & 255)] += x >> 8;
    }
  }
}

export function quantize(w: Float32Array): { q: Int16Array; scale: number } {
  let max = 0;
  for (const v of w) max = Math.max(max, Math.abs(v));
  const scale = max > 0 ? max / 32767 : 1;
  const q = new Int16Array(w.length);
  for (let i = 0; i < q.length; i++) q[i] = Math.round(w[i] / scale);
  return { q, scale };
}

/** Dense rows of the label-only transition features, built once per model. */
export interface Transitions {
  /** [p1 * nl + c] */
  readonly t1: Float32Array;
  /** [(p2 * (nl + 1) + p1) * nl + c] */
  readonly t2: Float32Array;
}

/** Previous labels run over 0..nl, nl standing for "before the sentence". */
export function transitions(w: Scorer, nl: number, k1: (p1: number) => number, k2: (p2: number, p1: number) => number): Transitions {
  const np = nl + 1;
  const t1 = new Float32Array(np * nl);
  const t2 = new Float32Array(np * np * nl);
  for (let p1 = 0; p1 < np; p1++) {
    w.add(k1(p1), t1, p1 * nl);
    for (let p2 = 0; p2 < np; p2++) w.add(k2(p2, p1), t2, (p2 * np + p1) * nl);
  }
  return { t1, t2 };
}

/** One sentence's static keys (offsets per unit) and per-unit hashes for the dynamic keys. */
export interface SentenceKeys {
  n: number;
  keys: Uint32Array;
  offsets: Uint32Array;
  /** n * nd hashes; the key of dynamic feature d of unit i is mix(dyn[i * nd + d], p1) */
  dyn: Uint32Array;
  nd: number;
}

export interface DecodeSpec {
  readonly nl: number;
  /** repair IOB2 (an I-X not continuing X becomes B-X) */
  readonly iob: boolean;
  readonly dynKey: (h: number, p1: number) => number;
  readonly p1Key: (p1: number) => number;
  readonly p2p1Key: (p2: number, p1: number) => number;
}

let scratch = new Float32Array(1 << 14);
const cur = new Float32Array(256);

function iobRepair(best: number, prev: number): number {
  if (best !== 0 && (best & 1) === 0 && prev !== best && prev !== best - 1) return best - 1;
  return best;
}

/** Training update: called for a mispredicted unit with its keys, the gold and the predicted label. */
export type Update = (keys: Uint32Array, from: number, to: number, dyn: Uint32Array, nDyn: number, gold: number, pred: number) => void;

const dynKeys = new Uint32Array(16);

/**
 * Greedy left-to-right decoding of one sentence into `out`. With `trans` (inference), the label-only
 * transition features come from dense tables; without (training), they are looked up as keys. With
 * `gold` and `update` (training), `update` is called for every mispredicted unit.
 */
export function greedy(w: Scorer, spec: DecodeSpec, s: SentenceKeys, out: Uint8Array, trans: Transitions | null, gold?: Uint8Array, update?: Update): void {
  const n = s.n;
  const nl = spec.nl;
  if (scratch.length < n * nl) scratch = new Float32Array(n * nl * 2);
  const sc = scratch;
  sc.fill(0, 0, n * nl);
  const keys = s.keys;
  const offs = s.offsets;
  for (let i = 0; i < n; i++) {
    const off = i * nl;
    for (let j = offs[i], e = offs[i + 1]; j < e; j++) w.add(keys[j], sc, off);
  }
  const nd = s.nd;
  const dyn = s.dyn;
  const nDyn = nd + 2;
  let p1 = nl; // "before the sentence"
  let p2 = nl;
  for (let i = 0; i < n; i++) {
    const off = i * nl;
    for (let c = 0; c < nl; c++) cur[c] = sc[off + c];
    for (let d = 0; d < nd; d++) {
      const k = spec.dynKey(dyn[i * nd + d], p1);
      dynKeys[d] = k;
      w.add(k, cur, 0);
    }
    if (trans) {
      const t1 = trans.t1;
      const t2 = trans.t2;
      const o1 = p1 * nl;
      const o2 = (p2 * (nl + 1) + p1) * nl;
      for (let c = 0; c < nl; c++) cur[c] += t1[o1 + c] + t2[o2 + c];
    } else {
      dynKeys[nd] = spec.p1Key(p1);
      dynKeys[nd + 1] = spec.p2p1Key(p2, p1);
      w.add(dynKeys[nd], cur, 0);
      w.add(dynKeys[nd + 1], cur, 0);
    }
    let best = 0;
    let bv = cur[0];
    for (let c = 1; c < nl; c++) {
      if (cur[c] > bv) {
        bv = cur[c];
        best = c;
      }
    }
    const lab = spec.iob ? iobRepair(best, p1) : best;
    if (gold && update && lab !== gold[i]) update(keys, offs[i], offs[i + 1], dynKeys, nDyn, gold[i], best === gold[i] ? lab : best);
    out[i] = lab;
    p2 = p1;
    p1 = lab;
  }
}

// ---------------------------------------------------------------------------------------------
// File format: "POS1", u32 header length, JSON header { meta, sections }, then 4-byte-aligned
// sections { name, type, offset, length, scale? } relative to the data start. A table is
// `${name}.keys` (u32 per row), `.counts` (u8 labels per row), `.labels` (u8), `.weights` (i16 x scale).

export interface TableData {
  nl: number;
  keys: Uint32Array;
  counts: Uint8Array;
  labels: Uint8Array;
  weights: Float32Array;
}


export function serializeTables(meta: Record<string, unknown>, tables: Record<string, TableData>): Buffer {
  const parts: SectionPart[] = [];
  const nls: Record<string, number> = {};
  for (const [name, t] of Object.entries(tables)) {
    nls[name] = t.nl;
    parts.push({ name: `${name}.keys`, arr: t.keys, type: 'u32' });
    parts.push({ name: `${name}.counts`, arr: t.counts, type: 'u8' });
    parts.push({ name: `${name}.labels`, arr: t.labels, type: 'u8' });
    const { q, scale } = quantize(t.weights);
    parts.push({ name: `${name}.weights`, arr: q, type: 'i16', scale });
  }
  return packSections('POS1', { meta, labels: nls }, parts);
}

export function deserializeTables(buf: Uint8Array): { meta: Record<string, unknown>; tables: Record<string, SparseTable> } {
  const file = unpackSections<{ meta: Record<string, unknown>; labels: Record<string, number> }>(buf, 'POS1', 'a POS model');
  const { meta, labels } = file.header;
  const get = <A>(name: string): A => {
    const s = file.section(name);
    if (!s) throw new Error(`POS model file has no section ${name}.`);
    return s.arr as A;
  };
  const tables: Record<string, SparseTable> = {};
  for (const [name, nl] of Object.entries(labels)) {
    tables[name] = new SparseTable(nl, get<Uint32Array>(`${name}.keys`), get<Uint8Array>(`${name}.counts`), get<Uint8Array>(`${name}.labels`), get<Int16Array>(`${name}.weights`));
  }
  return { meta, tables };
}
