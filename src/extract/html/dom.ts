// A small, forgiving, linear-time HTML parser building a minimal tree. It is not a full HTML5
// tree builder: it knows void elements, raw-text elements, the common implied end tags (p, li,
// dt/dd, td/tr, headings, option) and ignores stray end tags. Nesting depth is capped so hostile
// input cannot make later (recursive) walks blow the stack, and every scan moves forward, so it
// cannot hang. <html>, <head> and <body> are not materialised: their attributes are kept on the
// document and their content hangs directly under the root.

import { decodeEntities } from './entities.js';

export interface Elem {
  readonly tag: string;
  readonly attrs: Readonly<Record<string, string>>;
  readonly children: Node[];
  parent: Elem | null;
}
export type Node = Elem | string;

export interface HtmlDocument {
  readonly root: Elem;
  readonly htmlAttrs: Record<string, string>;
  readonly bodyAttrs: Record<string, string>;
}

export const MAX_DEPTH = 256;

const VOID = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track',
  'wbr', 'keygen', 'frame', 'basefont', 'bgsound', 'image',
]);

/** Content kept as one unparsed text child. `title`/`textarea` are decoded, the rest verbatim. */
const RAW = new Set(['script', 'style', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript', 'textarea', 'title', 'plaintext']);
const RCDATA = new Set(['title', 'textarea']);

/** Start tags that close an open <p>. */
const CLOSES_P = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'details', 'dialog', 'dir', 'div', 'dl', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'main',
  'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'ul', 'li', 'dd', 'dt', 'listing',
]);
/** Elements that bound the search for an open <p>/<li> to close. */
const SCOPE = new Set(['table', 'td', 'th', 'caption', 'button', 'object', 'marquee', 'applet', 'template', 'svg', 'math']);
const HEADINGS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6']);
/** HTML elements for which a self-closing slash is ignored (as browsers do); on others it closes. */
const NOT_SELF_CLOSING = new Set([
  'div', 'span', 'p', 'a', 'li', 'ul', 'ol', 'section', 'article', 'table', 'tr', 'td', 'th', 'b', 'i', 'em',
  'strong', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'figure', 'figcaption', 'main', 'header',
  'footer', 'nav', 'aside', 'form', 'label', 'button', 'select', 'option', 'script', 'style', 'iframe',
  'textarea', 'title', 'noscript', 'time', 'font', 'center', 'u', 'small', 'sup', 'sub', 'pre', 'code',
]);

const rawCloseCache = new Map<string, RegExp>();
function rawClose(tag: string): RegExp {
  let re = rawCloseCache.get(tag);
  if (!re) {
    re = new RegExp('</' + tag + '(?=[\\s/>]|$)', 'ig');
    rawCloseCache.set(tag, re);
  }
  return re;
}

function isAlpha(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}
function isSpace(c: number): boolean {
  return c === 32 || c === 10 || c === 9 || c === 13 || c === 12;
}

