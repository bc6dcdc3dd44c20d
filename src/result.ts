// The batch contract (PRODUCT.md): the JSON object `extract` prints for one article.
// Field names and meanings are stable; evaluations read exactly this.

import type { Doc, Entity, Quote, QuoteSpeaker, Span } from './doc/doc.js';

export interface SpanText {
  start: number;
  end: number;
  text: string;
}

export interface SpeakerResult extends SpanText {
  entity: string | null;
  name: string | null;
}

export interface ArticleResult {
  id?: string;
  title: string | null;
  title_inferred: boolean;
  published: string | null;
  url: string | null;
  canonical_url: string | null;
  byline: string | null;
  language: string | null;
  source: { url: string; publisher: string | null } | null;
  republished_from: string | null;
  text: string;
  paragraphs: { start: number; end: number }[];
  captions: { start: number; end: number; text: string; credit: string | null }[];
  entities: { id: string; name: string; type: string; roles: string[]; mentions: (SpanText & { via: string })[] }[];
  quotes: {
    kind: string;
    start: number;
    end: number;
    text: string;
    cue: SpanText | null;
    speaker: SpeakerResult | null;
    via: SpeakerResult | null;
    /** When it was said: a date in the cue's sentence outside the quoted words, else null. */
    said_on: { value: string; start: number; end: number } | null;
  }[];
  dates: (SpanText & { type: string; value: string; mod?: string })[];
}

export function toResult(doc: Doc, id?: string): ArticleResult {
  const text = doc.text;
  const spanText = (s: Span): SpanText => ({ start: s.start, end: s.end, text: text.slice(s.start, s.end) });
  const entities = doc.layers.entities ?? [];
  const byId = new Map<string, Entity>(entities.map((e) => [e.id, e]));
  const speaker = (s: QuoteSpeaker | null): SpeakerResult | null =>
    s ? { entity: s.entity, name: s.entity ? (byId.get(s.entity)?.name ?? null) : text.slice(s.start, s.end), ...spanText(s) } : null;
  const m = doc.meta;
  return {
    ...(id !== undefined ? { id } : {}),
    title: m.title,
    title_inferred: m.titleInferred,
    published: m.published,
    url: m.url,
    canonical_url: m.canonicalUrl,
    byline: m.byline,
    language: m.language,
    source: m.source ? { url: m.source.url, publisher: m.source.publisher } : null,
    republished_from: m.republishedFrom,
    text,
    paragraphs: (doc.layers.blocks ?? []).filter((b) => b.kind === 'paragraph').map((b) => ({ start: b.start, end: b.end })),
    captions: (doc.layers.captions ?? []).map((c) => ({
      start: c.start,
      end: c.end,
      text: captionWithoutCredit(text.slice(c.start, c.end), c.credit ? c.credit.start - c.start : -1),
      credit: c.credit?.text ?? null,
    })),
    entities: entities.map((e) => ({
      id: e.id,
      name: e.name,
      type: e.type,
      roles: [...e.roles],
      mentions: e.mentions.map((mm) => ({ ...spanText(mm), via: mm.via })),
    })),
    quotes: (doc.layers.quotes ?? []).map((q) => ({
      kind: q.kind,
      ...spanText(q),
      cue: q.cue ? spanText(q.cue) : null,
      speaker: speaker(q.speaker),
      via: speaker(q.via),
      said_on: saidOn(doc, q),
    })),
    dates: (doc.layers.dates ?? []).map((d) => ({ ...spanText(d), type: d.type, value: d.value, ...(d.mod ? { mod: d.mod } : {}) })),
  };
}

/** The DATE in the sentence of the quote's cue that lies outside the quoted words. */
function saidOn(doc: Doc, q: Quote): { value: string; start: number; end: number } | null {
  const anchor = q.cue ?? q;
  const sentences = doc.layers.sentences ?? [];
  const sentence = sentences[lastStartingAtOrBefore(sentences, anchor.start)];
  if (!sentence || anchor.start >= sentence.end) return null;
  const dates = doc.layers.dates ?? [];
  for (let i = Math.max(0, lastStartingAtOrBefore(dates, sentence.start)); i < dates.length && dates[i].start < sentence.end; i++) {
    const d = dates[i];
    if (d.start < sentence.start || d.end > sentence.end || d.type !== 'DATE' || !DAY_VALUE.test(d.value)) continue;
    if (d.end <= q.start || d.start >= q.end) return { value: d.value, start: d.start, end: d.end };
  }
  return null;
}

const DAY_VALUE = /^(?:\d{4}|XXXX)-\d{2}-\d{2}/;

/** Index of the last span starting at or before `offset` in a layer sorted by start (-1 if none). */
function lastStartingAtOrBefore(spans: readonly Span[], offset: number): number {
  let lo = 0;
  let hi = spans.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (spans[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** "Putin meets Assad. (Photo: Reuters)" → "Putin meets Assad." — the credit is reported on its own. */
function captionWithoutCredit(caption: string, creditAt: number): string {
  if (creditAt < 0) return caption;
  const cut = caption.slice(0, creditAt).replace(/[\s(\[]*(?:photo|photograph|image|picture|credit|photo credit|image credit|ảnh|foto|file photo)?\s*(?:credit)?\s*[:\-–—]?\s*$/iu, '');
  return cut.trim() || caption;
}
