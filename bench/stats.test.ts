import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { formatCell, markdownTable, pairRatios, rates, spread } from './stats.js';
import { parseTimeReport, parseVmHwm, writeGeneratedText } from './memory.js';

test('spread: median of odd and even counts, min and max', () => {
  assert.deepEqual(spread([3, 1, 2]), { median: 2, min: 1, max: 3, samples: [3, 1, 2] });
  assert.equal(spread([4, 1, 3, 2]).median, 2.5);
  assert.throws(() => spread([]));
});

test('rates: the slowest run is the min rate', () => {
  const r = rates(1000, [500, 250, 1000]);
  assert.equal(r.median, 2000);
  assert.equal(r.min, 1000);
  assert.equal(r.max, 4000);
});

test('pairRatios: ratios pair run i with run i, not medians with medians', () => {
  const r = pairRatios([10, 40, 20], [5, 10, 20]);
  assert.deepEqual([...r.samples], [2, 4, 1]);
  assert.equal(r.median, 2);
  assert.throws(() => pairRatios([1], [1, 2]));
});

test('formatCell and markdownTable', () => {
  assert.equal(formatCell(spread([1234.4]), 'int'), '1,234');
  assert.equal(formatCell(spread([2, 1, 3]), 'ratio'), '2.00× (1.00×–3.00×)');
  assert.equal(formatCell(null), '–');
  const md = markdownTable({ columns: [{ key: 'a', header: 'A' }], rows: [{ label: 'x|y', cells: { a: 5 } }] });
  assert.equal(md, '|  | A |\n|---|---:|\n| x\\|y | 5 |');
});

test('peak RSS parsers', () => {
  assert.equal(parseTimeReport('\tMaximum resident set size (kbytes): 4015644\n'), 4015644 * 1024);
  assert.equal(parseTimeReport('nothing'), null);
  assert.equal(parseVmHwm('Name:\tnode\nVmPeak:\t 100 kB\nVmHWM:\t   2048 kB\nVmRSS:\t 1 kB\n'), 2048 * 1024);
});

test('writeGeneratedText: seeded, at least the size asked', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-test-'));
  try {
    const a = path.join(dir, 'a.txt');
    const b = path.join(dir, 'b.txt');
    const n = writeGeneratedText(a, 50_000);
    writeGeneratedText(b, 50_000);
    assert.ok(n >= 50_000);
    assert.equal(fs.statSync(a).size, n);
    assert.equal(fs.readFileSync(a, 'utf8'), fs.readFileSync(b, 'utf8'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
