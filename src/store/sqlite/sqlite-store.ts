// The Store over SQLite (better-sqlite3): WAL, foreign keys, FTS5 with bm25, one transaction
// per article. better-sqlite3 is synchronous; the methods are async to match the interface.

import { articleSummary, domainOf, entitySummary, isNewerVersion, normalisePublisher, publisherOf, speakerOf, storedQuote, type QuoteRow, type Row } from '../rows.js';
import { NEAR_DUP_THRESHOLD, SOURCE_DUP_THRESHOLD, bandKeys, minhash, signatureFromBuffer, signatureToBuffer, similarity } from '../near-dup.js';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { NewsgraphError } from '../../doc/errors.js';
import type { ArticleResult } from '../../result.js';
import { parseQuery, positiveTerms, toFts5 } from '../query.js';
import {
  MARK_CLOSE, MARK_OPEN, canonicalUrl, clampLimit, clampOffset, normaliseName, quoteWhen, surnameOf,
  type ArticleSummary, type EntityRef, type EntitySummary, type ListArticlesOptions, type ListEntitiesOptions,
  type Page, type PageOptions, type SaveItem, type SaveItemOutcome, type SaveMeta, type SaveOutcome, type SearchHit, type SearchOptions, type SearchResult,
  type FeedPoll, type FeedRecord, type SourceSummary, type Store, type StoredArticle, type StoredEntity, type StoredQuote, type StoredSpeaker,
} from '../store.js';
import { SqliteFeeds } from './feeds.js';
import { migrate } from './migrations.js';
import { SqliteAccounts } from './accounts.js';
import type { NoteTarget, ReviewStatus } from '../accounts.js';

export class StoreError extends NewsgraphError {}

/** Points inside saveArticle where a test can make it fail (to check nothing is half-written). */
export type FailPoint = 'article' | 'entity' | 'quote';

export interface SqliteStoreOptions {
  readonly failpoint?: (point: FailPoint, n: number) => void;
  /** Matches ranked per side of a search (default SEARCH_CANDIDATES); tests set it low. */
  readonly searchCandidates?: number;
}

/** Mention kinds whose words are names of the entity (kept as aliases, counted in quotes). */
const NAME_VIAS = new Set(['name', 'surname', 'title', 'acronym', 'credit']);

/** A ranked search's filters on one side: subqueries giving sets of ids, and conditions on rows. */
interface SideFilters { sets: string[]; rows: string[] }
type Params = Record<string, unknown>;

const QUOTE_COLUMNS = `q.id, q.article_id, q.kind, q.start, q."end", q.text, q.cue, q.speaker_entity_id, q.speaker_name,
  q.speaker_text, q.via_entity_id, q.via_name, q.via_text, q.said_on, q.said_at, q.published, q.publisher,
  a.title, COALESCE(a.canonical_url, a.url) AS url`;

export async function openSqliteStore(file: string, options: SqliteStoreOptions = {}): Promise<SqliteStore> {
  return new SqliteStore(file, options);
}

export class SqliteStore implements Store {
  readonly db: Database.Database;
  private readonly failpoint?: (point: FailPoint, n: number) => void;
  private readonly statements = new Map<string, Database.Statement>();
  private mergedDuringSave = false;
  private readonly candidates: number;

