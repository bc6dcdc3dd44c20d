// Page metadata: title, byline, publication date, language, canonical URL, site name, from
// JSON-LD, <meta>/<link> tags, microdata and a few visible elements, with the URL path as the
// last resort for the date.

import type { Elem } from './dom.js';
import { normalizeSpace } from './content.js';

export interface LdArticle {
  headline: string | null;
  datePublished: string | null;
  author: string | null;
  publisher: string | null;
  articleBody: string | null;
  inLanguage: string | null;
  url: string | null;
}

export interface MetaSources {
  /** name/property/itemprop/http-equiv (lower-cased) → first non-empty content. */
  readonly metas: Map<string, string>;
  readonly links: { rel: string; href: string; text: string }[];
  readonly ld: LdArticle;
  readonly titleTag: string | null;
  readonly h1: string[];
  readonly times: { datetime: string; pub: boolean }[];
  readonly itempropDates: string[];
  readonly authorTexts: string[];
}

const ARTICLE_TYPES = /^(?:NewsArticle|Article|BlogPosting|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BackgroundNewsArticle|ReviewNewsArticle|Report|ScholarlyArticle|TechArticle|LiveBlogPosting|SocialMediaPosting|WebPage|Posting)$/i;

function str(v: unknown): string | null {
  if (typeof v === 'string') {
    const s = normalizeSpace(v);
    return s.length > 0 ? s : null;
  }
  if (typeof v === 'number') return String(v);
  return null;
}

function nameOf(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return str(v);
  if (Array.isArray(v)) {
    const names = v.map(nameOf).filter((x): x is string => x !== null);
    return names.length > 0 ? [...new Set(names)].join(', ') : null;
  }
  if (typeof v === 'object') return str((v as Record<string, unknown>)['name']);
  return null;
}

function typesOf(o: Record<string, unknown>): string[] {
  const t = o['@type'];
  if (typeof t === 'string') return [t];
  if (Array.isArray(t)) return t.filter((x): x is string => typeof x === 'string');
  return [];
}

/** Finds the article object in parsed JSON-LD and reads the fields we use. */
function readLd(objs: unknown[]): LdArticle {
  const res: LdArticle = { headline: null, datePublished: null, author: null, publisher: null, articleBody: null, inLanguage: null, url: null };
  const found: { o: Record<string, unknown>; rank: number }[] = [];
  let budget = 5000;
  const visit = (v: unknown, depth: number): void => {
    if (budget-- <= 0 || depth > 12 || v === null || typeof v !== 'object') return;
    if (Array.isArray(v)) {
      for (const x of v) visit(x, depth + 1);
      return;
    }
    const o = v as Record<string, unknown>;
    const types = typesOf(o);
    if (types.some((t) => ARTICLE_TYPES.test(t))) {
      const rank = types.some((t) => /Article|Posting/i.test(t)) ? 0 : 1;
      found.push({ o, rank });
    }
    if (o['@graph'] !== undefined) visit(o['@graph'], depth + 1);
    if (o['mainEntity'] !== undefined) visit(o['mainEntity'], depth + 1);
  };
  for (const x of objs) visit(x, 0);
  found.sort((a, b) => a.rank - b.rank);
  for (const { o } of found) {
    res.headline ??= str(o['headline']) ?? (found.length === 1 ? str(o['name']) : null);
    res.datePublished ??= str(o['datePublished']) ?? str(o['dateCreated']);
    res.author ??= nameOf(o['author']) ?? nameOf(o['creator']);
    const pub = o['publisher'];
    res.publisher ??= nameOf(Array.isArray(pub) ? pub[0] : pub);
    if (res.articleBody === null && typeof o['articleBody'] === 'string') res.articleBody = o['articleBody'];
    res.inLanguage ??= str(o['inLanguage']);
    res.url ??= str(o['url']);
  }
  // A WebSite object's name is a site name too.
  if (res.publisher === null) {
    for (const x of objs) {
      const arr = Array.isArray(x) ? x : [x];
      for (const y of arr) {
        if (y && typeof y === 'object' && typesOf(y as Record<string, unknown>).includes('WebSite')) {
          res.publisher ??= str((y as Record<string, unknown>)['name']);
        }
      }
    }
  }
  return res;
}

function parseLdScript(raw: string): unknown[] {
  if (raw.length > 4_000_000) return [];
  let s = raw.trim().replace(/^<!\[CDATA\[|\]\]>$/g, '').replace(/^\s*\/\/.*$/gm, '').trim();
  if (s.length === 0) return [];
  try {
    return [JSON.parse(s)];
  } catch {
    // Raw newlines/tabs inside strings are a common authoring error.
    try {
      s = s.replace(/[\u0000-\u001f]+/g, ' ');
      return [JSON.parse(s)];
    } catch {
      return [];
    }
  }
}

