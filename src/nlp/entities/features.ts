// Feature extraction for the NER tagger, shared by training (CoNLL tokens) and inference (our
// tokens): everything is computed from token strings, sentence boundaries and the document.

import { hashStr, mix, mix3, PHRASE_SEED, phraseStep } from './hash.js';
import { FIRST_NAMES, LOC_WORDS, NATIONALITIES, ORG_WORDS, PERSON_TITLES, PLACES } from './tables.js';

/** BIO labels. Index 0 is O; B-X = 1 + 2k, I-X = 2 + 2k for type k. */
export const TYPES = ['PER', 'ORG', 'LOC', 'MISC'] as const;
export const LABELS = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'] as const;
export const NL = LABELS.length;

/** Gazetteer: hash of a lower-cased token sequence -> bitmask of types (bit k = TYPES[k]). */
export type Gazetteer = Map<number, number>;

/** A frozen gazetteer as an open-addressed table (faster than Map for the hot path). */
export class GazTable {
  readonly keys: Uint32Array;
  readonly vals: Uint8Array;
  readonly mask: number;
  constructor(g: Gazetteer) {
    let cap = 16;
    while (cap < g.size * 2) cap <<= 1;
    this.mask = cap - 1;
    this.keys = new Uint32Array(cap);
    this.vals = new Uint8Array(cap);
    for (const [k0, v] of g) {
      const k = k0 || 1;
      let i = (k ^ (k >>> 16)) & this.mask;
      while (this.keys[i] !== 0 && this.keys[i] !== k) i = (i + 1) & this.mask;
      this.keys[i] = k;
      this.vals[i] |= v;
    }
  }
  get(k0: number): number {
    const k = k0 || 1;
    const keys = this.keys;
    let i = (k ^ (k >>> 16)) & this.mask;
    for (;;) {
      const x = keys[i];
      if (x === k) return this.vals[i];
      if (x === 0) return 0;
      i = (i + 1) & this.mask;
    }
  }
}
const gazCache = new WeakMap<Gazetteer, GazTable>();
export function gazTable(g: Gazetteer): GazTable {
  let t = gazCache.get(g);
  if (!t) gazCache.set(g, (t = new GazTable(g)));
  return t;
}
export const MAX_PHRASE = 6;

/**
 * Unsupervised word clusters (scripts/train-ner-clusters.ts): hash of the normalised form (lower-case,
 * digits -> 0, as `norm` below) -> cluster bit string with a leading 1 marker ((1 << depth) | bits).
 */
export class ClusterTable {
  readonly keys: Uint32Array;
  readonly vals: Uint16Array;
  readonly mask: number;
  constructor(keys: Uint32Array, vals: Uint16Array) {
    let cap = 16;
    while (cap < keys.length * 2) cap <<= 1;
    this.mask = cap - 1;
    this.keys = new Uint32Array(cap);
    this.vals = new Uint16Array(cap);
    for (let r = 0; r < keys.length; r++) {
      const k = keys[r] || 1;
      let i = (k ^ (k >>> 16)) & this.mask;
      while (this.keys[i] !== 0 && this.keys[i] !== k) i = (i + 1) & this.mask;
      this.keys[i] = k;
      this.vals[i] = vals[r];
    }
  }
  /** The cluster path of a form hash, 0 if unknown. */
  get(k0: number): number {
    const k = k0 || 1;
    const keys = this.keys;
    let i = (k ^ (k >>> 16)) & this.mask;
    for (;;) {
      const x = keys[i];
      if (x === k) return this.vals[i];
      if (x === 0) return 0;
      i = (i + 1) & this.mask;
    }
  }
  /** Build from "form<TAB>bits" lines (the clusters.tsv format). */
  static fromTsv(text: string): { table: ClusterTable; keys: Uint32Array; vals: Uint16Array } {
    const keys: number[] = [];
    const vals: number[] = [];
    for (const line of text.split('\n')) {
      const tab = line.lastIndexOf('\t');
      if (tab <= 0) continue;
      const b = line.slice(tab + 1);
      const depth = b === '-' ? 0 : Math.min(b.length, 15);
      keys.push(hashStr(line.slice(0, tab)));
      vals.push((1 << depth) | (depth ? parseInt(b.slice(0, depth), 2) : 0));
    }
    const k = Uint32Array.from(keys);
    const v = Uint16Array.from(vals);
    return { table: new ClusterTable(k, v), keys: k, vals: v };
  }
}
/** Cluster prefix of length p of a path with leader bit (the whole path if shorter). */
function cluPrefix(path: number, p: number): number {
  const depth = 31 - Math.clz32(path);
  return depth <= p ? path : path >>> (depth - p);
}
const CLU_MODE = 3; // bit 1: neighbour clusters, bit 2: cluster x shape
const CLU_PREFIXES = [4, 6, 8, 10, 12, 15];