  constructor(file: string, options: SqliteStoreOptions = {}) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    try {
      this.db = new Database(file);
    } catch (err) {
      throw new StoreError('STORE_OPEN', `Cannot open the database ${file}: ${(err as Error).message}`);
    }
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('foreign_keys = ON');
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.pragma('cache_size = -65536');
    migrate(this.db);
    this.failpoint = options.failpoint;
    this.candidates = Math.max(1, Math.floor(options.searchCandidates ?? SEARCH_CANDIDATES));
  }

  /** A prepared statement, prepared once per SQL text. */
  private st(sql: string): Database.Statement {
    let s = this.statements.get(sql);
    if (!s) {
      s = this.db.prepare(sql);
      this.statements.set(sql, s);
    }
    return s;
  }

  // ---- articles ----------------------------------------------------------------------------

  async findArticle(key: { contentHash?: string; url?: string | null }): Promise<{ articleId: number; pipelineVersion: string } | null> {
    const found = this.findExisting(key.contentHash ?? null, canonicalUrl(key.url));
    return found ? { articleId: found.id, pipelineVersion: found.pipeline_version } : null;
  }

  private findExisting(hash: string | null, canonical: string | null): { id: number; pipeline_version: string; by: 'content' | 'url' | 'near' | 'source' } | null {
    if (hash) {
      const r = this.st('SELECT id, pipeline_version FROM articles WHERE content_hash = ?').get(hash) as { id: number; pipeline_version: string } | undefined;
      if (r) return { ...r, by: 'content' };
    }
    if (canonical) {
      const r = this.st('SELECT id, pipeline_version FROM articles WHERE canonical_url = ?').get(canonical) as { id: number; pipeline_version: string } | undefined;
      if (r) return { ...r, by: 'url' };
    }
    // a copy recorded before: the same copy again is still a duplicate of its original
    const copy = (hash ? this.st('SELECT original_id, by FROM near_duplicates WHERE content_hash = ?').get(hash) : undefined) ??
      (canonical ? this.st('SELECT original_id, by FROM near_duplicates WHERE canonical_url = ?').get(canonical) : undefined);
    if (copy) {
      const c = copy as { original_id: number; by: 'near' | 'source' };
      const r = this.st('SELECT id, pipeline_version FROM articles WHERE id = ?').get(c.original_id) as { id: number; pipeline_version: string };
      return { ...r, by: c.by };
    }
    return null;
  }

  /**
   * The stored article this one is a near-copy of: the article its "Source:" line names when
   * the texts agree, else the most similar candidate sharing an LSH band above the threshold.
   */
  private findNear(result: ArticleResult, sig: Uint32Array | null): { id: number; by: 'near' | 'source'; similarity: number } | null {
    const signatureOf = (id: number): Uint32Array | null => {
      const r = this.st('SELECT minhash FROM articles WHERE id = ?').get(id) as { minhash: Buffer | null } | undefined;
      return r?.minhash ? signatureFromBuffer(r.minhash) : null;
    };
    const source = canonicalUrl(result.republished_from);
    if (source && sig) {
      const r = this.st('SELECT id FROM articles WHERE canonical_url = ?').get(source) as { id: number } | undefined;
      const other = r ? signatureOf(r.id) : null;
      if (r && other) {
        const sim = similarity(sig, other);
        if (sim >= SOURCE_DUP_THRESHOLD) return { id: r.id, by: 'source', similarity: sim };
      }
    }
    if (!sig) return null;
    const keys = bandKeys(sig);
    const candidates = this.st(
      `SELECT article_id AS id, count(*) AS n FROM article_bands WHERE band IN (${keys.map(() => '?').join(',')})
       GROUP BY article_id ORDER BY n DESC LIMIT 8`,
    ).all(...keys) as { id: number; n: number }[];
    let best: { id: number; by: 'near'; similarity: number } | null = null;
    for (const c of candidates) {
      const other = signatureOf(c.id);
      if (!other) continue;
      const sim = similarity(sig, other);
      if (sim >= NEAR_DUP_THRESHOLD && (!best || sim > best.similarity)) best = { id: c.id, by: 'near', similarity: sim };
    }
    return best;
  }

  async saveArticle(result: ArticleResult, meta: SaveMeta): Promise<SaveOutcome> {
    const canonical = checkSave(result, meta);
    return this.db.transaction(() => this.saveOne(result, meta, canonical)).immediate();
  }

  /**
   * Many articles in one transaction (one commit, one full-text flush); each one inside its own
   * savepoint, so an article that fails is rolled back alone and reported in its place.
   */
  async saveArticles(items: readonly SaveItem[]): Promise<SaveItemOutcome[]> {
    const one = this.db.transaction((result: ArticleResult, meta: SaveMeta, canonical: string | null) => this.saveOne(result, meta, canonical));
    const all = this.db.transaction((): SaveItemOutcome[] =>
      items.map((item): SaveItemOutcome => {
        try {
          return { ok: true, outcome: one(item.result, item.meta, checkSave(item.result, item.meta)) };
        } catch (err) {
          return { ok: false, error: err instanceof Error ? err : new Error(String(err)) };
        }
      }),
    );
    return all.immediate();
  }

  /** Saves one article; the caller holds the transaction. */
  private saveOne(result: ArticleResult, meta: SaveMeta, canonical: string | null): SaveOutcome {
    const existing = this.findExisting(meta.contentHash, canonical);
    if (existing) {
      if (!isNewerVersion(meta.pipelineVersion, existing.pipeline_version)) {
        return { articleId: existing.id, status: 'duplicate', duplicateOf: { articleId: existing.id, by: existing.by } };
      }
      this.removeAnnotations(existing.id);
      this.st(
        `UPDATE articles SET ${ARTICLE_SET}, updated_at = @now WHERE id = @id`,
      ).run({ ...articleParams(result, meta), id: existing.id, now: new Date().toISOString() });
      this.failpoint?.('article', 0);
      this.insertAnnotations(existing.id, result, meta.url ?? null);
      return { articleId: existing.id, status: 'updated' };
    }
    const sig = minhash(result.text);
    const near = this.findNear(result, sig);
    if (near) {
      this.st(
        `INSERT INTO near_duplicates (original_id, content_hash, canonical_url, url, title, publisher, similarity, by, seen_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(near.id, meta.contentHash, canonical, result.url ?? meta.url ?? null, result.title, publisherOf(result), near.similarity, near.by, new Date().toISOString());
      return { articleId: near.id, status: 'duplicate', duplicateOf: { articleId: near.id, by: near.by, similarity: near.similarity } };
    }
    const info = this.st(
      `INSERT INTO articles (content_hash, canonical_url, ingested_at, minhash, ${ARTICLE_COLUMNS})
       VALUES (@contentHash, @canonical, @now, @minhash, ${ARTICLE_COLUMNS.split(', ').map((c) => '@' + c).join(', ')})`,
    ).run({ ...articleParams(result, meta), contentHash: meta.contentHash, canonical, now: new Date().toISOString(), minhash: sig ? signatureToBuffer(sig) : null });
    const id = Number(info.lastInsertRowid);
    if (sig) {
      const band = this.st('INSERT OR IGNORE INTO article_bands (band, article_id) VALUES (?, ?)');
      for (const key of bandKeys(sig)) band.run(key, id);
    }
    this.failpoint?.('article', 0);
    this.insertAnnotations(id, result, meta.url ?? null);
    return { articleId: id, status: 'added' };
  }

  private insertAnnotations(articleId: number, result: ArticleResult, metaUrl: string | null): void {
    const published = result.published;
    const publisher = publisherOf(result);
    const domain = domainOf(result, metaUrl);
    const local = new Map<string, number>();
    const perEntity = new Map<number, { mentions: number; quotes: number }>();
    let n = 0;
    this.mergedDuringSave = false;
    for (const e of result.entities ?? []) {
      const gid = this.entityFor(e.type, e.name);
      local.set(e.id, gid);
      const forms: Record<string, number> = {};
      for (const m of e.mentions ?? []) {
        if (!NAME_VIAS.has(m.via)) continue;
        const t = m.text.replace(/\s+/g, ' ').trim();
        if (t) forms[t] = (forms[t] ?? 0) + 1;
      }
      if (!Object.keys(forms).length) forms[e.name] = 1;
      const mentions = (e.mentions ?? []).length;
      this.st(
        `INSERT INTO article_entities (article_id, local_id, entity_id, name, roles, mentions, forms)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ).run(articleId, e.id, gid, e.name, JSON.stringify(e.roles ?? []), mentions, JSON.stringify(forms));
      for (const [alias, count] of Object.entries(forms)) {
        this.st(
          `INSERT INTO aliases (entity_id, alias, norm, count) VALUES (?, ?, ?, ?)
           ON CONFLICT (entity_id, alias) DO UPDATE SET count = count + excluded.count`,
        ).run(gid, alias, normaliseName(alias), count);
      }
      const c = perEntity.get(gid) ?? { mentions: 0, quotes: 0 };
      c.mentions += mentions;
      perEntity.set(gid, c);
      this.failpoint?.('entity', n++);
    }
    if (this.mergedDuringSave) {
      // A new full name took in an earlier surname-only entity: re-read the article's ids.
      for (const r of this.st('SELECT local_id, entity_id FROM article_entities WHERE article_id = ?').all(articleId) as { local_id: string; entity_id: number }[]) {
        local.set(r.local_id, r.entity_id);
      }
    }
    const insertQuote = this.st(
      `INSERT INTO quotes (article_id, ord, kind, start, "end", text, cue, speaker_entity_id, speaker_name, speaker_text,
         speaker_norm, via_entity_id, via_name, via_text, said_on, said_at, published, publisher, domain)
       VALUES (@article_id, @ord, @kind, @start, @end, @text, @cue, @speaker_entity_id, @speaker_name, @speaker_text,
         @speaker_norm, @via_entity_id, @via_name, @via_text, @said_on, @said_at, @published, @publisher, @domain)`,
    );
    const insertMention = this.st('INSERT OR IGNORE INTO quote_mentions (quote_id, entity_id) VALUES (?, ?)');
    (result.quotes ?? []).forEach((q, ord) => {
      const speakerId = q.speaker?.entity ? (local.get(q.speaker.entity) ?? null) : null;
      const viaId = q.via?.entity ? (local.get(q.via.entity) ?? null) : null;
      const speakerName = q.speaker ? (q.speaker.name ?? q.speaker.text) : null;
      const info = insertQuote.run({
        article_id: articleId,
        ord,
        kind: q.kind,
        start: q.start,
        end: q.end,
        text: q.text,
        cue: q.cue?.text ?? null,
        speaker_entity_id: speakerId,
        speaker_name: speakerName,
        speaker_text: q.speaker?.text ?? null,
        speaker_norm: speakerName ? normaliseName(speakerName) : null,
        via_entity_id: viaId,
        via_name: q.via ? (q.via.name ?? q.via.text) : null,
        via_text: q.via?.text ?? null,
        said_on: q.said_on?.value ?? null,
        said_at: quoteWhen(q.said_on?.value, published),
        published,
        publisher,
        domain,
      });
      const qid = Number(info.lastInsertRowid);
      if (speakerId !== null) {
        const c = perEntity.get(speakerId) ?? { mentions: 0, quotes: 0 };
        c.quotes++;
        perEntity.set(speakerId, c);
      }
      for (const e of result.entities ?? []) {
        const gid = local.get(e.id)!;
        if (e.mentions.some((m) => NAME_VIAS.has(m.via) && m.start >= q.start && m.end <= q.end)) insertMention.run(qid, gid);
      }
      this.failpoint?.('quote', ord);
    });
    const bump = this.st(
      'UPDATE entities SET article_count = article_count + 1, mention_count = mention_count + ?, quote_count = quote_count + ? WHERE id = ?',
    );
    if (this.mergedDuringSave) {
      for (const gid of new Set([...local.values()])) this.recount(gid);
    } else {
      for (const [gid, c] of perEntity) bump.run(c.mentions, c.quotes, gid);
    }
  }

  /** Removes an article's entities links, quotes and alias counts; deletes entities left with nothing. */
  private removeAnnotations(articleId: number): void {
    const rows = this.st('SELECT entity_id, forms FROM article_entities WHERE article_id = ?').all(articleId) as { entity_id: number; forms: string }[];
    const touched = new Set<number>(rows.map((r) => r.entity_id));
    for (const r of rows) {
      for (const [alias, count] of Object.entries(JSON.parse(r.forms) as Record<string, number>)) {
        this.st('UPDATE aliases SET count = count - ? WHERE entity_id = ? AND alias = ?').run(count, r.entity_id, alias);
      }
    }
    this.st('DELETE FROM aliases WHERE count <= 0 AND entity_id IN (SELECT entity_id FROM article_entities WHERE article_id = ?)').run(articleId);
    for (const r of this.st('SELECT DISTINCT speaker_entity_id AS id FROM quotes WHERE article_id = ? AND speaker_entity_id IS NOT NULL').all(articleId) as { id: number }[]) {
      touched.add(r.id);
    }
    this.st('DELETE FROM quotes WHERE article_id = ?').run(articleId);
    this.st('DELETE FROM article_entities WHERE article_id = ?').run(articleId);
    for (const id of touched) {
      if (!this.recount(id)) this.st('DELETE FROM entities WHERE id = ?').run(id);
    }
  }

  /** Recomputes an entity's counters; false when nothing refers to it any more. */
  private recount(id: number): boolean {
    const c = this.st(
      `SELECT (SELECT count(DISTINCT article_id) FROM article_entities WHERE entity_id = @id) AS articles,
              (SELECT COALESCE(sum(mentions), 0) FROM article_entities WHERE entity_id = @id) AS mentions,
              (SELECT count(*) FROM quotes WHERE speaker_entity_id = @id) AS quotes,
              (SELECT count(*) FROM quotes WHERE via_entity_id = @id) AS vias,
              (SELECT count(*) FROM quote_mentions WHERE entity_id = @id) AS inquotes`,
    ).get({ id }) as { articles: number; mentions: number; quotes: number; vias: number; inquotes: number };
    this.st('UPDATE entities SET article_count = ?, mention_count = ?, quote_count = ? WHERE id = ?').run(c.articles, c.mentions, c.quotes, id);
    return c.articles + c.quotes + c.vias + c.inquotes > 0;
  }

  /**
   * The canonical entity for an article's entity: the same type and normalised name; a
   * single-word PERSON joins the one multi-word person whose surname it is. A new multi-word
   * person takes in an earlier single-word entity of its surname when it is the only person
   * with that surname.
   */
  private entityFor(type: string, name: string): number {
    const norm = normaliseName(name) || name.toLowerCase().trim();
    const key = this.st('SELECT entity_id FROM entity_keys WHERE type = ? AND norm = ?').get(type, norm) as { entity_id: number } | undefined;
    if (key) return key.entity_id;
    if (type === 'PERSON' && !norm.includes(' ')) {
      const people = this.st("SELECT id FROM entities WHERE type = 'PERSON' AND surname = ? LIMIT 2").all(norm.replace(/^(?:al|el|ad|as|an|ar|ash)-/, '')) as { id: number }[];
      if (people.length === 1) return people[0].id;
    }
    const surname = type === 'PERSON' ? surnameOf(norm) : null;
    const id = Number(this.st('INSERT INTO entities (type, name, norm, surname) VALUES (?, ?, ?, ?)').run(type, name, norm, surname).lastInsertRowid);
    this.st('INSERT INTO entity_keys (type, norm, entity_id) VALUES (?, ?, ?)').run(type, norm, id);
    if (surname) {
      const single = this.st("SELECT entity_id FROM entity_keys WHERE type = 'PERSON' AND norm = ?").get(surname) as { entity_id: number } | undefined;
      const others = this.st("SELECT count(*) AS n FROM entities WHERE type = 'PERSON' AND surname = ?").get(surname) as { n: number };
      if (single && others.n === 1) {
        const s = this.st('SELECT surname FROM entities WHERE id = ?').get(single.entity_id) as { surname: string | null } | undefined;
        if (s && s.surname === null) {
          this.mergeInto(id, single.entity_id);
          this.mergedDuringSave = true;
        }
      }
    }
    return id;
  }

  private redirect(id: number): number {
    const r = this.st('SELECT into_id FROM entity_redirects WHERE from_id = ?').get(id) as { into_id: number } | undefined;
    return r ? r.into_id : id;
  }

  private mergeInto(into: number, from: number): void {
    this.st('UPDATE article_entities SET entity_id = ? WHERE entity_id = ?').run(into, from);
    this.st('UPDATE quotes SET speaker_entity_id = ? WHERE speaker_entity_id = ?').run(into, from);
    this.st('UPDATE quotes SET via_entity_id = ? WHERE via_entity_id = ?').run(into, from);
    this.st('INSERT OR IGNORE INTO quote_mentions (quote_id, entity_id) SELECT quote_id, ? FROM quote_mentions WHERE entity_id = ?').run(into, from);
    this.st('DELETE FROM quote_mentions WHERE entity_id = ?').run(from);
    this.st(
      `INSERT INTO aliases (entity_id, alias, norm, count) SELECT ?, alias, norm, count FROM aliases WHERE entity_id = ? AND true
       ON CONFLICT (entity_id, alias) DO UPDATE SET count = count + excluded.count`,
    ).run(into, from);
    this.st('DELETE FROM aliases WHERE entity_id = ?').run(from);
    this.st('UPDATE entity_keys SET entity_id = ? WHERE entity_id = ?').run(into, from);
    this.st('UPDATE entity_redirects SET into_id = ? WHERE into_id = ?').run(into, from);
    this.st('INSERT OR REPLACE INTO entity_redirects (from_id, into_id) VALUES (?, ?)').run(from, into);
    this.st('DELETE FROM entities WHERE id = ?').run(from);
    this.recount(into);
  }

  async mergeEntities(intoId: number, fromId: number): Promise<StoredEntity> {
    const into = this.redirect(intoId);
    const from = this.redirect(fromId);
    if (!this.st('SELECT 1 FROM entities WHERE id = ?').get(into)) throw new StoreError('NO_SUCH_ENTITY', `No entity ${intoId}.`);
    if (!this.st('SELECT 1 FROM entities WHERE id = ?').get(from)) throw new StoreError('NO_SUCH_ENTITY', `No entity ${fromId}.`);
    if (into === from) throw new StoreError('SAME_ENTITY', `Entities ${intoId} and ${fromId} are already one entity (${into}).`);
    this.db.transaction(() => this.mergeInto(into, from)).immediate();
    return (await this.getEntity(into))!;
  }

  async getArticle(id: number): Promise<StoredArticle | null> {
    const r = this.st(`SELECT a.*, ${ARTICLE_COUNTS} FROM articles a WHERE a.id = ?`).get(id) as Row | undefined;
    if (!r) return null;
    const result = { ...(JSON.parse(r.result_json as string) as Omit<ArticleResult, 'text'>), text: r.text as string } as ArticleResult;
    const entityIds: Record<string, number> = {};
    for (const e of this.st('SELECT local_id, entity_id FROM article_entities WHERE article_id = ?').all(id) as { local_id: string; entity_id: number }[]) {
      entityIds[e.local_id] = e.entity_id;
    }
    return {
      ...articleSummary(r),
      contentHash: r.content_hash as string,
      canonicalUrl: (r.canonical_url as string | null) ?? null,
      origin: (r.origin as string | null) ?? null,
      result,
      entityIds,
      copies: (this.st('SELECT url, title, publisher, similarity, by, seen_at FROM near_duplicates WHERE original_id = ? ORDER BY id').all(id) as Row[]).map((c) => ({
        url: (c.url as string | null) ?? null,
        title: (c.title as string | null) ?? null,
        publisher: (c.publisher as string | null) ?? null,
        similarity: c.similarity as number,
        by: c.by as 'near' | 'source',
        seenAt: c.seen_at as string,
      })),
    };
  }

  async listArticles(options: ListArticlesOptions = {}): Promise<Page<ArticleSummary> & { nextCursor: string | null }> {
    const limit = clampLimit(options.limit);
    const publisher = options.source ? normalisePublisher(options.source) : null;
    const where = publisher ? 'WHERE (a.publisher = @publisher COLLATE NOCASE OR a.domain = lower(@publisher))' : '';
    const total = (this.st(`SELECT count(*) AS n FROM articles a ${where}`).get({ publisher }) as { n: number }).n;
    const before = options.cursor ? Number(/^a(\d+)$/.exec(options.cursor)?.[1] ?? NaN) : null;
    if (before !== null && !Number.isFinite(before)) throw new StoreError('BAD_CURSOR', `Not a cursor from listArticles: ${JSON.stringify(options.cursor)}.`);
    const cond = before !== null ? (where ? `${where} AND a.id < @before` : 'WHERE a.id < @before') : where;
    const rows = this.st(
      `SELECT a.id, a.title, a.published, a.url, a.canonical_url, a.publisher, a.pipeline_version, a.ingested_at, ${ARTICLE_COUNTS}
       FROM articles a ${cond} ORDER BY a.id DESC LIMIT @limit OFFSET @offset`,
    ).all({ publisher, before, limit, offset: before !== null ? 0 : clampOffset(options.offset) }) as Row[];
    const items = rows.map(articleSummary);
    const nextCursor = items.length === limit && limit > 0 ? `a${items[items.length - 1].id}` : null;
    return { total, items, nextCursor };
  }

  // ---- entities ----------------------------------------------------------------------------

  async getEntity(id: number): Promise<StoredEntity | null> {
    const eid = this.redirect(id);
    const r = this.st('SELECT * FROM entities WHERE id = ?').get(eid) as Row | undefined;
    if (!r) return null;
    const aliases = this.st('SELECT alias AS text, count FROM aliases WHERE entity_id = ? ORDER BY count DESC, alias').all(eid) as { text: string; count: number }[];
    const roles = new Map<string, number>();
    for (const row of this.st('SELECT roles FROM article_entities WHERE entity_id = ? AND roles <> ? LIMIT 1000').all(eid, '[]') as { roles: string }[]) {
      for (const role of JSON.parse(row.roles) as string[]) roles.set(role, (roles.get(role) ?? 0) + 1);
    }
    return { ...entitySummary(r), aliases, roles: [...roles].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([role]) => role) };
  }

  async listEntities(options: ListEntitiesOptions = {}): Promise<Page<EntitySummary>> {
    const limit = clampLimit(options.limit);
    const offset = clampOffset(options.offset);
    const conds: string[] = [];
    const params: Params = { limit, offset };
    if (options.type) {
      conds.push('e.type = @type');
      params.type = options.type.toUpperCase();
    }
    const q = options.q ? normaliseName(options.q) : '';
    if (q) {
      conds.push(`(e.id IN (SELECT entity_id FROM aliases WHERE norm >= @q AND norm < @qEnd)
        OR e.id IN (SELECT entity_id FROM entity_keys WHERE norm >= @q AND norm < @qEnd) OR e.surname = @q)`);
      params.q = q;
      params.qEnd = q + '\uffff';
    }
    const where = conds.length ? 'WHERE ' + conds.join(' AND ') : '';
    const total = (this.st(`SELECT count(*) AS n FROM entities e ${where}`).get(params) as { n: number }).n;
    const rows = this.st(`SELECT * FROM entities e ${where} ORDER BY e.article_count DESC, e.id LIMIT @limit OFFSET @offset`).all(params) as Row[];
    return { total, items: rows.map(entitySummary) };
  }

  async resolveEntity(ref: EntityRef): Promise<EntitySummary[]> {
    return this.resolveIds(ref).map((id) => entitySummary(this.st('SELECT * FROM entities WHERE id = ?').get(id) as Row));
  }

  /** Entity ids an id or a name refers to, most-mentioned first. */
  private resolveIds(ref: EntityRef): number[] {
    if (typeof ref === 'number') {
      const id = this.redirect(ref);
      return this.st('SELECT 1 FROM entities WHERE id = ?').get(id) ? [id] : [];
    }
    if (/^\d+$/.test(ref.trim())) return this.resolveIds(Number(ref.trim()));
    const norm = normaliseName(ref);
    if (!norm) return [];
    const rows = this.st(
      `SELECT id FROM entities WHERE id IN (
         SELECT entity_id FROM entity_keys WHERE norm = @norm
         UNION SELECT entity_id FROM aliases WHERE norm = @norm
         UNION SELECT id FROM entities WHERE surname = @norm)
       ORDER BY article_count DESC, id`,
    ).all({ norm }) as { id: number }[];
    return rows.map((r) => r.id);
  }

  // ---- quotes ------------------------------------------------------------------------------

  async quotesBySpeaker(entityId: number, options: PageOptions = {}): Promise<Page<StoredQuote>> {
    const id = this.redirect(entityId);
    const total = (this.st('SELECT count(*) AS n FROM quotes WHERE speaker_entity_id = ?').get(id) as { n: number }).n;
    const rows = this.st(
      `SELECT ${QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id
       WHERE q.speaker_entity_id = ? ORDER BY q.said_at IS NULL, q.said_at, q.id LIMIT ? OFFSET ?`,
    ).all(id, clampLimit(options.limit), clampOffset(options.offset)) as QuoteRow[];
    return { total, items: rows.map(storedQuote) };
  }

  async quotesMentioning(entityId: number, options: PageOptions = {}): Promise<Page<StoredQuote>> {
    const id = this.redirect(entityId);
    const total = (this.st('SELECT count(*) AS n FROM quote_mentions WHERE entity_id = ?').get(id) as { n: number }).n;
    const rows = this.st(
      `SELECT ${QUOTE_COLUMNS} FROM quote_mentions m JOIN quotes q ON q.id = m.quote_id JOIN articles a ON a.id = q.article_id
       WHERE m.entity_id = ? ORDER BY q.said_at IS NULL, q.said_at, q.id LIMIT ? OFFSET ?`,
    ).all(id, clampLimit(options.limit), clampOffset(options.offset)) as QuoteRow[];
    return { total, items: rows.map(storedQuote) };
  }

  // ---- search ------------------------------------------------------------------------------

  async search(query: string, options: SearchOptions = {}): Promise<SearchResult> {
    const text = typeof query === 'string' ? query : '';
    const node = parseQuery(text);
    // Words, but nothing to look for ("NOT x", a lone "AND"): nothing matches.
    if (!node && /[\p{L}\p{N}]/u.test(text)) return { total: 0, hits: [], query: null };
    const fts = node ? toFts5(node) : null;
    try {
      return this.runSearch(fts, options);
    } catch (err) {
      if (!fts || !/fts5|syntax|MATCH/i.test((err as Error).message)) throw err;
      // Should not happen (every word is quoted), but a query must never fail: plain words.
      const plain = positiveTerms(node).map((t) => '"' + t.replace(/"/g, '""') + '"').join(' ');
      if (!plain) return { total: 0, hits: [], query: fts };
      try {
        return this.runSearch(plain, options);
      } catch {
        return { total: 0, hits: [], query: plain };
      }
    }
  }

  private runSearch(fts: string | null, options: SearchOptions): SearchResult {
    const limit = clampLimit(options.limit);
    const offset = clampOffset(options.offset);
    const quoteOnly = options.speaker !== undefined || !!options.kind || !!options.saidFrom || !!options.saidTo || options.type === 'quote';
    const wantQuotes = options.type !== 'article';
    const wantArticles = !quoteOnly;
    const params: Params = { fts, limit, offset, open: MARK_OPEN, close: MARK_CLOSE };
    const qConds: string[] = [];
    const aConds: string[] = [];

    if (options.speaker !== undefined) {
      const ids = this.resolveIds(options.speaker);
      params.speakerIds = JSON.stringify(ids);
      params.speakerNorm = typeof options.speaker === 'string' ? normaliseName(options.speaker) || null : null;
      qConds.push('(q.speaker_entity_id IN (SELECT value FROM json_each(@speakerIds)) OR (q.speaker_entity_id IS NULL AND q.speaker_norm = @speakerNorm))');
    }
    if (options.entity !== undefined) {
      params.entityIds = JSON.stringify(this.resolveIds(options.entity));
      qConds.push('q.id IN (SELECT quote_id FROM quote_mentions WHERE entity_id IN (SELECT value FROM json_each(@entityIds)))');
      aConds.push('a.id IN (SELECT article_id FROM article_entities WHERE entity_id IN (SELECT value FROM json_each(@entityIds)))');
    }
    if (options.publisher) {
      params.publisher = normalisePublisher(options.publisher);
      qConds.push('(q.publisher = @publisher COLLATE NOCASE OR q.domain = lower(@publisher))');
      aConds.push('(a.publisher = @publisher COLLATE NOCASE OR a.domain = lower(@publisher))');
    }
    if (options.publishedFrom) {
      params.pf = options.publishedFrom.slice(0, 10);
      // The same as substr(published, 1, 10) >= @pf, and it can use an index.
      qConds.push('q.published >= @pf');
      aConds.push('a.published >= @pf');
    }
    if (options.publishedTo) {
      params.pt = options.publishedTo.slice(0, 10);
      params.ptMax = params.pt + '\u{10FFFF}';
      // "published <= @ptMax" follows from the substr condition, and it can use an index.
      qConds.push('q.published <= @ptMax AND substr(q.published, 1, 10) <= @pt');
      aConds.push('a.published <= @ptMax AND substr(a.published, 1, 10) <= @pt');
    }
    if (options.saidFrom) {
      params.sf = options.saidFrom.slice(0, 10);
      qConds.push('q.said_at >= @sf');
    }
    if (options.saidTo) {
      params.st = options.saidTo.slice(0, 10);
      qConds.push('q.said_at <= @st');
    }
    if (options.kind) {
      params.kind = options.kind.toLowerCase();
      qConds.push('q.kind = @kind');
    }

    const and = (conds: string[]): string => conds.map((c) => ' AND ' + c).join('');
    if (!wantQuotes && !wantArticles) return { total: 0, hits: [], query: fts };
    if (fts) {
      // The same filters for the ranked search, as id sets found by narrow indexes (speaker,
      // entity, publisher with the published dates) and conditions on rows (the rest).
      const q: SideFilters = { sets: [], rows: [] };
      const a: SideFilters = { sets: [], rows: [] };
      if (options.speaker !== undefined) {
        q.sets.push(`SELECT id FROM quotes WHERE speaker_entity_id IN (SELECT value FROM json_each(@speakerIds))
          UNION SELECT id FROM quotes WHERE speaker_norm = @speakerNorm AND speaker_entity_id IS NULL`);
      }
      if (options.entity !== undefined) {
        q.sets.push('SELECT quote_id FROM quote_mentions WHERE entity_id IN (SELECT value FROM json_each(@entityIds))');
        a.sets.push('SELECT article_id FROM article_entities WHERE entity_id IN (SELECT value FROM json_each(@entityIds))');
      }
      const dates = (options.publishedFrom ? ' AND published >= @pf' : '') + (options.publishedTo ? ' AND published <= @ptMax AND substr(published, 1, 10) <= @pt' : '');
      if (options.publisher) {
        for (const [side, table] of [[q, 'quotes'], [a, 'articles']] as const) {
          side.sets.push(`SELECT id FROM ${table} INDEXED BY ${table}_publisher_nocase WHERE publisher = @publisher COLLATE NOCASE${dates}
            UNION SELECT id FROM ${table} INDEXED BY ${table}_domain WHERE domain = lower(@publisher)${dates}`);
        }
      } else if (dates) {
        q.rows.push(dates.slice(5).replace(/published/g, 'q.published'));
        a.rows.push(dates.slice(5).replace(/published/g, 'a.published'));
      }
      if (options.saidFrom) q.rows.push('q.said_at >= @sf');
      if (options.saidTo) q.rows.push('q.said_at <= @st');
      if (options.kind) q.rows.push('q.kind = @kind');
      return this.rankedSearch(fts, params, wantQuotes ? q : null, wantArticles ? a : null, limit, offset);
    }

    // No words: filters alone, newest first.
    const parts: string[] = [];
    const counts: string[] = [];
    if (wantQuotes) {
      const from = `FROM quotes q WHERE 1${and(qConds)}`;
      parts.push(`SELECT 2 AS t, q.id AS id, q.article_id AS article_id, 0.0 AS rank, q.said_at AS d ${from}`);
      counts.push(`(SELECT count(*) ${from})`);
    }
    if (wantArticles) {
      const from = `FROM articles a WHERE 1${and(aConds)}`;
      parts.push(`SELECT 1 AS t, a.id AS id, a.id AS article_id, 0.0 AS rank, substr(a.published, 1, 10) AS d ${from}`);
      counts.push(`(SELECT count(*) ${from})`);
    }
    // One pass gives the page and the total (count(*) OVER ()); past the end, a count query.
    const pageSql = `SELECT *, count(*) OVER () AS total FROM (${parts.join(' UNION ALL ')}) ORDER BY d IS NULL, d DESC, t, id DESC LIMIT @limit OFFSET @offset`;
    const rows = this.st(pageSql).all(pick(params, pageSql)) as {
      t: number; id: number; article_id: number; rank: number; total: number;
    }[];
    let total = rows[0]?.total;
    if (total === undefined) {
      const countSql = `SELECT ${counts.join(' + ')} AS n`;
      total = (this.st(countSql).get(pick(params, countSql)) as { n: number }).n;
    }
    const hits = rows.map((r) => (r.t === 2 ? this.quoteHit(r.id, r.rank, null) : this.articleHit(r.id, r.rank, null)));
    return { total, hits, query: null };
  }

  /**
   * Words (and maybe filters), best bm25 first. Each side (quotes, articles) in two steps:
   *  1. candidates: the newest (highest id) matches that pass the filters, at most
   *     SEARCH_CANDIDATES + 1 of them, walking the full-text index backwards — no ranking;
   *  2. ranking: bm25 for the candidates only (matches with id ≥ the oldest candidate that pass
   *     the filters), best first, the top offset + limit.
   * When a side has more matches than SEARCH_CANDIDATES, only its newest SEARCH_CANDIDATES are
   * ranked and the total is a lower bound (totalIsLowerBound). The two sides merge by rank.
   */
  private rankedSearch(fts: string, params: Params, qf: SideFilters | null, af: SideFilters | null, limit: number, offset: number): SearchResult {
    const k = offset + limit;
    const p = { ...params, cap: this.candidates + 1, k };
    type Ranked = { t: number; id: number; rank: number };
    const ranked: Ranked[] = [];
    let total = 0;
    let lowerBound = false;
    const side = (t: 1 | 2, ftsTable: string, table: string, alias: string, f: SideFilters, bm25: string): void => {
      // Id sets: "+f.rowid IN (…)" is a membership test while the full-text index drives (not a
      // rowid lookup into it per id). Row conditions are tested on the rows the walk meets.
      const join = f.rows.length ? ` JOIN ${table} ${alias} ON ${alias}.id = f.rowid` : '';
      const conds = [
        ...(f.sets.length ? [`+f.rowid IN (${f.sets.map((x) => `SELECT * FROM (${x})`).join(' INTERSECT ')})`] : []),
        ...f.rows,
      ].map((c) => ' AND ' + c).join('');
      const candSql = `SELECT f.rowid AS id FROM ${ftsTable} f${join} WHERE ${ftsTable} MATCH @fts${conds} ORDER BY f.rowid DESC LIMIT @cap`;
      const cands = this.st(candSql).pluck().all(pick(p, candSql)) as number[];
      if (cands.length === 0) return;
      const capped = cands.length > this.candidates;
      if (capped) lowerBound = true;
      const ids = capped ? cands.slice(0, this.candidates) : cands;
      total += ids.length;
      if (k === 0) return;
      // bm25 for the candidates only: the index walks ids from the oldest candidate up.
      const only = conds ? ' AND +f.rowid IN (SELECT value FROM json_each(@ids))' : '';
      const rankSql = `SELECT f.rowid AS id, ${bm25} AS rank FROM ${ftsTable} f
        WHERE ${ftsTable} MATCH @fts AND f.rowid BETWEEN @min AND @max${only} ORDER BY rank, f.rowid LIMIT @k`;
      const rankParams = { fts, k, min: BigInt(ids[ids.length - 1]), max: BigInt(ids[0]), ...(only ? { ids: JSON.stringify(ids) } : {}) };
      for (const r of this.st(rankSql).all(rankParams) as { id: number; rank: number }[]) ranked.push({ t, id: r.id, rank: r.rank });
    };
    if (qf) side(2, 'quotes_fts', 'quotes', 'q', qf, 'bm25(quotes_fts)');
    if (af) side(1, 'articles_fts', 'articles', 'a', af, 'bm25(articles_fts, 4.0, 1.0)');
    ranked.sort((x, y) => x.rank - y.rank || x.t - y.t || x.id - y.id);
    const hits = ranked.slice(offset, k).map((r) => (r.t === 2 ? this.quoteHit(r.id, r.rank, fts) : this.articleHit(r.id, r.rank, fts)));
    return lowerBound ? { total, totalIsLowerBound: true, hits, query: fts } : { total, hits, query: fts };
  }

  // FTS5 ignores "rowid = ?" next to MATCH when the value is bound as a REAL (how a JS number
  // binds): bind a BigInt so it is an INTEGER.
  private quoteHit(id: number, rank: number, fts: string | null): SearchHit {
    const q = storedQuote(this.st(`SELECT ${QUOTE_COLUMNS} FROM quotes q JOIN articles a ON a.id = q.article_id WHERE q.id = ?`).get(id) as QuoteRow);
    let snippet = truncate(q.text, 300);
    if (fts) {
      const s = this.st(`SELECT snippet(quotes_fts, 0, @open, @close, '…', 48) AS s FROM quotes_fts WHERE quotes_fts MATCH @fts AND rowid = @id`)
        .get({ fts, id: BigInt(id), open: MARK_OPEN, close: MARK_CLOSE }) as { s: string } | undefined;
      if (s?.s) snippet = s.s;
    }
    return {
      type: 'quote', id, articleId: q.articleId, snippet, score: scoreOf(rank), title: q.title, published: q.published,
      publisher: q.publisher, url: q.url, kind: q.kind, speaker: q.speaker, saidOn: q.saidOn,
    };
  }

  private articleHit(id: number, rank: number, fts: string | null): SearchHit {
    const a = this.st('SELECT id, title, published, publisher, COALESCE(canonical_url, url) AS url, substr(text, 1, 300) AS lead FROM articles WHERE id = ?').get(id) as Row;
    let snippet = truncate(a.lead as string, 200);
    if (fts) {
      const s = this.st(`SELECT snippet(articles_fts, 1, @open, @close, '…', 32) AS s, highlight(articles_fts, 0, @open, @close) AS h
                         FROM articles_fts WHERE articles_fts MATCH @fts AND rowid = @id`).get({ fts, id: BigInt(id), open: MARK_OPEN, close: MARK_CLOSE }) as { s: string; h: string | null } | undefined;
      if (s?.s && s.s.includes(MARK_OPEN)) snippet = s.s;
      else if (s?.h) snippet = s.h;
    }
    return {
      type: 'article', id, articleId: id, snippet, score: scoreOf(rank), title: a.title as string | null,
      published: a.published as string | null, publisher: a.publisher as string | null, url: a.url as string | null,
    };
  }

  async listSources(): Promise<SourceSummary[]> {
    const rows = this.st(
      `SELECT publisher, count(*) AS articles, min(substr(published, 1, 10)) AS first, max(substr(published, 1, 10)) AS last
       FROM articles WHERE publisher IS NOT NULL GROUP BY publisher ORDER BY articles DESC, publisher`,
    ).all() as { publisher: string; articles: number; first: string | null; last: string | null }[];
    return rows.map((r) => ({ publisher: r.publisher, articles: r.articles, firstPublished: r.first, lastPublished: r.last }));
  }

  // ---- feeds -------------------------------------------------------------------------------

  private feedsCache?: SqliteFeeds;
  private get feeds(): SqliteFeeds {
    return (this.feedsCache ??= new SqliteFeeds(this.db));
  }

  async addFeed(url: string, options: { title?: string | null } = {}): Promise<{ feed: FeedRecord; created: boolean }> {
    return this.feeds.addFeed(url, options);
  }

  async listFeeds(): Promise<FeedRecord[]> {
    return this.feeds.listFeeds();
  }

  async dueFeeds(now: Date): Promise<FeedRecord[]> {
    return this.feeds.dueFeeds(now);
  }

  async recordFeedPoll(feedId: number, poll: FeedPoll): Promise<void> {
    if (!this.feeds.recordFeedPoll(feedId, poll)) throw new StoreError('NO_SUCH_FEED', `There is no feed ${feedId}: see "newsgraph feeds list".`);
  }

  async markEntrySeen(feedId: number, key: string, articleId: number | null = null): Promise<void> {
    this.feeds.markEntrySeen(feedId, key, articleId);
  }

  async isEntrySeen(feedId: number, key: string): Promise<boolean> {
    return this.feeds.isEntrySeen(feedId, key);
  }

  // ---- accounts, notes, reviews (see ../accounts.ts) ----------------------------------------

  private accountsCache?: SqliteAccounts;
  private get accounts(): SqliteAccounts {
    return (this.accountsCache ??= new SqliteAccounts(this.db));
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
    if (this.db.open) this.db.close();
  }
}

// ---- helpers -------------------------------------------------------------------------------

/** Checks what a save needs; returns the article's canonical URL. */
function checkSave(result: ArticleResult, meta: SaveMeta): string | null {
  if (!result || typeof result.text !== 'string') throw new StoreError('BAD_RESULT', 'saveArticle needs an ArticleResult with a text.');
  if (!meta?.contentHash) throw new StoreError('BAD_META', 'saveArticle needs a contentHash.');
  if (!meta.pipelineVersion) throw new StoreError('BAD_META', 'saveArticle needs a pipelineVersion.');
  return canonicalUrl(result.canonical_url) ?? canonicalUrl(result.url) ?? canonicalUrl(meta.url);
}

const ARTICLE_COLUMNS = 'url, origin, title, published, publisher, domain, source_url, republished_from, byline, language, text, result_json, pipeline_version';
const ARTICLE_SET = ARTICLE_COLUMNS.split(', ').map((c) => `${c} = @${c}`).join(', ');
const ARTICLE_COUNTS = `(SELECT count(*) FROM quotes WHERE article_id = a.id) AS quote_count,
  (SELECT count(DISTINCT entity_id) FROM article_entities WHERE article_id = a.id) AS entity_count`;

function articleParams(result: ArticleResult, meta: SaveMeta): Params {
  const { text, ...rest } = result;
  return {
    url: result.url ?? meta.url ?? null,
    origin: meta.origin ?? null,
    title: result.title,
    published: result.published,
    publisher: publisherOf(result),
    domain: domainOf(result, meta.url ?? null),
    source_url: result.source?.url ?? null,
    republished_from: result.republished_from,
    byline: result.byline,
    language: result.language,
    text,
    result_json: JSON.stringify(rest),
    pipeline_version: meta.pipelineVersion,
  };
}

/** Only the named parameters the SQL uses (better-sqlite3 rejects missing ones, ignores none). */
function pick(params: Params, sql: string): Params {
  const out: Params = {};
  for (const m of sql.matchAll(/@(\w+)/g)) out[m[1]] = params[m[1]] ?? null;
  return out;
}

/**
 * Search ranks at most this many matches per side (quotes, articles): the newest ones. Past it
 * the total is a lower bound. Bounds the bm25 work of a very common word.
 */
export const SEARCH_CANDIDATES = 10_000;

const scoreOf = (rank: number): number => Math.round(-rank * 1000) / 1000 || 0;
const truncate = (s: string, n: number): string => (s.length > n ? s.slice(0, n - 1).trimEnd() + '…' : s);
