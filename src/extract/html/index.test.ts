import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseHtmlPage } from './index.js';
import type { ParsedPage } from '../page.js';

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), '../../../test/fixtures/html');

const paragraphs = (p: ParsedPage): string[] => p.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
const captions = (p: ParsedPage): { text: string; credit: string | null }[] =>
  p.blocks.filter((b) => b.kind === 'caption').map((b) => ({ text: b.text, credit: b.credit ?? null }));
const allText = (p: ParsedPage): string => p.blocks.map((b) => b.text).join('\n') + '\n' + JSON.stringify(p.meta);

/** An article page with enough text to be recognised as the main content. */
function page(head: string, body: string, htmlAttrs = ''): string {
  return `<!doctype html><html${htmlAttrs}><head>${head}</head><body>${body}</body></html>`;
}
const PARAS =
  '<p>The council approved the new budget on Monday, after a debate that lasted for most of the afternoon and evening.</p>' +
  '<p>Opposition members said the plan cut too deeply into library funding, while the mayor called it balanced and fair.</p>' +
  '<p>The budget takes effect in April, and a review of its spending is planned for the end of the year, officials said.</p>';

// ------------------------------------------------------------------ fixtures

for (const slug of readdirSync(FIXTURES)) {
  test(`fixture ${slug}`, () => {
    const html = readFileSync(join(FIXTURES, slug, 'source.html'), 'utf8');
    const expected = JSON.parse(readFileSync(join(FIXTURES, slug, 'expected.json'), 'utf8'));
    const got = parseHtmlPage(html, { url: expected.url });
    assert.deepEqual(paragraphs(got), expected.paragraphs);
    assert.deepEqual(captions(got), expected.captions);
    for (const [k, v] of Object.entries(expected.meta)) assert.equal((got.meta as unknown as Record<string, unknown>)[k], v, `meta.${k}`);
    assert.equal(got.meta.url, expected.url);
    assert.equal(got.meta.titleInferred, false);
    assert.equal(got.meta.republishedFrom, null);
    assert.deepEqual(got.meta.boilerplate, []);
  });
}

// ------------------------------------------------------------------ content vs furniture

test('main content is kept, navigation / share / related / sidebar / footer are not', () => {
  const html = readFileSync(join(FIXTURES, 'news-article', 'source.html'), 'utf8');
  const got = parseHtmlPage(html);
  const text = allText(got);
  for (const junk of ['World news and analysis', 'Share on Facebook', 'Related stories', 'ferry terminal', 'Local bakery', 'Most read', 'All rights reserved']) {
    assert.ok(!text.includes(junk), `furniture leaked: ${junk}`);
  }
  // the headline is metadata, not body
  assert.ok(!paragraphs(got).includes('Harbour bridge reopens after repairs'));
});

test('script, style and comment content never reaches the output', () => {
  const html = readFileSync(join(FIXTURES, 'news-article', 'source.html'), 'utf8');
  const text = allText(parseHtmlPage(html));
  for (const leak of ['SCRIPT LEAK', 'STYLE LEAK', 'COMMENT LEAK', 'document.write', 'never']) assert.ok(!text.includes(leak), leak);
  // a script in the middle of the article body
  const got = parseHtmlPage(page('', `<article>${PARAS}<script>var x = "<p>fake paragraph in a script tag that is long enough</p>";</script><noscript>Enable JS now please</noscript></article>`));
  assert.equal(paragraphs(got).length, 3);
  assert.ok(!allText(got).includes('fake paragraph'));
  assert.ok(!allText(got).includes('Enable JS'));
});

test('paragraph breaks are kept and blocks have no newlines inside', () => {
  const got = parseHtmlPage(page('', `<div class="story"><p>First   paragraph\nspans\tlines, and it is long enough to count as prose here.</p>${PARAS}<ul><li>A list item with several words in it</li><li>Another item in the list</li></ul></div>`));
  const ps = paragraphs(got);
  assert.equal(ps[0], 'First paragraph spans lines, and it is long enough to count as prose here.');
  assert.equal(ps.length, 6);
  assert.equal(ps[4], 'A list item with several words in it');
  for (const b of got.blocks) assert.ok(!/[\n\r\t]|\s{2}/.test(b.text), JSON.stringify(b.text));
});

test('character references are decoded', () => {
  const got = parseHtmlPage(page('<title>A &amp; B</title>', `<article><p>Fish &amp; chips cost &pound;5 &mdash; &#8220;cheap&#8221;, said Ren&eacute;e&#146;s friend at the seaside stall today.</p>${PARAS}</article>`));
  assert.equal(paragraphs(got)[0], 'Fish & chips cost £5 — “cheap”, said Renée’s friend at the seaside stall today.');
  assert.equal(got.meta.title, 'A & B');
});

