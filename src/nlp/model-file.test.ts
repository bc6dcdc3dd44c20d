import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { packSections, unpackSections, type SectionPart } from './model-file.js';

test('sections round-trip: typed arrays, scales and header fields come back as written', () => {
  const parts: SectionPart[] = [
    { name: 'a.keys', arr: Uint32Array.from([1, 2, 0xffffffff]), type: 'u32' },
    { name: 'a.rows', arr: Int16Array.from([-3, 7]), type: 'i16', scale: 0.5 },
    { name: 'b', arr: Uint8Array.from([9]), type: 'u8' },
  ];
  const file = unpackSections<{ meta: { v: number } }>(packSections('TST1', { meta: { v: 3 } }, parts), 'TST1', 'a test model');
  assert.equal(file.header.meta.v, 3);
  assert.deepEqual([...file.section('a.keys')!.arr], [1, 2, 0xffffffff]);
  assert.deepEqual(file.section('a.rows'), { arr: Int16Array.from([-3, 7]), scale: 0.5 });
  assert.deepEqual([...file.section('b')!.arr], [9]);
  assert.equal(file.section('missing'), null);
  assert.throws(() => unpackSections(Buffer.from('NOPE0000'), 'TST1', 'a test model'), /Not a test model file/);
});

test('the committed NER and POS model files are rewritten byte for byte', () => {
  for (const [path, magic] of [['models/ner/ner.bin', 'NER1'], ['models/pos/pos.bin', 'POS1']] as const) {
    const buf = readFileSync(new URL(`../../${path}`, import.meta.url));
    const file = unpackSections<{ sections: { name: string; type: SectionPart['type']; scale?: number }[] }>(buf, magic, path);
    const { sections, ...fields } = file.header;
    const parts = sections.map((s) => ({ name: s.name, type: s.type, scale: s.scale, arr: file.section(s.name)!.arr }));
    assert.ok(packSections(magic, fields, parts).equals(buf), path);
  }
});