export function phraseHashOf(lowerTokens: readonly string[]): number {
  let h = PHRASE_SEED;
  for (const t of lowerTokens) h = phraseStep(h, hashStr(t));
  return h;
}

function tableGazetteer(): Gazetteer {
  const g: Gazetteer = new Map();
  const add = (set: ReadonlySet<string>, bit: number): void => {
    for (const e of set) {
      const h = phraseHashOf(e.split(' '));
      g.set(h, (g.get(h) ?? 0) | bit);
    }
  };
  add(PLACES, 1);
  add(NATIONALITIES, 2);
  return g;
}
const TABLE_GAZ = new GazTable(tableGazetteer());

// word tables as one hash -> flags lookup
const F_FIRST = 1, F_ORGW = 2, F_TITLE = 4, F_LOCW = 8;
function wordFlags(): Gazetteer {
  const m: Gazetteer = new Map();
  const add = (set: ReadonlySet<string>, f: number): void => {
    for (const w of set) {
      const h = hashStr(w);
      m.set(h, (m.get(h) ?? 0) | f);
    }
  };
  add(FIRST_NAMES, F_FIRST);
  add(ORG_WORDS, F_ORGW);
  add(PERSON_TITLES, F_TITLE);
  add(LOC_WORDS, F_LOCW);
  return m;
}
const WORD_FLAGS = new GazTable(wordFlags());

// Template ids.
const enum T {
  Bias = 1, Word, Norm, Shape, Short, Pre1, Pre2, Pre3, Pre4, Suf1, Suf2, Suf3, Suf4,
  Nm1, Nm2, Np1, Np2, Sm1, Sp1, S3, Bm1, Bp1, ShNm1, ShNp1, Init, Caps, CapsNorm, DocCap, DocCapSh,
  Gaz, TGaz, First, FirstPrev, FirstNext, Title, OrgW, OrgRun, LocW, LocRun, Run, Len, Pm1Word, Np1Sh,
  P1Self, P1Prev, P1Next, P1Doc, P1DocMaj, DGaz, P1Cnt, Nm1Sh, Low, CapsSh,
  Wm1, Wp1, Tri, S5, RunLast, RunFirst, RunPrev, Clu, CluM1, CluP1, CluSh, CluBi,
  // dynamic (depend on previous predicted labels)
  D1 = 100, D2, D1Norm, D1Short, D1Nm1,
}

export interface TokenInfo {
  n: number;
  norm: Uint32Array; // hash of lower-cased, digit-normalised form
  short: Uint32Array; // short shape
}

/** One sentence's features: static keys per token (offsets) + what the dynamic features need. */
export interface SentenceFeatures extends TokenInfo {
  keys: Uint32Array;
  offsets: Uint32Array;
}

const BOS = 0x1234567;
const EOS = 0x7654321;

function isUpperCode(c: number): boolean {
  if (c >= 65 && c <= 90) return true;
  if (c < 128) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase() && ch === ch.toUpperCase();
}
function isLowerCode(c: number): boolean {
  if (c >= 97 && c <= 122) return true;
  if (c < 128) return false;
  const ch = String.fromCharCode(c);
  return ch !== ch.toUpperCase() && ch === ch.toLowerCase();
}

function shapes(w: string): [string, string] {
  let long = '';
  let short = '';
  let last = '';
  for (let i = 0; i < w.length; i++) {
    const c = w.charCodeAt(i);
    let k: string;
    if (c >= 48 && c <= 57) k = 'd';
    else if (isUpperCode(c)) k = 'X';
    else if (isLowerCode(c)) k = 'x';
    else k = w[i];
    if (long.length < 8) long += k;
    if (k !== last) short += k;
    last = k;
  }
  return [long, short];
}

