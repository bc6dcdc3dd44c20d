// The quote stage's learned parts: hashed sparse features and linear models (averaged perceptrons,
// trained by scripts/train-quotes.ts on PolNeAR train) for
//   cue    — is this token the head of an attribution cue ("said", "according", "believes", ":")?
//   start  — which token starts the content of a given cue (ranking over the sentence's tokens)
//   end    — which token ends it
//   spk    — which token is the head (last word) of the speaker, or none
// The feature code is shared by training and inference, so both see exactly the same keys.
// The model file is loaded once, lazily, from models/quotes/ under the package root.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Token } from '../../doc/doc.js';
import { POS_TAGS } from '../pos/index.js';

/** What the features need from the quote stage's context (index.ts's Ctx has all of it). */
export interface FeatCtx {
  text: string;
  toks: readonly Token[];
  lw: string[];
  cap: Uint8Array;
  n: number;
  sentOf: Int32Array;
  paraOf: Int32Array;
  segOf: Int32Array;
  /** per token: part-of-speech and chunk codes (src/nlp/pos) */
  pos: Uint8Array;
  chunk: Uint8Array;
}

/** What the rules (index.ts) say about a cue candidate, as token indices; stacked into the features. */
export interface Hint {
  /** 0: the rules find no quote at this token, 1: an indirect one, 2: a refusal, 3: other */
  fired: number;
  /** rule content start/end tokens, speaker first/last tokens; -1 when none */
  rs: number;
  re: number;
  h0: number;
  h1: number;
}

export const NO_HINT: Hint = { fired: 0, rs: -1, re: -1, h0: -1, h1: -1 };

// ---------------------------------------------------------------------------------------------
// hashing

/** FNV-1a over a string. */
export function strHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

// one multiply-xorshift round per value: feature keys need spread, not strength (collisions only merge weights)
function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x9e3779b1);
  return (h ^ (h >>> 15)) >>> 0;
}

/** Feature key from a template id and up to three values; never 0. */
function key(t: number, a: number, b = 0, c = 0): number {
  let h = mix(t * 0x27d4eb2d, a);
  if (b !== 0) h = mix(h, b);
  if (c !== 0) h = mix(h, c);
  return h === 0 ? 1 : h;
}

// ---------------------------------------------------------------------------------------------
// per-document precomputation

const AUX = new Set([
  'has', 'have', 'had', 'is', 'was', 'are', 'were', 'be', 'been', 'being', 'also', 'would', 'will', 'did', 'does',
  'do', 'not', "n't", 'n’t', 'could', 'can', 'may', 'might', 'should', 'must', "'s", '’s', "'d", '’d', "'ve", '’ve',
  'repeatedly', 'previously', 'recently', 'later', 'then', 'just', 'again', 'often', 'never', 'once', 'publicly',
  'privately', 'already', 'even', 'still', 'only', 'further', 'first', 'reportedly', 'allegedly', 'long',
]);
const PRON = new Set(['he', 'she', 'they', 'i', 'we', 'you', 'it', 'who', 'which', 'that']);
const TERM = new Set(['.', '!', '?', '…', '...', '?!', '!?']);

/** Crude lemma: strips regular inflection so "believes/believed/believing" share a form. */
export function lemmaOf(w: string): string {
  if (w.length > 5 && w.endsWith('ing')) return w.slice(0, -3);
  if (w.length > 4 && w.endsWith('ied')) return w.slice(0, -3) + 'y';
  if (w.length > 4 && w.endsWith('ies')) return w.slice(0, -3) + 'y';
  if (w.length > 4 && w.endsWith('ed')) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('es') && /(s|sh|ch|x|z)es$/.test(w)) return w.slice(0, -2);
  if (w.length > 3 && w.endsWith('s') && !w.endsWith('ss')) return w.slice(0, -1);
  if (w.length > 3 && w.endsWith('e')) return w.slice(0, -1);
  return w;
}

function shapeOf(c: FeatCtx, k: number): number {
  const t = c.toks[k];
  if (t.kind === 'quote') return 1;
  if (t.kind === 'punct') return 2;
  if (t.kind === 'number') return 3;
  if (c.cap[k]) return 4;
  return 5;
}

