// The poller's pure parts: which feeds are due, back-off arithmetic, and the per-host
// politeness queue (one request in flight per host, a minimum gap between requests to it).

export interface ScheduleOptions {
  /** Time between polls of a healthy feed (ms). */
  readonly intervalMs: number;
  /** Delay after the first failure; doubled for each further consecutive failure (ms). */
  readonly backoffBaseMs: number;
  /** Back-off never exceeds this (ms). */
  readonly backoffMaxMs: number;
}

export const DEFAULT_SCHEDULE: ScheduleOptions = {
  intervalMs: 30 * 60_000,
  backoffBaseMs: 5 * 60_000,
  backoffMaxMs: 24 * 60 * 60_000,
};

/** A feed is due when it was never polled or its next poll time has come. */
export function isDue(feed: { readonly nextPollAt: string | null }, now: Date): boolean {
  return feed.nextPollAt === null || Date.parse(feed.nextPollAt) <= now.getTime();
}

/** Delay after `failures` consecutive failures: base · 2^(failures−1), capped. 0 failures → 0. */
export function backoffDelayMs(failures: number, options: Pick<ScheduleOptions, 'backoffBaseMs' | 'backoffMaxMs'> = DEFAULT_SCHEDULE): number {
  if (failures <= 0) return 0;
  // 2^(failures-1) overflows to Infinity long after it passes any sane cap; min() handles it.
  return Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** Math.min(failures - 1, 1023));
}

/** The next poll time: the regular interval after a success, the back-off after a failure. */
export function nextPollAt(now: Date, failures: number, options: ScheduleOptions = DEFAULT_SCHEDULE): string {
  const delay = failures > 0 ? backoffDelayMs(failures, options) : options.intervalMs;
  return new Date(now.getTime() + delay).toISOString();
}

/** How long a request to a host must wait after the host's last request finished. */
export function politeWaitMs(lastDoneAt: number | undefined, now: number, minDelayMs: number): number {
  return lastDoneAt === undefined ? 0 : Math.max(0, lastDoneAt + minDelayMs - now);
}

/** The politeness key of a URL: its host (with port). */
export function hostKey(url: string): string {
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return url;
  }
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const REAL_CLOCK: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Runs tasks so that, per host, at most one is in flight and each starts at least
 * `minDelayMs` after the previous one on that host finished. Tasks on different hosts run
 * independently. Tasks for one host run in the order they were queued.
 */
export class HostQueue {
  private readonly tails = new Map<string, Promise<void>>();
  private readonly lastDone = new Map<string, number>();

  constructor(
    readonly minDelayMs: number,
    private readonly clock: Clock = REAL_CLOCK,
  ) {}

  run<T>(host: string, task: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(host) ?? Promise.resolve();
    const result = prev.then(async () => {
      const wait = politeWaitMs(this.lastDone.get(host), this.clock.now(), this.minDelayMs);
      if (wait > 0) await this.clock.sleep(wait);
      try {
        return await task();
      } finally {
        this.lastDone.set(host, this.clock.now());
      }
    });
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(host, tail);
    void tail.then(() => {
      if (this.tails.get(host) === tail) this.tails.delete(host);
    });
    return result;
  }
}

/** Runs fn over items with at most `limit` in flight; results in input order. */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  return out;
}
