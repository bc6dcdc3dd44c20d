// One call from an input (body, page text or HTML) to the contract result: the function the
// CLI, the batch mode and the server share.

import type { Doc } from '../doc/doc.js';
import { InputError } from '../doc/errors.js';
import { analyse } from '../pipeline.js';
import { toResult, type ArticleResult } from '../result.js';
import { DEFAULT_INPUT_LIMITS, docFromInput, type ArticleInput, type InputLimits } from './index.js';
import { isIsoDate } from './dates.js';

export function extractArticle(input: ArticleInput, limits: InputLimits = DEFAULT_INPUT_LIMITS): { doc: Doc; result: ArticleResult } {
  if (input.published != null && !isIsoDate(input.published)) {
    throw new InputError('BAD_PUBLISHED', `"published" must be a date like 2024-12-09, not ${JSON.stringify(input.published)}.`);
  }
  const doc = analyse(docFromInput(input, limits));
  return { doc, result: toResult(doc) };
}

/**
 * A batch line in the contract: {"id","body"|"text"|"html", "published"?, "url"?}.
 * Returns the input, or throws an InputError that says what is wrong with the line.
 */
export function inputFromJson(value: unknown): { id: string | null; input: ArticleInput } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new InputError('BAD_LINE', 'Each line must be a JSON object with "id" and one of "body", "text" or "html".');
  }
  const v = value as Record<string, unknown>;
  const id = v.id === undefined || v.id === null ? null : String(v.id);
  const published = v.published === undefined || v.published === null ? null : v.published;
  if (published !== null && typeof published !== 'string') throw new InputError('BAD_PUBLISHED', '"published" must be a string like 2024-12-09.');
  const url = typeof v.url === 'string' ? v.url : null;
  const kinds = (['body', 'text', 'html'] as const).filter((k) => v[k] !== undefined);
  if (kinds.length !== 1) {
    throw new InputError('BAD_LINE', kinds.length ? `Give only one of "body", "text" or "html", not ${kinds.join(' and ')}.` : 'The line has none of "body", "text" or "html".');
  }
  const kind = kinds[0];
  const content = v[kind];
  if (typeof content !== 'string') throw new InputError('BAD_LINE', `"${kind}" must be a string.`);
  const input: ArticleInput =
    kind === 'body' ? { kind, body: content, published, url } : kind === 'text' ? { kind, text: content, published, url } : { kind, html: content, published, url };
  return { id, input };
}