/** Content and speaker candidates lie within this many tokens of the cue (keeps the stage linear). */
export const WINDOW = 80;

/** Per-document arrays the features read: word, lemma and shape hashes, sentence bounds. */
export interface Prep {
  wh: Uint32Array;
  lh: Uint32Array;
  sh: Uint8Array;
  sa: Int32Array;
  sb: Int32Array;
  /** prefix counts (index k: tokens before k) of commas, quotation marks, "that", other clause punctuation */
  commas: Int32Array;
  quotes: Int32Array;
  thats: Int32Array;
  others: Int32Array;
  /** part-of-speech and chunk codes + 1, with a sentinel 0 before the first and after the last token */
  pt: Uint8Array;
  ck: Uint8Array;
}

export function prepare(c: FeatCtx): Prep {
  const n = c.n;
  const wh = new Uint32Array(n);
  const lh = new Uint32Array(n);
  const sh = new Uint8Array(n);
  const sa = new Int32Array(n);
  const sb = new Int32Array(n);
  const cache = new Map<string, number>();
  const lcache = new Map<string, number>();
  for (let k = 0; k < n; k++) {
    const w = c.lw[k];
    let h = cache.get(w);
    if (h === undefined) {
      h = strHash(w) || 1;
      cache.set(w, h);
      let l = strHash(lemmaOf(w)) || 1;
      lcache.set(w, l);
    }
    wh[k] = h;
    lh[k] = lcache.get(w)!;
    sh[k] = shapeOf(c, k);
  }
  // sentence bounds, cut at paragraph changes
  let s0 = 0;
  for (let k = 0; k <= n; k++) {
    if (k === n || (k > s0 && (c.sentOf[k] !== c.sentOf[k - 1] || c.paraOf[k] !== c.paraOf[k - 1]))) {
      for (let j = s0; j < k; j++) {
        sa[j] = s0;
        sb[j] = k - 1;
      }
      s0 = k;
    }
  }
  const commas = new Int32Array(n + 1);
  const quotes = new Int32Array(n + 1);
  const thats = new Int32Array(n + 1);
  const others = new Int32Array(n + 1);
  for (let k = 0; k < n; k++) {
    const w = c.lw[k];
    commas[k + 1] = commas[k] + (w === ',' ? 1 : 0);
    quotes[k + 1] = quotes[k] + (c.toks[k].kind === 'quote' ? 1 : 0);
    thats[k + 1] = thats[k] + (w === 'that' ? 1 : 0);
    others[k + 1] = others[k] + (w === ':' || w === ';' || w === '—' || w === '–' || w === '(' || w === ')' ? 1 : 0);
  }
  const pt = new Uint8Array(n + 2);
  const ck = new Uint8Array(n + 2);
  for (let k = 0; k < n; k++) {
    pt[k + 1] = c.pos[k] + 1;
    ck[k + 1] = c.chunk[k] + 1;
  }
  return { wh, lh, sh, sa, sb, commas, quotes, thats, others, pt, ck };
}

const BOS = 0x1234567;
const EOS = 0x7654321;

function wAt(p: Prep, k: number, a: number, b: number): number {
  return k < a ? BOS : k > b ? EOS : p.wh[k];
}

/** Penn tags a speaker's head word can have (99% of PolNeAR train heads): nouns, pronouns, "who". */
const SPEAKER_HEAD_TAGS = new Set(['NNP', 'PRP', 'NN', 'NNS', 'WP', 'NNPS', 'PRP$', 'JJ', 'POS', 'WDT', 'CD', 'DT', 'FW', 'SYM']);
const SPEAKER_HEAD_CODE = new Uint8Array(64);
for (const t of SPEAKER_HEAD_TAGS) {
  const i = (POS_TAGS as readonly string[]).indexOf(t);
  if (i >= 0) SPEAKER_HEAD_CODE[i + 1] = 1;
}

/** Token k may head a speaker: its tag is a noun's, a pronoun's or close to them (candidate filter). */
export function speakerHeadCandidate(p: Prep, k: number): boolean {
  return SPEAKER_HEAD_CODE[p.pt[k + 1]] === 1;
}

