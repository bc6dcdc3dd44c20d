import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuery, positiveTerms, toFts5 } from './query.js';

const fts = (q: string): string | null => {
  const node = parseQuery(q);
  return node ? toFts5(node) : null;
};

test('words, phrases, operators and prefixes become quoted FTS5 syntax', () => {
  assert.equal(fts('bridge'), '"bridge"');
  assert.equal(fts('bridge june'), '("bridge" AND "june")');
  assert.equal(fts('"bridge will open"'), '"bridge will open"');
  assert.equal(fts('a OR b c'), '("a" OR ("b" AND "c"))');
  assert.equal(fts('open NOT bridge'), '("open" NOT "bridge")');
  assert.equal(fts('(a OR b) NOT c'), '(("a" OR "b") NOT "c")');
  assert.equal(fts('tun*'), '"tun"*');
  assert.equal(fts('tu*'), '"tu"', 'two-letter prefixes are words');
  assert.equal(fts('title:x'), '"title:x"');
  assert.equal(fts('say "hi'), '("say" AND "hi")');
});

test('stray operators, parentheses and punctuation are dropped', () => {
  assert.equal(fts(''), null);
  assert.equal(fts('AND OR NOT'), null);
  assert.equal(fts('NOT bridge'), null);
  assert.equal(fts('bridge AND'), '"bridge"');
  assert.equal(fts('bridge NOT'), '"bridge"');
  assert.equal(fts('(bridge'), '"bridge"');
  assert.equal(fts('a) OR (b'), '("a" OR "b")');
  assert.equal(fts('--- ***'), null);
  assert.equal(fts('say ""quoted""'), '("say" AND "quoted")');
  assert.deepEqual(positiveTerms(parseQuery('a NOT b OR "c d"')), ['a', 'c d']);
});
