import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseTextPage } from './index.js';
import { docFromInput } from '../index.js';

test('a caption line with a photo credit becomes a caption, not body', () => {
  const page = parseTextPage('The minister spoke on Monday.\nThe minister at the podium in Paris. (Photo: AFP)\nShe left later.');
  assert.deepEqual(page.blocks.map((b) => b.kind), ['paragraph', 'caption', 'paragraph']);
  assert.equal(page.blocks[1].credit, 'AFP');
  for (const [line, credit] of [
    ['Rescuers search the rubble. Photo: Getty Images', 'Getty Images'],
    ['Rescuers search the rubble (Image credit: EPA-EFE)', 'EPA-EFE'],
    ['Rescuers search the rubble. (Reuters photo)', 'Reuters'],
  ]) {
    const p = parseTextPage(`A first paragraph of text.\n${line}`);
    assert.equal(p.blocks[1]?.kind, 'caption', line);
    assert.equal(p.blocks[1]?.credit, credit, line);
  }
});

test('"Source: <url>" is provenance, not text', () => {
  const page = parseTextPage('Body text here.\nSource: https://example.org/news/a-story.html');
  assert.equal(page.meta.republishedFrom, 'https://example.org/news/a-story.html');
  assert.equal(page.blocks.length, 1);
  const doc = docFromInput({ kind: 'text', text: 'Body text here.\nSource: https://www.example.org/news/a-story.html' });
  assert.deepEqual(doc.meta.source, { url: 'https://www.example.org/news/a-story.html', publisher: 'example.org' });
  assert.ok(!doc.text.includes('Source:'));
});

test('template boilerplate is dropped and recorded', () => {
  const page = parseTextPage('Real paragraph one.\nShare on Facebook\nComment (0)\nRelated articles\nReal paragraph two.\nTags: Syria, Russia');
  assert.deepEqual(page.blocks.map((b) => b.text), ['Real paragraph one.', 'Real paragraph two.']);
  assert.deepEqual(page.meta.boilerplate, ['Share on Facebook', 'Comment (0)', 'Related articles', 'Tags: Syria, Russia']);
});

test('a title line is taken as the title; without one the title is inferred from the lead and marked', () => {
  const titled = parseTextPage('Kremlin says no talks planned\nThe Kremlin said on Monday that no talks were planned.');
  assert.equal(titled.meta.title, 'Kremlin says no talks planned');
  assert.equal(titled.meta.titleInferred, false);
  assert.equal(titled.blocks.length, 1);
  const untitled = parseTextPage('The Kremlin said on Monday that no talks were planned with anyone at all this year or next. More text.\nSecond paragraph.');
  assert.equal(untitled.meta.titleInferred, true);
  assert.match(untitled.meta.title ?? '', /^The Kremlin said on Monday that no talks were planned with anyone/);
});

test('byline and date lines become metadata', () => {
  const page = parseTextPage('Storm hits coast\nBy Jane Doe\nPublished: 9 December 2024\nThe storm hit the coast.');
  assert.equal(page.meta.byline, 'Jane Doe');
  assert.equal(page.meta.published, '2024-12-09');
  assert.deepEqual(page.blocks.map((b) => b.text), ['The storm hit the coast.']);
});

test('hard-wrapped paragraphs separated by blank lines are joined', () => {
  const wrapped = [
    'The committee met on Tuesday to discuss the new budget proposal which',
    'would raise spending on schools and hospitals across the whole country',
    '',
    'Opposition members said the plan did not go far enough and called for',
    'a full debate in parliament before any vote could take place this month',
  ].join('\n');
  const page = parseTextPage(wrapped);
  assert.equal(page.blocks.length, 2);
  assert.match(page.blocks[0].text, /proposal which would raise/);
});

test('the Doc text is body paragraphs, then captions; paragraphs never include captions', () => {
  const doc = docFromInput({ kind: 'text', text: 'First paragraph.\nA man waves. (Photo: AP)\nSecond paragraph.' });
  assert.equal(doc.text, 'First paragraph.\n\nSecond paragraph.\n\nA man waves. (Photo: AP)');
  const blocks = doc.get('blocks');
  assert.deepEqual(blocks.map((b) => [b.kind, doc.slice(b)]), [['paragraph', 'First paragraph.'], ['paragraph', 'Second paragraph.'], ['caption', 'A man waves. (Photo: AP)']]);
  const credit = doc.get('captions')[0].credit;
  assert.equal(credit && doc.slice(credit), 'AP');
});

test('empty input gives an empty page', () => {
  const page = parseTextPage('');
  assert.deepEqual(page.blocks, []);
  assert.equal(page.meta.title, null);
});

test('a credit label is not part of the credit', () => {
  const doc = docFromInput({ kind: 'html', html: '<html><body><article><p>First paragraph of the story goes here with enough words to count.</p><figure><img src="a.jpg"><figcaption>A coworking space. Credit: WeWork</figcaption></figure><p>Second paragraph of the story goes here with enough words too.</p></article></body></html>' });
  const credit = doc.get('captions')[0]?.credit;
  assert.equal(credit?.text, 'WeWork');
  assert.equal(credit && doc.slice(credit), 'WeWork');
});
