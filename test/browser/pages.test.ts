// The web pages in a real browser (Debian's chromium through playwright-core): ingest the seed
// article through the form, read its evidence, follow the speaker, search, leave notes and
// review a quote, and check hostile text stays inert. Screenshots go to test-output/screenshots/.

import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { BrowserContext, Page } from 'playwright-core';
import { submitArticle } from '../../src/server/api/articles.js';
import { resolveConfig } from '../../src/server/config.js';
import { ROOT, SCREENSHOTS, launchBrowser, startTestServer, type TestServer } from './harness.js';
import { seedArticlePath } from '../shared.js';

const SEED = fs.readFileSync(seedArticlePath(), 'utf8');
const PESKOV_QUOTE = 'Such decisions cannot be made without the consent of the Russian President.';
const PASSWORD = 'correct horse battery staple';

/** An earlier statement by the same spokesman, so his timeline has an order to check. */
const EARLIER = `Kremlin spokesman Dmitry Peskov spoke to reporters in Moscow on November 4.

"We see no grounds for optimism about the talks," Dmitry Peskov said.`;

const XSS_ARTICLE = `Harbour official Anna Berg said on Tuesday: "The <script>alert(1)</script> port will reopen soon."

She added that <img src=x onerror="window.__xss=1;alert(2)"> repairs were finished. See <a href="javascript:alert(3)">this link</a> or javascript:alert(4) for more.

"We are ready <svg onload=alert(6)>," Anna Berg said.`;

const XSS_NOTE = `<script>window.__xss=1;alert(5)</script><img src=x onerror="window.__xss=1;alert(7)"> <a href="javascript:alert(8)">x</a>`;

