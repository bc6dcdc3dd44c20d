// /api/articles: list (newest first, by cursor or offset), one stored article, and submit.

import type { Context } from 'hono';
import { z } from 'zod';
import { extractArticle } from '../../extract/article.js';
import { isIsoDate } from '../../extract/dates.js';
import type { ArticleInput } from '../../extract/index.js';
import { fetchPage } from '../../ingest/fetch.js';
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
  readonly duplicateOf: { readonly id: number; readonly by: 'content' | 'url' } | null;
}

/** Analyses and stores one submission; a URL is fetched first. Duplicates of the current pipeline are not analysed again. */
export async function submitArticle({ store, config }: ApiDeps, body: SubmitBody): Promise<SubmitOutcome> {
  const published = body.published ?? null;
  let input: ArticleInput;
  let raw: string;
  let url = body.url ?? null;
  if (url !== null && canonicalUrl(url) === null) {
    throw new ApiError(400, 'BAD_URL', `"url" must be an absolute http(s) URL, not ${JSON.stringify(url)}.`);
  }
  if (body.text !== undefined) [input, raw] = [{ kind: 'text', text: body.text, published, url }, body.text];
  else if (body.body !== undefined) [input, raw] = [{ kind: 'body', body: body.body, published, url }, body.body];
  else if (body.html !== undefined) [input, raw] = [{ kind: 'html', html: body.html, published, url }, body.html];
  else {
    const known = await store.findArticle({ url });
    if (known && known.pipelineVersion === PIPELINE_VERSION) return { id: known.articleId, status: 'duplicate', duplicateOf: { id: known.articleId, by: 'url' } };
    const page = await fetchPage(url!, fetchLimits(config));
    url = page.url;
    raw = page.body;
    const html = /html|xml/i.test(page.contentType) || /^\s*</.test(page.body.slice(0, 200));
    input = html ? { kind: 'html', html: raw, published, url } : { kind: 'text', text: raw, published, url };
  }
  const hash = contentHash(raw);
  const known = await store.findArticle({ contentHash: hash, url });
  if (known && known.pipelineVersion === PIPELINE_VERSION) {
    return { id: known.articleId, status: 'duplicate', duplicateOf: { id: known.articleId, by: 'content' } };
  }
  const { result } = extractArticle(input, config.input);
  const saved = await store.saveArticle(result, { contentHash: hash, pipelineVersion: PIPELINE_VERSION, url, origin: body.url && !body.text && !body.body && !body.html ? 'api:url' : 'api' });
  return {
    id: saved.articleId,
    status: saved.status,
    duplicateOf: saved.duplicateOf ? { id: saved.duplicateOf.articleId, by: saved.duplicateOf.by } : null,
  };
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