const DIGITS = /\d/g;

export interface DocContext {
  /** per lower-cased form: seen capitalised in a non-initial position of a mixed-case sentence */
  capSeen: Set<string>;
  /** per lower-cased form: seen all lower-case */
  lowSeen: Set<string>;
}

function isAllCapsSentence(words: readonly string[]): boolean {
  let caps = 0;
  for (const w of words) {
    let hasUpper = false;
    for (let i = 0; i < w.length; i++) {
      const c = w.charCodeAt(i);
      if (isLowerCode(c)) return false;
      if (isUpperCode(c)) hasUpper = true;
    }
    if (hasUpper && w.length > 1) caps++;
  }
  return caps >= 1;
}

const INITIAL_PUNCT = new Set(['"', '``', "''", "'", '“', '‘', '(', '[', '-', '--', ':', '—', '–', '*', '...', '«']);

function startsUpper(w: string): boolean {
  return w.length > 0 && isUpperCode(w.charCodeAt(0));
}
function hasLowerStart(w: string): boolean {
  return w.length > 0 && isLowerCode(w.charCodeAt(0));
}

/** Document-level capitalisation evidence. */
export function docContext(sentences: readonly (readonly string[])[]): DocContext {
  const capSeen = new Set<string>();
  const lowSeen = new Set<string>();
  for (const words of sentences) {
    if (isAllCapsSentence(words)) continue;
    for (let i = 0; i < words.length; i++) {
      const w = words[i];
      if (startsUpper(w)) {
        const initial = i === 0 || INITIAL_PUNCT.has(words[i - 1]);
        if (!initial) capSeen.add(w.toLowerCase());
      } else if (hasLowerStart(w)) {
        lowSeen.add(w);
      }
    }
  }
  return { capSeen, lowSeen };
}

/** Pass-1 predictions for the whole document, for the second pass. */
export interface Pass1 {
  labels: readonly Uint8Array[]; // per sentence
  /** lower-cased token -> counts per type (4) of tokens inside predicted entities */
  counts: Map<string, Int32Array>;
  /** phrase hash -> type bitmask of entities predicted in the document */
  phrases: Gazetteer;
}

export function pass1Summary(sentences: readonly (readonly string[])[], labels: readonly Uint8Array[]): Pass1 {
  const counts = new Map<string, Int32Array>();
  const phrases: Gazetteer = new Map();
  for (let s = 0; s < sentences.length; s++) {
    const words = sentences[s];
    const lab = labels[s];
    let i = 0;
    while (i < words.length) {
      const l = lab[i];
      if (l === 0) {
        i++;
        continue;
      }
      const type = (l - 1) >> 1;
      let j = i + 1;
      while (j < words.length && lab[j] === 2 + 2 * type) j++;
      const lower: string[] = [];
      for (let k = i; k < j; k++) {
        const lw = words[k].toLowerCase();
        lower.push(lw);
        let c = counts.get(lw);
        if (!c) counts.set(lw, (c = new Int32Array(4)));
        c[type]++;
      }
      const h = phraseHashOf(lower);
      phrases.set(h, (phrases.get(h) ?? 0) | (1 << type));
      i = j;
    }
  }
  return { labels, counts, phrases };
}

/** Gazetteer match bits per token: for each matching phrase, bit (type*4 + pos) with pos B/I/E/U. */
function gazetteerBits(lowerH: Uint32Array, capTok: Uint8Array, caps: boolean, gaz: GazTable, out: Uint32Array): void {
  const n = lowerH.length;
  for (let i = 0; i < n; i++) {
    if (!caps && capTok[i] !== 1) continue;
    let h = PHRASE_SEED;
    for (let j = i; j < n && j < i + MAX_PHRASE; j++) {
      h = phraseStep(h, lowerH[j]);
      const m = gaz.get(h);
      if (m === 0) continue;
      for (let t = 0; t < 4; t++) {
        if (!(m & (1 << t))) continue;
        if (j === i) out[i] |= 1 << (t * 4 + 3);
        else {
          out[i] |= 1 << (t * 4);
          for (let k = i + 1; k < j; k++) out[k] |= 1 << (t * 4 + 1);
          out[j] |= 1 << (t * 4 + 2);
        }
      }
    }
  }
}

