// The command line as a user runs it: the installed bin over the compiled dist/.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { seedArticlePath } from './shared.js';

const BIN = new URL('../bin/newsgraph.js', import.meta.url).pathname;
const SEED = seedArticlePath();
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-cli-'));

function run(args: string[], input?: string | Buffer, timeout = 120_000) {
  const res = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, timeout });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}
const lines = (s: string) => s.trim().split('\n').map((l) => JSON.parse(l));

describe('newsgraph extract FILE', () => {
  test('prints the contract JSON for the seed', () => {
    const r = run(['extract', SEED, '--published', '2024-12-09']);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    for (const k of ['title', 'published', 'source', 'text', 'paragraphs', 'captions', 'entities', 'quotes', 'dates']) assert.ok(k in out, k);
    assert.equal(out.published, '2024-12-09');
    assert.equal(out.source.publisher, 'vtcnews.vn');
  });
  test('--format text shows each quote with speaker, cue and date', () => {
    const r = run(['extract', SEED, '--published', '2024-12-09', '--format', 'text']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\[direct\] Dmitry Peskov \("spokesman Peskov"\) — said — published 2024-12-09/);
    assert.match(r.stdout, /Caption: .*— credit: Reuters/);
  });
  test('reads standard input with -', () => {
    const r = run(['extract', '-'], '"We will win," said Jane Doe.');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(JSON.parse(r.stdout).quotes[0]?.kind, 'direct');
  });
  test('a bad --published is refused with what to write', () => {
    const r = run(['extract', SEED, '--published', '9/12/2024']);
    assert.notEqual(r.code, 0);
    assert.match(r.stderr, /expected a date like 2024-12-09/);
  });
  test('a missing file says what to give instead', () => {
    const r = run(['extract', path.join(tmp, 'nope.txt')]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /no such file.*URL/);
  });
  test('binary input is refused clearly', () => {
    const f = path.join(tmp, 'bin.dat');
    fs.writeFileSync(f, Buffer.from([0, 1, 2, 3, 0, 255, 254, 0, 10, 0]));
    const r = run(['extract', f]);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /looks binary/);
  });
  test('empty input gives an empty result, not a crash', () => {
    const f = path.join(tmp, 'empty.txt');
    fs.writeFileSync(f, '');
    const r = run(['extract', f]);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    assert.equal(out.text, '');
    assert.deepEqual([out.quotes, out.entities, out.dates], [[], [], []]);
  });
  test('input over the size limit is refused with the option to raise it', () => {
    const r = run(['extract', '-', '--max-input-mb', '0.01'], 'word '.repeat(5000));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /limit is 0\.0 MB.*--max-input-mb/);
  });
  test('an HTML page without a body gives a sensible result', () => {
    const f = path.join(tmp, 'nobody.html');
    fs.writeFileSync(f, '<html><head><title>Only a title</title></head></html>');
    const r = run(['extract', f]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).quotes, []);
  });
  test('an unbalanced quote mark does not swallow the article', () => {
    const body = `He said: "this never closes.\n\n${'Another ordinary paragraph follows here. '.repeat(3)}\n\nFinal paragraph, the minister said.`;
    const r = run(['extract', '-'], body);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout);
    for (const q of out.quotes) assert.ok(q.end - q.start < body.length * 0.8, `quote spans ${q.end - q.start} of ${body.length}`);
  });
  test('a 20 MB text is analysed without crashing', () => {
    const para = 'The minister said that the budget would rise by 3 percent next year, according to officials in Paris. ';
    const big = (para.repeat(8) + '\n\n').repeat(Math.ceil((20 * 1024 * 1024) / (para.length * 8 + 2)));
    const f = path.join(tmp, 'big.txt');
    fs.writeFileSync(f, big);
    // about 80 s alone on this 2-core machine; the guard is generous because this checks memory and
    // completion, not speed (speed is measured in npm run bench), and a busy machine is slower
    const r = run(['extract', f], undefined, 480_000);
    assert.equal(r.code, 0, r.stderr.slice(0, 500) || 'no exit code: killed by the timeout or a signal');
    const out = JSON.parse(r.stdout);
    assert.ok(out.quotes.length > 1000);
  });
});

