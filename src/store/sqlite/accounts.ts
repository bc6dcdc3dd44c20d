// Users, sessions, notes and review status in SQLite (migration 3).

import type Database from 'better-sqlite3';
import { NewsgraphError } from '../../doc/errors.js';
import {
  DEFAULT_SESSION_TTL_MS, MAX_NOTE_CHARS, MIN_PASSWORD_LENGTH, checkUserName, hashPassword, hashSessionToken, isReviewStatus, newSessionToken, verifyPassword,
  type AccountStore, type ArticleQuoteReview, type Note, type NoteTarget, type Review, type ReviewStatus, type Session, type User,
} from '../accounts.js';

export function ACCOUNTS_MIGRATION_UP(db: Database.Database): void {
  db.exec(`
    CREATE TABLE users (
      id            INTEGER PRIMARY KEY AUTOINCREMENT,
      name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
      password_hash TEXT NOT NULL,               -- scrypt$N$r$p$salt$key
      is_admin      INTEGER NOT NULL DEFAULT 0,
      created_at    TEXT NOT NULL
    );
    -- Only the SHA-256 of a session id is kept.
    CREATE TABLE sessions (
      id_hash    TEXT PRIMARY KEY,
      user_id    INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE INDEX sessions_user ON sessions(user_id);
    CREATE TABLE notes (
      id         INTEGER PRIMARY KEY AUTOINCREMENT,
      article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
      quote_id   INTEGER,                      -- no foreign key: kept if the quote is re-analysed away
      user_id    INTEGER NOT NULL REFERENCES users(id),
      text       TEXT NOT NULL,
      created_at TEXT NOT NULL
    );
    CREATE INDEX notes_article ON notes(article_id, id);
    CREATE INDEX notes_quote ON notes(quote_id, id) WHERE quote_id IS NOT NULL;
    CREATE TABLE quote_reviews (
      quote_id   INTEGER PRIMARY KEY,
      status     TEXT NOT NULL,
      user_id    INTEGER REFERENCES users(id),
      updated_at TEXT NOT NULL
    );
  `);
}

interface UserRow { id: number; name: string; is_admin: number; created_at: string; password_hash: string }
interface NoteRow { id: number; article_id: number; quote_id: number | null; user_id: number; user_name: string; text: string; created_at: string }

const toUser = (r: UserRow): User => ({ id: r.id, name: r.name, isAdmin: r.is_admin === 1, createdAt: r.created_at });
const toNote = (r: NoteRow): Note => ({ id: r.id, articleId: r.article_id, quoteId: r.quote_id, userId: r.user_id, userName: r.user_name, text: r.text, createdAt: r.created_at });

const NOTE_SELECT = 'SELECT n.id, n.article_id, n.quote_id, n.user_id, u.name AS user_name, n.text, n.created_at FROM notes n JOIN users u ON u.id = n.user_id';

export class SqliteAccounts implements AccountStore {
  constructor(private readonly db: Database.Database) {}

