// Features of the part-of-speech and chunk taggers, shared by training (CoNLL-2003 tokens) and
// inference (our tokens, read straight out of the text by offsets: no per-token strings).
//
// A sentence is a run of "units": normally one unit per token, but a contraction our tokenizer
// keeps whole ("don't", "they’re") is read as the two units CoNLL/Penn would have ("do" "n't").
// Each unit is hashed once (normalised lower-case form, prefixes/suffixes 1-3, shape); feature
// keys mix a small template id with those hashes.

import { loadClusters, type Clusters } from '../clusters.js';
import { mix, mix3 } from '../entities/hash.js';

/** Penn Treebank tags as CoNLL-2003 writes them (brackets as "(" ")"), index = the tag code. */
export const POS_TAGS = [
  'CC', 'CD', 'DT', 'EX', 'FW', 'IN', 'JJ', 'JJR', 'JJS', 'LS', 'MD', 'NN', 'NNS', 'NNP', 'NNPS', 'PDT', 'POS', 'PRP', 'PRP$',
  'RB', 'RBR', 'RBS', 'RP', 'SYM', 'TO', 'UH', 'VB', 'VBD', 'VBG', 'VBN', 'VBP', 'VBZ', 'WDT', 'WP', 'WP$', 'WRB',
  '$', '#', '``', "''", '(', ')', ',', '.', ':',
] as const;
export type PosTagName = (typeof POS_TAGS)[number];
export const N_POS = POS_TAGS.length;
/** The one quotation-mark class the model predicts (CoNLL writes every quote as `"`); inference
 * turns it into `` (opening) or '' (closing) by the character and its surroundings. */
export const POS_QUOTE = POS_TAGS.indexOf('``');
export const POS_CLOSE_QUOTE = POS_TAGS.indexOf("''");

/** Chunk types (CoNLL-2000); labels are IOB2: 0 = O, B-type k = 1 + 2k, I-type k = 2 + 2k. */
export const CHUNK_TYPES = ['NP', 'VP', 'PP', 'ADVP', 'ADJP', 'SBAR', 'PRT', 'CONJP', 'INTJ', 'LST', 'UCP'] as const;
export const CHUNK_TAGS: readonly string[] = ['O', ...CHUNK_TYPES.flatMap((t) => [`B-${t}`, `I-${t}`])];
export const N_CHUNK = CHUNK_TAGS.length;

/** The code of a CoNLL-2003 POS column value (`"` and `''` are the quote class; NN|SYM is NN). */
export function posCode(tag: string): number {
  if (tag === '"' || tag === "''" || tag === '``') return POS_QUOTE;
  if (tag === 'NN|SYM') return POS_TAGS.indexOf('NN');
  const i = (POS_TAGS as readonly string[]).indexOf(tag);
  if (i < 0) throw new Error(`unknown POS tag ${tag}`);
  return i;
}

/** IOB1 chunk column (CoNLL-2003) -> IOB2 codes: an I-X that does not continue an X chunk starts one. */
export function chunkCodesFromIob1(tags: readonly string[]): Uint8Array {
  const out = new Uint8Array(tags.length);
  let prevType = -1;
  for (let i = 0; i < tags.length; i++) {
    const t = tags[i];
    if (t === 'O') {
      out[i] = 0;
      prevType = -1;
      continue;
    }
    const type = (CHUNK_TYPES as readonly string[]).indexOf(t.slice(2));
    if (type < 0 || (t[0] !== 'B' && t[0] !== 'I') || t[1] !== '-') throw new Error(`unknown chunk tag ${t}`);
    const begin = t[0] === 'B' || prevType !== type;
    out[i] = begin ? 1 + 2 * type : 2 + 2 * type;
    prevType = type;
  }
  return out;
}

/** An I-X label that does not continue X (after `prev`) becomes B-X (IOB2 repair). */
export function repairChunk(label: number, prev: number): number {
  if (label !== 0 && (label & 1) === 0 && prev !== label && prev !== label - 1) return label - 1;
  return label;
}

