// The OpenAPI 3.1 description of /api, written by hand and kept in step with app.ts
// (app.test.ts fails when a registered route is missing here or a described one is not registered).

import { MAX_LIMIT } from '../store/store.js';
import { API_VERSION } from './api/health.js';
import { ENTITY_TYPES, HIT_TYPES, QUOTE_KINDS } from './validate.js';

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const param = (name: string) => ({ $ref: `#/components/parameters/${name}` });
const json = (schema: object, description: string) => ({ description, content: { 'application/json': { schema } } });
const error = (description: string) => json(ref('Error'), description);
const nullable = (type: string, extra: object = {}) => ({ type: [type, 'null'], ...extra });
const str = { type: 'string' };
const int = { type: 'integer' };
const date = { type: 'string', format: 'date', examples: ['2024-12-09'] };
const page = (item: string, extra: Record<string, object> = {}) => ({
  type: 'object',
  required: ['total', 'limit', 'offset', 'items'],
  properties: { total: int, limit: int, offset: int, ...extra, items: { type: 'array', items: ref(item) } },
});

const BAD_REQUEST = error('The request is malformed: the message names the parameter and what to send.');
const NOT_FOUND = error('No such article or entity.');
const UNAUTHORIZED = error('Missing or wrong bearer token.');

const searchParams = ['q', 'speaker', 'entity', 'publisher', 'from', 'to', 'said_from', 'said_to', 'kind'].map(param);

/** A feed subscription and its poll state (FeedRecord). */
const FEED = {
  type: 'object',
  properties: {
    id: { type: 'integer' }, url: { type: 'string' }, title: { type: ['string', 'null'] }, addedAt: { type: 'string' },
    etag: { type: ['string', 'null'] }, lastModified: { type: ['string', 'null'] }, lastPolledAt: { type: ['string', 'null'] },
    lastStatus: { type: ['string', 'null'] }, lastError: { type: ['string', 'null'] }, failures: { type: 'integer' },
    nextPollAt: { type: ['string', 'null'] }, entriesSeen: { type: 'integer' },
  },
} as const;

