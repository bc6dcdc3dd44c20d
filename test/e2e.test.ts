// End to end, as a user runs it: the installed CLI ingests a folder of fixture articles and two
// feeds served from a local HTTP server (RSS, and Atom answering 304 to a conditional GET on the
// second poll), then finds quotes by speaker through `newsgraph search` and through the HTTP API
// of `newsgraph serve`. Loopback is allowed explicitly (--allow-private) for the local server.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';

const BIN = new URL('../bin/newsgraph.js', import.meta.url).pathname;
const FEEDS = new URL('./fixtures/feeds/', import.meta.url);
const FOLDER = new URL('./fixtures/kb/harbour/', import.meta.url).pathname;
const data = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-e2e-'));

let server: http.Server;
let base = '';
const conditional: { path: string; answered: number }[] = [];

before(async () => {
  server = http.createServer((req, res) => {
    const url = req.url ?? '/';
    const fill = (name: string) => fs.readFileSync(new URL(name, FEEDS), 'utf8').replaceAll('{{BASE}}', base);
    if (url === '/feeds/rss.xml') {
      res.writeHead(200, { 'content-type': 'application/rss+xml; charset=utf-8' });
      return res.end(fill('rss.xml'));
    }
    if (url === '/feeds/atom.xml') {
      if (req.headers['if-none-match'] === '"atom-1"') {
        conditional.push({ path: url, answered: 304 });
        res.writeHead(304, { etag: '"atom-1"' });
        return res.end();
      }
      res.writeHead(200, { 'content-type': 'application/atom+xml; charset=utf-8', etag: '"atom-1"' });
      return res.end(fill('atom.xml'));
    }
    const article = /^\/articles\/([a-z]+)$/.exec(url);
    if (article && fs.existsSync(new URL(`articles/${article[1]}.html`, FEEDS))) {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return res.end(fill(`articles/${article[1]}.html`));
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => {
  server.closeAllConnections();
  server.close();
});

/** Runs the CLI without blocking this process (the feed server answers from it). */
function cli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args, '--data', data]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

test('ingest a folder and two feeds, then find quotes by speaker through the CLI and the API', { timeout: 180_000 }, async () => {
  const folder = await cli(['ingest', FOLDER, '--json']);
  assert.equal(folder.code, 0, folder.stderr);
  const summary = JSON.parse(folder.stdout);
  assert.ok(summary.added >= 3, `added ${summary.added}`);

  for (const feed of ['rss.xml', 'atom.xml']) {
    const added = await cli(['feeds', 'add', `${base}/feeds/${feed}`]);
    assert.equal(added.code, 0, added.stderr);
  }
  const first = await cli(['feeds', 'poll', '--allow-private', '--min-host-delay-ms', '0', '--quiet']);
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /[1-9]\d* new articles?/);
  const second = await cli(['feeds', 'poll', '--all', '--allow-private', '--min-host-delay-ms', '0', '--quiet']);
  assert.equal(second.code, 0, second.stderr);
  assert.deepEqual(conditional, [{ path: '/feeds/atom.xml', answered: 304 }], 'the second poll sent If-None-Match and got 304');
  assert.match(second.stdout, /1 not modified/);

  // through the CLI: a quote from the folder and one from a feed article
  const marsh = await cli(['search', '--speaker', 'Marsh', '--json']);
  assert.equal(marsh.code, 0, marsh.stderr);
  assert.ok(JSON.parse(marsh.stdout).hits.some((h: { snippet: string }) => /blank cheque/.test(h.snippet)), marsh.stdout);
  const price = await cli(['search', 'fight', '--speaker', 'Sarah Price', '--json']);
  assert.equal(price.code, 0, price.stderr);
  assert.ok(JSON.parse(price.stdout).hits.length >= 1, price.stdout);

  // through the API of `newsgraph serve` on a random loopback port
  const serve = spawn(process.execPath, [BIN, 'serve', '--data', data, '--port', '0', '--poll-interval-min', '0']);
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let out = '';
      serve.stdout.on('data', (d) => {
        out += d;
        const m = /listening on (http:\/\/\S+?) /.exec(out);
        if (m) resolve(m[1]);
      });
      serve.on('exit', (code) => reject(new Error(`serve exited ${code}`)));
    });
    const search = await (await fetch(`${url}/api/search?speaker=Marsh&type=quote`)).json() as { hits: { snippet: string }[] };
    assert.ok(search.hits.some((h) => /blank cheque/.test(h.snippet)), JSON.stringify(search));
    const entities = await (await fetch(`${url}/api/entities?q=Sarah%20Price`)).json() as { items: { id: number; name: string }[] };
    const sarah = entities.items.find((e) => e.name === 'Sarah Price');
    assert.ok(sarah, JSON.stringify(entities));
    const quotes = await (await fetch(`${url}/api/entities/${sarah.id}/quotes`)).json() as { items: { text: string }[] };
    assert.ok(quotes.items.some((q) => /sad day for every family/.test(q.text)), JSON.stringify(quotes));
  } finally {
    serve.kill('SIGTERM');
  }
});
