// Hand-made ArticleResults for store tests and the store bench: the text is written once and
// every span (mentions, quotes, speakers) is found in it, so offsets are always right.

import type { ArticleResult } from '../result.js';

export interface EntitySpec {
  readonly id: string;
  readonly name: string;
  readonly type?: 'PERSON' | 'ORG' | 'LOC' | 'MISC';
  /** Surface forms to find in the text (every occurrence), with how they were linked. */
  readonly forms?: readonly (string | { readonly text: string; readonly via: string })[];
  readonly roles?: readonly string[];
}

export interface QuoteSpec {
  /** The quoted words, found in the text. */
  readonly text: string;
  readonly kind?: string;
  /** The speaker's entity id in this article, or null for an unresolved speaker. */
  readonly speaker?: string | null;
  /** The words naming the speaker (found after the quote), default: the entity's name. */
  readonly speakerText?: string;
  readonly via?: string | null;
  readonly cue?: string;
  readonly saidOn?: string | null;
}

export interface ArticleSpec {
  readonly title?: string | null;
  readonly published?: string | null;
  readonly url?: string | null;
  readonly publisher?: string | null;
  readonly paragraphs: readonly string[];
  readonly entities?: readonly EntitySpec[];
  readonly quotes?: readonly QuoteSpec[];
}

export function buildResult(spec: ArticleSpec): ArticleResult {
  const text = spec.paragraphs.join('\n\n');
  const paragraphs: { start: number; end: number }[] = [];
  let at = 0;
  for (const p of spec.paragraphs) {
    paragraphs.push({ start: at, end: at + p.length });
    at += p.length + 2;
  }
  const names = new Map<string, string>();
  const entities = (spec.entities ?? []).map((e) => {
    names.set(e.id, e.name);
    const forms = e.forms ?? [e.name];
    const mentions: ArticleResult['entities'][number]['mentions'] = [];
    for (const f of forms) {
      const form = typeof f === 'string' ? { text: f, via: f === e.name ? 'name' : 'surname' } : f;
      for (let i = text.indexOf(form.text); i >= 0; i = text.indexOf(form.text, i + form.text.length)) {
        const before = text[i - 1];
        const after = text[i + form.text.length];
        if ((before && /[\p{L}\p{N}]/u.test(before)) || (after && /[\p{L}\p{N}]/u.test(after))) continue;
        if (mentions.some((m) => i < m.end && m.start < i + form.text.length)) continue;
        mentions.push({ start: i, end: i + form.text.length, text: form.text, via: form.via });
      }
    }
    mentions.sort((a, b) => a.start - b.start);
    return { id: e.id, name: e.name, type: e.type ?? 'PERSON', roles: [...(e.roles ?? [])], mentions };
  });
  const quotes = (spec.quotes ?? []).map((q) => {
    const start = text.indexOf(q.text);
    if (start < 0) throw new Error(`buildResult: quote not in text: ${q.text}`);
    const end = start + q.text.length;
    const span = (words: string | undefined, from: number): { start: number; end: number; text: string } | null => {
      if (!words) return null;
      let i = text.indexOf(words, from);
      if (i < 0) i = text.indexOf(words);
      return i < 0 ? null : { start: i, end: i + words.length, text: words };
    };
    const speakerWords = q.speakerText ?? (q.speaker ? names.get(q.speaker) : undefined);
    const sp = span(speakerWords, end);
    const speaker = q.speaker !== undefined || q.speakerText
      ? {
          entity: q.speaker ?? null,
          name: q.speaker ? (names.get(q.speaker) ?? null) : (speakerWords ?? null),
          ...(sp ?? { start: end, end: end, text: speakerWords ?? '' }),
        }
      : null;
    const viaWords = q.via ? names.get(q.via) : undefined;
    const vs = span(viaWords, end);
    const saidOn = q.saidOn ? { value: q.saidOn, start: end, end: end } : null;
    return {
      kind: q.kind ?? 'direct',
      start,
      end,
      text: q.text,
      cue: span(q.cue ?? 'said', end),
      speaker,
      via: q.via && vs ? { entity: q.via, name: names.get(q.via) ?? null, ...vs } : null,
      said_on: saidOn,
    };
  });
  const publisher = spec.publisher ?? (spec.url ? new URL(spec.url).hostname.replace(/^www\./, '') : null);
  return {
    title: spec.title ?? null,
    title_inferred: false,
    published: spec.published ?? null,
    url: spec.url ?? null,
    canonical_url: null,
    byline: null,
    language: 'en',
    source: spec.url || publisher ? { url: spec.url ?? '', publisher } : null,
    republished_from: null,
    text,
    paragraphs,
    captions: [],
    entities,
    quotes,
    dates: [],
  };
}
