// Feeds: parsing (RSS, Atom, RDF, JSON Feed), OPML import, scheduling and polling.
export { FeedError, parseFeedDocument, parseFeedDate, type FeedEntry, type FeedFormat, type ParsedFeed } from './parse.js';
export { parseOpmlFeeds, type OpmlFeed } from './opml.js';
export { DEFAULT_SCHEDULE, HostQueue, REAL_CLOCK, backoffDelayMs, hostKey, isDue, mapLimit, nextPollAt, politeWaitMs, type Clock, type ScheduleOptions } from './schedule.js';
export { DEFAULT_POLL_OPTIONS, entryKeys, htmlTextLength, pollFeeds, type PollEvent, type PollFailure, type PollOptions, type PollSummary } from './poll.js';
export type { FeedPoll, FeedPollStatus, FeedRecord, FeedStore } from './types.js';