/** Tag codes of token k (0 outside the text). */
function ptAt(p: Prep, k: number): number {
  return k < -1 || k + 1 >= p.pt.length ? 0 : p.pt[k + 1];
}
function ckAt(p: Prep, k: number): number {
  return k < -1 || k + 1 >= p.ck.length ? 0 : p.ck[k + 1];
}

function bucket(d: number): number {
  return d <= 3 ? d + 1 : d <= 5 ? 5 : d <= 8 ? 6 : d <= 12 ? 7 : d <= 20 ? 8 : 9;
}

// ---------------------------------------------------------------------------------------------
// cue features

/** Keys describing token i as a possible cue head. */
export function cueFeatures(c: FeatCtx, p: Prep, i: number, hint: Hint, out: number[]): void {
  out.length = 0;
  out.push(key(26, hint.fired + 1));
  out.push(key(27, p.lh[i], hint.fired + 1));
  const a = p.sa[i];
  const b = p.sb[i];
  const w0 = p.wh[i];
  const l0 = p.lh[i];
  const wm1 = wAt(p, i - 1, a, b);
  const wm2 = wAt(p, i - 2, a, b);
  const wp1 = wAt(p, i + 1, a, b);
  const wp2 = wAt(p, i + 2, a, b);
  const inSeg = c.segOf[i] >= 0 ? 1 : 2;
  out.push(key(1, 1));
  out.push(key(2, w0));
  out.push(key(3, l0));
  out.push(key(4, w0, wm1));
  out.push(key(5, w0, wp1));
  out.push(key(6, l0, wp1));
  out.push(key(7, l0, wm1));
  out.push(key(8, wm1));
  out.push(key(9, wp1));
  out.push(key(10, wm2, wm1));
  out.push(key(11, wp1, wp2));
  out.push(key(12, l0, inSeg));
  out.push(key(13, l0, c.cap[i] + 1, i === a ? 1 : 2));
  out.push(key(14, l0, bucket(b - i)));
  out.push(key(15, l0, bucket(i - a)));
  const sm1 = i > a ? p.sh[i - 1] : 9;
  const sp1 = i < b ? p.sh[i + 1] : 9;
  out.push(key(16, l0, sm1, sp1));
  // a subject before (skipping auxiliaries): pronoun, name, lower-case noun
  let j = i - 1;
  while (j >= a && AUX.has(c.lw[j])) j--;
  const subj = j < a ? 1 : PRON.has(c.lw[j]) ? 2 : c.cap[j] ? 3 : c.lw[j] === ',' ? 4 : c.toks[j].kind === 'quote' ? 5 : c.lw[j] === 'to' ? 6 : 7;
  out.push(key(17, l0, subj));
  out.push(key(18, l0, subj, j < a ? BOS : p.wh[j]));
  // "that", a colon, a quote or "to" soon after
  let thatAt = 0;
  let quoteAt = 0;
  for (let m = i + 1; m <= b && m <= i + 8; m++) {
    if (thatAt === 0 && c.lw[m] === 'that') thatAt = m - i;
    if (quoteAt === 0 && c.toks[m].kind === 'quote') quoteAt = m - i;
  }
  out.push(key(19, l0, thatAt === 0 ? 0 : thatAt <= 1 ? 1 : thatAt <= 3 ? 2 : 3));
  out.push(key(20, l0, quoteAt === 0 ? 0 : quoteAt <= 2 ? 1 : 2));
  // a quotation ends right before ("...," he said)
  let qb = 0;
  for (let m = i - 1; m >= a && m >= i - 5; m--) if (c.toks[m].kind === 'quote') {
    qb = i - m;
    break;
  }
  out.push(key(21, l0, qb === 0 ? 0 : qb <= 2 ? 1 : 2));
  // the sentence ends soon after ("..., officials said.")
  out.push(key(22, l0, b - i <= 1 ? 1 : b - i <= 4 ? 2 : 3, j >= a && c.lw[j] === ',' ? 1 : subj));
  out.push(key(23, w0, wp1, wp2));
  out.push(key(24, wm1, w0, wp1));
  const suf = c.lw[i].length > 3 ? strHash(c.lw[i].slice(-3)) : 0;
  out.push(key(25, suf, sm1));
  // part of speech: "report" as a verb or a noun, a subject noun phrase right before
  const p0 = ptAt(p, i);
  out.push(key(28, l0, p0));
  out.push(key(29, p0, ptAt(p, i - 1), ptAt(p, i + 1)));
  out.push(key(30, l0, ptAt(p, i + 1)));
  out.push(key(31, l0, ckAt(p, i), ckAt(p, i + 1)));
}