export const OPENAPI = {
  openapi: '3.1.0',
  info: {
    title: 'newsgraph API',
    version: API_VERSION,
    description:
      'Who said what, about whom, when — from news articles. Reads are open; writes (POST) need `Authorization: Bearer <token>`. ' +
      'Errors are `{"error": {"code", "message"}}`. Lists take `limit` (default 20, at most ' + MAX_LIMIT + ') and `offset`.',
  },
  servers: [{ url: '/' }],
  components: {
    securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'The token printed when the server first started, or given with --token / NEWSGRAPH_TOKEN.' } },
    parameters: {
      id: { name: 'id', in: 'path', required: true, schema: { type: 'integer', minimum: 1 } },
      limit: { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 0, maximum: MAX_LIMIT, default: 20 } },
      offset: { name: 'offset', in: 'query', schema: { type: 'integer', minimum: 0, default: 0 } },
      q: { name: 'q', in: 'query', description: 'Words, "phrases", prefix*, AND / OR / NOT, parentheses.', schema: { type: 'string', maxLength: 1000 } },
      speaker: { name: 'speaker', in: 'query', description: 'Who said it: an entity id or a name (any alias; one word also matches surnames).', schema: str },
      entity: { name: 'entity', in: 'query', description: 'About whom: quotes whose words mention the entity, articles that mention it (id or name).', schema: str },
      publisher: { name: 'publisher', in: 'query', description: 'Publisher domain or name ("reuters.com").', schema: str },
      from: { name: 'from', in: 'query', description: 'Published on or after (inclusive).', schema: date },
      to: { name: 'to', in: 'query', description: 'Published on or before (inclusive).', schema: date },
      said_from: { name: 'said_from', in: 'query', description: 'Quote said on or after (said_on, else published).', schema: date },
      said_to: { name: 'said_to', in: 'query', description: 'Quote said on or before.', schema: date },
      kind: { name: 'kind', in: 'query', schema: { type: 'string', enum: [...QUOTE_KINDS] } },
      type: { name: 'type', in: 'query', description: 'Only hits of this type; quote filters imply quote.', schema: { type: 'string', enum: [...HIT_TYPES] } },
    },
    schemas: {
      Error: {
        type: 'object',
        required: ['error'],
        properties: { error: { type: 'object', required: ['code', 'message'], properties: { code: str, message: str } } },
      },
      Health: {
        type: 'object',
        required: ['status', 'version', 'pipelineVersion'],
        properties: { status: { type: 'string', enum: ['ok', 'unavailable'] }, version: str, pipelineVersion: str, articles: int },
      },
      ArticleSummary: {
        type: 'object',
        required: ['id', 'title', 'published', 'url', 'publisher', 'quoteCount', 'entityCount', 'pipelineVersion', 'ingestedAt'],
        properties: {
          id: int,
          title: nullable('string'),
          published: nullable('string'),
          url: nullable('string'),
          publisher: nullable('string'),
          quoteCount: int,
          entityCount: int,
          pipelineVersion: str,
          ingestedAt: { type: 'string', format: 'date-time' },
        },
      },
      StoredArticle: {
        allOf: [
          ref('ArticleSummary'),
          {
            type: 'object',
            required: ['contentHash', 'canonicalUrl', 'origin', 'result', 'entityIds'],
            properties: {
              contentHash: str,
              canonicalUrl: nullable('string'),
              origin: nullable('string'),
              result: { type: 'object', description: 'The analysis as `newsgraph extract` prints it (entity ids are the article\'s own, "e1").' },
              entityIds: { type: 'object', additionalProperties: int, description: 'The article\'s entity ids ("e1") → canonical entity ids.' },
            },
          },
        ],
      },
      Submission: {
        type: 'object',
        description: 'Exactly one of text, body or html; or url alone, which is fetched.',
        properties: {
          text: { type: 'string', description: 'A page-like plain text (title, dateline, captions recognised).' },
          body: { type: 'string', description: 'A clean article body, analysed verbatim.' },
          html: { type: 'string', description: 'An HTML page.' },
          url: { type: 'string', format: 'uri', description: 'With text/body/html: where it came from. Alone: the page to fetch.' },
          published: { type: ['string', 'null'], description: 'Publication date (YYYY-MM-DD) that relative dates resolve against.' },
        },
        additionalProperties: false,
      },
      SubmitResult: {
        type: 'object',
        required: ['id', 'status', 'duplicateOf', 'href'],
        properties: {
          id: int,
          status: { type: 'string', enum: ['added', 'duplicate', 'updated'] },
          duplicateOf: { oneOf: [{ type: 'null' }, { type: 'object', properties: { id: int, by: { type: 'string', enum: ['content', 'url'] } } }] },
          href: str,
          title: nullable('string'),
          published: nullable('string'),
          quoteCount: int,
          entityCount: int,
        },
      },
      EntitySummary: {
        type: 'object',
        required: ['id', 'name', 'type', 'articleCount', 'mentionCount', 'quoteCount'],
        properties: { id: int, name: str, type: { type: 'string', enum: [...ENTITY_TYPES] }, articleCount: int, mentionCount: int, quoteCount: int },
      },
      StoredEntity: {
        allOf: [
          ref('EntitySummary'),
          {
            type: 'object',
            required: ['aliases', 'roles'],
            properties: {
              aliases: { type: 'array', items: { type: 'object', properties: { text: str, count: int } } },
              roles: { type: 'array', items: str },
            },
          },
        ],
      },
      Speaker: {
        type: 'object',
        required: ['entityId', 'name', 'text'],
        properties: { entityId: nullable('integer'), name: nullable('string'), text: str },
      },
      Quote: {
        type: 'object',
        required: ['id', 'articleId', 'kind', 'text', 'start', 'end', 'speaker', 'when'],
        properties: {
          id: int,
          articleId: int,
          kind: { type: 'string', enum: [...QUOTE_KINDS] },
          text: str,
          start: int,
          end: int,
          cue: nullable('string'),
          speaker: { oneOf: [{ type: 'null' }, ref('Speaker')] },
          via: { oneOf: [{ type: 'null' }, ref('Speaker')] },
          saidOn: nullable('string'),
          published: nullable('string'),
          when: nullable('string'),
          publisher: nullable('string'),
          title: nullable('string'),
          url: nullable('string'),
        },
      },
      EntityQuotes: {
        ...page('Quote', { entity: { type: 'object', properties: { id: int, name: str, type: str } } }),
      },
      SearchHit: {
        type: 'object',
        required: ['type', 'id', 'articleId', 'snippet', 'score'],
        properties: {
          type: { type: 'string', enum: [...HIT_TYPES] },
          id: { type: 'integer', description: 'Quote id or article id, by type.' },
          articleId: int,
          snippet: { type: 'string', description: 'Matched words marked **like this**.' },
          score: { type: 'number' },
          title: nullable('string'),
          published: nullable('string'),
          publisher: nullable('string'),
          url: nullable('string'),
          kind: str,
          speaker: { oneOf: [{ type: 'null' }, ref('Speaker')] },
          saidOn: nullable('string'),
        },
      },
      SearchResult: {
        type: 'object',
        required: ['query', 'total', 'limit', 'offset', 'hits'],
        properties: { query: nullable('string'), total: int, totalIsLowerBound: { type: 'boolean', description: 'true when more matched than were ranked: total is then a lower bound' }, limit: int, offset: int, hits: { type: 'array', items: ref('SearchHit') } },
      },
      Source: {
        type: 'object',
        required: ['publisher', 'articles'],
        properties: { publisher: str, articles: int, firstPublished: nullable('string'), lastPublished: nullable('string') },
      },
      Job: {
        type: 'object',
        required: ['id', 'kind', 'payload', 'state', 'attempts', 'maxAttempts', 'runAt', 'createdAt'],
        properties: {
          id: int, kind: str, payload: { type: 'object' }, key: nullable('string'),
          state: { type: 'string', enum: ['queued', 'running', 'retry', 'done', 'dead'] },
          priority: int, attempts: int, maxAttempts: int, runAt: str, lockedBy: nullable('string'), lockedUntil: nullable('string'),
          lastError: nullable('string'), result: {}, createdAt: str, startedAt: nullable('string'), finishedAt: nullable('string'),
        },
      },
      JobAccepted: {
        type: 'object',
        required: ['status', 'job'],
        properties: { status: { const: 'queued' }, job: { type: 'object', properties: { id: int, state: str, href: str, created: { type: 'boolean' } } } },
      },
    },
  },
  paths: {
    '/api/health': {
      get: { operationId: 'health', summary: 'The server is up and the store answers', responses: { '200': json(ref('Health'), 'Up.'), '503': json(ref('Health'), 'The store does not answer.') } },
    },
    '/api/openapi.json': {
      get: { operationId: 'openapi', summary: 'This description', responses: { '200': json({ type: 'object' }, 'OpenAPI 3.1.') } },
    },
    '/api/articles': {
      get: {
        operationId: 'listArticles',
        summary: 'Stored articles, newest first',
        parameters: [
          param('limit'),
          param('offset'),
          { name: 'cursor', in: 'query', description: 'The nextCursor of the previous page; takes precedence over offset.', schema: str },
          { name: 'source', in: 'query', description: 'Publisher domain or name.', schema: str },
        ],
        responses: { '200': json({ ...page('ArticleSummary', { nextCursor: nullable('string') }) }, 'A page of articles.'), '400': BAD_REQUEST },
      },
      post: {
        operationId: 'submitArticle',
        summary: 'Analyse and store an article (text, body, HTML, or a URL to fetch)',
        security: [{ bearer: [] }],
        requestBody: { required: true, content: { 'application/json': { schema: ref('Submission') } } },
        responses: {
          '201': json(ref('SubmitResult'), 'Added.'),
          '202': json(ref('JobAccepted'), 'Queued for a worker (PostgreSQL with live workers: every URL submission, and text/body/HTML sent with "Prefer: respond-async"); follow job.href.'),
          '200': json(ref('SubmitResult'), 'Already stored (status "duplicate"), or re-analysed by a newer pipeline ("updated").'),
          '400': error('Bad body, bad URL, or a private/loopback address without --allow-private.'),
          '401': UNAUTHORIZED,
          '413': error('Body over maxBodyBytes, or article over the input limit.'),
          '415': error('Not application/json.'),
          '422': error('The input cannot be read as an article (binary, empty).'),
          '502': error('The URL could not be fetched (unreachable, HTTP error, too large, redirects).'),
          '504': error('The URL did not answer in time.'),
        },
      },
    },
    '/api/articles/{id}': {
      get: {
        operationId: 'getArticle',
        summary: 'One stored article: its analysis and canonical entity ids',
        parameters: [param('id')],
        responses: { '200': json(ref('StoredArticle'), 'The article.'), '400': BAD_REQUEST, '404': NOT_FOUND },
      },
    },
    '/api/entities': {
      get: {
        operationId: 'listEntities',
        summary: 'Canonical entities, by type and name',
        parameters: [
          { name: 'type', in: 'query', schema: { type: 'string', enum: [...ENTITY_TYPES] } },
          { name: 'q', in: 'query', description: 'A name or alias, or its start ("pesk").', schema: str },
          param('limit'),
          param('offset'),
        ],
        responses: { '200': json(page('EntitySummary'), 'A page of entities.'), '400': BAD_REQUEST },
      },
    },
    '/api/entities/{id}': {
      get: {
        operationId: 'getEntity',
        summary: 'One entity with aliases, roles and counts (a merged-away id answers with the entity it went into)',
        parameters: [param('id')],
        responses: { '200': json(ref('StoredEntity'), 'The entity.'), '400': BAD_REQUEST, '404': NOT_FOUND },
      },
    },
    '/api/entities/{id}/merge': {
      post: {
        operationId: 'mergeEntities',
        summary: 'Merge entity `from` into this one (its mentions, quotes and aliases move; its id redirects)',
        security: [{ bearer: [] }],
        parameters: [param('id')],
        requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['from'], properties: { from: { type: 'integer', minimum: 1 } }, additionalProperties: false } } } },
        responses: { '200': json(ref('StoredEntity'), 'The merged entity.'), '400': BAD_REQUEST, '401': UNAUTHORIZED, '404': NOT_FOUND, '409': error('Already the same entity.') },
      },
    },
    '/api/entities/{id}/quotes': {
      get: {
        operationId: 'entityQuotes',
        summary: 'Quotes the entity said, oldest first',
        parameters: [param('id'), param('limit'), param('offset')],
        responses: { '200': json(ref('EntityQuotes'), 'A page of quotes.'), '400': BAD_REQUEST, '404': NOT_FOUND },
      },
    },
    '/api/entities/{id}/mentioned-in': {
      get: {
        operationId: 'entityMentionedIn',
        summary: 'Quotes whose words mention the entity, oldest first',
        parameters: [param('id'), param('limit'), param('offset')],
        responses: { '200': json(ref('EntityQuotes'), 'A page of quotes.'), '400': BAD_REQUEST, '404': NOT_FOUND },
      },
    },
    '/api/quotes': {
      get: {
        operationId: 'searchQuotes',
        summary: 'Search quotes: by speaker, words, kind, dates, publisher',
        parameters: [...searchParams, param('limit'), param('offset')],
        responses: { '200': json(ref('SearchResult'), 'Quote hits, best first.'), '400': BAD_REQUEST },
      },
    },
    '/api/search': {
      get: {
        operationId: 'search',
        summary: 'Full-text search over quotes and articles with filters',
        parameters: [...searchParams, param('type'), param('limit'), param('offset')],
        responses: { '200': json(ref('SearchResult'), 'Hits, best first.'), '400': BAD_REQUEST },
      },
    },
    '/api/sources': {
      get: {
        operationId: 'listSources',
        summary: 'Publishers in the store',
        responses: { '200': json({ type: 'object', required: ['total', 'items'], properties: { total: int, items: { type: 'array', items: ref('Source') } } }, 'All publishers.') },
      },
    },
    '/api/feeds': {
      get: {
        operationId: 'listFeeds',
        summary: 'Feed subscriptions with their poll state',
        responses: { '200': json({ type: 'object', required: ['total', 'items'], properties: { total: int, items: { type: 'array', items: FEED } } }, 'Every subscribed feed: last poll, status, error, failures (back-off), next poll.') },
      },
      post: {
        operationId: 'addFeed',
        summary: 'Subscribe to an RSS, Atom, RDF or JSON feed (needs the token)',
        security: [{ bearer: [] }],
        requestBody: {
          required: true,
          content: { 'application/json': { schema: { type: 'object', required: ['url'], additionalProperties: false, properties: { url: { type: 'string', format: 'uri' }, title: { type: 'string' } } } } },
        },
        responses: {
          '201': json({ type: 'object', properties: { created: { type: 'boolean' }, feed: FEED } }, 'Subscribed.'),
          '200': json({ type: 'object', properties: { created: { type: 'boolean' }, feed: FEED } }, 'Already subscribed.'),
          '400': { description: 'Not an http(s) URL.' },
          '401': { description: 'No or wrong token.' },
        },
      },
    },
  },
} as const;

