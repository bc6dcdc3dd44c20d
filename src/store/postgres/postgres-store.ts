// The Store over PostgreSQL (pg): handwritten SQL, one transaction per article, native full
// text (weighted tsvector columns, GIN indexes, ts_rank), the same behaviour as the SQLite store
// (src/store/conformance.ts runs against both).
//
// Concurrency: any number of processes may write at once. Saving an article and merging
// entities take one transaction-scoped advisory lock, so canonical entity matching (which reads
// what earlier articles created: names, surnames, the "only person with this surname" rule)
// sees a consistent picture; the analysis before the save, the expensive part, runs in
// parallel. A save is a handful of batched statements, so this lock admits hundreds of saves a
// second. Reads never wait for it.

import { articleSummary, domainOf, entitySummary, isNewerVersion, normalisePublisher, publisherOf, speakerOf, storedQuote, type QuoteRow, type Row } from '../rows.js';
import { NEAR_DUP_THRESHOLD, SOURCE_DUP_THRESHOLD, bandKeys, minhash, signatureFromBuffer, signatureToBuffer, similarity } from '../near-dup.js';
import pg from 'pg';
import { NewsgraphError } from '../../doc/errors.js';
import type { ArticleResult } from '../../result.js';
import type { NoteTarget, ReviewStatus } from '../accounts.js';
import { parseQuery } from '../query.js';
import {
  MARK_CLOSE, MARK_OPEN, canonicalUrl, clampLimit, clampOffset, normaliseName, quoteWhen, surnameOf,
  type ArticleSummary, type EntityRef, type EntitySummary, type FeedPoll, type FeedRecord, type ListArticlesOptions, type ListEntitiesOptions,
  type Page, type PageOptions, type SaveMeta, type SaveOutcome, type SearchHit, type SearchOptions, type SearchResult,
  type SourceSummary, type Store, type StoredArticle, type StoredEntity, type StoredQuote, type StoredSpeaker,
} from '../store.js';
import { PgAccounts } from './accounts.js';
import { PgFeeds } from './feeds.js';
import { ftsVector, highlight, matchersOf, snippet, toTsQuery, type Matcher } from './fts.js';
import { migrate } from './migrations.js';

export class StoreError extends NewsgraphError {}

/** Points inside saveArticle where a test can make it fail (to check nothing is half-written). */
export type FailPoint = 'article' | 'entity' | 'quote';

export interface PostgresStoreOptions {
  /** A schema to keep the tables in (created when missing); default: the connection's search_path. */
  readonly schema?: string;
  /** Connections in the pool (default 10). */
  readonly poolSize?: number;
  /** Apply pending migrations on open (default true; `newsgraph migrate` applies them explicitly). */
  readonly migrate?: boolean;
  readonly failpoint?: (point: FailPoint, n: number) => void;
  readonly applicationName?: string;
  /** false: commits do not wait for the WAL flush (bulk loads; a crash may lose the last commits, never half of one). */
  readonly synchronousCommit?: boolean;
  /** Matches ranked per side of a search (default SEARCH_CANDIDATES); tests set it low. */
  readonly searchCandidates?: number;
}

/**
 * Search ranks at most this many matches per side (quotes, articles): the newest ones. Past it
 * the total is a lower bound (totalIsLowerBound). Bounds the ts_rank work of a common word.
 * Lower than SQLite's 10,000: ts_rank must detoast each article's tsvector (~5–10 µs a row on a
 * busy 2-core machine), so 10,000 candidates cost ~100 ms; 2,000 keep p95 under 50 ms at
 * 100,000 articles (BENCHMARKS.md, "PostgreSQL").
 */
export const SEARCH_CANDIDATES = 2_000;

/** Mention kinds whose words are names of the entity (kept as aliases, counted in quotes). */
const NAME_VIAS = new Set(['name', 'surname', 'title', 'acronym', 'credit']);
/** The advisory lock every article save and entity merge holds (transaction-scoped). */
const SAVE_LOCK = 7_314_202_412;
/** Errors after which a save is simply tried again: serialization, deadlock, unique race. */
const RETRYABLE = new Set(['40001', '40P01', '23505']);

type Q = pg.Pool | pg.PoolClient;

const QUOTE_COLUMNS = `q.id, q.article_id, q.kind, q.start, q."end", q.text, q.cue, q.speaker_entity_id, q.speaker_name,
  q.speaker_text, q.via_entity_id, q.via_name, q.via_text, q.said_on, q.said_at, q.published, q.publisher,
  a.title, COALESCE(a.canonical_url, a.url) AS url`;

const isSafeSchema = (s: string) => /^[a-z_][a-z0-9_]{0,62}$/.test(s);

/** Opens (and by default migrates) the store at a postgres:// URL. */
export async function openPostgresStore(url: string, options: PostgresStoreOptions = {}): Promise<PostgresStore> {
  if (options.schema !== undefined && !isSafeSchema(options.schema)) throw new StoreError('BAD_SCHEMA', `Not a plain schema name: ${JSON.stringify(options.schema)}.`);
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    application_name: options.applicationName ?? 'newsgraph',
    options: [options.schema ? `-c search_path=${options.schema}` : '', options.synchronousCommit === false ? '-c synchronous_commit=off' : ''].filter(Boolean).join(' ') || undefined,
  });
  // An idle client losing its connection (server restart) must not crash the process.
  pool.on('error', () => undefined);
  try {
    if (options.schema) {
      // Concurrent starters race on IF NOT EXISTS: the loser's "already exists" is fine.
      await pool.query(`CREATE SCHEMA IF NOT EXISTS ${options.schema}`).catch((err: { code?: string }) => {
        if (err.code !== '23505' && err.code !== '42P06') throw err;
      });
    }
    if (options.migrate !== false) await migrate(pool);
  } catch (err) {
    await pool.end().catch(() => undefined);
    throw new StoreError('STORE_OPEN', `Cannot open the database ${redactUrl(url)}: ${(err as Error).message}`);
  }
  return new PostgresStore(pool, options);
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(a database URL)';
  }
}

interface SaveCtx {
  /** Entity ids merged away during this save → the id they went into. */
  readonly remap: Map<number, number>;
  /** (type, norm) → entity id, for this article's names. */
  readonly keys: Map<string, number>;
}

export class PostgresStore implements Store {
  readonly pool: pg.Pool;
  private readonly failpoint?: (point: FailPoint, n: number) => void;
  private closed = false;
  private readonly candidates: number;

  constructor(pool: pg.Pool, options: PostgresStoreOptions = {}) {
    this.pool = pool;
    this.failpoint = options.failpoint;
    this.candidates = Math.max(1, Math.floor(options.searchCandidates ?? SEARCH_CANDIDATES));
  }

  /** Runs fn in a transaction on one connection; retried on serialization/deadlock/unique races. */
  async transaction<T>(fn: (c: pg.PoolClient) => Promise<T>, options: { lock?: boolean; retries?: number } = {}): Promise<T> {
    const retries = options.retries ?? 5;
    for (let attempt = 0; ; attempt++) {
      const c = await this.pool.connect();
      let broken = false;
      try {
        await c.query('BEGIN');
        if (options.lock) await c.query('SELECT pg_advisory_xact_lock($1)', [SAVE_LOCK]);
        const out = await fn(c);
        await c.query('COMMIT');
        return out;
      } catch (err) {
        try {
          await c.query('ROLLBACK');
        } catch {
          broken = true;
        }
        const code = (err as { code?: string }).code;
        if (attempt < retries && code && RETRYABLE.has(code)) continue;
        throw err;
      } finally {
        c.release(broken);
      }
    }
  }

