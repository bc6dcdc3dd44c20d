// Who is signed in, and CSRF tokens. The session cookie holds a random token; the store keeps
// only its hash. A signed-in user's CSRF token is an HMAC of the session token; before signing
// in, a random token in its own cookie is matched against the form (double submit).

import crypto from 'node:crypto';
import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { User } from '../../store/accounts.js';
import type { Store } from '../../store/store.js';

export const SESSION_COOKIE = 'ng_session';
export const CSRF_COOKIE = 'ng_csrf';

export interface Visitor {
  readonly user: User | null;
  /** The token every form of this page must send back as "csrf". */
  readonly csrf: string;
}

const isHttps = (c: Context) => new URL(c.req.url).protocol === 'https:';

const cookieOptions = (c: Context, maxAgeSeconds?: number) => ({
  path: '/',
  httpOnly: true,
  sameSite: 'Lax' as const,
  secure: isHttps(c),
  ...(maxAgeSeconds !== undefined ? { maxAge: maxAgeSeconds } : {}),
});

const csrfFromSession = (token: string) => crypto.createHmac('sha256', token).update('newsgraph csrf').digest('base64url');

/** The visitor of this request; sets the pre-sign-in CSRF cookie when there is none. */
export async function visitor(c: Context, store: Store): Promise<Visitor> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) {
    const session = await store.getSession(token);
    if (session) return { user: session.user, csrf: csrfFromSession(token) };
  }
  let anon = getCookie(c, CSRF_COOKIE);
  if (!anon || !/^[A-Za-z0-9_-]{32,64}$/.test(anon)) {
    anon = crypto.randomBytes(24).toString('base64url');
    setCookie(c, CSRF_COOKIE, anon, cookieOptions(c));
  }
  return { user: null, csrf: anon };
}

/** True when the form's token is the visitor's (constant time). */
export function csrfOk(v: Visitor, presented: unknown): boolean {
  if (typeof presented !== 'string') return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(v.csrf);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export async function signIn(c: Context, store: Store, user: User): Promise<void> {
  const { token, expiresAt } = await store.createSession(user.id);
  setCookie(c, SESSION_COOKIE, token, cookieOptions(c, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000)));
  deleteCookie(c, CSRF_COOKIE, { path: '/' });
}

export async function signOut(c: Context, store: Store): Promise<void> {
  const token = getCookie(c, SESSION_COOKIE);
  if (token) await store.deleteSession(token);
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: isHttps(c) });
}

/** A local path to go back to after signing in ("/articles/1"), never another site. */
export function localPath(next: unknown): string {
  return typeof next === 'string' && /^\/(?![/\\])[^\s]*$/.test(next) ? next : '/';
}