/** One walk over the tree collecting everything the metadata readers need. */
export function collectMetaSources(root: Elem): MetaSources {
  const metas = new Map<string, string>();
  const links: { rel: string; href: string; text: string }[] = [];
  const ldObjs: unknown[] = [];
  let titleTag: string | null = null;
  const h1: string[] = [];
  const times: { datetime: string; pub: boolean }[] = [];
  const itempropDates: string[] = [];
  const authorTexts: string[] = [];

  const walk = (e: Elem, inArticleMeta: boolean): void => {
    for (const c of e.children) {
      if (typeof c === 'string') continue;
      const a = c.attrs;
      switch (c.tag) {
        case 'meta': {
          const content = a['content'];
          if (content !== undefined) {
            const v = normalizeSpace(content);
            if (v.length > 0) {
              for (const key of [a['name'], a['property'], a['itemprop'], a['http-equiv']]) {
                if (key !== undefined) {
                  const k = key.toLowerCase().trim();
                  if (!metas.has(k)) metas.set(k, v);
                }
              }
            }
          }
          continue;
        }
        case 'link':
          if (a['rel'] !== undefined && a['href'] !== undefined) links.push({ rel: a['rel'].toLowerCase(), href: a['href'].trim(), text: '' });
          continue;
        case 'script':
          if (/ld\+json/i.test(a['type'] ?? '') && typeof c.children[0] === 'string') ldObjs.push(...parseLdScript(c.children[0]));
          continue;
        case 'style': case 'noscript': case 'template': case 'svg':
          continue;
        case 'title':
          if (titleTag === null && typeof c.children[0] === 'string') titleTag = normalizeSpace(c.children[0]);
          continue;
        case 'h1':
          if (h1.length < 5) h1.push(normalizeSpace(textOf(c)));
          break;
        case 'time': {
          const dt = a['datetime'] ?? a['content'];
          if (dt !== undefined && times.length < 50) times.push({ datetime: dt.trim(), pub: 'pubdate' in a || a['itemprop'] === 'datePublished' || /publish|posted|created/i.test(a['class'] ?? '') });
          break;
        }
        case 'a':
          if (a['rel'] !== undefined && /\bauthor\b/i.test(a['rel'])) {
            links.push({ rel: a['rel'].toLowerCase(), href: a['href'] ?? '', text: normalizeSpace(textOf(c)) });
          }
          break;
      }
      const ip = a['itemprop'];
      if (ip !== undefined) {
        if (ip === 'datePublished') {
          const v = a['content'] ?? a['datetime'];
          if (v !== undefined) itempropDates.push(v.trim());
          else itempropDates.push(normalizeSpace(textOf(c)));
        } else if (/\bauthor\b/.test(ip) && authorTexts.length < 5) {
          const t = a['content'] ?? textOf(c);
          authorTexts.push(normalizeSpace(t));
        }
      }
      if (authorTexts.length < 5 && !inArticleMeta) {
        const cls = a['class'];
        if (cls !== undefined && /(?:^|[\s_-])(?:byline|author-?name|byline-?name|article-?author|post-?author|author)(?:$|[\s_-])/i.test(cls) && !/bio|avatar|image|photo|img/i.test(cls)) {
          const t = normalizeSpace(textOf(c));
          if (t.length > 0 && t.length < 120) {
            authorTexts.push(t);
            walk(c, true);
            continue;
          }
        }
      }
      walk(c, inArticleMeta);
    }
  };
  walk(root, false);
  return { metas, links, ld: readLd(ldObjs), titleTag, h1, times, itempropDates, authorTexts };
}

function textOf(e: Elem): string {
  let s = '';
  for (const c of e.children) {
    if (typeof c === 'string') s += c;
    else if (c.tag !== 'script' && c.tag !== 'style') s += ' ' + textOf(c);
  }
  return s;
}

// ---------------------------------------------------------------- title

const TITLE_SEPARATORS = [' | ', ' - ', ' – ', ' — ', ' :: ', ' « ', ' » ', ' · ', ' / '];