// ------------------------------------------------------------------------------ normalisation

/**
 * Whole-token replacements that bring typographic punctuation to the form CoNLL's text has:
 * curly and angle double quotes -> `"`, single curly quotes -> `'`, em / horizontal-bar dash ->
 * `--`, en dash and minus -> `-`, the ellipsis character -> `...`, other currency signs -> `$`,
 * square and curly brackets -> round ones. Null when the token needs none.
 */
export function replacement(code: number): string | null {
  switch (code) {
    case 0x201c: case 0x201d: case 0x201e: case 0x201f: case 0xab: case 0xbb: case 0x301d: case 0x301e: case 0xff02:
      return '"';
    case 0x2018: case 0x2019: case 0x201a: case 0x201b: case 0x2039: case 0x203a: case 0x60: case 0xb4:
      return "'";
    case 0x2014: case 0x2015: case 0x2e3a:
      return '--';
    case 0x2013: case 0x2212: case 0x2012: case 0x2010: case 0x2011:
      return '-';
    case 0x2026:
      return '...';
    case 0xa3: case 0x20ac: case 0xa5: case 0x20b9: case 0x20bd: case 0x20a9: case 0x20ba: case 0xa2:
      return '$';
    case 0x5b: case 0x7b:
      return '(';
    case 0x5d: case 0x7d:
      return ')';
    default:
      return null;
  }
}

/** Per-character normalisation inside words: curly apostrophes -> `'`, Unicode hyphens -> `-`. */
function normCode(c: number): number {
  if (c === 0x2019 || c === 0x2018 || c === 0x2bc || c === 0x2032) return 39;
  if (c === 0x2010 || c === 0x2011) return 45;
  return c;
}

function lowerCode(c: number): number {
  if (c < 128) return c >= 65 && c <= 90 ? c + 32 : c;
  const ch = String.fromCharCode(c);
  const l = ch.toLowerCase();
  return l.length === 1 ? l.charCodeAt(0) : c;
}

/** 0 other, 1 lower-case letter, 2 upper-case letter, 3 digit */
function charClass(c: number): number {
  if (c < 128) {
    if (c >= 97 && c <= 122) return 1;
    if (c >= 65 && c <= 90) return 2;
    if (c >= 48 && c <= 57) return 3;
    return 0;
  }
  const ch = String.fromCharCode(c);
  const l = ch.toLowerCase();
  const u = ch.toUpperCase();
  if (l !== u) return ch === u ? 2 : 1;
  if (/\p{L}/u.test(ch)) return 1;
  if (/\p{Nd}/u.test(ch)) return 3;
  return 0;
}

const FNV = 0x811c9dc5;
const PRIME = 0x01000193;

// ------------------------------------------------------------------------------ word clusters

/** Cluster id of a word outside the cluster table (or without a letter). */
export const NO_CLUSTER = 0xffff;
let clusterTable: Clusters | null = null;
/** The word clusters the features read (models/clusters), loaded on first use. */
export function wordClusters(): Clusters {
  return (clusterTable ??= loadClusters());
}

/**
 * A fingerprint of the cluster table: its sizes and the clusters of a few common words. The model
 * file records the one it was trained with and loading checks it (the cluster ids are features).
 */
export function clusterFingerprint(): string {
  const c = wordClusters();
  let h = FNV;
  for (const w of ['the', 'said', 'government', 'president', 'market', 'percent', 'week', 'quickly', 'would', 'french', 'two', 'new', 'after', 'run', 'blue', 'against']) {
    const x = c.lookup(w);
    for (const v of x ? [x.fine, x.mid, x.coarse] : [NO_CLUSTER]) h = Math.imul(h ^ v, PRIME);
  }
  const { fine, mid, coarse, words } = c.size;
  return `${fine}/${mid}/${coarse}/${words}:${(h >>> 0).toString(16).padStart(8, '0')}`;
}

// ------------------------------------------------------------------------------ units

