// /api/articles: list (newest first, by cursor or offset), one stored article, and submit.

import type { Context } from 'hono';
import { z } from 'zod';
import { extractArticle } from '../../extract/article.js';
import { isIsoDate } from '../../extract/dates.js';
import type { ArticleInput } from '../../extract/index.js';
import { ingestUrl } from '../../ingest/url.js';
import { FetchError } from '../../ingest/fetch.js';
import { InputError } from '../../doc/errors.js';
import { PIPELINE_VERSION } from '../../pipeline.js';
import { canonicalUrl, contentHash, type SaveStatus } from '../../store/store.js';
import { readJsonBody } from '../body.js';
import { fetchLimits, type ApiDeps } from '../config.js';
import { ApiError } from '../errors.js';
import { explain, limitParam, offsetParam, parseId, parseQuery, textParam } from '../validate.js';

const listQuery = z.strictObject({
  limit: limitParam.optional(),
  offset: offsetParam.optional(),
  cursor: textParam(500).optional(),
  source: textParam(300).optional(),
});

const CONTENT_KINDS = ['text', 'body', 'html'] as const;

export const submitSchema = z
  .strictObject({
    text: z.string({ error: 'must be a string: the page-like plain text of the article' }).optional(),
    body: z.string({ error: 'must be a string: the clean article body, analysed verbatim' }).optional(),
    html: z.string({ error: 'must be a string: the HTML of the page' }).optional(),
    url: z.string({ error: 'must be a string: an absolute http(s) URL' }).max(2048, { error: 'must be at most 2048 characters' }).optional(),
    published: z
      .string({ error: 'must be a string like 2024-12-09' })
      .refine(isIsoDate, { error: (iss) => `must be a date like 2024-12-09, not ${JSON.stringify(iss.input)}` })
      .nullable()
      .optional(),
  }, { error: (iss) => (iss.code === 'invalid_type' ? 'the body must be a JSON object such as {"text": "…"}' : undefined) })
  .superRefine((v, ctx) => {
    const given = CONTENT_KINDS.filter((k) => v[k] !== undefined);
    if (given.length > 1) {
      ctx.addIssue({ code: 'custom', message: `give only one of "text", "body" or "html", not ${given.map((k) => `"${k}"`).join(' and ')}` });
    } else if (given.length === 0 && v.url === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: 'send one of {"text": …} (a page as plain text), {"body": …} (a clean body), {"html": …, "url"?: …} or {"url": …} (a page to fetch), each with an optional "published": "YYYY-MM-DD"',
      });
    }
  });

export type SubmitBody = z.output<typeof submitSchema>;

export interface SubmitOutcome {
  readonly id: number;
  readonly status: SaveStatus;
  readonly duplicateOf: { readonly id: number; readonly by: 'content' | 'url' | 'near' | 'source'; readonly similarity?: number } | null;
}

/**
 * Analyses and stores one submission. A URL alone goes through ingestUrl (fetch under the
 * configured limits, skip what is stored, extract, save); text, body or HTML is checked for a
 * stored copy (content hash, then URL) before it is analysed.
 */
export async function submitArticle({ store, config }: ApiDeps, body: SubmitBody): Promise<SubmitOutcome> {
  const published = body.published ?? null;
  const url = body.url ?? null;
  if (url !== null && canonicalUrl(url) === null) {
    throw new ApiError(400, 'BAD_URL', `"url" must be an absolute http(s) URL, not ${JSON.stringify(url)}.`);
  }
  if (body.text === undefined && body.body === undefined && body.html === undefined) {
    const limits = fetchLimits(config);
    let outcome;
    try {
      outcome = await ingestUrl(url!, store, { ...limits, input: config.input, published, origin: 'api:' + url });
    } catch (e) {
      if (e instanceof FetchError && e.code === 'PRIVATE_ADDRESS') {
        throw new ApiError(400, e.code, `${e.message.replace(/\s*\(set allowPrivate to allow them\)\.?$/, '')}; this server fetches them only when started with --allow-private.`);
      }
      throw e;
    }
    return { id: outcome.articleId, status: outcome.status, duplicateOf: outcome.duplicateOf ? { id: outcome.duplicateOf.articleId, by: outcome.duplicateOf.by } : null };
  }
  const [input, raw]: [ArticleInput, string] =
    body.text !== undefined
      ? [{ kind: 'text', text: body.text, published, url }, body.text]
      : body.body !== undefined
        ? [{ kind: 'body', body: body.body, published, url }, body.body]
        : [{ kind: 'html', html: body.html!, published, url }, body.html!];
  const hash = contentHash(raw);
  const byContent = await store.findArticle({ contentHash: hash });
  if (byContent && byContent.pipelineVersion === PIPELINE_VERSION) return { id: byContent.articleId, status: 'duplicate', duplicateOf: { id: byContent.articleId, by: 'content' } };
  const byUrl = url ? await store.findArticle({ url: canonicalUrl(url) }) : null;
  if (byUrl && byUrl.pipelineVersion === PIPELINE_VERSION) return { id: byUrl.articleId, status: 'duplicate', duplicateOf: { id: byUrl.articleId, by: 'url' } };
  const { result } = extractArticle(input, config.input);
  if (!result.text.trim()) throw new InputError('EMPTY_ARTICLE', 'No article text found in the submission: send the article\'s words as "text", "body" or "html".');
  const saved = await store.saveArticle(result, { contentHash: hash, pipelineVersion: PIPELINE_VERSION, url, origin: 'api' });
  return {
    id: saved.articleId,
    status: saved.status,
    duplicateOf: saved.duplicateOf ? { id: saved.duplicateOf.articleId, by: saved.duplicateOf.by, ...(saved.duplicateOf.similarity !== undefined ? { similarity: saved.duplicateOf.similarity } : {}) } : null,
  };
}

