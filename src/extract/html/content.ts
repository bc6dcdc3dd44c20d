// Main-content extraction: the page is flattened into text blocks (one per paragraph-like
// element), containers are scored from the paragraphs they hold (a Readability-style
// score: paragraph length and commas, propagated to ancestors, damped by link density and
// class/id hints), the best container and its matching siblings are kept, and blocks inside
// them that are page furniture (by tag, class/id table, link density or stock phrases) are dropped.

import type { Elem, Node } from './dom.js';
import {
  ARTICLE_BODY_PATTERN,
  BOILERPLATE_TAGS,
  CONTENT_CLASS_PATTERN,
  SKIP_TAGS,
  classIdOf,
  isBoilerplateByClass,
  isHidden,
} from './patterns.js';

export interface RawBlock {
  /** Whitespace-normalised text. */
  readonly text: string;
  /** Non-space characters of the text, and of the part inside links. */
  readonly chars: number;
  readonly linkChars: number;
  /** Nearest block-level element holding the text. */
  readonly el: Elem;
  /** 1..6 for headings, else 0. */
  readonly heading: number;
  /** Inside a figure caption (figcaption, or a caption/credit class inside a figure). */
  readonly caption: boolean;
  /** The outermost caption element the block is in, if any. */
  readonly captionEl: Elem | null;
  readonly index: number;
}

const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup',
  'hr', 'li', 'main', 'menu', 'nav', 'ol', 'p', 'pre', 'section', 'summary', 'table', 'tbody', 'thead', 'tfoot',
  'tr', 'td', 'th', 'ul', 'caption', 'body', 'html', 'legend', 'listing', 'frameset',
]);
const HEADING_LEVEL: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
/** Blocks whose own element is a paragraph: their score goes to the parent, not to themselves. */
const PARA_TAGS = new Set(['p', 'pre', 'li', 'dd', 'dt', 'blockquote', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figcaption', 'caption', 'td', 'th']);

const WS = /[\s\u00a0\u200b\u200c\u200d\u2060\ufeff]+/g;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000e-\u001f\u007f-\u009f\ufffd]/g;

export function normalizeSpace(s: string): string {
  return s.replace(CONTROL, '').replace(WS, ' ').trim();
}

function nonSpaceLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c > 32 && c !== 160) n++;
  }
  return n;
}

/** Flattens the tree into blocks in document order. */
export function collectBlocks(root: Elem): RawBlock[] {
  const blocks: RawBlock[] = [];
  let buf = '';
  let linkChars = 0;
  let bufEl: Elem = root;
  let inLink = 0;
  let captionDepth = 0;
  let captionEl: Elem | null = null;
  let figureDepth = 0;

  const flush = (): void => {
    if (buf.length === 0) return;
    const text = normalizeSpace(buf);
    buf = '';
    if (text.length > 0) {
      const chars = nonSpaceLength(text);
      blocks.push({
        text,
        chars,
        linkChars: Math.min(linkChars, chars),
        el: bufEl,
        heading: HEADING_LEVEL[bufEl.tag] ?? 0,
        caption: captionDepth > 0,
        captionEl,
        index: blocks.length,
      });
    }
    linkChars = 0;
  };

  const walk = (e: Elem): void => {
    const kids = e.children;
    for (let k = 0; k < kids.length; k++) {
      const c: Node = kids[k]!;
      if (typeof c === 'string') {
        buf += c;
        if (inLink > 0) linkChars += nonSpaceLength(c);
        continue;
      }
      const tag = c.tag;
      if (tag === 'br') {
        if (captionDepth === 0) flush();
        else buf += ' ';
        continue;
      }
      if (SKIP_TAGS.has(tag) || isHidden(c)) continue;
      const ci = classIdOf(c);
      const isCaption =
        tag === 'figcaption' ||
        (figureDepth > 0 && /caption|credit/i.test(ci)) ||
        /(?:^|[\s_-])(?:wp-caption-text|caption-text|image-?caption|photo-?caption|img-?caption|media-?caption|caption)(?:$|[\s_-])/i.test(ci);
      const isFigure = tag === 'figure' || /(?:^|[\s_-])(?:wp-caption|figure|image-?container|photo-?container)(?:$|[\s_-])/i.test(ci);
      if (BLOCK_TAGS.has(tag) || isCaption) {
        flush();
        const prev = bufEl;
        bufEl = c;
        if (isCaption && captionDepth++ === 0) captionEl = c;
        if (isFigure) figureDepth++;
        walk(c);
        flush();
        if (isCaption && --captionDepth === 0) captionEl = null;
        if (isFigure) figureDepth--;
        bufEl = prev;
      } else {
        if (isFigure) figureDepth++;
        if (tag === 'a') inLink++;
        walk(c);
        if (tag === 'a') inLink--;
        if (isFigure) figureDepth--;
        // inline elements still separate words when the source has no space between them
        if (buf.length > 0 && tag !== 'a' && tag !== 'span' && tag !== 'b' && tag !== 'i' && tag !== 'em' && tag !== 'strong' && tag !== 'font' && tag !== 'u' && tag !== 'sup' && tag !== 'sub' && tag !== 'small' && tag !== 'abbr' && tag !== 'mark' && tag !== 'cite' && tag !== 'q' && tag !== 'time' && tag !== 'code') {
          buf += ' ';
        }
      }
    }
  };
  walk(root);
  flush();
  return blocks;
}