// Small typed arrays each get their own ArrayBuffer, which is slow to allocate and to collect: the
// per-sentence arrays are views of larger chunks instead. A chunk is never reused; when one is
// used up, a new one is started and the old one lives on as long as views of it do.
const CHUNK = 1 << 16;
let u32Chunk = new Uint32Array(CHUNK);
let u32Pos = 0;
let i32Chunk = new Int32Array(CHUNK);
let i32Pos = 0;
let u8Chunk = new Uint8Array(CHUNK);
let u8Pos = 0;
/** A new zero-filled Uint32Array(n) (a view of a shared chunk). */
export function newU32(n: number): Uint32Array {
  if (u32Pos + n > u32Chunk.length) {
    if (n > CHUNK >> 4) return new Uint32Array(n);
    u32Chunk = new Uint32Array(CHUNK);
    u32Pos = 0;
  }
  return u32Chunk.subarray(u32Pos, (u32Pos += n));
}
function newI32(n: number): Int32Array {
  if (i32Pos + n > i32Chunk.length) {
    if (n > CHUNK >> 4) return new Int32Array(n);
    i32Chunk = new Int32Array(CHUNK);
    i32Pos = 0;
  }
  return i32Chunk.subarray(i32Pos, (i32Pos += n));
}
/** A new zero-filled Uint8Array(n) (a view of a shared chunk). */
export function newU8(n: number): Uint8Array {
  if (u8Pos + n > u8Chunk.length) {
    if (n > CHUNK >> 4) return new Uint8Array(n);
    u8Chunk = new Uint8Array(CHUNK);
    u8Pos = 0;
  }
  return u8Chunk.subarray(u8Pos, (u8Pos += n));
}

// Feature keys are written straight into a chunk: one sentence's keys are kbuf[kstart .. klen), and
// SentenceFeatures.keys a view of them.
let kbuf = new Uint32Array(CHUNK);
let kstart = 0;
let klen = 0;
/** Start a sentence's keys (n tokens: room for ~40 keys each is made up front). */
function beginKeys(n: number): void {
  if (klen + n * 40 > kbuf.length) {
    kbuf = new Uint32Array(Math.max(CHUNK, n * 40));
    klen = 0;
  }
  kstart = klen;
}
/** The current sentence's keys. */
function endKeys(): Uint32Array {
  const keys = kbuf.subarray(kstart, klen);
  kstart = klen;
  return keys;
}
function growKeys(): void {
  // move the current sentence's keys into a new chunk (earlier sentences keep the old one)
  const b = new Uint32Array(Math.max(CHUNK, 2 * (klen - kstart)));
  b.set(kbuf.subarray(kstart, klen));
  klen -= kstart;
  kstart = 0;
  kbuf = b;
}
function push(k: number): void {
  if (klen === kbuf.length) growKeys();
  kbuf[klen++] = k === 0 ? 1 : k;
}

// per-sentence temporaries of sentenceFeatures (grown as needed)
let tmpN = 0;
let tWord = new Uint32Array(0);
let tShape = new Uint32Array(0);
let tPre = new Uint32Array(0);
let tSuf = new Uint32Array(0);
let tBits = new Uint32Array(0);
let tCl = new Uint32Array(0);
let tGbits = new Uint32Array(0);
let tTbits = new Uint32Array(0);
let tRunStart = new Int32Array(0);
let tRunEnd = new Int32Array(0);
let tFlags = new Uint8Array(0);
let tGstart = new Uint8Array(0);
function temporaries(n: number): void {
  if (n <= tmpN) return;
  tmpN = Math.max(n, 2 * tmpN, 256);
  tWord = new Uint32Array(tmpN);
  tShape = new Uint32Array(tmpN);
  tPre = new Uint32Array(tmpN * 4);
  tSuf = new Uint32Array(tmpN * 4);
  tBits = new Uint32Array(tmpN);
  tCl = new Uint32Array(tmpN);
  tGbits = new Uint32Array(tmpN);
  tTbits = new Uint32Array(tmpN);
  tRunStart = new Int32Array(tmpN);
  tRunEnd = new Int32Array(tmpN);
  tFlags = new Uint8Array(tmpN);
  tGstart = new Uint8Array(tmpN);
}

