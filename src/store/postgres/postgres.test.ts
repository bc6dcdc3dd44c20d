import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { runStoreConformance } from '../conformance.js';
import { contentHash } from '../store.js';
import { buildResult } from '../testing.js';
import { ftsVector, snippet, matchersOf, toTsQuery } from './fts.js';
import { parseQuery } from '../query.js';
import { MIGRATIONS, PostgresStore, migrate, openPostgresStore, type PostgresStoreOptions } from './index.js';
import { createTestDatabase, type TestDatabase } from './testing.js';

// One fresh database for the run; every store gets its own schema in it.
let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
});
after(async () => {
  await db?.drop();
});
let n = 0;
const freshStore = (options: PostgresStoreOptions = {}) => openPostgresStore(db.url, { schema: `s${process.pid}_${n++}`, poolSize: 4, ...options });

runStoreConformance('postgres', () => freshStore());

const article = (quote: string) =>
  buildResult({
    title: 'Harbour',
    published: '2024-05-01',
    paragraphs: [`"${quote}," said Mira Lund.`, 'Harbour Board met on Monday.'],
    entities: [{ id: 'e1', name: 'Mira Lund' }, { id: 'e2', name: 'Harbour Board', type: 'ORG' }],
    quotes: [{ text: quote, speaker: 'e1' }],
  });