  async createUser(name: string, password: string): Promise<User> {
    const bad = checkUserName(name);
    if (bad) throw new NewsgraphError('BAD_USER_NAME', `Bad user name ${JSON.stringify(name)}: ${bad}.`);
    if (password.length < MIN_PASSWORD_LENGTH) throw new NewsgraphError('WEAK_PASSWORD', `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
    const clean = name.normalize('NFC').trim();
    const hash = await hashPassword(password);
    return this.db.transaction(() => {
      if (this.db.prepare('SELECT 1 FROM users WHERE name = ?').get(clean)) throw new NewsgraphError('USER_EXISTS', `There is already a user named ${clean}.`);
      const first = (this.db.prepare('SELECT count(*) AS n FROM users').get() as { n: number }).n === 0;
      const info = this.db.prepare('INSERT INTO users (name, password_hash, is_admin, created_at) VALUES (?, ?, ?, ?)').run(clean, hash, first ? 1 : 0, new Date().toISOString());
      return toUser(this.db.prepare('SELECT * FROM users WHERE id = ?').get(info.lastInsertRowid) as UserRow);
    })();
  }

  async verifyUser(name: string, password: string): Promise<User | null> {
    const row = this.db.prepare('SELECT * FROM users WHERE name = ?').get(name.normalize('NFC').trim()) as UserRow | undefined;
    const ok = await verifyPassword(password, row?.password_hash ?? null);
    return ok && row ? toUser(row) : null;
  }

  async findUser(name: string): Promise<User | null> {
    const row = this.db.prepare('SELECT * FROM users WHERE name = ?').get(name.normalize('NFC').trim()) as UserRow | undefined;
    return row ? toUser(row) : null;
  }

  async listUsers(): Promise<User[]> {
    return (this.db.prepare('SELECT * FROM users ORDER BY id').all() as UserRow[]).map(toUser);
  }

  async createSession(userId: number, options: { ttlMs?: number } = {}): Promise<{ token: string; expiresAt: string }> {
    if (!this.db.prepare('SELECT 1 FROM users WHERE id = ?').get(userId)) throw new NewsgraphError('NOT_FOUND', `There is no user ${userId}.`);
    const token = newSessionToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + (options.ttlMs ?? DEFAULT_SESSION_TTL_MS)).toISOString();
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(now.toISOString());
    this.db.prepare('INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)').run(hashSessionToken(token), userId, now.toISOString(), expiresAt);
    return { token, expiresAt };
  }

  async getSession(token: string): Promise<Session | null> {
    if (!token) return null;
    const row = this.db
      .prepare('SELECT u.*, s.created_at AS s_created, s.expires_at AS s_expires FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = ?')
      .get(hashSessionToken(token)) as (UserRow & { s_created: string; s_expires: string }) | undefined;
    if (!row || row.s_expires <= new Date().toISOString()) return null;
    return { user: toUser(row), createdAt: row.s_created, expiresAt: row.s_expires };
  }

  async deleteSession(token: string): Promise<void> {
    this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(hashSessionToken(token));
  }

  async addNote(target: NoteTarget, userId: number, text: string): Promise<Note> {
    const body = text.trim();
    if (!body) throw new NewsgraphError('EMPTY_NOTE', 'A note needs some text.');
    if (body.length > MAX_NOTE_CHARS) throw new NewsgraphError('NOTE_TOO_LONG', `A note is at most ${MAX_NOTE_CHARS} characters.`);
    const articleId = this.articleOf(target);
    const info = this.db
      .prepare('INSERT INTO notes (article_id, quote_id, user_id, text, created_at) VALUES (?, ?, ?, ?, ?)')
      .run(articleId, target.quoteId ?? null, userId, body, new Date().toISOString());
    return toNote(this.db.prepare(`${NOTE_SELECT} WHERE n.id = ?`).get(info.lastInsertRowid) as NoteRow);
  }

  async notesFor(target: NoteTarget): Promise<Note[]> {
    const rows =
      target.quoteId !== undefined
        ? this.db.prepare(`${NOTE_SELECT} WHERE n.quote_id = ? ORDER BY n.id`).all(target.quoteId)
        : this.db.prepare(`${NOTE_SELECT} WHERE n.article_id = ? ORDER BY n.id`).all(target.articleId);
    return (rows as NoteRow[]).map(toNote);
  }

  async setReviewStatus(quoteId: number, status: ReviewStatus, userId: number): Promise<Review> {
    if (!isReviewStatus(status)) throw new NewsgraphError('BAD_STATUS', `A review status is one of unreviewed, checked, disputed, false; not ${JSON.stringify(status)}.`);
    this.articleOf({ quoteId });
    this.db
      .prepare('INSERT INTO quote_reviews (quote_id, status, user_id, updated_at) VALUES (?, ?, ?, ?) ON CONFLICT(quote_id) DO UPDATE SET status = excluded.status, user_id = excluded.user_id, updated_at = excluded.updated_at')
      .run(quoteId, status, userId, new Date().toISOString());
    return (await this.getReviewStatus(quoteId))!;
  }

  async getReviewStatus(quoteId: number): Promise<Review | null> {
    const row = this.db
      .prepare('SELECT q.id AS quote_id, q.article_id, r.status, u.name AS user_name, r.updated_at FROM quotes q LEFT JOIN quote_reviews r ON r.quote_id = q.id LEFT JOIN users u ON u.id = r.user_id WHERE q.id = ?')
      .get(quoteId) as { quote_id: number; article_id: number; status: string | null; user_name: string | null; updated_at: string | null } | undefined;
    if (!row) return null;
    return { quoteId: row.quote_id, articleId: row.article_id, status: isReviewStatus(row.status) ? row.status : 'unreviewed', userName: row.user_name, updatedAt: row.updated_at };
  }

  async articleQuoteReviews(articleId: number): Promise<ArticleQuoteReview[]> {
    const rows = this.db
      .prepare('SELECT q.id AS quote_id, q.article_id, q.ord, r.status, u.name AS user_name, r.updated_at FROM quotes q LEFT JOIN quote_reviews r ON r.quote_id = q.id LEFT JOIN users u ON u.id = r.user_id WHERE q.article_id = ? ORDER BY q.ord')
      .all(articleId) as { quote_id: number; article_id: number; ord: number; status: string | null; user_name: string | null; updated_at: string | null }[];
    return rows.map((r) => ({ quoteId: r.quote_id, articleId: r.article_id, ord: r.ord, status: isReviewStatus(r.status) ? r.status : 'unreviewed', userName: r.user_name, updatedAt: r.updated_at }));
  }

  private articleOf(target: NoteTarget): number {
    if (target.quoteId !== undefined) {
      const q = this.db.prepare('SELECT article_id FROM quotes WHERE id = ?').get(target.quoteId) as { article_id: number } | undefined;
      if (!q) throw new NewsgraphError('NOT_FOUND', `There is no quote ${target.quoteId}.`);
      return q.article_id;
    }
    if (!this.db.prepare('SELECT 1 FROM articles WHERE id = ?').get(target.articleId)) throw new NewsgraphError('NOT_FOUND', `There is no article ${target.articleId}.`);
    return target.articleId;
  }
}
