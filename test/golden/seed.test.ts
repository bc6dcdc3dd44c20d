// The golden test on the founding example: every item a careful reader extracts (the fixture's
// expected.json, checked by hand) must be found. A regression in any stage fails one named test.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { extractArticle } from '../../src/extract/article.js';

const dir = new URL('../fixtures/articles/seed/', import.meta.url);
const text = fs.readFileSync(new URL('input.txt', dir), 'utf8');
const expected = JSON.parse(fs.readFileSync(new URL('expected.json', dir), 'utf8'));
const { result } = extractArticle({ kind: 'text', text, published: expected.published });
const { result: undated } = extractArticle({ kind: 'text', text });

const QUOTE_MARKS = /["“”‘’']/g;
const norm = (s: string) => s.replace(QUOTE_MARKS, '').replace(/\s+/g, ' ').trim().toLowerCase();
const stripThe = (s: string) => norm(s).replace(/^the /, '');

describe('seed article: page', () => {
  test('source line read as provenance', () => assert.deepEqual(result.source, expected.source));
  test('caption with credit, kept out of the body paragraphs', () => {
    for (const c of expected.captions) {
      const hit = result.captions.find((x) => norm(x.text) === norm(c.text));
      assert.ok(hit, `caption "${c.text}" in ${JSON.stringify(result.captions)}`);
      assert.equal(hit.credit, c.credit);
      for (const p of result.paragraphs) assert.ok(!result.text.slice(p.start, p.end).includes(c.text), 'caption inside a body paragraph');
    }
  });
  test('boilerplate and provenance are not in the text', () => {
    for (const s of expected.not_in_text) assert.ok(!result.text.includes(s), `"${s}" in text`);
  });
  test('ten body paragraphs', () => assert.equal(result.paragraphs.length, expected.paragraphs));
  test('a title inferred from the lead is marked inferred', () => {
    assert.equal(result.title_inferred, true);
    assert.ok(result.title && result.text.startsWith(result.title.replace(/…$/, '')));
  });
});

describe('seed article: entities and aliases', () => {
  for (const e of expected.entities) {
    test(`${e.type} ${e.name}: ${e.mentions.join(' | ')}`, () => {
      const hit = result.entities.find((x) => x.type === e.type && stripThe(x.name) === stripThe(e.name));
      assert.ok(hit, `no ${e.type} entity named ${e.name}; have ${result.entities.map((x) => `${x.type}:${x.name}`).join(', ')}`);
      const forms = new Set(hit.mentions.map((m) => stripThe(m.text)));
      for (const m of e.mentions) assert.ok(forms.has(stripThe(m)), `mention "${m}" missing from ${[...forms].join(' | ')}`);
    });
  }
});

describe('seed article: quotes and reported speech', () => {
  for (const q of expected.quotes) {
    test(`${q.direct ? 'direct' : 'reported'} — ${q.speaker} — ${q.cue}: ${q.text.slice(0, 50)}`, () => {
      const want = norm(q.text).replace(/[.,]$/, '');
      const hits = result.quotes.filter((x) => norm(x.text).includes(want) && norm(x.text).length <= want.length * 1.3 + 10);
      assert.ok(hits.length, `no quote covers "${q.text}"; quotes: ${result.quotes.map((x) => x.text).join(' || ')}`);
      const hit = hits.find((x) => x.speaker?.name === q.speaker && (x.kind === 'direct') === q.direct && x.cue?.text.toLowerCase() === q.cue.toLowerCase());
      assert.ok(hit, `found ${hits.map((x) => `${x.kind} by ${x.speaker?.name} cue ${x.cue?.text}`).join('; ')}`);
    });
  }
  test('the partial quote inside reported speech is Assad’s, via the ministry', () => {
    const hit = result.quotes.find((x) => x.kind === 'partial' && norm(x.text) === 'peaceful transfer of power');
    assert.equal(hit?.speaker?.name, 'Bashar al-Assad');
    assert.equal(hit?.via?.name, 'Russian Foreign Ministry');
  });
  test('the Kremlin’s refusal is recorded', () => {
    const hit = result.quotes.find((x) => x.kind === 'refusal');
    assert.equal(hit?.speaker?.name, 'Kremlin');
    assert.match(hit?.text ?? '', /questions about Mr\. Assad's whereabouts/);
  });
  for (const t of expected.not_quotes) {
    test(`not a quote: ${t.slice(0, 50)}`, () => {
      assert.ok(!result.quotes.some((x) => norm(x.text).includes(norm(t)) || norm(t).includes(norm(x.text))), 'reported as a quote');
    });
  }
});

describe('seed article: dates', () => {
  for (const d of expected.dates) {
    test(`${d.text} = ${d.value}`, () => {
      const hit = result.dates.find((x) => x.text === d.text);
      assert.ok(hit, `no date "${d.text}"; dates: ${result.dates.map((x) => x.text).join(', ')}`);
      assert.equal(hit.value, d.value);
      assert.equal(hit.type, d.type);
      if (d.mod) assert.equal(hit.mod, d.mod);
    });
  }
  test('without a publication date, year-less values are not guessed', () => {
    for (const d of expected.dates_without_published) {
      assert.equal(undated.dates.find((x) => x.text === d.text)?.value, d.value, d.text);
    }
  });
});

test('every span of the result covers the text it claims', () => {
  const check = (s: { start: number; end: number; text: string }) => assert.equal(result.text.slice(s.start, s.end), s.text);
  result.entities.forEach((e) => e.mentions.forEach(check));
  result.quotes.forEach((q) => { check(q); if (q.cue) check(q.cue); if (q.speaker) check(q.speaker); });
  result.dates.forEach(check);
});
