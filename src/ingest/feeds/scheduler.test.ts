// The schedule `serve` runs: due feeds are polled on the interval, rounds never overlap.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { openSqliteStore } from '../../store/sqlite/index.js';
import { startFeedScheduler } from './scheduler.js';

let server: http.Server;
let base = '';
let feedHits = 0;

before(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/feed.xml') {
      feedHits++;
      res.writeHead(200, { 'content-type': 'application/rss+xml' });
      return res.end(`<?xml version="1.0"?><rss version="2.0"><channel><title>Town</title><link>${base}/</link>
        <item><title>Library to close</title><guid>lib-1</guid><link>${base}/a1</link><pubDate>Tue, 05 Mar 2024 09:00:00 GMT</pubDate></item>
      </channel></rss>`);
    }
    if (req.url === '/a1') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end('<html><body><article><p>The council voted on Monday to close the old library in the town centre.</p><p>"It is a sad day for readers," said librarian Ruth Amos.</p></article></body></html>');
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

test('the scheduler polls due feeds on its interval and ingests their entries once', async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-sched-'));
  const store = await openSqliteStore(path.join(dir, 'kb.db'));
  try {
    await store.addFeed(`${base}/feed.xml`);
    const rounds: number[] = [];
    const scheduler = startFeedScheduler(store, { intervalMs: 50, allowPrivate: true, minHostDelayMs: 0, onRound: (s) => rounds.push(s.newArticles) });
    const deadline = Date.now() + 10_000;
    while (rounds.length === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    // a second explicit round: the feed is no longer due, nothing new
    const again = await scheduler.runNow();
    await scheduler.stop();
    assert.equal(rounds[0], 1, 'the first round ingested the entry');
    assert.equal(feedHits, 1, 'the feed is not due again right after its poll');
    assert.equal(again?.feedsPolled, 0);
    const page = await store.listArticles({ limit: 10 });
    assert.equal(page.total, 1);
  } finally {
    await store.close();
  }
});