const count = async (store: PostgresStore, table: string) => Number((await store.pool.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);

describe('PostgreSQL store', () => {
  test('migrations are recorded once, even with concurrent starters; reopening keeps the data', async () => {
    const schema = `mig${process.pid}`;
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPostgresStore(db.url, { schema, poolSize: 2 })));
    const rows = (await stores[0].pool.query('SELECT version FROM schema_migrations ORDER BY version')).rows.map((r) => r.version);
    assert.deepEqual(rows, MIGRATIONS.map((m) => m.version));
    await stores[0].saveArticle(article('The cranes are back'), { contentHash: contentHash('x'), pipelineVersion: 'p/1' });
    await Promise.all(stores.map((s) => s.close()));
    const again = await openPostgresStore(db.url, { schema });
    assert.equal((await again.search('cranes', { type: 'quote' })).total, 1);
    assert.deepEqual(await migrate(again.pool), []);
    await again.close();
  });

  test('a database newer than the code is refused', async () => {
    const store = await freshStore();
    await store.pool.query("INSERT INTO schema_migrations VALUES (999, 'future', 'x')");
    await assert.rejects(migrate(store.pool), /newer than this newsgraph knows/);
    await store.close();
  });

  for (const point of ['article', 'entity', 'quote'] as const) {
    test(`an injected failure after the ${point} step rolls the whole article back`, async () => {
      let armed = false;
      const store = await freshStore({
        failpoint: (p, i) => {
          if (armed && p === point && i === (point === 'entity' ? 1 : 0)) throw new Error(`injected at ${p}`);
        },
      });
      await store.saveArticle(article('Ships are waiting'), { contentHash: contentHash('one'), pipelineVersion: 'p/1' });
      const tables = ['articles', 'entities', 'aliases', 'article_entities', 'quotes', 'quote_mentions', 'entity_keys'];
      const counts = () => Promise.all(tables.map((t) => count(store, t)));
      const beforeCounts = await counts();
      armed = true;
      await assert.rejects(store.saveArticle(article('Ships are leaving'), { contentHash: contentHash('two'), pipelineVersion: 'p/1' }), /injected/);
      await assert.rejects(store.saveArticle(article('Ships are gone'), { contentHash: contentHash('one'), pipelineVersion: 'p/2' }), /injected/);
      assert.deepEqual(await counts(), beforeCounts);
      assert.equal((await store.search('leaving')).total, 0);
      assert.equal((await store.search('waiting', { type: 'quote' })).total, 1);
      assert.equal((await store.listArticles()).items[0].pipelineVersion, 'p/1');
      armed = false;
      assert.equal((await store.saveArticle(article('Ships are leaving'), { contentHash: contentHash('two'), pipelineVersion: 'p/1' })).status, 'added');
      await store.close();
    });
  }

  test('concurrent saves from many connections: one article per content, one entity per name', async () => {
    const schema = `conc${process.pid}`;
    const stores = await Promise.all(Array.from({ length: 3 }, () => openPostgresStore(db.url, { schema, poolSize: 4 })));
    const jobs = [];
    for (let i = 0; i < 60; i++) {
      const store = stores[i % stores.length];
      const k = i % 20; // every article three times
      const r = buildResult({
        title: `Port ${k}`,
        paragraphs: [`"Cargo volume ${k} is up," said Mira Lund${k % 2 ? '' : ' Jr'}.`, `Harbour Board ${k % 3} met.`],
        entities: [{ id: 'e1', name: k % 2 ? 'Mira Lund' : 'Mira Lund Jr' }, { id: 'e2', name: `Harbour Board ${k % 3}`, type: 'ORG' }],
        quotes: [{ text: `Cargo volume ${k} is up`, speaker: 'e1' }],
      });
      jobs.push(store.saveArticle(r, { contentHash: contentHash(`c${k}`), pipelineVersion: 'p/1' }));
    }
    const outcomes = await Promise.all(jobs);
    assert.equal(outcomes.filter((o) => o.status === 'added').length, 20);
    assert.equal(outcomes.filter((o) => o.status === 'duplicate').length, 40);
    const s = stores[0];
    assert.equal((await s.listArticles()).total, 20);
    assert.equal((await s.listEntities({ type: 'ORG' })).total, 3);
    const [mira] = await s.resolveEntity('Mira Lund');
    assert.equal(mira.articleCount, 10);
    assert.equal(mira.quoteCount, 10);
    await Promise.all(stores.map((x) => x.close()));
  });

  test('tsvector weights: title A, text B; accents folded; U+0000 stored', async () => {
    assert.equal(ftsVector([{ text: 'Erdoğan speaks', weight: 'A' }, { text: 'erdogan, again', weight: 'B' }]), "'erdogan':1A,3B 'speaks':2A 'again':4B");
    assert.equal(toTsQuery(parseQuery('"bridge will" tun* NOT x-ray OR e-mail')!), "((('bridge' <-> 'will') & ('tun':* & !('x' <-> 'ray'))) | ('e' <-> 'mail'))");
    assert.equal(snippet('The Bridge, the bridges.', matchersOf(parseQuery('bridge*')), '[', ']', 48), 'The [Bridge], the [bridges].');
    const long = Array.from({ length: 100 }, (_, i) => `w${i}`).join(' ');
    assert.equal(snippet(long, matchersOf(parseQuery('w50')), '[', ']', 10), '…w48 w49 [w50] w51 w52 w53 w54 w55 w56 w57…');
    const store = await freshStore();
    await store.saveArticle(buildResult({ title: 'Nul', paragraphs: ['Zero \u0000 byte in Ankara.'] }), { contentHash: contentHash('nul'), pipelineVersion: 'p/1' });
    assert.equal((await store.search('ankara')).total, 1);
    assert.equal((await store.search('ERDOĞAN OR zero')).total, 1);
    const tsv = (await store.pool.query("SELECT tsv::text AS t FROM articles")).rows[0].t;
    assert.match(tsv, /'nul':1A/);
    await store.close();
  });

  test('an unreachable server is an error that says how to start one', async () => {
    const saved = process.env.NEWSGRAPH_TEST_DATABASE_URL;
    process.env.NEWSGRAPH_TEST_DATABASE_URL = 'postgres://postgres@127.0.0.1:1/none';
    try {
      await assert.rejects(createTestDatabase(), /pg_ctlcluster 15 main start/);
    } finally {
      if (saved === undefined) delete process.env.NEWSGRAPH_TEST_DATABASE_URL;
      else process.env.NEWSGRAPH_TEST_DATABASE_URL = saved;
    }
    void pg;
  });
  test('search ranks a bounded candidate set: the newest matches; the total is then a lower bound', async () => {
    const store = await freshStore({ searchCandidates: 3 });
    try {
      for (let i = 0; i < 5; i++) {
        await store.saveArticle(article(`Harbour cranes ${'cranes '.repeat(i)}number ${i}`), { contentHash: contentHash(`c${i}`), pipelineVersion: 'p/1' });
      }
      const r = await store.search('cranes', { type: 'quote', limit: 10 });
      assert.equal(r.total, 3);
      assert.equal(r.totalIsLowerBound, true);
      assert.deepEqual(r.hits.map((h) => h.snippet.replaceAll('**', '')).sort(), [2, 3, 4].map((i) => `Harbour cranes ${'cranes '.repeat(i)}number ${i}`).sort());
      for (let i = 1; i < r.hits.length; i++) assert.ok(r.hits[i - 1].score >= r.hits[i].score);
      const exact = await store.search('"number 1"', { type: 'quote' });
      assert.equal(exact.total, 1);
      assert.ok(!exact.totalIsLowerBound);
    } finally {
      await store.close();
    }
  });
});
