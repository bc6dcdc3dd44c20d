// /api/jobs: the job queue, when the server runs over PostgreSQL with workers. Jobs newest
// first, by state (queued, running, retry, done, dead; "failed" = retry or dead; "pending" =
// queued or retry) and kind; one job with its attempts, last error and result.

import type { Context } from 'hono';
import { z } from 'zod';
import { JOB_FILTERS, JOB_KINDS, type JobQueue } from '../../queue/queue.js';
import type { ApiDeps } from '../config.js';
import { ApiError } from '../errors.js';
import { limitParam, offsetParam, parseQuery } from '../validate.js';

const listQuery = z.strictObject({
  state: z.enum(JOB_FILTERS, { error: (iss) => `must be one of ${JOB_FILTERS.join(', ')}, not ${JSON.stringify(iss.input)}` }).optional(),
  kind: z.enum(JOB_KINDS, { error: (iss) => `must be one of ${JOB_KINDS.join(', ')}, not ${JSON.stringify(iss.input)}` }).optional(),
  limit: limitParam.optional(),
  offset: offsetParam.optional(),
});

export function jobHandlers(deps: ApiDeps & { queue: JobQueue }) {
  const { queue } = deps;
  return {
    async list(c: Context) {
      const q = parseQuery(c, listQuery);
      const limit = q.limit ?? 20;
      const page = await queue.listJobs({ state: q.state, kind: q.kind, limit, offset: q.offset });
      return c.json({ total: page.total, limit, offset: q.offset ?? 0, counts: await queue.counts(), workers: (await queue.liveWorkers()).length, items: page.items });
    },

    async get(c: Context) {
      const raw = c.req.param('id') ?? '';
      if (!/^\d{1,15}$/.test(raw) || Number(raw) < 1) throw new ApiError(400, 'BAD_ID', `${JSON.stringify(raw)} is not a job id: ids are positive whole numbers, as in /api/jobs/12.`);
      const job = await queue.getJob(Number(raw));
      if (!job) throw new ApiError(404, 'NOT_FOUND', `There is no job ${raw}: list jobs with GET /api/jobs.`);
      return c.json(job);
    },
  };
}