/** Per-unit hashes of one sentence (buffers grow and are reused). */
export class Units {
  n = 0;
  cap = 0;
  form = new Uint32Array(0); // lower-cased, digits -> 0, typographic punctuation normalised
  cased = new Uint32Array(0); // the same, case kept
  affix = new Uint32Array(0); // 6 per unit: prefix 1..3, suffix 1..3
  shape = new Uint32Array(0); // collapsed shape (Xx, X.X., d,d ...)
  flags = new Uint8Array(0); // 1 has lower, 2 has upper, 4 starts upper, 8 opening punctuation
  /** word clusters (fine, mid, coarse; NO_CLUSTER outside the table), looked up on demand: `cluster(i)` */
  fine = new Int32Array(0);
  mid = new Int32Array(0);
  coarse = new Int32Array(0);
  private looked = new Uint8Array(0);
  private src: string[] = [];
  private from = new Int32Array(0);
  private to = new Int32Array(0);
  /** sentence is ALL-CAPS (no lower-case letter, some upper-case word) */
  caps = 0;

  reset(n: number): void {
    if (n > this.cap) {
      const cap = Math.max(64, n * 2);
      this.cap = cap;
      this.form = new Uint32Array(cap);
      this.cased = new Uint32Array(cap);
      this.affix = new Uint32Array(cap * 6);
      this.shape = new Uint32Array(cap);
      this.flags = new Uint8Array(cap);
      this.fine = new Int32Array(cap);
      this.mid = new Int32Array(cap);
      this.coarse = new Int32Array(cap);
      this.looked = new Uint8Array(cap);
      this.src = new Array<string>(cap).fill('');
      this.from = new Int32Array(cap);
      this.to = new Int32Array(cap);
    }
    this.n = n;
  }

  /** Hash unit u from s[start, end) (a one-character token with a `replacement` is hashed as that). */
  set(u: number, s: string, start: number, end: number): void {
    let src = s;
    let a = start;
    let b = end;
    if (end - start === 1) {
      const rep = replacement(s.charCodeAt(start));
      if (rep !== null) {
        src = rep;
        a = 0;
        b = rep.length;
      }
    }
    let h = FNV;
    let hc = FNV;
    let sh = 0x3c6ef372;
    let lastCls = -1;
    let shapeLen = 0;
    let fl = 0;
    const af = this.affix;
    const o = u * 6;
    for (let k = a; k < b; k++) {
      const c = normCode(src.charCodeAt(k));
      const cls = charClass(c);
      let lc: number;
      if (cls === 3) lc = 48;
      else if (cls === 2) {
        lc = lowerCode(c);
        fl |= k === a ? 6 : 2;
      } else {
        lc = cls === 1 && c >= 128 ? lowerCode(c) : c;
        if (cls === 1) fl |= 1;
      }
      h = Math.imul(h ^ lc, PRIME);
      hc = Math.imul(hc ^ (cls === 3 ? 48 : c), PRIME);
      const j = k - a;
      if (j < 3) af[o + j] = h >>> 0;
      // shape: X x d or the character itself, runs collapsed, at most 6 symbols
      const sym = cls === 0 ? c : cls === 1 ? 120 : cls === 2 ? 88 : 100;
      if (sym !== lastCls && shapeLen < 6) {
        sh = Math.imul(sh ^ sym, PRIME);
        shapeLen++;
        lastCls = sym;
      }
    }
    const len = b - a;
    for (let j = len; j < 3; j++) af[o + j] = (h >>> 0) ^ (j + 1); // short words: distinct from longer ones
    this.form[u] = h >>> 0;
    this.cased[u] = hc >>> 0;
    this.shape[u] = sh >>> 0;
    // suffixes: FNV over the last 1..3 characters, backwards
    let r = FNV;
    for (let j = 0; j < 3; j++) {
      const k = b - 1 - j;
      if (k >= a) {
        const c = normCode(src.charCodeAt(k));
        const cls = charClass(c);
        r = Math.imul(r ^ (cls === 3 ? 48 : cls === 2 || (cls === 1 && c >= 128) ? lowerCode(c) : c), PRIME);
        af[o + 3 + j] = r >>> 0;
      } else af[o + 3 + j] = (r >>> 0) ^ (j + 11);
    }
    if (len >= 1 && OPENERS.has(h >>> 0)) fl |= 8;
    this.flags[u] = fl;
    this.looked[u] = 0;
    this.src[u] = src;
    this.from[u] = a;
    this.to[u] = b;
  }