// ---------------------------------------------------------------------------------------------
// content boundary features (candidate token s/e for cue i)

/** Summary of the tokens strictly between two positions: commas, quotes, "that", other clause punctuation. */
function between(p: Prep, x: number, y: number): number {
  if (y - x <= 1) return 1;
  const commas = p.commas[y] - p.commas[x + 1];
  const q = p.quotes[y] - p.quotes[x + 1] > 0 ? 1 : 0;
  const that = p.thats[y] - p.thats[x + 1] > 0 ? 1 : 0;
  const other = p.others[y] - p.others[x + 1] > 0 ? 1 : 0;
  return (commas > 2 ? 3 : commas) * 16 + q * 8 + that * 4 + other * 2 + 1;
}

let memoP: Prep | null = null;
let memoI = -1;
let memoThat = -1;
let memoPunct = -1;

export function startFeatures(c: FeatCtx, p: Prep, i: number, ce: number, s: number, hint: Hint, out: number[]): void {
  out.length = 0;
  out.push(key(120, hint.rs < 0 ? 1 : hint.rs === s ? 2 : 3, s < i ? 1 : 2));
  if (hint.rs >= 0) out.push(key(121, hint.rs === s ? 2 : 3, p.lh[i]));
  const a = p.sa[i];
  const b = p.sb[i];
  const side = s < i ? 1 : 2;
  const d = bucket(side === 1 ? i - s : s - ce);
  const l0 = p.lh[i];
  const ws = p.wh[s];
  const wm1 = wAt(p, s - 1, a, b);
  out.push(key(101, side, d));
  out.push(key(102, side, ws));
  out.push(key(103, side, wm1));
  out.push(key(104, side, ws, wm1));
  out.push(key(105, side, s === a ? 1 : 2));
  out.push(key(106, side, l0, d));
  out.push(key(107, side, l0, ws));
  out.push(key(108, side, p.sh[s], s > a ? p.sh[s - 1] : 9));
  const btw = side === 1 ? between(p, s - 1, i) : between(p, ce, s);
  out.push(key(109, side, btw));
  out.push(key(110, side, btw, d));
  out.push(key(111, side, l0, s === ce + 1 ? 1 : 2));
  out.push(key(112, side, wAt(p, s + 1, a, b), ws));
  out.push(key(117, side, ptAt(p, s), ptAt(p, s - 1)));
  out.push(key(118, side, ckAt(p, s), ckAt(p, s - 1)));
  out.push(key(119, side, l0, ptAt(p, s)));
  if (side === 2) {
    // first "that" after the cue; the token after the first comma/colon
    if (memoP !== p || memoI !== i) {
      memoP = p;
      memoI = i;
      memoThat = -1;
      memoPunct = -1;
      for (let m = ce + 1; m <= b && m <= ce + 16; m++) {
        if (memoThat < 0 && c.lw[m] === 'that') memoThat = m;
        if (memoPunct < 0 && (c.lw[m] === ',' || c.lw[m] === ':')) memoPunct = m + 1;
      }
    }
    const firstThat = memoThat;
    const afterPunct = memoPunct;
    out.push(key(113, s === firstThat ? 1 : 2, s === afterPunct ? 1 : 2, firstThat < 0 ? 1 : 2));
    out.push(key(114, l0, s === firstThat ? 1 : 2, s === afterPunct ? 1 : 2));
  } else {
    // leading discourse word at the sentence start
    out.push(key(115, s - a, p.wh[a]));
    out.push(key(116, wAt(p, i - 1, a, b), d));
  }
}

