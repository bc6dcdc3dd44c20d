// Quotation-mark pairing: which double quotation marks open and close which quoted segments.
// Works paragraph by paragraph: a quote may continue into the next paragraph only when that
// paragraph reopens it (the news convention for multi-paragraph quotes); an opening mark that is
// never closed ends at its paragraph's end, so it cannot swallow the rest of the article.

import type { Token } from '../../doc/doc.js';

export interface Segment {
  /** Character span, from the opening mark to the closing mark inclusive (or the paragraph end). */
  start: number;
  end: number;
  /** Token index of the opening mark, and of the last token in the segment. */
  openTok: number;
  lastTok: number;
  /** Token index of the closing mark, or -1 when the quote was never closed. */
  closeTok: number;
  firstPara: number;
  lastPara: number;
  /** Word-like tokens inside the marks. */
  words: number;
}

const OPENERS = new Set(['“', '„', '‟', '«']);
const CLOSERS = new Set(['”', '»']);
const STRAIGHT = '"';

function isSpaceChar(c: string | undefined): boolean {
  return c === undefined || c === ' ' || c === '\n' || c === '\t' || c === '\r' || c === '\u00a0';
}

/** Does this straight mark look like an opening one, from the characters around it? */
function straightOpens(text: string, i: number): boolean {
  const prev = i > 0 ? text[i - 1] : undefined;
  const next = text[i + 1];
  if (isSpaceChar(prev) || prev === '(' || prev === '[' || prev === '—' || prev === '–' || prev === '-' || prev === ':' || prev === '/') {
    return !isSpaceChar(next);
  }
  return false;
}

/**
 * Pair the double quotation marks of the given paragraphs.
 * `paraOf[k]` is the paragraph index of token k, or -1 for tokens to ignore (captions, source lines).
 */
export function pairQuotes(text: string, tokens: readonly Token[], paraOf: Int32Array, paraCount: number): Segment[] {
  // first and last token of each paragraph
  const first = new Int32Array(paraCount).fill(-1);
  const last = new Int32Array(paraCount).fill(-1);
  for (let k = 0; k < tokens.length; k++) {
    const p = paraOf[k];
    if (p < 0) continue;
    if (first[p] < 0) first[p] = k;
    last[p] = k;
  }
  const segs: Segment[] = [];
  let cur: Segment | null = null;
  const reopen = new Set<number>();
  const finish = (seg: Segment, lastTok: number, closeTok: number): void => {
    seg.lastTok = lastTok;
    seg.closeTok = closeTok;
    seg.end = tokens[lastTok].end;
    seg.lastPara = paraOf[lastTok];
    let words = 0;
    for (let k = seg.openTok + 1; k <= lastTok; k++) if (tokens[k].kind === 'word' || tokens[k].kind === 'number') words++;
    seg.words = words;
    segs.push(seg);
  };
  for (let p = 0; p < paraCount; p++) {
    if (first[p] < 0) continue;
    for (let k = first[p]; k <= last[p]; k++) {
      const t = tokens[k];
      if (t.kind !== 'quote' || paraOf[k] !== p) continue;
      if (reopen.has(k)) continue;
      const ch = text[t.start];
      const isOpen = OPENERS.has(ch) || (ch === STRAIGHT && (cur === null || (straightOpens(text, t.start) && cur.firstPara !== p && cur.openTok !== k)));
      const isClose = CLOSERS.has(ch) || ch === STRAIGHT;
      if (!isOpen && !isClose) continue; // single marks and apostrophes
      if (cur === null) {
        if (isOpen) cur = { start: t.start, end: t.end, openTok: k, lastTok: k, closeTok: -1, firstPara: p, lastPara: p, words: 0 };
        continue; // a closer with no opener: ignore
      }
      if (OPENERS.has(ch) || (ch === STRAIGHT && isOpen && !isCloseContext(text, t.start))) {
        // a new opening mark while a quote is open: the open one was never closed
        if (k - 1 > cur.openTok) finish(cur, k - 1, -1);
        cur = { start: t.start, end: t.end, openTok: k, lastTok: k, closeTok: -1, firstPara: p, lastPara: p, words: 0 };
        continue;
      }
      finish(cur, k, k);
      cur = null;
    }
    if (cur !== null) {
      // multi-paragraph quote: the next paragraph reopens with an opening mark
      let q = p + 1;
      while (q < paraCount && first[q] < 0) q++;
      const f = q < paraCount ? first[q] : -1;
      const fch = f >= 0 ? text[tokens[f].start] : '';
      if (f >= 0 && tokens[f].kind === 'quote' && (OPENERS.has(fch) || (fch === STRAIGHT && straightOpens(text, tokens[f].start)))) {
        reopen.add(f);
      } else {
        if (last[p] > cur.openTok) finish(cur, last[p], -1);
        cur = null;
      }
    }
  }
  return segs;
}

function isCloseContext(text: string, i: number): boolean {
  const prev = i > 0 ? text[i - 1] : undefined;
  return !isSpaceChar(prev) && prev !== '(' && prev !== '[';
}
