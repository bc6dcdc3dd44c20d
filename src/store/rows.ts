// Row shapes and pure helpers both store implementations share (SQLite and PostgreSQL return
// the same columns for articles, entities and quotes).

import type { ArticleResult } from '../result.js';
import type { ArticleSummary, EntitySummary, FeedRecord, StoredQuote, StoredSpeaker } from './store.js';

export type Row = Record<string, unknown>;

export interface QuoteRow {
  id: number;
  article_id: number;
  kind: string;
  start: number;
  end: number;
  text: string;
  cue: string | null;
  speaker_entity_id: number | null;
  speaker_name: string | null;
  speaker_text: string | null;
  via_entity_id: number | null;
  via_name: string | null;
  via_text: string | null;
  said_on: string | null;
  said_at: string | null;
  published: string | null;
  publisher: string | null;
  title: string | null;
  url: string | null;
}

export function domainOf(result: ArticleResult, metaUrl: string | null): string | null {
  for (const u of [result.source?.url, result.canonical_url, result.url, metaUrl]) {
    if (!u) continue;
    try {
      const host = new URL(u).hostname.toLowerCase().replace(/^www\./, '');
      if (host) return host;
    } catch {
      // not a URL: try the next
    }
  }
  return null;
}

export function publisherOf(result: ArticleResult): string | null {
  const p = result.source?.publisher ?? null;
  return p ? normalisePublisher(p) : null;
}

export function normalisePublisher(p: string): string {
  const t = p.trim();
  if (/^https?:\/\//i.test(t)) {
    try {
      return new URL(t).hostname.toLowerCase().replace(/^www\./, '');
    } catch {
      return t;
    }
  }
  return /^[\w.-]+\.[a-z]{2,}$/i.test(t) ? t.toLowerCase().replace(/^www\./, '') : t;
}

/** Pipeline versions compare by their numbers ("…/10" is newer than "…/9"). */
export function isNewerVersion(candidate: string, stored: string): boolean {
  return candidate.localeCompare(stored, 'en', { numeric: true }) > 0;
}

export function articleSummary(r: Row): ArticleSummary {
  return {
    id: r.id as number,
    title: (r.title as string | null) ?? null,
    published: (r.published as string | null) ?? null,
    url: ((r.canonical_url as string | null) ?? (r.url as string | null)) ?? null,
    publisher: (r.publisher as string | null) ?? null,
    quoteCount: (r.quote_count as number) ?? 0,
    entityCount: (r.entity_count as number) ?? 0,
    pipelineVersion: r.pipeline_version as string,
    ingestedAt: r.ingested_at as string,
  };
}

export function entitySummary(r: Row): EntitySummary {
  return {
    id: r.id as number,
    name: r.name as string,
    type: r.type as string,
    articleCount: r.article_count as number,
    mentionCount: r.mention_count as number,
    quoteCount: r.quote_count as number,
  };
}

export function speakerOf(entityId: number | null, name: string | null, text: string | null): StoredSpeaker | null {
  if (entityId === null && name === null && text === null) return null;
  return { entityId, name, text: text ?? name ?? '' };
}

export function storedQuote(r: QuoteRow): StoredQuote {
  return {
    id: r.id,
    articleId: r.article_id,
    kind: r.kind,
    text: r.text,
    start: r.start,
    end: r.end,
    cue: r.cue,
    speaker: speakerOf(r.speaker_entity_id, r.speaker_name, r.speaker_text),
    via: speakerOf(r.via_entity_id, r.via_name, r.via_text),
    saidOn: r.said_on,
    published: r.published,
    when: r.said_at,
    publisher: r.publisher,
    title: r.title,
    url: r.url,
  };
}

export interface FeedRow {
  id: number;
  url: string;
  title: string | null;
  added_at: string;
  etag: string | null;
  last_modified: string | null;
  last_polled_at: string | null;
  last_status: string | null;
  last_error: string | null;
  failures: number;
  next_poll_at: string | null;
  entries_seen: number;
}

export function toFeed(r: FeedRow): FeedRecord {
  return {
    id: r.id,
    url: r.url,
    title: r.title,
    addedAt: r.added_at,
    etag: r.etag,
    lastModified: r.last_modified,
    lastPolledAt: r.last_polled_at,
    lastStatus: r.last_status as FeedRecord['lastStatus'],
    lastError: r.last_error,
    failures: r.failures,
    nextPollAt: r.next_poll_at,
    entriesSeen: r.entries_seen,
  };
}

/** ISO timestamps compare as text only in one form: normalise to toISOString(). */
export const iso = (s: string) => new Date(s).toISOString();