/** Per-sentence token data reused by both passes. */
export interface SentenceBase extends SentenceFeatures {
  lower: string[];
  lowerH: Uint32Array;
  capTok: Uint8Array;
  caps: boolean;
  /** the tokens' entries in WORD_TYPES (null when the sentence did not use it) */
  tids: Int32Array | null;
  /** WORD_TYPES.generation when tids were taken (entries of other generations are void) */
  tgen: number;
  /**
   * Every token's keys start with this many keys that depend only on its string and `caps` (the same
   * keys for every occurrence of a word in sentences of the same case, so their sums can be cached).
   */
  prefix: number;
}

// Token-local values, computed once per word string (tokenLocal) and kept in WORD_TYPES.
const TW = 14; // u32 per word: the fields below
const W_LOWERH = 0, W_NORM = 1, W_WORD = 2, W_SHAPE = 3, W_SHORT = 4, W_PRE = 5, W_SUF = 9, W_BITS = 13;
// W_BITS: flags (bits 0-3), capTok (4), gstart (5), initial punctuation (6), min(length, 10) (8..)

/** Computes the token-local values of w into out[o .. o+TW); returns its lower-cased form. */
function tokenLocal(w: string, out: Uint32Array, o: number): string {
  const l = w.toLowerCase();
  const lh = hashStr(l);
  out[o + W_LOWERH] = lh;
  let hasDigit = false;
  for (let k = 0; k < l.length; k++) {
    const c = l.charCodeAt(k);
    if (c >= 48 && c <= 57) {
      hasDigit = true;
      break;
    }
  }
  const nm = hasDigit ? l.replace(DIGITS, '0') : l;
  out[o + W_NORM] = hasDigit ? hashStr(nm) : lh;
  out[o + W_WORD] = hasDigit ? hashStr(w.replace(DIGITS, '0'), 7) : hashStr(w, 7);
  const [lg, sh] = shapes(w);
  out[o + W_SHAPE] = hashStr(lg, 11);
  out[o + W_SHORT] = hashStr(sh, 13);
  let h = 0x811c9dc5;
  for (let k = 0; k < 4; k++) {
    if (k < nm.length) {
      h ^= nm.charCodeAt(k);
      h = Math.imul(h, 0x01000193);
    }
    out[o + W_PRE + k] = h >>> 0;
  }
  h = 0x811c9dc5;
  for (let k = 0; k < 4; k++) {
    if (k < nm.length) {
      h ^= nm.charCodeAt(nm.length - 1 - k);
      h = Math.imul(h, 0x01000193);
    }
    out[o + W_SUF + k] = h >>> 0;
  }
  const up = startsUpper(w);
  const c0 = w.charCodeAt(0);
  const gstart = up || (c0 >= 48 && c0 <= 57);
  out[o + W_BITS] = WORD_FLAGS.get(lh) | (up ? 16 : 0) | (gstart ? 32 : 0) | (INITIAL_PUNCT.has(w) ? 64 : 0) | (Math.min(w.length, 10) << 8);
  return l;
}

/** Word types kept before the memo starts over. */
export const TYPE_CAP = 1 << 15;

/**
 * Memo of the token-local values per word string (a pure cache: features never depend on it). It
 * starts over when full, between sentences; `generation` counts the restarts, so that caches
 * indexed by its entries (model.ts) can tell stale indices.
 */
export class WordTypes {
  private readonly ids = new Map<string, number>();
  readonly lower: string[] = [];
  readonly data = new Uint32Array(TYPE_CAP * TW);
  generation = 0;

  /** Make room for a sentence of n tokens; false if n tokens may not fit at all. */
  reserve(n: number): boolean {
    if (n > TYPE_CAP) return false;
    if (this.ids.size + n > TYPE_CAP) {
      this.ids.clear();
      this.lower.length = 0;
      this.generation++;
    }
    return true;
  }

  /** The entry of w, computed on first sight (call reserve first). */
  id(w: string): number {
    let t = this.ids.get(w);
    if (t === undefined) {
      t = this.ids.size;
      this.ids.set(w, t);
      this.lower[t] = tokenLocal(w, this.data, t * TW);
    }
    return t;
  }
}
export const WORD_TYPES = new WordTypes();
const localScratch = new Uint32Array(TW);

