// Named-entity recognition: a two-pass averaged-perceptron tagger (hashed sparse features,
// gazetteers, document-level consistency) trained on CoNLL-2003. See models/ner/CARD.md.
// Stage: needs tokens + sentences; returns PERSON / ORG / LOC / MISC mentions, sorted,
// non-overlapping, token-aligned.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Doc, EntityMention, EntityType, Span, Token } from '../../doc/doc.js';
import { deserializeModel, type NerModel } from './model.js';
import { acronymRule, applyAcronyms, sentenceRules, type USpan } from './rules.js';
import { tagDocument } from './tagger.js';

export type { NerModel } from './model.js';

const MODEL_FILE = 'ner.bin';
const cache = new Map<string, NerModel>();

/** The package root: the nearest ancestor of this module holding package.json and models/ner. */
function defaultModelDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'models', 'ner', MODEL_FILE))) return join(dir, 'models', 'ner');
    const up = dirname(dir);
    if (up === dir) throw new Error('NER model not found: no models/ner/ner.bin above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** Load the tagger from a models/ner directory (or the .bin file itself); cached per path. */
export function loadNerModel(path?: string): NerModel {
  let file = resolve(path ?? defaultModelDir());
  if (!file.endsWith('.bin')) file = join(file, MODEL_FILE);
  let m = cache.get(file);
  if (!m) {
    m = deserializeModel(readFileSync(file));
    cache.set(file, m);
  }
  return m;
}

const TYPE_OF: readonly EntityType[] = ['PERSON', 'ORG', 'LOC', 'MISC'];
const CONTRACTIONS = new Set(['s', 'S', 'm', 'M', 've', 'll', 're', 'd', 'D']);

interface Unit {
  start: number;
  end: number;
  word: string;
}

/** Our token text in the form the CoNLL-trained features expect (straight quotes). */
function normToken(s: string): string {
  if (s.length === 1) {
    const c = s.charCodeAt(0);
    if (c === 0x201c || c === 0x201d || c === 0x201e || c === 0xab || c === 0xbb) return '"';
    if (c === 0x2018 || c === 0x2019) return "'";
    if (c === 0x2014 || c === 0x2013) return '--';
  }
  if (s.length === 2 && s.charCodeAt(0) === 0x2019) return "'" + s[1];
  if (s.indexOf('\u2019') >= 0) return s.replace(/\u2019/g, "'");
  return s;
}

/**
 * Documents are tagged in windows of whole sentences of about this many tokens: an article is
 * one window; a book-sized input does not hold every token's features in memory at once
 * (document-level features then see one window).
 */
export const NER_WINDOW_TOKENS = 50_000;

/** Stage: entity mentions. Needs the tokens and sentences layers. */
export function recognizeMentions(doc: Doc, model?: NerModel): EntityMention[] {
  const tokens = doc.get('tokens');
  const sents = doc.get('sentences');
  if (tokens.length === 0) return [];
  const m = model ?? loadNerModel();
  if (tokens.length <= NER_WINDOW_TOKENS) return recognizeIn(doc.text, tokens, sents, m);
  const out: EntityMention[] = [];
  let t0 = 0;
  let s0 = 0;
  while (t0 < tokens.length) {
    // the window ends at the last sentence boundary within NER_WINDOW_TOKENS tokens
    let s1 = s0;
    let t1 = t0;
    while (s1 < sents.length) {
      let k = t1;
      while (k < tokens.length && tokens[k].start < sents[s1].end) k++;
      if (k - t0 > NER_WINDOW_TOKENS && s1 > s0) break;
      t1 = k;
      s1++;
    }
    if (s1 >= sents.length) t1 = tokens.length;
    out.push(...recognizeIn(doc.text, tokens.slice(t0, t1), sents.slice(s0, s1), m));
    t0 = t1;
    s0 = s1;
  }
  return out;
}

function recognizeIn(text: string, tokens: readonly Token[], sents: readonly Span[], m: NerModel): EntityMention[] {
  // group tokens by sentence (tokens outside every sentence form their own groups)
  const groups: Token[][] = [];
  let k = 0;
  for (const s of sents) {
    let g: Token[] = [];
    while (k < tokens.length && tokens[k].start < s.start) {
      g.push(tokens[k++]);
    }
    if (g.length) groups.push(g);
    g = [];
    while (k < tokens.length && tokens[k].end <= s.end) g.push(tokens[k++]);
    if (g.length) groups.push(g);
  }
  if (k < tokens.length) groups.push(tokens.slice(k));
  // feature units: our tokens, except that a detached contraction (' + s) and a list number
  // with its period ("1 ." at the start of a line) are read as one unit, as CoNLL tokenises them
  const units: Unit[][] = groups.map((g) => {
    const u: Unit[] = [];
    for (let i = 0; i < g.length; i++) {
      const t = g[i];
      const next = g[i + 1];
      const w = text.slice(t.start, t.end);
      if (next && next.start === t.end) {
        const nw = text.slice(next.start, next.end);
        if ((t.kind === 'quote' && (w === "'" || w === '\u2019') && CONTRACTIONS.has(nw)) ||
          (i === 0 && t.kind === 'number' && nw === '.' && w.length <= 3)) {
          u.push({ start: t.start, end: next.end, word: normToken(w + nw) });
          i++;
          continue;
        }
      }
      u.push({ start: t.start, end: t.end, word: normToken(w) });
    }
    return u;
  });
  const words = units.map((g) => g.map((u) => u.word));
  const labels = tagDocument(m, words);
  // spans per sentence, then the post-rules (acronyms defined anywhere apply document-wide)
  const acronyms = new Map<string, EntityType>();
  const perSentence: USpan[][] = labels.map((lab, s) => {
    const spans: USpan[] = [];
    let i = 0;
    while (i < lab.length) {
      const l = lab[i];
      if (l === 0) {
        i++;
        continue;
      }
      const t = (l - 1) >> 1;
      let j = i + 1;
      while (j < lab.length && lab[j] === 2 + 2 * t) j++;
      spans.push({ i, j, type: TYPE_OF[t] });
      i = j;
    }
    return acronymRule(words[s], sentenceRules(words[s], spans), acronyms);
  });
  const out: EntityMention[] = [];
  for (let s = 0; s < units.length; s++) {
    const g = units[s];
    for (const sp of applyAcronyms(words[s], perSentence[s], acronyms)) {
      out.push({ start: g[sp.i].start, end: g[sp.j - 1].end, type: sp.type });
    }
  }
  return out;
}
