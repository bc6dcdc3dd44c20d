// Fetching a page from the web, safely: a whole-request deadline, a size cap, a redirect cap,
// charset detection, and no requests to private, loopback or link-local addresses unless
// allowed. The address check runs in the socket's own DNS lookup, so a host that resolves
// to a public address first and a private one later (DNS rebinding) is still refused.

import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import zlib from 'node:zlib';
import { NewsgraphError } from '../doc/errors.js';

export class FetchError extends NewsgraphError {}

export interface FetchLimits {
  /** Whole request deadline, redirects included (ms). */
  readonly timeoutMs: number;
  /** Largest body accepted after decompression (bytes). */
  readonly maxBytes: number;
  readonly maxRedirects: number;
  /** Allow private, loopback and link-local addresses (tests, intranets). */
  readonly allowPrivate: boolean;
  readonly userAgent: string;
  /** Extra request headers (conditional GET: If-None-Match, If-Modified-Since). */
  readonly headers?: Readonly<Record<string, string>>;
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  timeoutMs: 15_000,
  maxBytes: 10 * 1024 * 1024,
  maxRedirects: 5,
  allowPrivate: false,
  userAgent: 'newsgraph/0.1 (+self-hosted news reader)',
};

export interface FetchedPage {
  /** The final URL after redirects. */
  readonly url: string;
  readonly status: number;
  readonly contentType: string;
  readonly charset: string;
  readonly body: string;
  readonly etag: string | null;
  readonly lastModified: string | null;
  /** 304 Not Modified to a conditional request: body is empty. */
  readonly notModified: boolean;
}

/** IPv4 and IPv6 ranges that are not the public internet. */
const BLOCKED_V4: readonly [string, number][] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24],
  ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
];
const blockList = new net.BlockList();
for (const [addr, prefix] of BLOCKED_V4) blockList.addSubnet(addr, prefix, 'ipv4');
for (const [addr, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96], ['2001:db8::', 32]] as const) {
  blockList.addSubnet(addr, prefix, 'ipv6');
}

export function isPrivateAddress(address: string): boolean {
  const family = net.isIP(address);
  if (family === 0) return false;
  if (family === 6) {
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    if (mapped) return blockList.check(mapped[1], 'ipv4');
    return blockList.check(address, 'ipv6');
  }
  return blockList.check(address, 'ipv4');
}

export async function fetchPage(url: string, limits: FetchLimits = DEFAULT_FETCH_LIMITS): Promise<FetchedPage> {
  const deadline = Date.now() + limits.timeoutMs;
  let current = parseUrl(url);
  const seen = new Set<string>();
  for (let hop = 0; ; hop++) {
    if (seen.has(current.href)) throw new FetchError('REDIRECT_LOOP', `Redirect loop at ${current.href}: the site redirects back to a page already visited.`);
    seen.add(current.href);
    const res = await request(current, limits, deadline);
    if (res.status >= 300 && res.status < 400 && res.status !== 304 && res.location) {
      if (hop >= limits.maxRedirects) {
        throw new FetchError('TOO_MANY_REDIRECTS', `More than ${limits.maxRedirects} redirects from ${url} (limit: maxRedirects).`);
      }
      current = parseUrl(new URL(res.location, current).href);
      continue;
    }
    if (res.status === 304) {
      return { url: current.href, status: 304, contentType: '', charset: '', body: '', etag: res.etag, lastModified: res.lastModified, notModified: true };
    }
    if (res.status >= 400) throw new FetchError('HTTP_STATUS', `${current.href} answered HTTP ${res.status}.`);
    const { text, charset } = decodeBody(res.body, res.contentType);
    return { url: current.href, status: res.status, contentType: res.contentType, charset, body: text, etag: res.etag, lastModified: res.lastModified, notModified: false };
  }
}

