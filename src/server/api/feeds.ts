// /api/feeds: the subscriptions, with their poll state (last status, error, back-off, next poll),
// and subscribing to a new feed (a write: needs the token). Polling itself is `serve`'s schedule
// or a worker's job; the feed URL is checked when it is first polled.

import type { Context } from 'hono';
import { z } from 'zod';
import type { ApiDeps } from '../config.js';
import { readJsonBody } from '../body.js';
import { ApiError } from '../errors.js';
import { explain, parseQuery } from '../validate.js';

const addSchema = z.strictObject({
  url: z.string().max(2048).refine((u) => /^https?:\/\/[^\s]+$/i.test(u), 'must be an http(s) URL'),
  title: z.string().max(300).optional(),
});

export function feedHandlers({ store, config }: ApiDeps) {
  return {
    async list(c: Context) {
      parseQuery(c, z.strictObject({}));
      const items = await store.listFeeds();
      return c.json({ total: items.length, items });
    },
    async add(c: Context) {
      const raw = await readJsonBody(c, config.maxBodyBytes);
      const parsed = addSchema.safeParse(raw);
      if (!parsed.success) throw new ApiError(400, 'BAD_BODY', `Bad feed: ${explain(parsed.error, ['url', 'title'], 'field')}.`);
      const { feed, created } = await store.addFeed(parsed.data.url, { title: parsed.data.title ?? null });
      return c.json({ created, feed }, created ? 201 : 200);
    },
  };
}
