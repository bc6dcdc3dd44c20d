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
export const MAX_PHRASE = 6;

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
const TABLE_GAZ = tableGazetteer();

const hashSet = (s: ReadonlySet<string>): Set<number> => new Set([...s].map((w) => hashStr(w)));
const FIRST_H = hashSet(FIRST_NAMES);
const ORGW_H = hashSet(ORG_WORDS);
const TITLE_H = hashSet(PERSON_TITLES);
const LOCW_H = hashSet(LOC_WORDS);

// Template ids.
const enum T {
  Bias = 1, Word, Norm, Shape, Short, Pre1, Pre2, Pre3, Pre4, Suf1, Suf2, Suf3, Suf4,
  Nm1, Nm2, Np1, Np2, Sm1, Sp1, S3, Bm1, Bp1, ShNm1, ShNp1, Init, Caps, CapsNorm, DocCap, DocCapSh,
  Gaz, TGaz, First, FirstPrev, FirstNext, Title, OrgW, OrgRun, LocW, LocRun, Run, Len, Pm1Word, Np1Sh,
  P1Self, P1Prev, P1Next, P1Doc, P1DocMaj, DGaz, P1Cnt, Nm1Sh, Low, CapsSh,
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
function gazetteerBits(lower: readonly string[], lowerH: Uint32Array, words: readonly string[], caps: boolean, gaz: Gazetteer, out: Uint32Array): void {
  out.fill(0);
  const n = lower.length;
  for (let i = 0; i < n; i++) {
    if (!caps && !startsUpper(words[i]) && !/^\d/.test(words[i])) continue;
    let h = PHRASE_SEED;
    for (let j = i; j < n && j < i + MAX_PHRASE; j++) {
      h = phraseStep(h, lowerH[j]);
      const m = gaz.get(h);
      if (m === undefined) continue;
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

class KeyBuf {
  buf = new Uint32Array(1024);
  len = 0;
  push(k: number): void {
    if (this.len === this.buf.length) {
      const b = new Uint32Array(this.buf.length * 2);
      b.set(this.buf);
      this.buf = b;
    }
    this.buf[this.len++] = k;
  }
}

/**
 * Static features of one sentence.
 * `gaz` is the training-data gazetteer; `p1`, when given, adds second-pass features.
 */
export function sentenceFeatures(
  words: readonly string[],
  ctx: DocContext,
  gaz: Gazetteer,
  p1?: { pass: Pass1; sentence: number },
): SentenceFeatures {
  const n = words.length;
  const lower = new Array<string>(n);
  const lowerH = new Uint32Array(n);
  const norm = new Uint32Array(n);
  const word = new Uint32Array(n);
  const shape = new Uint32Array(n);
  const short = new Uint32Array(n);
  const pre = new Uint32Array(n * 4);
  const suf = new Uint32Array(n * 4);
  const caps = isAllCapsSentence(words);
  for (let i = 0; i < n; i++) {
    const w = words[i];
    const l = w.toLowerCase();
    lower[i] = l;
    lowerH[i] = hashStr(l);
    const nm = /\d/.test(l) ? l.replace(DIGITS, '0') : l;
    norm[i] = hashStr(nm);
    word[i] = /\d/.test(w) ? hashStr(w.replace(DIGITS, '0'), 7) : hashStr(w, 7);
    const [lg, sh] = shapes(w);
    shape[i] = hashStr(lg, 11);
    short[i] = hashStr(sh, 13);
    let h = 0x811c9dc5;
    for (let k = 0; k < 4; k++) {
      if (k < nm.length) {
        h ^= nm.charCodeAt(k);
        h = Math.imul(h, 0x01000193);
      }
      pre[i * 4 + k] = h >>> 0;
    }
    h = 0x811c9dc5;
    for (let k = 0; k < 4; k++) {
      if (k < nm.length) {
        h ^= nm.charCodeAt(nm.length - 1 - k);
        h = Math.imul(h, 0x01000193);
      }
      suf[i * 4 + k] = h >>> 0;
    }
  }
  const gbits = new Uint32Array(n);
  const tbits = new Uint32Array(n);
  gazetteerBits(lower, lowerH, words, caps, gaz, gbits);
  gazetteerBits(lower, lowerH, words, caps, TABLE_GAZ, tbits);
  let dbits: Uint32Array | null = null;
  if (p1) {
    dbits = new Uint32Array(n);
    gazetteerBits(lower, lowerH, words, caps, p1.pass.phrases, dbits);
  }
  // capitalised runs
  const capTok = new Uint8Array(n);
  for (let i = 0; i < n; i++) capTok[i] = startsUpper(words[i]) ? 1 : 0;
  const runStart = new Int32Array(n);
  const runEnd = new Int32Array(n);
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

  const kb = new KeyBuf();
  const offsets = new Uint32Array(n + 1);
  const capsBit = caps ? 1 : 0;
  for (let i = 0; i < n; i++) {
    offsets[i] = kb.len;
    const push = (k: number): void => kb.push(k === 0 ? 1 : k);
    const nm1 = i > 0 ? norm[i - 1] : BOS;
    const nm2 = i > 1 ? norm[i - 2] : BOS;
    const np1 = i + 1 < n ? norm[i + 1] : EOS;
    const np2 = i + 2 < n ? norm[i + 2] : EOS;
    const sm1 = i > 0 ? short[i - 1] : BOS;
    const sp1 = i + 1 < n ? short[i + 1] : EOS;
    const initial = i === 0 || INITIAL_PUNCT.has(words[i - 1]) ? 1 : 0;
    push(T.Bias);
    if (!caps) push(mix(T.Word, word[i]));
    push(mix(T.Norm, norm[i]));
    push(mix3(T.Shape, shape[i], capsBit));
    push(mix3(T.Short, short[i], capsBit));
    for (let k = 0; k < 4; k++) {
      push(mix(T.Pre1 + k, pre[i * 4 + k]));
      push(mix(T.Suf1 + k, suf[i * 4 + k]));
    }
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
    if (FIRST_H.has(lowerH[i])) push(mix(T.First, capTok[i] + 2 * capsBit));
    if (i > 0 && FIRST_H.has(lowerH[i - 1])) push(mix(T.FirstPrev, capTok[i] + 2 * capTok[i - 1]));
    if (i + 1 < n && FIRST_H.has(lowerH[i + 1])) push(mix(T.FirstNext, capTok[i] + 2 * capTok[i + 1]));
    if (i > 0 && TITLE_H.has(lowerH[i - 1])) push(mix(T.Title, capTok[i]));
    if (ORGW_H.has(lowerH[i])) push(mix(T.OrgW, capTok[i]));
    if (LOCW_H.has(lowerH[i])) push(mix(T.LocW, capTok[i]));
    if (capTok[i]) {
      const rs = runStart[i];
      const re = runEnd[i];
      const len = re - rs + 1;
      const pos = len === 1 ? 0 : i === rs ? 1 : i === re ? 2 : 3;
      push(mix3(T.Run, Math.min(len, 5), pos * 2 + capsBit));
      for (let k = i + 1; k <= re && k <= i + 4; k++) {
        if (ORGW_H.has(lowerH[k])) push(mix(T.OrgRun, k - i));
        if (LOCW_H.has(lowerH[k])) push(mix(T.LocRun, k - i));
      }
    }
    push(mix(T.Len, Math.min(words[i].length, 10)));
    if (i > 0) push(mix3(T.Pm1Word, caps ? norm[i - 1] : word[i - 1], short[i]));
    push(mix3(T.Nm1Sh, nm1, np1));
    if (p1) {
      const lab = p1.pass.labels[p1.sentence];
      push(mix(T.P1Self, lab[i]));
      push(mix3(T.P1Prev, i > 0 ? lab[i - 1] : 99, lab[i]));
      push(mix3(T.P1Next, i + 1 < n ? lab[i + 1] : 99, lab[i]));
      const c = p1.pass.counts.get(l);
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
      const db = dbits![i];
      if (db) for (let b = 0; b < 16; b++) if (db & (1 << b)) push(mix3(T.DGaz, b, capsBit));
    }
  }
  offsets[n] = kb.len;
  return { n, keys: kb.buf.slice(0, kb.len), offsets, norm, short };
}

/** Keys of the features that depend on the two previous labels. */
export function dynamicKeys(info: TokenInfo, i: number, p1: number, p2: number, out: Uint32Array): number {
  const nm1 = i > 0 ? info.norm[i - 1] : BOS;
  out[0] = mix(T.D1, p1) || 1;
  out[1] = mix3(T.D2, p2, p1) || 1;
  out[2] = mix3(T.D1Norm, p1, info.norm[i]) || 1;
  out[3] = mix3(T.D1Short, p1, info.short[i]) || 1;
  out[4] = mix3(T.D1Nm1, p1, nm1) || 1;
  return 5;
}
export const N_DYNAMIC = 5;
