import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { findFiles, kindOfPath, readJsonlLines, sniffKind } from './files.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-files-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

test('findFiles walks folders in order, skips hidden and other files, survives symlink loops', () => {
  fs.mkdirSync(path.join(tmp, 'b', 'c'), { recursive: true });
  fs.writeFileSync(path.join(tmp, 'b', 'z.HTML'), '<p>x</p>');
  fs.writeFileSync(path.join(tmp, 'b', 'c', 'a.txt'), 'x');
  fs.writeFileSync(path.join(tmp, 'a.jsonl'), '{}');
  fs.writeFileSync(path.join(tmp, 'readme.md'), 'x');
  fs.writeFileSync(path.join(tmp, '.secret.txt'), 'x');
  fs.symlinkSync(tmp, path.join(tmp, 'b', 'loop'));
  const page = path.join(tmp, 'page.dat');
  fs.writeFileSync(page, '<!doctype html><p>x</p>');
  const found = [...findFiles([tmp, page, path.join(tmp, 'missing')])].map((f) => [
    path.relative(tmp, f.path), 'kind' in f ? f.kind : 'skipped' in f ? 'skipped' : 'error',
  ]);
  assert.deepEqual(found, [
    ['a.jsonl', 'jsonl'], ['b/c/a.txt', 'text'], ['b/z.HTML', 'html'], ['page.dat', 'skipped'], ['readme.md', 'skipped'],
    ['page.dat', 'html'], ['missing', 'error'],
  ]);
});

test('kinds by extension and by content', () => {
  assert.equal(kindOfPath('x.htm'), 'html');
  assert.equal(kindOfPath('x.ndjson'), 'jsonl');
  assert.equal(kindOfPath('x.pdf'), null);
  assert.equal(sniffKind('  <html><body>'), 'html');
  assert.equal(sniffKind('Title\n\nBody'), 'text');
});

test('readJsonlLines numbers lines from 1 and skips blank ones', async () => {
  const f = path.join(tmp, 'l.jsonl');
  fs.writeFileSync(f, '\uFEFF{"a":1}\n\n  \n{"b":2}\r\n');
  const lines = [];
  for await (const l of readJsonlLines(f)) lines.push(l);
  assert.deepEqual(lines, [{ line: 1, text: '{"a":1}' }, { line: 4, text: '{"b":2}' }]);
});
