// RSS 2.0 / 0.9x, Atom 1.0 / 0.3, RDF (RSS 1.0) and JSON Feed → one entry shape. feedsmith
// does the parsing; this module picks, per format, the link, the id, the dates and the HTML,
// and is tolerant of what real feeds get wrong (bad dates, relative links, missing ids).

import { parseFeed } from 'feedsmith';
import { NewsgraphError } from '../../doc/errors.js';

export class FeedError extends NewsgraphError {}

export type FeedFormat = 'rss' | 'atom' | 'rdf' | 'json';

export interface FeedEntry {
  /** The entry's own id (RSS guid, Atom id, JSON Feed id, RDF about), if any. */
  readonly guid: string | null;
  /** Absolute http(s) URL of the article, resolved against the feed URL. */
  readonly link: string | null;
  readonly title: string | null;
  /** Full ISO timestamp in UTC, or null when absent or unreadable. */
  readonly published: string | null;
  /** The calendar day as the feed states it (its own UTC offset), YYYY-MM-DD. */
  readonly publishedDate: string | null;
  readonly summaryHtml: string | null;
  /** Full content (content:encoded, Atom content, JSON Feed content_html/content_text). */
  readonly contentHtml: string | null;
}

export interface ParsedFeed {
  readonly format: FeedFormat;
  readonly title: string | null;
  /** The site the feed belongs to. */
  readonly siteUrl: string | null;
  readonly entries: readonly FeedEntry[];
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined || v === null ? [] : [v]);

/** A trimmed non-empty string from a string, a number or an Atom text construct ({value}). */
function str(v: unknown): string | null {
  if (typeof v === 'number') return String(v);
  if (isObj(v)) return str(v.value);
  if (typeof v !== 'string') return null;
  const s = v.trim();
  return s ? s : null;
}

/** Parse a feed document. `feedUrl` resolves relative links. Throws FeedError NOT_A_FEED. */
export function parseFeedDocument(text: string, feedUrl: string | null = null): ParsedFeed {
  let parsed: { format: string; feed: unknown };
  try {
    parsed = parseFeed(text.replace(/^\uFEFF/, '')) as { format: string; feed: unknown };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new FeedError('NOT_A_FEED', `${feedUrl ?? 'The document'} is not an RSS, Atom, RDF or JSON feed (${why}). Check that the URL is the feed, not the site's home page.`);
  }
  const feed = isObj(parsed.feed) ? parsed.feed : {};
  const format = parsed.format as FeedFormat;
  const now = Date.now();
  switch (format) {
    case 'rss':
    case 'rdf':
      return {
        format,
        title: str(feed.title),
        siteUrl: absolute(str(feed.link), feedUrl),
        entries: arr(feed.items).filter(isObj).map((item) => rssEntry(item, feedUrl, now)),
      };
    case 'atom':
      return {
        format,
        title: textOf(feed.title),
        siteUrl: absolute(atomLink(feed.links), feedUrl),
        entries: arr(feed.entries).filter(isObj).map((entry) => atomEntry(entry, feedUrl, now)),
      };
    case 'json':
      return {
        format,
        title: str(feed.title),
        siteUrl: absolute(str(feed.home_page_url), feedUrl),
        entries: arr(feed.items).filter(isObj).map((item) => jsonEntry(item, feedUrl, now)),
      };
    default:
      throw new FeedError('NOT_A_FEED', `Unsupported feed format "${String(parsed.format)}".`);
  }
}

function rssEntry(item: Obj, base: string | null, now: number): FeedEntry {
  const guidObj = item.guid;
  const guid = str(guidObj) ?? str(isObj(item.rdf) ? item.rdf.about : null);
  const permalink = isObj(guidObj) && guidObj.isPermaLink !== false ? str(guidObj) : null;
  const link = absolute(str(item.link), base) ?? absolute(permalink, base) ?? absolute(str(isObj(item.rdf) ? item.rdf.about : null), base);
  const dates = [item.pubDate, ...arr(isObj(item.dc) ? item.dc.dates ?? item.dc.date : null), isObj(item.dcterms) ? item.dcterms.created : null, isObj(item.dcterms) ? item.dcterms.issued : null];
  const content = isObj(item.content) ? str(item.content.encoded) : null;
  return { guid, link, title: str(item.title), ...firstDate(dates, now), summaryHtml: str(item.description), contentHtml: content };
}

function atomEntry(entry: Obj, base: string | null, now: number): FeedEntry {
  const content = isObj(entry.content) ? atomHtml(entry.content) : null;
  const summary = isObj(entry.summary) ? atomHtml(entry.summary) : null;
  return {
    guid: str(entry.id),
    link: absolute(atomLink(entry.links), base),
    title: textOf(entry.title),
    ...firstDate([entry.published, entry.issued, entry.created, entry.updated, entry.modified, ...arr(isObj(entry.dc) ? entry.dc.dates : null)], now),
    summaryHtml: summary,
    contentHtml: content,
  };
}