// ------------------------------------------------------------------ metadata

test('published date: JSON-LD, then meta, then <time>, then the URL path', () => {
  const ld = '<script type="application/ld+json">{"@graph":[{"@type":"WebSite","name":"Site"},{"@type":"NewsArticle","datePublished":"2019-11-18T10:15:00-05:00"}]}</script>';
  assert.equal(parseHtmlPage(page(ld + '<meta property="article:published_time" content="2018-01-01">', PARAS)).meta.published, '2019-11-18T10:15:00-05:00');
  assert.equal(parseHtmlPage(page('<meta property="article:published_time" content="2018-02-03T04:05:06Z">', PARAS)).meta.published, '2018-02-03T04:05:06Z');
  assert.equal(parseHtmlPage(page('<meta name="date" content="2017-06-30">', PARAS)).meta.published, '2017-06-30');
  assert.equal(parseHtmlPage(page('', `<time datetime="2016-05-04T03:02:01Z">May 4</time>${PARAS}`)).meta.published, '2016-05-04T03:02:01Z');
  assert.equal(parseHtmlPage(page('', PARAS), { url: 'https://example.com/news/2019/05/12/story-slug/' }).meta.published, '2019-05-12');
  assert.equal(parseHtmlPage(page('', PARAS), { url: 'https://example.com/news/story-slug-1234' }).meta.published, null);
  // an RFC 2822 date in a meta field becomes ISO
  assert.equal(parseHtmlPage(page('<meta name="pubdate" content="Tue, 19 Nov 2019 05:44:06 GMT">', PARAS)).meta.published, '2019-11-19T05:44:06.000Z');
});

test('byline from JSON-LD, meta author, rel=author and .byline', () => {
  const ld = '<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Kim"}]}</script>';
  assert.equal(parseHtmlPage(page(ld, PARAS)).meta.byline, 'Ann Lee, Bo Kim');
  assert.equal(parseHtmlPage(page('<meta name="author" content="Carla Diaz">', PARAS)).meta.byline, 'Carla Diaz');
  assert.equal(parseHtmlPage(page('', `<span>By <a rel="author" href="/people/dan">Dan Ng</a></span>${PARAS}`)).meta.byline, 'Dan Ng');
  assert.equal(parseHtmlPage(page('', `<div class="byline">By Eve Fox</div><article>${PARAS}</article>`)).meta.byline, 'Eve Fox');
  assert.equal(parseHtmlPage(page('', PARAS)).meta.byline, null);
});

test('language from <html lang>, og:locale or content-language', () => {
  assert.equal(parseHtmlPage(page('', PARAS, ' lang="en"')).meta.language, 'en');
  assert.equal(parseHtmlPage(page('<meta property="og:locale" content="it_IT">', PARAS)).meta.language, 'it-IT');
  assert.equal(parseHtmlPage(page('<meta http-equiv="Content-Language" content="ko">', PARAS)).meta.language, 'ko');
  assert.equal(parseHtmlPage(page('', PARAS)).meta.language, null);
});

test('canonical URL from <link rel=canonical> (resolved) or og:url; url from the options', () => {
  const a = parseHtmlPage(page('<link rel="canonical" href="/a/b?x=1">', PARAS), { url: 'https://site.example/a/b?utm_source=t' });
  assert.equal(a.meta.canonicalUrl, 'https://site.example/a/b?x=1');
  assert.equal(a.meta.url, 'https://site.example/a/b?utm_source=t');
  assert.equal(parseHtmlPage(page('<meta property="og:url" content="https://site.example/c">', PARAS)).meta.canonicalUrl, 'https://site.example/c');
  assert.equal(parseHtmlPage(page('', PARAS)).meta.canonicalUrl, null);
  assert.equal(parseHtmlPage(page('', PARAS)).meta.url, null);
});

test('title: og:title, else JSON-LD headline, else <h1>, else <title> without the site suffix', () => {
  assert.equal(parseHtmlPage(page('<meta property="og:title" content="OG headline"><title>Other | Site</title>', PARAS)).meta.title, 'OG headline');
  assert.equal(parseHtmlPage(page('<script type="application/ld+json">{"@type":"Article","headline":"LD headline"}</script>', PARAS)).meta.title, 'LD headline');
  assert.equal(parseHtmlPage(page('<title>Ignored | Site</title>', `<h1>Visible headline</h1>${PARAS}`)).meta.title, 'Visible headline');
  assert.equal(parseHtmlPage(page('<title>Storm hits the coast overnight | The Example Times</title>', PARAS)).meta.title, 'Storm hits the coast overnight');
  assert.equal(
    parseHtmlPage(page('<meta property="og:site_name" content="Example News"><title>Storm hits - coast braces - Example News</title>', PARAS)).meta.title,
    'Storm hits - coast braces',
  );
  assert.equal(parseHtmlPage(page('<meta property="og:site_name" content="Example News">', PARAS)).meta.siteName, 'Example News');
});

