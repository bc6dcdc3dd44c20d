import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Doc, type PosTag } from '../../doc/doc.js';
import { DocError } from '../../doc/errors.js';
import { docFromBody } from '../../extract/index.js';
import { analyse } from '../../pipeline.js';
import { sentences, tokenize } from '../tokens.js';
import { CHUNK_TAGS, loadPosModel, PosModelMissingError, POS_TAGS, tagPos, tagTokens } from './index.js';
import { packSections, unpackSections, type SectionPart } from '../model-file.js';
import { NO_CLUSTER, Units } from './features.js';
import { posModelFromBuffer, tagWords, tagWordsFast } from './tagger.js';

function prepared(text: string): Doc {
  let doc = Doc.create(text);
  doc = doc.withLayer('tokens', tokenize(doc));
  return doc.withLayer('sentences', sentences(doc));
}

/** word -> [tag, chunk] for the first occurrence of each token text */
function tagged(text: string): Map<string, [string, string]> {
  const doc = prepared(text);
  const out = new Map<string, [string, string]>();
  for (const p of tagPos(doc)) {
    const w = doc.slice(p);
    if (!out.has(w)) out.set(w, [p.tag, p.chunk]);
  }
  return out;
}

test('tags and chunks a reporting sentence as a reader would', () => {
  const t = tagged('The Kremlin spokesman Dmitry Peskov said on Monday that the talks had reportedly stalled.');
  assert.deepEqual(t.get('The'), ['DT', 'B-NP']);
  assert.deepEqual(t.get('Kremlin'), ['NNP', 'I-NP']);
  assert.deepEqual(t.get('spokesman'), ['NN', 'I-NP']);
  assert.equal(t.get('Peskov')![0], 'NNP');
  assert.deepEqual(t.get('said'), ['VBD', 'B-VP']);
  assert.deepEqual(t.get('on'), ['IN', 'B-PP']);
  assert.equal(t.get('that')![0], 'IN');
  assert.deepEqual(t.get('the'), ['DT', 'B-NP']);
  assert.equal(t.get('talks')![0], 'NNS');
  assert.equal(t.get('reportedly')![0], 'RB');
  assert.equal(t.get('stalled')![0], 'VBN');
  assert.deepEqual(t.get('.'), ['.', 'O']);
});

test('more everyday sentences', () => {
  const t = tagged('Prices rose sharply in the first quarter, the ministry said. She has been working there since 2019 and says she will stay.');
  assert.equal(t.get('Prices')![0], 'NNS');
  assert.equal(t.get('rose')![0], 'VBD');
  assert.deepEqual(t.get('sharply'), ['RB', 'B-ADVP']);
  assert.equal(t.get('first')![0], 'JJ');
  assert.equal(t.get(',')![0], ',');
  assert.equal(t.get('has')![0], 'VBZ');
  assert.equal(t.get('working')![0], 'VBG');
  assert.equal(t.get('2019')![0], 'CD');
  assert.equal(t.get('and')![0], 'CC');
  assert.equal(t.get('will')![0], 'MD');
  assert.equal(t.get('stay')![0], 'VB');
});

test('typographic quotes, dashes, apostrophes and ellipses get the tags CoNLL gives their plain forms', () => {
  const t = tagged('“We don’t know,” she said — adding that officials can’t confirm it… yet. The minister’s aides declined.');
  assert.equal(t.get('“')![0], '``');
  assert.equal(t.get('”')![0], "''");
  assert.equal(t.get('don’t')![0], 'VBP'); // read as "do n't": the token takes the verb's tag
  assert.equal(t.get('can’t')![0], 'MD');
  assert.equal(t.get('—')![0], ':');
  assert.equal(t.get('…')![0], ':');
  assert.equal(t.get('’s')![0], 'POS');
  assert.equal(t.get('she')![0], 'PRP');
  const s = tagged('He said: "We will not resign." Then he left.');
  const doc = prepared('He said: "We will not resign." Then he left.');
  const quotes = tagPos(doc).filter((p) => doc.slice(p) === '"').map((p) => p.tag);
  assert.deepEqual(quotes, ['``', "''"]); // straight quotes: opening / closing by the spaces around them
  assert.equal(s.get('resign')![0], 'VB');
});