  // ---- articles ----------------------------------------------------------------------------

  async findArticle(key: { contentHash?: string; url?: string | null }): Promise<{ articleId: number; pipelineVersion: string } | null> {
    const found = await this.findExisting(this.pool, key.contentHash ?? null, canonicalUrl(key.url));
    return found ? { articleId: found.id, pipelineVersion: found.pipeline_version } : null;
  }

  private async findExisting(c: Q, hash: string | null, canonical: string | null): Promise<{ id: number; pipeline_version: string; by: 'content' | 'url' | 'near' | 'source' } | null> {
    if (hash) {
      const r = (await c.query('SELECT id, pipeline_version FROM articles WHERE content_hash = $1', [hash])).rows[0] as { id: number; pipeline_version: string } | undefined;
      if (r) return { ...r, by: 'content' };
    }
    if (canonical) {
      const r = (await c.query('SELECT id, pipeline_version FROM articles WHERE canonical_url = $1', [canonical])).rows[0] as { id: number; pipeline_version: string } | undefined;
      if (r) return { ...r, by: 'url' };
    }
    // a copy recorded before: the same copy again is still a duplicate of its original
    const copy = (await c.query(
      `SELECT a.id, a.pipeline_version, d.by FROM near_duplicates d JOIN articles a ON a.id = d.original_id
       WHERE d.content_hash = $1 OR ($2::text IS NOT NULL AND d.canonical_url = $2) LIMIT 1`,
      [hash ?? '', canonical],
    )).rows[0] as { id: number; pipeline_version: string; by: 'near' | 'source' } | undefined;
    return copy ?? null;
  }

  /** As in the SQLite store: the "Source:" article when the texts agree, else the most similar LSH candidate. */
  private async findNear(c: Q, result: ArticleResult, sig: Uint32Array | null): Promise<{ id: number; by: 'near' | 'source'; similarity: number } | null> {
    if (!sig) return null;
    const source = canonicalUrl(result.republished_from);
    if (source) {
      const r = (await c.query('SELECT id, minhash FROM articles WHERE canonical_url = $1', [source])).rows[0] as { id: number; minhash: Buffer | null } | undefined;
      if (r?.minhash) {
        const sim = similarity(sig, signatureFromBuffer(r.minhash));
        if (sim >= SOURCE_DUP_THRESHOLD) return { id: r.id, by: 'source', similarity: sim };
      }
    }
    const candidates = (await c.query(
      `SELECT a.id, a.minhash FROM (SELECT article_id, count(*) AS n FROM article_bands WHERE band = ANY($1::text[]) GROUP BY article_id ORDER BY n DESC LIMIT 8) b
       JOIN articles a ON a.id = b.article_id`,
      [bandKeys(sig)],
    )).rows as { id: number; minhash: Buffer | null }[];
    let best: { id: number; by: 'near'; similarity: number } | null = null;
    for (const r of candidates) {
      if (!r.minhash) continue;
      const sim = similarity(sig, signatureFromBuffer(r.minhash));
      if (sim >= NEAR_DUP_THRESHOLD && (!best || sim > best.similarity)) best = { id: r.id, by: 'near', similarity: sim };
    }
    return best;
  }

