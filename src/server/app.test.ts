// The API over a real SQLite store in a temporary data directory, called through app.request.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Hono } from 'hono';
import type { Store } from '../store/store.js';
import { apiRoutes, createApp } from './app.js';
import { hashToken } from './auth.js';
import { OPENAPI } from './openapi.js';
import { openTempStore } from './testing.js';

const FIXTURES = path.resolve(import.meta.dirname, '../../test/fixtures/server');
const HARBOUR = fs.readFileSync(path.join(FIXTURES, 'harbour.txt'), 'utf8');
const FERRY = fs.readFileSync(path.join(FIXTURES, 'ferry.txt'), 'utf8');
const TOKEN = 'test-token-0123456789abcdef';
const AUTH = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

interface Setup {
  app: Hono;
  store: Store;
  close: () => Promise<void>;
}

async function setup(config: Record<string, unknown> = {}): Promise<Setup> {
  const { store, close } = await openTempStore();
  const app = createApp({ store, config: { tokenHash: hashToken(TOKEN), log: () => {}, ...config } });
  return { app, store, close };
}

async function call(app: Hono, method: string, url: string, body?: unknown, headers: Record<string, string> = AUTH) {
  const res = await app.request(url, { method, headers: method === 'GET' ? {} : headers, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
  const text = await res.text();
  let json: any = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, json, text };
}

describe('OpenAPI description', () => {
  test('every registered route is described, and every described route is registered', async () => {
    const { app, close } = await setup();
    try {
      const registered = apiRoutes(app).map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`).sort();
      const described = Object.entries(OPENAPI.paths)
        .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
        .sort();
      assert.ok(registered.length >= 13, `only ${registered.length} routes registered`);
      assert.deepEqual(described, registered);
      const served = await call(app, 'GET', '/api/openapi.json');
      assert.equal(served.status, 200);
      assert.equal(served.json.openapi, '3.1.0');
      assert.deepEqual(Object.keys(served.json.paths).sort(), Object.keys(OPENAPI.paths).sort());
    } finally {
      await close();
    }
  });
});

describe('articles, entities, quotes and search', () => {
  let s: Setup;
  let harbourId: number;
  let ferryId: number;
  before(async () => {
    s = await setup();
  });
  after(async () => {
    await s.close();
  });

  test('submitting text stores it (201, added) and the same text again is a duplicate', async () => {
    const res = await call(s.app, 'POST', '/api/articles', { text: HARBOUR, published: '2024-03-12', url: 'https://aldwick-gazette.example/port' });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.status, 'added');
    assert.equal(res.json.title, 'Port of Aldwick to double cargo capacity by 2027');
    assert.equal(res.json.quoteCount, 7);
    assert.equal(res.headers.get('location'), `/api/articles/${res.json.id}`);
    harbourId = res.json.id;

    const again = await call(s.app, 'POST', '/api/articles', { text: HARBOUR, published: '2024-03-12' });
    assert.equal(again.status, 200);
    assert.equal(again.json.status, 'duplicate');
    assert.equal(again.json.id, harbourId);

    const ferry = await call(s.app, 'POST', '/api/articles', { text: FERRY, published: '2024-04-05' });
    assert.equal(ferry.status, 201, ferry.text);
    ferryId = ferry.json.id;
    assert.notEqual(ferryId, harbourId);
  });

  test('an article comes back with its result and canonical entity ids', async () => {
    const res = await call(s.app, 'GET', `/api/articles/${harbourId}`);
    assert.equal(res.status, 200);
    assert.equal(res.json.id, harbourId);
    assert.equal(res.json.result.quotes.length, 7);
    const keller = res.json.result.entities.find((e: { name: string }) => e.name === 'Maria Keller');
    assert.ok(keller, 'Maria Keller is an entity of the article');
    assert.equal(typeof res.json.entityIds[keller.id], 'number');
    const entity = await call(s.app, 'GET', `/api/entities/${res.json.entityIds[keller.id]}`);
    assert.equal(entity.json.name, 'Maria Keller');
  });

  test('a speaker\'s quotes, through the entity and through search', async () => {
    const found = await call(s.app, 'GET', '/api/entities?q=keller&type=person');
    assert.equal(found.status, 200);
    assert.equal(found.json.total, 1);
    const keller = found.json.items[0];
    assert.equal(keller.name, 'Maria Keller');

    const detail = await call(s.app, 'GET', `/api/entities/${keller.id}`);
    assert.ok(detail.json.aliases.some((a: { text: string }) => a.text === 'Keller'));
    assert.equal(detail.json.articleCount, 2);

    const quotes = await call(s.app, 'GET', `/api/entities/${keller.id}/quotes`);
    assert.equal(quotes.status, 200);
    assert.equal(quotes.json.total, 4);
    assert.ok(quotes.json.items.every((q: any) => q.speaker.entityId === keller.id));
    assert.ok(quotes.json.items.some((q: any) => q.text.includes('We have waited a decade')));
    const whens = quotes.json.items.map((q: any) => q.when);
    assert.deepEqual(whens, [...whens].sort(), 'oldest first');
    assert.equal(quotes.json.items.at(-1).articleId, ferryId);

    for (const speaker of ['Keller', String(keller.id)]) {
      const hits = await call(s.app, 'GET', `/api/search?speaker=${speaker}&q=decade`);
      assert.equal(hits.status, 200, hits.text);
      assert.equal(hits.json.total, 1);
      assert.equal(hits.json.hits[0].type, 'quote');
      assert.equal(hits.json.hits[0].speaker.entityId, keller.id);
      assert.match(hits.json.hits[0].snippet, /\*\*decade\*\*/);
    }
    const bySpeaker = await call(s.app, 'GET', `/api/quotes?speaker=${keller.id}`);
    assert.equal(bySpeaker.json.total, 4);
    const direct = await call(s.app, 'GET', `/api/quotes?speaker=${keller.id}&kind=direct`);
    assert.equal(direct.json.total, 1);
  });

  test('quotes that mention an entity', async () => {
    const keller = (await call(s.app, 'GET', '/api/entities?q=maria keller')).json.items[0];
    const res = await call(s.app, 'GET', `/api/entities/${keller.id}/mentioned-in`);
    assert.equal(res.status, 200);
    assert.ok(res.json.items.some((q: any) => q.text.includes('never once answered our letters') && q.speaker.name === 'Robert Finch'));
  });

  test('pagination: limit, offset and cursor', async () => {
    const first = await call(s.app, 'GET', '/api/articles?limit=1');
    assert.equal(first.status, 200);
    assert.equal(first.json.total, 2);
    assert.equal(first.json.items.length, 1);
    assert.equal(first.json.items[0].id, ferryId, 'newest first');
    assert.ok(first.json.nextCursor);
    const next = await call(s.app, 'GET', `/api/articles?limit=1&cursor=${encodeURIComponent(first.json.nextCursor)}`);
    assert.equal(next.json.items[0].id, harbourId);
    const byOffset = await call(s.app, 'GET', '/api/articles?limit=1&offset=1');
    assert.equal(byOffset.json.items[0].id, harbourId);
    const entities = await call(s.app, 'GET', '/api/entities?limit=2&offset=0');
    const rest = await call(s.app, 'GET', `/api/entities?limit=100&offset=2`);
    assert.equal(entities.json.items.length, 2);
    assert.equal(rest.json.items.length, entities.json.total - 2);
    const ids = [...entities.json.items, ...rest.json.items].map((e: { id: number }) => e.id);
    assert.equal(new Set(ids).size, ids.length);
  });

  test('sources', async () => {
    const res = await call(s.app, 'GET', '/api/sources');
    assert.equal(res.status, 200);
    assert.ok(res.json.items.some((x: { publisher: string }) => x.publisher === 'aldwick-gazette.example'));
    const filtered = await call(s.app, 'GET', '/api/articles?source=aldwick-gazette.example');
    assert.deepEqual(filtered.json.items.map((a: { id: number }) => a.id), [harbourId]);
  });

  test('merging two entities moves aliases and quotes, and the old id redirects', async () => {
    const finches = (await call(s.app, 'GET', '/api/entities?q=finch')).json.items;
    const robert = finches.find((e: { name: string }) => e.name === 'Robert Finch');
    const bob = finches.find((e: { name: string }) => e.name === 'Bob Finch');
    assert.ok(robert && bob && robert.id !== bob.id, JSON.stringify(finches));

    const noToken = await call(s.app, 'POST', `/api/entities/${robert.id}/merge`, { from: bob.id }, { 'content-type': 'application/json' });
    assert.equal(noToken.status, 401);

    const merged = await call(s.app, 'POST', `/api/entities/${robert.id}/merge`, { from: bob.id });
    assert.equal(merged.status, 200, merged.text);
    assert.equal(merged.json.id, robert.id);
    assert.ok(merged.json.aliases.some((a: { text: string }) => a.text === 'Bob Finch'));
    const old = await call(s.app, 'GET', `/api/entities/${bob.id}`);
    assert.equal(old.json.id, robert.id);
    assert.equal(old.headers.get('content-location'), `/api/entities/${robert.id}`);
    const quotes = await call(s.app, 'GET', `/api/entities/${robert.id}/quotes`);
    assert.ok(quotes.json.items.some((q: any) => q.text.includes('The crossing is safe again')));

    const again = await call(s.app, 'POST', `/api/entities/${robert.id}/merge`, { from: bob.id });
    assert.equal(again.status, 409);
    const self = await call(s.app, 'POST', `/api/entities/${robert.id}/merge`, { from: robert.id });
    assert.equal(self.status, 400);
    const missing = await call(s.app, 'POST', `/api/entities/${robert.id}/merge`, { from: 999999 });
    assert.equal(missing.status, 404);
    const bad = await call(s.app, 'POST', `/api/entities/${robert.id}/merge`, { from: 'Bob' });
    assert.equal(bad.status, 400);
    assert.match(bad.json.error.message, /from: must be a positive whole number/);
  });

  test('health', async () => {
    const res = await call(s.app, 'GET', '/api/health');
    assert.equal(res.status, 200);
    assert.equal(res.json.status, 'ok');
    assert.equal(res.json.articles, 2);
  });
});

describe('refusals', () => {
  let s: Setup;
  before(async () => {
    s = await setup({ maxBodyBytes: 64 * 1024 });
  });
  after(async () => {
    await s.close();
  });

  const stored = async () => (await s.store.listArticles({ limit: 0 })).total;

  test('a write without the token, or with a wrong one, is 401 and stores nothing', async () => {
    const none = await call(s.app, 'POST', '/api/articles', { text: HARBOUR }, { 'content-type': 'application/json' });
    assert.equal(none.status, 401);
    assert.equal(none.json.error.code, 'TOKEN_REQUIRED');
    assert.match(none.json.error.message, /Authorization: Bearer/);
    assert.match(none.headers.get('www-authenticate') ?? '', /^Bearer/);
    const wrong = await call(s.app, 'POST', '/api/articles', { text: HARBOUR }, { ...AUTH, authorization: 'Bearer not-the-token' });
    assert.equal(wrong.status, 401);
    assert.equal(wrong.json.error.code, 'BAD_TOKEN');
    const basic = await call(s.app, 'POST', '/api/articles', { text: HARBOUR }, { ...AUTH, authorization: `Basic ${TOKEN}` });
    assert.equal(basic.status, 401);
    assert.equal(await stored(), 0);
  });

  test('invalid bodies are 400 with a message that says what to send', async () => {
    const cases: [unknown, RegExp][] = [
      ['{"text": ', /not valid JSON/],
      [{}, /send one of \{"text": …\}/],
      [[HARBOUR], /must be a JSON object/],
      [{ text: 'a', html: '<p>a</p>' }, /only one of "text", "body" or "html", not "text" and "html"/],
      [{ text: 42 }, /text: must be a string/],
      [{ txt: 'a' }, /unknown field "txt"; allowed: text, body, html, url, published/],
      [{ text: HARBOUR, published: '12/03/2024' }, /published: must be a date like 2024-12-09, not "12\/03\/2024"/],
      [{ url: 'ftp://example.com/a' }, /"url" must be an absolute http\(s\) URL/],
    ];
    for (const [body, message] of cases) {
      const res = await call(s.app, 'POST', '/api/articles', body);
      assert.equal(res.status, 400, `${JSON.stringify(body)} → ${res.text}`);
      assert.match(res.json.error.message, message);
      assert.equal(typeof res.json.error.code, 'string');
    }
    const type = await call(s.app, 'POST', '/api/articles', HARBOUR, { ...AUTH, 'content-type': 'text/plain' });
    assert.equal(type.status, 415);
    assert.match(type.json.error.message, /Content-Type: application\/json/);
    assert.equal(await stored(), 0);
  });

  test('a body over maxBodyBytes is 413', async () => {
    const res = await call(s.app, 'POST', '/api/articles', { text: 'x'.repeat(70 * 1024) });
    assert.equal(res.status, 413);
    assert.equal(res.json.error.code, 'BODY_TOO_LARGE');
    assert.match(res.json.error.message, /64 KB|65536 bytes|maxBodyBytes/);
    assert.equal(await stored(), 0);
  });

  test('bad ids and query parameters are 400; unknown ids 404; unknown routes 404; wrong methods 405', async () => {
    const cases: [string, number, RegExp][] = [
      ['/api/articles/abc', 400, /"abc" is not an article id/],
      ['/api/entities/0', 400, /is not an entity id/],
      ['/api/articles/4242', 404, /no article 4242/],
      ['/api/entities/4242/quotes', 404, /no entity 4242/],
      ['/api/articles?limit=lots', 400, /limit: must be a whole number from 0 to 1000/],
      ['/api/articles?limit=5000', 400, /limit: must be at most 1000/],
      ['/api/articles?limt=5', 400, /unknown parameter "limt"; allowed: limit, offset, cursor, source/],
      ['/api/search?kind=rumour', 400, /kind: must be one of direct, indirect, partial, mixed, refusal, belief, stance, not "rumour"/],
      ['/api/search?from=2024-02-30', 400, /from: must be a date like 2024-12-09/],
      ['/api/search?from=2024-03-01&to=2024-02-01', 400, /"from" \(2024-03-01\) is after "to"/],
      ['/api/search?type=article&speaker=Keller', 400, /cannot be used with type=article/],
      ['/api/quotes?type=quote', 400, /unknown parameter "type"/],
      ['/api/entities?type=animal', 400, /type: must be one of PERSON, ORG, LOC, MISC/],
      ['/api/nothing', 404, /no API route GET \/api\/nothing/],
      ['/api/articles?cursor=zzz', 400, /Not a cursor from listArticles/],
    ];
    for (const [url, status, message] of cases) {
      const res = await call(s.app, 'GET', url);
      assert.equal(res.status, status, `${url} → ${res.text}`);
      assert.match(res.json.error.message, message, url);
    }
    const del = await call(s.app, 'DELETE', '/api/articles/1');
    assert.equal(del.status, 405);
    assert.equal(del.headers.get('allow'), 'GET');
  });

  test('a private-address URL is refused and nothing is stored', async () => {
    for (const url of ['http://127.0.0.1:9/a', 'http://169.254.169.254/latest/meta-data', 'http://[::1]/x', 'http://localhost:9/a']) {
      const res = await call(s.app, 'POST', '/api/articles', { url });
      assert.equal(res.status, 400, `${url} → ${res.text}`);
      assert.equal(res.json.error.code, 'PRIVATE_ADDRESS');
      assert.match(res.json.error.message, /--allow-private/);
    }
    assert.equal(await stored(), 0);
  });

  test('unexpected errors are 500 without a stack trace', async () => {
    const logged: string[] = [];
    const broken = { ...s.store, getArticle: async () => { throw new Error('disk on fire at /secret/path'); } } as Store;
    const app = createApp({ store: broken, config: { tokenHash: hashToken(TOKEN), log: (m) => logged.push(m) } });
    const res = await call(app, 'GET', '/api/articles/1');
    assert.equal(res.status, 500);
    assert.equal(res.json.error.code, 'INTERNAL');
    assert.doesNotMatch(res.text, /disk on fire|secret|at /);
    assert.match(logged.join('\n'), /disk on fire/);
  });

  test('pages can be mounted beside the API (before the first request)', async () => {
    const app = createApp({ store: s.store, config: { tokenHash: hashToken(TOKEN) } });
    app.get('/', (c) => c.html('<h1>newsgraph</h1>'));
    const res = await app.request('/');
    assert.equal(res.status, 200);
    assert.equal(await res.text(), '<h1>newsgraph</h1>');
    const missing = await app.request('/nothing');
    assert.equal(missing.status, 404);
    assert.equal((await call(app, 'GET', '/api/health')).status, 200);
  });
});

describe('URL submissions (local server, --allow-private)', () => {
  let s: Setup;
  let site: http.Server;
  let base: string;
  let hits = 0;
  before(async () => {
    s = await setup({ allowPrivateFetch: true, fetch: { timeoutMs: 400 } });
    site = http.createServer((req, res) => {
      hits++;
      if (req.url === '/slow') return; // never answers
      if (req.url === '/gone') {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(`<html><head><title>Ferry news</title></head><body><article><h1>Ferry service resumes</h1>${FERRY.split('\n').slice(2).filter(Boolean).map((p) => `<p>${p}</p>`).join('')}</article></body></html>`);
    });
    await new Promise<void>((resolve) => site.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  });
  after(async () => {
    site.closeAllConnections();
    await new Promise((resolve) => site.close(resolve));
    await s.close();
  });

  test('a page is fetched and stored; the same URL again is a duplicate without a fetch', async () => {
    const res = await call(s.app, 'POST', '/api/articles', { url: `${base}/ferry` });
    assert.equal(res.status, 201, res.text);
    assert.equal(res.json.status, 'added');
    assert.equal(hits, 1);
    const again = await call(s.app, 'POST', '/api/articles', { url: `${base}/ferry` });
    assert.equal(again.status, 200);
    assert.equal(again.json.status, 'duplicate');
    assert.equal(again.json.id, res.json.id);
    assert.equal(hits, 1);
  });

  test('a slow URL is a 504 that says so, an unreachable one a 502; nothing is stored', async () => {
    const before = (await s.store.listArticles({ limit: 0 })).total;
    const slow = await call(s.app, 'POST', '/api/articles', { url: `${base}/slow` });
    assert.equal(slow.status, 504, slow.text);
    assert.equal(slow.json.error.code, 'TIMEOUT');
    assert.match(slow.json.error.message, /did not answer within 400 ms/);

    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const unreachable = await call(s.app, 'POST', '/api/articles', { url: `http://127.0.0.1:${port}/a` });
    assert.equal(unreachable.status, 502, unreachable.text);
    assert.equal(unreachable.json.error.code, 'UNREACHABLE');
    assert.match(unreachable.json.error.message, /Cannot reach 127\.0\.0\.1:\d+: ECONNREFUSED/);

    const gone = await call(s.app, 'POST', '/api/articles', { url: `${base}/gone` });
    assert.equal(gone.status, 502);
    assert.match(gone.json.error.message, /answered HTTP 404/);
    assert.equal((await s.store.listArticles({ limit: 0 })).total, before);
  });
});

describe('feeds', () => {
  test('list subscriptions; subscribing needs the token, an http(s) URL, and is idempotent', async () => {
    const { app, close } = await setup();
    try {
      assert.deepEqual((await call(app, 'GET', '/api/feeds')).json, { total: 0, items: [] });
      const anonymous = await call(app, 'POST', '/api/feeds', { url: 'https://news.example/rss.xml' }, { 'content-type': 'application/json' });
      assert.equal(anonymous.status, 401);
      const bad = await call(app, 'POST', '/api/feeds', { url: 'javascript:alert(1)' });
      assert.equal(bad.status, 400);
      assert.match(bad.json.error.message, /url: must be an http\(s\) URL/);
      const added = await call(app, 'POST', '/api/feeds', { url: 'https://news.example/rss.xml', title: 'Example News' });
      assert.equal(added.status, 201);
      assert.equal(added.json.feed.title, 'Example News');
      const again = await call(app, 'POST', '/api/feeds', { url: 'https://news.example/rss.xml' });
      assert.equal(again.status, 200);
      assert.equal(again.json.created, false);
      const list = (await call(app, 'GET', '/api/feeds')).json;
      assert.equal(list.total, 1);
      assert.equal(list.items[0].url, 'https://news.example/rss.xml');
      assert.equal(list.items[0].failures, 0);
    } finally {
      await close();
    }
  });
});
