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
  /** First token after the opening mark. */
  innerFirst: number;
  lastTok: number;
  /** Token index of the (first token of the) closing mark, or -1 when the quote was never closed. */
  closeTok: number;
  firstPara: number;
  lastPara: number;
  /** Word-like tokens inside the marks. */
  words: number;
}

const OPENERS = new Set(['“', '„', '‟', '«']);
const CLOSERS = new Set(['”', '»']);
const STRAIGHT = '"';
const SINGLES = new Set(["'", '’', '‘']);

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
  const reopen = new Map<number, number>();
  const finish = (seg: Segment, lastTok: number, closeTok: number): void => {
    seg.lastTok = lastTok;
    seg.closeTok = closeTok;
    seg.end = tokens[lastTok].end;
    seg.lastPara = paraOf[lastTok];
    let words = 0;
    for (let k = seg.innerFirst; k <= lastTok; k++) if (tokens[k].kind === 'word' || tokens[k].kind === 'number') words++;
    seg.words = words;
    segs.push(seg);
  };
  for (let p = 0; p < paraCount; p++) {
    if (first[p] < 0) continue;
    for (let k = first[p]; k <= last[p]; k++) {
      const t = tokens[k];
      if (t.kind !== 'quote' || paraOf[k] !== p) continue;
      if (reopen.has(k)) {
        if (reopen.get(k)! > k) k = reopen.get(k)!;
        continue;
      }
      let ch = text[t.start];
      const markFirst = k;
      if (SINGLES.has(ch)) {
        // two single marks '' make one double mark (a typewriter habit); lone singles are skipped
        const nx = tokens[k + 1];
        if (!nx || nx.kind !== 'quote' || nx.start !== t.end || !SINGLES.has(text[nx.start])) continue;
        ch = STRAIGHT;
        k++;
      }
      const markLast = k;
      const isOpen = OPENERS.has(ch) || (ch === STRAIGHT && cur === null);
      const isClose = CLOSERS.has(ch) || ch === STRAIGHT;
      if (!isOpen && !isClose) continue;
      const fresh = (): Segment => ({ start: t.start, end: tokens[markLast].end, openTok: markFirst, innerFirst: markLast + 1, lastTok: markLast, closeTok: -1, firstPara: p, lastPara: p, words: 0 });
      if (cur === null) {
        if (isOpen) cur = fresh();
        continue; // a closer with no opener: ignore
      }
      if (OPENERS.has(ch)) {
        // a new opening mark while a quote is open: the open one was never closed
        if (markFirst - 1 >= cur.innerFirst) finish(cur, markFirst - 1, -1);
        cur = fresh();
        continue;
      }
      finish(cur, markLast, markFirst);
      cur = null;
    }
    if (cur !== null) {
      // multi-paragraph quote: the next paragraph reopens with an opening mark
      let q = p + 1;
      while (q < paraCount && first[q] < 0) q++;
      const f = q < paraCount ? first[q] : -1;
      const fch = f >= 0 ? text[tokens[f].start] : '';
      const fnext = f >= 0 ? tokens[f + 1] : undefined;
      const doubleSingle = f >= 0 && SINGLES.has(fch) && fnext !== undefined && fnext.kind === 'quote' && fnext.start === tokens[f].end;
      if (f >= 0 && tokens[f].kind === 'quote' && (OPENERS.has(fch) || fch === STRAIGHT || doubleSingle)) {
        reopen.set(f, doubleSingle ? f + 1 : f);
      } else {
        if (last[p] >= cur.innerFirst) finish(cur, last[p], -1);
        cur = null;
      }
    }
  }
  if (cur !== null && cur.lastTok >= cur.innerFirst) finish(cur, cur.lastTok, -1);
  return segs;
}
