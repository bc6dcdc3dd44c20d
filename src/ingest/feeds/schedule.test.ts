// The poller's pure scheduling: due feeds, back-off arithmetic, the per-host politeness queue.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { HostQueue, backoffDelayMs, hostKey, isDue, mapLimit, nextPollAt, politeWaitMs, type Clock } from './schedule.js';
import { entryKeys, htmlTextLength } from './poll.js';

const MIN = 60_000;
const opts = { intervalMs: 30 * MIN, backoffBaseMs: 5 * MIN, backoffMaxMs: 60 * MIN };

describe('due feeds', () => {
  test('never polled, overdue and exactly due are due; future is not', () => {
    const now = new Date('2024-12-09T10:00:00Z');
    assert.equal(isDue({ nextPollAt: null }, now), true);
    assert.equal(isDue({ nextPollAt: '2024-12-09T09:59:59.000Z' }, now), true);
    assert.equal(isDue({ nextPollAt: '2024-12-09T10:00:00.000Z' }, now), true);
    assert.equal(isDue({ nextPollAt: '2024-12-09T10:00:00.001Z' }, now), false);
  });
});

describe('back-off', () => {
  test('doubles per consecutive failure from the base, capped', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 50, 5000].map((f) => backoffDelayMs(f, opts) / MIN), [0, 5, 10, 20, 40, 60, 60, 60]);
  });
  test('next poll: the interval after a success, the back-off after failures', () => {
    const now = new Date('2024-12-09T10:00:00Z');
    assert.equal(nextPollAt(now, 0, opts), '2024-12-09T10:30:00.000Z');
    assert.equal(nextPollAt(now, 1, opts), '2024-12-09T10:05:00.000Z');
    assert.equal(nextPollAt(now, 3, opts), '2024-12-09T10:20:00.000Z');
    assert.equal(nextPollAt(now, 9, opts), '2024-12-09T11:00:00.000Z');
  });
});

/** A fake clock: sleeping advances time; records when each task started and ended. */
function fakeClock(): Clock & { t: number } {
  const c = {
    t: 0,
    now: () => c.t,
    sleep: async (ms: number) => {
      c.t += ms;
    },
  };
  return c;
}

describe('politeness', () => {
  test('wait = remaining part of the minimum gap since the host was last done', () => {
    assert.equal(politeWaitMs(undefined, 5000, 1000), 0);
    assert.equal(politeWaitMs(4500, 5000, 1000), 500);
    assert.equal(politeWaitMs(3000, 5000, 1000), 0);
    assert.equal(hostKey('https://News.Example.org:8443/a?b'), 'news.example.org:8443');
  });

  test('one task in flight per host, in order, each starting minDelay after the previous ended; other hosts not held up', async () => {
    const clock = fakeClock();
    const q = new HostQueue(1000, clock);
    const log: string[] = [];
    let inFlight = 0;
    let maxInFlight = 0;
    const task = (name: string, ms: number) => async () => {
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      log.push(`${name} start ${clock.t}`);
      await new Promise((r) => setTimeout(r, 5));
      clock.t += ms;
      log.push(`${name} end ${clock.t}`);
      inFlight--;
      return name;
    };
    const results = await Promise.all([q.run('a.test', task('a1', 200)), q.run('a.test', task('a2', 300)), q.run('a.test', task('a3', 100))]);
    assert.deepEqual(results, ['a1', 'a2', 'a3']);
    assert.equal(maxInFlight, 1);
    assert.deepEqual(log, ['a1 start 0', 'a1 end 200', 'a2 start 1200', 'a2 end 1500', 'a3 start 2500', 'a3 end 2600']);

    // A failing task does not block the host's queue.
    await assert.rejects(q.run('b.test', async () => { throw new Error('boom'); }), /boom/);
    assert.equal(await q.run('b.test', async () => 'after'), 'after');

    // Two hosts run side by side.
    const real = new HostQueue(1000);
    let both = 0;
    let sawBoth = false;
    const slow = async () => { both++; await new Promise((r) => setTimeout(r, 30)); sawBoth ||= both === 2; both--; };
    await Promise.all([real.run('x.test', slow), real.run('y.test', slow)]);
    assert.equal(sawBoth, true);
  });

  test('mapLimit keeps order and the limit', async () => {
    let inFlight = 0;
    let max = 0;
    const out = await mapLimit([30, 10, 20, 5, 1], 2, async (ms, i) => {
      inFlight++;
      max = Math.max(max, inFlight);
      await new Promise((r) => setTimeout(r, ms));
      inFlight--;
      return i;
    });
    assert.deepEqual(out, [0, 1, 2, 3, 4]);
    assert.equal(max, 2);
    assert.deepEqual(await mapLimit([], 3, async () => 1), []);
  });
});

describe('entry keys', () => {
  test('guid and canonical link; a hash only when there is neither', () => {
    assert.deepEqual(entryKeys({ guid: 'g1', link: 'http://www.News.test/a?utm_source=x#top', title: 't', contentHtml: null, summaryHtml: null }), ['guid:g1', 'link:https://news.test/a']);
    const [k] = entryKeys({ guid: null, link: null, title: 'Only a title', contentHtml: '<p>x</p>', summaryHtml: null });
    assert.match(k, /^hash:sha256:[0-9a-f]{64}$/);
    assert.deepEqual(entryKeys({ guid: null, link: null, title: null, contentHtml: null, summaryHtml: null }), []);
    assert.equal(htmlTextLength('<p>Hello&nbsp;<b>world</b></p>\n<p>!</p>'), 13);
  });
});