interface Cand {
  score: number;
  initialised: boolean;
}

export interface ContentOptions {
  /** Title of the page, to drop a repeated headline. */
  readonly title?: string | null;
}

export interface ContentResult {
  readonly blocks: RawBlock[];
  readonly containers: Elem[];
}

/** A short block with more link text than this share is a link, not prose. */
const LINK_DROP = 0.7;
/** Headings of teaser sections, in the languages seen in news pages. */
const RELATED_HEADING = new RegExp(
  '^(?:' +
    [
      'related(?: articles?| stories| posts| news| content| coverage| links| reading| topics)?',
      '(?:you )?(?:may|might) (?:also )?(?:like|enjoy|be interested in)', 'you might also want to read',
      'more (?:stories|articles|news|from [\\p{L} ]+|on this(?: story| topic)?|to read|like this)',
      'recommended(?: for you| stories| articles| reading)?', 'read (?:more|next|also|this next)', 'also read', 'see also',
      'trending(?: now| stories)?', 'most (?:popular|read|viewed|shared)', 'popular(?: posts| stories| articles)?',
      'latest (?:news|stories|articles|posts)', "don't miss", 'top stories', 'what to read next', 'up next',
      'other (?:stories|articles|news)', 'recent posts', 'further reading',
      'você (?:pode|também pode) gostar', 'leia (?:também|mais)', 'veja também', 'notícias relacionadas', 'relacionad[ao]s',
      'te puede interesar', 'también te puede interesar', 'noticias relacionadas', 'lee también', 'artículos relacionados',
      'potrebbe interessarti', 'ti potrebbe interessare', 'leggi anche', 'articoli correlati', 'correlati',
      'à lire aussi', 'lire aussi', 'sur le même sujet', 'articles similaires', 'vous aimerez aussi',
      'das könnte sie auch interessieren', 'mehr zum thema', 'lesen sie auch', 'weitere artikel',
      'baca juga', 'artikel terkait', 'berita terkait', 'читайте также', 'похожие (?:статьи|новости|материалы)',
      'по теме', 'смотрите также', 'самые популярные(?: [\\p{L}]+)?', 'популярное', 'популярные (?:статьи|новости|материалы)', '관련 기사', '관련기사', '関連記事', '相关阅读', '相关文章',
    ].join('|') +
    ')\\s*[:.…!]*$',
  'iu',
);