export function endFeatures(c: FeatCtx, p: Prep, i: number, ce: number, e: number, hint: Hint, out: number[]): void {
  out.length = 0;
  out.push(key(220, hint.re < 0 ? 1 : hint.re === e ? 2 : 3, e < i ? 1 : 2));
  if (hint.re >= 0) out.push(key(221, hint.re === e ? 2 : 3, wAt(p, e + 1, p.sa[i], p.sb[i])));
  const a = p.sa[i];
  const b = p.sb[i];
  const side = e < i ? 1 : 2;
  const d = bucket(side === 1 ? i - e : e - ce);
  const l0 = p.lh[i];
  const we = p.wh[e];
  const wp1 = wAt(p, e + 1, a, b);
  const wp2 = wAt(p, e + 2, a, b);
  out.push(key(201, side, d));
  out.push(key(202, side, we));
  out.push(key(203, side, wp1));
  out.push(key(204, side, we, wp1));
  out.push(key(205, side, wp1, wp2));
  out.push(key(206, side, b - e <= 2 ? b - e + 1 : 4, e < b && TERM.has(c.lw[b]) ? 1 : 2));
  out.push(key(207, side, l0, d));
  out.push(key(208, side, p.sh[e], e < b ? p.sh[e + 1] : 9));
  const btw = side === 1 ? between(p, e, i) : between(p, ce, e + 1);
  out.push(key(209, side, btw));
  out.push(key(210, side, e === i - 1 ? 1 : e === i - 2 ? 2 : 3, wp1));
  out.push(key(211, side, l0, wp1));
  // a new cue-like clause right after (", adding", "and said", ", according to")
  out.push(key(212, side, wp1, p.lh[e + 2 <= b ? e + 2 : e]));
  out.push(key(213, side, wp1 === EOS || (e + 1 <= b && TERM.has(c.lw[e + 1])) ? 1 : 2, d));
  // inside a quotation segment / at its closing mark
  const sg = c.segOf[e];
  out.push(key(214, side, sg >= 0 ? (c.toks[e].kind === 'quote' ? 1 : 2) : 3, e + 1 <= b && c.segOf[e + 1] === sg ? 1 : 2));
  out.push(key(215, side, ptAt(p, e), ptAt(p, e + 1)));
  out.push(key(216, side, ckAt(p, e), ckAt(p, e + 1)));
  out.push(key(217, side, ptAt(p, e + 1), ptAt(p, e + 2)));
  out.push(key(218, side, l0, ptAt(p, e + 1)));
}

// ---------------------------------------------------------------------------------------------
// speaker features (candidate head token h, or none, for cue i whose content is [cs, ce2])

