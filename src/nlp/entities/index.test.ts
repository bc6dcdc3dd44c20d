import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Doc, type EntityMention } from '../../doc/doc.js';
import { sentences, tokenize } from '../tokens.js';
import { loadNerModel, recognizeMentions } from './index.js';

function analyse(text: string): { doc: Doc; mentions: EntityMention[] } {
  let doc = Doc.create(text);
  doc = doc.withLayer('tokens', tokenize(doc));
  doc = doc.withLayer('sentences', sentences(doc));
  const mentions = recognizeMentions(doc);
  doc = doc.withLayer('mentions', mentions); // checks alignment, ordering, overlap
  return { doc, mentions };
}

const typed = (text: string, ms: readonly EntityMention[]): string[] => ms.map((m) => `${m.type}:${text.slice(m.start, m.end)}`);

const SEED_LIKE =
  'The statement was made by Kremlin spokesman Dmitry Peskov on Monday, who said former Syrian President Bashar al-Assad had arrived in Russia after Damascus fell.\n' +
  'Russian President Vladimir Putin met Bashar al-Assad in Moscow in May 2018. (Photo: Reuters)\n' +
  'Earlier, the Russian Foreign Ministry said Mr. Assad and his family were in Moscow.\n' +
  'On December 8, Hayat Tahrir-al-Sham (HTS) and other opposition forces in Syria took control of Damascus. HTS said it would protect civilians.';

test('the model loads quickly and is cached', () => {
  const t0 = performance.now();
  const m = loadNerModel();
  assert.ok(performance.now() - t0 < 1000);
  assert.ok(m.pass1.size > 1000);
  assert.equal(loadNerModel(), m);
});

test('people, organisations and places in seed-like news get their types and boundaries', () => {
  const { mentions } = analyse(SEED_LIKE);
  const got = new Set(typed(SEED_LIKE, mentions));
  for (const want of [
    'PERSON:Dmitry Peskov', 'PERSON:Bashar al-Assad', 'PERSON:Vladimir Putin', 'PERSON:Assad',
    'ORG:Kremlin', 'ORG:Russian Foreign Ministry', 'ORG:Hayat Tahrir-al-Sham', 'ORG:HTS', 'ORG:Reuters',
    'LOC:Russia', 'LOC:Syria', 'LOC:Damascus', 'LOC:Moscow', 'MISC:Russian', 'MISC:Syrian',
  ]) {
    assert.ok(got.has(want), `missing ${want}; got ${[...got].join(', ')}`);
  }
  // titles are not part of a person's span; a nationality is MISC, never LOC
  for (const bad of ['PERSON:Mr. Assad', 'MISC:Russian President', 'LOC:Russian', 'PERSON:President Vladimir Putin']) {
    assert.ok(!got.has(bad), `unexpected ${bad}`);
  }
});

test('mentions are token-aligned, sorted and non-overlapping', () => {
  const { doc, mentions } = analyse(SEED_LIKE);
  const starts = new Set(doc.get('tokens').map((t) => t.start));
  const ends = new Set(doc.get('tokens').map((t) => t.end));
  let last = -1;
  for (const m of mentions) {
    assert.ok(starts.has(m.start) && ends.has(m.end));
    assert.ok(m.start >= last);
    last = m.end;
  }
});

test('empty and entity-free text give no mentions', () => {
  assert.deepEqual(analyse('').mentions, []);
  assert.deepEqual(analyse('   \n ').mentions, []);
});

test('emoji before names keep UTF-16 offsets right', () => {
  const text = '🎉🎉 Shares of Apple Inc. rose in New York, said Tim Cook 😀 on Monday. Mr. Biden met Emmanuel Macron in Paris.';
  const { mentions } = analyse(text);
  assert.deepEqual(typed(text, mentions), [
    'ORG:Apple Inc.', 'LOC:New York', 'PERSON:Tim Cook', 'PERSON:Biden', 'PERSON:Emmanuel Macron', 'LOC:Paris',
  ]);
  const cook = mentions.find((m) => text.slice(m.start, m.end) === 'Tim Cook')!;
  assert.equal(cook.start, text.indexOf('Tim Cook'));
});
