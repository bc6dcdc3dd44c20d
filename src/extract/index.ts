// Page → Doc. Three kinds of input, as in the batch contract:
//   body: a clean article body, analysed verbatim (offsets index it exactly);
//   text: a page-like plain text (like the seed) to parse as an article;
//   html: an HTML page.
// The Doc's text is the body paragraphs separated by blank lines, then the captions, so
// captions stay out of the body yet remain spans their dates and credits can point into.

import { Doc } from '../doc/doc.js';
import type { ArticleMeta, Block, Caption } from '../doc/doc.js';
import { InputError } from '../doc/errors.js';
import { parseHtmlPage } from './html/index.js';
import type { ParsedPage } from './page.js';
import { parseTextPage } from './text/index.js';

export type ArticleInput =
  | { readonly kind: 'body'; readonly body: string; readonly published?: string | null; readonly url?: string | null }
  | { readonly kind: 'text'; readonly text: string; readonly published?: string | null; readonly url?: string | null }
  | { readonly kind: 'html'; readonly html: string; readonly published?: string | null; readonly url?: string | null };

export interface InputLimits {
  /** Largest input accepted, in UTF-16 code units (about bytes for Latin text). */
  readonly maxInputChars: number;
}

export const DEFAULT_INPUT_LIMITS: InputLimits = { maxInputChars: 32 * 1024 * 1024 };

const PARAGRAPH_SEPARATOR = '\n\n';
/** "Credit: WeWork", "Photo: AP" — the label is not part of the credit. */
const CREDIT_LABEL = /^(?:photo(?:graph)?|image|picture|credit|photo credit|image credit|source|ảnh|foto)\s*(?:credit)?\s*[:\-–—]\s*/iu;

export function docFromInput(input: ArticleInput, limits: InputLimits = DEFAULT_INPUT_LIMITS): Doc {
  const raw = input.kind === 'body' ? input.body : input.kind === 'text' ? input.text : input.html;
  if (typeof raw !== 'string') throw new InputError('INPUT_TYPE', `"${input.kind}" must be a string.`);
  checkInput(raw, limits);
  if (input.kind === 'body') return docFromBody(input.body, input.published ?? null, input.url ?? null);
  const page = input.kind === 'text' ? parseTextPage(input.text, { url: input.url }) : parseHtmlPage(input.html, { url: input.url });
  return docFromPage(page, input.published ?? null);
}

export function checkInput(raw: string, limits: InputLimits): void {
  if (raw.length > limits.maxInputChars) {
    throw new InputError(
      'INPUT_TOO_LARGE',
      `Input is ${(raw.length / 1048576).toFixed(1)} MB; the limit is ${(limits.maxInputChars / 1048576).toFixed(1)} MB. ` +
        'Split the article, or raise the limit with --max-input-mb.',
    );
  }
  if (looksBinary(raw)) {
    throw new InputError('INPUT_BINARY', 'Input looks binary (NUL or control bytes), not text or HTML: pass a text, HTML or JSONL file.');
  }
}

/** NUL bytes, or many control / replacement characters in the first 64 KB. */
function looksBinary(raw: string): boolean {
  const head = raw.slice(0, 65536);
  if (head.includes('\u0000')) return true;
  let bad = 0;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) bad++;
  }
  return head.length > 0 && bad / head.length > 0.05;
}

/** A body is analysed verbatim; its paragraphs are its non-empty lines. */
export function docFromBody(body: string, published: string | null, url: string | null): Doc {
  const blocks: Block[] = [];
  const re = /[^\n]+/g;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    const lead = m[0].length - m[0].trimStart().length;
    const trail = m[0].length - m[0].trimEnd().length;
    if (m[0].trim()) blocks.push({ kind: 'paragraph', start: m.index + lead, end: m.index + m[0].length - trail });
  }
  const meta: Partial<ArticleMeta> = { published, url, source: url ? { url, publisher: domainOf(url) } : null };
  return Doc.create(body, meta).withLayer('blocks', blocks).withLayer('captions', []);
}

export function docFromPage(page: ParsedPage, published: string | null): Doc {
  const paragraphs = page.blocks.filter((b) => b.kind === 'paragraph');
  const captions = page.blocks.filter((b) => b.kind === 'caption');
  let text = '';
  const blocks: Block[] = [];
  const captionSpans: Caption[] = [];
  for (const b of [...paragraphs, ...captions]) {
    if (text) text += PARAGRAPH_SEPARATOR;
    const start = text.length;
    text += b.text;
    blocks.push({ kind: b.kind, start, end: text.length });
    if (b.kind === 'caption') {
      const credit = b.credit ? b.credit.replace(CREDIT_LABEL, '') : null;
      const at = credit ? b.text.lastIndexOf(credit) : -1;
      captionSpans.push({
        start,
        end: text.length,
        credit: credit && at >= 0 ? { start: start + at, end: start + at + credit.length, text: credit } : null,
      });
    }
  }
  const m = page.meta;
  const sourceUrl = m.republishedFrom ?? m.canonicalUrl ?? m.url;
  const meta: Partial<ArticleMeta> = {
    title: m.title,
    titleInferred: m.titleInferred,
    published: published ?? m.published,
    url: m.url,
    canonicalUrl: m.canonicalUrl,
    byline: m.byline,
    language: m.language,
    source: sourceUrl ? { url: sourceUrl, publisher: m.republishedFrom ? domainOf(sourceUrl) : (m.siteName ?? domainOf(sourceUrl)) } : null,
    republishedFrom: m.republishedFrom,
    boilerplate: m.boilerplate,
  };
  return Doc.create(text, meta).withLayer('blocks', blocks).withLayer('captions', captionSpans);
}

/** The publisher's domain: "https://www.vtcnews.vn/x" → "vtcnews.vn". */
export function domainOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, '') || null;
  } catch {
    return null;
  }
}
