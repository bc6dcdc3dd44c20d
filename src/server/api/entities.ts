// /api/entities: list and find by name, one entity with aliases and counts, merge, and the
// quotes an entity said or is mentioned in (oldest first).

import type { Context } from 'hono';
import { z } from 'zod';
import type { StoredEntity } from '../../store/store.js';
import { readJsonBody } from '../body.js';
import type { ApiDeps } from '../config.js';
import { ApiError } from '../errors.js';
import { entityTypeParam, explain, idValue, limitParam, offsetParam, parseId, parseQuery, textParam } from '../validate.js';

const listQuery = z.strictObject({
  type: entityTypeParam.optional(),
  q: textParam(200).optional(),
  limit: limitParam.optional(),
  offset: offsetParam.optional(),
});

const pageQuery = z.strictObject({ limit: limitParam.optional(), offset: offsetParam.optional() });

const mergeSchema = z.strictObject(
  { from: idValue },
  { error: (iss) => (iss.code === 'invalid_type' ? 'the body must be a JSON object such as {"from": 12}' : undefined) },
);

export function entityHandlers({ store, config }: ApiDeps) {
  async function entityOr404(id: number): Promise<StoredEntity> {
    const entity = await store.getEntity(id);
    if (!entity) throw new ApiError(404, 'NOT_FOUND', `There is no entity ${id}: find entities with GET /api/entities?q=NAME.`);
    return entity;
  }

  return {
    async list(c: Context) {
      const q = parseQuery(c, listQuery);
      const limit = q.limit ?? 20;
      const offset = q.offset ?? 0;
      const page = await store.listEntities({ type: q.type, q: q.q, limit, offset });
      return c.json({ total: page.total, limit, offset, items: page.items });
    },

    async get(c: Context) {
      const id = parseId(c, 'entity');
      const entity = await entityOr404(id);
      // A merged-away id answers with the entity it went into; say where that lives.
      return c.json(entity, 200, entity.id !== id ? { 'content-location': `/api/entities/${entity.id}` } : {});
    },

    async merge(c: Context) {
      const intoId = parseId(c, 'entity');
      const raw = await readJsonBody(c, config.maxBodyBytes);
      const parsed = mergeSchema.safeParse(raw);
      if (!parsed.success) throw new ApiError(400, 'BAD_BODY', `Bad merge request: ${explain(parsed.error, ['from'], 'field')}. Send {"from": ID} to merge entity ID into ${intoId}.`);
      if (parsed.data.from === intoId) throw new ApiError(400, 'MERGE_INTO_SELF', `An entity cannot be merged into itself: send {"from": ID} with the id of another entity.`);
      const into = await entityOr404(intoId);
      const from = await entityOr404(parsed.data.from);
      if (into.id === from.id) {
        throw new ApiError(409, 'SAME_ENTITY', `Entities ${intoId} and ${parsed.data.from} are already the same entity (${into.id}).`);
      }
      const merged = await store.mergeEntities(into.id, from.id);
      return c.json(merged);
    },

    async quotes(c: Context) {
      const id = parseId(c, 'entity');
      const q = parseQuery(c, pageQuery);
      const entity = await entityOr404(id);
      const limit = q.limit ?? 20;
      const offset = q.offset ?? 0;
      const page = await store.quotesBySpeaker(entity.id, { limit, offset });
      return c.json({ entity: { id: entity.id, name: entity.name, type: entity.type }, total: page.total, limit, offset, items: page.items });
    },

    async mentionedIn(c: Context) {
      const id = parseId(c, 'entity');
      const q = parseQuery(c, pageQuery);
      const entity = await entityOr404(id);
      const limit = q.limit ?? 20;
      const offset = q.offset ?? 0;
      const page = await store.quotesMentioning(entity.id, { limit, offset });
      return c.json({ entity: { id: entity.id, name: entity.name, type: entity.type }, total: page.total, limit, offset, items: page.items });
    },
  };
}
