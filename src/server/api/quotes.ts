// /api/quotes: the quote side of search: ?speaker=…&q=…&kind=… (and the other search filters).

import type { Context } from 'hono';
import type { ApiDeps } from '../config.js';
import { parseQuery } from '../validate.js';
import { runSearch, searchQuery } from './search.js';

export const quotesQuery = searchQuery.omit({ type: true });

export function quoteHandlers(deps: ApiDeps) {
  return {
    async list(c: Context) {
      return c.json(await runSearch(deps, parseQuery(c, quotesQuery), 'quote'));
    },
  };
}
