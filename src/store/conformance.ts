// The one conformance suite every Store implementation runs (node:test). Each test gets a new,
// empty store from makeStore and closes it.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { ArticleResult } from '../result.js';
import { MARK_OPEN, contentHash, type SearchHit, type Store } from './store.js';
import { buildResult, type ArticleSpec } from './testing.js';

const V1 = 'newsgraph-pipeline/1';
const V2 = 'newsgraph-pipeline/2';

function meta(key: string, extra: { url?: string; pipelineVersion?: string } = {}) {
  return { contentHash: contentHash(key), pipelineVersion: extra.pipelineVersion ?? V1, url: extra.url ?? null };
}

/** A story long enough to compare (near-duplicate detection needs 40 words or more). */
const LONG_STORY = [
  'The harbour of Kelby reopened on Monday after a storm closed it for nine days, the port authority said.',
  'Dozens of fishing boats left at dawn, and the first cargo ship was expected to dock before noon.',
  'Engineers had worked through the weekend to repair the damaged breakwater and clear the main channel of debris.',
  'The storm destroyed two warehouses and cut power to the eastern quay, where repairs will take several more weeks.',
  'Insurance claims from traders and boat owners are expected to exceed four million euros, according to early estimates.',
];
const OTHER_STORY = [
  'The town library will close for six months from April while its roof is replaced, the council announced on Tuesday.',
  'Readers can borrow books from a temporary branch in the old school hall, which opens on the first of April.',
  'Staff will move the rare map collection to the county archive, where it will be stored in climate-controlled rooms.',
  'The works are funded by a heritage grant and are expected to cost just under two million euros in total.',
];

/** An article with one quote by one named person. */
function quoteArticle(o: {
  person: string; forms?: string[]; quote: string; published?: string | null; url?: string; publisher?: string; saidOn?: string | null;
  kind?: string; title?: string; extra?: string; about?: string;
}): ArticleResult {
  const speakerWords = o.forms?.[o.forms.length - 1] ?? o.person;
  const paragraphs = [
    `${o.person} spoke to reporters on Tuesday.`,
    `"${o.quote}," said ${speakerWords}.`,
    o.extra ?? 'The meeting ended without a statement.',
  ];
  const spec: ArticleSpec = {
    title: o.title ?? `${o.person} speaks`,
    published: o.published === undefined ? '2024-03-01' : o.published,
    url: o.url,
    publisher: o.publisher ?? (o.url ? undefined : 'example.org'),
    paragraphs,
    entities: [
      { id: 'e1', name: o.person, forms: o.forms ?? [o.person] },
      ...(o.about ? [{ id: 'e2', name: o.about, type: 'ORG' as const }] : []),
    ],
    quotes: [{ text: o.quote, speaker: 'e1', speakerText: speakerWords, kind: o.kind ?? 'direct', saidOn: o.saidOn ?? null }],
  };
  return buildResult(spec);
}