  async saveArticle(result: ArticleResult, meta: SaveMeta): Promise<SaveOutcome> {
    if (!result || typeof result.text !== 'string') throw new StoreError('BAD_RESULT', 'saveArticle needs an ArticleResult with a text.');
    if (!meta?.contentHash) throw new StoreError('BAD_META', 'saveArticle needs a contentHash.');
    if (!meta.pipelineVersion) throw new StoreError('BAD_META', 'saveArticle needs a pipelineVersion.');
    const canonical = canonicalUrl(result.canonical_url) ?? canonicalUrl(result.url) ?? canonicalUrl(meta.url);
    const params = articleParams(result, meta);
    return this.transaction(async (c): Promise<SaveOutcome> => {
      const existing = await this.findExisting(c, meta.contentHash, canonical);
      const now = new Date().toISOString();
      if (existing) {
        if (!isNewerVersion(meta.pipelineVersion, existing.pipeline_version)) {
          return { articleId: existing.id, status: 'duplicate', duplicateOf: { articleId: existing.id, by: existing.by } };
        }
        await this.removeAnnotations(c, existing.id);
        await c.query(
          `UPDATE articles SET ${ARTICLE_COLUMNS.map((col, i) => `${col} = $${i + 1}`).join(', ')}, tsv = $${ARTICLE_COLUMNS.length + 1}::tsvector,
             updated_at = $${ARTICLE_COLUMNS.length + 2} WHERE id = $${ARTICLE_COLUMNS.length + 3}`,
          [...ARTICLE_COLUMNS.map((col) => params[col]), params.tsv, now, existing.id],
        );
        this.failpoint?.('article', 0);
        await this.insertAnnotations(c, existing.id, result, meta.url ?? null);
        return { articleId: existing.id, status: 'updated' };
      }
      const sig = minhash(result.text);
      const near = await this.findNear(c, result, sig);
      if (near) {
        await c.query(
          `INSERT INTO near_duplicates (original_id, content_hash, canonical_url, url, title, publisher, similarity, by, seen_at)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
          [near.id, meta.contentHash, canonical, result.url ?? meta.url ?? null, result.title, publisherOf(result), near.similarity, near.by, now],
        );
        return { articleId: near.id, status: 'duplicate', duplicateOf: { articleId: near.id, by: near.by, similarity: near.similarity } };
      }
      const cols = ['content_hash', 'canonical_url', 'ingested_at', 'minhash', ...ARTICLE_COLUMNS, 'tsv'];
      const values = [meta.contentHash, canonical, now, sig ? signatureToBuffer(sig) : null, ...ARTICLE_COLUMNS.map((col) => params[col]), params.tsv];
      const id = (await c.query<{ id: number }>(
        `INSERT INTO articles (${cols.join(', ')}) VALUES (${cols.map((col, i) => `$${i + 1}${col === 'tsv' ? '::tsvector' : ''}`).join(', ')}) RETURNING id`,
        values,
      )).rows[0].id;
      if (sig) await c.query('INSERT INTO article_bands (band, article_id) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING', [bandKeys(sig), id]);
      this.failpoint?.('article', 0);
      await this.insertAnnotations(c, id, result, meta.url ?? null);
      return { articleId: id, status: 'added' };
    }, { lock: true });
  }

  private async insertAnnotations(c: pg.PoolClient, articleId: number, result: ArticleResult, metaUrl: string | null): Promise<void> {
    const published = result.published;
    const publisher = publisherOf(result);
    const domain = domainOf(result, metaUrl);
    const entities = result.entities ?? [];
    const ctx: SaveCtx = { remap: new Map(), keys: new Map() };
    // The article's names, looked up at once.
    const pairs = entities.map((e) => [e.type, normaliseName(e.name) || e.name.toLowerCase().trim()] as const);
    if (pairs.length) {
      const known = await c.query<{ type: string; norm: string; entity_id: number }>(
        'SELECT k.type, k.norm, k.entity_id FROM entity_keys k JOIN unnest($1::text[], $2::text[]) AS v(type, norm) ON k.type = v.type AND k.norm = v.norm',
        [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
      );
      for (const r of known.rows) ctx.keys.set(`${r.type}\u0000${r.norm}`, r.entity_id);
    }
    const local = new Map<string, number>();
    const rows: { localId: string; gid: number; name: string; roles: string; mentions: number; forms: Record<string, number> }[] = [];
    let n = 0;
    for (const e of entities) {
      const gid = await this.entityFor(c, e.type, e.name, ctx);
      local.set(e.id, gid);
      const forms: Record<string, number> = {};
      for (const m of e.mentions ?? []) {
        if (!NAME_VIAS.has(m.via)) continue;
        const t = m.text.replace(/\s+/g, ' ').trim();
        if (t) forms[t] = (forms[t] ?? 0) + 1;
      }
      if (!Object.keys(forms).length) forms[e.name] = 1;
      rows.push({ localId: e.id, gid, name: e.name, roles: JSON.stringify(e.roles ?? []), mentions: (e.mentions ?? []).length, forms });
      this.failpoint?.('entity', n++);
    }
    const resolve = (id: number): number => {
      let out = id;
      for (let i = 0; i < 100 && ctx.remap.has(out); i++) out = ctx.remap.get(out)!;
      return out;
    };
    const merged = ctx.remap.size > 0;
    if (merged) {
      for (const r of rows) r.gid = resolve(r.gid);
      for (const [k, v] of local) local.set(k, resolve(v));
    }
    const seenLocal = new Set<string>();
    const aeRows = rows.filter((r) => (seenLocal.has(r.localId) ? false : (seenLocal.add(r.localId), true)));
    if (aeRows.length < rows.length) throw new StoreError('BAD_RESULT', 'Two entities of the article share an id.');
    if (rows.length) {
      await c.query(
        `INSERT INTO article_entities (article_id, local_id, entity_id, name, roles, mentions, forms)
         SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[], $6::int[], $7::text[])`,
        [articleId, rows.map((r) => r.localId), rows.map((r) => r.gid), rows.map((r) => r.name), rows.map((r) => r.roles), rows.map((r) => r.mentions), rows.map((r) => JSON.stringify(r.forms))],
      );
      const aliases = new Map<string, { gid: number; alias: string; count: number }>();
      for (const r of rows) {
        for (const [alias, count] of Object.entries(r.forms)) {
          const key = `${r.gid}\u0000${alias}`;
          const a = aliases.get(key);
          if (a) a.count += count;
          else aliases.set(key, { gid: r.gid, alias, count });
        }
      }
      const list = [...aliases.values()].sort((x, y) => x.gid - y.gid || (x.alias < y.alias ? -1 : 1));
      await c.query(
        `INSERT INTO aliases (entity_id, alias, norm, count) SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::int[])
         ON CONFLICT (entity_id, alias) DO UPDATE SET count = aliases.count + excluded.count`,
        [list.map((a) => a.gid), list.map((a) => a.alias), list.map((a) => normaliseName(a.alias)), list.map((a) => a.count)],
      );
    }
    const perEntity = new Map<number, { mentions: number; quotes: number }>();
    for (const r of rows) {
      const ce = perEntity.get(r.gid) ?? { mentions: 0, quotes: 0 };
      ce.mentions += r.mentions;
      perEntity.set(r.gid, ce);
    }
    const quotes = result.quotes ?? [];
    if (quotes.length) {
      const cols: unknown[][] = Array.from({ length: 20 }, () => []);
      quotes.forEach((q, ord) => {
        const speakerId = q.speaker?.entity ? (local.get(q.speaker.entity) ?? null) : null;
        const viaId = q.via?.entity ? (local.get(q.via.entity) ?? null) : null;
        const speakerName = q.speaker ? (q.speaker.name ?? q.speaker.text) : null;
        if (typeof q.text !== 'string') throw new StoreError('BAD_RESULT', `Quote ${ord} has no text.`);
        const values = [
          ord, q.kind, q.start, q.end, noNul(q.text), q.cue?.text ?? null, speakerId, speakerName, q.speaker?.text ?? null,
          speakerName ? normaliseName(speakerName) : null, viaId, q.via ? (q.via.name ?? q.via.text) : null, q.via?.text ?? null,
          q.said_on?.value ?? null, quoteWhen(q.said_on?.value, published), published, publisher, domain, ftsVector([{ text: q.text, weight: 'B' }]),
        ];
        values.forEach((v, i) => cols[i].push(v));
        if (speakerId !== null) {
          const ce = perEntity.get(speakerId) ?? { mentions: 0, quotes: 0 };
          ce.quotes++;
          perEntity.set(speakerId, ce);
        }
      });
      const types = ['int', 'text', 'int', 'int', 'text', 'text', 'int', 'text', 'text', 'text', 'int', 'text', 'text', 'text', 'text', 'text', 'text', 'text', 'tsvector'];
      const inserted = await c.query<{ id: number; ord: number }>(
        `INSERT INTO quotes (article_id, ord, kind, start, "end", text, cue, speaker_entity_id, speaker_name, speaker_text, speaker_norm,
           via_entity_id, via_name, via_text, said_on, said_at, published, publisher, domain, tsv)
         SELECT $1, * FROM unnest(${types.map((t, i) => `$${i + 2}::${t}[]`).join(', ')}) RETURNING id, ord`,
        [articleId, ...cols.slice(0, 19)],
      );
      const idByOrd = new Map(inserted.rows.map((r) => [r.ord, r.id]));
      const qm = new Set<string>();
      quotes.forEach((q, ord) => {
        for (const e of entities) {
          const gid = local.get(e.id)!;
          if ((e.mentions ?? []).some((m) => NAME_VIAS.has(m.via) && m.start >= q.start && m.end <= q.end)) qm.add(`${idByOrd.get(ord)}:${gid}`);
        }
        this.failpoint?.('quote', ord);
      });
      if (qm.size) {
        const pairsQm = [...qm].map((s) => s.split(':').map(Number));
        await c.query('INSERT INTO quote_mentions (quote_id, entity_id) SELECT * FROM unnest($1::int[], $2::int[]) ON CONFLICT DO NOTHING', [
          pairsQm.map((p) => p[0]), pairsQm.map((p) => p[1]),
        ]);
      }
    }
    if (merged) {
      for (const gid of [...new Set(local.values())].sort((a, b) => a - b)) await this.recount(c, gid);
    } else if (perEntity.size) {
      const ids = [...perEntity.keys()].sort((a, b) => a - b);
      await c.query(
        `UPDATE entities e SET article_count = e.article_count + 1, mention_count = e.mention_count + v.m, quote_count = e.quote_count + v.q
         FROM unnest($1::int[], $2::int[], $3::int[]) AS v(id, m, q) WHERE e.id = v.id`,
        [ids, ids.map((id) => perEntity.get(id)!.mentions), ids.map((id) => perEntity.get(id)!.quotes)],
      );
    }
  }

  /** Removes an article's entity links, quotes and alias counts; deletes entities left with nothing. */
  private async removeAnnotations(c: pg.PoolClient, articleId: number): Promise<void> {
    const rows = (await c.query<{ entity_id: number; forms: string }>('SELECT entity_id, forms FROM article_entities WHERE article_id = $1', [articleId])).rows;
    const touched = new Set<number>(rows.map((r) => r.entity_id));
    const dec = new Map<string, { gid: number; alias: string; count: number }>();
    for (const r of rows) {
      for (const [alias, count] of Object.entries(JSON.parse(r.forms) as Record<string, number>)) {
        const key = `${r.entity_id}\u0000${alias}`;
        const d = dec.get(key);
        if (d) d.count += count;
        else dec.set(key, { gid: r.entity_id, alias, count });
      }
    }
    if (dec.size) {
      const list = [...dec.values()];
      await c.query(
        `UPDATE aliases a SET count = a.count - v.n FROM unnest($1::int[], $2::text[], $3::int[]) AS v(id, alias, n) WHERE a.entity_id = v.id AND a.alias = v.alias`,
        [list.map((d) => d.gid), list.map((d) => d.alias), list.map((d) => d.count)],
      );
    }
    await c.query('DELETE FROM aliases WHERE count <= 0 AND entity_id IN (SELECT entity_id FROM article_entities WHERE article_id = $1)', [articleId]);
    for (const r of (await c.query<{ id: number }>('SELECT DISTINCT speaker_entity_id AS id FROM quotes WHERE article_id = $1 AND speaker_entity_id IS NOT NULL', [articleId])).rows) {
      touched.add(r.id);
    }
    await c.query('DELETE FROM quotes WHERE article_id = $1', [articleId]);
    await c.query('DELETE FROM article_entities WHERE article_id = $1', [articleId]);
    for (const id of [...touched].sort((a, b) => a - b)) {
      if (!(await this.recount(c, id))) await c.query('DELETE FROM entities WHERE id = $1', [id]);
    }
  }

  /** Recomputes an entity's counters; false when nothing refers to it any more. */
  private async recount(c: Q, id: number): Promise<boolean> {
    const r = (await c.query<{ refs: number }>(
      `WITH n AS (
         SELECT (SELECT count(DISTINCT article_id) FROM article_entities WHERE entity_id = $1)::int AS articles,
                (SELECT COALESCE(sum(mentions), 0) FROM article_entities WHERE entity_id = $1)::int AS mentions,
                (SELECT count(*) FROM quotes WHERE speaker_entity_id = $1)::int AS quotes,
                (SELECT count(*) FROM quotes WHERE via_entity_id = $1)::int AS vias,
                (SELECT count(*) FROM quote_mentions WHERE entity_id = $1)::int AS inquotes)
       UPDATE entities e SET article_count = n.articles, mention_count = n.mentions, quote_count = n.quotes
       FROM n WHERE e.id = $1 RETURNING (n.articles + n.quotes + n.vias + n.inquotes) AS refs`,
      [id],
    )).rows[0];
    return r === undefined || r.refs > 0;
  }

  /**
   * The canonical entity for an article's entity: the same type and normalised name; a
   * single-word PERSON joins the one multi-word person whose surname it is. A new multi-word
   * person takes in an earlier single-word entity of its surname when it is the only person
   * with that surname. (The same rules as the SQLite store.)
   */
  private async entityFor(c: pg.PoolClient, type: string, name: string, ctx: SaveCtx): Promise<number> {
    const norm = normaliseName(name) || name.toLowerCase().trim();
    const cacheKey = `${type}\u0000${norm}`;
    const cached = ctx.keys.get(cacheKey);
    if (cached !== undefined) return cached;
    const key = (await c.query<{ entity_id: number }>('SELECT entity_id FROM entity_keys WHERE type = $1 AND norm = $2', [type, norm])).rows[0];
    if (key) {
      ctx.keys.set(cacheKey, key.entity_id);
      return key.entity_id;
    }
    if (type === 'PERSON' && !norm.includes(' ')) {
      const people = (await c.query<{ id: number }>("SELECT id FROM entities WHERE type = 'PERSON' AND surname = $1 LIMIT 2", [norm.replace(/^(?:al|el|ad|as|an|ar|ash)-/, '')])).rows;
      if (people.length === 1) return people[0].id;
    }
    const surname = type === 'PERSON' ? surnameOf(norm) : null;
    const id = (await c.query<{ id: number }>('INSERT INTO entities (type, name, norm, surname) VALUES ($1, $2, $3, $4) RETURNING id', [type, name, norm, surname])).rows[0].id;
    await c.query('INSERT INTO entity_keys (type, norm, entity_id) VALUES ($1, $2, $3)', [type, norm, id]);
    ctx.keys.set(cacheKey, id);
    if (surname) {
      const single = (await c.query<{ entity_id: number }>("SELECT entity_id FROM entity_keys WHERE type = 'PERSON' AND norm = $1", [surname])).rows[0];
      const others = (await c.query<{ n: number }>("SELECT count(*)::int AS n FROM entities WHERE type = 'PERSON' AND surname = $1", [surname])).rows[0];
      if (single && others.n === 1) {
        const s = (await c.query<{ surname: string | null }>('SELECT surname FROM entities WHERE id = $1', [single.entity_id])).rows[0];
        if (s && s.surname === null) {
          await this.mergeInto(c, id, single.entity_id);
          ctx.remap.set(single.entity_id, id);
          for (const [k, v] of ctx.keys) if (v === single.entity_id) ctx.keys.set(k, id);
        }
      }
    }
    return id;
  }

  private async redirect(c: Q, id: number): Promise<number> {
    const r = (await c.query<{ into_id: number }>('SELECT into_id FROM entity_redirects WHERE from_id = $1', [id])).rows[0];
    return r ? r.into_id : id;
  }

  private async mergeInto(c: pg.PoolClient, into: number, from: number): Promise<void> {
    await c.query('UPDATE article_entities SET entity_id = $1 WHERE entity_id = $2', [into, from]);
    await c.query('UPDATE quotes SET speaker_entity_id = $1 WHERE speaker_entity_id = $2', [into, from]);
    await c.query('UPDATE quotes SET via_entity_id = $1 WHERE via_entity_id = $2', [into, from]);
    await c.query('INSERT INTO quote_mentions (quote_id, entity_id) SELECT quote_id, $1 FROM quote_mentions WHERE entity_id = $2 ON CONFLICT DO NOTHING', [into, from]);
    await c.query('DELETE FROM quote_mentions WHERE entity_id = $1', [from]);
    await c.query(
      `INSERT INTO aliases (entity_id, alias, norm, count) SELECT $1, alias, norm, count FROM aliases WHERE entity_id = $2
       ON CONFLICT (entity_id, alias) DO UPDATE SET count = aliases.count + excluded.count`,
      [into, from],
    );
    await c.query('DELETE FROM aliases WHERE entity_id = $1', [from]);
    await c.query('UPDATE entity_keys SET entity_id = $1 WHERE entity_id = $2', [into, from]);
    await c.query('UPDATE entity_redirects SET into_id = $1 WHERE into_id = $2', [into, from]);
    await c.query('INSERT INTO entity_redirects (from_id, into_id) VALUES ($1, $2) ON CONFLICT (from_id) DO UPDATE SET into_id = excluded.into_id', [from, into]);
    await c.query('DELETE FROM entities WHERE id = $1', [from]);
    await this.recount(c, into);
  }

  async mergeEntities(intoId: number, fromId: number): Promise<StoredEntity> {
    const into = await this.transaction(async (c) => {
      const into = await this.redirect(c, intoId);
      const from = await this.redirect(c, fromId);
      if (!(await c.query('SELECT 1 FROM entities WHERE id = $1', [into])).rowCount) throw new StoreError('NO_SUCH_ENTITY', `No entity ${intoId}.`);
      if (!(await c.query('SELECT 1 FROM entities WHERE id = $1', [from])).rowCount) throw new StoreError('NO_SUCH_ENTITY', `No entity ${fromId}.`);
      if (into === from) throw new StoreError('SAME_ENTITY', `Entities ${intoId} and ${fromId} are already one entity (${into}).`);
      await this.mergeInto(c, into, from);
      return into;
    }, { lock: true });
    return (await this.getEntity(into))!;
  }

  async getArticle(id: number): Promise<StoredArticle | null> {
    if (!isId(id)) return null;
    const r = (await this.pool.query(`SELECT a.id, a.content_hash, a.canonical_url, a.url, a.origin, a.title, a.published, a.publisher, a.text, a.result_json,
        a.pipeline_version, a.ingested_at, ${ARTICLE_COUNTS} FROM articles a WHERE a.id = $1`, [id])).rows[0] as Row | undefined;
    if (!r) return null;
    const result = { ...(JSON.parse(r.result_json as string) as Omit<ArticleResult, 'text'>), text: r.text as string } as ArticleResult;
    const entityIds: Record<string, number> = {};
    for (const e of (await this.pool.query<{ local_id: string; entity_id: number }>('SELECT local_id, entity_id FROM article_entities WHERE article_id = $1', [id])).rows) {
      entityIds[e.local_id] = e.entity_id;
    }
    return {
      ...articleSummary(r),
      contentHash: r.content_hash as string,
      canonicalUrl: (r.canonical_url as string | null) ?? null,
      origin: (r.origin as string | null) ?? null,
      result,
      entityIds,
      copies: (await this.pool.query('SELECT url, title, publisher, similarity, by, seen_at FROM near_duplicates WHERE original_id = $1 ORDER BY id', [id])).rows.map((c: Row) => ({
        url: (c.url as string | null) ?? null,
        title: (c.title as string | null) ?? null,
        publisher: (c.publisher as string | null) ?? null,
        similarity: Number(c.similarity),
        by: c.by as 'near' | 'source',
        seenAt: c.seen_at as string,
      })),
    };
  }

  async listArticles(options: ListArticlesOptions = {}): Promise<Page<ArticleSummary> & { nextCursor: string | null }> {
    const limit = clampLimit(options.limit);
    const publisher = options.source ? normalisePublisher(options.source) : null;
    const params: unknown[] = [];
    const conds: string[] = [];
    if (publisher) {
      params.push(publisher);
      conds.push(`(lower(a.publisher) = lower($${params.length}) OR a.domain = lower($${params.length}))`);
    }
    const total = (await this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM articles a ${conds.length ? 'WHERE ' + conds.join(' AND ') : ''}`, params)).rows[0].n;
    const before = options.cursor ? Number(/^a(\d+)$/.exec(options.cursor)?.[1] ?? NaN) : null;
    if (before !== null && !Number.isFinite(before)) throw new StoreError('BAD_CURSOR', `Not a cursor from listArticles: ${JSON.stringify(options.cursor)}.`);
    if (before !== null) {
      params.push(before);
      conds.push(`a.id < $${params.length}`);
    }
    params.push(limit, before !== null ? 0 : clampOffset(options.offset));
    const rows = (await this.pool.query(
      `SELECT a.id, a.title, a.published, a.url, a.canonical_url, a.publisher, a.pipeline_version, a.ingested_at, ${ARTICLE_COUNTS}
       FROM articles a ${conds.length ? 'WHERE ' + conds.join(' AND ') : ''} ORDER BY a.id DESC LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    )).rows as Row[];
    const items = rows.map(articleSummary);
    const nextCursor = items.length === limit && limit > 0 ? `a${items[items.length - 1].id}` : null;
    return { total, items, nextCursor };
  }

  // ---- entities ----------------------------------------------------------------------------

  async getEntity(id: number): Promise<StoredEntity | null> {
    if (!isId(id)) return null;
    const eid = await this.redirect(this.pool, id);
    const r = (await this.pool.query('SELECT * FROM entities WHERE id = $1', [eid])).rows[0] as Row | undefined;
    if (!r) return null;
    const aliases = (await this.pool.query<{ text: string; count: number }>('SELECT alias AS text, count FROM aliases WHERE entity_id = $1 ORDER BY count DESC, alias COLLATE "C"', [eid])).rows;
    const roles = new Map<string, number>();
    for (const row of (await this.pool.query<{ roles: string }>("SELECT roles FROM article_entities WHERE entity_id = $1 AND roles <> '[]' LIMIT 1000", [eid])).rows) {
      for (const role of JSON.parse(row.roles) as string[]) roles.set(role, (roles.get(role) ?? 0) + 1);
    }
    return { ...entitySummary(r), aliases, roles: [...roles].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([role]) => role) };
  }

  async listEntities(options: ListEntitiesOptions = {}): Promise<Page<EntitySummary>> {
    const limit = clampLimit(options.limit);
    const offset = clampOffset(options.offset);
    const conds: string[] = [];
    const params: unknown[] = [];
    if (options.type) {
      params.push(options.type.toUpperCase());
      conds.push(`e.type = $${params.length}`);
    }
    const q = options.q ? normaliseName(options.q) : '';
    if (q) {
      params.push(q.replace(/[\\%_]/g, '\\$&') + '%', q);
      const like = `$${params.length - 1}`;
      conds.push(`(e.id IN (SELECT entity_id FROM aliases WHERE norm LIKE ${like})
        OR e.id IN (SELECT entity_id FROM entity_keys WHERE norm LIKE ${like}) OR e.surname = $${params.length})`);
    }
    const where = conds.length ? 'WHERE ' + conds.join(' AND ') : '';
    const total = (await this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM entities e ${where}`, params)).rows[0].n;
    const rows = (await this.pool.query(`SELECT * FROM entities e ${where} ORDER BY e.article_count DESC, e.id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`, [...params, limit, offset])).rows as Row[];
    return { total, items: rows.map(entitySummary) };
  }