/** Static (first-pass) features of one sentence. `gaz` is the training-data gazetteer. */
export function sentenceFeatures(words: readonly string[], ctx: DocContext, gaz: Gazetteer | GazTable, clu?: ClusterTable | null): SentenceBase {
  const gt = gaz instanceof GazTable ? gaz : gazTable(gaz);
  const n = words.length;
  const lower = new Array<string>(n);
  const lowerH = newU32(n);
  const norm = newU32(n);
  const short = newU32(n);
  const capTok = newU8(n);
  temporaries(n);
  const word = tWord;
  const shape = tShape;
  const pre = tPre;
  const suf = tSuf;
  const flags = tFlags;
  const gstart = tGstart;
  const bits = tBits;
  const caps = isAllCapsSentence(words);
  const types = WORD_TYPES;
  const tids = types.reserve(n) ? newI32(n) : null;
  const tgen = types.generation;
  for (let i = 0; i < n; i++) {
    const w = words[i];
    let d: Uint32Array;
    let o: number;
    if (tids) {
      const t = types.id(w);
      tids[i] = t;
      d = types.data;
      o = t * TW;
      lower[i] = types.lower[t];
    } else {
      d = localScratch;
      o = 0;
      lower[i] = tokenLocal(w, d, 0);
    }
    lowerH[i] = d[o + W_LOWERH];
    norm[i] = d[o + W_NORM];
    word[i] = d[o + W_WORD];
    shape[i] = d[o + W_SHAPE];
    short[i] = d[o + W_SHORT];
    for (let k = 0; k < 4; k++) {
      pre[i * 4 + k] = d[o + W_PRE + k];
      suf[i * 4 + k] = d[o + W_SUF + k];
    }
    const b = d[o + W_BITS];
    bits[i] = b;
    flags[i] = b & 15;
    capTok[i] = (b >> 4) & 1;
    gstart[i] = (b >> 5) & 1;
  }
  const cl = tCl;
  if (clu) for (let i = 0; i < n; i++) cl[i] = clu.get(norm[i]);
  const gbits = tGbits;
  const tbits = tTbits;
  gbits.fill(0, 0, n);
  tbits.fill(0, 0, n);
  gazetteerBits(lowerH, gstart, caps, gt, gbits);
  gazetteerBits(lowerH, gstart, caps, TABLE_GAZ, tbits);
  // capitalised runs
  const runStart = tRunStart;
  const runEnd = tRunEnd;
  for (let i = 0; i < n; ) {
    if (!capTok[i]) {
      runStart[i] = i;
      runEnd[i] = i;
      i++;
      continue;
    }
    let j = i;
    while (j + 1 < n && capTok[j + 1]) j++;
    for (let k = i; k <= j; k++) {
      runStart[k] = i;
      runEnd[k] = j;
    }
    i = j + 1;
  }

  beginKeys(n);
  const offsets = newU32(n + 1);
  const capsBit = caps ? 1 : 0;
  let prefix = 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = klen - kstart;
    const nm1 = i > 0 ? norm[i - 1] : BOS;
    const nm2 = i > 1 ? norm[i - 2] : BOS;
    const np1 = i + 1 < n ? norm[i + 1] : EOS;
    const np2 = i + 2 < n ? norm[i + 2] : EOS;
    const sm1 = i > 0 ? short[i - 1] : BOS;
    const sp1 = i + 1 < n ? short[i + 1] : EOS;
    const initial = i === 0 || bits[i - 1] & 64 ? 1 : 0;
    push(T.Bias);
    if (!caps) push(mix(T.Word, word[i]));
    push(mix(T.Norm, norm[i]));
    push(mix3(T.Shape, shape[i], capsBit));
    push(mix3(T.Short, short[i], capsBit));
    for (let k = 0; k < 4; k++) {
      push(mix(T.Pre1 + k, pre[i * 4 + k]));
      push(mix(T.Suf1 + k, suf[i * 4 + k]));
    }
    // (the keys so far depend only on the word and caps: SentenceBase.prefix)
    prefix = klen - kstart - offsets[i];
    push(mix(T.Nm1, nm1));
    push(mix(T.Nm2, nm2));
    push(mix(T.Np1, np1));
    push(mix(T.Np2, np2));
    push(mix3(T.Sm1, sm1, capsBit));
    push(mix3(T.Sp1, sp1, capsBit));
    push(mix3(T.S3, mix(sm1, short[i]), mix(sp1, capsBit)));
    push(mix3(T.Bm1, nm1, norm[i]));
    push(mix3(T.Bp1, norm[i], np1));
    push(mix3(T.ShNm1, short[i], nm1));
    push(mix3(T.ShNp1, short[i], np1));
    push(mix3(T.Init, initial, mix(short[i], capsBit)));
    push(mix(T.Caps, capsBit));
    // doc-level capitalisation evidence for this form
    const l = lower[i];
    const dc = (ctx.capSeen.has(l) ? 1 : 0) | (ctx.lowSeen.has(l) ? 2 : 0);
    push(mix3(T.DocCap, dc, capsBit * 2 + initial));
    push(mix3(T.DocCapSh, dc, short[i]));
    // gazetteers
    const gb = gbits[i];
    if (gb) for (let b = 0; b < 16; b++) if (gb & (1 << b)) push(mix3(T.Gaz, b, capsBit));
    const tb = tbits[i];
    if (tb) for (let b = 0; b < 16; b++) if (tb & (1 << b)) push(mix3(T.TGaz, b, capsBit));
    const fl = flags[i];
    if (fl & F_FIRST) push(mix(T.First, capTok[i] + 2 * capsBit));
    if (i > 0 && flags[i - 1] & F_FIRST) push(mix(T.FirstPrev, capTok[i] + 2 * capTok[i - 1]));
    if (i + 1 < n && flags[i + 1] & F_FIRST) push(mix(T.FirstNext, capTok[i] + 2 * capTok[i + 1]));
    if (i > 0 && flags[i - 1] & F_TITLE) push(mix(T.Title, capTok[i]));
    if (fl & F_ORGW) push(mix(T.OrgW, capTok[i]));
    if (fl & F_LOCW) push(mix(T.LocW, capTok[i]));
    if (capTok[i]) {
      const rs = runStart[i];
      const re = runEnd[i];
      const len = re - rs + 1;
      const pos = len === 1 ? 0 : i === rs ? 1 : i === re ? 2 : 3;
      push(mix3(T.Run, Math.min(len, 5), pos * 2 + capsBit));
      if (len > 1) {
        push(mix3(T.RunLast, norm[re], pos));
        push(mix3(T.RunFirst, norm[rs], pos));
      }
      push(mix3(T.RunPrev, rs > 0 ? norm[rs - 1] : BOS, pos));
      for (let k = i + 1; k <= re && k <= i + 4; k++) {
        if (flags[k] & F_ORGW) push(mix(T.OrgRun, k - i));
        if (flags[k] & F_LOCW) push(mix(T.LocRun, k - i));
      }
    }
    push(mix(T.Len, bits[i] >>> 8));
    if (i > 0) push(mix3(T.Pm1Word, caps ? norm[i - 1] : word[i - 1], short[i]));
    push(mix3(T.Nm1Sh, nm1, np1));
    if (!caps) {
      push(mix(T.Wm1, i > 0 ? word[i - 1] : BOS));
      push(mix(T.Wp1, i + 1 < n ? word[i + 1] : EOS));
    }
    push(mix3(T.Tri, mix(nm1, norm[i]), np1));
    if (clu) {
      const c = cl[i];
      if (c === 0) push(mix3(T.Clu, 0, short[i]));
      else {
        if (CLU_MODE & 2) push(mix3(T.CluSh, cluPrefix(c, 8), mix(short[i], capsBit)));
        for (const p of CLU_PREFIXES) push(mix3(T.Clu, p, cluPrefix(c, p)));
      }
      if (CLU_MODE & 1) {
      const cm = i > 0 ? cl[i - 1] : 1;
      const cp = i + 1 < n ? cl[i + 1] : 1;
      push(mix3(T.CluM1, 6, cluPrefix(cm, 6)));
      push(mix3(T.CluM1, 10, cluPrefix(cm, 10)));
      push(mix3(T.CluP1, 6, cluPrefix(cp, 6)));
      push(mix3(T.CluP1, 10, cluPrefix(cp, 10)));
      push(mix3(T.CluBi, cluPrefix(cm, 8), cluPrefix(c || 1, 8)));
      }
    }
    push(mix3(T.S5, mix(i > 1 ? short[i - 2] : BOS, sm1), mix(sp1, i + 2 < n ? short[i + 2] : EOS)));
  }
  offsets[n] = klen - kstart;
  return { n, keys: endKeys(), offsets, norm, short, lower, lowerH, capTok, caps, tids, tgen, prefix };
}