/** /api/jobs, served only over PostgreSQL with a job queue (app.ts adds these paths then). */
export const JOBS_PATHS = {
  '/api/jobs': {
    get: {
      operationId: 'listJobs',
      summary: 'Queued work, newest first: state queued, running, retry, done, dead; "failed" = retry or dead; "pending" = queued or retry',
      parameters: [
        { name: 'state', in: 'query', schema: { type: 'string', enum: ['queued', 'running', 'retry', 'done', 'dead', 'failed', 'pending'] } },
        { name: 'kind', in: 'query', schema: { type: 'string', enum: ['ingest-url', 'ingest-text', 'ingest-file', 'feed-poll', 'reprocess'] } },
        param('limit'),
        param('offset'),
      ],
      responses: {
        '200': json({ type: 'object', required: ['total', 'limit', 'offset', 'counts', 'workers', 'items'], properties: { total: int, limit: int, offset: int, counts: { type: 'object' }, workers: int, items: { type: 'array', items: ref('Job') } } }, 'A page of jobs, with counts by state and live workers.'),
        '400': BAD_REQUEST,
      },
    },
  },
  '/api/jobs/{id}': {
    get: {
      operationId: 'getJob',
      summary: 'One job: kind, payload, state, attempts, last error, result',
      parameters: [param('id')],
      responses: { '200': json(ref('Job'), 'The job.'), '400': BAD_REQUEST, '404': error('No such job.') },
    },
  },
} as const;
