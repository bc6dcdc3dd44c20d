// Scale-out end to end: two workers and one API server, separate processes, one fresh
// PostgreSQL database. 1,000 generated articles are submitted as text jobs through the API
// (Prefer: respond-async → 202 + job); every one is processed exactly once, none is lost.
// Then a worker is SIGKILLed in the middle of a long job: the other worker takes the job over
// when its lease ends, and still nothing is lost or stored twice.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import pg from 'pg';
import { syntheticCorpus } from '../../bench/corpus.js';
import { migrateCommand } from '../../src/cli/migrate.js';
import { createTestDatabase, type TestDatabase } from '../../src/store/postgres/testing.js';
import { rng, shortArticle, startCli, waitFor, waitForOutput, type Child } from './processes.js';

const SEED = 20241210;
const N = 1000;
const TOKEN = 'scale-test-token-0123456789';
const LEASE_SECONDS = 4;

let db: TestDatabase;
let pool: pg.Pool;
let tmp: string;
const children: Child[] = [];
let api = '';

const count = async (sql: string, params: unknown[] = []) => Number((await pool.query(sql, params)).rows[0].n);

async function post(body: object): Promise<{ status: number; json: { job?: { id: number }; status?: string } }> {
  const res = await fetch(`${api}/api/articles`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}`, prefer: 'respond-async' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as { job?: { id: number } } };
}

/** Submits every body with `parallel` requests in flight; returns the job ids. */
async function submitAll(bodies: object[], parallel = 16): Promise<number[]> {
  const ids: number[] = new Array(bodies.length);
  let next = 0;
  await Promise.all(Array.from({ length: parallel }, async () => {
    while (next < bodies.length) {
      const i = next++;
      const r = await post(bodies[i]);
      assert.equal(r.status, 202, `submission ${i}: ${JSON.stringify(r.json)}`);
      ids[i] = r.json.job!.id;
    }
  }));
  return ids;
}

const workerArgs = (url: string) => ['worker', '--database', url, '--lease-seconds', String(LEASE_SECONDS), '--feed-check-seconds', '0', '--backoff-seconds', '1'];

describe('scale-out: two workers and an API server on PostgreSQL', { timeout: 170_000 }, () => {
  before(async () => {
    db = await createTestDatabase('newsgraph_scale');
    pool = new pg.Pool({ connectionString: db.url, max: 2 });
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-scale-'));
    await migrateCommand({ database: db.url }, () => undefined);
    children.push(startCli('worker A', workerArgs(db.url)), startCli('worker B', workerArgs(db.url)));
    await Promise.all(children.map((c) => waitForOutput(c, /taking jobs from/)));
    const server = startCli('api', ['serve', '--database', db.url, '--port', '0', '--token', TOKEN, '--data', tmp, '--poll-interval-min', '0']);
    children.push(server);
    api = (await waitForOutput(server, /listening on (http:\/\/\S+)/))[1];
  });

  after(async () => {
    await Promise.all(children.map((c) => c.stop()));
    await pool?.end();
    await db?.drop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  test(`${N} articles through the queue: each processed exactly once, none lost`, async () => {
    const r = rng(SEED);
    const bodies = Array.from({ length: N }, (_, i) => ({ text: shortArticle(r, i), url: `https://scale.example/a/${i}`, published: '2024-06-01' }));
    const started = Date.now();
    const ids = await submitAll(bodies);
    assert.equal(new Set(ids).size, N, 'one job per article');
    // The same article again is the same job (idempotency key), not a second one.
    assert.equal((await post(bodies[7])).json.job!.id, ids[7]);

    await waitFor('every job done', async () => ((await count("SELECT count(*) AS n FROM jobs WHERE state IN ('done', 'dead')")) >= N ? true : undefined), 120_000, 250);
    const seconds = (Date.now() - started) / 1000;
    process.stderr.write(`# ${N} articles in ${seconds.toFixed(1)} s (${(N / seconds).toFixed(0)}/s) with 2 workers, seed ${SEED}\n`);

    const states = (await fetch(`${api}/api/jobs?limit=0`).then((res) => res.json())) as { counts: Record<string, number>; workers: number };
    assert.deepEqual([states.counts.done, states.counts.dead, states.counts.retry, states.counts.queued, states.counts.running], [N, 0, 0, 0, 0]);
    assert.equal(states.workers, 2);
    assert.equal(await count('SELECT count(*) AS n FROM articles'), N, 'none lost, none twice');
    assert.equal(await count('SELECT count(DISTINCT canonical_url) AS n FROM articles'), N);
    assert.equal(await count("SELECT count(*) AS n FROM articles WHERE canonical_url LIKE 'https://scale.example/a/%'"), N);
    assert.equal(await count("SELECT count(*) AS n FROM jobs WHERE result->>'status' = 'added'"), N, 'every job added its own article');
    assert.equal(await count("SELECT count(DISTINCT result->>'articleId') AS n FROM jobs"), N);
    assert.equal(await count('SELECT count(*) AS n FROM jobs WHERE attempts <> 1'), 0);
    const perWorker = (await pool.query("SELECT locked_by, count(*)::int AS n FROM jobs GROUP BY locked_by")).rows as { locked_by: string; n: number }[];
    assert.equal(perWorker.length, 2, `both workers took jobs: ${JSON.stringify(perWorker)}`);
    // The API serves what the workers stored.
    const search = (await fetch(`${api}/api/search?q=dispatch&type=article&limit=1`).then((res) => res.json())) as { total: number };
    assert.equal(search.total, N);
  });

  test('a worker SIGKILLed mid-job: the other takes the job over after its lease; nothing lost or doubled', async () => {
    const before = await count('SELECT count(*) AS n FROM articles');
    // A long article (seconds of analysis) and a batch of short ones behind it.
    const long = syntheticCorpus(500, SEED).join('\n\n');
    const big = await post({ text: long, url: 'https://scale.example/long', published: '2024-06-02' });
    assert.equal(big.status, 202);
    const bigId = big.json.job!.id;
    const running = await waitFor('the long job to start', async () => {
      const row = (await pool.query("SELECT locked_by FROM jobs WHERE id = $1 AND state = 'running'", [bigId])).rows[0] as { locked_by: string } | undefined;
      return row?.locked_by;
    }, 30_000, 20);
    const r = rng(SEED + 1);
    const rest = await submitAll(Array.from({ length: 100 }, (_, i) => ({ text: shortArticle(r, N + i), url: `https://scale.example/b/${i}` })), 8);
    const pid = Number(running.split(':')[1]);
    const victim = children.find((c) => c.proc.pid === pid);
    assert.ok(victim, `the worker holding the job (${running}) is one of ours`);
    victim.proc.kill('SIGKILL');
    assert.equal(await victim.exited, 'SIGKILL');

    const done = [bigId, ...rest];
    await waitFor('the long job and the batch done', async () => ((await count("SELECT count(*) AS n FROM jobs WHERE id = ANY($1::bigint[]) AND state IN ('done', 'dead')", [done])) === done.length ? true : undefined), 90_000, 250);
    const job = (await fetch(`${api}/api/jobs/${bigId}`).then((res) => res.json())) as { state: string; attempts: number; lockedBy: string; lastError: string | null; result: { status: string } };
    assert.equal(job.state, 'done');
    assert.equal(job.attempts, 2, 'taken over after the kill');
    assert.notEqual(job.lockedBy, running, 'by the other worker');
    assert.match(job.lastError ?? '', /LEASE_EXPIRED/);
    assert.equal(job.result.status, 'added');
    assert.equal(await count('SELECT count(*) AS n FROM articles') - before, 101, 'the long one and the batch, once each');
    assert.equal(await count("SELECT count(*) AS n FROM articles WHERE canonical_url = 'https://scale.example/long'"), 1);
    assert.equal(await count("SELECT count(*) AS n FROM jobs WHERE state <> 'done'"), 0);
    const failed = (await fetch(`${api}/api/jobs?state=failed`).then((res) => res.json())) as { total: number };
    assert.equal(failed.total, 0);
  });
});
