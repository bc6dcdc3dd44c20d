// /static/*: the CSS and JavaScript in web/, read once, served with a content hash ETag.

import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { Context } from 'hono';

/** web/ at the project root (the same depth from src/server/pages and dist/server/pages). */
export const WEB_DIR = path.resolve(import.meta.dirname, '../../../web');

const TYPES: Record<string, string> = { '.css': 'text/css; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.svg': 'image/svg+xml' };

const cache = new Map<string, { body: Buffer; etag: string; type: string } | null>();

function load(file: string) {
  if (!cache.has(file)) {
    const type = TYPES[path.extname(file)];
    let entry = null;
    if (type && /^[a-z0-9][a-z0-9._-]*$/i.test(file)) {
      try {
        const body = fs.readFileSync(path.join(WEB_DIR, file));
        entry = { body, type, etag: `"${crypto.createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
      } catch {
        entry = null;
      }
    }
    cache.set(file, entry);
  }
  return cache.get(file)!;
}

export function serveStatic(c: Context, file: string): Response {
  const entry = load(file);
  if (!entry) return c.text('Not Found', 404);
  const headers = { 'content-type': entry.type, etag: entry.etag, 'cache-control': 'public, max-age=300', 'x-content-type-options': 'nosniff' };
  if (c.req.header('if-none-match') === entry.etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(entry.body), { status: 200, headers });
}
