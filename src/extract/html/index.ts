// HTML page parser: the article's blocks (paragraphs and photo captions) in reading order, plus
// the page metadata. Never throws: malformed, binary or huge input gives a (possibly empty) result.

import { EMPTY_PAGE_META, type PageBlock, type PageMeta, type ParsedPage } from '../page.js';
import { parseDocument } from './dom.js';
import { extractContent, type RawBlock } from './content.js';
import { findCredit } from './credit.js';
import { collectMetaSources, readMeta } from './meta.js';

export interface ParseHtmlOptions {
  readonly url?: string | null;
}

/** Pages above this size are cut (at a tag boundary) before parsing. */
export const MAX_HTML_CHARS = 8_000_000;

export function parseHtmlPage(html: string, options: ParseHtmlOptions = {}): ParsedPage {
  const url = typeof options.url === 'string' && options.url.length > 0 ? options.url : null;
  try {
    return parseUnsafe(typeof html === 'string' ? html : String(html ?? ''), url);
  } catch {
    return { blocks: [], meta: { ...EMPTY_PAGE_META, url } };
  }
}

function parseUnsafe(html: string, url: string | null): ParsedPage {
  if (html.length > MAX_HTML_CHARS) {
    const cut = html.lastIndexOf('<', MAX_HTML_CHARS);
    html = html.slice(0, cut > MAX_HTML_CHARS / 2 ? cut : MAX_HTML_CHARS);
  }
  const doc = parseDocument(html);
  const src = collectMetaSources(doc.root);
  const fields = readMeta(src, doc.htmlAttrs, url);
  const { blocks } = extractContent(doc.root, { title: fields.title });
  const meta: PageMeta = {
    ...EMPTY_PAGE_META,
    ...fields,
    url,
    titleInferred: false,
    republishedFrom: null,
    boilerplate: [],
  };
  return { blocks: toPageBlocks(blocks), meta };
}

function toPageBlocks(raw: readonly RawBlock[]): PageBlock[] {
  const out: PageBlock[] = [];
  for (let k = 0; k < raw.length; k++) {
    const b = raw[k]!;
    if (!b.caption) {
      out.push({ kind: 'paragraph', text: b.text });
      continue;
    }
    // one caption block per caption element
    let text = b.text;
    while (k + 1 < raw.length && raw[k + 1]!.caption && raw[k + 1]!.captionEl === b.captionEl && b.captionEl !== null) {
      text += ' ' + raw[++k]!.text;
    }
    out.push({ kind: 'caption', text, credit: findCredit(text, b.captionEl) });
  }
  return out;
}