export function speakerFeatures(c: FeatCtx, p: Prep, i: number, ce: number, h: number, hint: Hint, out: number[], cs = -1, cend = -1): void {
  out.length = 0;
  out.push(key(330, hint.h1 < 0 ? 1 : h === hint.h1 ? 2 : h >= hint.h0 && h <= hint.h1 ? 3 : 4, h < 0 ? 1 : 2));
  const l0 = p.lh[i];
  const a = p.sa[i];
  const b = p.sb[i];
  if (h < 0) {
    out.push(key(301, 1));
    out.push(key(302, l0));
    let j = i - 1;
    while (j >= a && AUX.has(c.lw[j])) j--;
    out.push(key(303, l0, j < a ? BOS : p.wh[j]));
    out.push(key(304, j < a ? 9 : p.sh[j], i + 1 <= b ? p.sh[i + 1] : 9));
    return;
  }
  const side = h < i ? 1 : 2;
  const d = bucket(side === 1 ? i - h : h - ce);
  const wh = p.wh[h];
  out.push(key(310, side, d));
  out.push(key(311, side, wh));
  out.push(key(312, side, p.sh[h], d));
  out.push(key(313, side, wAt(p, h + 1, a, b)));
  out.push(key(314, side, wAt(p, h - 1, a, b)));
  out.push(key(315, side, l0, d));
  out.push(key(316, side, PRON.has(c.lw[h]) ? 1 : 2, d));
  // only auxiliaries/adverbs between head and cue
  let onlyAux = 1;
  let commas = 0;
  const x = side === 1 ? h + 1 : ce + 1;
  const y = side === 1 ? i : h;
  for (let k = x; k < y; k++) {
    if (c.lw[k] === ',') commas++;
    else if (!AUX.has(c.lw[k])) onlyAux = 0;
  }
  out.push(key(317, side, onlyAux, commas > 2 ? 3 : commas));
  out.push(key(318, side, onlyAux, p.sh[h]));
  out.push(key(319, side, h === a ? 1 : 2, p.sh[h]));
  out.push(key(320, side, wAt(p, h + 1, a, b), p.sh[h]));
  out.push(key(321, side, c.segOf[h] >= 0 ? 1 : 2));
  out.push(key(322, side, p.lh[h]));
  // the head of a noun phrase: a noun or pronoun whose chunk ends at it
  out.push(key(323, side, ptAt(p, h)));
  out.push(key(324, side, ptAt(p, h), ptAt(p, h + 1)));
  out.push(key(325, side, ckAt(p, h), ckAt(p, h + 1)));
  out.push(key(326, side, ptAt(p, h), d));
  // where the head lies relative to the content span: the first noun phrase after a quoted clause
  // ("..., Scott Pruitt, the attorney general of Oklahoma, said") rather than a name inside its apposition
  if (cs >= 0) {
    const rel = h < cs ? (h < i ? 1 : 4) : h < i ? 2 : 3;
    let gap = 0;
    let onlyPunct = 1;
    if (h > cend) {
      for (let k = cend + 1; k < h; k++) {
        if (c.toks[k].kind === 'word' || c.toks[k].kind === 'number') {
          gap++;
          onlyPunct = 0;
        }
      }
    } else {
      for (let k = h + 1; k < cs; k++) {
        if (k >= i && k <= ce) continue;
        if (c.toks[k].kind === 'word' || c.toks[k].kind === 'number') {
          gap++;
          onlyPunct = 0;
        }
      }
    }
    const g = gap > 6 ? 7 : gap;
    out.push(key(340, rel, g, side));
    out.push(key(341, rel, onlyPunct, p.sh[h]));
    out.push(key(342, rel, g, p.sh[h]));
    out.push(key(343, rel, p.lh[i], g > 2 ? 3 : g));
  }
}

// ---------------------------------------------------------------------------------------------
// model

/** Open-addressed key -> weight table for all four models. */
export class QuoteModel {
  readonly keys: Uint32Array;
  readonly vals: Float32Array;
  readonly mask: number;
  /** Lower-case words that can head a cue (the candidate filter). */
  readonly cueWords: ReadonlySet<string>;
  /** Their crude lemmas: an unseen form of a known cue ("grills" for "grilled") is a candidate too. */
  readonly cueLemmas: ReadonlySet<string>;
  /** Decision threshold on the cue score. */
  readonly cueBias: number;

  constructor(keys: Uint32Array, vals: Float32Array, cueWords: Iterable<string>, cueBias = 0) {
    let cap = 1;
    while (cap < keys.length * 2) cap <<= 1;
    this.mask = cap - 1;
    this.keys = new Uint32Array(cap);
    this.vals = new Float32Array(cap);
    for (let r = 0; r < keys.length; r++) {
      const k = keys[r];
      let idx = (k ^ (k >>> 15)) & this.mask;
      while (this.keys[idx] !== 0 && this.keys[idx] !== k) idx = (idx + 1) & this.mask;
      this.keys[idx] = k;
      this.vals[idx] = vals[r];
    }
    this.cueWords = new Set(cueWords);
    // NEWSGRAPH_QUOTES_LEMMAS=0: listed words only (for comparing models trained with --lemma-candidates 0)
    this.cueLemmas = process.env.NEWSGRAPH_QUOTES_LEMMAS === '0' ? new Set() : new Set([...this.cueWords].filter((w) => w.length >= 4).map(lemmaOf));
    // NEWSGRAPH_QUOTES_CUE_BIAS: try another threshold without retraining (scripts/dev-quotes.ts sweeps)
    this.cueBias = process.env.NEWSGRAPH_QUOTES_CUE_BIAS ? Number(process.env.NEWSGRAPH_QUOTES_CUE_BIAS) : cueBias;
  }