/** A left-over WordPress shortcode ("[button link=…]"). */
const SHORTCODE = /^\[\/?[a-z_-]+(?:\s[^\]]*)?\]$/i;
const JUNK_LINE =
  /^(?:advertisement|advertisment|ad|ads|sponsored(?: content)?|story continues below|continue reading(?: below| the main story)?|read more|read more:?|more:?|related:?|related (?:articles|stories|content|coverage)|share(?: this)?(?: article| story)?|share on \w+|tweet|email|print|comments?|click here|sign up|subscribe(?: now)?|follow us|loading\.*|skip to (?:main )?content|back to top|image|photo|video|watch|listen|close|menu|search|\d+ comments?|this (?:slideshow|video|content|feature) requires javascript|(?:please )?enable javascript.*)\.?$/i;

export function extractContent(root: Elem, opts: ContentOptions = {}): ContentResult {
  const blocks = collectBlocks(root);
  if (blocks.length === 0) return { blocks: [], containers: [] };

  // --- good text (paragraph-like, not link lists) per element, and the page total ---
  const goodTot = new Map<Elem, number>();
  let goodAll = 0;
  for (const b of blocks) {
    if (b.chars < 20 || b.heading > 0 || b.caption || b.linkChars / b.chars > 0.5) continue;
    goodAll += b.chars;
    for (let e: Elem | null = b.el; e !== null; e = e.parent) goodTot.set(e, (goodTot.get(e) ?? 0) + b.chars);
  }
  // --- elements holding an explicitly marked article body (and their ancestors) ---
  const holdsBody = new Set<Elem>();
  markBodyHolders(root, holdsBody);

  // --- "Related articles"-style headings: what follows them in their section is furniture ---
  const forcedNeg = new Set<Elem>();
  for (const b of blocks) {
    if (b.chars > 60 || b.caption || !RELATED_HEADING.test(b.text)) continue;
    const isHead = b.heading > 0 || /title|heading|header/i.test(classIdOf(b.el));
    if (!isHead) continue;
    let h = b.el;
    while (h.parent !== null && h.parent.tag !== '#root' && countElements(h.parent) === 1) h = h.parent;
    const sibs = h.parent?.children ?? [];
    let after = false;
    forcedNeg.add(h);
    for (const c of sibs) {
      if (c === h) {
        after = true;
        continue;
      }
      if (!after || typeof c === 'string') continue;
      if (c.tag === 'p' || HEADING_LEVEL[c.tag] !== undefined) break;
      forcedNeg.add(c);
    }
  }

  // --- boilerplate flags, memoised per element ---
  const negMemo = new Map<Elem, boolean>();
  const isNeg = (e: Elem): boolean => {
    let v = negMemo.get(e);
    if (v === undefined) {
      if (forcedNeg.has(e)) v = true;
      else if (BOILERPLATE_TAGS.has(e.tag)) v = e.tag === 'header' || e.tag === 'footer' || e.tag === 'form' ? (goodTot.get(e) ?? 0) < 0.6 * goodAll || goodAll === 0 : true;
      else v = isBoilerplateByClass(e) && !holdsBody.has(e) && ((goodTot.get(e) ?? 0) < 0.6 * goodAll || goodAll === 0);
      negMemo.set(e, v);
    }
    return v;
  };
  const negAboveMemo = new Map<Elem, boolean>();
  const negAbove = (e: Elem | null): boolean => {
    if (e === null) return false;
    let v = negAboveMemo.get(e);
    if (v === undefined) {
      v = isNeg(e) || negAbove(e.parent);
      negAboveMemo.set(e, v);
    }
    return v;
  };

  // --- per-element text and link totals ---
  const textTot = new Map<Elem, number>();
  const linkTot = new Map<Elem, number>();
  for (const b of blocks) {
    for (let e: Elem | null = b.el; e !== null; e = e.parent) {
      textTot.set(e, (textTot.get(e) ?? 0) + b.chars);
      linkTot.set(e, (linkTot.get(e) ?? 0) + b.linkChars);
    }
  }
  const linkDensity = (e: Elem): number => {
    const t = textTot.get(e) ?? 0;
    return t === 0 ? 0 : (linkTot.get(e) ?? 0) / t;
  };

  // --- scoring ---
  const cands = new Map<Elem, Cand>();
  const initScore = (e: Elem): number => {
    let s = 0;
    switch (e.tag) {
      case 'div': case 'article': case 'main': case 'section': s += 5; break;
      case 'pre': case 'td': case 'blockquote': s += 3; break;
      case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form': s -= 3; break;
      case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th': s -= 5; break;
    }
    if (e.tag === 'article') s += 5;
    const ci = classIdOf(e);
    if (ci.length > 0) {
      if (ARTICLE_BODY_PATTERN.test(ci)) s += 25;
      else if (CONTENT_CLASS_PATTERN.test(ci)) s += 10;
      if (isNeg(e)) s -= 25;
    }
    if (e.attrs['itemprop'] === 'articleBody') s += 25;
    return s;
  };
  const add = (e: Elem, v: number): void => {
    let c = cands.get(e);
    if (c === undefined) {
      c = { score: initScore(e), initialised: true };
      cands.set(e, c);
    }
    c.score += v;
  };
  for (const b of blocks) {
    if (b.heading > 0 || b.caption) continue;
    if (b.chars < 20) continue;
    if (negAbove(b.el)) continue;
    if (b.linkChars / b.chars > 0.5) continue;
    let commas = 0;
    for (let i = 0; i < b.text.length; i++) {
      const ch = b.text.charCodeAt(i);
      if (ch === 44 || ch === 0xff0c || ch === 0x3001 || ch === 0x060c) commas++;
    }
    const score = 1 + commas + Math.min(Math.floor(b.text.length / 100), 3);
    let e: Elem | null = PARA_TAGS.has(b.el.tag) ? b.el.parent : b.el;
    for (let level = 0; e !== null && level < 5; level++, e = e.parent) {
      add(e, level === 0 ? score : level === 1 ? score / 2 : score / (level * 3));
    }
  }
  if (cands.size === 0) return { blocks: [], containers: [] };

  const finalScore = new Map<Elem, number>();
  for (const [e, c] of cands) finalScore.set(e, c.score * (1 - linkDensity(e)));
  const ranked = [...finalScore.entries()].sort((a, b) => b[1] - a[1]);
  let top = ranked[0]![0];
  let topScore = ranked[0]![1];

  // Several strong candidates under one ancestor: the article is split, take the ancestor.
  const alternatives: Elem[] = [];
  for (let k = 1; k < Math.min(ranked.length, 6); k++) {
    if (ranked[k]![1] / topScore >= 0.75) alternatives.push(ranked[k]![0]);
  }
  if (alternatives.length >= 3) {
    for (let p = top.parent; p !== null && p.tag !== '#root'; p = p.parent) {
      let contained = 0;
      for (const a of alternatives) {
        for (let q: Elem | null = a; q !== null; q = q.parent) if (q === p) { contained++; break; }
      }
      if (contained >= 3) {
        top = p;
        topScore = finalScore.get(p) ?? topScore;
        break;
      }
    }
  }
  // A container that is its parent's only element child: the parent is the same container.
  while (top.parent !== null && top.parent.tag !== '#root' && countElements(top.parent) === 1) top = top.parent;
  // Walk up while the parent scores better (the paragraphs were spread over sub-containers).
  {
    let last = finalScore.get(top) ?? topScore;
    for (let p = top.parent; p !== null && p.tag !== '#root'; p = p.parent) {
      const ps = finalScore.get(p);
      if (ps === undefined) continue;
      if (ps < last / 3) break;
      if (ps > last && ps > topScore) {
        top = p;
        topScore = ps;
        break;
      }
      last = ps;
    }
  }

  // Siblings that look like more of the article.
  const containers: Elem[] = [top];
  const parent = top.parent;
  if (parent !== null) {
    const threshold = Math.max(10, topScore * 0.2);
    const topClass = top.attrs['class'] ?? '';
    for (const s of parent.children) {
      if (typeof s === 'string' || s === top) continue;
      let bonus = 0;
      if (topClass !== '' && s.attrs['class'] === topClass) bonus += topScore * 0.2;
      const sc = finalScore.get(s);
      if (sc !== undefined && sc + bonus >= threshold && !isNeg(s)) {
        containers.push(s);
      } else if (s.tag === 'p') {
        const len = textTot.get(s) ?? 0;
        const ld = linkDensity(s);
        if (len > 80 && ld < 0.25) containers.push(s);
        else if (len > 0 && len <= 80 && ld === 0 && /\.( |$)/.test(textOf1(s))) containers.push(s);
      }
    }
  }
  const inContainer = new Set(containers);
  // Captions (a lead photo above the body, say) are taken from the whole article around the body.
  let captionScope: Elem | null = top.parent;
  for (let e: Elem | null = top; e !== null && e.tag !== '#root'; e = e.parent) {
    if (e.tag === 'article' || /Article|BlogPosting/.test(e.attrs['itemtype'] ?? '')) {
      captionScope = e;
      break;
    }
  }
  if (captionScope !== null && captionScope.tag === '#root') captionScope = null;

  // --- output ---
  const title = opts.title ? normalizeSpace(opts.title).toLowerCase() : null;
  const out: RawBlock[] = [];
  for (const b of blocks) {
    // find the container above the block, checking furniture on the way
    let holder: Elem | null = null;
    let furniture = false;
    for (let e: Elem | null = b.el; e !== null; e = e.parent) {
      if (inContainer.has(e) || (b.caption && e === captionScope)) {
        holder = e;
        break;
      }
      if (!furniture && isNeg(e)) furniture = true;
    }
    if (holder === null || furniture) continue;
    if (b.heading === 1) continue;
    if (title !== null && b.text.length === title.length && b.text.toLowerCase() === title) continue;
    if (!b.caption) {
      if (b.chars < 80 && isBylineLine(b)) continue;
      const ld = b.linkChars / Math.max(1, b.chars);
      if (ld > LINK_DROP && b.chars < 300 && !/^(?:https?:\/\/|www\.)\S+$/.test(b.text)) continue;
      if (JUNK_LINE.test(b.text) || SHORTCODE.test(b.text)) continue;
    }
    out.push(b);
  }
  return { blocks: out, containers };
}

