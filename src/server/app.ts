// The HTTP app. Every API route is registered here, in one screen; each resource has its
// handler file under api/. Only /api/* belongs to the API: pages can be mounted on the same
// app (createApp(...).get('/', …)) without touching this file.
//
// Reads are open; writes (POST) need "Authorization: Bearer <token>", checked before the body
// is read. Errors are JSON {"error": {"code", "message"}}; unexpected ones are logged, not sent.

import { Hono, type Context } from 'hono';
import type { Store } from '../store/store.js';
import { resolveConfig, type ApiDeps, type ServerConfig, type ServerConfigInput } from './config.js';
import { errorJson, makeErrorHandler } from './errors.js';
import { requireToken } from './auth.js';
import { JOBS_PATHS, OPENAPI } from './openapi.js';
import { articleHandlers } from './api/articles.js';
import { entityHandlers } from './api/entities.js';
import { quoteHandlers } from './api/quotes.js';
import { searchHandlers } from './api/search.js';
import { sourceHandlers } from './api/sources.js';
import { feedHandlers } from './api/feeds.js';
import { healthHandlers } from './api/health.js';
import { jobHandlers } from './api/jobs.js';
import type { JobQueue } from '../queue/queue.js';

export interface CreateAppOptions {
  readonly store: Store;
  readonly config: ServerConfig | ServerConfigInput;
  /** With a job queue (PostgreSQL), /api/jobs is served and URL submissions are queued while workers are alive. */
  readonly queue?: JobQueue;
}

export function createApp({ store, config: input, queue }: CreateAppOptions): Hono {
  const config = resolveConfig(input);
  const deps: ApiDeps = { store, config, queue };
  const app = new Hono();
  const write = requireToken(config.tokenHash);

  const articles = articleHandlers(deps);
  const entities = entityHandlers(deps);
  const quotes = quoteHandlers(deps);
  const search = searchHandlers(deps);
  const sources = sourceHandlers(deps);
  const feeds = feedHandlers(deps);
  const health = healthHandlers(deps);

  app.use('/api/*', apiHeaders);

  app.get('/api/health', health.get);
  app.get('/api/openapi.json', (c) => c.json(queue ? { ...OPENAPI, paths: { ...OPENAPI.paths, ...JOBS_PATHS } } : OPENAPI));

  app.get('/api/articles', articles.list);
  app.post('/api/articles', write, articles.submit);
  app.get('/api/articles/:id', articles.get);

  app.get('/api/entities', entities.list);
  app.get('/api/entities/:id', entities.get);
  app.post('/api/entities/:id/merge', write, entities.merge);
  app.get('/api/entities/:id/quotes', entities.quotes);
  app.get('/api/entities/:id/mentioned-in', entities.mentionedIn);

  app.get('/api/quotes', quotes.list);
  app.get('/api/search', search.search);
  app.get('/api/sources', sources.list);
  app.get('/api/feeds', feeds.list);
  app.post('/api/feeds', write, feeds.add);

  if (queue) {
    const jobs = jobHandlers({ ...deps, queue });
    app.get('/api/jobs', jobs.list);
    app.get('/api/jobs/:id', jobs.get);
  }

  app.all('/api/*', (c) => unmatched(app, c));

  const onError = makeErrorHandler(config.log);
  app.onError((err, c) => (isApi(c) ? onError(err, c) : c.text('Internal Server Error', 500)));
  app.notFound((c) => (isApi(c) ? unmatched(app, c) : c.text('Not Found', 404)));
  return app;
}

/** The API routes registered on an app: method and path as written (":id"). */
export function apiRoutes(app: Hono): { method: string; path: string }[] {
  const seen = new Set<string>();
  const out: { method: string; path: string }[] = [];
  for (const r of app.routes) {
    if (!r.path.startsWith('/api/') || r.method === 'ALL' || r.path.includes('*')) continue;
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ method: r.method, path: r.path });
  }
  return out;
}

const isApi = (c: Context) => c.req.path === '/api' || c.req.path.startsWith('/api/');

async function apiHeaders(c: Context, next: () => Promise<void>) {
  await next();
  c.header('cache-control', 'no-store');
  c.header('x-content-type-options', 'nosniff');
}

/** No route: 405 with Allow when the path exists under other methods, else 404. */
function unmatched(app: Hono, c: Context): Response {
  const path = c.req.path.replace(/\/+$/, '') || '/';
  const allowed = apiRoutes(app)
    .filter((r) => new RegExp('^' + r.path.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/:\w+/g, '[^/]+') + '$').test(path))
    .map((r) => r.method);
  if (allowed.length) {
    const allow = [...new Set(allowed)].join(', ');
    return errorJson(c, 405, 'METHOD_NOT_ALLOWED', `${c.req.method} is not allowed on ${path}; use ${allow}.`, { allow });
  }
  return errorJson(c, 404, 'NO_SUCH_ROUTE', `There is no API route ${c.req.method} ${c.req.path}; the routes are listed in GET /api/openapi.json.`);
}
