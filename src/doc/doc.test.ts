import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Doc } from './doc.js';
import { DocError } from './errors.js';

const tokens = (text: string) => {
  const out: { start: number; end: number; kind: 'word' }[] = [];
  const re = /\S+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) out.push({ start: m.index, end: m.index + m[0].length, kind: 'word' });
  return out;
};

test('a layer outside the text is refused with a coded error', () => {
  const doc = Doc.create('Hello world');
  assert.throws(() => doc.withLayer('sentences', [{ start: 0, end: 12 }]), (e: unknown) => e instanceof DocError && e.code === 'SPAN_BOUNDS');
  assert.throws(() => doc.withLayer('sentences', [{ start: 5, end: 2 }]), (e: unknown) => e instanceof DocError && e.code === 'SPAN_BOUNDS');
});

test('layers must be sorted, and token-like layers must not overlap', () => {
  const doc = Doc.create('one two three');
  assert.throws(() => doc.withLayer('quotes', [
    { start: 4, end: 7, kind: 'direct', cue: null, speaker: null, via: null },
    { start: 0, end: 3, kind: 'direct', cue: null, speaker: null, via: null },
  ]), (e: unknown) => e instanceof DocError && e.code === 'SPAN_ORDER');
  assert.throws(() => doc.withLayer('sentences', [{ start: 0, end: 7 }, { start: 4, end: 13 }]), (e: unknown) => e instanceof DocError && e.code === 'SPAN_OVERLAP');
});

test('mentions must align with tokens once tokens exist', () => {
  const doc = Doc.create('Dmitry Peskov said').withLayer('tokens', tokens('Dmitry Peskov said'));
  assert.doesNotThrow(() => doc.withLayer('mentions', [{ start: 0, end: 13, type: 'PERSON' }]));
  assert.throws(() => doc.withLayer('mentions', [{ start: 0, end: 10, type: 'PERSON' }]), (e: unknown) => e instanceof DocError && e.code === 'SPAN_ALIGNMENT');
});

test('offsets are UTF-16 code units: a span may not split an emoji', () => {
  const text = 'Hi 😀 Putin';
  const doc = Doc.create(text);
  assert.equal(text.indexOf('Putin'), 6); // the emoji is two code units
  assert.throws(() => doc.withLayer('sentences', [{ start: 4, end: 5 }]), (e: unknown) => e instanceof DocError && e.code === 'SPAN_SURROGATE');
  assert.equal(doc.withLayer('sentences', [{ start: 6, end: 11 }]).slice({ start: 6, end: 11 }), 'Putin');
});

test('a Doc is immutable and withLayer returns a new one', () => {
  const doc = Doc.create('abc');
  const next = doc.withLayer('sentences', [{ start: 0, end: 3 }]);
  assert.equal(doc.has('sentences'), false);
  assert.equal(next.has('sentences'), true);
  assert.throws(() => { (next as unknown as { text: string }).text = 'x'; });
  assert.throws(() => (next.layers.sentences as unknown as { start: number }[]).push({ start: 0 }));
});

test('a missing layer is named in the error', () => {
  assert.throws(() => Doc.create('x').get('tokens'), /"tokens" layer is missing/);
});

test('the JSON form round-trips and is checked on the way in', () => {
  const doc = Doc.create('Peskov said so.', { published: '2024-12-09' })
    .withLayer('tokens', tokens('Peskov said so.'))
    .withLayer('mentions', [{ start: 0, end: 6, type: 'PERSON' }]);
  const json = JSON.parse(JSON.stringify(doc));
  const back = Doc.fromJSON(json);
  assert.equal(back.text, doc.text);
  assert.equal(back.meta.published, '2024-12-09');
  assert.deepEqual(back.layers.mentions, doc.layers.mentions);
  json.layers.mentions[0].end = 99;
  assert.throws(() => Doc.fromJSON(json), (e: unknown) => e instanceof DocError && e.code === 'SPAN_BOUNDS');
});
