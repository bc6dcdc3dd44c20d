import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { SqliteStore } from '../store/sqlite/index.js';
import { MARK_OPEN } from '../store/store.js';
import { buildResult } from '../store/testing.js';
import { formatSummary, ingestPaths, type IngestProgress } from './ingest.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/kb/harbour');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-ingest-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));
let n = 0;
const newStore = () => new SqliteStore(path.join(tmp, `kb${n++}`, 'newsgraph.db'));

describe('ingestPaths end to end (extractArticle → SQLite)', () => {
  test('a fixture folder: added, duplicates, failures reported, then quotes found by speaker', async () => {
    const store = newStore();
    const seen: IngestProgress[] = [];
    const summary = await ingestPaths([root], store, { onProgress: (p) => seen.push(p) });
    assert.equal(summary.added, 5);
    assert.equal(summary.duplicates, 1, 'wire.jsonl line 5 has the URL of line 1');
    assert.deepEqual(
      summary.failed.map((f) => [path.relative(root, f.path), f.line, f.code]),
      [['empty.txt', undefined, 'EMPTY_ARTICLE'], ['wire.jsonl', 3, 'BAD_JSON'], ['wire.jsonl', 4, 'BAD_LINE']],
    );
    assert.deepEqual(summary.skipped.map((p) => path.basename(p)), ['notes.md']);
    assert.equal(seen.length, 9);
    assert.equal(seen.at(-1)?.done, 9);
    assert.match(formatSummary(summary), /^5 added, 0 updated, 1 duplicate, 3 failed, 1 skipped/);
    assert.match(formatSummary(summary), /wire\.jsonl:3: the line is not valid JSON \[BAD_JSON\]/);

    // Helena Marsh is quoted in bridge.txt and in more/budget.html. Whether NER reads her full
    // name or only "Marsh" in each, the store makes her one entity (a surname joins the full name).
    const marsh = await store.resolveEntity('Marsh');
    assert.equal(marsh.length, 1);
    assert.equal(marsh[0].articleCount, 2);
    const quotes = await store.quotesBySpeaker(marsh[0].id);
    assert.ok(quotes.total >= 2);
    const direct = quotes.items.filter((q) => q.kind === 'direct').map((q) => q.text);
    assert.ok(direct[0].includes('blank cheque'), 'the February quote comes first');
    assert.ok(direct.some((t) => t.includes('numbers simply do not add up')));
    const whens = quotes.items.map((q) => q.when ?? '');
    assert.deepEqual([...whens].sort(), whens);

    const hits = await store.search('"blank cheque"', { speaker: 'Marsh' });
    assert.equal(hits.total, 1);
    assert.equal(hits.hits[0].type, 'quote');
    assert.ok(hits.hits[0].snippet.includes(`${MARK_OPEN}blank`));
    assert.equal(hits.hits[0].title, 'Council delays vote on the Eastgate bridge');
    assert.equal((await store.search('cheque', { speaker: 'Marsh' })).total, 1, 'the surname finds her too');
    assert.equal((await store.search('cheque', { speaker: 'Tobias Wren' })).total, 0);
    const audit = await store.search('audit', { publisher: 'Eastgate Courier', type: 'article' });
    assert.equal(audit.total, 1);
    assert.equal(audit.hits[0].url, 'https://eastgate-courier.example/news/budget-row');
    assert.equal((await store.search('audit', { publisher: 'www.eastgate-courier.example', type: 'article' })).total, 1, 'the domain works too');

    // Running it again adds nothing.
    const again = await ingestPaths([root], store);
    assert.deepEqual([again.added, again.updated, again.duplicates, again.failed.length], [0, 0, 6, 3]);
    assert.equal((await store.listArticles()).total, 5);

    // A newer pipeline version re-analyses and replaces in place.
    const newer = await ingestPaths([path.join(root, 'bridge.txt')], store, { pipelineVersion: 'newsgraph-pipeline/999' });
    assert.deepEqual([newer.added, newer.updated, newer.duplicates], [0, 1, 0]);
    assert.equal((await store.listArticles()).total, 5);
    assert.equal((await store.quotesBySpeaker(marsh[0].id)).total, quotes.total);
    await store.close();
  });

  test('missing paths and analysis failures are reported and the run goes on', async () => {
    const store = newStore();
    const dir = path.join(tmp, 'mixed');
    fs.mkdirSync(path.join(dir, 'sub'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'a.txt'), 'Alpha title\n\n"Alpha words," said Ann Lee.');
    fs.writeFileSync(path.join(dir, 'sub', 'b.txt'), 'Boom title\n\nThis one fails.');
    fs.writeFileSync(path.join(dir, 'c.htm'), '<p>"Gamma words," said Ann Lee.</p>');
    fs.writeFileSync(path.join(dir, '.hidden.txt'), 'Hidden');
    const summary = await ingestPaths([path.join(dir, 'nope.txt'), dir], store, {
      analyse: (input) => {
        const text = input.kind === 'text' ? input.text : input.kind === 'html' ? input.html : input.body;
        if (text.includes('fails')) throw new Error('analysis blew up');
        const quote = /"(\w+ words)/.exec(text)![1];
        return buildResult({ paragraphs: [`"${quote}," said Ann Lee.`], entities: [{ id: 'e1', name: 'Ann Lee' }], quotes: [{ text: quote, speaker: 'e1' }] });
      },
    });
    assert.equal(summary.added, 2);
    assert.deepEqual(summary.failed.map((f) => [path.basename(f.path), f.reason]), [['nope.txt', 'no such file or folder'], ['b.txt', 'analysis blew up']]);
    const [ann] = await store.resolveEntity('Ann Lee');
    assert.deepEqual((await store.quotesBySpeaker(ann.id)).items.map((q) => q.text).sort(), ['Alpha words', 'Gamma words']);
    await store.close();
  });
});
