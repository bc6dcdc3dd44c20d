// What a page parser (plain text or HTML) hands to the document builder: the article's
// blocks in reading order plus the metadata it found. `buildDoc` turns it into a Doc.

export interface PageBlock {
  readonly kind: 'paragraph' | 'caption';
  /** The block's text, whitespace-normalised within the block (no newlines inside). */
  readonly text: string;
  /** For captions: the credit as written in the page ("Reuters"), if any; it must occur in `text`. */
  readonly credit?: string | null;
}

export interface PageMeta {
  readonly title: string | null;
  readonly titleInferred: boolean;
  /** ISO date or timestamp, as found on the page. */
  readonly published: string | null;
  readonly url: string | null;
  readonly canonicalUrl: string | null;
  readonly byline: string | null;
  /** BCP-47-ish language code ("en"), if declared or detected. */
  readonly language: string | null;
  readonly siteName: string | null;
  /** A "Source: <url>" line: the page republishes this URL. */
  readonly republishedFrom: string | null;
  /** Template lines dropped from the body. */
  readonly boilerplate: readonly string[];
}

export interface ParsedPage {
  readonly blocks: readonly PageBlock[];
  readonly meta: PageMeta;
}

export const EMPTY_PAGE_META: PageMeta = Object.freeze({
  title: null,
  titleInferred: false,
  published: null,
  url: null,
  canonicalUrl: null,
  byline: null,
  language: null,
  siteName: null,
  republishedFrom: null,
  boilerplate: [],
});