function squash(s: string): string {
  return s.toLowerCase().replace(/^www\./, '').replace(/\.(?:com|org|net|co\.uk|co|de|fr|it|br|com\.br|in)$/, '').replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Drops a " | Site Name" (or "Site Name - ") part from a title. */
export function cleanTitle(title: string, siteName: string | null, host: string | null): string {
  let t = normalizeSpace(title);
  const site = siteName ? squash(siteName) : null;
  const hostSq = host ? squash(host) : null;
  for (let round = 0; round < 3; round++) {
    let changed = false;
    for (const sep of TITLE_SEPARATORS) {
      const last = t.lastIndexOf(sep);
      if (last > 0) {
        const tail = t.slice(last + sep.length);
        const head = t.slice(0, last);
        const tq = squash(tail);
        const siteLike = tq.length > 0 && ((site !== null && (tq === site || site.includes(tq) || tq.includes(site))) || (hostSq !== null && (hostSq.includes(tq) || tq.includes(hostSq))));
        const words = tail.split(/\s+/).length;
        const headWords = head.split(/\s+/).length;
        if (siteLike || (sep === ' | ' && words <= 4 && headWords >= 3)) {
          t = head.trim();
          changed = true;
          break;
        }
      }
      const first = t.indexOf(sep);
      if (first > 0) {
        const lead = t.slice(0, first);
        const lq = squash(lead);
        if (lq.length > 0 && ((site !== null && lq === site) || (hostSq !== null && lq === hostSq))) {
          t = t.slice(first + sep.length).trim();
          changed = true;
          break;
        }
      }
    }
    if (!changed) break;
  }
  return t;
}

// ---------------------------------------------------------------- dates

const ISO_LIKE = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** An ISO date or timestamp from a date string as found, or null if it is not a date. */
export function normalizeDate(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const s = raw.trim();
  if (s.length === 0 || s.length > 80) return null;
  if (ISO_LIKE.test(s)) {
    const y = +s.slice(0, 4);
    const m = +s.slice(5, 7);
    const d = +s.slice(8, 10);
    if (y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31) return s.replace(' ', 'T');
    return null;
  }
  // compact 20190512 / 20190512T101500
  let m = /^(\d{4})(\d{2})(\d{2})(?:T?(\d{2})(\d{2})(\d{2})?)?/.exec(s);
  if (m && +m[2]! >= 1 && +m[2]! <= 12 && +m[3]! >= 1 && +m[3]! <= 31 && +m[1]! >= 1900 && +m[1]! <= 2100) {
    return `${m[1]}-${m[2]}-${m[3]}` + (m[4] ? `T${m[4]}:${m[5]}:${m[6] ?? '00'}` : '');
  }
  // "2019-05-12T10:00:00.000+0000"-like variants and RFC 2822 dates
  m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b/.exec(s);
  if (m) {
    const mo = +m[2]!;
    const d = +m[3]!;
    if (mo >= 1 && mo <= 12 && d >= 1 && d <= 31) return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  }
  if (/[a-z]{3}/i.test(s) && /\b(1[89]|20)\d{2}\b/.test(s)) {
    const t = Date.parse(s);
    if (!Number.isNaN(t)) {
      const iso = new Date(t).toISOString();
      return /\d{1,2}:\d{2}/.test(s) ? iso : iso.slice(0, 10);
    }
  }
  if (/^\d{10}$/.test(s) || /^\d{13}$/.test(s)) {
    const t = s.length === 10 ? +s * 1000 : +s;
    const iso = new Date(t).toISOString();
    if (iso >= '1990' && iso <= '2100') return iso;
  }
  return null;
}

/** A date from the URL path: /2019/05/12/, /2019-05-12-, /20190512/. */
export function dateFromUrl(url: string | null): string | null {
  if (!url) return null;
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    /* keep the raw string */
  }
  const ok = (y: string, mo: string, d: string): string | null => {
    const Y = +y, M = +mo, D = +d;
    if (Y < 1990 || Y > 2100 || M < 1 || M > 12 || D < 1 || D > 31) return null;
    return `${y}-${mo.padStart(2, '0')}-${d.padStart(2, '0')}`;
  };
  let m = /(?:^|\/)((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})(?:\/|$|[^\d])/.exec(path);
  if (m) return ok(m[1]!, m[2]!, m[3]!);
  m = /(?:^|[/_-])((?:19|20)\d{2})-(\d{2})-(\d{2})(?:[/_.-]|$)/.exec(path);
  if (m) return ok(m[1]!, m[2]!, m[3]!);
  m = /(?:^|\/)((?:19|20)\d{2})(\d{2})(\d{2})(?:\/|$|[_-])/.exec(path);
  if (m) return ok(m[1]!, m[2]!, m[3]!);
  return null;
}

// ---------------------------------------------------------------- the rest

