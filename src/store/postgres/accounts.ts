// Users, sessions, notes and review status in PostgreSQL (migration 3), as in SQLite.

import type pg from 'pg';
import { NewsgraphError } from '../../doc/errors.js';
import {
  DEFAULT_SESSION_TTL_MS, MAX_NOTE_CHARS, MIN_PASSWORD_LENGTH, checkUserName, hashPassword, hashSessionToken, isReviewStatus, newSessionToken, verifyPassword,
  type AccountStore, type ArticleQuoteReview, type Note, type NoteTarget, type Review, type ReviewStatus, type Session, type User,
} from '../accounts.js';

interface UserRow { id: number; name: string; is_admin: boolean; created_at: string; password_hash: string }
interface NoteRow { id: number; article_id: number; quote_id: number | null; user_id: number; user_name: string; text: string; created_at: string }

const toUser = (r: UserRow): User => ({ id: r.id, name: r.name, isAdmin: r.is_admin, createdAt: r.created_at });
const toNote = (r: NoteRow): Note => ({ id: r.id, articleId: r.article_id, quoteId: r.quote_id, userId: r.user_id, userName: r.user_name, text: r.text, createdAt: r.created_at });

const NOTE_SELECT = 'SELECT n.id, n.article_id, n.quote_id, n.user_id, u.name AS user_name, n.text, n.created_at FROM notes n JOIN users u ON u.id = n.user_id';
/** Held while creating a user, so "the first user is an admin" holds with concurrent sign-ups. */
const USERS_LOCK = 7_314_202_413;
const isId = (n: number): boolean => Number.isInteger(n) && n > 0 && n <= 2147483647;

export class PgAccounts implements AccountStore {
  constructor(private readonly pool: pg.Pool) {}

  async createUser(name: string, password: string): Promise<User> {
    const bad = checkUserName(name);
    if (bad) throw new NewsgraphError('BAD_USER_NAME', `Bad user name ${JSON.stringify(name)}: ${bad}.`);
    if (password.length < MIN_PASSWORD_LENGTH) throw new NewsgraphError('WEAK_PASSWORD', `A password needs at least ${MIN_PASSWORD_LENGTH} characters.`);
    const clean = name.normalize('NFC').trim();
    const hash = await hashPassword(password);
    const c = await this.pool.connect();
    try {
      await c.query('BEGIN');
      await c.query('SELECT pg_advisory_xact_lock($1)', [USERS_LOCK]);
      if ((await c.query('SELECT 1 FROM users WHERE lower(name) = lower($1)', [clean])).rowCount) throw new NewsgraphError('USER_EXISTS', `There is already a user named ${clean}.`);
      const first = (await c.query<{ n: number }>('SELECT count(*)::int AS n FROM users')).rows[0].n === 0;
      const row = (await c.query<UserRow>('INSERT INTO users (name, password_hash, is_admin, created_at) VALUES ($1, $2, $3, $4) RETURNING *', [clean, hash, first, new Date().toISOString()])).rows[0];
      await c.query('COMMIT');
      return toUser(row);
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      if ((err as { code?: string }).code === '23505') throw new NewsgraphError('USER_EXISTS', `There is already a user named ${clean}.`);
      throw err;
    } finally {
      c.release();
    }
  }

  async verifyUser(name: string, password: string): Promise<User | null> {
    const row = (await this.pool.query<UserRow>('SELECT * FROM users WHERE lower(name) = lower($1)', [name.normalize('NFC').trim()])).rows[0];
    const ok = await verifyPassword(password, row?.password_hash ?? null);
    return ok && row ? toUser(row) : null;
  }

  async findUser(name: string): Promise<User | null> {
    const row = (await this.pool.query<UserRow>('SELECT * FROM users WHERE lower(name) = lower($1)', [name.normalize('NFC').trim()])).rows[0];
    return row ? toUser(row) : null;
  }

  async listUsers(): Promise<User[]> {
    return (await this.pool.query<UserRow>('SELECT * FROM users ORDER BY id')).rows.map(toUser);
  }