  /**
   * Look up unit i's word clusters (once; inference does it once per word type). The word is looked up
   * as its form hash reads it (lower-cased, digits -> 0, apostrophes and hyphens normalised), so that
   * units with the same form always get the same clusters.
   */
  cluster(i: number): void {
    if (this.looked[i]) return;
    this.looked[i] = 1;
    let hit: { fine: number; mid: number; coarse: number } | null = null;
    if (this.flags[i] & 3) {
      const s = this.src[i];
      let w = '';
      for (let k = this.from[i], e = this.to[i]; k < e; k++) {
        const c = normCode(s.charCodeAt(k));
        const cls = charClass(c);
        w += String.fromCharCode(cls === 3 ? 48 : cls === 2 || (cls === 1 && c >= 128) ? lowerCode(c) : c);
      }
      hit = wordClusters().lookup(w);
    }
    this.fine[i] = hit ? hit.fine : NO_CLUSTER;
    this.mid[i] = hit ? hit.mid : NO_CLUSTER;
    this.coarse[i] = hit ? hit.coarse : NO_CLUSTER;
  }

  /** After all units are set: the sentence's ALL-CAPS flag. */
  finish(): void {
    let upperWords = 0;
    const n = this.n;
    const fl = this.flags;
    for (let i = 0; i < n; i++) {
      if (fl[i] & 1) {
        this.caps = 0;
        return;
      }
      if (fl[i] & 2) upperWords++;
    }
    this.caps = upperWords > 0 ? 1 : 0;
  }
}

function formHash(s: string): number {
  let h = FNV;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), PRIME);
  return h >>> 0;
}
/** Forms after which a capitalised word is "sentence-initial". */
const OPENERS = new Set(['"', "'", '(', '--', '-', ':', '...', '``', '*'].map(formHash));

// ------------------------------------------------------------------------------ feature keys
//
// Keys come in groups by what they depend on, so that inference can sum a word type's weights once
// and reuse them (tagger.ts): a unit's own hashes (self), a neighbour's hashes (its roles as the
// word before / after), pairs of units, and POS codes only (chunks). Training uses the flat key list
// (posKeys, chunkKeys), built from the same group functions.

export const BOS = 0x1234567;
export const BOS2 = 0x2345678;
export const EOS = 0x7654321;
export const EOS2 = 0x6543210;

// Template ids (small ints mixed with hashes).
const enum T {
  Bias = 1, Form, Pre1, Pre2, Pre3, Suf1, Suf2, Suf3, ShapeCaps, ShapeInit, Fm1, Fm2, Fp1, Fp2, Sfm1, Sfp1, Shm1, Shp1,
  FormFp1, Fm1Form, Cased,
  // word clusters
  ClF, ClM, ClC, ClFSuf, ClCCase, ClMm1, ClMp1,
  // chunk tagger
  CBias = 40, CForm, CPos, CPm1, CPm2, CPp1, CPp2, CPm1P, CPPp1, CPm2Pm1P, CPm1PPp1, CPPp1Pp2, CFm1, CFp1, CPosForm, CFm1P, CPFp1, CPSuf,
  // dynamic: depend on the previous predicted labels
  P1 = 100, P2P1, P1Form, P1Suf,
  C1 = 120, C2C1, C1Pos, C1Form, C1PosPm1,
}

export const POS_BIAS = T.Bias as number;
export const CHUNK_BIAS = T.CBias as number;

/**
 * Keys of a unit's own hashes (9) and word clusters (5: fine, mid, coarse, fine x suffix-3, coarse x
 * case x ALL-CAPS sentence). Looks up the unit's clusters (inference: once per word type).
 */
