// Alias resolution over hand-made NER mentions and quotes, so these tests do not depend on
// the trained tagger: each case states the mentions a tagger would give.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Doc, type EntityMention, type EntityType, type Quote } from '../../doc/doc.js';
import { docFromBody } from '../../extract/index.js';
import { sentences, tokenize } from '../tokens.js';
import { resolveEntities } from './index.js';

function run(text: string, names: [string, EntityType, number?][], quotes: { content: string; speaker: string; nth?: number }[] = []) {
  let doc: Doc = docFromBody(text, null, null);
  doc = doc.withLayer('tokens', tokenize(doc));
  doc = doc.withLayer('sentences', sentences(doc));
  const at = (s: string, nth = 0) => {
    let i = -1;
    for (let k = 0; k <= nth; k++) i = text.indexOf(s, i + 1);
    assert.ok(i >= 0, `"${s}" not in text`);
    return i;
  };
  const mentions: EntityMention[] = names.map(([s, type, nth]) => ({ start: at(s, nth), end: at(s, nth) + s.length, type }));
  mentions.sort((a, b) => a.start - b.start);
  doc = doc.withLayer('mentions', mentions);
  const qs: Quote[] = quotes.map((q) => {
    const start = at(q.content);
    const sp = at(q.speaker, q.nth ?? 0);
    return { start, end: start + q.content.length, kind: 'direct' as const, cue: null, speaker: { start: sp, end: sp + q.speaker.length, entity: null }, via: null };
  }).sort((a, b) => a.start - b.start);
  doc = doc.withLayer('quotes', qs);
  const out = resolveEntities(doc);
  const entity = (name: string) => out.entities.find((e) => e.name === name);
  const forms = (name: string) => entity(name)?.mentions.map((m) => text.slice(m.start, m.end)) ?? [];
  const speakerOf = (content: string) => {
    const q = out.quotes.find((x) => text.slice(x.start, x.end) === content);
    return out.entities.find((e) => e.id === q?.speaker?.entity)?.name ?? null;
  };
  return { out, entity, forms, speakerOf };
}

test('surnames, titles and particles join the full name', () => {
  const text = 'Former Syrian President Bashar al-Assad fled. Mr. Assad is in Moscow. Mr. al-Assad said nothing. President Assad ruled for years.';
  const r = run(text, [['Bashar al-Assad', 'PERSON'], ['Assad', 'PERSON', 1], ['Moscow', 'LOC'], ['Assad', 'PERSON', 3]]);
  const forms = r.forms('Bashar al-Assad');
  for (const f of ['Former Syrian President Bashar al-Assad', 'Mr. Assad', 'Mr. al-Assad', 'President Assad']) assert.ok(forms.includes(f), `${f} in ${forms}`);
  assert.deepEqual(r.entity('Bashar al-Assad')?.roles.includes('Former Syrian President'), true);
  assert.equal(r.entity('Moscow')?.type, 'LOC');
});

test('a role with "the" resolves to the one person introduced with it', () => {
  const text = 'Russian President Vladimir Putin met him. Nothing happens without the consent of the Russian President.';
  const r = run(text, [['Vladimir Putin', 'PERSON']]);
  assert.ok(r.forms('Vladimir Putin').includes('Russian President'));
});

test('an acronym in parentheses is an alias of its long form, even where the tagger saw a person', () => {
  const text = 'Hayat Tahrir-al-Sham (HTS) took the city. HTS fighters moved in.';
  const r = run(text, [['Hayat Tahrir-al-Sham', 'PERSON']]);
  const e = r.entity('Hayat Tahrir-al-Sham');
  assert.equal(e?.type, 'ORG');
  assert.deepEqual(r.forms('Hayat Tahrir-al-Sham'), ['Hayat Tahrir-al-Sham', 'HTS', 'HTS']);
});

test('pronoun speakers resolve to the nearest person of the right gender', () => {
  const text = 'Anna Berg met Tom Hale on Monday. "We agreed," she said. Tom Hale left early. "It went well," he said.';
  const r = run(text, [['Anna Berg', 'PERSON'], ['Tom Hale', 'PERSON'], ['Tom Hale', 'PERSON', 1]], [
    { content: 'We agreed,', speaker: 'she' },
    { content: 'It went well,', speaker: 'he', nth: 1 }, // the first "he" is inside "she"
  ]);
  assert.equal(r.speakerOf('It went well,'), 'Tom Hale');
  assert.equal(r.speakerOf('We agreed,'), 'Anna Berg');
});

test('"The statement" refers back to the previous speaker; "the ministry" to the ministry', () => {
  const text = '"No," the Russian Foreign Ministry said. The statement also mentioned talks. Later the ministry added more.';
  const r = run(text, [['Russian Foreign Ministry', 'ORG']], [
    { content: 'No,', speaker: 'the Russian Foreign Ministry' },
    { content: 'talks', speaker: 'The statement' },
    { content: 'more', speaker: 'the ministry' },
  ]);
  assert.equal(r.speakerOf('talks'), 'Russian Foreign Ministry');
  assert.equal(r.speakerOf('more'), 'Russian Foreign Ministry');
});

test('a speaker span with a role and a name links to the person, not the organisation', () => {
  const text = '"Such decisions take time," Kremlin spokesman Dmitry Peskov said.';
  const r = run(text, [['Kremlin', 'ORG'], ['Dmitry Peskov', 'PERSON']], [{ content: 'Such decisions take time,', speaker: 'Kremlin spokesman Dmitry Peskov' }]);
  assert.equal(r.speakerOf('Such decisions take time,'), 'Dmitry Peskov');
  assert.deepEqual(r.entity('Dmitry Peskov')?.roles, ['Kremlin spokesman']);
});

test('an unresolvable speaker keeps its span with no entity', () => {
  const text = '"It is bad," sources said.';
  const r = run(text, [], [{ content: 'It is bad,', speaker: 'sources' }]);
  const q = r.out.quotes[0];
  assert.equal(q.speaker?.entity, null);
  assert.equal(text.slice(q.speaker!.start, q.speaker!.end), 'sources');
});

test('a speaker span with an apposition or a party tag resolves to its head, not to a name inside the apposition', () => {
  const text = '"It is over," Jane Roe, a former adviser to Mark Cole, said. "We won," Rep. John Doe (R-Ky.) said.';
  const r = run(text, [['Jane Roe', 'PERSON'], ['Mark Cole', 'PERSON'], ['John Doe', 'PERSON'], ['R-Ky.', 'PERSON']], [
    { content: '"It is over,"', speaker: 'Jane Roe, a former adviser to Mark Cole' },
    { content: '"We won,"', speaker: 'Rep. John Doe (R-Ky.)' },
  ]);
  assert.equal(r.speakerOf('"It is over,"'), 'Jane Roe');
  assert.equal(r.speakerOf('"We won,"'), 'John Doe');
});