/**
 * With a job queue and a live worker, a URL submission (and text, body or HTML when the client
 * sent "Prefer: respond-async") becomes a job instead of work in the request. Null: do it now.
 */
export async function enqueueSubmission({ queue }: ApiDeps, body: SubmitBody, preferAsync: boolean) {
  const urlOnly = body.text === undefined && body.body === undefined && body.html === undefined;
  if (!queue || !(urlOnly || preferAsync)) return null;
  if (body.url !== undefined && canonicalUrl(body.url) === null) {
    throw new ApiError(400, 'BAD_URL', `"url" must be an absolute http(s) URL, not ${JSON.stringify(body.url)}.`);
  }
  if (!(await queue.hasWorkers())) return null;
  const published = body.published ?? null;
  const { job, created } = urlOnly
    ? await queue.enqueue('ingest-url', { url: body.url!, published, origin: 'api:' + body.url })
    : await queue.enqueue('ingest-text', { ...(body.text !== undefined ? { text: body.text } : body.body !== undefined ? { body: body.body } : { html: body.html }), url: body.url ?? null, published, origin: 'api' });
  return { status: 'queued' as const, job: { id: job.id, state: job.state, created, href: `/api/jobs/${job.id}` } };
}

export function articleHandlers(deps: ApiDeps) {
  const { store, config } = deps;
  return {
    async list(c: Context) {
      const q = parseQuery(c, listQuery);
      const limit = q.limit ?? 20;
      const page = await store.listArticles({ limit, offset: q.offset, cursor: q.cursor ?? null, source: q.source });
      return c.json({ total: page.total, limit, offset: q.cursor ? null : (q.offset ?? 0), nextCursor: page.nextCursor, items: page.items });
    },

    async get(c: Context) {
      const id = parseId(c, 'article');
      const article = await store.getArticle(id);
      if (!article) throw new ApiError(404, 'NOT_FOUND', `There is no article ${id}: list articles with GET /api/articles.`);
      return c.json(article);
    },

    async submit(c: Context) {
      const raw = await readJsonBody(c, config.maxBodyBytes);
      const parsed = submitSchema.safeParse(raw);
      if (!parsed.success) throw new ApiError(400, 'BAD_BODY', `Bad article submission: ${explain(parsed.error, ['text', 'body', 'html', 'url', 'published'], 'field')}.`);
      const queued = await enqueueSubmission(deps, parsed.data, /\brespond-async\b/i.test(c.req.header('prefer') ?? ''));
      if (queued) return c.json(queued, 202, { location: queued.job.href });
      const outcome = await submitArticle(deps, parsed.data);
      const stored = await store.getArticle(outcome.id);
      const href = `/api/articles/${outcome.id}`;
      return c.json(
        {
          id: outcome.id,
          status: outcome.status,
          duplicateOf: outcome.duplicateOf,
          href,
          title: stored?.title ?? null,
          published: stored?.published ?? null,
          quoteCount: stored?.quoteCount ?? 0,
          entityCount: stored?.entityCount ?? 0,
        },
        outcome.status === 'added' ? 201 : 200,
        { location: href },
      );
    },
  };
}