export function posSelfKeys(u: Units, i: number, out: Uint32Array, k: number): number {
  const af = u.affix;
  const o = i * 6;
  const caps = u.caps;
  out[k++] = mix(T.Form, u.form[i]) || 1;
  out[k++] = mix(T.Pre1, af[o]) || 1;
  out[k++] = mix(T.Pre2, af[o + 1]) || 1;
  out[k++] = mix(T.Pre3, af[o + 2]) || 1;
  out[k++] = mix(T.Suf1, af[o + 3]) || 1;
  out[k++] = mix(T.Suf2, af[o + 4]) || 1;
  out[k++] = mix(T.Suf3, af[o + 5]) || 1;
  out[k++] = mix3(T.ShapeCaps, u.shape[i], caps) || 1;
  out[k++] = mix3(T.Cased, u.cased[i], caps) || 1;
  u.cluster(i);
  const fine = u.fine[i];
  out[k++] = mix(T.ClF, fine) || 1;
  out[k++] = mix(T.ClM, u.mid[i]) || 1;
  out[k++] = mix(T.ClC, u.coarse[i]) || 1;
  out[k++] = mix3(T.ClFSuf, fine, af[o + 5]) || 1;
  out[k++] = mix3(T.ClCCase, u.coarse[i], (u.flags[i] & 7) + 8 * caps) || 1;
  return k;
}

/** Keys a word (form, suffix-3, shape, mid cluster) gives the word after it (4); BOS at the sentence start. */
export function posPrev1Keys(form: number, suf3: number, shape: number, caps: number, mid: number, out: Uint32Array, k: number): number {
  out[k++] = mix(T.Fm1, form) || 1;
  out[k++] = mix(T.Sfm1, suf3) || 1;
  out[k++] = mix3(T.Shm1, shape, caps) || 1;
  out[k++] = mix(T.ClMm1, mid) || 1;
  return k;
}
/** ... the word two after it (1). */
export function posPrev2Keys(form: number, out: Uint32Array, k: number): number {
  out[k++] = mix(T.Fm2, form) || 1;
  return k;
}
/** ... the word before it (4); EOS at the end. */
export function posNext1Keys(form: number, suf3: number, shape: number, caps: number, mid: number, out: Uint32Array, k: number): number {
  out[k++] = mix(T.Fp1, form) || 1;
  out[k++] = mix(T.Sfp1, suf3) || 1;
  out[k++] = mix3(T.Shp1, shape, caps) || 1;
  out[k++] = mix(T.ClMp1, mid) || 1;
  return k;
}
/** ... the word two before it (1). */
export function posNext2Keys(form: number, out: Uint32Array, k: number): number {
  out[k++] = mix(T.Fp2, form) || 1;
  return k;
}

/** Keys that combine unit i with its neighbours (3). */
export function posPairKeys(u: Units, i: number, out: Uint32Array, k: number): number {
  const n = u.n;
  const f = u.form[i];
  const initial = i === 0 || (u.flags[i - 1] & 8) !== 0 ? 1 : 0;
  out[k++] = mix3(T.ShapeInit, u.shape[i], initial + 2 * u.caps) || 1;
  out[k++] = mix3(T.FormFp1, f, i + 1 < n ? u.form[i + 1] : EOS) || 1;
  out[k++] = mix3(T.Fm1Form, i > 0 ? u.form[i - 1] : BOS, f) || 1;
  return k;
}

/** All static POS keys of unit i (training), written to out[at..]; returns the new end. */
export function posKeys(u: Units, i: number, out: Uint32Array, at: number): number {
  const n = u.n;
  const caps = u.caps;
  let k = at;
  out[k++] = T.Bias;
  k = posSelfKeys(u, i, out, k);
  if (i > 0) u.cluster(i - 1);
  if (i + 1 < n) u.cluster(i + 1);
  k = i > 0 ? posPrev1Keys(u.form[i - 1], u.affix[i * 6 - 1], u.shape[i - 1], caps, u.mid[i - 1], out, k) : posPrev1Keys(BOS, BOS, BOS, caps, BOS, out, k);
  k = posPrev2Keys(i > 1 ? u.form[i - 2] : BOS2, out, k);
  k = i + 1 < n ? posNext1Keys(u.form[i + 1], u.affix[i * 6 + 11], u.shape[i + 1], caps, u.mid[i + 1], out, k) : posNext1Keys(EOS, EOS, EOS, caps, EOS, out, k);
  k = posNext2Keys(i + 2 < n ? u.form[i + 2] : EOS2, out, k);
  return posPairKeys(u, i, out, k);
}

