// /api/search: full-text search over quotes and articles with filters (who said it, about
// whom, which publisher, when published, when said, quote kind, hit type).

import type { Context } from 'hono';
import { z } from 'zod';
import type { SearchOptions } from '../../store/store.js';
import type { ApiDeps } from '../config.js';
import { ApiError } from '../errors.js';
import { entityRefParam, hitTypeParam, isoDate, kindParam, limitParam, offsetParam, parseQuery, textParam } from '../validate.js';

export const searchQuery = z.strictObject({
  q: textParam(1000).optional(),
  speaker: entityRefParam.optional(),
  entity: entityRefParam.optional(),
  publisher: textParam(300).optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  said_from: isoDate.optional(),
  said_to: isoDate.optional(),
  kind: kindParam.optional(),
  type: hitTypeParam.optional(),
  limit: limitParam.optional(),
  offset: offsetParam.optional(),
});

export type SearchQuery = z.output<typeof searchQuery>;

export async function runSearch({ store }: ApiDeps, q: SearchQuery, type?: 'quote') {
  for (const [a, b] of [['from', 'to'], ['said_from', 'said_to']] as const) {
    if (q[a] && q[b] && q[a]! > q[b]!) throw new ApiError(400, 'BAD_QUERY', `Bad query: "${a}" (${q[a]}) is after "${b}" (${q[b]}); dates are inclusive, earliest first.`);
  }
  const hitType = type ?? q.type;
  if (hitType === 'article' && (q.speaker !== undefined || q.kind || q.said_from || q.said_to)) {
    throw new ApiError(400, 'BAD_QUERY', 'Bad query: speaker, kind, said_from and said_to filter quotes, so they cannot be used with type=article.');
  }
  const limit = q.limit ?? 20;
  const offset = q.offset ?? 0;
  const options: SearchOptions = {
    speaker: q.speaker,
    entity: q.entity,
    publisher: q.publisher,
    publishedFrom: q.from,
    publishedTo: q.to,
    saidFrom: q.said_from,
    saidTo: q.said_to,
    kind: q.kind,
    type: hitType,
    limit,
    offset,
  };
  const result = await store.search(q.q ?? '', options);
  // total is a lower bound when more matched than the store ranks (shown as "10,000+")
  return { query: result.query, total: result.total, totalIsLowerBound: result.totalIsLowerBound ?? false, limit, offset, hits: result.hits };
}

export function searchHandlers(deps: ApiDeps) {
  return {
    async search(c: Context) {
      return c.json(await runSearch(deps, parseQuery(c, searchQuery)));
    },
  };
}
