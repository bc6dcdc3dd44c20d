// Part-of-speech and phrase-chunk tagging: two greedy averaged-perceptron taggers (hashed sparse
// features) trained on the POS and chunk columns of CoNLL-2003. See models/pos/CARD.md.
// Stage: needs tokens + sentences; one { start, end, tag, chunk } per token, tag a Penn Treebank
// tag (POS_TAGS), chunk an IOB2 chunk label (CHUNK_TAGS).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Doc, PosTag, Span, Token } from '../../doc/doc.js';
import { CHUNK_TAGS, contractionSplit, POS_CLOSE_QUOTE, POS_QUOTE, POS_TAGS, repairChunk, Units } from './features.js';
import { posModelFromBuffer, tagUnits, type PosModel } from './tagger.js';

export type { PosTag } from '../../doc/doc.js';
export type { PosModel } from './tagger.js';
export { CHUNK_TAGS, CHUNK_TYPES, POS_TAGS, type PosTagName } from './features.js';

const MODEL_FILE = 'pos.bin';
const cache = new Map<string, PosModel>();

/** The error for a missing model file: says how to build it. */
export class PosModelMissingError extends Error {
  readonly code = 'POS_MODEL_MISSING';
  constructor(readonly path: string) {
    super(`POS model not found at ${path}: run \`npm run train:pos\` to train it (needs the CoNLL-2003 files, see models/pos/CARD.md).`);
    this.name = 'PosModelMissingError';
  }
}

/** models/pos/pos.bin under the package root (the nearest ancestor of this module with package.json). */
function defaultModelFile(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  let root: string | null = null;
  for (let dir = here; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      root ??= dir;
      if (existsSync(join(dir, 'models', 'pos', MODEL_FILE))) return join(dir, 'models', 'pos', MODEL_FILE);
    }
    if (dirname(dir) === dir) break;
  }
  return join(root ?? here, 'models', 'pos', MODEL_FILE);
}

/** Load the taggers from a models/pos directory (or the .bin file itself), once per path. */
export function loadPosModel(path?: string): PosModel {
  let file = resolve(path ?? defaultModelFile());
  if (!file.endsWith('.bin')) file = join(file, MODEL_FILE);
  let m = cache.get(file);
  if (!m) {
    if (!existsSync(file)) throw new PosModelMissingError(file);
    m = posModelFromBuffer(readFileSync(file));
    cache.set(file, m);
  }
  return m;
}

/** Tags of every token as codes into the name tables. */
export interface TaggedTokens {
  /** per token: index into `tagNames` (Penn Treebank tag) */
  readonly tags: Uint8Array;
  /** per token: index into `chunkNames` (IOB2: 0 = O, B-type k = 1 + 2k, I-type k = 2 + 2k) */
  readonly chunks: Uint8Array;
  readonly tagNames: readonly string[];
  readonly chunkNames: readonly string[];
}

/** Longest run of tokens tagged as one sentence (longer "sentences" are cut: greedy tagging is local). */
const MAX_RUN = 200;

const units = new Units();
let posOut = new Uint8Array(512);
let chunkOut = new Uint8Array(512);
let firstUnit = new Int32Array(512);

/**
 * Tag tokens of `text` sentence by sentence. Tokens outside every sentence are tagged as runs of
 * their own. `sentences` must be sorted (as the layer is).
 */
export function tagTokens(text: string, tokens: readonly Token[], sentences: readonly Span[], model?: PosModel): TaggedTokens {
  const n = tokens.length;
  const tags = new Uint8Array(n);
  const chunks = new Uint8Array(n);
  const out = { tags, chunks, tagNames: POS_TAGS, chunkNames: CHUNK_TAGS };
  if (n === 0) return out;
  const m = model ?? loadPosModel();
  let t = 0;
  let si = 0;
  while (t < n) {
    const ts = tokens[t].start;
    while (si < sentences.length && sentences[si].end <= ts) si++;
    let e = t + 1;
    if (si < sentences.length && sentences[si].start <= ts) {
      const se = sentences[si].end;
      while (e < n && tokens[e].end <= se) e++;
    } else {
      const lim = si < sentences.length ? sentences[si].start : Infinity;
      while (e < n && tokens[e].start < lim) e++;
    }
    for (let a = t; a < e; a += MAX_RUN) tagRun(m, text, tokens, a, Math.min(e, a + MAX_RUN), tags, chunks);
    t = e;
  }
  return out;
}