describe('web pages in chromium', { timeout: 180_000 }, () => {
  let server: TestServer;
  let browser: Awaited<ReturnType<typeof launchBrowser>>;
  let context: BrowserContext;
  let page: Page;
  const dialogs: string[] = [];
  const pageErrors: string[] = [];
  const scripts: string[] = [];
  let articleUrl = '';
  let speakerUrl = '';

  before(async () => {
    server = await startTestServer();
    browser = await launchBrowser();
    context = browser.context;
    context.setDefaultTimeout(20_000);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    page.on('pageerror', (e) => pageErrors.push(e.message));
    page.on('response', (r) => {
      if (r.request().resourceType() === 'script') scripts.push(r.url());
    });
    await server.store.createUser('ana', PASSWORD);
    await submitArticle({ store: server.store, config: resolveConfig({ tokenHash: Buffer.alloc(32) }) }, { text: EARLIER, published: '2024-11-04' });
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function signIn() {
    await page.goto(`${server.url}/signin?next=%2Fingest`);
    await page.getByLabel('Name').fill('ana');
    await page.getByLabel('Password').fill(PASSWORD);
    await Promise.all([page.waitForURL(/\/ingest$/), page.getByRole('button', { name: 'Sign in' }).click()]);
  }

  async function ingestText(text: string, published: string) {
    await page.goto(`${server.url}/ingest`);
    const form = page.locator('form.ingest-form').filter({ has: page.locator('textarea[name="text"]') });
    await form.locator('textarea[name="text"]').fill(text);
    await form.locator('input[name="published"]').fill(published);
    await Promise.all([page.waitForURL(/\/articles\/\d+/), form.getByRole('button').click()]);
    return page.url();
  }

  test('ingest the seed article through the form; Peskov\'s direct quote is highlighted and attributed', async () => {
    const res = await page.goto(`${server.url}/`);
    assert.match(res!.headers()['content-security-policy'] ?? '', /script-src 'self'/);
    await signIn();
    articleUrl = await ingestText(SEED, '2024-12-09');

    const quote = page.locator('.body .quote-direct', { hasText: 'Such decisions cannot be made' });
    assert.equal(await quote.count(), 1);
    assert.ok(await quote.isVisible());
    const style = await quote.evaluate((el) => {
      const s = getComputedStyle(el);
      return { border: s.borderBottomStyle, label: getComputedStyle(el, '::before').content };
    });
    assert.equal(style.border, 'solid');
    assert.equal(style.label, '"DIRECT"', 'the kind is labelled, not only coloured');
    assert.match((await quote.getAttribute('title')) ?? '', /Direct quote — .*Peskov/);
    assert.equal((await quote.textContent())?.replace(/^"|"$/g, ''), PESKOV_QUOTE);

    // Other kinds look different.
    const indirect = page.locator('.body .quote-indirect').first();
    assert.equal(await indirect.evaluate((el) => getComputedStyle(el).borderBottomStyle), 'dashed');
    assert.equal(await page.locator('.body .quote-refusal').evaluate((el) => getComputedStyle(el).borderBottomStyle), 'double');

    // The speaker and cue are marked; the speaker links to his page.
    const item = page.locator('.who-said .said', { hasText: 'Such decisions cannot be made' });
    assert.equal(await item.count(), 1);
    assert.match((await item.locator('.who').textContent()) ?? '', /Peskov/);
    assert.equal((await item.locator('.kind').textContent())?.trim(), 'Direct quote');
    const speakerMark = page.locator('.body .speaker', { hasText: 'Peskov' });
    assert.ok((await speakerMark.count()) >= 1);
    assert.ok((await page.locator('.body .cue', { hasText: /^said$/ }).count()) >= 1);

    // Dates: the normalised value on hover and on keyboard focus.
    const date = page.locator('.body time[datetime="2024-12-09"]').first();
    assert.equal(await date.getAttribute('tabindex'), '0');
    await date.focus();
    assert.equal(await date.evaluate((el) => getComputedStyle(el, '::after').content), '"2024-12-09"');
    // Captions with credits; the source.
    assert.match((await page.locator('.caption').textContent()) ?? '', /Putin meets with Bashar al-Assad.*Photo: Reuters/s);
    assert.match((await page.locator('.article-head .meta').textContent()) ?? '', /vtcnews\.vn/);

    // Selecting the quote in the list highlights its evidence.
    await item.locator('a.jump').click();
    assert.equal(await page.locator('.body .quote.active').count(), 1);
    assert.match((await page.locator('.body .quote.active').textContent()) ?? '', /Such decisions/);
    assert.match(page.url(), /#q-\d+$/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'article.png'), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'article-phone.png'), fullPage: false });
    await page.setViewportSize({ width: 1280, height: 900 });

    // Click through to the speaker.
    await Promise.all([page.waitForURL(/\/entities\/\d+$/), item.locator('a.who').click()]);
    speakerUrl = page.url();
    assert.match((await page.locator('h1').textContent()) ?? '', /Peskov/);
    const whens = await page.locator('.timeline .stmt-when time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') ?? ''));
    assert.ok(whens.length >= 2, `expected several statements, got ${whens.length}`);
    assert.deepEqual([...whens].sort(), whens, 'statements in time order');
    const texts = await page.locator('.timeline .stmt blockquote').allTextContents();
    assert.ok(texts.some((t) => t.includes('Such decisions cannot be made')));
    assert.ok(texts.some((t) => t.includes('We see no grounds for optimism')), 'the earlier article\'s statement is on the same timeline');
    assert.ok(texts.findIndex((t) => t.includes('We see no grounds')) < texts.findIndex((t) => t.includes('Such decisions')));
    assert.equal(await page.locator('figure.chart svg rect.bar').count(), 2, 'one bar per month, November and December');
    assert.match((await page.locator('.timeline').textContent()) ?? '', /vtcnews\.vn/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'speaker.png'), fullPage: true });
  });

  test('search by speaker, and by words with the matches marked', async () => {
    await page.goto(`${server.url}/search`);
    await page.getByLabel('Speaker').fill('Peskov');
    await Promise.all([page.waitForURL(/\/search\?/), page.getByRole('button', { name: 'Search' }).click()]);
    assert.match(page.url(), /[?&]speaker=Peskov(&|$)/);
    const hits = await page.locator('.hit-quote').allTextContents();
    assert.ok(hits.length >= 2);
    assert.ok(hits.some((h) => h.includes('Such decisions cannot be made')));
    assert.ok(hits.every((h) => /Peskov/.test(h)));

    await page.goto(`${server.url}/search?q=consent&kind=direct`);
    assert.equal(await page.locator('select[name="kind"]').inputValue(), 'direct');
    assert.deepEqual((await page.locator('.hit mark').allTextContents()).map((m) => m.toLowerCase()), ['consent']);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'search.png'), fullPage: true });

    await page.goto(`${server.url}/`);
    assert.ok((await page.locator('ul.articles li').count()) >= 2);
    assert.match((await page.locator('ol.speakers').first().textContent()) ?? '', /Peskov/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'home.png'), fullPage: true });
  });

  test('signed in: a note and a review status; signed out, both are still there', async () => {
    await page.goto(articleUrl.replace(/#.*$/, ''));
    const item = page.locator('.who-said .said', { hasText: 'Such decisions cannot be made' });
    await item.locator('summary').click();
    await item.locator('select[name="status"]').selectOption('checked');
    await Promise.all([page.waitForURL(/notice=review/), item.getByRole('button', { name: 'Set status' }).click()]);
    const again = page.locator('.who-said .said', { hasText: 'Such decisions cannot be made' });
    await again.locator('summary').click();
    await again.locator('textarea[name="text"]').fill('Matches the Kremlin transcript of 9 December.');
    await Promise.all([page.waitForURL(/notice=note/), again.getByRole('button', { name: 'Add note' }).click()]);
    await page.locator('.article-notes textarea[name="text"]').fill('Seed article: cross-check the asylum claim.');
    await Promise.all([page.waitForURL(/notice=note/), page.locator('.article-notes').getByRole('button', { name: 'Add note' }).click()]);

    await Promise.all([page.waitForURL(`${server.url}/`), page.getByRole('button', { name: 'Sign out' }).click()]);
    assert.equal(await page.getByRole('link', { name: 'Sign in' }).count(), 1);
    const cookies = await context.cookies();
    assert.equal(cookies.find((c) => c.name === 'ng_session'), undefined);

    await page.goto(articleUrl.replace(/#.*$/, ''));
    const after = page.locator('.who-said .said', { hasText: 'Such decisions cannot be made' });
    assert.equal((await after.locator('.status').textContent())?.trim(), 'checked');
    assert.match((await after.locator('.note').textContent()) ?? '', /Matches the Kremlin transcript.*ana/s);
    assert.match((await page.locator('.article-notes').textContent()) ?? '', /cross-check the asylum claim/);
    assert.equal(await page.locator('form.review-form').count(), 0, 'no review forms when signed out');
    // A signed-out POST is refused (here: no session, so the form token does not match).
    const res = await page.request.post(`${server.url}/quotes/1/review`, { form: { status: 'false', csrf: 'nope' } });
    assert.equal(res.status(), 403);
  });

  test('a hostile page and a hostile note stay inert', async () => {
    await signIn();
    const url = await ingestText(XSS_ARTICLE, '2024-12-10');
    await page.locator('.article-notes textarea[name="text"]').fill(XSS_NOTE);
    await Promise.all([page.waitForURL(/notice=note/), page.locator('.article-notes').getByRole('button', { name: 'Add note' }).click()]);
    await page.goto(url);
    await page.waitForLoadState('load');
    await page.waitForTimeout(300);
    assert.deepEqual(dialogs, [], 'no dialog opened');
    assert.equal(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss), undefined, 'no injected script ran');
    assert.equal(await page.locator('main script, main img, main svg:not(.chart svg), main iframe').count(), 0);
    assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0);
    const note = (await page.locator('.article-notes .note-text').textContent()) ?? '';
    assert.equal(note, XSS_NOTE, 'the note is shown as text');
    assert.match((await page.locator('.body').textContent()) ?? '', /javascript:alert\(4\)/);

    // A javascript: URL given to ingest is refused plainly.
    await page.goto(`${server.url}/ingest`);
    const form = page.locator('form.ingest-form').filter({ has: page.locator('input[name="mode"][value="url"]') });
    await form.locator('input[name="url"]').evaluate((el) => el.setAttribute('type', 'text'));
    await form.locator('input[name="url"]').fill('javascript:alert(9)');
    await form.getByRole('button').click();
    await page.waitForLoadState('load');
    assert.match((await page.locator('.error').textContent()) ?? '', /URL/);
    assert.deepEqual(dialogs, []);
    assert.deepEqual(pageErrors, [], 'no script errors on any page');
    assert.deepEqual(server.logged, [], 'no server errors');
    // The only script is the small one from /static.
    assert.deepEqual([...new Set(scripts)], [`${server.url}/static/app.js`]);
    const js = await page.request.get(`${server.url}/static/app.js`);
    assert.ok((await js.body()).length < 300 * 1024);
  });
});
