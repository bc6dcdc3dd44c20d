// OPML subscription lists → feed URLs with titles. Outlines nest (folders); every outline
// with an xmlUrl is a feed, whatever its depth or type attribute.

import { parseOpml } from 'feedsmith';
import { FeedError } from './parse.js';

export interface OpmlFeed {
  readonly url: string;
  readonly title: string | null;
  /** The folder path the outline sits in ("News / World"), or null at the top. */
  readonly folder: string | null;
}

export function parseOpmlFeeds(text: string): OpmlFeed[] {
  let doc: { body?: { outlines?: unknown[] } };
  try {
    doc = parseOpml(text.replace(/^\uFEFF/, '')) as typeof doc;
  } catch (err) {
    throw new FeedError('BAD_OPML', `Not an OPML file (${err instanceof Error ? err.message : String(err)}): export your subscriptions from a feed reader as OPML.`);
  }
  const out: OpmlFeed[] = [];
  const seen = new Set<string>();
  const walk = (outlines: unknown[] | undefined, path: string[]) => {
    for (const o of outlines ?? []) {
      if (typeof o !== 'object' || o === null) continue;
      const node = o as { text?: unknown; title?: unknown; xmlUrl?: unknown; outlines?: unknown[] };
      const name = clean(node.title) ?? clean(node.text);
      const xmlUrl = clean(node.xmlUrl);
      if (xmlUrl) {
        const url = httpUrl(xmlUrl);
        if (url && !seen.has(url)) {
          seen.add(url);
          out.push({ url, title: name, folder: path.length ? path.join(' / ') : null });
        }
      }
      if (node.outlines?.length) walk(node.outlines, xmlUrl || !name ? path : [...path, name]);
    }
  };
  walk(doc.body?.outlines, []);
  return out;
}

const clean = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);

function httpUrl(s: string): string | null {
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.href : null;
  } catch {
    return null;
  }
}