/** Tag tokens [from, to) as one sentence. */
function tagRun(m: PosModel, text: string, tokens: readonly Token[], from: number, to: number, tags: Uint8Array, chunks: Uint8Array): void {
  const nt = to - from;
  if (firstUnit.length < nt) firstUnit = new Int32Array(nt * 2);
  // units: a contraction kept whole by the tokenizer ("don't") is read as CoNLL's two tokens
  let nu = 0;
  for (let k = from; k < to; k++) {
    const tk = tokens[k];
    nu += tk.kind === 'word' && contractionSplit(text, tk.start, tk.end) > 0 ? 2 : 1;
  }
  units.reset(nu);
  let u = 0;
  for (let k = from; k < to; k++) {
    const tk = tokens[k];
    firstUnit[k - from] = u;
    const split = tk.kind === 'word' ? contractionSplit(text, tk.start, tk.end) : -1;
    if (split > 0) {
      units.set(u++, text, tk.start, split);
      units.set(u++, text, split, tk.end);
    } else units.set(u++, text, tk.start, tk.end);
  }
  units.finish();
  if (posOut.length < nu) {
    posOut = new Uint8Array(nu * 2);
    chunkOut = new Uint8Array(nu * 2);
  }
  tagUnits(m, units, posOut, chunkOut);
  let prevChunk = 0;
  for (let k = from; k < to; k++) {
    const fu = firstUnit[k - from];
    let tag = posOut[fu];
    if (tag === POS_QUOTE || tag === POS_CLOSE_QUOTE) tag = opensQuote(text, tokens[k]) ? POS_QUOTE : POS_CLOSE_QUOTE;
    tags[k] = tag;
    // a merged contraction takes its first unit's chunk; IOB2 is repaired over the tokens
    const c = repairChunk(chunkOut[fu], prevChunk);
    chunks[k] = c;
    prevChunk = c;
  }
}

/** Opening or closing quotation mark: by the character, else by the spaces around it. */
function opensQuote(text: string, tk: Token): boolean {
  const c = text.charCodeAt(tk.start);
  if (c === 0x201c || c === 0x2018 || c === 0x201e || c === 0x201a || c === 0xab || c === 0x2039 || c === 0x300c || c === 0x60) return true;
  if (c === 0x201d || c === 0x2019 || c === 0xbb || c === 0x203a || c === 0x300d) return false;
  const before = tk.start > 0 ? text.charCodeAt(tk.start - 1) : 32;
  const after = tk.end < text.length ? text.charCodeAt(tk.end) : 32;
  const spaceBefore = before <= 32 || before === 0xa0 || before === 40 || before === 91 || before === 123 || before === 0x2014 || before === 0x2013;
  const spaceAfter = after <= 32 || after === 0xa0;
  return spaceBefore && !spaceAfter;
}

/** Stage: one POS + chunk tag per token. Needs the tokens and sentences layers. */
export function tagPos(doc: Doc, model?: PosModel): PosTag[] {
  const tokens = doc.get('tokens');
  const { tags, chunks } = tagTokens(doc.text, tokens, doc.get('sentences'), model);
  const out: PosTag[] = new Array(tokens.length);
  for (let i = 0; i < tokens.length; i++) {
    out[i] = { start: tokens[i].start, end: tokens[i].end, tag: POS_TAGS[tags[i]], chunk: CHUNK_TAGS[chunks[i]] };
  }
  return out;
}