function parseUrl(url: string): URL {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new FetchError('BAD_URL', `"${url}" is not a valid URL: give an absolute http(s) URL.`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new FetchError('BAD_URL', `Only http and https URLs can be fetched, not ${u.protocol}.`);
  if (u.username || u.password) throw new FetchError('BAD_URL', 'URLs with credentials are not fetched.');
  return u;
}

interface RawResponse {
  status: number;
  location: string | null;
  contentType: string;
  etag: string | null;
  lastModified: string | null;
  body: Buffer;
}

function request(u: URL, limits: FetchLimits, deadline: number): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const remaining = deadline - Date.now();
    if (remaining <= 0) return reject(timeoutError(limits));
    const host = u.hostname.replace(/^\[|\]$/g, '');
    if (!limits.allowPrivate && net.isIP(host) && isPrivateAddress(host)) {
      return reject(privateError(host));
    }
    const lookup: net.LookupFunction = (hostname, options, callback) => {
      dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
        if (err) return callback(err, '', 4);
        const list = addresses as dns.LookupAddress[];
        const bad = limits.allowPrivate ? undefined : list.find((a) => isPrivateAddress(a.address));
        if (bad) return callback(privateError(bad.address), '', 4);
        if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
        callback(null, list[0].address, list[0].family);
      });
    };
    const mod = u.protocol === 'https:' ? https : http;
    const req = mod.request(
      u,
      {
        method: 'GET',
        lookup,
        headers: {
          'user-agent': limits.userAgent,
          accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,application/rss+xml,application/atom+xml,application/feed+json,text/plain;q=0.8,*/*;q=0.5',
          'accept-encoding': 'gzip, deflate, br',
          ...(limits.headers ?? {}),
        },
      },
      (res) => {
        const status = res.statusCode ?? 0;
        const header = (name: string) => {
          const v = res.headers[name];
          return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
        };
        const base = { status, location: header('location'), contentType: header('content-type') ?? '', etag: header('etag'), lastModified: header('last-modified') };
        if ((status >= 300 && status < 400) || status >= 400) {
          res.resume();
          return resolve({ ...base, body: Buffer.alloc(0) });
        }
        const declared = Number(header('content-length') ?? NaN);
        if (Number.isFinite(declared) && declared > limits.maxBytes) {
          req.destroy();
          return reject(tooLarge(limits));
        }
        const encoding = (header('content-encoding') ?? '').toLowerCase();
        const stream = encoding.includes('gzip') ? res.pipe(zlib.createGunzip()) : encoding.includes('br') ? res.pipe(zlib.createBrotliDecompress()) : encoding.includes('deflate') ? res.pipe(zlib.createInflate()) : res;
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (c: Buffer) => {
          size += c.length;
          if (size > limits.maxBytes) {
            req.destroy();
            stream.destroy();
            reject(tooLarge(limits));
            return;
          }
          chunks.push(c);
        });
        stream.on('end', () => resolve({ ...base, body: Buffer.concat(chunks) }));
        stream.on('error', (e) => reject(new FetchError('BAD_RESPONSE', `Could not read the response from ${u.href}: ${e.message}`)));
      },
    );
    const timer = setTimeout(() => {
      req.destroy();
      reject(timeoutError(limits));
    }, remaining);
    req.on('close', () => clearTimeout(timer));
    req.on('error', (e: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      if (e instanceof FetchError) return reject(e);
      reject(new FetchError('UNREACHABLE', `Cannot reach ${u.host}: ${e.code ?? e.message}. Check the URL and the network.`));
    });
    req.end();
  });
}

const timeoutError = (l: FetchLimits) => new FetchError('TIMEOUT', `The server did not answer within ${l.timeoutMs} ms (limit: timeoutMs).`);
const tooLarge = (l: FetchLimits) => new FetchError('TOO_LARGE', `The response is larger than ${l.maxBytes} bytes (limit: maxBytes).`);
const privateError = (addr: string) =>
  new FetchError('PRIVATE_ADDRESS', `Refusing to fetch ${addr}: private, loopback and link-local addresses are blocked (set allowPrivate to allow them).`);

/**
 * Bytes → text. The charset comes from a BOM, the Content-Type header, an XML declaration or a
 * <meta charset>, else UTF-8; a declared UTF-8 that does not decode cleanly is read as
 * windows-1252, since feeds and pages often lie about their encoding.
 */
export function decodeBody(body: Buffer, contentType: string): { text: string; charset: string } {
  if (body[0] === 0xef && body[1] === 0xbb && body[2] === 0xbf) return { text: body.subarray(3).toString('utf8'), charset: 'utf-8' };
  if (body[0] === 0xff && body[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(body.subarray(2)), charset: 'utf-16le' };
  if (body[0] === 0xfe && body[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(body.subarray(2)), charset: 'utf-16be' };
  const head = body.subarray(0, 4096).toString('latin1');
  const declared =
    /charset\s*=\s*["']?([\w.:-]+)/i.exec(contentType)?.[1] ??
    /<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)/i.exec(head)?.[1] ??
    /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head)?.[1] ??
    'utf-8';
  let charset = declared.toLowerCase();
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    charset = 'utf-8';
    decoder = new TextDecoder('utf-8');
  }
  let text = decoder.encoding === 'windows-1252' ? decodeWindows1252(body) : decoder.decode(body);
  if (decoder.encoding === 'utf-8' && text.includes('\uFFFD')) {
    const replaced = (text.match(/\uFFFD/g) ?? []).length;
    if (replaced > 0) {
      text = decodeWindows1252(body);
      charset = 'windows-1252';
    }
  }
  return { text, charset };
}

/** The C1 range of windows-1252 (0x80–0x9F); Node 20's TextDecoder reads these bytes as latin-1. */
const CP1252_C1 = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

function decodeWindows1252(body: Buffer): string {
  let out = '';
  for (let i = 0; i < body.length; i += 8192) {
    const chunk = body.subarray(i, i + 8192);
    let part = '';
    for (const b of chunk) part += b >= 0x80 && b <= 0x9f ? CP1252_C1[b - 0x80] : String.fromCharCode(b);
    out += part;
  }
  return out;
}