/** Second-pass features of one sentence (added to its first-pass features). */
export function pass2Features(base: SentenceBase, pass: Pass1, pt: GazTable, sentence: number): SentenceFeatures {
  const n = base.n;
  const lab = pass.labels[sentence];
  const capsBit = base.caps ? 1 : 0;
  temporaries(n);
  const dbits = tGbits;
  dbits.fill(0, 0, n);
  gazetteerBits(base.lowerH, base.capTok, base.caps, pt, dbits);
  beginKeys(n);
  const offsets = newU32(n + 1);
  const short = base.short;
  for (let i = 0; i < n; i++) {
    offsets[i] = klen - kstart;
    push(mix(T.P1Self, lab[i]));
    push(mix3(T.P1Prev, i > 0 ? lab[i - 1] : 99, lab[i]));
    push(mix3(T.P1Next, i + 1 < n ? lab[i + 1] : 99, lab[i]));
    const c = pass.counts.get(base.lower[i]);
    if (c) {
      const own = lab[i] === 0 ? -1 : (lab[i] - 1) >> 1;
      let best = -1;
      let bestC = 0;
      let tot = 0;
      for (let t = 0; t < 4; t++) {
        const v = c[t] - (t === own ? 1 : 0);
        tot += v;
        if (v > 0) push(mix3(T.P1Doc, t, capsBit));
        if (v > bestC) {
          bestC = v;
          best = t;
        }
      }
      if (best >= 0) push(mix3(T.P1DocMaj, best, short[i]));
      push(mix(T.P1Cnt, Math.min(tot, 3)));
    }
    const db = dbits[i];
    if (db) for (let b = 0; b < 16; b++) if (db & (1 << b)) push(mix3(T.DGaz, b, capsBit));
  }
  offsets[n] = klen - kstart;
  return { n, keys: endKeys(), offsets, norm: base.norm, short: base.short };
}

