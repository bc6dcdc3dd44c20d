// The fetcher against a local server (loopback only, allowed explicitly where a test needs it).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_FETCH_LIMITS, FetchError, decodeBody, fetchPage, isPrivateAddress } from './fetch.js';

let server: http.Server;
let base = '';
const LOCAL = { ...DEFAULT_FETCH_LIMITS, allowPrivate: true, timeoutMs: 2000 };

before(async () => {
  server = http.createServer((req, res) => {
    const u = req.url ?? '/';
    if (u === '/page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', etag: '"v1"' });
      return res.end('<html><body><p>Grüße aus Köln</p></body></html>');
    }
    if (u === '/etag') {
      if (req.headers['if-none-match'] === '"v1"') { res.writeHead(304); return res.end(); }
      res.writeHead(200, { 'content-type': 'text/plain', etag: '"v1"' });
      return res.end('fresh');
    }
    if (u === '/lying-charset') {
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      return res.end(Buffer.from([0x43, 0x61, 0x66, 0xe9, 0x20, 0x96, 0x20, 0x6f, 0x6b])); // "Café – ok" in windows-1252
    }
    if (u === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('x'.repeat(300_000));
    }
    if (u === '/loop-a') { res.writeHead(302, { location: '/loop-b' }); return res.end(); }
    if (u === '/loop-b') { res.writeHead(302, { location: '/loop-a' }); return res.end(); }
    const hop = /^\/hop\/(\d+)$/.exec(u);
    if (hop) { res.writeHead(301, { location: Number(hop[1]) > 0 ? `/hop/${Number(hop[1]) - 1}` : '/page' }); return res.end(); }
    if (u === '/slow') { setTimeout(() => { res.writeHead(200); res.end('late'); }, 3000); return; }
    if (u === '/missing') { res.writeHead(404); return res.end('no'); }
    res.writeHead(500);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => { server.closeAllConnections(); server.close(); });

const rejectsWith = (p: Promise<unknown>, code: string, re: RegExp) =>
  assert.rejects(p, (e: unknown) => e instanceof FetchError && e.code === code && re.test(e.message));

describe('fetchPage', () => {
  test('loopback and private addresses are refused unless allowed', async () => {
    await rejectsWith(fetchPage(`${base}/page`), 'PRIVATE_ADDRESS', /allowPrivate/);
    await rejectsWith(fetchPage('http://localhost:1/page'), 'PRIVATE_ADDRESS', /loopback/);
    for (const a of ['10.1.2.3', '192.168.0.1', '172.16.5.4', '169.254.169.254', '::1', 'fe80::1', '::ffff:127.0.0.1', '100.64.0.1']) assert.ok(isPrivateAddress(a), a);
    for (const a of ['8.8.8.8', '2606:4700::1111']) assert.ok(!isPrivateAddress(a), a);
  });
  test('a page is fetched and decoded with its declared charset', async () => {
    const page = await fetchPage(`${base}/page`, LOCAL);
    assert.equal(page.status, 200);
    assert.match(page.body, /Grüße aus Köln/);
    assert.equal(page.etag, '"v1"');
  });
  test('a body that lies about being UTF-8 is read as windows-1252', async () => {
    const page = await fetchPage(`${base}/lying-charset`, LOCAL);
    assert.equal(page.body, 'Café – ok');
    assert.equal(page.charset, 'windows-1252');
  });
  test('conditional GET: 304 gives notModified and no body', async () => {
    const page = await fetchPage(`${base}/etag`, { ...LOCAL, headers: { 'if-none-match': '"v1"' } });
    assert.equal(page.notModified, true);
    assert.equal(page.body, '');
  });
  test('size cap, redirect loop, redirect cap, timeout and HTTP errors each say what happened', async () => {
    await rejectsWith(fetchPage(`${base}/big`, { ...LOCAL, maxBytes: 100_000 }), 'TOO_LARGE', /maxBytes/);
    await rejectsWith(fetchPage(`${base}/loop-a`, LOCAL), 'REDIRECT_LOOP', /loop/);
    await rejectsWith(fetchPage(`${base}/hop/9`, { ...LOCAL, maxRedirects: 3 }), 'TOO_MANY_REDIRECTS', /maxRedirects/);
    assert.match((await fetchPage(`${base}/hop/2`, LOCAL)).body, /Köln/);
    await rejectsWith(fetchPage(`${base}/slow`, { ...LOCAL, timeoutMs: 300 }), 'TIMEOUT', /timeoutMs/);
    await rejectsWith(fetchPage(`${base}/missing`, LOCAL), 'HTTP_STATUS', /404/);
    await rejectsWith(fetchPage('ftp://example.com/x', LOCAL), 'BAD_URL', /http and https/);
  });
});

test('decodeBody honours a BOM and a meta charset', () => {
  assert.equal(decodeBody(Buffer.from([0xef, 0xbb, 0xbf, 0x41]), '').text, 'A');
  const latin = Buffer.concat([Buffer.from('<meta charset="iso-8859-1"><p>'), Buffer.from([0xe9]), Buffer.from('</p>')]);
  assert.match(decodeBody(latin, 'text/html').text, /<p>é<\/p>/);
});
