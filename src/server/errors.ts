// API errors: one JSON shape, {"error": {"code", "message"}}, whose message says what was
// wrong and what to send instead. Errors from the store, the extractor and the fetcher are
// mapped to HTTP statuses here, in one table; anything else is a 500 that leaks nothing.

import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { HTTPException } from 'hono/http-exception';
import { InputError, NewsgraphError } from '../doc/errors.js';
import { FetchError } from '../ingest/fetch.js';

export interface ErrorBody {
  readonly error: { readonly code: string; readonly message: string };
}

/** An error the API answers with as is: a status, a stable code and a message for the caller. */
export class ApiError extends NewsgraphError {
  readonly status: ContentfulStatusCode;
  readonly headers: Readonly<Record<string, string>>;
  constructor(status: ContentfulStatusCode, code: string, message: string, headers: Record<string, string> = {}) {
    super(code, message);
    this.status = status;
    this.headers = headers;
  }
}

/** Fetch error code → status: the caller's URL is wrong (4xx) or the remote site failed (502/504). */
const FETCH_STATUS: Readonly<Record<string, ContentfulStatusCode>> = {
  BAD_URL: 400,
  PRIVATE_ADDRESS: 400,
  TIMEOUT: 504,
  UNREACHABLE: 502,
  HTTP_STATUS: 502,
  TOO_LARGE: 502,
  TOO_MANY_REDIRECTS: 502,
  REDIRECT_LOOP: 502,
  BAD_RESPONSE: 502,
};

/** Input error code → status; others are 422 (the request was well formed, the article is not readable). */
const INPUT_STATUS: Readonly<Record<string, ContentfulStatusCode>> = {
  INPUT_TOO_LARGE: 413,
  BAD_PUBLISHED: 400,
  BAD_LINE: 400,
  INPUT_TYPE: 400,
};

/** Codes other NewsgraphErrors (e.g. from the store) may carry that mean "the caller asked for something wrong". */
const OTHER_STATUS: Readonly<Record<string, ContentfulStatusCode>> = {
  NO_SUCH_ENTITY: 404,
  NO_SUCH_ARTICLE: 404,
  BAD_CURSOR: 400,
  SAME_ENTITY: 409,
};

export function statusOf(err: NewsgraphError): ContentfulStatusCode {
  if (err instanceof ApiError) return err.status;
  if (err instanceof FetchError) return FETCH_STATUS[err.code] ?? 502;
  if (err instanceof InputError) return INPUT_STATUS[err.code] ?? 422;
  return OTHER_STATUS[err.code] ?? 500;
}

export function errorJson(c: Context, status: ContentfulStatusCode, code: string, message: string, headers?: Record<string, string>): Response {
  const body: ErrorBody = { error: { code, message } };
  return c.json(body, status, headers);
}

export type ErrorLogger = (message: string) => void;

/** The app's onError: known errors answer with their code and message; the rest with a bare 500. */
export function makeErrorHandler(log: ErrorLogger) {
  return (err: Error, c: Context): Response => {
    if (err instanceof NewsgraphError) {
      const status = statusOf(err);
      if (status >= 500 && !(err instanceof FetchError)) {
        log(`newsgraph serve: ${c.req.method} ${c.req.path} failed: ${err.stack ?? err.message}`);
        if (!(err instanceof ApiError)) return errorJson(c, status, err.code, 'The server could not complete the request; the error is in the server log.');
      }
      return errorJson(c, status, err.code, err.message, err instanceof ApiError ? { ...err.headers } : undefined);
    }
    if (err instanceof HTTPException) {
      const status = err.status as ContentfulStatusCode;
      return errorJson(c, status, status === 413 ? 'BODY_TOO_LARGE' : `HTTP_${status}`, err.message || 'The request could not be handled.');
    }
    log(`newsgraph serve: ${c.req.method} ${c.req.path} failed: ${err.stack ?? String(err)}`);
    return errorJson(c, 500, 'INTERNAL', 'The server could not complete the request; the error is in the server log.');
  };
}