/** Per-unit hashes the POS dynamic keys combine with the previous tag (form, suffix-3). */
export const POS_DYN = 2;
export function posDynHashes(u: Units, i: number, out: Uint32Array, at: number): void {
  out[at] = mix(T.P1Form, u.form[i]);
  out[at + 1] = mix(T.P1Suf, u.affix[i * 6 + 5]);
}

/** Key of a token-specific dynamic feature: its per-unit hash with the previous label. */
export function dynKey(h: number, p1: number): number {
  return mix(h, p1) || 1;
}
export function p1Key(p1: number): number {
  return mix(T.P1, p1) || 1;
}
export function p2p1Key(p2: number, p1: number): number {
  return mix3(T.P2P1, p2, p1) || 1;
}

/** POS codes the chunk features use beyond the tags: before / after the sentence. */
export const PB = N_POS;
export const PE = N_POS + 1;
export const N_POS_CTX = N_POS + 2;

/** Chunk keys of one word form: as the word itself, as the word before, as the word after (1 each). */
export function chunkSelfKey(form: number): number {
  return mix(T.CForm, form) || 1;
}
export function chunkPrevKey(form: number): number {
  return mix(T.CFm1, form) || 1;
}
export function chunkNextKey(form: number): number {
  return mix(T.CFp1, form) || 1;
}
/** Key of the POS code at relative position d (0..4 = -2..+2). */
export function chunkPosKey(d: number, tag: number): number {
  return mix(d === 0 ? T.CPm2 : d === 1 ? T.CPm1 : d === 2 ? T.CPos : d === 3 ? T.CPp1 : T.CPp2, tag) || 1;
}
/** Keys of the POS bigrams (i-1, i) (b = 0) and (i, i+1) (b = 1). */
export function chunkBigramKey(b: number, x: number, y: number): number {
  return mix3(b === 0 ? T.CPm1P : T.CPPp1, x, y) || 1;
}

/** Chunk keys of the POS trigrams around unit i (3). */
export function chunkTrigramKeys(u: Units, pos: Uint8Array, i: number, out: Uint32Array, k: number): number {
  const n = u.n;
  const p = pos[i];
  const pm1 = i > 0 ? pos[i - 1] : PB;
  const pm2 = i > 1 ? pos[i - 2] : PB;
  const pp1 = i + 1 < n ? pos[i + 1] : PE;
  const pp2 = i + 2 < n ? pos[i + 2] : PE;
  out[k++] = mix3(T.CPm2Pm1P, pm2 * 256 + pm1, p) || 1;
  out[k++] = mix3(T.CPm1PPp1, pm1 * 256 + p, pp1) || 1;
  out[k++] = mix3(T.CPPp1Pp2, p * 256 + pp1, pp2) || 1;
  return k;
}
/** Chunk keys of a unit's form and suffix-3 with its own POS tag (2). */
export function chunkTypeTagKeys(form: number, suf3: number, tag: number, out: Uint32Array, k: number): number {
  out[k++] = mix3(T.CPosForm, tag, form) || 1;
  out[k++] = mix3(T.CPSuf, tag, suf3) || 1;
  return k;
}
/** Chunk key of the form before unit i with i's POS tag (BOS at the start). */
export function chunkPrevTagKey(form: number, tag: number): number {
  return mix3(T.CFm1P, form, tag) || 1;
}
/** Chunk key of unit i's POS tag with the form after it (EOS at the end). */
export function chunkNextTagKey(tag: number, form: number): number {
  return mix3(T.CPFp1, tag, form) || 1;
}