export function runStoreConformance(name: string, makeStore: () => Promise<Store>): void {
  const withStore = (fn: (store: Store) => Promise<void>) => async () => {
    const store = await makeStore();
    try {
      await fn(store);
    } finally {
      await store.close();
    }
  };

  describe(`Store conformance: ${name}`, () => {
    test('near-duplicates: the same story with small edits is recorded against the original, not stored twice', withStore(async (store) => {
      const story = (edit: (s: string) => string, url: string, extra: Partial<ArticleSpec> = {}) =>
        buildResult({ title: 'Port reopens after storm', published: '2024-03-02', url, paragraphs: LONG_STORY.map(edit), ...extra });
      const original = await store.saveArticle(story((s) => s, 'https://harbour.example/port-reopens'), meta('orig'));
      assert.equal(original.status, 'added');
      // a wire copy: two words changed, another site
      const copy = story((s) => s.replace('on Monday', 'on Monday morning').replace('dozens', 'scores'), 'https://other.example/news/port');
      const saved = await store.saveArticle(copy, meta('copy'));
      assert.equal(saved.status, 'duplicate');
      assert.equal(saved.duplicateOf?.articleId, original.articleId);
      assert.equal(saved.duplicateOf?.by, 'near');
      assert.ok((saved.duplicateOf?.similarity ?? 0) >= 0.8, String(saved.duplicateOf?.similarity));
      assert.equal((await store.listArticles()).total, 1, 'stored once');
      const again = await store.saveArticle(copy, meta('copy'));
      assert.deepEqual([again.status, again.duplicateOf?.articleId, again.duplicateOf?.by], ['duplicate', original.articleId, 'near']);
      const stored = await store.getArticle(original.articleId);
      assert.deepEqual(stored?.copies?.map((c) => [c.url, c.by]), [['https://other.example/news/port', 'near']]);
      // a different story of the same length is its own article
      const other = await store.saveArticle(buildResult({ title: 'Library closes', published: '2024-03-02', paragraphs: OTHER_STORY }), meta('other'));
      assert.equal(other.status, 'added');
    }));

    test('near-duplicates: a "Source:" line naming a stored article links a rewritten copy to it', withStore(async (store) => {
      const original = await store.saveArticle(buildResult({ title: 'Port reopens after storm', published: '2024-03-02', url: 'https://harbour.example/port-reopens', paragraphs: LONG_STORY }), meta('orig'));
      // a heavier rewrite (half the paragraphs), republished with a Source line
      const rewritten = { ...buildResult({ title: 'Port reopens', published: '2024-03-03', paragraphs: [...LONG_STORY.slice(0, 3), 'Local traders welcomed the news and said business would recover quickly after the difficult weeks of closure.'] }), republished_from: 'https://www.harbour.example/port-reopens?utm_source=feed' };
      const saved = await store.saveArticle(rewritten, meta('rewritten'));
      assert.equal(saved.status, 'duplicate');
      assert.deepEqual([saved.duplicateOf?.articleId, saved.duplicateOf?.by], [original.articleId, 'source']);
      assert.equal((await store.listArticles()).total, 1);
    }));

    test('re-ingesting the same content is a duplicate and changes nothing', withStore(async (store) => {
      const r = quoteArticle({ person: 'Dmitry Peskov', quote: 'We see no grounds for optimism' });
      const first = await store.saveArticle(r, meta('a1'));
      assert.equal(first.status, 'added');
      const again = await store.saveArticle(r, meta('a1'));
      assert.deepEqual(again, { articleId: first.articleId, status: 'duplicate', duplicateOf: { articleId: first.articleId, by: 'content' } });
      assert.equal((await store.listArticles()).total, 1);
      const [peskov] = await store.resolveEntity('Dmitry Peskov');
      assert.equal(peskov.articleCount, 1);
      assert.equal(peskov.quoteCount, 1);
      assert.equal((await store.quotesBySpeaker(peskov.id)).total, 1);
      assert.deepEqual(await store.findArticle({ contentHash: contentHash('a1') }), { articleId: first.articleId, pipelineVersion: V1 });
      assert.equal(await store.findArticle({ contentHash: contentHash('nope') }), null);
    }));

    test('the same canonical URL is a duplicate (tracking parameters, www, fragment ignored)', withStore(async (store) => {
      const a = quoteArticle({ person: 'Anna Berg', quote: 'The port will reopen', url: 'https://www.harbour-news.example/story/1?utm_source=x#top' });
      const b = quoteArticle({ person: 'Anna Berg', quote: 'The port will reopen soon', url: 'http://harbour-news.example/story/1' });
      const first = await store.saveArticle(a, meta('url-a'));
      const second = await store.saveArticle(b, meta('url-b'));
      assert.equal(second.status, 'duplicate');
      assert.deepEqual(second.duplicateOf, { articleId: first.articleId, by: 'url' });
      assert.equal((await store.listArticles()).total, 1);
      assert.deepEqual(await store.findArticle({ url: 'https://harbour-news.example/story/1/' }), { articleId: first.articleId, pipelineVersion: V1 });
      // A URL given only in meta counts too.
      const c = buildResult({ paragraphs: ['Body only.'] });
      const third = await store.saveArticle(c, meta('url-c', { url: 'https://harbour-news.example/story/2' }));
      const fourth = await store.saveArticle(buildResult({ paragraphs: ['Other body.'] }), meta('url-d', { url: 'https://www.harbour-news.example/story/2?utm_medium=y' }));
      assert.equal(third.status, 'added');
      assert.equal(fourth.status, 'duplicate');
    }));

    test('a newer pipeline version replaces the annotations; an older one is a duplicate', withStore(async (store) => {
      const v1 = quoteArticle({ person: 'Karl Lindqvist', quote: 'Tariffs will fall next spring', about: 'Nordic Freight' });
      const v2 = quoteArticle({ person: 'Maria Sunden', quote: 'Shipping rates are stable' });
      const first = await store.saveArticle(v1, meta('re', { pipelineVersion: V1 }));
      const karl = (await store.resolveEntity('Karl Lindqvist'))[0];
      assert.ok(karl);
      const updated = await store.saveArticle(v2, meta('re', { pipelineVersion: V2 }));
      assert.deepEqual(updated, { articleId: first.articleId, status: 'updated' });
      const stored = await store.getArticle(first.articleId);
      assert.equal(stored?.pipelineVersion, V2);
      assert.equal(stored?.result.quotes.length, 1);
      assert.equal(stored?.result.quotes[0].text, 'Shipping rates are stable');
      assert.equal(stored?.quoteCount, 1);
      // The entity only the old annotations had is gone; its quote is not found any more.
      assert.equal(await store.getEntity(karl.id), null);
      assert.deepEqual(await store.resolveEntity('Karl Lindqvist'), []);
      assert.deepEqual(await store.resolveEntity('Nordic Freight'), []);
      assert.equal((await store.search('tariffs')).total, 0);
      const maria = (await store.resolveEntity('Maria Sunden'))[0];
      assert.equal((await store.quotesBySpeaker(maria.id)).items[0].text, 'Shipping rates are stable');
      assert.equal((await store.search('shipping', { type: 'quote' })).total, 1);
      // Older or equal versions do not replace.
      assert.equal((await store.saveArticle(v1, meta('re', { pipelineVersion: V1 }))).status, 'duplicate');
      assert.equal((await store.saveArticle(v1, meta('re', { pipelineVersion: V2 }))).status, 'duplicate');
      assert.equal((await store.getArticle(first.articleId))?.result.quotes[0].text, 'Shipping rates are stable');
      assert.equal((await store.listArticles()).total, 1);
    }));

    test('one canonical entity across articles: names, accents, surnames', withStore(async (store) => {
      await store.saveArticle(quoteArticle({ person: 'Dmitry Peskov', forms: ['Dmitry Peskov', 'Peskov'], quote: 'Talks are possible' }), meta('p1'));
      await store.saveArticle(quoteArticle({ person: 'Peskov', quote: 'Nothing has been decided' }), meta('p2'));
      await store.saveArticle(quoteArticle({ person: 'dmitry  peskov', quote: 'We will see' }), meta('p3'));
      const found = await store.resolveEntity('Dmitry Peskov');
      assert.equal(found.length, 1);
      const peskov = (await store.getEntity(found[0].id))!;
      assert.equal(peskov.name, 'Dmitry Peskov');
      assert.equal(peskov.articleCount, 3);
      assert.equal(peskov.quoteCount, 3);
      assert.deepEqual(peskov.aliases.map((a) => a.text).sort(), ['Dmitry Peskov', 'Peskov', 'dmitry peskov'].sort());
      assert.equal((await store.quotesBySpeaker(peskov.id)).total, 3);
      assert.equal((await store.listEntities({ type: 'PERSON' })).total, 1);

      // Accents do not make a new entity.
      await store.saveArticle(quoteArticle({ person: 'Recep Tayyip Erdoğan', quote: 'Ankara is ready' }), meta('t1'));
      await store.saveArticle(quoteArticle({ person: 'Recep Tayyip Erdogan', quote: 'Ankara waits' }), meta('t2'));
      assert.equal((await store.resolveEntity('Erdogan')).length, 1);
      assert.equal((await store.resolveEntity('Erdogan'))[0].articleCount, 2);

      // A surname seen first joins the full name when it arrives (the only person with it).
      await store.saveArticle(quoteArticle({ person: 'Ushakov', quote: 'The date is not set' }), meta('u1'));
      const early = (await store.resolveEntity('Ushakov'))[0];
      await store.saveArticle(quoteArticle({ person: 'Yuri Ushakov', quote: 'The summit is being prepared' }), meta('u2'));
      const ushakov = await store.resolveEntity('Yuri Ushakov');
      assert.equal(ushakov.length, 1);
      assert.equal(ushakov[0].quoteCount, 2);
      assert.equal((await store.getEntity(early.id))?.id, ushakov[0].id, 'the surname-only id redirects');
      await store.saveArticle(quoteArticle({ person: 'Ushakov', quote: 'Later, perhaps' }), meta('u3'));
      assert.equal((await store.getEntity(ushakov[0].id))?.quoteCount, 3);

      // Two people share a surname: the bare surname stays apart.
      await store.saveArticle(quoteArticle({ person: 'Anna Holm', quote: 'Rents are rising' }), meta('h1'));
      await store.saveArticle(quoteArticle({ person: 'Erik Holm', quote: 'Rents are falling' }), meta('h2'));
      await store.saveArticle(quoteArticle({ person: 'Holm', quote: 'Rents are flat' }), meta('h3'));
      const anna = (await store.resolveEntity('Anna Holm'))[0];
      const erik = (await store.resolveEntity('Erik Holm'))[0];
      assert.notEqual(anna.id, erik.id);
      assert.equal(anna.quoteCount, 1);
      assert.equal(erik.quoteCount, 1);
      assert.equal((await store.resolveEntity('Holm')).length, 3);
      // A type is part of the key: an ORG named like a person is another entity.
      await store.saveArticle(buildResult({ paragraphs: ['Peskov Group posted results.'], entities: [{ id: 'e1', name: 'Peskov Group', type: 'ORG' }] }), meta('org'));
      assert.equal((await store.listEntities({ type: 'ORG', q: 'peskov' })).total, 1);
      assert.equal((await store.listEntities({ q: 'Peskov' })).total, 2);
    }));

    test('mergeEntities moves quotes, mentions and aliases; the old id and name redirect', withStore(async (store) => {
      await store.saveArticle(quoteArticle({ person: 'Volodymyr Zelensky', quote: 'We will rebuild', published: '2024-01-02' }), meta('z1'));
      await store.saveArticle(quoteArticle({ person: 'Volodymyr Zelenskyy', quote: 'We need air defence', published: '2024-01-03', extra: 'Volodymyr Zelensky was in Kyiv.' }), meta('z2'));
      const [a] = await store.resolveEntity('Volodymyr Zelensky');
      const [b] = await store.resolveEntity('Volodymyr Zelenskyy');
      assert.notEqual(a.id, b.id);
      const merged = await store.mergeEntities(a.id, b.id);
      assert.equal(merged.id, a.id);
      assert.equal(merged.quoteCount, 2);
      assert.equal(merged.articleCount, 2);
      assert.deepEqual(merged.aliases.map((x) => x.text).sort(), ['Volodymyr Zelensky', 'Volodymyr Zelenskyy']);
      assert.equal((await store.getEntity(b.id))?.id, a.id);
      const quotes = await store.quotesBySpeaker(b.id);
      assert.deepEqual(quotes.items.map((q) => q.text), ['We will rebuild', 'We need air defence']);
      assert.ok(quotes.items.every((q) => q.speaker?.entityId === a.id));
      // The merged-in name now finds the one entity, and new articles with it join it.
      assert.deepEqual((await store.resolveEntity('Volodymyr Zelenskyy')).map((e) => e.id), [a.id]);
      await store.saveArticle(quoteArticle({ person: 'Volodymyr Zelenskyy', quote: 'Winter is coming', published: '2024-01-04' }), meta('z3'));
      assert.equal((await store.getEntity(a.id))?.quoteCount, 3);
      assert.equal((await store.listEntities({ type: 'PERSON' })).total, 1);
      await assert.rejects(store.mergeEntities(a.id, b.id));
      await assert.rejects(store.mergeEntities(a.id, 999999));
    }));

    test('search filters: speaker, entity, publisher, published, said, kind, type', withStore(async (store) => {
      await store.saveArticle(quoteArticle({ person: 'Lena Ortiz', quote: 'Grain exports will double', published: '2024-02-10', url: 'https://www.farmwire.example/a', saidOn: '2024-02-08', about: 'Grain Board', extra: 'The Grain Board declined to comment.' }), meta('f1'));
      await store.saveArticle(quoteArticle({ person: 'Lena Ortiz', quote: 'Grain prices are too low for growers', published: '2024-05-20', url: 'https://dailyharvest.example/b', kind: 'indirect' }), meta('f2'));
      await store.saveArticle(quoteArticle({ person: 'Tomas Reyes', quote: 'Grain Board reform is overdue', published: '2024-06-01', url: 'https://farmwire.example/c', about: 'Grain Board' }), meta('f3'));
      const texts = (hits: readonly SearchHit[]) => hits.filter((h) => h.type === 'quote').map((h) => h.snippet.replaceAll(MARK_OPEN, '')).sort();

      const all = await store.search('grain');
      assert.equal(all.hits.filter((h) => h.type === 'quote').length, 3);
      assert.equal(all.hits.filter((h) => h.type === 'article').length, 3);
      assert.equal(all.total, 6);
      assert.ok(all.hits.every((h) => h.snippet.includes(`${MARK_OPEN}Grain`) || h.snippet.includes(`${MARK_OPEN}grain`)), 'matched words are marked');

      const bySpeaker = await store.search('grain', { speaker: 'Lena Ortiz' });
      assert.equal(bySpeaker.total, 2);
      assert.ok(bySpeaker.hits.every((h) => h.type === 'quote' && h.speaker?.name === 'Lena Ortiz'));
      assert.equal((await store.search('grain', { speaker: 'Ortiz' })).total, 2, 'a surname finds the speaker');
      const ortiz = (await store.resolveEntity('Lena Ortiz'))[0];
      assert.equal((await store.search('grain', { speaker: ortiz.id })).total, 2);
      assert.equal((await store.search('grain', { speaker: 'Nobody Known' })).total, 0);

      const about = await store.search('grain', { entity: 'Grain Board' });
      assert.deepEqual(texts(about.hits), ['Grain Board reform is overdue']);
      assert.equal(about.hits.filter((h) => h.type === 'article').length, 2);

      const farm = await store.search('grain', { publisher: 'farmwire.example' });
      assert.equal(farm.total, 4);
      assert.ok(farm.hits.every((h) => h.publisher === 'farmwire.example'));
      assert.equal((await store.search('grain', { publisher: 'https://www.farmwire.example/' })).total, 4);

      const spring = await store.search('grain', { publishedFrom: '2024-05-01', publishedTo: '2024-05-31' });
      assert.equal(spring.total, 2);
      assert.ok(spring.hits.every((h) => h.published === '2024-05-20'));

      const said = await store.search('grain', { saidFrom: '2024-02-01', saidTo: '2024-02-09' });
      assert.deepEqual(texts(said.hits), ['Grain exports will double']);
      assert.equal(said.hits[0].saidOn, '2024-02-08');
      assert.equal((await store.search('grain', { saidFrom: '2024-02-09', saidTo: '2024-02-10' })).total, 0, 'said_on wins over published');

      const indirect = await store.search('grain', { kind: 'indirect' });
      assert.deepEqual(texts(indirect.hits), ['Grain prices are too low for growers']);
      assert.equal((await store.search('grain', { type: 'article' })).total, 3);
      assert.equal((await store.search('grain', { type: 'quote' })).total, 3);

      // No words: filters alone, newest first.
      const filtersOnly = await store.search('', { speaker: 'Lena Ortiz' });
      assert.equal(filtersOnly.total, 2);
      assert.equal(filtersOnly.query, null);
      assert.deepEqual(filtersOnly.hits.map((h) => h.published), ['2024-05-20', '2024-02-10']);
    }));

    test('phrases, AND, OR, NOT and prefixes', withStore(async (store) => {
      await store.saveArticle(quoteArticle({ person: 'Ida Moss', quote: 'The bridge will open in June', title: 'Bridge news' }), meta('q1'));
      await store.saveArticle(quoteArticle({ person: 'Ida Moss', quote: 'June is too early for the bridge', title: 'Delay' }), meta('q2'));
      await store.saveArticle(quoteArticle({ person: 'Ida Moss', quote: 'The tunnel will open in May', title: 'Tunnel' }), meta('q3'));
      const quotes = async (q: string) => (await store.search(q, { type: 'quote' })).hits.map((h) => h.snippet.replaceAll(MARK_OPEN, '')).sort();
      assert.deepEqual(await quotes('"bridge will open"'), ['The bridge will open in June']);
      assert.deepEqual(await quotes('bridge june'), ['June is too early for the bridge', 'The bridge will open in June']);
      assert.deepEqual(await quotes('bridge AND june'), ['June is too early for the bridge', 'The bridge will open in June']);
      assert.deepEqual(await quotes('tunnel OR early'), ['June is too early for the bridge', 'The tunnel will open in May']);
      assert.deepEqual(await quotes('open NOT bridge'), ['The tunnel will open in May']);
      assert.deepEqual(await quotes('(bridge OR tunnel) NOT june'), ['The tunnel will open in May']);
      assert.deepEqual(await quotes('tun*'), ['The tunnel will open in May']);
      assert.deepEqual(await quotes('“bridge will open”'), ['The bridge will open in June'], 'curly quotes make a phrase');
      assert.deepEqual(await quotes('and'), [], 'lower-case operators are words');
      // A title match ranks the article first.
      const articles = (await store.search('tunnel', { type: 'article' })).hits;
      assert.equal(articles[0].title, 'Tunnel');
    }));

    test('pagination is stable and complete', withStore(async (store) => {
      for (let i = 0; i < 23; i++) {
        await store.saveArticle(
          quoteArticle({ person: `Person${i} Surname${i}`, quote: `Ferry ${'timetable '.repeat(1 + (i % 4))}number ${i}`, published: `2024-04-${String(1 + (i % 28)).padStart(2, '0')}` }),
          meta(`page${i}`),
        );
      }
      const first = await store.search('ferry OR timetable', { limit: 1000, type: 'quote' });
      assert.equal(first.total, 23);
      const seen: string[] = [];
      for (let offset = 0; offset < first.total + 5; offset += 5) {
        const page = await store.search('ferry OR timetable', { limit: 5, offset, type: 'quote' });
        assert.equal(page.total, 23);
        seen.push(...page.hits.map((h) => `${h.type}:${h.id}`));
      }
      assert.equal(seen.length, 23);
      assert.equal(new Set(seen).size, 23);
      assert.deepEqual(seen, first.hits.map((h) => `${h.type}:${h.id}`));
      for (let i = 1; i < first.hits.length; i++) assert.ok(first.hits[i - 1].score >= first.hits[i].score, 'best first');

      // listArticles: offsets and cursors cover everything once, newest first.
      const byOffset: number[] = [];
      for (let offset = 0; offset < 30; offset += 4) byOffset.push(...(await store.listArticles({ limit: 4, offset })).items.map((a) => a.id));
      const byCursor: number[] = [];
      let cursor: string | null = null;
      do {
        const page: Awaited<ReturnType<Store['listArticles']>> = await store.listArticles({ limit: 4, cursor });
        byCursor.push(...page.items.map((a) => a.id));
        cursor = page.nextCursor;
      } while (cursor);
      assert.equal(byOffset.length, 23);
      assert.deepEqual(byCursor, byOffset);
      assert.deepEqual([...byOffset].sort((a, b) => b - a), byOffset);
      const people = [];
      for (let offset = 0; offset < 30; offset += 6) people.push(...(await store.listEntities({ limit: 6, offset })).items.map((e) => e.id));
      assert.equal(new Set(people).size, 23);
    }));

    test('quotesBySpeaker runs in time order: said_on, else published', withStore(async (store) => {
      await store.saveArticle(quoteArticle({ person: 'Omar Haddad', quote: 'Third', published: '2024-03-10' }), meta('t3'));
      await store.saveArticle(quoteArticle({ person: 'Omar Haddad', quote: 'First', published: '2024-03-20', saidOn: '2024-01-05' }), meta('t1'));
      await store.saveArticle(quoteArticle({ person: 'Omar Haddad', quote: 'Second', published: '2024-03-01', saidOn: 'XXXX-02-14' }), meta('t2'));
      await store.saveArticle(quoteArticle({ person: 'Omar Haddad', quote: 'Fourth', published: '2024-04-01' }), meta('t4'));
      await store.saveArticle(quoteArticle({ person: 'Omar Haddad', quote: 'Undated', published: null }), meta('t5'));
      const [omar] = await store.resolveEntity('Omar Haddad');
      const page = await store.quotesBySpeaker(omar.id);
      assert.equal(page.total, 5);
      assert.deepEqual(page.items.map((q) => q.text), ['First', 'Second', 'Third', 'Fourth', 'Undated']);
      assert.deepEqual(page.items.map((q) => q.when), ['2024-01-05', '2024-02-14', '2024-03-10', '2024-04-01', null]);
      const second = await store.quotesBySpeaker(omar.id, { limit: 2, offset: 2 });
      assert.deepEqual(second.items.map((q) => q.text), ['Third', 'Fourth']);
    }));

    test('quotesMentioning finds the quotes whose words name the entity', withStore(async (store) => {
      const r = buildResult({
        published: '2024-07-01',
        paragraphs: ['"Northwind Bank must explain its losses," said Clara Voss.', '"The weather is fine," said Clara Voss.', 'Northwind Bank did not reply.'],
        entities: [{ id: 'e1', name: 'Clara Voss' }, { id: 'e2', name: 'Northwind Bank', type: 'ORG' }],
        quotes: [{ text: 'Northwind Bank must explain its losses', speaker: 'e1' }, { text: 'The weather is fine', speaker: 'e1' }],
      });
      await store.saveArticle(r, meta('m1'));
      const [bank] = await store.resolveEntity('Northwind Bank');
      const page = await store.quotesMentioning(bank.id);
      assert.deepEqual(page.items.map((q) => q.text), ['Northwind Bank must explain its losses']);
      assert.equal(page.items[0].speaker?.name, 'Clara Voss');
    }));

    test('a save that fails midway leaves nothing behind', withStore(async (store) => {
      await store.saveArticle(quoteArticle({ person: 'Ruth Keller', quote: 'Before the failure' }), meta('ok'));
      const bad = buildResult({
        title: 'Broken',
        published: '2024-08-01',
        url: 'https://broken.example/x',
        paragraphs: ['"First words," said Paul Nagy.', '"Second words," said Paul Nagy.'],
        entities: [{ id: 'e1', name: 'Paul Nagy' }, { id: 'e2', name: 'Ruth Keller' }],
        quotes: [{ text: 'First words', speaker: 'e1' }, { text: 'Second words', speaker: 'e1' }],
      });
      // The second quote's text is not a string: entities, the article and one quote are written before it fails.
      (bad.quotes[1] as { text: unknown }).text = { not: 'a string' };
      await assert.rejects(store.saveArticle(bad, meta('bad', { url: 'https://broken.example/x' })));
      assert.equal((await store.listArticles()).total, 1);
      assert.deepEqual(await store.resolveEntity('Paul Nagy'), []);
      assert.equal((await store.resolveEntity('Ruth Keller'))[0].articleCount, 1);
      assert.equal((await store.search('words')).total, 0);
      assert.equal(await store.findArticle({ contentHash: contentHash('bad') }), null);
      assert.equal(await store.findArticle({ url: 'https://broken.example/x' }), null);
      assert.deepEqual((await store.listSources()).map((s) => s.publisher), ['example.org']);
      // The same article, fixed, saves cleanly.
      (bad.quotes[1] as { text: unknown }).text = 'Second words';
      assert.equal((await store.saveArticle(bad, meta('bad'))).status, 'added');
      assert.equal((await store.search('words', { type: 'quote' })).total, 2);
    }));

    test('hostile query strings never throw', withStore(async (store) => {
      await store.saveArticle(quoteArticle({ person: 'Ida Moss', quote: 'The bridge will open in June' }), meta('h'));
      const hostile = [
        '', ' ', '"', '""', '"""', '"unclosed phrase', '(', ')', '(()', 'a)b(', 'AND', 'OR', 'NOT', 'NOT bridge', 'bridge NOT', 'bridge AND',
        'AND OR NOT', '*', 'bridge*', '*bridge', '^bridge', 'text:bridge', 'title:bridge', 'NEAR(bridge june)', 'bridge + june', '-bridge',
        "'; DROP TABLE articles; --", '\u0000', '\\', '{bridge}', 'bridge:', ':', '%', '_', '@', '\uffff', '😀 bridge', 'a'.repeat(5000),
        Array.from({ length: 300 }, (_, i) => `w${i}`).join(' OR '), '((((((((((bridge))))))))))', '"bridge" "june"', 'bridge""june',
      ];
      for (const q of hostile) {
        const r = await store.search(q, { limit: 5 });
        assert.ok(Number.isInteger(r.total) && Array.isArray(r.hits), `query ${JSON.stringify(q).slice(0, 40)}`);
      }
      assert.equal((await store.search('bridge: june*', { type: 'quote' })).total, 1, 'punctuation is no syntax');
      assert.equal((await store.search('text:bridge', { type: 'quote' })).total, 0, 'a column prefix is words, not a column filter');
      assert.equal((await store.search('NOT bridge')).total, 0);
      assert.equal((await store.search('bridge NOT', { type: 'quote' })).total, 1);
      assert.equal((await store.listArticles({ limit: 5 })).total, 1, 'the data is intact');
      await assert.rejects(store.listArticles({ cursor: 'garbage' }));
    }));

    test('getArticle, listArticles by source, listSources', withStore(async (store) => {
      const a = await store.saveArticle(quoteArticle({ person: 'Noor Saleh', quote: 'One', url: 'https://www.gulfwire.example/1', published: '2024-01-01' }), meta('s1'));
      await store.saveArticle(quoteArticle({ person: 'Noor Saleh', quote: 'Two', url: 'https://gulfwire.example/2', published: '2024-02-01' }), meta('s2'));
      await store.saveArticle(quoteArticle({ person: 'Noor Saleh', quote: 'Three', url: 'https://desert-daily.example/3', published: '2024-03-01' }), meta('s3'));
      const art = (await store.getArticle(a.articleId))!;
      assert.equal(art.url, 'https://gulfwire.example/1');
      assert.equal(art.publisher, 'gulfwire.example');
      assert.equal(art.result.text.includes('"One," said Noor Saleh.'), true);
      assert.equal(art.entityIds.e1, (await store.resolveEntity('Noor Saleh'))[0].id);
      assert.equal(await store.getArticle(424242), null);
      assert.equal((await store.listArticles({ source: 'gulfwire.example' })).total, 2);
      assert.deepEqual(await store.listSources(), [
        { publisher: 'gulfwire.example', articles: 2, firstPublished: '2024-01-01', lastPublished: '2024-02-01' },
        { publisher: 'desert-daily.example', articles: 1, firstPublished: '2024-03-01', lastPublished: '2024-03-01' },
      ]);
    }));

    test('feeds: add once by URL, list, due by next poll time, poll state recorded', withStore(async (store) => {
      const a = await store.addFeed('https://harbour-news.example/rss', { title: 'Harbour News' });
      assert.equal(a.created, true);
      assert.deepEqual(
        { ...a.feed, addedAt: typeof a.feed.addedAt },
        { id: a.feed.id, url: 'https://harbour-news.example/rss', title: 'Harbour News', addedAt: 'string', etag: null, lastModified: null, lastPolledAt: null, lastStatus: null, lastError: null, failures: 0, nextPollAt: null, entriesSeen: 0 },
      );
      const again = await store.addFeed('https://harbour-news.example/rss', { title: 'Other name' });
      assert.deepEqual({ created: again.created, id: again.feed.id, title: again.feed.title }, { created: false, id: a.feed.id, title: 'Harbour News' });
      const b = (await store.addFeed('https://valley.example/atom.xml')).feed;
      assert.deepEqual((await store.listFeeds()).map((f) => f.id), [a.feed.id, b.id]);

      const now = new Date('2024-12-09T10:00:00Z');
      assert.deepEqual((await store.dueFeeds(now)).map((f) => f.id), [a.feed.id, b.id], 'never polled: due');
      await store.recordFeedPoll(a.feed.id, { polledAt: now.toISOString(), status: 'ok', etag: '"v1"', lastModified: 'Mon, 09 Dec 2024 09:00:00 GMT', error: null, failures: 0, nextPollAt: '2024-12-09T10:30:00.000Z', title: 'Feed title' });
      await store.recordFeedPoll(b.id, { polledAt: now.toISOString(), status: 'error', etag: null, lastModified: null, error: 'TIMEOUT: no answer', failures: 3, nextPollAt: '2024-12-09T10:20:00.000Z', title: 'Valley' });
      const [fa, fb] = await store.listFeeds();
      assert.deepEqual([fa.etag, fa.lastModified, fa.lastStatus, fa.lastError, fa.failures, fa.nextPollAt, fa.lastPolledAt, fa.title], ['"v1"', 'Mon, 09 Dec 2024 09:00:00 GMT', 'ok', null, 0, '2024-12-09T10:30:00.000Z', '2024-12-09T10:00:00.000Z', 'Harbour News']);
      assert.deepEqual([fb.lastStatus, fb.lastError, fb.failures, fb.title], ['error', 'TIMEOUT: no answer', 3, 'Valley'], 'the feed title fills in only a missing one');
      assert.deepEqual((await store.dueFeeds(new Date('2024-12-09T10:19:59Z'))).map((f) => f.id), []);
      assert.deepEqual((await store.dueFeeds(new Date('2024-12-09T10:20:00Z'))).map((f) => f.id), [b.id]);
      assert.deepEqual((await store.dueFeeds(new Date('2024-12-10T00:00:00Z'))).map((f) => f.id), [b.id, a.feed.id], 'most overdue first');
      await assert.rejects(store.recordFeedPoll(424242, { polledAt: now.toISOString(), status: 'ok', etag: null, lastModified: null, error: null, failures: 0, nextPollAt: now.toISOString() }));
    }));

    test('feeds: entries seen per feed, idempotently', withStore(async (store) => {
      const a = (await store.addFeed('https://harbour-news.example/rss')).feed;
      const b = (await store.addFeed('https://valley.example/atom.xml')).feed;
      const saved = await store.saveArticle(quoteArticle({ person: 'Helen Carter', quote: 'The bridge is coming' }), meta('f1'));
      assert.equal(await store.isEntrySeen(a.id, 'guid:1'), false);
      await store.markEntrySeen(a.id, 'guid:1', saved.articleId);
      await store.markEntrySeen(a.id, 'guid:1', saved.articleId);
      await store.markEntrySeen(a.id, 'link:https://harbour-news.example/1');
      assert.equal(await store.isEntrySeen(a.id, 'guid:1'), true);
      assert.equal(await store.isEntrySeen(b.id, 'guid:1'), false, 'seen is per feed');
      assert.deepEqual((await store.listFeeds()).map((f) => f.entriesSeen), [2, 0]);
    }));

    test('accounts: users with hashed passwords, the first one admin', withStore(async (store) => {
      const ana = await store.createUser('ana', 'correct horse battery');
      const ben = await store.createUser('ben', 'another long password');
      assert.equal(ana.isAdmin, true);
      assert.equal(ben.isAdmin, false);
      await assert.rejects(store.createUser('ANA', 'whatever12345'), (e: Error & { code?: string }) => e.code === 'USER_EXISTS');
      await assert.rejects(store.createUser('bad name<', 'whatever12345'), (e: Error & { code?: string }) => e.code === 'BAD_USER_NAME');
      await assert.rejects(store.createUser('cy', 'short'), (e: Error & { code?: string }) => e.code === 'WEAK_PASSWORD');
      assert.equal((await store.verifyUser('ana', 'correct horse battery'))?.id, ana.id);
      assert.equal(await store.verifyUser('ana', 'correct horse batterY'), null);
      assert.equal(await store.verifyUser('nobody', 'correct horse battery'), null);
      assert.equal((await store.findUser('Ana'))?.name, 'ana');
      assert.deepEqual((await store.listUsers()).map((u) => u.name), ['ana', 'ben']);
    }));

    test('accounts: sessions are found by token, expire and can be deleted', withStore(async (store) => {
      const ana = await store.createUser('ana', 'correct horse battery');
      const { token, expiresAt } = await store.createSession(ana.id);
      assert.ok(token.length >= 32 && Date.parse(expiresAt) > Date.now());
      assert.equal((await store.getSession(token))?.user.name, 'ana');
      assert.equal(await store.getSession(token + 'x'), null);
      assert.equal(await store.getSession(''), null);
      const short = await store.createSession(ana.id, { ttlMs: -1000 });
      assert.equal(await store.getSession(short.token), null, 'expired');
      await store.deleteSession(token);
      assert.equal(await store.getSession(token), null);
    }));

    test('notes on articles and quotes; review status per quote', withStore(async (store) => {
      const ana = await store.createUser('ana', 'correct horse battery');
      const saved = await store.saveArticle(quoteArticle({ person: 'Dmitry Peskov', quote: 'Such decisions cannot be made' }), meta('n1'));
      const [q] = await store.articleQuoteReviews(saved.articleId);
      assert.deepEqual([q.ord, q.status, q.articleId], [0, 'unreviewed', saved.articleId]);
      const n1 = await store.addNote({ articleId: saved.articleId }, ana.id, '  Check the <script> date  ');
      const n2 = await store.addNote({ quoteId: q.quoteId }, ana.id, 'Confirmed on video');
      assert.deepEqual([n1.text, n1.quoteId, n1.userName], ['Check the <script> date', null, 'ana']);
      assert.deepEqual([n2.articleId, n2.quoteId], [saved.articleId, q.quoteId]);
      assert.deepEqual((await store.notesFor({ articleId: saved.articleId })).map((n) => n.id), [n1.id, n2.id]);
      assert.deepEqual((await store.notesFor({ quoteId: q.quoteId })).map((n) => n.id), [n2.id]);
      await assert.rejects(store.addNote({ articleId: 424242 }, ana.id, 'x'), (e: Error & { code?: string }) => e.code === 'NOT_FOUND');
      await assert.rejects(store.addNote({ quoteId: q.quoteId }, ana.id, '   '), (e: Error & { code?: string }) => e.code === 'EMPTY_NOTE');

      assert.equal((await store.getReviewStatus(q.quoteId))?.status, 'unreviewed');
      const r = await store.setReviewStatus(q.quoteId, 'disputed', ana.id);
      assert.deepEqual([r.status, r.userName, r.articleId], ['disputed', 'ana', saved.articleId]);
      await store.setReviewStatus(q.quoteId, 'checked', ana.id);
      assert.equal((await store.getReviewStatus(q.quoteId))?.status, 'checked');
      assert.equal((await store.articleQuoteReviews(saved.articleId))[0].status, 'checked');
      assert.equal(await store.getReviewStatus(424242), null);
      await assert.rejects(store.setReviewStatus(q.quoteId, 'bogus' as never, ana.id));
      await assert.rejects(store.setReviewStatus(424242, 'checked', ana.id));
    }));
  });
}
