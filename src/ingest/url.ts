// One article from the web into the knowledge base: fetch (with the fetcher's limits), read as
// HTML or text by content type, skip what is already stored (canonical URL, content hash)
// before any analysis, extract, save. On any failure nothing is stored.

import { InputError } from '../doc/errors.js';
import { extractArticle } from '../extract/article.js';
import { DEFAULT_INPUT_LIMITS, type ArticleInput, type InputLimits } from '../extract/index.js';
import { PIPELINE_VERSION } from '../pipeline.js';
import type { ArticleResult } from '../result.js';
import { canonicalUrl, contentHash, type SaveOutcome, type SaveStatus, type Store } from '../store/store.js';
import { DEFAULT_FETCH_LIMITS, FetchError, fetchPage, type FetchedPage, type FetchLimits } from './fetch.js';

export type Fetcher = (url: string, limits: FetchLimits) => Promise<FetchedPage>;

export interface IngestUrlOptions {
  /** Whole-request deadline, redirects included (ms). */
  readonly timeoutMs?: number;
  /** Largest response body accepted (bytes). */
  readonly maxBytes?: number;
  readonly maxRedirects?: number;
  /** Allow private, loopback and link-local addresses (off by default). */
  readonly allowPrivate?: boolean;
  readonly userAgent?: string;
  readonly input?: InputLimits;
  /** Publication date (YYYY-MM-DD) to use when the page states none (e.g. from a feed entry). */
  readonly published?: string | null;
  /** Shown as the article's origin ("feed:https://…"). Defaults to the URL. */
  readonly origin?: string | null;
  /** Analyse and save even when the article is stored with the current pipeline. */
  readonly force?: boolean;
  /** The fetch to use (the feed poller passes one that waits its turn per host). */
  readonly fetcher?: Fetcher;
}

export interface IngestOutcome {
  readonly status: SaveStatus;
  readonly articleId: number;
  /** The URL the article was read from (after redirects). */
  readonly url: string;
  readonly title: string | null;
  readonly duplicateOf?: SaveOutcome['duplicateOf'];
}

export function fetchLimitsFrom(options: IngestUrlOptions): FetchLimits {
  return {
    timeoutMs: options.timeoutMs ?? DEFAULT_FETCH_LIMITS.timeoutMs,
    maxBytes: options.maxBytes ?? DEFAULT_FETCH_LIMITS.maxBytes,
    maxRedirects: options.maxRedirects ?? DEFAULT_FETCH_LIMITS.maxRedirects,
    allowPrivate: options.allowPrivate ?? DEFAULT_FETCH_LIMITS.allowPrivate,
    userAgent: options.userAgent ?? DEFAULT_FETCH_LIMITS.userAgent,
  };
}

/** Fetch an article URL and store it. Throws FetchError / InputError with a code; stores nothing then. */
export async function ingestUrl(url: string, store: Store, options: IngestUrlOptions = {}): Promise<IngestOutcome> {
  const requested = canonicalUrl(url);
  if (!requested) throw new FetchError('BAD_URL', `"${url}" is not a valid URL: give an absolute http(s) URL.`);
  if (!options.force) {
    const known = await store.findArticle({ url: requested });
    if (known && known.pipelineVersion === PIPELINE_VERSION) {
      return { status: 'duplicate', articleId: known.articleId, url, title: null, duplicateOf: { articleId: known.articleId, by: 'url' } };
    }
  }
  const page = await (options.fetcher ?? fetchPage)(url, fetchLimitsFrom(options));
  const kind = contentKind(page);
  const input: ArticleInput = kind === 'html' ? { kind, html: page.body, url: page.url } : { kind, text: page.body, url: page.url };
  return ingestInput(input, store, { ...options, url: page.url, origin: options.origin ?? url });
}

export interface IngestHtmlMeta {
  /** The article's URL (the feed entry's link), if known. */
  readonly url: string | null;
  readonly title?: string | null;
  readonly published?: string | null;
  readonly origin?: string | null;
}

/**
 * Store an article from HTML already in hand (a feed entry's content): wrapped as a page with
 * the entry's title, URL and date so extraction sees them.
 */
