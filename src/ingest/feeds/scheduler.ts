// `serve` polls feeds on a schedule: every `intervalMs` it runs pollFeeds over the feeds that
// are due (each feed keeps its own next-poll time and back-off), never two rounds at once.

import type { Store } from '../../store/store.js';
import { pollFeeds, type PollOptions, type PollSummary } from './poll.js';

export interface FeedSchedulerOptions extends PollOptions {
  /** How often to look for due feeds (ms). */
  readonly intervalMs: number;
  /** Called after each round (for logs). */
  readonly onRound?: (summary: PollSummary) => void;
  readonly onError?: (err: unknown) => void;
}

export const DEFAULT_POLL_INTERVAL_MS = 5 * 60_000;

export interface FeedScheduler {
  /** Runs one round now (or waits for the running one) and resolves with its summary. */
  runNow(): Promise<PollSummary | null>;
  /** Stops the timer and waits for a running round to finish. */
  stop(): Promise<void>;
}

export function startFeedScheduler(store: Store, options: FeedSchedulerOptions): FeedScheduler {
  let running: Promise<PollSummary | null> | null = null;
  let stopped = false;
  const round = (): Promise<PollSummary | null> => {
    if (running) return running;
    running = pollFeeds(store, store, options)
      .then((summary) => {
        options.onRound?.(summary);
        return summary;
      })
      .catch((err: unknown) => {
        options.onError?.(err);
        return null;
      })
      .finally(() => {
        running = null;
      });
    return running;
  };
  const timer = setInterval(() => {
    if (!stopped) void round();
  }, options.intervalMs);
  timer.unref();
  return {
    runNow: round,
    async stop() {
      stopped = true;
      clearInterval(timer);
      if (running) await running;
    },
  };
}
