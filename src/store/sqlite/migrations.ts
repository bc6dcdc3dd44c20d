// Ordered schema migrations. Each runs once, in order, in its own transaction, and is recorded
// in schema_migrations. Never edit a released migration: append a new one.

import type Database from 'better-sqlite3';
import { ACCOUNTS_MIGRATION_UP } from './accounts.js';
import { FEEDS_MIGRATION_UP } from './feeds.js';

export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database.Database) => void;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'articles, entities, aliases, quotes, full-text indexes',
    up: (db) =>
      db.exec(`
        CREATE TABLE articles (
          id               INTEGER PRIMARY KEY AUTOINCREMENT,
          content_hash     TEXT NOT NULL UNIQUE,
          canonical_url    TEXT UNIQUE,
          url              TEXT,
          origin           TEXT,
          title            TEXT,
          published        TEXT,
          publisher        TEXT,
          domain           TEXT,                  -- host of the article's or source's URL, no www.
          source_url       TEXT,
          republished_from TEXT,
          byline           TEXT,
          language         TEXT,
          text             TEXT NOT NULL,
          result_json      TEXT NOT NULL,          -- the ArticleResult without its text
          pipeline_version TEXT NOT NULL,
          ingested_at      TEXT NOT NULL,
          updated_at       TEXT
        );
        CREATE INDEX articles_publisher ON articles(publisher, published);
        CREATE INDEX articles_domain ON articles(domain, published);
        CREATE INDEX articles_published ON articles(published);

        CREATE TABLE entities (
          id      INTEGER PRIMARY KEY AUTOINCREMENT,
          type    TEXT NOT NULL,
          name    TEXT NOT NULL,
          norm    TEXT NOT NULL,
          surname TEXT,                           -- multi-word PERSON only
          article_count INTEGER NOT NULL DEFAULT 0,
          mention_count INTEGER NOT NULL DEFAULT 0,
          quote_count   INTEGER NOT NULL DEFAULT 0  -- quotes it said
        );
        CREATE INDEX entities_rank ON entities(article_count DESC, id);
        CREATE INDEX entities_surname ON entities(surname) WHERE surname IS NOT NULL;
        CREATE INDEX entities_norm ON entities(norm);

        -- Normalised names that identify an entity within a type (its own, and those merged in).
        CREATE TABLE entity_keys (
          type      TEXT NOT NULL,
          norm      TEXT NOT NULL,
          entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
          PRIMARY KEY (type, norm)
        ) WITHOUT ROWID;
        CREATE INDEX entity_keys_entity ON entity_keys(entity_id);

        -- Merged-away ids answer with the entity they went into.
        CREATE TABLE entity_redirects (
          from_id INTEGER PRIMARY KEY,
          into_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE
        );
        CREATE INDEX entity_redirects_into ON entity_redirects(into_id);

        -- Every surface form seen for an entity, with how often.
        CREATE TABLE aliases (
          entity_id INTEGER NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
          alias     TEXT NOT NULL,
          norm      TEXT NOT NULL,
          count     INTEGER NOT NULL,
          PRIMARY KEY (entity_id, alias)
        ) WITHOUT ROWID;
        CREATE INDEX aliases_norm ON aliases(norm);

        -- An article's own entities ("e1") and the canonical entity each one is.
        CREATE TABLE article_entities (
          article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          local_id   TEXT NOT NULL,
          entity_id  INTEGER NOT NULL REFERENCES entities(id),
          name       TEXT NOT NULL,
          roles      TEXT NOT NULL,               -- JSON array
          mentions   INTEGER NOT NULL,
          forms      TEXT NOT NULL,               -- JSON {surface form: count}
          PRIMARY KEY (article_id, local_id)
        ) WITHOUT ROWID;
        CREATE INDEX article_entities_entity ON article_entities(entity_id, article_id);

        CREATE TABLE quotes (
          id                INTEGER PRIMARY KEY AUTOINCREMENT,
          article_id        INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          ord               INTEGER NOT NULL,
          kind              TEXT NOT NULL,
          start             INTEGER NOT NULL,
          "end"             INTEGER NOT NULL,
          text              TEXT NOT NULL,
          cue               TEXT,
          speaker_entity_id INTEGER REFERENCES entities(id),
          speaker_name      TEXT,
          speaker_text      TEXT,
          speaker_norm      TEXT,
          via_entity_id     INTEGER REFERENCES entities(id),
          via_name          TEXT,
          via_text          TEXT,
          said_on           TEXT,
          said_at           TEXT,                 -- said_on ?? published, YYYY-MM-DD
          published         TEXT,
          publisher         TEXT,
          domain            TEXT
        );
        CREATE INDEX quotes_article ON quotes(article_id, ord);
        CREATE INDEX quotes_speaker ON quotes(speaker_entity_id, said_at, id);
        CREATE INDEX quotes_speaker_norm ON quotes(speaker_norm);
        CREATE INDEX quotes_via ON quotes(via_entity_id);

        -- Entities mentioned inside a quote's words.
        CREATE TABLE quote_mentions (
          quote_id  INTEGER NOT NULL REFERENCES quotes(id) ON DELETE CASCADE,
          entity_id INTEGER NOT NULL REFERENCES entities(id),
          PRIMARY KEY (entity_id, quote_id)
        ) WITHOUT ROWID;
        CREATE INDEX quote_mentions_quote ON quote_mentions(quote_id);

        CREATE VIRTUAL TABLE articles_fts USING fts5(
          title, text, content='articles', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='3'
        );
        CREATE TRIGGER articles_fts_ai AFTER INSERT ON articles BEGIN
          INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;
        CREATE TRIGGER articles_fts_ad AFTER DELETE ON articles BEGIN
          INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
        END;
        CREATE TRIGGER articles_fts_au AFTER UPDATE OF title, text ON articles BEGIN
          INSERT INTO articles_fts(articles_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
          INSERT INTO articles_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
        END;

        CREATE VIRTUAL TABLE quotes_fts USING fts5(
          text, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2', prefix='3'
        );
        CREATE TRIGGER quotes_fts_ai AFTER INSERT ON quotes BEGIN
          INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
        END;
        CREATE TRIGGER quotes_fts_ad AFTER DELETE ON quotes BEGIN
          INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
        END;
        CREATE TRIGGER quotes_fts_au AFTER UPDATE OF text ON quotes BEGIN
          INSERT INTO quotes_fts(quotes_fts, rowid, text) VALUES ('delete', old.id, old.text);
          INSERT INTO quotes_fts(rowid, text) VALUES (new.id, new.text);
        END;
      `),
  },
  {
    version: 2,
    name: 'feeds and the entries they delivered',
    up: FEEDS_MIGRATION_UP,
  },
  {
    version: 3,
    name: 'users, sessions, notes, quote reviews',
    up: ACCOUNTS_MIGRATION_UP,
  },
  {
    version: 4,
    name: 'search filter indexes: publisher (any case) and domain with dates, on articles and quotes',
    up: (db) =>
      db.exec(`
        CREATE INDEX articles_publisher_nocase ON articles(publisher COLLATE NOCASE, published);
        CREATE INDEX quotes_publisher_nocase ON quotes(publisher COLLATE NOCASE, published);
        CREATE INDEX quotes_domain ON quotes(domain, published);
      `),
  },
  {
    version: 5,
    name: 'near-duplicates: MinHash signatures, LSH bands, and the copies recorded against their original',
    up: (db) =>
      db.exec(`
        ALTER TABLE articles ADD COLUMN minhash BLOB;
        CREATE TABLE article_bands (
          band TEXT NOT NULL,
          article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          PRIMARY KEY (band, article_id)
        ) WITHOUT ROWID;
        CREATE INDEX article_bands_article ON article_bands(article_id);
        CREATE TABLE near_duplicates (
          id INTEGER PRIMARY KEY,
          original_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
          content_hash TEXT NOT NULL UNIQUE,
          canonical_url TEXT,
          url TEXT,
          title TEXT,
          publisher TEXT,
          similarity REAL NOT NULL,
          by TEXT NOT NULL,
          seen_at TEXT NOT NULL
        );
        CREATE INDEX near_duplicates_original ON near_duplicates(original_id);
        CREATE INDEX near_duplicates_url ON near_duplicates(canonical_url);
      `),
  },
];

/** Applies the migrations not yet applied; returns the versions applied now. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS): number[] {
  db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)');
  const done = new Set((db.prepare('SELECT version FROM schema_migrations').all() as { version: number }[]).map((r) => r.version));
  const known = Math.max(0, ...migrations.map((m) => m.version));
  const newest = Math.max(0, ...done);
  if (newest > known) {
    throw new Error(`The database has schema version ${newest}, newer than this newsgraph knows (${known}): upgrade newsgraph.`);
  }
  const applied: number[] = [];
  for (const m of [...migrations].sort((a, b) => a.version - b.version)) {
    if (done.has(m.version)) continue;
    db.transaction(() => {
      m.up(db);
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, new Date().toISOString());
    })();
    applied.push(m.version);
  }
  return applied;
}