const BYLINE_CLASS = /(?:^|[\s_-])(?:author|authors|byline|by-?line|dateline|date|time|timestamp|published|pubdate|posted-?on)(?:$|[\s_-])/i;
/** A short "By Jane Roe" / date line, by its element's class or its wording. */
function isBylineLine(b: RawBlock): boolean {
  if (/^(?:by|written by|posted by|von|por|par|di|oleh)\s+\p{Lu}/iu.test(b.text) && !/[.!?]$/.test(b.text) && b.text.split(' ').length <= 8) return true;
  for (let e: Elem | null = b.el, k = 0; e !== null && k < 3; e = e.parent, k++) {
    const ci = classIdOf(e);
    if (ci.length > 0 && BYLINE_CLASS.test(ci)) return true;
  }
  return false;
}

/** Element children that can hold text. */
function countElements(e: Elem): number {
  let n = 0;
  for (const c of e.children) if (typeof c !== 'string' && !SKIP_TAGS.has(c.tag)) n++;
  return n;
}

function isBodyMarked(e: Elem): boolean {
  if (e.attrs['itemprop'] === 'articleBody' || e.tag === 'main' || e.attrs['role'] === 'main') return true;
  const ci = classIdOf(e);
  return ci.length > 0 && ARTICLE_BODY_PATTERN.test(ci);
}

/** Adds every element that is or contains an explicitly marked article body. */
function markBodyHolders(root: Elem, out: Set<Elem>): void {
  const walk = (e: Elem): boolean => {
    let has = isBodyMarked(e);
    for (const c of e.children) if (typeof c !== 'string' && !SKIP_TAGS.has(c.tag) && walk(c)) has = true;
    if (has) out.add(e);
    return has;
  };
  walk(root);
}

function textOf1(e: Elem): string {
  let s = '';
  for (const c of e.children) s += typeof c === 'string' ? c : textOf1(c);
  return s;
}
