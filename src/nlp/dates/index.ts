// Stage: temporal expressions (TIMEX3) in English news, normalised relative to the publication
// date (TempEval-3 conventions). Needs tokens (and sentences, for tense cues and discourse focus).
// Without a publication date, values keep unknown fields as X ("XXXX-12-09") instead of guessing.

import type { Doc, Span, Timex, Token } from '../../doc/doc.js';
import { parseAnchor } from './calendar.js';
import { Grammar } from './grammar.js';
import { bare, type DTok } from './phrases.js';

const CURLY_APOSTROPHE = /’/g;

function toDTok(text: string, t: Token): DTok {
  const raw = text.slice(t.start, t.end);
  const lower = raw.toLowerCase();
  const w = lower.includes('’') ? lower.replace(CURLY_APOSTROPHE, "'") : lower;
  const c = raw.charCodeAt(0);
  // an ASCII first character is upper-case when it is A-Z; other characters ask toLowerCase
  const cap = c < 128 ? c >= 65 && c <= 90 : raw[0] !== raw[0].toLowerCase();
  const digits = t.kind === 'number' && c >= 48 && c <= 57 && allDigits(raw);
  return {
    start: t.start,
    end: t.end,
    w,
    b: bare(w),
    cap,
    n: digits ? Number(raw) : NaN,
    digits,
    punct: t.kind === 'punct' || t.kind === 'quote' || t.kind === 'symbol',
  };
}

/** Is s made of ASCII digits only (/^\d+$/)? */
function allDigits(s: string): boolean {
  if (s.length === 0) return false;
  for (let k = 0; k < s.length; k++) {
    const c = s.charCodeAt(k);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** Pure stage: the `dates` layer, sorted by (start, end), aligned to tokens. */
export function recognizeDates(doc: Doc): Timex[] {
  const tokens = doc.get('tokens');
  if (tokens.length === 0) return [];
  const sentences: readonly Span[] = doc.has('sentences') ? doc.get('sentences') : [{ start: 0, end: doc.text.length }];
  const text = doc.text;
  const toks: DTok[] = new Array(tokens.length);
  for (let k = 0; k < tokens.length; k++) toks[k] = toDTok(text, tokens[k]);
  const sentOf = new Int32Array(toks.length);
  const sentStart: number[] = [];
  const sentEnd: number[] = [];
  let s = 0;
  for (let i = 0; i < toks.length; i++) {
    while (s < sentences.length - 1 && toks[i].start >= sentences[s].end) s++;
    sentOf[i] = s;
    if (sentStart[s] === undefined) sentStart[s] = i;
    sentEnd[s] = i + 1;
  }
  const grammar = new Grammar({ toks, anchor: parseAnchor(doc.meta.published), sentOf, sentStart, sentEnd });
  const out: Timex[] = [];
  for (let i = 0; i < toks.length; ) {
    const c = grammar.parse(i);
    if (!c) {
      i++;
      continue;
    }
    let end = c.end;
    // never end on a bare period/comma token
    while (end - 1 > i && toks[end - 1].punct) end--;
    const timex: Timex = c.mod
      ? { start: toks[i].start, end: toks[end - 1].end, type: c.type, value: c.value, mod: c.mod }
      : { start: toks[i].start, end: toks[end - 1].end, type: c.type, value: c.value };
    out.push(timex);
    grammar.accept(c, i);
    i = c.end;
  }
  return out;
}
