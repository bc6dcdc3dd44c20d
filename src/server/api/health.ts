// /api/health: the server is up and the store answers.

import type { Context } from 'hono';
import { PIPELINE_VERSION } from '../../pipeline.js';
import type { ApiDeps } from '../config.js';

export const API_VERSION = '0.1.0';

export function healthHandlers({ store, config }: ApiDeps) {
  return {
    async get(c: Context) {
      try {
        const { total } = await store.listArticles({ limit: 0 });
        return c.json({ status: 'ok', version: API_VERSION, pipelineVersion: PIPELINE_VERSION, articles: total });
      } catch (e) {
        config.log(`newsgraph serve: health check failed: ${(e as Error).stack ?? String(e)}`);
        return c.json({ status: 'unavailable', version: API_VERSION, pipelineVersion: PIPELINE_VERSION, error: { code: 'STORE_UNAVAILABLE', message: 'The store does not answer; see the server log.' } }, 503);
      }
    },
  };
}
