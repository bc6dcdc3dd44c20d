// The poller and ingestUrl against a real local HTTP server (127.0.0.1, port 0; allowPrivate
// set explicitly where a test needs it) and a real store in a temporary directory.
import { after, afterEach, before, beforeEach, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { FetchError } from '../fetch.js';
import { ingestUrl } from '../url.js';
import { pollFeeds, type PollOptions } from './poll.js';
import { feedsImport } from '../../cli/feeds.js';
import { openSqliteStore } from '../../store/sqlite/index.js';
import type { Store } from '../../store/store.js';

const FIXTURES = new URL('../../../test/fixtures/feeds/', import.meta.url);
const MIN = 60_000;

let server: http.Server;
let base = '';
/** Requests seen by the server: path, headers, start and end times. */
let hits: { path: string; headers: http.IncomingHttpHeaders; start: number; end: number }[] = [];
let inFlight = 0;
let maxInFlight = 0;
const ARTICLE_DELAY_MS = 40;

function fixture(name: string): string {
  return fs.readFileSync(new URL(name, FIXTURES), 'utf8').replaceAll('{{BASE}}', base);
}

/** "Café – the owner said “we are open”" in windows-1252, in a feed that declares UTF-8. */
function lyingFeed(): Buffer {
  const head = Buffer.from(
    `<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>Caf`,
    'latin1',
  );
  const cp = (s: string) => Buffer.from(s.replace(/–/g, '\x96').replace(/“/g, '\x93').replace(/”/g, '\x94'), 'latin1');
  return Buffer.concat([
    head,
    cp('é – Gazette</title><link>http://cafe.test/</link><item><title>Café reopens – owner delighted</title><guid>cafe-1</guid><link>'),
    Buffer.from(`${base}/articles/gone-cafe</link><pubDate>Wed, 11 Dec 2024 08:00:00 GMT</pubDate><content:encoded><![CDATA[`),
    cp('<p>The café on Harbour Road reopened on Wednesday after a fire in the summer.</p><p>“We are open again and the coffee is better than ever,” said owner Lucia Moretti.</p>'),
    Buffer.from(']]></content:encoded></item></channel></rss>'),
  ]);
}

before(async () => {
  server = http.createServer((req, res) => {
    const url = (req.url ?? '/').replace(/\?.*$/, '');
    const hit = { path: req.url ?? '/', headers: req.headers, start: Date.now(), end: 0 };
    hits.push(hit);
    const send = (status: number, headers: Record<string, string>, body: string | Buffer = '') => {
      hit.end = Date.now();
      res.writeHead(status, headers);
      res.end(body);
    };
    if (url === '/feeds/rss.xml') {
      if (req.headers['if-none-match'] === '"rss-v1"') return send(304, { etag: '"rss-v1"' });
      return send(200, { 'content-type': 'application/rss+xml', etag: '"rss-v1"' }, fixture('rss.xml'));
    }
    if (url === '/feeds/atom.xml') return send(200, { 'content-type': 'application/atom+xml; charset=utf-8' }, fixture('atom.xml'));
    if (url === '/feeds/lying.xml') return send(200, { 'content-type': 'application/rss+xml; charset=utf-8' }, lyingFeed());
    if (url === '/feeds/broken.xml') return send(503, { 'content-type': 'text/plain' }, 'down');
    if (url === '/feeds/not-a-feed') return send(200, { 'content-type': 'text/html' }, '<html><body><p>Welcome home</p></body></html>');
    if (url === '/plain.txt') return send(200, { 'content-type': 'text/plain; charset=utf-8' }, fixture('articles/plain.txt'));
    if (url === '/image.png') return send(200, { 'content-type': 'image/png' }, Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const m = /^\/articles\/([a-z-]+)$/.exec(url);
    if (m) {
      const file = new URL(`articles/${m[1]}.html`, FIXTURES);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      setTimeout(() => {
        inFlight--;
        if (!fs.existsSync(file)) return send(404, { 'content-type': 'text/plain' }, 'not found');
        send(200, { 'content-type': 'text/html; charset=utf-8' }, fs.readFileSync(file, 'utf8'));
      }, ARTICLE_DELAY_MS);
      return;
    }
    send(404, { 'content-type': 'text/plain' }, 'not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

let dir: string;
let store: Store;
let clock: Date;
beforeEach(async () => {
  hits = [];
  maxInFlight = 0;
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-feeds-'));
  store = await openSqliteStore(path.join(dir, 'newsgraph.db'));
  clock = new Date('2024-12-12T09:00:00Z');
});
afterEach(async () => {
  await store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const LOCAL: PollOptions = { allowPrivate: true, timeoutMs: 3000, minHostDelayMs: 0, now: () => clock, schedule: { intervalMs: 30 * MIN, backoffBaseMs: 5 * MIN, backoffMaxMs: 60 * MIN } };
const articleHits = () => hits.filter((h) => h.path.startsWith('/articles/'));

describe('pollFeeds', () => {
  test('RSS and Atom entries are ingested from their pages (or the feed content when the page is gone); a second poll gets 304 and adds nothing', async () => {
    const rss = (await store.addFeed(`${base}/feeds/rss.xml`)).feed;
    const atom = (await store.addFeed(`${base}/feeds/atom.xml`, { title: 'My valley' })).feed;
    const first = await pollFeeds(store, store, LOCAL);
    assert.deepEqual({ ...first, failures: first.failures.map((f) => f.code) }, { feedsPolled: 2, notModified: 0, newArticles: 5, duplicates: 0, alreadySeen: 0, failures: [] });

    const articles = (await store.listArticles({ limit: 50 })).items;
    const titles = articles.map((a) => a.title).sort();
    assert.deepEqual(titles, ['Council approves harbour bridge', 'Fishermen warn of poor season', 'Mine closure and the valley', 'Rail line to reopen', 'School reopens after floods']);
    const bridge = articles.find((a) => a.title === 'Council approves harbour bridge')!;
    const stored = (await store.getArticle(bridge.id))!;
    assert.equal(stored.result.url, `${base}/articles/bridge`);
    assert.equal(stored.origin, `feed:${base}/feeds/rss.xml`);
    assert.ok(stored.result.quotes.some((q) => q.text.includes('This bridge will bring our community together') && /Carter/.test(q.speaker?.text ?? '')));
    // The school page is a 404: its article comes from the entry's content:encoded, with the entry's date.
    const school = (await store.getArticle(articles.find((a) => a.title === 'School reopens after floods')!.id))!;
    assert.equal(school.published?.slice(0, 10), '2024-12-08');
    assert.ok(school.result.quotes.some((q) => /Olsen/.test(q.speaker?.text ?? '')));

    const feeds = await store.listFeeds();
    const rssState = feeds.find((f) => f.id === rss.id)!;
    assert.equal(rssState.etag, '"rss-v1"');
    assert.equal(rssState.lastStatus, 'ok');
    assert.equal(rssState.title, 'Harbour Gazette');
    assert.equal(rssState.nextPollAt, '2024-12-12T09:30:00.000Z');
    assert.equal(feeds.find((f) => f.id === atom.id)!.title, 'My valley'); // a given title is kept

    // Not due yet: nothing polled.
    hits = [];
    clock = new Date('2024-12-12T09:10:00Z');
    assert.equal((await pollFeeds(store, store, LOCAL)).feedsPolled, 0);
    assert.equal(hits.length, 0);

    // Due again: RSS answers 304 to If-None-Match; Atom (no validators) is fetched but its entries were seen.
    clock = new Date('2024-12-12T09:31:00Z');
    const second = await pollFeeds(store, store, LOCAL);
    assert.deepEqual({ ...second, failures: second.failures.length }, { feedsPolled: 2, notModified: 1, newArticles: 0, duplicates: 0, alreadySeen: 2, failures: 0 });
    const rssHit = hits.find((h) => h.path === '/feeds/rss.xml')!;
    assert.equal(rssHit.headers['if-none-match'], '"rss-v1"');
    assert.deepEqual(articleHits(), []);
    assert.equal((await store.listArticles()).total, 5);
    const after304 = (await store.listFeeds()).find((f) => f.id === rss.id)!;
    assert.equal(after304.lastStatus, 'not-modified');
    assert.equal(after304.etag, '"rss-v1"');
    assert.equal(after304.nextPollAt, '2024-12-12T10:01:00.000Z');
  });

  test('a failing feed backs off exponentially up to the cap, with its error recorded; success resets it', async () => {
    const { feed } = await store.addFeed(`${base}/feeds/broken.xml`);
    const s1 = await pollFeeds(store, store, LOCAL);
    assert.equal(s1.failures.length, 1);
    assert.equal(s1.failures[0].code, 'HTTP_STATUS');
    assert.match(s1.failures[0].reason, /HTTP 503/);
    let state = (await store.listFeeds())[0];
    assert.equal(state.lastStatus, 'error');
    assert.match(state.lastError ?? '', /^HTTP_STATUS: .*503/);
    assert.equal(state.failures, 1);
    assert.equal(state.nextPollAt, '2024-12-12T09:05:00.000Z');

    clock = new Date('2024-12-12T09:04:00Z');
    assert.equal((await pollFeeds(store, store, LOCAL)).feedsPolled, 0);
    const next: string[] = [];
    for (const at of ['09:05', '09:15', '09:35', '10:15', '11:15']) {
      clock = new Date(`2024-12-12T${at}:00Z`);
      assert.equal((await pollFeeds(store, store, LOCAL)).feedsPolled, 1, at);
      state = (await store.listFeeds())[0];
      next.push(state.nextPollAt!.slice(11, 16));
    }
    assert.deepEqual(next, ['09:15', '09:35', '10:15', '11:15', '12:15']); // +10, +20, +40, +60 (cap), +60
    assert.equal(state.failures, 6);

    // Not a feed: an error too, with a reason that says so.
    const bad = (await store.addFeed(`${base}/feeds/not-a-feed`)).feed;
    const s2 = await pollFeeds(store, store, { ...LOCAL, all: true });
    assert.ok(s2.failures.some((f) => f.feedId === bad.id && f.code === 'NOT_A_FEED'));
    assert.equal(feed.id !== bad.id, true);
  });

  test('entries are not ingested twice, even when the feed changes its validators or another feed links the same page', async () => {
    await store.addFeed(`${base}/feeds/atom.xml`);
    assert.equal((await pollFeeds(store, store, LOCAL)).newArticles, 2);
    hits = [];
    const again = await pollFeeds(store, store, { ...LOCAL, all: true });
    assert.equal(again.newArticles, 0);
    assert.equal(again.alreadySeen, 2);
    assert.deepEqual(articleHits(), []);
    // Another feed linking the same pages: reported as duplicates, and the URL check skips the fetch.
    await store.addFeed(`${base}/feeds/rss.xml`);
    const rss = await pollFeeds(store, store, LOCAL);
    assert.equal(rss.newArticles, 3);
    hits = [];
    const dupFeed = (await store.addFeed(`${base}/feeds/atom.xml?copy=1`)).feed;
    const dup = await pollFeeds(store, store, LOCAL);
    assert.equal(dup.feedsPolled, 1);
    assert.equal(dup.duplicates, 2);
    assert.equal(dup.newArticles, 0);
    assert.deepEqual(articleHits(), []);
    assert.equal((await store.listFeeds()).find((f) => f.id === dupFeed.id)!.entriesSeen, 4); // guid and link per entry
  });

  test('a feed that says UTF-8 but is windows-1252 still parses; a page that is gone falls back to the entry content', async () => {
    await store.addFeed(`${base}/feeds/lying.xml`);
    const s = await pollFeeds(store, store, LOCAL);
    assert.equal(s.newArticles, 1);
    const feed = (await store.listFeeds())[0];
    assert.equal(feed.title, 'Café – Gazette');
    const a = (await store.listArticles()).items[0];
    assert.equal(a.title, 'Café reopens – owner delighted');
    const stored = (await store.getArticle(a.id))!;
    assert.ok(stored.result.quotes.some((q) => q.text.includes('We are open again') && /Moretti/.test(q.speaker?.text ?? '')));
  });

  test('politeness: entries on one host are fetched one at a time, with the minimum gap between requests', async () => {
    await store.addFeed(`${base}/feeds/rss.xml`);
    await store.addFeed(`${base}/feeds/atom.xml`);
    const minHostDelayMs = 60;
    const s = await pollFeeds(store, store, { ...LOCAL, minHostDelayMs, concurrency: 4 });
    assert.equal(s.newArticles, 5);
    assert.equal(maxInFlight, 1);
    const sorted = [...hits].sort((a, b) => a.start - b.start);
    for (let i = 1; i < sorted.length; i++) {
      const gap = sorted[i].start - sorted[i - 1].end;
      assert.ok(gap >= minHostDelayMs - 5, `gap ${gap} ms before ${sorted[i].path}`);
    }
  });

  test('private addresses are refused unless allowed', async () => {
    await store.addFeed(`${base}/feeds/rss.xml`);
    const s = await pollFeeds(store, store, { ...LOCAL, allowPrivate: false });
    assert.equal(s.failures[0]?.code, 'PRIVATE_ADDRESS');
    assert.equal(hits.length, 0);
    assert.match((await store.listFeeds())[0].lastError ?? '', /^PRIVATE_ADDRESS/);
  });

  test('OPML import subscribes to the nested feeds once', async () => {
    const file = path.join(dir, 'subs.opml');
    fs.writeFileSync(file, fixture('subscriptions.opml'));
    const lines: string[] = [];
    assert.deepEqual(await feedsImport(store, file, (l) => lines.push(l)), { added: 2, existing: 0 });
    assert.deepEqual(await feedsImport(store, file, () => {}), { added: 0, existing: 2 });
    const feeds = await store.listFeeds();
    assert.deepEqual(feeds.map((f) => [f.url, f.title]), [[`${base}/feeds/rss.xml`, 'Harbour Gazette'], [`${base}/feeds/atom.xml`, 'Valley Times']]);
    assert.match(lines[0], /2 feeds added, 0 already subscribed/);
  });
});

describe('ingestUrl', () => {
  test('html by content type, stored once: the second time is a duplicate found by URL without fetching', async () => {
    const first = await ingestUrl(`${base}/articles/mine`, store, { allowPrivate: true });
    assert.equal(first.status, 'added');
    assert.equal(first.title, 'Mine closure and the valley');
    hits = [];
    const second = await ingestUrl(`${base}/articles/mine#comments`, store, { allowPrivate: true });
    assert.deepEqual({ status: second.status, by: second.duplicateOf?.by, id: second.duplicateOf?.articleId }, { status: 'duplicate', by: 'url', id: first.articleId });
    assert.equal(hits.length, 0);
  });

  test('plain text pages are read as text; the same content at another URL is a duplicate by content', async () => {
    const text = await ingestUrl(`${base}/plain.txt`, store, { allowPrivate: true });
    assert.equal(text.status, 'added');
    const stored = (await store.getArticle(text.articleId))!;
    assert.ok(stored.result.quotes.some((q) => /Ingrid Svensson/.test(q.speaker?.text ?? '')));
    const again = await ingestUrl(`${base}/plain.txt?utm_source=x&v=2`, store, { allowPrivate: true });
    assert.equal(again.status, 'duplicate');
    assert.equal(again.duplicateOf?.by, 'content');
  });

  test('failures are clear and store nothing', async () => {
    const fails: [string, object, string, RegExp][] = [
      [`${base}/articles/mine`, {}, 'PRIVATE_ADDRESS', /allowPrivate/],
      [`${base}/image.png`, { allowPrivate: true }, 'UNSUPPORTED_TYPE', /image\/png/],
      [`${base}/feeds/rss.xml`, { allowPrivate: true }, 'IS_A_FEED', /feeds add/],
      [`${base}/articles/nowhere`, { allowPrivate: true }, 'HTTP_STATUS', /404/],
      [`${base}/articles/mine`, { allowPrivate: true, maxBytes: 100 }, 'TOO_LARGE', /maxBytes/],
      [`${base}/articles/mine`, { allowPrivate: true, timeoutMs: 10 }, 'TIMEOUT', /timeoutMs/],
      ['ftp://example.org/x', {}, 'BAD_URL', /http/],
    ];
    for (const [url, opts, code, re] of fails) {
      await assert.rejects(ingestUrl(url, store, opts), (e: unknown) => (e as FetchError).code === code && re.test((e as Error).message), `${url} ${code}`);
    }
    assert.equal((await store.listArticles()).total, 0);
  });
});