export function parseDocument(html: string): HtmlDocument {
  const root: Elem = { tag: '#root', attrs: {}, children: [], parent: null };
  const htmlAttrs: Record<string, string> = {};
  const bodyAttrs: Record<string, string> = {};
  const stack: Elem[] = [root];
  let cur = root;
  const n = html.length;
  let i = 0;

  const text = (s: string): void => {
    if (s.length === 0) return;
    cur.children.push(s.indexOf('&') >= 0 ? decodeEntities(s) : s);
  };
  const popTo = (idx: number): void => {
    stack.length = idx;
    cur = stack[idx - 1]!;
  };
  /** Index in the stack of an open `tag`, searching down until a scope boundary; -1 if none. */
  const findOpen = (tags: Set<string> | string, stopAt: Set<string>): number => {
    for (let k = stack.length - 1, lim = Math.max(1, stack.length - 64); k >= lim; k--) {
      const t = stack[k]!.tag;
      if (typeof tags === 'string' ? t === tags : tags.has(t)) return k;
      if (stopAt.has(t)) return -1;
    }
    return -1;
  };
  const LI_STOP = new Set([...SCOPE, 'ul', 'ol']);
  const DD_STOP = new Set([...SCOPE, 'dl']);
  const DDDT = new Set(['dd', 'dt']);
  const TR_STOP = new Set(['table']);
  const TD_STOP = new Set(['table', 'tr']);
  const CELL = new Set(['td', 'th']);
  const TBODY_STOP = new Set(['table']);
  const TSECT = new Set(['tbody', 'thead', 'tfoot']);

  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) {
      text(html.slice(i));
      break;
    }
    if (lt > i) text(html.slice(i, lt));
    const c = html.charCodeAt(lt + 1);
    if (c === 33 /* ! */) {
      if (html.startsWith('<!--', lt)) {
        const e = html.indexOf('-->', lt + 4);
        i = e < 0 ? n : e + 3;
      } else if (html.startsWith('<![CDATA[', lt)) {
        const e = html.indexOf(']]>', lt + 9);
        i = e < 0 ? n : e + 3;
      } else {
        const e = html.indexOf('>', lt + 2);
        i = e < 0 ? n : e + 1;
      }
      continue;
    }
    if (c === 63 /* ? */) {
      const e = html.indexOf('>', lt + 2);
      i = e < 0 ? n : e + 1;
      continue;
    }
    if (c === 47 /* / */) {
      if (!isAlpha(html.charCodeAt(lt + 2))) {
        // "</>" is dropped, "</ x>" is a bogus comment.
        const e = html.indexOf('>', lt + 2);
        i = e < 0 ? n : e + 1;
        continue;
      }
      let j = lt + 2;
      while (j < n) {
        const d = html.charCodeAt(j);
        if (isSpace(d) || d === 62 || d === 47) break;
        j++;
      }
      const tag = html.slice(lt + 2, j).toLowerCase();
      const e = html.indexOf('>', j);
      i = e < 0 ? n : e + 1;
      if (tag === 'html' || tag === 'head' || tag === 'body' || tag === 'br') continue;
      for (let k = stack.length - 1, lim = Math.max(1, stack.length - MAX_DEPTH); k >= lim; k--) {
        const t = stack[k]!.tag;
        if (t === tag) {
          popTo(k);
          break;
        }
        // an end tag never closes past a table boundary it is not part of
        if ((t === 'table' || t === 'td' || t === 'th') && tag !== 'table' && tag !== 'tr' && tag !== 'tbody' && tag !== 'thead' && tag !== 'tfoot') break;
      }
      continue;
    }
    if (!isAlpha(c)) {
      text('<');
      i = lt + 1;
      continue;
    }

    // ---- start tag ----
    let j = lt + 1;
    while (j < n) {
      const d = html.charCodeAt(j);
      if (isSpace(d) || d === 62 || d === 47) break;
      j++;
    }
    const tag = html.slice(lt + 1, j).toLowerCase();
    const attrs: Record<string, string> = {};
    let selfClosing = false;
    // attributes
    for (;;) {
      while (j < n && (isSpace(html.charCodeAt(j)) || html.charCodeAt(j) === 47)) {
        if (html.charCodeAt(j) === 47) selfClosing = true;
        j++;
      }
      if (j >= n) break;
      if (html.charCodeAt(j) === 62) {
        j++;
        break;
      }
      selfClosing = false;
      const ns = j;
      j++; // the first character is part of the name whatever it is (even "=" or a quote)
      while (j < n) {
        const d = html.charCodeAt(j);
        if (isSpace(d) || d === 62 || d === 47 || d === 61) break;
        j++;
      }
      const name = html.slice(ns, j).toLowerCase();
      while (j < n && isSpace(html.charCodeAt(j))) j++;
      let value = '';
      if (html.charCodeAt(j) === 61 /* = */) {
        j++;
        while (j < n && isSpace(html.charCodeAt(j))) j++;
        const q = html.charCodeAt(j);
        if (q === 34 || q === 39) {
          const e = html.indexOf(q === 34 ? '"' : "'", j + 1);
          const end = e < 0 ? n : e;
          value = html.slice(j + 1, end);
          j = end + 1;
        } else {
          const vs = j;
          while (j < n) {
            const d = html.charCodeAt(j);
            if (isSpace(d) || d === 62) break;
            j++;
          }
          value = html.slice(vs, j);
        }
        if (value.indexOf('&') >= 0) value = decodeEntities(value);
      }
      if (!(name in attrs)) attrs[name] = value;
    }
    i = j;

    if (tag === 'html' || tag === 'body' || tag === 'head') {
      const target = tag === 'body' ? bodyAttrs : tag === 'html' ? htmlAttrs : null;
      if (target) for (const k in attrs) if (!(k in target)) target[k] = attrs[k]!;
      continue;
    }

    // implied end tags
    if (CLOSES_P.has(tag)) {
      const k = findOpen('p', SCOPE);
      if (k > 0) popTo(k);
    }
    if (tag === 'li') {
      const k = findOpen('li', LI_STOP);
      if (k > 0) popTo(k);
    } else if (tag === 'dd' || tag === 'dt') {
      const k = findOpen(DDDT, DD_STOP);
      if (k > 0) popTo(k);
    } else if (HEADINGS.has(tag)) {
      if (HEADINGS.has(cur.tag)) popTo(stack.length - 1);
    } else if (tag === 'td' || tag === 'th') {
      const k = findOpen(CELL, TD_STOP);
      if (k > 0) popTo(k);
    } else if (tag === 'tr') {
      const k = findOpen('tr', TR_STOP);
      if (k > 0) popTo(k);
    } else if (TSECT.has(tag)) {
      const k = findOpen(TSECT, TBODY_STOP);
      if (k > 0) popTo(k);
    } else if (tag === 'option') {
      if (cur.tag === 'option') popTo(stack.length - 1);
    } else if (tag === 'a') {
      const k = findOpen('a', SCOPE);
      if (k > 0) popTo(k);
    }

    const el: Elem = { tag, attrs, children: [], parent: cur };
    cur.children.push(el);

    if (RAW.has(tag)) {
      const re = rawClose(tag);
      re.lastIndex = i;
      const m = re.exec(html);
      const end = m ? m.index : n;
      if (end > i) {
        const body = html.slice(i, end);
        el.children.push(RCDATA.has(tag) && body.indexOf('&') >= 0 ? decodeEntities(body) : body);
      }
      if (m) {
        const e = html.indexOf('>', end);
        i = e < 0 ? n : e + 1;
      } else {
        i = n;
      }
      continue;
    }
    if (VOID.has(tag) || (selfClosing && !NOT_SELF_CLOSING.has(tag))) continue;
    if (stack.length >= MAX_DEPTH) continue; // too deep: later content goes to the current element
    stack.push(el);
    cur = el;
  }
  return { root, htmlAttrs, bodyAttrs };
}

/** Concatenated text of a subtree (raw text of script/style included: callers filter). */
export function textOf(node: Node): string {
  if (typeof node === 'string') return node;
  let out = '';
  const walk = (e: Elem): void => {
    for (const c of e.children) {
      if (typeof c === 'string') out += c;
      else walk(c);
    }
  };
  walk(node);
  return out;
}

/** All elements with one of the given tags, in document order. */
export function findAll(root: Elem, pred: (e: Elem) => boolean): Elem[] {
  const out: Elem[] = [];
  const walk = (e: Elem): void => {
    for (const c of e.children) {
      if (typeof c !== 'string') {
        if (pred(c)) out.push(c);
        walk(c);
      }
    }
  };
  walk(root);
  return out;
}