function jsonEntry(item: Obj, base: string | null, now: number): FeedEntry {
  const html = str(item.content_html);
  const text = str(item.content_text);
  return {
    guid: str(item.id),
    link: absolute(str(item.url), base) ?? absolute(str(item.external_url), base),
    title: str(item.title),
    ...firstDate([item.date_published, item.date_modified], now),
    summaryHtml: str(item.summary) ? `<p>${escapeHtml(str(item.summary)!)}</p>` : null,
    contentHtml: html ?? (text ? textToHtml(text) : null),
  };
}

/** The alternate (HTML) link of an Atom entry or feed, else the first without a rel. */
function atomLink(links: unknown): string | null {
  const list = arr(links).filter(isObj);
  const pick =
    list.find((l) => (l.rel === undefined || l.rel === 'alternate') && (l.type === undefined || /html/i.test(String(l.type)))) ??
    list.find((l) => l.rel === undefined || l.rel === 'alternate');
  return pick ? str(pick.href) : null;
}

/** Atom text constructs: html as is, xhtml as markup, text escaped. */
function atomHtml(c: Obj): string | null {
  const value = str(c.value);
  if (!value) return null;
  const type = String(c.type ?? 'text').toLowerCase();
  return type === 'html' || type === 'xhtml' || type.includes('html') ? value : textToHtml(value);
}

function textOf(v: unknown): string | null {
  const s = str(v);
  if (!s) return null;
  return isObj(v) && /html/i.test(String(v.type ?? '')) ? decodeEntities(s.replace(/<[^>]*>/g, '')).trim() || null : s;
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1));
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return NAMED[e.toLowerCase()] ?? m;
  });
}

function textToHtml(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Absolute http(s) URL, or null. */
function absolute(link: string | null, base: string | null): string | null {
  if (!link) return null;
  try {
    const u = base ? new URL(link, base) : new URL(link);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}

function firstDate(candidates: unknown[], now: number): { published: string | null; publishedDate: string | null } {
  for (const c of candidates) {
    const d = parseFeedDate(str(c), now);
    if (d) return d;
  }
  return { published: null, publishedDate: null };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZONES: Record<string, number> = { UT: 0, UTC: 0, GMT: 0, Z: 0, EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420, CET: 60, CEST: 120, BST: 60, IST: 330, JST: 540, AEST: 600, AEDT: 660 };
/** Dates more than this far in the future are typos or placeholders, not publication dates. */
const MAX_FUTURE_MS = 2 * 86_400_000;

/**
 * A feed date → {published: UTC ISO, publishedDate: the day in the date's own offset}.
 * Reads RFC 822 (with or without a weekday, named or numeric zones, 2-digit years), ISO 8601
 * (date only, no seconds, no zone = UTC); anything else, or a year before 1990 or a date far in
 * the future, is null rather than a wrong date.
 */
export function parseFeedDate(raw: string | null, now = Date.now()): { published: string; publishedDate: string } | null {
  if (!raw) return null;
  const s = raw.trim().replace(/\s+/g, ' ');
  let y: number, mo: number, d: number, h = 0, mi = 0, sec = 0, offset = 0;
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[+-]\d{2})?$/i.exec(s);
  if (iso) {
    [y, mo, d] = [Number(iso[1]), Number(iso[2]), Number(iso[3])];
    if (iso[4]) [h, mi, sec] = [Number(iso[4]), Number(iso[5]), Number(iso[6] ?? 0)];
    if (iso[7]) offset = zoneOffset(iso[7]) ?? 0;
  } else {
    // RFC 822: [Wkd,] D Mon YYYY [HH:MM[:SS]] [zone]; tolerate "Tues", missing comma, dots.
    const m = /^(?:[a-z]+\.?,?\s*)?(\d{1,2})[ -]([a-z]{3})[a-z]*\.?[ -](\d{2,4})(?:,? (\d{1,2}):(\d{2})(?::(\d{2}))?)?(?: ?([a-z]{1,5}|[+-]\d{2}:?\d{2}))?$/i.exec(s);
    if (!m) return null;
    const month = MONTHS.indexOf(m[2].toLowerCase());
    if (month < 0) return null;
    d = Number(m[1]);
    mo = month + 1;
    y = Number(m[3]);
    if (m[3].length === 2) y += y < 70 ? 2000 : 1900;
    if (m[4]) [h, mi, sec] = [Number(m[4]), Number(m[5]), Number(m[6] ?? 0)];
    if (m[7]) {
      const z = zoneOffset(m[7]);
      if (z === null) return null;
      offset = z;
    }
  }
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || sec > 60 || y < 1990) return null;
  const local = Date.UTC(y, mo - 1, d, h, mi, Math.min(sec, 59));
  const check = new Date(local);
  if (check.getUTCDate() !== d) return null; // 31 February
  const utc = local - offset * 60_000;
  if (utc > now + MAX_FUTURE_MS) return null;
  return { published: new Date(utc).toISOString(), publishedDate: check.toISOString().slice(0, 10) };
}

function zoneOffset(z: string): number | null {
  const up = z.toUpperCase();
  if (up in ZONES) return ZONES[up];
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(z);
  if (!m) return null;
  const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -mins : mins;
}
