import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { NewsgraphError } from '../doc/errors.js';
import { formatHits, registerKbCommands } from './kb.js';

const fixtures = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/kb/harbour');
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-kb-cli-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<string> {
  const out = new PassThrough();
  const err = new PassThrough();
  let text = '';
  out.on('data', (d) => (text += d));
  const program = new Command().exitOverride();
  registerKbCommands(program, { out, err, env });
  await program.parseAsync(['node', 'newsgraph', ...args]);
  return text;
}

test('newsgraph ingest then search, with --data and NEWSGRAPH_DATA_DIR', async () => {
  const data = path.join(tmp, 'kb');
  const summary = await run(['ingest', fixtures, '--data', data]);
  assert.match(summary, /^5 added, 0 updated, 1 duplicate, 3 failed, 1 skipped/);
  assert.match(summary, /failed: .*empty\.txt: no article text found \[EMPTY_ARTICLE\]/);
  assert.ok(fs.existsSync(path.join(data, 'newsgraph.db')));

  const again = await run(['ingest', path.join(fixtures, 'bridge.txt'), '--data', data, '--json']);
  assert.deepEqual(JSON.parse(again), { added: 0, updated: 0, duplicates: 1, failed: [], skipped: [] });
  assert.match(await run(['search', 'cheque', '--speaker', 'Marsh', '--data', data]), /^1 match:/);
  assert.equal(await run(['search', 'cheque', '--speaker', 'Tobias Wren', '--data', data]), 'No matches.\n');
});

test('search output: text and JSON, filters, the data folder from the environment', async () => {
  const data = path.join(tmp, 'kb2');
  await run(['ingest', fixtures], { NEWSGRAPH_DATA_DIR: data });
  const text = await run(['search', 'cheque', '--speaker', 'Marsh'], { NEWSGRAPH_DATA_DIR: data });
  assert.match(text, /^1 match:\n\n2024-02-12 {2}(?:Helena )?Marsh \(direct quote #\d+, article #\d+\)\n {2}.*\*\*cheque\*\*/);
  const json = JSON.parse(await run(['search', 'bridge', '--json', '--type', 'article', '--limit', '1', '--data', data]));
  assert.equal(json.hits.length, 1);
  assert.equal(json.total, 2);
  assert.equal(json.hits[0].type, 'article');
  const byDate = JSON.parse(await run(['search', 'harbour', '--from', '2024-04-01', '--to', '2024-04-05', '--json', '--data', data]));
  assert.ok(byDate.total >= 1);
  assert.ok(byDate.hits.every((h: { published: string }) => h.published === '2024-04-02'));
  await assert.rejects(run(['search', '', '--data', data]), (e: unknown) => e instanceof NewsgraphError && e.code === 'USAGE');
  await assert.rejects(run(['search', 'x', '--type', 'article', '--speaker', 'Marsh', '--data', data]), NewsgraphError);
  await assert.rejects(run(['search', 'x', '--data', path.join(tmp, 'none')]), (e: unknown) => e instanceof NewsgraphError && e.code === 'NO_KNOWLEDGE_BASE');
  await assert.rejects(run(['search', 'x', '--from', 'yesterday', '--data', data]));
});

test('formatHits marks matched words in bold on a terminal only', () => {
  const hit = { type: 'article' as const, id: 3, articleId: 3, snippet: 'a **b** c **d**', score: 1, title: 'T', published: '2024-01-02', publisher: 'p.example', url: null };
  assert.equal(formatHits(1, [hit], 0, false), '1 match:\n\n2024-01-02  article #3\n  a **b** c **d**\n  p.example, “T”');
  assert.ok(formatHits(1, [hit], 0, true).includes('a \x1b[1mb\x1b[0m c \x1b[1md\x1b[0m'));
  assert.equal(formatHits(0, [], 0, false), 'No matches.');
});