/** Chunk keys that combine unit i with other units' tags or forms (7). */
export function chunkPairKeys(u: Units, pos: Uint8Array, i: number, out: Uint32Array, k: number): number {
  const n = u.n;
  const p = pos[i];
  k = chunkTrigramKeys(u, pos, i, out, k);
  k = chunkTypeTagKeys(u.form[i], u.affix[i * 6 + 5], p, out, k);
  out[k++] = chunkPrevTagKey(i > 0 ? u.form[i - 1] : BOS, p);
  out[k++] = chunkNextTagKey(p, i + 1 < n ? u.form[i + 1] : EOS);
  return k;
}

/** All static chunk keys of unit i given the (predicted) POS codes of the sentence (training). */
export function chunkKeys(u: Units, pos: Uint8Array, i: number, out: Uint32Array, at: number): number {
  const n = u.n;
  const form = u.form;
  let k = at;
  out[k++] = T.CBias;
  out[k++] = chunkSelfKey(form[i]);
  out[k++] = chunkPrevKey(i > 0 ? form[i - 1] : BOS);
  out[k++] = chunkNextKey(i + 1 < n ? form[i + 1] : EOS);
  for (let d = 0; d < 5; d++) {
    const j = i + d - 2;
    out[k++] = chunkPosKey(d, j < 0 ? PB : j >= n ? PE : pos[j]);
  }
  const p = pos[i];
  out[k++] = chunkBigramKey(0, i > 0 ? pos[i - 1] : PB, p);
  out[k++] = chunkBigramKey(1, p, i + 1 < n ? pos[i + 1] : PE);
  return chunkPairKeys(u, pos, i, out, k);
}

export const CHUNK_DYN = 3;
export function chunkDynHashes(u: Units, pos: Uint8Array, i: number, out: Uint32Array, at: number): void {
  out[at] = c1PosHash(pos[i]);
  out[at + 1] = mix(T.C1Form, u.form[i]);
  out[at + 2] = mix3(T.C1PosPm1, pos[i], i > 0 ? pos[i - 1] : PB);
}
export function c1PosHash(tag: number): number {
  return mix(T.C1Pos, tag);
}
export function c1Key(c1: number): number {
  return mix(T.C1, c1) || 1;
}
export function c2c1Key(c2: number, c1: number): number {
  return mix3(T.C2C1, c2, c1) || 1;
}

// ------------------------------------------------------------------------------ contractions

/**
 * Where a token our tokenizer keeps whole splits into the two CoNLL/Penn tokens: "don't" ->
 * "do" + "n't" (so "can't" -> "ca" + "n't", "won't" -> "wo" + "n't"), "they're" -> "they" +
 * "'re", also 've 'll 'm 'd, straight or curly apostrophe. The offset of the second part, or -1.
 */
export function contractionSplit(s: string, start: number, end: number): number {
  const len = end - start;
  if (len < 3) return -1;
  const last = s.charCodeAt(end - 1) | 0x20;
  // n't
  if (len >= 4 && last === 116 && isApos(s.charCodeAt(end - 2)) && (s.charCodeAt(end - 3) | 0x20) === 110 && isLetter(s.charCodeAt(end - 4))) return end - 3;
  // 'm 'd
  if ((last === 109 || last === 100) && isApos(s.charCodeAt(end - 2)) && isLetter(s.charCodeAt(end - 3))) return end - 2;
  if (len >= 4 && isApos(s.charCodeAt(end - 3)) && isLetter(s.charCodeAt(end - 4))) {
    const a = s.charCodeAt(end - 2) | 0x20;
    // 're 've 'll
    if ((a === 114 && last === 101) || (a === 118 && last === 101) || (a === 108 && last === 108)) return end - 3;
  }
  return -1;
}

function isApos(c: number): boolean {
  return c === 39 || c === 0x2019;
}
function isLetter(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || (c >= 0xc0 && c !== 0x2019);
}
