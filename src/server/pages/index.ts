// The web pages (server-rendered, a little JavaScript from /static): mountPages adds them to an
// app made by createApp; createWebApp makes an app with both the API and the pages.

import type { Hono } from 'hono';
import { createApp, type CreateAppOptions } from '../app.js';
import { resolveConfig } from '../config.js';
import { mountPages } from './routes.js';

export { mountPages, type PagesOptions } from './routes.js';
export { escapeHtml, html, renderSpans, markSnippet, safeUrl, Html, type HtmlSpan } from './html.js';
export { CSP } from './layout.js';

/** The API and the pages on one app. */
export function createWebApp(options: CreateAppOptions): Hono {
  const app = createApp(options);
  return mountPages(app, { store: options.store, config: resolveConfig(options.config as Parameters<typeof resolveConfig>[0]) });
}