export async function ingestHtml(html: string, store: Store, meta: IngestHtmlMeta, options: Pick<IngestUrlOptions, 'input' | 'force'> = {}): Promise<IngestOutcome> {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/"/g, '&quot;');
  const head = [
    meta.title ? `<title>${esc(meta.title)}</title>` : '',
    meta.url ? `<link rel="canonical" href="${esc(meta.url)}">` : '',
    meta.published ? `<meta property="article:published_time" content="${esc(meta.published)}">` : '',
  ].join('');
  const h1 = meta.title ? `<h1>${esc(meta.title)}</h1>` : '';
  const page = `<!doctype html><html><head><meta charset="utf-8">${head}</head><body><article>${h1}${html}</article></body></html>`;
  return ingestInput({ kind: 'html', html: page, url: meta.url }, store, {
    ...options,
    url: meta.url,
    published: meta.published ?? null,
    origin: meta.origin ?? meta.url,
  });
}

/** html or text by the content type (sniffed when absent); feeds, images, PDFs and the like are refused. */
export function contentKind(page: Pick<FetchedPage, 'contentType' | 'body' | 'url'>): 'html' | 'text' {
  const type = page.contentType.split(';')[0].trim().toLowerCase();
  if (type === 'text/html' || type === 'application/xhtml+xml') return 'html';
  if (type === 'text/plain') return /^\s*(?:<!doctype html|<html)/i.test(page.body.slice(0, 1000)) ? 'html' : 'text';
  if (/(?:rss|atom|rdf)\+xml$|^application\/feed\+json$/.test(type) || (/xml/.test(type) && /<(?:rss|feed|rdf:RDF)[\s>]/.test(page.body.slice(0, 2000)))) {
    throw new InputError('IS_A_FEED', `${page.url} is a feed, not an article: add it with "newsgraph feeds add ${page.url}".`);
  }
  if (type === '' || type === 'application/octet-stream') return /^\s*</.test(page.body) ? 'html' : 'text';
  throw new InputError('UNSUPPORTED_TYPE', `${page.url} is ${type}, not an HTML or text page: only web pages and plain text can be read as articles.`);
}

async function ingestInput(
  input: ArticleInput,
  store: Store,
  options: { url: string | null; origin?: string | null; published?: string | null; input?: InputLimits; force?: boolean },
): Promise<IngestOutcome> {
  const raw = input.kind === 'html' ? input.html : input.kind === 'text' ? input.text : input.body;
  const hash = contentHash(raw);
  const canon = canonicalUrl(options.url);
  const reportUrl = options.url ?? '';
  if (!options.force) {
    const byContent = await store.findArticle({ contentHash: hash });
    if (byContent && byContent.pipelineVersion === PIPELINE_VERSION) {
      return { status: 'duplicate', articleId: byContent.articleId, url: reportUrl, title: null, duplicateOf: { articleId: byContent.articleId, by: 'content' } };
    }
    const byUrl = canon ? await store.findArticle({ url: canon }) : null;
    if (byUrl && byUrl.pipelineVersion === PIPELINE_VERSION) {
      return { status: 'duplicate', articleId: byUrl.articleId, url: reportUrl, title: null, duplicateOf: { articleId: byUrl.articleId, by: 'url' } };
    }
  }
  const limits = options.input ?? DEFAULT_INPUT_LIMITS;
  let result: ArticleResult = extractArticle(input, limits).result;
  // The page's own date wins; the caller's (a feed entry's) fills in when the page has none.
  if (result.published === null && options.published) {
    result = extractArticle({ ...input, published: options.published.slice(0, 10) }, limits).result;
  }
  if (!result.text.trim()) throw new InputError('EMPTY_ARTICLE', `No article text found at ${reportUrl || 'the input'}: the page may need JavaScript or be an index page.`);
  const saved = await store.saveArticle(result, { contentHash: hash, pipelineVersion: PIPELINE_VERSION, url: options.url, origin: options.origin ?? options.url });
  return {
    status: saved.status,
    articleId: saved.articleId,
    url: reportUrl,
    title: result.title,
    ...(saved.duplicateOf ? { duplicateOf: saved.duplicateOf } : {}),
  };
}
