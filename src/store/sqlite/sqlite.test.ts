import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { runStoreConformance } from '../conformance.js';
import { contentHash } from '../store.js';
import { buildResult } from '../testing.js';
import { MIGRATIONS, SqliteStore, isNewerVersion } from './index.js';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-sqlite-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const freshFile = () => path.join(tmp, `kb-${process.pid}-${n++}`, 'newsgraph.db');

runStoreConformance('sqlite', async () => new SqliteStore(freshFile()));

const article = (quote: string) =>
  buildResult({
    title: 'Harbour',
    published: '2024-05-01',
    paragraphs: [`"${quote}," said Mira Lund.`, 'Harbour Board met on Monday.'],
    entities: [{ id: 'e1', name: 'Mira Lund' }, { id: 'e2', name: 'Harbour Board', type: 'ORG' }],
    quotes: [{ text: quote, speaker: 'e1' }],
  });

describe('SQLite store', () => {
  test('WAL, foreign keys and migrations are recorded; reopening keeps the data', async () => {
    const file = freshFile();
    const store = new SqliteStore(file);
    assert.equal(store.db.pragma('journal_mode', { simple: true }), 'wal');
    assert.equal(store.db.pragma('foreign_keys', { simple: true }), 1);
    const rows = store.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    assert.deepEqual(rows.map((r) => r.version), MIGRATIONS.map((m) => m.version));
    await store.saveArticle(article('The cranes are back'), { contentHash: contentHash('x'), pipelineVersion: 'p/1' });
    await store.close();
    const again = new SqliteStore(file);
    assert.equal((await again.search('cranes', { type: 'quote' })).total, 1);
    assert.equal((again.db.prepare('SELECT count(*) AS n FROM schema_migrations').get() as { n: number }).n, MIGRATIONS.length);
    await again.close();
  });

  for (const point of ['article', 'entity', 'quote'] as const) {
    test(`an injected failure after the ${point} step rolls the whole article back`, async () => {
      let armed = false;
      const store = new SqliteStore(freshFile(), {
        failpoint: (p, i) => {
          if (armed && p === point && i === (point === 'entity' ? 1 : 0)) throw new Error(`injected at ${p}`);
        },
      });
      await store.saveArticle(article('Ships are waiting'), { contentHash: contentHash('one'), pipelineVersion: 'p/1' });
      const counts = () =>
        ['articles', 'entities', 'aliases', 'article_entities', 'quotes', 'quote_mentions', 'entity_keys', 'quotes_fts', 'articles_fts'].map(
          (t) => (store.db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n,
        );
      const before = counts();
      armed = true;
      await assert.rejects(store.saveArticle(article('Ships are leaving'), { contentHash: contentHash('two'), pipelineVersion: 'p/1' }), /injected/);
      // Re-processing an existing article that fails keeps the old annotations.
      await assert.rejects(store.saveArticle(article('Ships are gone'), { contentHash: contentHash('one'), pipelineVersion: 'p/2' }), /injected/);
      assert.deepEqual(counts(), before);
      assert.equal((await store.search('leaving')).total, 0);
      assert.equal((await store.search('waiting', { type: 'quote' })).total, 1);
      assert.equal((await store.listArticles()).items[0].pipelineVersion, 'p/1');
      assert.equal((store.db.prepare("PRAGMA integrity_check").get() as { integrity_check: string }).integrity_check, 'ok');
      armed = false;
      assert.equal((await store.saveArticle(article('Ships are leaving'), { contentHash: contentHash('two'), pipelineVersion: 'p/1' })).status, 'added');
      await store.close();
    });
  }

  test('the full-text indexes stay in step with the tables', async () => {
    const store = new SqliteStore(freshFile());
    await store.saveArticle(article('Cranes are back'), { contentHash: contentHash('a'), pipelineVersion: 'p/1' });
    await store.saveArticle(article('Cranes are gone'), { contentHash: contentHash('a'), pipelineVersion: 'p/2' });
    store.db.exec("INSERT INTO quotes_fts(quotes_fts, rank) VALUES ('integrity-check', 1)");
    store.db.exec("INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)");
    assert.equal((await store.search('back')).total, 0);
    assert.equal((await store.search('gone')).total, 2);
    await store.close();
  });

  test('saveArticles saves a batch in order; a bad article fails alone', async () => {
    const store = new SqliteStore(freshFile());
    const bad = article('Broken words');
    (bad.quotes[0] as { text: unknown }).text = { not: 'a string' };
    const outcomes = await store.saveArticles([
      { result: article('Cranes are back'), meta: { contentHash: contentHash('b1'), pipelineVersion: 'p/1' } },
      { result: bad, meta: { contentHash: contentHash('b2'), pipelineVersion: 'p/1' } },
      { result: article('Cranes are gone'), meta: { contentHash: contentHash('b3'), pipelineVersion: 'p/1' } },
      { result: article('Cranes are back'), meta: { contentHash: contentHash('b1'), pipelineVersion: 'p/1' } },
    ]);
    assert.deepEqual(outcomes.map((o) => (o.ok ? o.outcome.status : 'failed')), ['added', 'failed', 'added', 'duplicate']);
    assert.equal((await store.listArticles()).total, 2);
    assert.equal((await store.search('broken')).total, 0);
    assert.equal((await store.search('cranes', { type: 'quote' })).total, 2);
    assert.equal((await store.resolveEntity('Mira Lund'))[0].articleCount, 2);
    await store.close();
  });

  test('search ranks a bounded candidate set: the newest matches; the total is then a lower bound', async () => {
    const store = new SqliteStore(freshFile(), { searchCandidates: 3 });
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
    assert.equal(exact.totalIsLowerBound, undefined);
    await store.close();
  });

  test('pipeline versions compare by number', () => {
    assert.equal(isNewerVersion('newsgraph-pipeline/10', 'newsgraph-pipeline/9'), true);
    assert.equal(isNewerVersion('newsgraph-pipeline/2', 'newsgraph-pipeline/2'), false);
    assert.equal(isNewerVersion('newsgraph-pipeline/1', 'newsgraph-pipeline/2'), false);
  });
});
