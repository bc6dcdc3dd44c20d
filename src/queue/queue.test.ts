import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { openPostgresStore, type PostgresStore } from '../store/postgres/index.js';
import { createTestDatabase, type TestDatabase } from '../store/postgres/testing.js';
import { JobQueue, PermanentJobError, Worker, type QueueOptions } from './index.js';
import { apiRoutes, createApp, hashToken } from '../server/index.js';
import { JOBS_PATHS, OPENAPI } from '../server/openapi.js';

let db: TestDatabase;
before(async () => {
  db = await createTestDatabase();
});
after(async () => {
  await db?.drop();
});
let n = 0;
async function fresh(options: QueueOptions = {}): Promise<{ store: PostgresStore; queue: JobQueue; close: () => Promise<void> }> {
  const store = await openPostgresStore(db.url, { schema: `q${process.pid}_${n++}`, poolSize: 6 });
  return { store, queue: new JobQueue(store.pool, options), close: () => store.close() };
}

describe('job queue', () => {
  test('the same key is one job; a URL is keyed by its canonical form', async () => {
    const { queue, close } = await fresh();
    const a = await queue.enqueue('ingest-url', { url: 'https://www.example.org/a?utm_source=x' });
    const b = await queue.enqueue('ingest-url', { url: 'https://example.org/a' });
    assert.equal(a.created, true);
    assert.equal(b.created, false);
    assert.equal(b.job.id, a.job.id);
    const t1 = await queue.enqueue('ingest-text', { text: 'Some  words.' });
    const t2 = await queue.enqueue('ingest-text', { text: 'Some words.' });
    assert.equal(t1.job.id, t2.job.id);
    assert.equal((await queue.listJobs()).total, 2);
    await assert.rejects(queue.enqueue('nope' as never, {}));
    await close();
  });

  test('concurrent claimers never get the same job (SKIP LOCKED)', async () => {
    const { queue, close } = await fresh();
    for (let i = 0; i < 50; i++) await queue.enqueue('ingest-text', { text: `t${i}` });
    const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => queue.claim(`w${i}`, 7)));
    const ids = claims.flat().map((j) => j.id);
    assert.equal(ids.length, 50);
    assert.equal(new Set(ids).size, 50);
    assert.deepEqual(await queue.claim('late', 5), []);
    await close();
  });

  test('retries with exponential back-off, then dead; a permanent error is dead at once', async () => {
    const { queue, close } = await fresh({ backoffBaseMs: 100, backoffMaxMs: 1000, maxAttempts: 3 });
    const { job } = await queue.enqueue('ingest-url', { url: 'https://example.org/flaky' });
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      let claimed;
      for (let i = 0; i < 100 && !(claimed = (await queue.claim('w', 1))[0]); i++) await delay(20);
      assert.ok(claimed, `attempt ${attempt} claimed`);
      assert.equal(claimed.attempts, attempt);
      const { state } = await queue.fail(claimed, 'UNREACHABLE: no answer');
      const after = (await queue.getJob(job.id))!;
      assert.equal(state, attempt < 3 ? 'retry' : 'dead');
      delays.push(Date.parse(after.runAt) - Date.now());
    }
    assert.ok(delays[1] > delays[0] * 1.4, `doubling: ${delays}`);
    const dead = (await queue.listJobs({ state: 'failed' })).items;
    assert.deepEqual(dead.map((j) => [j.id, j.state, j.lastError]), [[job.id, 'dead', 'UNREACHABLE: no answer']]);
    // Enqueued again, a dead job comes back to life.
    const again = await queue.enqueue('ingest-url', { url: 'https://example.org/flaky' });
    assert.deepEqual([again.job.id, again.job.state, again.job.attempts], [job.id, 'queued', 0]);

    const p = await queue.enqueue('ingest-url', { url: 'https://example.org/bad' });
    const [c] = (await queue.claim('w', 2)).filter((j) => j.id === p.job.id);
    assert.ok(c);
    assert.equal((await queue.fail(c, 'EMPTY_ARTICLE: nothing', { permanent: true })).state, 'dead');
    await close();
  });

  test('an expired lease is taken over; the first worker can no longer complete it', async () => {
    const { queue, close } = await fresh({ leaseMs: 200 });
    const { job } = await queue.enqueue('ingest-text', { text: 'x' });
    const [first] = await queue.claim('dead-worker', 1);
    assert.deepEqual(await queue.claim('other', 1), [], 'leased');
    await delay(300);
    const [second] = await queue.claim('other', 1);
    assert.equal(second.id, job.id);
    assert.equal(second.attempts, 2);
    assert.match(second.lastError ?? '', /LEASE_EXPIRED: worker dead-worker/);
    assert.equal(await queue.complete(first, { late: true }), false, 'fenced by the lease token');
    assert.deepEqual(await queue.extend([first.leaseToken]), []);
    assert.equal(await queue.complete(second, { ok: true }), true);
    assert.deepEqual((await queue.getJob(job.id))!.result, { ok: true });
    await close();
  });

  test('due feeds are scheduled exactly once across concurrent schedulers', async () => {
    const { store, queue, close } = await fresh();
    for (let i = 0; i < 12; i++) await store.addFeed(`https://feeds${i}.example/rss`);
    const now = new Date();
    const rounds = await Promise.all(Array.from({ length: 6 }, () => queue.scheduleFeeds(now)));
    const feedIds = rounds.flat().map((j) => j.payload.feedId);
    assert.equal(feedIds.length, 12);
    assert.equal(new Set(feedIds).size, 12);
    assert.deepEqual(await queue.scheduleFeeds(new Date(now.getTime() + 1000)), [], 'not due again until polled or the hold ends');
    assert.equal((await store.dueFeeds(new Date(now.getTime() + 16 * 60_000))).length, 12, 'a lost poll is due again after the hold');
    await close();
  });

  test('a worker runs text jobs through the pipeline; failures are kept on the job', async () => {
    const { store, queue, close } = await fresh({ backoffBaseMs: 50 });
    const texts = ['"The port will reopen in May," said Anna Berg, the harbour master.', '"Prices are stable," said Tom Hale on Monday in Oslo.'];
    for (const text of texts) await queue.enqueue('ingest-text', { text, published: '2024-05-01' });
    await queue.enqueue('ingest-text', { text: '   ' });
    const worker = new Worker(store, queue, {
      concurrency: 2,
      idlePollMs: 20,
      feedScheduleMs: 0,
      handlers: { reprocess: async () => { throw new PermanentJobError('NOT_FOUND', 'gone'); } },
    });
    await worker.start();
    for (let i = 0; i < 200; i++) {
      const c = await queue.counts();
      if (c.done === 2 && c.dead === 1) break;
      await delay(25);
    }
    await worker.stop();
    const counts = await queue.counts();
    assert.deepEqual([counts.done, counts.dead], [2, 1]);
    assert.equal((await store.listArticles()).total, 2);
    assert.ok((await store.search('port')).total >= 1);
    const [failed] = (await queue.listJobs({ state: 'dead' })).items;
    assert.match(failed.lastError ?? '', /EMPTY_ARTICLE/);
    assert.equal(await queue.hasWorkers(), false, 'a stopped worker is not alive');
    await close();
  });

  test('over PostgreSQL the API serves /api/jobs, described in its OpenAPI; URL submissions get 202 while a worker lives', async () => {
    const { store, queue, close } = await fresh();
    const token = 'a-token-for-the-jobs-api';
    const app = createApp({ store, queue, config: { tokenHash: hashToken(token), log: () => undefined } });
    const registered = apiRoutes(app).map((r) => `${r.method} ${r.path.replace(/:(\w+)/g, '{$1}')}`).sort();
    const described = Object.entries({ ...OPENAPI.paths, ...JOBS_PATHS }).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`)).sort();
    assert.deepEqual(registered, described);
    const served = (await (await app.request('/api/openapi.json')).json()) as { paths: Record<string, unknown> };
    assert.ok(served.paths['/api/jobs']);
    await queue.registerWorker('test-worker', 1);
    const submit = () => app.request('/api/articles', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ url: 'https://example.org/story' }) });
    const res = await submit();
    assert.equal(res.status, 202);
    const body = (await res.json()) as { status: string; job: { id: number; href: string } };
    assert.equal(body.status, 'queued');
    assert.equal((await (await submit()).json() as { job: { id: number } }).job.id, body.job.id, 'the same URL is the same job');
    const job = (await (await app.request(body.job.href)).json()) as { kind: string; state: string };
    assert.deepEqual([job.kind, job.state], ['ingest-url', 'queued']);
    const list = (await (await app.request('/api/jobs?state=pending')).json()) as { total: number; workers: number };
    assert.deepEqual([list.total, list.workers], [1, 1]);
    assert.equal((await app.request('/api/jobs?state=bogus')).status, 400);
    assert.equal((await app.request('/api/jobs/999')).status, 404);
    await close();
  });
});
