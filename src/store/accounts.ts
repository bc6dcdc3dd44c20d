// Accounts for the web pages: users (scrypt-hashed passwords), server-side sessions (only a
// hash of the session id is kept), notes on articles and quotes, and a quote's review status.
// The password hashing lives here so every Store implementation hashes the same way.

import crypto from 'node:crypto';
import { promisify } from 'node:util';

export const REVIEW_STATUSES = ['unreviewed', 'checked', 'disputed', 'false'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const isReviewStatus = (s: unknown): s is ReviewStatus => typeof s === 'string' && (REVIEW_STATUSES as readonly string[]).includes(s);

export interface User {
  readonly id: number;
  readonly name: string;
  readonly isAdmin: boolean;
  readonly createdAt: string;
}

export interface Session {
  readonly user: User;
  readonly createdAt: string;
  readonly expiresAt: string;
}

/** A note on an article, or on one of its quotes (quoteId set). */
export interface Note {
  readonly id: number;
  readonly articleId: number;
  readonly quoteId: number | null;
  readonly userId: number;
  readonly userName: string;
  readonly text: string;
  readonly createdAt: string;
}

export type NoteTarget = { readonly articleId: number; readonly quoteId?: undefined } | { readonly quoteId: number; readonly articleId?: undefined };

export interface Review {
  readonly quoteId: number;
  /** The article the quote is in. */
  readonly articleId: number;
  readonly status: ReviewStatus;
  /** Who set it and when; null while unreviewed. */
  readonly userName: string | null;
  readonly updatedAt: string | null;
}

/** A quote of an article (in reading order: index = position in ArticleResult.quotes) with its review. */
export interface ArticleQuoteReview extends Review {
  readonly ord: number;
}

export const DEFAULT_SESSION_TTL_MS = 30 * 24 * 3600 * 1000;
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_NOTE_CHARS = 10_000;

export interface AccountStore {
  /** A new user; the first user ever created is an admin. Throws USER_EXISTS / BAD_USER_NAME / WEAK_PASSWORD. */
  createUser(name: string, password: string): Promise<User>;
  /** The user when the password is right, else null (the same time is spent for unknown names). */
  verifyUser(name: string, password: string): Promise<User | null>;
  findUser(name: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  /** A new session: the returned token goes into the cookie; only its hash is stored. */
  createSession(userId: number, options?: { ttlMs?: number }): Promise<{ token: string; expiresAt: string }>;
  /** The session for a cookie token, or null when unknown or expired. */
  getSession(token: string): Promise<Session | null>;
  deleteSession(token: string): Promise<void>;
  /** Throws NOT_FOUND when the article or quote does not exist, EMPTY_NOTE / NOTE_TOO_LONG for bad text. */
  addNote(target: NoteTarget, userId: number, text: string): Promise<Note>;
  /** Oldest first. For an article: its own notes and those on its quotes. */
  notesFor(target: NoteTarget): Promise<Note[]>;
  setReviewStatus(quoteId: number, status: ReviewStatus, userId: number): Promise<Review>;
  /** 'unreviewed' for a quote nobody reviewed; null for no such quote. */
  getReviewStatus(quoteId: number): Promise<Review | null>;
  /** Every quote of an article with its store id and review, in reading order. */
  articleQuoteReviews(articleId: number): Promise<ArticleQuoteReview[]>;
}

// ---- passwords and session tokens ---------------------------------------------------------

const scrypt = promisify(crypto.scrypt) as (pw: crypto.BinaryLike, salt: crypto.BinaryLike, keylen: number, opts: crypto.ScryptOptions) => Promise<Buffer>;
const SCRYPT = { N: 16384, r: 8, p: 1, keylen: 32 };

/** "scrypt$N$r$p$salt$hash" (base64url), with a 16-byte random salt. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const key = await scrypt(password.normalize('NFC'), salt, SCRYPT.keylen, { N: SCRYPT.N, r: SCRYPT.r, p: SCRYPT.p, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', SCRYPT.N, SCRYPT.r, SCRYPT.p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

/** Constant-time check of a password against hashPassword's output (a null stored hash takes the same time and fails). */
export async function verifyPassword(password: string, stored: string | null): Promise<boolean> {
  const parts = (stored ?? DUMMY_HASH).split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [, n, r, p, saltB64, keyB64] = parts;
  const expected = Buffer.from(keyB64, 'base64url');
  const key = await scrypt(password.normalize('NFC'), Buffer.from(saltB64, 'base64url'), expected.length, { N: Number(n), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 });
  return crypto.timingSafeEqual(key, expected) && stored !== null;
}

const DUMMY_HASH = 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA$' + Buffer.alloc(32).toString('base64url');

export function newSessionToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

export function hashSessionToken(token: string): string {
  return crypto.createHash('sha256').update(token, 'utf8').digest('hex');
}

export function checkUserName(name: string): string | null {
  const n = name.normalize('NFC').trim();
  if (!/^[\p{L}\p{N}._-]{1,64}$/u.test(n)) return 'a user name is 1 to 64 letters, digits, ".", "_" or "-"';
  return null;
}
