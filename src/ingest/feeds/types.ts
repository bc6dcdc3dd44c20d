// Feed state as the poller needs it: defined with the Store (src/store/store.ts), which
// implements these methods; the poller takes the feed store and the article store separately.
export type { FeedPoll, FeedPollStatus, FeedRecord, FeedStore } from '../../store/store.js';