test('ALL-CAPS headlines are tagged through their lower-cased forms', () => {
  const t = tagged('PUTIN MEETS ASSAD IN MOSCOW');
  assert.equal(t.get('IN')![0], 'IN');
  assert.equal(t.get('MOSCOW')![0], 'NNP');
  assert.equal(t.get('PUTIN')![0], 'NNP');
});

test('the pos layer has one entry per token with its offsets, and valid IOB2 chunks', () => {
  const text = 'Officials in Brussels have not commented.\n\nThe report, which was published late on Tuesday, said so.';
  const doc = prepared(text);
  const pos = tagPos(doc);
  const tokens = doc.get('tokens');
  assert.equal(pos.length, tokens.length);
  pos.forEach((p, i) => {
    assert.equal(p.start, tokens[i].start);
    assert.equal(p.end, tokens[i].end);
    assert.ok((POS_TAGS as readonly string[]).includes(p.tag), p.tag);
    assert.ok(CHUNK_TAGS.includes(p.chunk), p.chunk);
    if (p.chunk.startsWith('I-')) {
      const prev = pos[i - 1]?.chunk ?? 'O';
      assert.ok(prev === `B-${p.chunk.slice(2)}` || prev === p.chunk, `${prev} then ${p.chunk}`);
    }
  });
  assert.doesNotThrow(() => doc.withLayer('pos', pos));
});

test('the pipeline runs the pos stage after sentences', () => {
  const doc = analyse(docFromBody('Peskov said the decision was made.', '2024-12-09', null));
  assert.equal(doc.get('pos').length, doc.get('tokens').length);
  assert.equal(doc.get('pos')[1].tag, 'VBD');
});

test('the Doc refuses a pos layer that does not match the tokens', () => {
  const doc = prepared('Peskov said so.');
  const pos = tagPos(doc);
  const code = (e: unknown): boolean => e instanceof DocError && e.code === 'POS_ALIGNMENT';
  assert.throws(() => doc.withLayer('pos', pos.slice(1)), code);
  assert.throws(() => doc.withLayer('pos', [...pos, { start: 15, end: 15, tag: '.', chunk: 'O' }]), code);
  const shifted: PosTag[] = pos.map((p, i) => (i === 1 ? { ...p, end: p.end - 1 } : p));
  assert.throws(() => doc.withLayer('pos', shifted), code);
  assert.throws(() => Doc.create('Peskov said so.').withLayer('pos', pos), code);
  // and the JSON form round-trips with it
  const withPos = doc.withLayer('pos', pos);
  const back = Doc.fromJSON(JSON.parse(JSON.stringify(withPos)));
  assert.deepEqual(back.layers.pos, withPos.layers.pos);
});

test('tagTokens gives typed codes into the name tables, also for tokens outside every sentence', () => {
  const doc = prepared('The talks stalled. Officials said nothing.');
  const r = tagTokens(doc.text, doc.get('tokens'), doc.get('sentences'));
  assert.ok(r.tags instanceof Uint8Array && r.chunks instanceof Uint8Array);
  assert.equal(r.tagNames, POS_TAGS);
  assert.equal(r.chunkNames, CHUNK_TAGS);
  assert.equal(r.tagNames[r.tags[0]], 'DT');
  assert.equal(r.chunkNames[r.chunks[0]], 'B-NP');
  const none = tagTokens(doc.text, doc.get('tokens'), []);
  assert.equal(none.tags.length, doc.get('tokens').length);
  assert.equal(POS_TAGS[none.tags[2]], 'VBD');
  assert.equal(tagTokens('', [], []).tags.length, 0);
});

