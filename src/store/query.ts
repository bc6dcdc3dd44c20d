// User search queries: words, "phrases", prefix*, AND / OR / NOT (upper case) and parentheses,
// parsed tolerantly into a tree that any backend renders in its own syntax. Nothing a user
// types is an error: stray operators and unbalanced parentheses are dropped, punctuation-only
// words are ignored, a NOT with nothing before it is dropped with its operand.

export type QueryNode =
  | { readonly op: 'term'; readonly text: string; readonly prefix: boolean }
  | { readonly op: 'phrase'; readonly text: string }
  | { readonly op: 'and' | 'or'; readonly items: readonly QueryNode[] }
  | { readonly op: 'not'; readonly left: QueryNode; readonly right: QueryNode };

type Tok =
  | { readonly t: 'term'; readonly text: string; readonly prefix: boolean }
  | { readonly t: 'phrase'; readonly text: string }
  | { readonly t: 'AND' | 'OR' | 'NOT' | '(' | ')' };

const MAX_QUERY_CHARS = 1000;
const MAX_TERMS = 64;
const hasWordChar = (s: string): boolean => /[\p{L}\p{N}]/u.test(s);

function lex(input: string): Tok[] {
  const s = input.normalize('NFC').slice(0, MAX_QUERY_CHARS).replace(/[“”„‟«»]/g, '"');
  const toks: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      i++;
    } else if (c === '"') {
      const end = s.indexOf('"', i + 1);
      const body = end < 0 ? s.slice(i + 1) : s.slice(i + 1, end);
      i = end < 0 ? s.length : end + 1;
      const text = body.replace(/\s+/g, ' ').trim();
      if (hasWordChar(text)) toks.push({ t: 'phrase', text });
    } else if (c === '(' || c === ')') {
      toks.push({ t: c });
      i++;
    } else {
      let j = i;
      while (j < s.length && !/[\s"()]/.test(s[j])) j++;
      const word = s.slice(i, j);
      i = j;
      if (word === 'AND' || word === 'OR' || word === 'NOT') toks.push({ t: word });
      else if (hasWordChar(word)) {
        // Prefixes of fewer than 3 letters would expand to most of the vocabulary: taken as words.
        const text = word.replace(/\*+$/, '');
        const prefix = /\*$/.test(word) && [...text].length >= 3;
        toks.push({ t: 'term', text, prefix });
      }
    }
  }
  // Unbalanced parentheses: drop them all rather than guess.
  let depth = 0;
  let balanced = true;
  for (const t of toks) {
    if (t.t === '(') depth++;
    if (t.t === ')' && --depth < 0) balanced = false;
  }
  return balanced && depth === 0 ? toks : toks.filter((t) => t.t !== '(' && t.t !== ')');
}

/** The query tree, or null when the query has no searchable word. */
export function parseQuery(input: string): QueryNode | null {
  const toks = lex(input);
  let pos = 0;
  let terms = 0;
  const peek = (): Tok | undefined => toks[pos];

  const primary = (): QueryNode | null => {
    const t = toks[pos++];
    if (!t) return null;
    if (t.t === '(') {
      const inner = or();
      if (peek()?.t === ')') pos++;
      return inner;
    }
    if (t.t === 'term' || t.t === 'phrase') {
      if (++terms > MAX_TERMS) return null;
      return t.t === 'term' ? { op: 'term', text: t.text, prefix: t.prefix } : { op: 'phrase', text: t.text };
    }
    return null;
  };

  const and = (): QueryNode | null => {
    const items: QueryNode[] = [];
    for (let t = peek(); t && t.t !== 'OR' && t.t !== ')'; t = peek()) {
      if (t.t === 'AND') {
        pos++;
      } else if (t.t === 'NOT') {
        pos++;
        const right = peek() && peek()!.t !== 'OR' && peek()!.t !== ')' && peek()!.t !== 'AND' && peek()!.t !== 'NOT' ? primary() : null;
        if (right && items.length) items[items.length - 1] = { op: 'not', left: items[items.length - 1], right };
      } else {
        const p = primary();
        if (p) items.push(p);
      }
    }
    return items.length === 0 ? null : items.length === 1 ? items[0] : { op: 'and', items };
  };

  const or = (): QueryNode | null => {
    const items: QueryNode[] = [];
    const first = and();
    if (first) items.push(first);
    while (peek()?.t === 'OR') {
      pos++;
      const next = and();
      if (next) items.push(next);
    }
    return items.length === 0 ? null : items.length === 1 ? items[0] : { op: 'or', items };
  };

  const parts: QueryNode[] = [];
  while (pos < toks.length) {
    const e = or();
    if (e) parts.push(e);
    if (peek()?.t === ')') pos++;
  }
  return parts.length === 0 ? null : parts.length === 1 ? parts[0] : { op: 'and', items: parts };
}

/** The words and phrases of a query that are not negated (for highlighting and fallbacks). */
export function positiveTerms(node: QueryNode | null): string[] {
  if (!node) return [];
  switch (node.op) {
    case 'term':
    case 'phrase':
      return [node.text];
    case 'and':
    case 'or':
      return node.items.flatMap(positiveTerms);
    case 'not':
      return positiveTerms(node.left);
  }
}

const ftsString = (s: string): string => '"' + s.replace(/"/g, '""') + '"';

/** SQLite FTS5 syntax: every word is a quoted string, so no input can be an FTS syntax error. */
export function toFts5(node: QueryNode): string {
  switch (node.op) {
    case 'term':
      return ftsString(node.text) + (node.prefix ? '*' : '');
    case 'phrase':
      return ftsString(node.text);
    case 'and':
      return '(' + node.items.map(toFts5).join(' AND ') + ')';
    case 'or':
      return '(' + node.items.map(toFts5).join(' OR ') + ')';
    case 'not':
      return '(' + toFts5(node.left) + ' NOT ' + toFts5(node.right) + ')';
  }
}
