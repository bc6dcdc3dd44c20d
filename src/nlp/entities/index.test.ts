import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Doc, type EntityMention } from '../../doc/doc.js';
import { sentences, tokenize } from '../tokens.js';
import { docContext, gazTable, pass1Summary, pass2Features, sentenceFeatures, TYPE_CAP, type SentenceFeatures } from './features.js';
import { loadNerModel, recognizeMentions } from './index.js';
import { staticScores, transitionScores, type Scorer, type WeightTable } from './model.js';
import { tagDocument } from './tagger.js';

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

test('the cached fast paths give exactly the scores of plain key-by-key scoring, also across word-type cache restarts', () => {
  const m = loadNerModel();
  // a Scorer that is not a WeightTable takes the plain path: every key looked up and added in turn
  const plain = (t: WeightTable): Scorer => ({ add: (k, s, o) => t.add(k, s, o) });
  // a token's previous-label features: the plain path looks up the unsigned keys dynamicKeys()
  // builds (as training does) for every previous label p1
  const transitionReference = (t: WeightTable, f: SentenceFeatures, i: number): Float32Array => transitionScores(plain(t), f, i);
  const sentencesOf = (text: string): string[][] => text.split('\n').map((l) => l.split(/\s+|(?=[.,:()])/).filter(Boolean));
  const doc = [
    ...sentencesOf(SEED_LIKE),
    ['EU', 'LEADERS', 'MEET', 'IN', 'BRUSSELS', 'AS', 'TALKS', 'WITH', 'ANKARA', 'STALL'],
    ['Apple', 'said', 'Cook', 'met', 'Macron', 'and', 'Scholz', 'in', 'Paris', 'on', 'Friday', '.'],
    ['Mr.', 'Peskov', 'told', 'TASS', '.'],
  ];
  const check = (sentences: string[][]): void => {
    const ctx = docContext(sentences);
    const gaz = gazTable(m.gazetteer);
    const bases = sentences.map((w) => sentenceFeatures(w, ctx, gaz, m.clusters));
    const p = pass1Summary(sentences, tagDocument(m, sentences));
    bases.forEach((f, si) => {
      const extra = pass2Features(f, p, gazTable(p.phrases), si);
      for (const [t, x] of [[m.pass1, null], [m.pass2!, extra]] as const) {
        assert.deepEqual(staticScores(t, f, x), staticScores(plain(t), f, x));
        for (let i = 1; i < f.n; i++) assert.deepEqual(transitionScores(t, f, i), transitionReference(t, f, i));
      }
    });
  };
  // twice: word types first seen, then cached
  check(doc);
  check(doc);
  // sentences of new word types that make the type cache start over in the middle of a document
  // (the features taken before it are then scored key by key), and one too long for the cache
  const fresh = (n: number, tag: string): string[] => Array.from({ length: Math.floor(n) }, (_, i) => (i % 7 === 0 ? 'Mr' : `${tag}${i}`) + (i % 3 === 0 ? '' : 'x'));
  check([doc[0], fresh(TYPE_CAP * 0.6, 'Qa'), doc[1], fresh(TYPE_CAP * 0.6, 'Qb'), doc[2], fresh(TYPE_CAP + 5, 'Qc'), doc[3], doc[0]]);
});
