// The tagger's weights (hashed sparse features -> one weight per label), its binary file format
// and greedy left-to-right decoding with BIO repair.

import { dynamicKeys, N_DYNAMIC, type Gazetteer, type SentenceFeatures } from './features.js';

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

// ---------------------------------------------------------------------------------------------
// File format: "NER1", u32 header length, JSON header, then 4-byte-aligned sections described
// in the header: { name, type: 'u32'|'i16'|'u8', offset, length } relative to the data start.

export interface NerModel {
  readonly meta: Record<string, unknown>;
  readonly pass1: WeightTable;
  readonly pass2: WeightTable | null;
  readonly gazetteer: Gazetteer;
}

interface Section {
  name: string;
  type: 'u32' | 'i16' | 'u8' | 'f32';
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

export function serializeModel(meta: Record<string, unknown>, pass1: TableData, pass2: TableData | null, gaz: Gazetteer): Buffer {
  const parts: { name: string; arr: Uint32Array | Int16Array | Uint8Array; type: Section['type']; scale?: number }[] = [];
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
  const get = (name: string): { arr: Uint32Array | Int16Array | Uint8Array; scale: number } | null => {
    const s = sections.find((x) => x.name === name);
    if (!s) return null;
    const arr =
      s.type === 'u32' ? new Uint32Array(data.buffer, s.offset, s.length)
      : s.type === 'i16' ? new Int16Array(data.buffer, s.offset, s.length)
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
  return { meta, pass1, pass2: table('pass2'), gazetteer };
}