describe('newsgraph extract --jsonl (the batch contract)', () => {
  test('one output line per input line, in order, with ids; bad lines carry an error and the run goes on', () => {
    const input = [
      JSON.stringify({ id: 'a', body: '"Yes," said Anna Berg.', published: '2024-01-02' }),
      'this is not json',
      JSON.stringify({ id: 'c', nothing: 1 }),
      JSON.stringify({ id: 'd', text: fs.readFileSync(SEED, 'utf8'), published: '2024-12-09' }),
      JSON.stringify({ id: 'e', html: '<html><body><article><p>The mayor said on Friday that the bridge would reopen.</p></article></body></html>', url: 'https://example.com/a' }),
      JSON.stringify({ id: 'f', body: 'x', published: 'yesterday' }),
      '',
      JSON.stringify({ id: 'g', body: '' }),
    ].join('\n');
    const r = run(['extract', '--jsonl'], input);
    assert.equal(r.code, 0, r.stderr);
    const out = lines(r.stdout);
    assert.deepEqual(out.map((o) => o.id), ['a', null, 'c', 'd', 'e', 'f', 'g']);
    assert.equal(out[1].error.code, 'BAD_JSON');
    assert.match(out[2].error.message, /none of "body", "text" or "html"/);
    assert.equal(out[5].error.code, 'BAD_PUBLISHED');
    assert.equal(out[0].text, '"Yes," said Anna Berg.');
    assert.equal(out[0].published, '2024-01-02');
    assert.equal(out[3].source.publisher, 'vtcnews.vn');
    assert.equal(out[4].source.url, 'https://example.com/a');
    assert.equal(out[6].text, '');
  });
  test('body input is analysed verbatim: offsets index the body exactly, in UTF-16 units', () => {
    const body = '🇺🇦 Kyiv, Ukraine 😀 — "We will rebuild," Mayor Vitali Klitschko said on Monday.';
    const r = run(['extract', '--jsonl'], JSON.stringify({ id: 'emoji', body, published: '2024-03-05' }));
    const [out] = lines(r.stdout);
    assert.equal(out.text, body);
    const q = out.quotes[0];
    assert.equal(body.slice(q.start, q.end).replace(/["“”]/g, ''), 'We will rebuild,');
    const monday = out.dates.find((d: { text: string }) => d.text === 'Monday');
    assert.equal(body.slice(monday.start, monday.end), 'Monday');
    assert.equal(monday.value, '2024-03-04');
    for (const e of out.entities) for (const m of e.mentions) assert.equal(body.slice(m.start, m.end), m.text);
  });
});

describe('newsgraph extract URL', () => {
  const page = '<html lang="en"><head><title>Council votes to close library | Town News</title></head><body><article><p>The council voted on Monday to close the old library, the mayor said.</p><p>"It is a sad day," said librarian Ruth Amos.</p></article></body></html>';
  let server: http.Server;
  let url = '';
  const runAsync = (args: string[]) => new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args]);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
  test('a page served on loopback is fetched only with --allow-private', async () => {
    server = http.createServer((_req, res) => { res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }); res.end(page); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/story`;
    try {
      const refused = await runAsync(['extract', url]);
      assert.equal(refused.code, 2);
      assert.match(refused.stderr, /private, loopback and link-local addresses are blocked/);
      const ok = await runAsync(['extract', url, '--allow-private', '--published', '2024-03-06']);
      assert.equal(ok.code, 0, ok.stderr);
      const out = JSON.parse(ok.stdout);
      assert.equal(out.url, url);
      assert.equal(out.title, 'Council votes to close library');
      assert.equal(out.quotes.find((q: { kind: string }) => q.kind === 'direct')?.speaker?.name, 'Ruth Amos');
    } finally {
      server.close();
    }
  });
  test('an unreachable URL is a clear error', async () => {
    const r = await runAsync(['extract', 'http://127.0.0.1:9/nothing', '--allow-private', '--timeout-ms', '2000']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /Cannot reach 127\.0\.0\.1:9/);
  });
});
