// Plain-text pages (a copied web page, a wire text): one paragraph per line, or per
// blank-line-separated group when the text is hard-wrapped. Lines are classified by the
// named patterns in ./patterns.ts: provenance ("Source: <url>"), template boilerplate,
// photo captions with credits, bylines, date lines, and a title line.

import type { PageBlock, ParsedPage } from '../page.js';
import { EMPTY_PAGE_META } from '../page.js';
import {
  BOILERPLATE_LINE, BYLINE_LINE, CAPTION_CREDIT, DATE_LINE, MAX_BOILERPLATE_LENGTH, PROVENANCE_LINE,
} from './patterns.js';
import { parseLooseDate } from '../dates.js';

export interface TextPageOptions {
  readonly url?: string | null;
}

const TERMINAL_END = /[.!?:;…"”’)\]]$/u;
const MAX_TITLE_LENGTH = 160;

export function parseTextPage(input: string, options: TextPageOptions = {}): ParsedPage {
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const lines = toLogicalLines(text);

  const blocks: PageBlock[] = [];
  const boilerplate: string[] = [];
  let republishedFrom: string | null = null;
  let byline: string | null = null;
  let published: string | null = null;
  let title: string | null = null;

  lines.forEach((line, index) => {
    const provenance = matchFirst(PROVENANCE_LINE, line);
    if (provenance) {
      republishedFrom ??= provenance[1];
      return;
    }
    if (line.length <= MAX_BOILERPLATE_LENGTH && BOILERPLATE_LINE.some((re) => re.test(line))) {
      boilerplate.push(line);
      return;
    }
    const bylineMatch = line.length <= 120 ? BYLINE_LINE.exec(line) : null;
    if (bylineMatch && byline === null) {
      byline = bylineMatch[1];
      return;
    }
    const dateLine = DATE_LINE.exec(line);
    if (dateLine && published === null) {
      const value = parseLooseDate(dateLine[1]);
      if (value) {
        published = value;
        return;
      }
    }
    const credit = captionCredit(line);
    if (credit) {
      blocks.push({ kind: 'caption', text: line, credit });
      return;
    }
    if (index === 0 && title === null && isTitleLine(line, lines)) {
      title = line;
      return;
    }
    blocks.push({ kind: 'paragraph', text: line });
  });

  let titleInferred = false;
  if (title === null) {
    const lead = blocks.find((b) => b.kind === 'paragraph');
    if (lead) {
      title = inferTitle(lead.text);
      titleInferred = title !== null;
    }
  }

  return {
    blocks,
    meta: {
      ...EMPTY_PAGE_META,
      title,
      titleInferred,
      published,
      byline,
      url: options.url ?? null,
      republishedFrom,
      boilerplate,
    },
  };
}

/** Lines, or blank-line-separated groups joined when the text is hard-wrapped. */
function toLogicalLines(text: string): string[] {
  const rawLines = text.split('\n').map(normaliseSpace);
  const hasBlankSeparators = /\n[ \t]*\n/.test(text);
  if (hasBlankSeparators && looksHardWrapped(rawLines)) {
    return text.split(/\n[ \t]*\n/).map((group) => normaliseSpace(group.replace(/\n/g, ' '))).filter(Boolean);
  }
  return rawLines.filter(Boolean);
}

/** Most non-empty lines end mid-sentence and have similar lengths: a wrapped text. */
function looksHardWrapped(lines: string[]): boolean {
  const nonEmpty = lines.filter(Boolean);
  if (nonEmpty.length < 4) return false;
  const open = nonEmpty.filter((l) => !TERMINAL_END.test(l)).length;
  const long = nonEmpty.filter((l) => l.length >= 50 && l.length <= 100).length;
  return open / nonEmpty.length > 0.5 && long / nonEmpty.length > 0.5;
}

function normaliseSpace(s: string): string {
  return s.replace(/[\t\u00a0\u2000-\u200b\u202f\u205f\u3000 ]+/g, ' ').trim();
}

function matchFirst(patterns: readonly RegExp[], line: string): RegExpExecArray | null {
  for (const re of patterns) {
    const m = re.exec(line);
    if (m) return m;
  }
  return null;
}

/** The credit of a caption line, if the line ends with one. */
export function captionCredit(line: string): string | null {
  const m = matchFirst(CAPTION_CREDIT, line);
  if (!m) return null;
  const credit = m[1].trim().replace(/[.,;]+$/, '');
  return credit.length > 0 ? credit : null;
}

function isTitleLine(line: string, lines: readonly string[]): boolean {
  if (lines.length < 2 || line.length > MAX_TITLE_LENGTH) return false;
  if (TERMINAL_END.test(line) && !/[?!]$/.test(line)) return false;
  const words = line.split(' ').length;
  return words >= 2 && words <= 16;
}

/** A headline inferred from the lead: its first sentence, shortened to about a dozen words. */
function inferTitle(lead: string): string | null {
  const first = lead.split(/(?<=[.!?])\s+(?=[\p{Lu}"“])/u)[0] ?? lead;
  const words = first.replace(/[.!?]+$/, '').split(' ');
  if (words.length === 0 || words[0] === '') return null;
  return words.length <= 14 ? words.join(' ') : `${words.slice(0, 12).join(' ')}…`;
}