/** First- and second-pass features of one sentence, concatenated per token (for training). */
export function mergeFeatures(a: SentenceFeatures, b: SentenceFeatures): SentenceFeatures {
  const keys = new Uint32Array(a.keys.length + b.keys.length);
  const offsets = new Uint32Array(a.n + 1);
  let k = 0;
  for (let i = 0; i < a.n; i++) {
    offsets[i] = k;
    for (let j = a.offsets[i]; j < a.offsets[i + 1]; j++) keys[k++] = a.keys[j];
    for (let j = b.offsets[i]; j < b.offsets[i + 1]; j++) keys[k++] = b.keys[j];
  }
  offsets[a.n] = k;
  return { n: a.n, keys, offsets, norm: a.norm, short: a.short };
}

/** Keys of the features that depend on the two previous labels. */
export function dynamicKeys(info: TokenInfo, i: number, p1: number, p2: number, out: Uint32Array): number {
  out[0] = mix(T.D1, p1) || 1;
  out[1] = mix3(T.D2, p2, p1) || 1;
  transBases(info, i, out, 2);
  out[2] |= p1;
  out[3] |= p1;
  out[4] |= p1;
  return 5;
}
export const N_DYNAMIC = 5;

/**
 * The token-specific previous-label features (keys 2..4 of dynamicKeys) have the previous label in
 * their low 4 bits: key = base | p1. Writes the 3 bases into out[at..at+3).
 */
export function transBases(info: TokenInfo, i: number, out: Uint32Array, at: number): void {
  const nm1 = i > 0 ? info.norm[i - 1] : BOS;
  out[at] = (mix(T.D1Norm, info.norm[i]) & ~15) || 16;
  out[at + 1] = (mix(T.D1Short, info.short[i]) & ~15) || 16;
  out[at + 2] = (mix(T.D1Nm1, nm1) & ~15) || 16;
}