// ------------------------------------------------------------------ captions

test('figure captions become caption blocks with their credit', () => {
  const cases: [string, string, string | null][] = [
    ['<figcaption>Protesters march in the capital. <cite>AP Photo/John Smith</cite></figcaption>', 'Protesters march in the capital. AP Photo/John Smith', 'AP Photo/John Smith'],
    ['<figcaption>Protesters march in the capital. <span class="credit">Getty Images</span></figcaption>', 'Protesters march in the capital. Getty Images', 'Getty Images'],
    ['<figcaption>The summit opened on Monday. Photo: Reuters</figcaption>', 'The summit opened on Monday. Photo: Reuters', 'Reuters'],
    ['<figcaption>The summit opened on Monday. Credit: Jane Doe for The Example</figcaption>', 'The summit opened on Monday. Credit: Jane Doe for The Example', 'Jane Doe for The Example'],
    ['<figcaption>Fans at the stadium. © Getty Images</figcaption>', 'Fans at the stadium. © Getty Images', 'Getty Images'],
    ['<figcaption>Fans at the stadium on Sunday. (Photo by Ann Lee/AFP)</figcaption>', 'Fans at the stadium on Sunday. (Photo by Ann Lee/AFP)', 'Ann Lee/AFP'],
    ['<figcaption>Fans at the stadium on Sunday. Reuters</figcaption>', 'Fans at the stadium on Sunday. Reuters', 'Reuters'],
    ['<figcaption>Fans at the stadium on Sunday.</figcaption>', 'Fans at the stadium on Sunday.', null],
  ];
  for (const [cap, text, credit] of cases) {
    const got = parseHtmlPage(page('', `<article><figure><img src="x.jpg">${cap}</figure>${PARAS}</article>`));
    assert.deepEqual(captions(got), [{ text, credit }], cap);
    assert.equal(paragraphs(got).length, 3);
    for (const b of got.blocks) if (b.credit) assert.ok(b.text.includes(b.credit));
  }
});

// ------------------------------------------------------------------ hostile input

test('empty, body-less, binary and truncated input do not throw', () => {
  for (const html of ['', '   ', '<', '<html', '<!--', '<script>', '<p>unterminated "attr', '<a href="x', '</div></p></body>']) {
    const got = parseHtmlPage(html);
    assert.ok(Array.isArray(got.blocks));
    assert.equal(got.meta.titleInferred, false);
  }
  const noBody = parseHtmlPage(`<title>Only a title</title>${PARAS}`);
  assert.equal(noBody.meta.title, 'Only a title');
  assert.equal(paragraphs(noBody).length, 3);
  let seed = 7;
  const bytes = Buffer.alloc(200_000);
  for (let i = 0; i < bytes.length; i++) bytes[i] = (seed = (seed * 1103515245 + 12345) >>> 0) >>> 24;
  const garbage = parseHtmlPage(bytes.toString('latin1'));
  assert.ok(Array.isArray(garbage.blocks));
  for (const b of garbage.blocks) assert.ok(!/[\u0000-\u0008]/.test(b.text));
  // not even a string
  assert.deepEqual(parseHtmlPage(null as unknown as string).blocks, []);
});

test('deeply nested tags are handled quickly', () => {
  const depth = 100_000;
  const t0 = Date.now();
  const got = parseHtmlPage('<div>'.repeat(depth) + PARAS + '</div>'.repeat(depth) + '<span>'.repeat(depth) + 'tail');
  assert.ok(Date.now() - t0 < 3000, `took ${Date.now() - t0} ms`);
  assert.equal(paragraphs(got).length, 3);
});

test('a 20 MB page is parsed in bounded time', () => {
  const filler = '<div class="teaser"><a href="/x">Link text for a teaser item</a> short blurb</div>\n';
  const html = page('<title>Big page</title>', PARAS + filler.repeat(Math.ceil(20_000_000 / filler.length)));
  assert.ok(html.length >= 20_000_000);
  const t0 = Date.now();
  const got = parseHtmlPage(html);
  assert.ok(Date.now() - t0 < 10_000, `took ${Date.now() - t0} ms`);
  assert.equal(got.meta.title, 'Big page');
  assert.deepEqual(paragraphs(got).slice(0, 3), [...PARAS.matchAll(/<p>(.*?)<\/p>/g)].map((m) => m[1]));
});
