// Golden checks over test/fixtures/articles/<slug>/: input.txt (a page-like text), input.html, or input.shared (a file under ../shared),
// and expected.json — what a careful reader extracts, written and checked by hand. Every item
// is one named test, so a regression in any stage names what broke. seed.test.ts runs the
// founding example, articles.test.ts every other folder.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { extractArticle } from '../../src/extract/article.js';
import type { ArticleInput } from '../../src/extract/index.js';
import type { ArticleResult } from '../../src/result.js';
import { sharedFile } from '../shared.js';

interface ExpectedQuote { direct?: boolean; kind?: string; kinds?: string[]; speaker: string | null; speaker_text?: string; via?: string; cue?: string | null; text: string }
interface Expected {
  published: string | null;
  title?: string;
  title_inferred?: boolean;
  byline?: string;
  source?: { url: string; publisher: string };
  captions?: { text: string; credit: string }[];
  not_in_text?: string[];
  paragraphs?: number;
  entities?: { type: string; name: string; mentions: string[] }[];
  quotes?: ExpectedQuote[];
  not_quotes?: string[];
  dates?: { text: string; type: string; value: string; mod?: string }[];
  dates_without_published?: { text: string; value: string }[];
  offset_checks?: { text: string; start: number }[];
}

const ROOT = new URL('../fixtures/articles/', import.meta.url);
const QUOTE_MARKS = /["“”‘’']/g;
const norm = (s: string) => s.replace(QUOTE_MARKS, '').replace(/\s+/g, ' ').trim().toLowerCase();
const stripThe = (s: string) => norm(s).replace(/^the /, '');

function inputOf(dir: URL, published: string | null): ArticleInput {
  const html = new URL('input.html', dir);
  if (fs.existsSync(html)) return { kind: 'html', html: fs.readFileSync(html, 'utf8') };
  // input.shared names a file under ../shared to read instead of a copy (the founding example)
  const shared = new URL('input.shared', dir);
  const input = fs.existsSync(shared) ? sharedFile(fs.readFileSync(shared, 'utf8').trim()) : new URL('input.txt', dir);
  return { kind: 'text', text: fs.readFileSync(input, 'utf8'), published };
}

export const ARTICLE_FIXTURES: readonly string[] = fs.readdirSync(ROOT).sort();

export function runGolden(slugs: readonly string[]): void {
  for (const slug of slugs) goldenArticle(slug);
}

function goldenArticle(slug: string): void {
  const dir = new URL(`${slug}/`, ROOT);
  const expected: Expected = JSON.parse(fs.readFileSync(new URL('expected.json', dir), 'utf8'));
  const input = inputOf(dir, expected.published);
  const { result } = extractArticle(input);
  describe(`article ${slug}`, () => {
    checkPage(result, expected);
    checkEntities(result, expected);
    checkQuotes(result, expected);
    checkDates(result, expected);
    if (expected.dates_without_published) {
      const { result: undated } = extractArticle({ ...input, published: null } as ArticleInput);
      test('without a publication date, year-less values are not guessed', () => {
        for (const d of expected.dates_without_published!) assert.equal(undated.dates.find((x) => x.text === d.text)?.value, d.value, d.text);
      });
    }
    test('every span covers the text it claims', () => {
      const check = (s: { start: number; end: number; text: string }) => assert.equal(result.text.slice(s.start, s.end), s.text);
      result.entities.forEach((e) => e.mentions.forEach(check));
      result.quotes.forEach((q) => { check(q); if (q.cue) check(q.cue); if (q.speaker) check(q.speaker); });
      result.dates.forEach(check);
      for (const o of expected.offset_checks ?? []) assert.equal(result.text.indexOf(o.text), o.start, `UTF-16 offset of "${o.text}"`);
    });
  });
}

function checkPage(result: ArticleResult, e: Expected): void {
  if (e.published) test(`published ${e.published}`, () => assert.ok(result.published?.startsWith(e.published!), String(result.published)));
  if (e.title) test(`title "${e.title}"`, () => assert.equal(result.title, e.title));
  if (e.title_inferred) {
    test('a title inferred from the lead is marked inferred', () => {
      assert.equal(result.title_inferred, true);
      assert.ok(result.title && result.text.startsWith(result.title.replace(/…$/, '')));
    });
  }
  if (e.byline) test(`byline ${e.byline}`, () => assert.equal(result.byline, e.byline));
  if (e.source) test('source read as provenance', () => assert.deepEqual(result.source, e.source));
  for (const c of e.captions ?? []) {
    test(`caption "${c.text.slice(0, 40)}" credited to ${c.credit}, outside the body paragraphs`, () => {
      const hit = result.captions.find((x) => norm(x.text) === norm(c.text));
      assert.ok(hit, `caption "${c.text}" in ${JSON.stringify(result.captions)}`);
      assert.equal(hit.credit, c.credit);
      for (const p of result.paragraphs) assert.ok(!result.text.slice(p.start, p.end).includes(c.text), 'caption inside a body paragraph');
    });
  }
  if (e.not_in_text) {
    test('boilerplate and provenance are not in the text', () => {
      for (const s of e.not_in_text!) assert.ok(!result.text.includes(s), `"${s}" in text`);
    });
  }
  if (e.paragraphs !== undefined) test(`${e.paragraphs} body paragraphs`, () => assert.equal(result.paragraphs.length, e.paragraphs));
}

function checkEntities(result: ArticleResult, e: Expected): void {
  for (const x of e.entities ?? []) {
    test(`${x.type} ${x.name}: ${x.mentions.join(' | ')}`, () => {
      const hit = result.entities.find((y) => y.type === x.type && stripThe(y.name) === stripThe(x.name));
      assert.ok(hit, `no ${x.type} entity named ${x.name}; have ${result.entities.map((y) => `${y.type}:${y.name}`).join(', ')}`);
      const forms = new Set(hit.mentions.map((m) => stripThe(m.text)));
      for (const m of x.mentions) assert.ok(forms.has(stripThe(m)), `mention "${m}" missing from ${[...forms].join(' | ')}`);
    });
  }
}

function checkQuotes(result: ArticleResult, e: Expected): void {
  for (const q of e.quotes ?? []) {
    const label = q.kind ?? (q.direct ? 'direct' : 'reported');
    test(`${label} — ${q.speaker ?? q.speaker_text} — ${q.cue ?? 'no cue'}: ${q.text.slice(0, 50)}`, () => {
      const want = norm(q.text).replace(/[.,]$/, '');
      const hits = result.quotes.filter((x) => norm(x.text).includes(want) && norm(x.text).length <= want.length * 1.3 + 10);
      assert.ok(hits.length, `no quote covers "${q.text}"; quotes: ${result.quotes.map((x) => x.text).join(' || ')}`);
      const ok = (x: ArticleResult['quotes'][number]) =>
        (q.speaker === null ? x.speaker?.entity == null : x.speaker?.name === q.speaker) &&
        (q.speaker_text === undefined || x.speaker?.text === q.speaker_text) &&
        (q.via === undefined || x.via?.name === q.via) &&
        (q.kinds ? q.kinds.includes(x.kind) : q.kind ? x.kind === q.kind : (x.kind === 'direct') === q.direct) &&
        (q.cue === undefined || q.cue === null || x.cue?.text.toLowerCase() === q.cue.toLowerCase());
      assert.ok(hits.find(ok), `found ${hits.map((x) => `${x.kind} by ${x.speaker?.name} ("${x.speaker?.text}") cue ${x.cue?.text}`).join('; ')}`);
    });
  }
  for (const t of e.not_quotes ?? []) {
    test(`not a quote: ${t.slice(0, 50)}`, () => {
      assert.ok(!result.quotes.some((x) => norm(x.text).includes(norm(t)) || norm(t).includes(norm(x.text))), 'reported as a quote');
    });
  }
}

function checkDates(result: ArticleResult, e: Expected): void {
  for (const d of e.dates ?? []) {
    test(`date "${d.text}" = ${d.value}`, () => {
      const hit = result.dates.find((x) => x.text === d.text);
      assert.ok(hit, `no date "${d.text}"; dates: ${result.dates.map((x) => `${x.text}=${x.value}`).join(', ')}`);
      assert.equal(hit.value, d.value);
      assert.equal(hit.type, d.type);
      if (d.mod) assert.equal(hit.mod, d.mod);
    });
  }
}
