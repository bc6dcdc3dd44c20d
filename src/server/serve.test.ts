// The real `serve` command in a child process on port 0: first-run token, auth over HTTP,
// a 50 MB upload refused early, clean shutdown on SIGTERM, and a restart that keeps the token.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SCRIPT = path.join(ROOT, 'test/fixtures/server/serve-cli.ts');
const HARBOUR = fs.readFileSync(path.join(ROOT, 'test/fixtures/server/harbour.txt'), 'utf8');

interface Running {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

async function startServe(dataDir: string, extra: string[] = [], env: Record<string, string> = {}): Promise<Running> {
  const { NEWSGRAPH_TOKEN: _t, ...baseEnv } = process.env;
  const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT, 'serve', '--data', dataDir, '--port', '0', ...extra], {
    cwd: ROOT,
    env: { ...baseEnv, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr!.on('data', (c) => (err += c));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start: ${err}`)), 20_000);
    child.stdout!.on('data', (c) => {
      out += c;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${err}`));
    });
  });
  return { child, url, stderr: () => err, exited };
}

function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; json: any }> {
  return fetch(url, { method: 'POST', body, headers }).then(async (r) => ({ status: r.status, json: await r.json() }));
}

/** Streams up to `total` bytes of JSON-ish body; resolves with the status and how much was sent when the answer came. */
function upload(url: string, total: number, headers: Record<string, string>): Promise<{ status: number; sentAtResponse: number; body: string }> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    let sent = 0;
    let answered = false;
    const req = http.request({ host: u.hostname, port: u.port, path: u.pathname, method: 'POST', headers }, (res) => {
      answered = true;
      const sentAtResponse = sent;
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => {
        req.destroy();
        resolve({ status: res.statusCode ?? 0, sentAtResponse, body });
      });
    });
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) return void req.once('drain', pump);
      }
      if (!answered) req.end();
    };
    req.write('{"text":"');
    pump();
  });
}

let dataDir: string;
before(() => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-serve-'));
});
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

test('serve: token printed once, writes need it, 50 MB refused early, SIGTERM stops cleanly, restart keeps token and data', { timeout: 90_000 }, async () => {
  const first = await startServe(dataDir);
  let token: string;
  try {
    const m = /^\s+(ng_[\w-]{20,})$/m.exec(first.stderr());
    assert.ok(m, `token printed on first start: ${first.stderr()}`);
    token = m[1];
    assert.match(first.stderr(), /Authorization: Bearer/);
    const stored = fs.readFileSync(path.join(dataDir, 'api-token.sha256'), 'utf8');
    assert.match(stored, /^sha256:[0-9a-f]{64}\n$/);
    assert.ok(!stored.includes(token), 'only the hash is kept');
    assert.ok(fs.existsSync(path.join(dataDir, 'newsgraph.db')));

    const health = await fetch(`${first.url}/api/health`);
    assert.equal(health.status, 200);
    assert.equal(health.headers.get('access-control-allow-origin'), null, 'no CORS by default');

    const json = { 'content-type': 'application/json' };
    const denied = await post(`${first.url}/api/articles`, JSON.stringify({ text: HARBOUR }), json);
    assert.equal(denied.status, 401);
    const added = await post(`${first.url}/api/articles`, JSON.stringify({ text: HARBOUR, published: '2024-03-12' }), { ...json, authorization: `Bearer ${token}` });
    assert.equal(added.status, 201);
    assert.equal(added.json.status, 'added');

    const auth = { ...json, authorization: `Bearer ${token}` };
    const declared = await upload(`${first.url}/api/articles`, 50 * 1048576, { ...auth, 'content-length': String(50 * 1048576 + 11) });
    assert.equal(declared.status, 413, declared.body);
    assert.match(declared.body, /BODY_TOO_LARGE/);
    // refused before the whole upload was sent (how much the client pushed first depends on machine load)
    assert.ok(declared.sentAtResponse < 50 * 1048576, `answered after ${declared.sentAtResponse} bytes`);

    const chunked = await upload(`${first.url}/api/articles`, 50 * 1048576, { ...auth, 'transfer-encoding': 'chunked' });
    assert.equal(chunked.status, 413, chunked.body);
    assert.ok(chunked.sentAtResponse < 50 * 1048576, `answered after ${chunked.sentAtResponse} bytes`);
    if (process.env.SHOW_UPLOADS) console.log({ declared: declared.sentAtResponse, chunked: chunked.sentAtResponse });

    const list = await (await fetch(`${first.url}/api/articles`)).json();
    assert.equal(list.total, 1);
  } finally {
    first.child.kill('SIGTERM');
  }
  const t0 = Date.now();
  assert.equal(await first.exited, 0);
  if (process.env.SHOW_UPLOADS) console.log({ shutdownMs: Date.now() - t0 });
  assert.match(first.stderr(), /SIGTERM, shutting down[\s\S]*stopped/);

  const second = await startServe(dataDir);
  try {
    assert.doesNotMatch(second.stderr(), /ng_/, 'the token is printed only on first start');
    const list = await (await fetch(`${second.url}/api/articles`)).json();
    assert.equal(list.total, 1);
    const dup = await post(`${second.url}/api/articles`, JSON.stringify({ text: HARBOUR, published: '2024-03-12' }), { 'content-type': 'application/json', authorization: `Bearer ${token!}` });
    assert.equal(dup.status, 200);
    assert.equal(dup.json.status, 'duplicate');
  } finally {
    second.child.kill('SIGINT');
  }
  assert.equal(await second.exited, 0);
});

test('serve: --token / NEWSGRAPH_TOKEN is used instead of a generated one; a short one is refused', { timeout: 60_000 }, async () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-serve-'));
  try {
    const s = await startServe(dir, [], { NEWSGRAPH_TOKEN: 'env-token-0123456789abcdef' });
    try {
      assert.doesNotMatch(s.stderr(), /ng_/);
      assert.ok(!fs.existsSync(path.join(dir, 'api-token.sha256')));
      const ok = await post(`${s.url}/api/articles`, JSON.stringify({ text: HARBOUR }), { 'content-type': 'application/json', authorization: 'Bearer env-token-0123456789abcdef' });
      assert.equal(ok.status, 201);
    } finally {
      s.child.kill('SIGTERM');
    }
    assert.equal(await s.exited, 0);
    await assert.rejects(startServe(dir, ['--token', 'short']), /shorter than 16 characters/);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
