import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSentences, tokenizeRange } from './tokens.js';

const words = (text: string) => tokenizeRange(text).map((t) => text.slice(t.start, t.end));
const sents = (text: string) => splitSentences(text, tokenizeRange(text)).map((s) => text.slice(s.start, s.end));

test('abbreviations and initials keep their period; possessives split off', () => {
  assert.deepEqual(words("Mr. J. R. Smith of the U.S. said Assad's plan."), ['Mr.', 'J.', 'R.', 'Smith', 'of', 'the', 'U.S.', 'said', 'Assad', "'s", 'plan', '.']);
});

test('currency prefixes stay whole', () => {
  assert.deepEqual(words('It cost C$ 12 or US$10.'), ['It', 'cost', 'C$', '12', 'or', 'US$', '10', '.']);
});

test('hyphenated names, numbers, times and URLs stay whole', () => {
  assert.deepEqual(words('Bashar al-Assad paid 1,000.50 at 10:30 a.m. see https://vtcnews.vn/a-b.html.'),
    ['Bashar', 'al-Assad', 'paid', '1,000.50', 'at', '10:30', 'a.m.', 'see', 'https://vtcnews.vn/a-b.html', '.']);
});

test('every quotation mark is its own token, straight or curly', () => {
  const text = '“Russia is not involved,” he said. "Yes," she said.';
  const toks = tokenizeRange(text);
  const quotes = toks.filter((t) => t.kind === 'quote').map((t) => text.slice(t.start, t.end));
  assert.deepEqual(quotes, ['“', '”', '"', '"']);
});

test('emoji are one token and offsets stay UTF-16', () => {
  const text = 'Hi 😀 Putin.';
  const toks = tokenizeRange(text);
  assert.deepEqual(toks.map((t) => [t.start, t.end]), [[0, 2], [3, 5], [6, 11], [11, 12]]);
});

test('sentences end at terminals before capitals, not after titles or initials', () => {
  assert.deepEqual(sents('Mr. Assad left. He went to Moscow with Dr. J. Smith. "It is over," he said. Then Inc. The end.'), [
    'Mr. Assad left.', 'He went to Moscow with Dr. J. Smith.', '"It is over," he said.', 'Then Inc.', 'The end.',
  ]);
});

test('a quote closing after the period stays with its sentence; line breaks always split', () => {
  assert.deepEqual(sents('He said: "We won." Others disagreed\nNew paragraph here'), ['He said: "We won."', 'Others disagreed', 'New paragraph here']);
});

test('empty and whitespace-only text give no tokens or sentences', () => {
  assert.deepEqual(tokenizeRange(''), []);
  assert.deepEqual(sents(' \n\t '), []);
});

test('a quote ending in ?" or !" stays with a capitalised speaker and reporting verb after it', () => {
  assert.deepEqual(sents('"Is it over?" Trump asked. "No!" Anna Berg replied. "Why?" The crowd left.'), [
    '"Is it over?" Trump asked.', '"No!" Anna Berg replied.', '"Why?"', 'The crowd left.',
  ]);
});

test('a detached possessive in pre-tokenised text is one token', () => {
  assert.deepEqual(words("Assad 's regime and the 'quoted' word"), ['Assad', "'s", 'regime', 'and', 'the', "'", 'quoted', "'", 'word']);
});

test('a party-and-state tag keeps its period', () => {
  const w = words('Sen. Jane Roe (D-Calif.) and Rep. John Doe, R-Ky., said so.');
  assert.ok(w.includes('D-Calif.'));
  assert.ok(w.includes('R-Ky.'));
});
