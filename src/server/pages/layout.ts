// The page frame: header with navigation and the signed-in user, main content, footer.

import type { Context } from 'hono';
import { html, type Html } from './html.js';
import type { Visitor } from './session.js';

/** Strict: no inline script or style; scripts, styles and images from this server only. */
export const CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function securityHeaders(c: Context): void {
  c.header('content-security-policy', CSP);
  c.header('x-content-type-options', 'nosniff');
  c.header('referrer-policy', 'same-origin');
  c.header('x-frame-options', 'DENY');
  c.header('cache-control', 'no-store');
}

export interface PageOptions {
  readonly title: string;
  readonly visitor: Visitor;
  readonly body: Html;
  /** Path of the page, for the sign-in link's return and the current nav item. */
  readonly path: string;
  readonly status?: 200 | 400 | 401 | 403 | 404 | 409 | 413 | 422 | 500 | 502;
}

export function page(c: Context, o: PageOptions): Response {
  securityHeaders(c);
  const nav = (href: string, label: string) => html`<a href="${href}"${o.path === href ? html` aria-current="page"` : ''}>${label}</a>`;
  const user = o.visitor.user
    ? html`<form method="post" action="/signout" class="signout"><input type="hidden" name="csrf" value="${o.visitor.csrf}"><span class="who">${o.visitor.user.name}</span> <button type="submit">Sign out</button></form>`
    : html`<a href="/signin?next=${encodeURIComponent(o.path)}">Sign in</a>`;
  const doc = html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${o.title} · newsgraph</title>
<link rel="stylesheet" href="/static/app.css">
<script src="/static/app.js" defer></script>
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="top">
<a class="brand" href="/">newsgraph</a>
<nav aria-label="Main">${nav('/', 'Home')} ${nav('/search', 'Search')} ${nav('/ingest', 'Ingest')}</nav>
<div class="user">${user}</div>
</header>
<main id="main" tabindex="-1">
${o.body}
</main>
<footer class="foot">newsgraph — who said what, about whom, when, according to whom. <a href="/api/openapi.json">API</a></footer>
</body>
</html>`;
  return c.html(doc.value, o.status ?? 200);
}

export function errorBody(title: string, message: string): Html {
  return html`<h1>${title}</h1><p class="error" role="alert">${message}</p><p><a href="/">Back to the start page</a></p>`;
}
