// Full text for PostgreSQL, split the way SQLite's unicode61 tokenizer splits (runs of letters
// and digits, accents folded, lower case), so a query means the same on both stores:
//   - documents: a tsvector literal built here (every folded word a lexeme at its position; no
//     stemming, no stop words), cast with ::tsvector;
//   - queries: the tree from ../query.ts becomes tsquery text in which every lexeme is quoted,
//     cast with ::tsquery, so nothing a user types is tsquery syntax (phrases → <->,
//     prefix* → :*, NOT → & !);
//   - snippets: computed here from the same words, marked with MARK_OPEN/MARK_CLOSE (what
//     ts_headline would do, without its parser disagreeing with ours about word edges).

import type { QueryNode } from '../query.js';

const WORD = /[\p{L}\p{N}]+/gu;

/** Accents off, lower case (NFKD, combining marks removed). */
export function fold(word: string): string {
  return word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase();
}

/** The folded words of a text, in order (PostgreSQL drops words over 2047 bytes; we cut them). */
export function ftsWords(text: string | null | undefined): string[] {
  if (!text) return [];
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    for (const part of fold(m[0]).match(WORD) ?? []) out.push(part.length > 500 ? part.slice(0, 500) : part);
  }
  return out;
}

/**
 * A tsvector literal for weighted texts (cast with ::tsvector): every folded word is a lexeme at
 * its position, so PostgreSQL's own parser never re-splits our words. Positions run on across
 * the parts (PostgreSQL caps them at 16383).
 */
export function ftsVector(parts: readonly { readonly text: string | null | undefined; readonly weight: 'A' | 'B' | 'C' | 'D' }[]): string {
  const positions = new Map<string, string[]>();
  let pos = 0;
  for (const part of parts) {
    const suffix = part.weight === 'D' ? '' : part.weight;
    for (const w of ftsWords(part.text)) {
      pos = Math.min(pos + 1, 16383);
      let list = positions.get(w);
      if (!list) positions.set(w, (list = []));
      if (list.length < 256) list.push(pos + suffix);
    }
  }
  let out = '';
  for (const [w, list] of positions) out += (out ? ' ' : '') + lexeme(w) + ':' + list.join(',');
  return out;
}

const lexeme = (w: string): string => "'" + w.replace(/'/g, "''").replace(/\\/g, '\\\\') + "'";

function wordsQuery(words: string[], prefix: boolean): string | null {
  if (!words.length) return null;
  const parts = words.map((w, i) => lexeme(w) + (prefix && i === words.length - 1 ? ':*' : ''));
  return parts.length === 1 ? parts[0] : '(' + parts.join(' <-> ') + ')';
}

/** tsquery text for a query tree; null when nothing searchable is left. */
export function toTsQuery(node: QueryNode): string | null {
  switch (node.op) {
    case 'term':
      return wordsQuery(ftsWords(node.text), node.prefix);
    case 'phrase':
      return wordsQuery(ftsWords(node.text), false);
    case 'and':
    case 'or': {
      const items = node.items.map(toTsQuery).filter((x): x is string => x !== null);
      if (!items.length) return null;
      return items.length === 1 ? items[0] : '(' + items.join(node.op === 'and' ? ' & ' : ' | ') + ')';
    }
    case 'not': {
      const left = toTsQuery(node.left);
      const right = toTsQuery(node.right);
      if (!left) return null;
      return right ? `(${left} & !${right})` : left;
    }
  }
}

/** Positive matchers of a query for marking: sequences of words, the last one maybe a prefix. */
export interface Matcher {
  readonly words: readonly string[];
  readonly prefix: boolean;
}

export function matchersOf(node: QueryNode | null): Matcher[] {
  if (!node) return [];
  switch (node.op) {
    case 'term':
    case 'phrase': {
      const words = ftsWords(node.text);
      return words.length ? [{ words, prefix: node.op === 'term' && node.prefix }] : [];
    }
    case 'and':
    case 'or':
      return node.items.flatMap(matchersOf);
    case 'not':
      return matchersOf(node.left);
  }
}

interface Tok {
  readonly start: number;
  readonly end: number;
  readonly folded: string;
}

function tokens(text: string): Tok[] {
  const out: Tok[] = [];
  for (const m of text.matchAll(WORD)) out.push({ start: m.index!, end: m.index! + m[0].length, folded: fold(m[0]) });
  return out;
}

/** Token index ranges [from, to) that match one of the matchers. */
function matches(toks: readonly Tok[], matchers: readonly Matcher[]): [number, number][] {
  const out: [number, number][] = [];
  for (let i = 0; i < toks.length; i++) {
    for (const m of matchers) {
      const n = m.words.length;
      if (i + n > toks.length) continue;
      let ok = true;
      for (let k = 0; k < n && ok; k++) {
        const t = toks[i + k].folded;
        const w = m.words[k];
        ok = m.prefix && k === n - 1 ? t.startsWith(w) : t === w;
      }
      if (ok) {
        out.push([i, i + n]);
        break;
      }
    }
  }
  return out;
}

/** The whole text with every match marked. */
export function highlight(text: string, matchers: readonly Matcher[], open: string, close: string): string {
  const toks = tokens(text);
  return mark(text, toks, matches(toks, matchers), 0, text.length, open, close);
}

function mark(text: string, toks: readonly Tok[], hits: readonly [number, number][], from: number, to: number, open: string, close: string): string {
  let out = '';
  let at = from;
  for (const [a, b] of hits) {
    const s = toks[a].start;
    const e = toks[b - 1].end;
    if (s < from || e > to || s < at) continue;
    out += text.slice(at, s) + open + text.slice(s, e) + close;
    at = e;
  }
  return out + text.slice(at, to);
}

/**
 * Up to `size` words of the text around its best-matching stretch, matches marked, "…" where
 * it is cut (like SQLite's snippet()). A text of at most `size` words comes back whole.
 * Null when nothing matches.
 */
export function snippet(text: string, matchers: readonly Matcher[], open: string, close: string, size: number, ellipsis = '…'): string | null {
  const toks = tokens(text);
  const hits = matches(toks, matchers);
  if (!hits.length) return null;
  if (toks.length <= size) return mark(text, toks, hits, 0, text.length, open, close);
  // The window of `size` words with the most matches (the earliest on ties).
  let best = 0;
  let bestCount = -1;
  for (const [a] of hits) {
    const first = Math.max(0, Math.min(a - Math.floor(size / 4), toks.length - size));
    const count = hits.filter(([x, y]) => x >= first && y <= first + size).length;
    if (count > bestCount) {
      best = first;
      bestCount = count;
    }
  }
  const last = Math.min(toks.length, best + size) - 1;
  const from = best === 0 ? 0 : toks[best].start;
  const to = last === toks.length - 1 ? text.length : toks[last].end;
  return (from > 0 ? ellipsis : '') + mark(text, toks, hits, from, to, open, close) + (to < text.length ? ellipsis : '');
}