/** a distinct made-up word per n (letters only: digits would all read as 0) */
function letters(n: number): string {
  let w = 'Zq';
  do {
    w += String.fromCharCode(97 + (n % 26));
    n = Math.floor(n / 26);
  } while (n > 0);
  return w;
}

test('the fast path gives exactly the flat-feature result, also when its type cache starts over mid-sentence', () => {
  const m = loadPosModel();
  const sents = [
    'The Kremlin spokesman Dmitry Peskov said on Monday that the talks had reportedly stalled .',
    'PUTIN MEETS ASSAD IN MOSCOW',
    'Shares of the company rose 3.5 % to $ 182.40 in New York , while the euro fell .',
    // cluster features: words in and out of the cluster table, hyphenated, with digits, curly apostrophes, any case
    'Critics LAMBASTED the so-called policy-making G8 body’s makeshift two-chamber plan , chastising Chastised officials .',
  ].map((s) => s.split(' '));
  for (const words of sents) assert.deepEqual(tagWordsFast(m, words), tagWords(m, words));
  // flood the type cache with new word types so that it starts over in the middle of a sentence
  const generation = m.fast.generation;
  let k = 0;
  for (let round = 0; round < 90; round++) {
    const words: string[] = [];
    for (let j = 0; j < 200; j++) words.push(letters(k++));
    words.push('said', 'the', 'minister', '.');
    assert.deepEqual(tagWordsFast(m, words), tagWords(m, words));
  }
  assert.ok(m.fast.generation > generation);
  for (const words of sents) assert.deepEqual(tagWordsFast(m, words), tagWords(m, words));
});

test('word clusters: units with one form get the same clusters; words outside the table get NO_CLUSTER', () => {
  const words = ['criticized', 'Criticized', 'CRITICIZED', 'condemned', 'G8', 'Zqxjw', ',', 'two-chamber', '’s'];
  const u = new Units();
  u.reset(words.length);
  words.forEach((w, i) => u.set(i, w, 0, w.length));
  u.finish();
  for (let i = 0; i < words.length; i++) u.cluster(i);
  assert.notEqual(u.fine[0], NO_CLUSTER);
  assert.equal(u.fine[1], u.fine[0]);
  assert.equal(u.fine[2], u.fine[0]);
  assert.equal(u.mid[2], u.mid[0]);
  assert.equal(u.coarse[2], u.coarse[0]);
  assert.equal(u.fine[3], u.fine[0]); // the table puts "condemned" with "criticized"
  for (const i of [4, 5, 6, 7, 8]) assert.equal(u.fine[i], NO_CLUSTER, words[i]); // digits read as 0; no letter; not in the table
});

test('a model trained with other word clusters is refused', () => {
  const buf = readFileSync(new URL('../../../models/pos/pos.bin', import.meta.url));
  const file = unpackSections<{ meta: Record<string, unknown>; sections: { name: string; type: SectionPart['type']; scale?: number }[] }>(buf, 'POS1', 'a POS model');
  const { sections, ...fields } = file.header;
  const parts = sections.map((x) => ({ name: x.name, type: x.type, scale: x.scale, arr: file.section(x.name)!.arr }));
  assert.doesNotThrow(() => posModelFromBuffer(packSections('POS1', fields, parts)));
  const other = packSections('POS1', { ...fields, meta: { ...fields.meta, clusters: '1024/128/16/120000:00000000' } }, parts);
  assert.throws(() => posModelFromBuffer(other), /other word clusters.*npm run train:pos/);
});

test('a missing model file says how to build it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsgraph-pos-'));
  assert.throws(() => loadPosModel(dir), (e: unknown) => e instanceof PosModelMissingError && /npm run train:pos/.test(e.message) && e.message.includes(dir));
  assert.throws(() => tagPos(prepared('Hello there.'), loadPosModel(join(dir, 'pos.bin'))), /npm run train:pos/);
});