  /** Token word w may head a cue: a listed word, or a longer content word sharing a listed lemma. */
  isCandidate(w: string): boolean {
    return isCueCandidate(w, this.cueWords, this.cueLemmas);
  }

  weight(k: number): number {
    const keys = this.keys;
    let idx = (k ^ (k >>> 15)) & this.mask;
    for (;;) {
      const x = keys[idx];
      if (x === k) return this.vals[idx];
      if (x === 0) return 0;
      idx = (idx + 1) & this.mask;
    }
  }

  score(feats: readonly number[]): number {
    let s = 0;
    for (let j = 0; j < feats.length; j++) s += this.weight(feats[j]);
    return s;
  }
}

/** The candidate filter shared by training and inference. */
export function isCueCandidate(w: string, words: ReadonlySet<string>, lemmas: ReadonlySet<string>): boolean {
  return words.has(w) || (w.length >= 5 && !AUX.has(w) && lemmas.has(lemmaOf(w)));
}

const MAGIC = 0x51554f54; // "QUOT"

/** Binary format: magic, version, n, keys[n] u32, vals[n] f32, cueBias f32, words (JSON, utf8). */
export function serializeModel(keys: Uint32Array, vals: Float32Array, cueWords: readonly string[], cueBias: number): Buffer {
  const words = Buffer.from(JSON.stringify(cueWords), 'utf8');
  const n = keys.length;
  const buf = Buffer.alloc(16 + n * 8 + 4 + words.length);
  buf.writeUInt32LE(MAGIC, 0);
  buf.writeUInt32LE(1, 4);
  buf.writeUInt32LE(n, 8);
  buf.writeUInt32LE(words.length, 12);
  for (let r = 0; r < n; r++) buf.writeUInt32LE(keys[r], 16 + r * 4);
  for (let r = 0; r < n; r++) buf.writeFloatLE(vals[r], 16 + n * 4 + r * 4);
  buf.writeFloatLE(cueBias, 16 + n * 8);
  words.copy(buf, 16 + n * 8 + 4);
  return buf;
}

export function deserializeModel(buf: Buffer): QuoteModel {
  if (buf.readUInt32LE(0) !== MAGIC) throw new Error('not a quote model file');
  const n = buf.readUInt32LE(8);
  const wl = buf.readUInt32LE(12);
  // copy into aligned typed arrays (the file is little-endian, like every platform Node runs on)
  const keys = new Uint32Array(n);
  const vals = new Float32Array(n);
  new Uint8Array(keys.buffer).set(buf.subarray(16, 16 + n * 4));
  new Uint8Array(vals.buffer).set(buf.subarray(16 + n * 4, 16 + n * 8));
  const bias = buf.readFloatLE(16 + n * 8);
  const words = JSON.parse(buf.subarray(16 + n * 8 + 4, 16 + n * 8 + 4 + wl).toString('utf8')) as string[];
  return new QuoteModel(keys, vals, words, bias);
}

const MODEL_FILE = 'quotes.bin';
let loaded: QuoteModel | null | undefined;

/** The package root's models/quotes/quotes.bin (from src/ under tsx and from dist/), or null if absent. */
function modelPath(): string | null {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'models', 'quotes', MODEL_FILE))) return join(dir, 'models', 'quotes', MODEL_FILE);
    const up = dirname(dir);
    if (up === dir) return null;
    dir = up;
  }
}

/** The trained quote model, loaded once; null when the file is missing (rules only). */
export function quoteModel(): QuoteModel | null {
  if (loaded === undefined) {
    // NEWSGRAPH_QUOTES_MODEL: another model file (experiments with scripts/train-quotes.ts --out)
    const path = process.env.NEWSGRAPH_QUOTES_NO_MODEL ? null : process.env.NEWSGRAPH_QUOTES_MODEL || modelPath();
    loaded = path ? deserializeModel(readFileSync(path)) : null;
  }
  return loaded;
}

/** For training and tests: use this model instead of the file (null: rules only). */
export function setQuoteModel(m: QuoteModel | null): void {
  loaded = m;
}