function resolveUrl(href: string | null | undefined, base: string | null): string | null {
  if (!href) return null;
  const h = href.trim();
  if (h.length === 0 || /^(?:javascript|data|mailto):/i.test(h)) return null;
  try {
    return new URL(h, base ?? undefined).href;
  } catch {
    return /^https?:\/\//i.test(h) ? h : null;
  }
}

export function normalizeLanguage(raw: string | null | undefined): string | null {
  if (!raw) return null;
  const first = raw.split(/[,;]/)[0]!.trim().replace(/_/g, '-');
  const m = /^([A-Za-z]{2,3})(?:-([A-Za-z0-9]{2,8}))?/.exec(first);
  if (!m) return null;
  const primary = m[1]!.toLowerCase();
  if (primary === 'und' || primary === 'xx') return null;
  if (!m[2]) return primary;
  const sub = m[2].length === 2 ? m[2].toUpperCase() : m[2].length === 4 ? m[2][0]!.toUpperCase() + m[2].slice(1).toLowerCase() : m[2];
  return `${primary}-${sub}`;
}

function cleanByline(raw: string | null | undefined): string | null {
  if (!raw) return null;
  let s = normalizeSpace(raw);
  if (/^https?:\/\//i.test(s) || s.length === 0) return null;
  s = s.replace(/^(?:by|written by|posted by|von|por|par|di|oleh|автор)\s*[:-]?\s+/i, '').trim();
  s = s.replace(/\s*[|,]?\s*(?:updated|published|posted)\b.*$/i, '').trim();
  if (s.length === 0 || s.length > 150) return null;
  return s;
}

export interface PageMetaFields {
  title: string | null;
  byline: string | null;
  published: string | null;
  language: string | null;
  canonicalUrl: string | null;
  siteName: string | null;
}

export function readMeta(src: MetaSources, htmlAttrs: Record<string, string>, url: string | null): PageMetaFields {
  const m = src.metas;
  const get = (...keys: string[]): string | null => {
    for (const k of keys) {
      const v = m.get(k);
      if (v !== undefined && v.length > 0) return v;
    }
    return null;
  };

  const canonicalHref = src.links.find((l) => l.rel.split(/\s+/).includes('canonical'))?.href;
  const canonicalUrl = resolveUrl(canonicalHref, url) ?? resolveUrl(get('og:url'), url);

  const siteName = get('og:site_name', 'application-name', 'twitter:site:name') ?? src.ld.publisher;

  let host: string | null = null;
  try {
    host = new URL(canonicalUrl ?? url ?? '').hostname;
  } catch {
    host = null;
  }
  const rawTitle = get('og:title', 'twitter:title') ?? src.ld.headline ?? src.h1.find((h) => h.length > 0) ?? src.titleTag ?? get('title', 'dc.title');
  const title = rawTitle ? cleanTitle(rawTitle, siteName, host) || null : null;

  let byline = cleanByline(src.ld.author);
  byline ??= cleanByline(get('author', 'article:author', 'dc.creator', 'byl', 'sailthru.author', 'parsely-author', 'twitter:creator'));
  if (byline !== null && byline.startsWith('@') && src.authorTexts.length > 0) byline = null;
  if (byline === null) {
    const rel = src.links.find((l) => l.text.length > 0 && l.text.length < 80);
    byline = cleanByline(rel?.text);
  }
  if (byline === null) for (const t of src.authorTexts) if ((byline = cleanByline(t)) !== null) break;

  let published = normalizeDate(src.ld.datePublished);
  published ??= normalizeDate(get('article:published_time', 'og:published_time', 'article:published', 'published_time', 'datepublished', 'publishdate', 'publish-date', 'pubdate', 'publication_date', 'sailthru.date', 'parsely-pub-date', 'dc.date.issued', 'dcterms.issued', 'dc.date', 'dcterms.date', 'date', 'article.published', 'og:pubdate', 'cxenseparse:recs:publishtime', 'citation_publication_date'));
  if (published === null) for (const d of src.itempropDates) if ((published = normalizeDate(d)) !== null) break;
  if (published === null) {
    const t = src.times.find((x) => x.pub) ?? src.times[0];
    published = normalizeDate(t?.datetime);
  }
  published ??= dateFromUrl(url) ?? dateFromUrl(canonicalUrl);

  const language =
    normalizeLanguage(htmlAttrs['lang'] ?? htmlAttrs['xml:lang']) ??
    normalizeLanguage(get('og:locale')) ??
    normalizeLanguage(get('content-language', 'language', 'dc.language')) ??
    normalizeLanguage(src.ld.inLanguage);

  return { title, byline, published, language, canonicalUrl, siteName };
}