  async resolveEntity(ref: EntityRef): Promise<EntitySummary[]> {
    const ids = await this.resolveIds(ref);
    if (!ids.length) return [];
    const rows = (await this.pool.query('SELECT * FROM entities WHERE id = ANY($1::int[])', [ids])).rows as Row[];
    const byId = new Map(rows.map((r) => [r.id as number, r]));
    return ids.filter((id) => byId.has(id)).map((id) => entitySummary(byId.get(id)!));
  }

  /** Entity ids an id or a name refers to, most-mentioned first. */
  private async resolveIds(ref: EntityRef): Promise<number[]> {
    if (typeof ref === 'number') {
      if (!isId(ref)) return [];
      const id = await this.redirect(this.pool, ref);
      return (await this.pool.query('SELECT 1 FROM entities WHERE id = $1', [id])).rowCount ? [id] : [];
    }
    if (/^\d+$/.test(ref.trim())) return this.resolveIds(Number(ref.trim()));
    const norm = normaliseName(ref);
    if (!norm) return [];
    const rows = (await this.pool.query<{ id: number }>(
      `SELECT id FROM entities WHERE id IN (
         SELECT entity_id FROM entity_keys WHERE norm = $1
         UNION SELECT entity_id FROM aliases WHERE norm = $1
         UNION SELECT id FROM entities WHERE surname = $1)
       ORDER BY article_count DESC, id`,
      [norm],
    )).rows;
    return rows.map((r) => r.id);
  }