  async createSession(userId: number, options: { ttlMs?: number } = {}): Promise<{ token: string; expiresAt: string }> {
    if (!isId(userId) || !(await this.pool.query('SELECT 1 FROM users WHERE id = $1', [userId])).rowCount) throw new NewsgraphError('NOT_FOUND', `There is no user ${userId}.`);
    const token = newSessionToken();
    const now = new Date();
    const expiresAt = new Date(now.getTime() + (options.ttlMs ?? DEFAULT_SESSION_TTL_MS)).toISOString();
    await this.pool.query('DELETE FROM sessions WHERE expires_at <= $1', [now.toISOString()]);
    await this.pool.query('INSERT INTO sessions (id_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [hashSessionToken(token), userId, now.toISOString(), expiresAt]);
    return { token, expiresAt };
  }

  async getSession(token: string): Promise<Session | null> {
    if (!token) return null;
    const row = (await this.pool.query<UserRow & { s_created: string; s_expires: string }>(
      'SELECT u.*, s.created_at AS s_created, s.expires_at AS s_expires FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1',
      [hashSessionToken(token)],
    )).rows[0];
    if (!row || row.s_expires <= new Date().toISOString()) return null;
    return { user: toUser(row), createdAt: row.s_created, expiresAt: row.s_expires };
  }

  async deleteSession(token: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE id_hash = $1', [hashSessionToken(token)]);
  }

  async addNote(target: NoteTarget, userId: number, text: string): Promise<Note> {
    const body = text.trim();
    if (!body) throw new NewsgraphError('EMPTY_NOTE', 'A note needs some text.');
    if (body.length > MAX_NOTE_CHARS) throw new NewsgraphError('NOTE_TOO_LONG', `A note is at most ${MAX_NOTE_CHARS} characters.`);
    const articleId = await this.articleOf(target);
    const id = (await this.pool.query<{ id: number }>(
      'INSERT INTO notes (article_id, quote_id, user_id, text, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [articleId, target.quoteId ?? null, userId, body.replace(/\u0000/g, '\ufffd'), new Date().toISOString()],
    )).rows[0].id;
    return toNote((await this.pool.query<NoteRow>(`${NOTE_SELECT} WHERE n.id = $1`, [id])).rows[0]);
  }

  async notesFor(target: NoteTarget): Promise<Note[]> {
    const rows =
      target.quoteId !== undefined
        ? await this.pool.query<NoteRow>(`${NOTE_SELECT} WHERE n.quote_id = $1 ORDER BY n.id`, [isId(target.quoteId) ? target.quoteId : 0])
        : await this.pool.query<NoteRow>(`${NOTE_SELECT} WHERE n.article_id = $1 ORDER BY n.id`, [isId(target.articleId) ? target.articleId : 0]);
    return rows.rows.map(toNote);
  }

  async setReviewStatus(quoteId: number, status: ReviewStatus, userId: number): Promise<Review> {
    if (!isReviewStatus(status)) throw new NewsgraphError('BAD_STATUS', `A review status is one of unreviewed, checked, disputed, false; not ${JSON.stringify(status)}.`);
    await this.articleOf({ quoteId });
    await this.pool.query(
      `INSERT INTO quote_reviews (quote_id, status, user_id, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (quote_id) DO UPDATE SET status = excluded.status, user_id = excluded.user_id, updated_at = excluded.updated_at`,
      [quoteId, status, userId, new Date().toISOString()],
    );
    return (await this.getReviewStatus(quoteId))!;
  }

  async getReviewStatus(quoteId: number): Promise<Review | null> {
    if (!isId(quoteId)) return null;
    const row = (await this.pool.query<{ quote_id: number; article_id: number; status: string | null; user_name: string | null; updated_at: string | null }>(
      'SELECT q.id AS quote_id, q.article_id, r.status, u.name AS user_name, r.updated_at FROM quotes q LEFT JOIN quote_reviews r ON r.quote_id = q.id LEFT JOIN users u ON u.id = r.user_id WHERE q.id = $1',
      [quoteId],
    )).rows[0];
    if (!row) return null;
    return { quoteId: row.quote_id, articleId: row.article_id, status: isReviewStatus(row.status) ? row.status : 'unreviewed', userName: row.user_name, updatedAt: row.updated_at };
  }

  async articleQuoteReviews(articleId: number): Promise<ArticleQuoteReview[]> {
    if (!isId(articleId)) return [];
    const rows = (await this.pool.query<{ quote_id: number; article_id: number; ord: number; status: string | null; user_name: string | null; updated_at: string | null }>(
      'SELECT q.id AS quote_id, q.article_id, q.ord, r.status, u.name AS user_name, r.updated_at FROM quotes q LEFT JOIN quote_reviews r ON r.quote_id = q.id LEFT JOIN users u ON u.id = r.user_id WHERE q.article_id = $1 ORDER BY q.ord',
      [articleId],
    )).rows;
    return rows.map((r) => ({ quoteId: r.quote_id, articleId: r.article_id, ord: r.ord, status: isReviewStatus(r.status) ? r.status : 'unreviewed', userName: r.user_name, updatedAt: r.updated_at }));
  }

  private async articleOf(target: NoteTarget): Promise<number> {
    if (target.quoteId !== undefined) {
      const q = isId(target.quoteId) ? (await this.pool.query<{ article_id: number }>('SELECT article_id FROM quotes WHERE id = $1', [target.quoteId])).rows[0] : undefined;
      if (!q) throw new NewsgraphError('NOT_FOUND', `There is no quote ${target.quoteId}.`);
      return q.article_id;
    }
    if (!isId(target.articleId) || !(await this.pool.query('SELECT 1 FROM articles WHERE id = $1', [target.articleId])).rowCount) {
      throw new NewsgraphError('NOT_FOUND', `There is no article ${target.articleId}.`);
    }
    return target.articleId;
  }
}
