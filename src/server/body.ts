// Reading a JSON request body without trusting it: the content type must be JSON, a declared
// Content-Length over the limit is refused before a byte is read, and a body without one
// (chunked) is read only up to the limit, then the read is cancelled.

import type { Context } from 'hono';
import { ApiError } from './errors.js';

function mb(bytes: number): string {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1).replace(/\.0$/, '')} MB` : `${bytes} bytes`;
}

export function tooLarge(maxBytes: number): ApiError {
  return new ApiError(
    413,
    'BODY_TOO_LARGE',
    `The request body is over the ${mb(maxBytes)} limit (maxBodyBytes). Send a smaller article, submit its {"url"} instead, or raise the server's limit.`,
  );
}

export async function readJsonBody(c: Context, maxBytes: number): Promise<unknown> {
  const type = (c.req.header('content-type') ?? '').split(';')[0].trim().toLowerCase();
  if (type !== 'application/json' && !/^application\/[\w.+-]*\+json$/.test(type)) {
    throw new ApiError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `Send the body as JSON with "Content-Type: application/json"${type ? `, not ${type}` : ' (the header is missing)'}.`,
    );
  }
  const declared = c.req.header('content-length');
  if (declared !== undefined && !c.req.header('transfer-encoding')) {
    const n = Number(declared);
    if (!Number.isFinite(n) || n < 0) throw new ApiError(400, 'BAD_CONTENT_LENGTH', `Content-Length "${declared}" is not a number of bytes.`);
    if (n > maxBytes) throw tooLarge(maxBytes);
  }
  const stream = c.req.raw.body;
  if (!stream) throw new ApiError(400, 'EMPTY_BODY', 'The request has no body: send a JSON object.');
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  if (size === 0) throw new ApiError(400, 'EMPTY_BODY', 'The request body is empty: send a JSON object.');
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks));
  } catch {
    throw new ApiError(400, 'INVALID_JSON', 'The body is not valid UTF-8: send JSON encoded as UTF-8.');
  }
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new ApiError(400, 'INVALID_JSON', `The body is not valid JSON (${(e as Error).message}).`);
  }
}
