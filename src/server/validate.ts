// Request validation: zod schemas for path ids, query strings and JSON bodies, and one way
// of turning a failed parse into a 400 that names the parameter and says what to send.

import { z } from 'zod';
import type { Context } from 'hono';
import { MAX_LIMIT } from '../store/store.js';
import { ApiError } from './errors.js';

export const QUOTE_KINDS = ['direct', 'indirect', 'partial', 'mixed', 'refusal', 'belief', 'stance'] as const;
export const ENTITY_TYPES = ['PERSON', 'ORG', 'LOC', 'MISC'] as const;
export const HIT_TYPES = ['quote', 'article'] as const;

/** A real calendar date written YYYY-MM-DD. */
export function isCalendarDate(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

export const isoDate = z.string().refine(isCalendarDate, { error: (iss) => `must be a date like 2024-12-09, not ${JSON.stringify(iss.input)}` });

const digits = (what: string) => z.string().regex(/^\d{1,15}$/, { error: (iss) => `must be ${what}, not ${JSON.stringify(iss.input)}` });

export const limitParam = digits(`a whole number from 0 to ${MAX_LIMIT}`)
  .transform(Number)
  .pipe(z.number().max(MAX_LIMIT, { error: `must be at most ${MAX_LIMIT}` }));
export const offsetParam = digits('a whole number, 0 or more').transform(Number);
export const idValue = z.number({ error: 'must be a positive whole number (an entity id)' }).int({ error: 'must be a positive whole number (an entity id)' }).positive({ error: 'must be a positive whole number (an entity id)' });

/** An entity given by id ("12") or by name ("Peskov"). */
export const entityRefParam = z
  .string()
  .trim()
  .min(1, { error: 'must be an entity id or a name, not empty' })
  .max(200, { error: 'must be at most 200 characters' })
  .transform((s) => (/^\d{1,15}$/.test(s) ? Number(s) : s));

export const kindParam = z.enum(QUOTE_KINDS, { error: (iss) => `must be one of ${QUOTE_KINDS.join(', ')}, not ${JSON.stringify(iss.input)}` });
export const entityTypeParam = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(ENTITY_TYPES, { error: (iss) => `must be one of ${ENTITY_TYPES.join(', ')}, not ${JSON.stringify(iss.input)}` }));
export const hitTypeParam = z.enum(HIT_TYPES, { error: (iss) => `must be one of ${HIT_TYPES.join(', ')}, not ${JSON.stringify(iss.input)}` });
export const textParam = (max = 1000) => z.string().max(max, { error: `must be at most ${max} characters` });

/** Explains a failed parse in one sentence per problem: `limit: must be …`. */
export function explain(error: z.ZodError, allowed?: readonly string[], what: 'parameter' | 'field' = 'parameter'): string {
  return error.issues
    .map((iss) => {
      if (iss.code === 'unrecognized_keys') {
        const keys = iss.keys.map((k) => JSON.stringify(k)).join(', ');
        return `unknown ${iss.path.length ? `field${iss.keys.length > 1 ? 's' : ''} in ${iss.path.join('.')}` : `${what}${iss.keys.length > 1 ? 's' : ''}`} ${keys}` +
          (allowed ? `; allowed: ${allowed.join(', ')}` : '');
      }
      return iss.path.length ? `${iss.path.join('.')}: ${iss.message}` : iss.message;
    })
    .join('; ');
}

/** The query string, parsed by a strict object schema; unknown parameters are an error (a typo would otherwise be silently ignored). */
export function parseQuery<S extends z.ZodObject>(c: Context, schema: S): z.output<S> {
  const raw = c.req.query();
  for (const [key, values] of Object.entries(c.req.queries())) {
    if (values.length > 1) throw new ApiError(400, 'BAD_QUERY', `Give the query parameter "${key}" once, not ${values.length} times.`);
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    throw new ApiError(400, 'BAD_QUERY', `Bad query: ${explain(parsed.error, Object.keys(schema.shape))}.`);
  }
  return parsed.data;
}

/** A path id: a positive whole number. */
export function parseId(c: Context, resource: 'article' | 'entity', name = 'id'): number {
  const raw = c.req.param(name) ?? '';
  if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1) {
    const article = resource === 'article' ? 'an article' : 'an entity';
    const plural = resource === 'article' ? 'articles' : 'entities';
    throw new ApiError(400, 'BAD_ID', `${JSON.stringify(raw)} is not ${article} id: ids are positive whole numbers, as in /api/${plural}/12.`);
  }
  return Number(raw);
}
