// Finding article files to ingest: files and folders (recursive, sorted, hidden names and
// symlink loops skipped). .txt pages, .html/.htm pages, and .jsonl batches in the batch
// contract; a file named explicitly with another extension is told by its content.

import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { InputError } from '../doc/errors.js';

export type FileKind = 'text' | 'html' | 'jsonl';

export type FoundFile =
  | { readonly path: string; readonly kind: FileKind }
  | { readonly path: string; readonly error: string; readonly code: string }
  | { readonly path: string; readonly skipped: string };

const EXTENSIONS: Readonly<Record<string, FileKind>> = {
  '.txt': 'text',
  '.text': 'text',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

export function kindOfPath(file: string): FileKind | null {
  return EXTENSIONS[path.extname(file).toLowerCase()] ?? null;
}

/** HTML or plain text, by the start of the content. */
export function sniffKind(head: string): 'html' | 'text' {
  return /^\s*(?:<!doctype html|<html|<head|<body|<article|<div|<p[\s>]|<!--)/i.test(head.slice(0, 2000)) ? 'html' : 'text';
}

/** Every file to ingest under the given paths, in a stable order. */
export function* findFiles(paths: readonly string[]): Generator<FoundFile> {
  const seen = new Set<string>();
  for (const p of paths) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(p);
    } catch {
      yield { path: p, error: 'no such file or folder', code: 'NO_SUCH_FILE' };
      continue;
    }
    if (stat.isDirectory()) yield* walk(p, seen);
    else if (stat.isFile()) {
      const real = safeRealpath(p);
      if (seen.has(real)) continue;
      seen.add(real);
      const kind = kindOfPath(p) ?? sniffKind(readHead(p));
      yield { path: p, kind };
    } else yield { path: p, skipped: 'not a regular file' };
  }
}

function* walk(dir: string, seen: Set<string>): Generator<FoundFile> {
  const real = safeRealpath(dir);
  if (seen.has(real)) return;
  seen.add(real);
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch (err) {
    yield { path: dir, error: `cannot read the folder: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, code: 'UNREADABLE' };
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = path.join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try {
        const s = fs.statSync(full);
        isDir = s.isDirectory();
        isFile = s.isFile();
      } catch {
        yield { path: full, error: 'broken symbolic link', code: 'NO_SUCH_FILE' };
        continue;
      }
    }
    if (isDir) yield* walk(full, seen);
    else if (isFile) {
      const kind = kindOfPath(full);
      if (!kind) {
        yield { path: full, skipped: 'not a .txt, .html or .jsonl file' };
        continue;
      }
      const r = safeRealpath(full);
      if (seen.has(r)) continue;
      seen.add(r);
      yield { path: full, kind };
    }
  }
}

function safeRealpath(p: string): string {
  try {
    return fs.realpathSync(p);
  } catch {
    return path.resolve(p);
  }
}

function readHead(file: string): string {
  try {
    const fd = fs.openSync(file, 'r');
    try {
      const buf = Buffer.alloc(2048);
      const n = fs.readSync(fd, buf, 0, buf.length, 0);
      return buf.subarray(0, n).toString('utf8');
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    return '';
  }
}

/** A whole article file as text, refusing files over the input limit. */
export function readArticleFile(file: string, maxChars: number): string {
  const stat = fs.statSync(file);
  if (stat.size > maxChars * 4) {
    throw new InputError('INPUT_TOO_LARGE', `the file is ${(stat.size / 1048576).toFixed(1)} MB, over the input limit`);
  }
  return fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
}

/** The non-blank lines of a JSONL file, numbered from 1. */
export async function* readJsonlLines(file: string): AsyncGenerator<{ line: number; text: string }> {
  const rl = readline.createInterface({ input: fs.createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of rl) {
      line++;
      const t = line === 1 ? text.replace(/^\uFEFF/, '') : text;
      if (t.trim()) yield { line, text: t };
    }
  } finally {
    rl.close();
  }
}
