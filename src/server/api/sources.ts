// /api/sources: the publishers in the store, with article counts and date ranges.

import type { Context } from 'hono';
import type { ApiDeps } from '../config.js';
import { parseQuery } from '../validate.js';
import { z } from 'zod';

export function sourceHandlers({ store }: ApiDeps) {
  return {
    async list(c: Context) {
      parseQuery(c, z.strictObject({}));
      const items = await store.listSources();
      return c.json({ total: items.length, items });
    },
  };
}
