// `newsgraph extract FILE|URL|-` and `newsgraph extract --jsonl`: thin over extractArticle.

import fs from 'node:fs';
import readline from 'node:readline';
import { InputError, NewsgraphError } from '../doc/errors.js';
import { extractArticle, inputFromJson } from '../extract/article.js';
import type { ArticleInput, InputLimits } from '../extract/index.js';
import type { ArticleResult } from '../result.js';
import { fetchPage, type FetchLimits, DEFAULT_FETCH_LIMITS } from '../ingest/fetch.js';
import { formatText } from './format-text.js';

export interface ExtractOptions {
  readonly format: 'json' | 'text';
  readonly published: string | null;
  readonly pretty: boolean;
  readonly limits: InputLimits;
  readonly fetch?: FetchLimits;
}

/** One article from a file, a URL or stdin. The input kind is told by the extension or content. */
export async function extractOne(source: string, options: ExtractOptions): Promise<string> {
  let input: ArticleInput;
  if (/^https?:\/\//i.test(source)) {
    const page = await fetchPage(source, options.fetch ?? DEFAULT_FETCH_LIMITS);
    input = page.contentType.includes('html') || /^\s*</.test(page.body)
      ? { kind: 'html', html: page.body, url: page.url, published: options.published }
      : { kind: 'text', text: page.body, url: page.url, published: options.published };
  } else {
    const raw = source === '-' ? await readStdin(options.limits.maxInputChars) : readFile(source, options.limits.maxInputChars);
    const html = /\.x?html?$/i.test(source) || /^\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>])/i.test(raw.slice(0, 2000));
    input = html ? { kind: 'html', html: raw, published: options.published } : { kind: 'text', text: raw, published: options.published };
  }
  const { result } = extractArticle(input, options.limits);
  return options.format === 'text' ? formatText(result) : JSON.stringify(result, null, options.pretty ? 2 : undefined);
}

function readFile(path: string, maxChars: number): string {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(path);
  } catch {
    throw new InputError('NO_SUCH_FILE', `Cannot read ${path}: no such file. Give a file path, a URL (http/https) or - for standard input.`);
  }
  if (stat.isDirectory()) throw new InputError('IS_DIRECTORY', `${path} is a folder: give one article file (to load folders, use "newsgraph ingest").`);
  if (stat.size > maxChars * 4) {
    throw new InputError('INPUT_TOO_LARGE', `${path} is ${(stat.size / 1048576).toFixed(1)} MB, over the input limit: raise it with --max-input-mb.`);
  }
  return fs.readFileSync(path, 'utf8');
}

async function readStdin(maxChars: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of process.stdin) {
    size += (chunk as Buffer).length;
    if (size > maxChars * 4) throw new InputError('INPUT_TOO_LARGE', 'Standard input is over the input limit: raise it with --max-input-mb.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * The batch contract: one JSON object per input line, one result line per input line, in
 * order. A bad line yields {"id", "error": {code, message}} and the run goes on.
 */
export async function extractJsonl(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  options: ExtractOptions & { progress?: (done: number) => void },
): Promise<{ lines: number; errors: number }> {
  const rl = readline.createInterface({ input, crlfDelay: Infinity });
  let lines = 0;
  let errors = 0;
  for await (const line of rl) {
    if (!line.trim()) continue;
    lines++;
    const out = processLine(line, lines, options);
    if ('error' in out) errors++;
    if (!output.write(JSON.stringify(out) + '\n')) await new Promise((resolve) => output.once('drain', resolve));
    options.progress?.(lines);
  }
  return { lines, errors };
}

function processLine(line: string, lineNo: number, options: ExtractOptions): (Omit<ArticleResult, 'id'> & { id: string | null }) | { id: string | null; error: { code: string; message: string } } {
  let id: string | null = null;
  try {
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new InputError('BAD_JSON', `Line ${lineNo} is not valid JSON: each line must be one JSON object.`);
    }
    const rawId = (value as { id?: unknown } | null)?.id;
    if (rawId !== undefined && rawId !== null) id = String(rawId);
    const parsed = inputFromJson(value);
    id = parsed.id;
    const input = options.published && !parsed.input.published ? { ...parsed.input, published: options.published } : parsed.input;
    const { result } = extractArticle(input, options.limits);
    return { id, ...result };
  } catch (err) {
    const code = err instanceof NewsgraphError ? err.code : 'INTERNAL';
    const message = err instanceof Error ? err.message : String(err);
    return { id, error: { code, message: code === 'INTERNAL' ? `Line ${lineNo} failed: ${message}` : message } };
  }
}