  // ---- quotes ------------------------------------------------------------------------------

  async quotesBySpeaker(entityId: number, options: PageOptions = {}): Promise<Page<StoredQuote>> {
    if (!isId(entityId)) return { total: 0, items: [] };
    const id = await this.redirect(this.pool, entityId);
    const total = (await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM quotes WHERE speaker_entity_id = $1', [id])).rows[0].n;
    const rows = (await this.pool.query<QuoteRow>(
      `SELECT ${QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
       WHERE q.speaker_entity_id = $1 ORDER BY q.said_at IS NULL, q.said_at, q.id LIMIT $2 OFFSET $3`,
      [id, clampLimit(options.limit), clampOffset(options.offset)],
    )).rows;
    return { total, items: rows.map(storedQuote) };
  }

  async quotesMentioning(entityId: number, options: PageOptions = {}): Promise<Page<StoredQuote>> {
    if (!isId(entityId)) return { total: 0, items: [] };
    const id = await this.redirect(this.pool, entityId);
    const total = (await this.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM quote_mentions WHERE entity_id = $1', [id])).rows[0].n;
    const rows = (await this.pool.query<QuoteRow>(
      `SELECT ${QUOTE_COLUMNS} FROM quote_mentions m JOIN quotes q ON q.id = m.quote_id JOIN articles a ON a.id = q.article_id
       WHERE m.entity_id = $1 ORDER BY q.said_at IS NULL, q.said_at, q.id LIMIT $2 OFFSET $3`,
      [id, clampLimit(options.limit), clampOffset(options.offset)],
    )).rows;
    return { total, items: rows.map(storedQuote) };
  }

  // ---- search ------------------------------------------------------------------------------

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    const text = typeof query === 'string' ? query.replace(/\u0000/g, ' ') : '';
    const node = parseQuery(text);
    // Words, but nothing to look for ("NOT x", a lone "AND"): nothing matches.
    if (!node && /[\p{L}\p{N}]/u.test(text)) return { total: 0, hits: [], query: null };
    const tsq = node ? toTsQuery(node) : null;
    if (node && !tsq) return { total: 0, hits: [], query: null };
    return this.runSearch(tsq, matchersOf(node), options);
  }

  private async runSearch(tsq: string | null, matchers: Matcher[], options: SearchOptions): Promise<SearchResult> {
    const limit = clampLimit(options.limit);
    const offset = clampOffset(options.offset);
    const quoteOnly = options.speaker !== undefined || !!options.kind || !!options.saidFrom || !!options.saidTo || options.type === 'quote';
    const wantQuotes = options.type !== 'article';
    const wantArticles = !quoteOnly;
    const params: unknown[] = [];
    const p = (v: unknown): string => {
      params.push(v);
      return `$${params.length}`;
    };
    const qConds: string[] = [];
    const aConds: string[] = [];
    const fts = tsq ? p(tsq) + '::tsquery' : null;
    if (fts) {
      qConds.push(`q.tsv @@ ${fts}`);
      aConds.push(`a.tsv @@ ${fts}`);
    }
    if (options.speaker !== undefined) {
      const ids = await this.resolveIds(options.speaker);
      const norm = typeof options.speaker === 'string' ? normaliseName(options.speaker) || null : null;
      qConds.push(`(q.speaker_entity_id = ANY(${p(ids)}::int[]) OR (q.speaker_entity_id IS NULL AND q.speaker_norm = ${p(norm)}))`);
    }
    if (options.entity !== undefined) {
      const ids = p(await this.resolveIds(options.entity));
      qConds.push(`q.id IN (SELECT quote_id FROM quote_mentions WHERE entity_id = ANY(${ids}::int[]))`);
      aConds.push(`a.id IN (SELECT article_id FROM article_entities WHERE entity_id = ANY(${ids}::int[]))`);
    }
    if (options.publisher) {
      const pub = p(normalisePublisher(options.publisher));
      qConds.push(`(lower(q.publisher) = lower(${pub}) OR q.domain = lower(${pub}))`);
      aConds.push(`(lower(a.publisher) = lower(${pub}) OR a.domain = lower(${pub}))`);
    }
    if (options.publishedFrom) {
      const v = p(options.publishedFrom.slice(0, 10));
      qConds.push(`substr(q.published, 1, 10) >= ${v}`);
      aConds.push(`substr(a.published, 1, 10) >= ${v}`);
    }
    if (options.publishedTo) {
      const v = p(options.publishedTo.slice(0, 10));
      qConds.push(`substr(q.published, 1, 10) <= ${v}`);
      aConds.push(`substr(a.published, 1, 10) <= ${v}`);
    }
    if (options.saidFrom) qConds.push(`q.said_at >= ${p(options.saidFrom.slice(0, 10))}`);
    if (options.saidTo) qConds.push(`q.said_at <= ${p(options.saidTo.slice(0, 10))}`);
    if (options.kind) qConds.push(`q.kind = ${p(options.kind.toLowerCase())}`);

    const where = (conds: string[]) => (conds.length ? 'WHERE ' + conds.join(' AND ') : '');
    if (!wantQuotes && !wantArticles) return { total: 0, hits: [], query: tsq };
    let rows: { t: number; id: number; rank: number }[];
    let total: number;
    let lowerBound = false;
    if (fts) {
      // Words: each side's newest matches, ranked (see rankedSide).
      const k = offset + limit;
      const sides = await Promise.all([
        wantQuotes ? this.rankedSide(2, 'quotes', `ts_rank(x.tsv, ${fts}, 1)`, qConds, params, k) : null,
        wantArticles ? this.rankedSide(1, 'articles', `ts_rank('{0.1, 0.2, 0.25, 1.0}', x.tsv, ${fts}, 1)`, aConds, params, k) : null,
      ]);
      const ranked = sides.flatMap((s) => s?.rows ?? []);
      ranked.sort((x, y) => y.rank - x.rank || x.t - y.t || x.id - y.id);
      rows = ranked.slice(offset, k);
      total = sides.reduce((n, s) => n + (s?.total ?? 0), 0);
      lowerBound = sides.some((s) => s?.capped);
    } else {
      // Filters alone, newest first: one pass gives the page and the total; past the end, a count.
      const parts: string[] = [];
      const counts: string[] = [];
      if (wantQuotes) {
        const from = `FROM quotes q ${where(qConds)}`;
        parts.push(`SELECT 2 AS t, q.id AS id, 0.0::real AS rank, q.said_at AS d ${from}`);
        counts.push(`(SELECT count(*) ${from})`);
      }
      if (wantArticles) {
        const from = `FROM articles a ${where(aConds)}`;
        parts.push(`SELECT 1 AS t, a.id AS id, 0.0::real AS rank, substr(a.published, 1, 10) AS d ${from}`);
        counts.push(`(SELECT count(*) ${from})`);
      }
      const pageSql = `SELECT h.t, h.id, h.rank, count(*) OVER ()::int AS total FROM (${parts.join(' UNION ALL ')}) h ORDER BY d IS NULL, d COLLATE "C" DESC, t, id DESC LIMIT ${p(limit)} OFFSET ${p(offset)}`;
      const page = (await this.pool.query<{ t: number; id: number; rank: number; total: number }>(pageSql, params)).rows;
      rows = page;
      total = page[0]?.total ?? Number((await this.pool.query<{ n: string }>(`SELECT ${counts.join(' + ')} AS n`, params.slice(0, params.length - 2))).rows[0].n);
    }
    const quoteIds = rows.filter((r) => r.t === 2).map((r) => r.id);
    const articleIds = rows.filter((r) => r.t === 1).map((r) => r.id);
    const [quotes, articles] = await Promise.all([
      quoteIds.length
        ? this.pool.query<QuoteRow>(`SELECT ${QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.id = ANY($1::int[])`, [quoteIds])
        : null,
      articleIds.length
        ? this.pool.query(`SELECT id, title, published, publisher, COALESCE(canonical_url, url) AS url, ${fts ? 'text' : 'substr(text, 1, 300) AS text'} FROM articles WHERE id = ANY($1::int[])`, [articleIds])
        : null,
    ]);
    const qById = new Map((quotes?.rows ?? []).map((r) => [r.id, r]));
    const aById = new Map((articles?.rows ?? []).map((r) => [r.id as number, r as Row]));
    const hits: SearchHit[] = [];
    for (const r of rows) {
      if (r.t === 2) {
        const row = qById.get(r.id);
        if (row) hits.push(quoteHit(row, r.rank, fts ? matchers : null));
      } else {
        const row = aById.get(r.id);
        if (row) hits.push(articleHit(row, r.rank, fts ? matchers : null));
      }
    }
    return lowerBound ? { total, totalIsLowerBound: true, hits, query: tsq } : { total, hits, query: tsq };
  }

  /**
   * One side (quotes or articles) of a search with words, like SQLite's rankedSearch:
   *  1. candidates: the newest (highest id) matches that pass the filters, at most
   *     searchCandidates + 1 ids, without ranking (see candidateIds);
   *  2. ranking: ts_rank for the newest searchCandidates of them only, best first (then id), the
   *     top k = offset + limit.
   * More than searchCandidates matches: only the newest are ranked and the count stops there
   * (capped: the total is a lower bound). Fewer: the same ranking and count as ranking all.
   */
  private async rankedSide(t: 1 | 2, table: 'quotes' | 'articles', rank: string, conds: string[], params: unknown[], k: number): Promise<{ rows: { t: number; id: number; rank: number }[]; total: number; capped: boolean }> {
    const c = await this.pool.connect();
    try {
      const found = await this.candidateIds(c, table, conds, params, rank, k);
      if (!Array.isArray(found)) {
        c.release();
        const capped = found.n > this.candidates;
        return { rows: found.rows.map((r) => ({ t, id: r.id, rank: r.rank })), total: capped ? this.candidates : found.n, capped };
      }
      const ids = found;
      const capped = ids.length > this.candidates;
      if (capped) ids.length = this.candidates;
      let rows: { t: number; id: number; rank: number }[] = [];
      if (ids.length && k > 0) {
        // The rank expression reads the tsquery, always $1 (the filters' parameters are not used).
        const sql = `SELECT x.id, ${rank} AS rank FROM ${table} x WHERE x.id = ANY($2::int[]) ORDER BY rank DESC, x.id LIMIT $3`;
        rows = (await c.query<{ id: number; rank: number }>(sql, [params[0], ids, k])).rows.map((r) => ({ t, id: r.id, rank: r.rank }));
      }
      c.release();
      return { rows, total: ids.length, capped };
    } catch (err) {
      c.release(err as Error);
      throw err;
    }
  }

  /**
   * The newest searchCandidates + 1 matches of a side, newest first, found cheaply. The planner
   * alone does badly here: for ORDER BY id DESC LIMIT it likes walking the primary key
   * backwards and testing `tsv @@ query` on each row, which it prices as cheap, but a row's
   * tsvector must be read (for articles, detoasted: microseconds each) — thousands of rows for
   * a word in a few percent of the articles; and a GIN bitmap over all the matches visits every
   * matching row (tens of thousands for a common prefix) to sort them by id. So, from the
   * planner's estimate of the matches:
   *  - matches in most rows (over half the articles, a quarter of the quotes): the backward walk
   *    (it meets a match every row or two);
   *  - otherwise windows of ids, newest first: GIN bitmap AND the primary key's id range
   *    (index scans and sequential scans off for these statements), so only the matches inside
   *    the window are visited; the first window is sized from the estimate (and at most
   *    4 × the candidates; the whole table when the estimate is well under the candidates), the
   *    next ones from the matches seen so far, until enough are found or the ids run out.
   */
  private async candidateIds(c: pg.PoolClient, table: 'quotes' | 'articles', conds: string[], params: unknown[], rank: string, k: number): Promise<number[] | { n: number; rows: { id: number; rank: number }[] }> {
    const want = this.candidates + 1;
    const alias = table === 'quotes' ? 'q' : 'a';
    const where = conds.join(' AND ');
    const plan = (await c.query<{ 'QUERY PLAN': [{ Plan: { 'Plan Rows': number } }] }>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${table} ${alias} WHERE ${where}`, params)).rows[0]['QUERY PLAN'];
    const estimate = plan[0].Plan['Plan Rows'];
    const { rows, maxId } = await this.tableSize(c, table);
    const density = Math.min(1, estimate / Math.max(1, rows));
    const n = params.length;
    const select = (range: string, columns = `${alias}.id`) => `SELECT ${columns} FROM ${table} ${alias} WHERE ${where}${range} ORDER BY ${alias}.id DESC LIMIT $${n + 1}`;
    // Candidates and ranking in one statement (when one plan fits all the matches): the
    // candidates carry their tsv (a TOAST pointer for long texts, detoasted by ts_rank only).
    const oneStatement = async (): Promise<{ n: number; rows: { id: number; rank: number }[] }> => {
      const sql = `WITH c AS MATERIALIZED (${select('', `${alias}.id, ${alias}.tsv`)})
        SELECT n.n, r.id, r.rank FROM (SELECT count(*)::int AS n FROM c) n
        LEFT JOIN LATERAL (
          SELECT x.id, ${rank} AS rank FROM (SELECT id, tsv FROM c ORDER BY id DESC LIMIT $${n + 2}) x
          ORDER BY rank DESC, x.id LIMIT $${n + 3}
        ) r ON true`;
      const res = (await c.query<{ n: number; id: number | null; rank: number }>(sql, [...params, want, this.candidates, k])).rows;
      return { n: res[0]?.n ?? 0, rows: res.filter((r) => r.id !== null).map((r) => ({ id: r.id!, rank: r.rank })) };
    };
    if (density > (table === 'articles' ? 0.5 : 0.25) || maxId <= 0) return oneStatement();
    // Fewer matches expected than candidates wanted: the bitmap over all of them, in one
    // statement (not when the query has a prefix, whose estimate is often the planner's default).
    const few = estimate * 2 < want && !/:\*/.test(String(params[0]));
    const out: number[] = [];
    await c.query('BEGIN READ ONLY; SET LOCAL enable_indexscan = off; SET LOCAL enable_seqscan = off');
    try {
      if (few) return await oneStatement();
      // The first window has no upper end (rows saved since maxId was read are the newest).
      let hi: number | null = null;
      let width = Math.ceil(Math.min((want / Math.max(density, 1e-9)) * 1.25, 4 * want));
      while (out.length < want) {
        const lo: number = (hi ?? maxId) - width;
        const last = lo <= 0;
        const range = (hi === null ? '' : ` AND ${alias}.id <= ${hi}`) + (last ? '' : ` AND ${alias}.id > ${lo}`);
        const got = (await c.query<{ id: number }>(select(range), [...params, want - out.length])).rows;
        for (const r of got) out.push(r.id);
        if (last || out.length >= want) break;
        // The next window: the ids still needed at the density seen so far (+25%), at least
        // double the last one when nothing was seen.
        const seen = out.length / (maxId - lo);
        width = seen > 0 ? Math.max(Math.ceil(((want - out.length) / seen) * 1.25), 256) : width * 8;
        hi = lo;
      }
    } finally {
      await c.query('COMMIT');
    }
    return out;
  }

  /** Rows (the planner's count) and the highest id of a table, cached for a few seconds. */
  private async tableSize(c: pg.PoolClient, table: 'quotes' | 'articles'): Promise<{ rows: number; maxId: number }> {
    const now = Date.now();
    const cached = this.sizes.get(table);
    if (cached && now - cached.at < 5_000) return cached;
    const r = (await c.query<{ rows: number; max: number | null }>(
      `SELECT GREATEST((SELECT reltuples FROM pg_class WHERE oid = '${table}'::regclass), 0)::float8 AS rows, (SELECT max(id) FROM ${table}) AS max`,
    )).rows[0];
    const size = { rows: r.rows > 0 ? r.rows : r.max ?? 0, maxId: r.max ?? 0, at: now };
    this.sizes.set(table, size);
    return size;
  }
  private readonly sizes = new Map<string, { rows: number; maxId: number; at: number }>();

  async listSources(): Promise<SourceSummary[]> {
    const rows = (await this.pool.query<{ publisher: string; articles: number; first: string | null; last: string | null }>(
      `SELECT publisher, count(*)::int AS articles, min(substr(published, 1, 10)) AS first, max(substr(published, 1, 10)) AS last
       FROM articles WHERE publisher IS NOT NULL GROUP BY publisher ORDER BY articles DESC, publisher COLLATE "C"`,
    )).rows;
    return rows.map((r) => ({ publisher: r.publisher, articles: r.articles, firstPublished: r.first, lastPublished: r.last }));
  }

  // ---- feeds -------------------------------------------------------------------------------

  private feedsCache?: PgFeeds;
  get feeds(): PgFeeds {
    return (this.feedsCache ??= new PgFeeds(this.pool));
  }

  addFeed(url: string, options: { title?: string | null } = {}): Promise<{ feed: FeedRecord; created: boolean }> {
    return this.feeds.addFeed(url, options);
  }
  listFeeds(): Promise<FeedRecord[]> {
    return this.feeds.listFeeds();
  }
  dueFeeds(now: Date): Promise<FeedRecord[]> {
    return this.feeds.dueFeeds(now);
  }
  async recordFeedPoll(feedId: number, poll: FeedPoll): Promise<void> {
    if (!(await this.feeds.recordFeedPoll(feedId, poll))) throw new StoreError('NO_SUCH_FEED', `There is no feed ${feedId}: see "newsgraph feeds list".`);
  }
  markEntrySeen(feedId: number, key: string, articleId: number | null = null): Promise<void> {
    return this.feeds.markEntrySeen(feedId, key, articleId);
  }
  isEntrySeen(feedId: number, key: string): Promise<boolean> {
    return this.feeds.isEntrySeen(feedId, key);
  }

  // ---- accounts, notes, reviews (see ../accounts.ts) ----------------------------------------

  private accountsCache?: PgAccounts;
  private get accounts(): PgAccounts {
    return (this.accountsCache ??= new PgAccounts(this.pool));
  }
  createUser(name: string, password: string) { return this.accounts.createUser(name, password); }
  verifyUser(name: string, password: string) { return this.accounts.verifyUser(name, password); }
  findUser(name: string) { return this.accounts.findUser(name); }
  listUsers() { return this.accounts.listUsers(); }
  createSession(userId: number, options?: { ttlMs?: number }) { return this.accounts.createSession(userId, options); }
  getSession(token: string) { return this.accounts.getSession(token); }
  deleteSession(token: string) { return this.accounts.deleteSession(token); }
  addNote(target: NoteTarget, userId: number, text: string) { return this.accounts.addNote(target, userId, text); }
  notesFor(target: NoteTarget) { return this.accounts.notesFor(target); }
  setReviewStatus(quoteId: number, status: ReviewStatus, userId: number) { return this.accounts.setReviewStatus(quoteId, status, userId); }
  getReviewStatus(quoteId: number) { return this.accounts.getReviewStatus(quoteId); }
  articleQuoteReviews(articleId: number) { return this.accounts.articleQuoteReviews(articleId); }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.end();
  }
}

// ---- helpers -------------------------------------------------------------------------------

const ARTICLE_COLUMNS = ['url', 'origin', 'title', 'published', 'publisher', 'domain', 'source_url', 'republished_from', 'byline', 'language', 'text', 'result_json', 'pipeline_version'];
const ARTICLE_COUNTS = `(SELECT count(*)::int FROM quotes WHERE article_id = a.id) AS quote_count,
  (SELECT count(DISTINCT entity_id)::int FROM article_entities WHERE article_id = a.id) AS entity_count`;

/** PostgreSQL text cannot hold U+0000: it becomes U+FFFD (one UTF-16 unit, so offsets stay right). */
const noNul = (s: string): string => (s.includes('\u0000') ? s.replace(/\u0000/g, '\ufffd') : s);
const noNulOrNull = (s: string | null | undefined): string | null => (s == null ? null : noNul(s));
const isId = (n: number): boolean => Number.isInteger(n) && n > 0 && n <= 2147483647;

function articleParams(result: ArticleResult, meta: SaveMeta): Record<string, unknown> {
  const { text, ...rest } = result;
  return {
    url: noNulOrNull(result.url ?? meta.url ?? null),
    origin: noNulOrNull(meta.origin ?? null),
    title: noNulOrNull(result.title),
    published: noNulOrNull(result.published),
    publisher: noNulOrNull(publisherOf(result)),
    domain: domainOf(result, meta.url ?? null),
    source_url: noNulOrNull(result.source?.url ?? null),
    republished_from: noNulOrNull(result.republished_from),
    byline: noNulOrNull(result.byline),
    language: noNulOrNull(result.language),
    text: noNul(text),
    // JSON escapes U+0000 as \u0000, which text can hold.
    result_json: JSON.stringify(rest),
    pipeline_version: meta.pipelineVersion,
    tsv: ftsVector([{ text: result.title, weight: 'A' }, { text, weight: 'B' }]),
  };
}

function quoteHit(row: QuoteRow, rank: number, matchers: Matcher[] | null): SearchHit {
  const q = storedQuote(row);
  const snip = matchers ? snippet(q.text, matchers, MARK_OPEN, MARK_CLOSE, 48) : null;
  return {
    type: 'quote', id: q.id, articleId: q.articleId, snippet: snip ?? truncate(q.text, 300), score: scoreOf(rank), title: q.title, published: q.published,
    publisher: q.publisher, url: q.url, kind: q.kind, speaker: q.speaker, saidOn: q.saidOn,
  };
}

function articleHit(a: Row, rank: number, matchers: Matcher[] | null): SearchHit {
  const text = a.text as string;
  let snip = truncate(text.slice(0, 300), 200);
  if (matchers) {
    const s = snippet(text, matchers, MARK_OPEN, MARK_CLOSE, 32);
    if (s) snip = s;
    else if (a.title) {
      const h = highlight(a.title as string, matchers, MARK_OPEN, MARK_CLOSE);
      if (h.includes(MARK_OPEN)) snip = h;
    }
  }
  return {
    type: 'article', id: a.id as number, articleId: a.id as number, snippet: snip, score: scoreOf(rank), title: a.title as string | null,
    published: a.published as string | null, publisher: a.publisher as string | null, url: a.url as string | null,
  };
}

const scoreOf = (rank: number): number => Math.round(rank * 1e6) / 1e6 || 0;
const truncate = (s: string, n: number): string => (s.length > n ? s.slice(0, n - 1).trimEnd() + '…' : s);
