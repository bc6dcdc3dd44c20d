// Feed parsing into one entry shape, OPML import, and tolerant feed dates.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { FeedError, parseFeedDate, parseFeedDocument } from './parse.js';
import { parseOpmlFeeds } from './opml.js';

const BASE = 'http://news.test';
const fixture = (name: string) => fs.readFileSync(new URL(`../../../test/fixtures/feeds/${name}`, import.meta.url), 'utf8').replaceAll('{{BASE}}', BASE);
const NOW = Date.parse('2024-12-12T00:00:00Z');

describe('parseFeedDocument', () => {
  test('RSS 2.0: guid, relative link, RFC 822 dates with offsets and named zones, bad pubDate falls back to dc:date', () => {
    const feed = parseFeedDocument(fixture('rss.xml'), `${BASE}/feeds/rss.xml`);
    assert.equal(feed.format, 'rss');
    assert.equal(feed.title, 'Harbour Gazette');
    assert.equal(feed.siteUrl, `${BASE}/`);
    const [a, b, c] = feed.entries;
    assert.deepEqual(a, {
      guid: 'gazette-1001',
      link: `${BASE}/articles/bridge`,
      title: 'Council approves harbour bridge',
      published: '2024-12-09T09:15:00.000Z',
      publishedDate: '2024-12-09',
      summaryHtml: '<p>The council voted for the new bridge.</p>',
      contentHtml: null,
    });
    assert.equal(b.link, `${BASE}/articles/fishing`);
    assert.equal(b.guid, `${BASE}/articles/fishing`);
    assert.equal(b.published, '2024-12-10T12:00:00.000Z'); // "Tues" and EST
    assert.equal(c.published, '2024-12-08T09:30:00.000Z');
    assert.match(c.contentHtml ?? '', /Margaret Olsen/);
  });

  test('Atom: alternate link over enclosure, html title unescaped, published before updated, local day kept', () => {
    const feed = parseFeedDocument(fixture('atom.xml'), `${BASE}/feeds/atom.xml`);
    assert.equal(feed.format, 'atom');
    assert.equal(feed.title, 'Valley Times');
    assert.equal(feed.siteUrl, `${BASE}/`);
    const [a, b] = feed.entries;
    assert.equal(a.guid, 'urn:uuid:vt-2001');
    assert.equal(a.link, `${BASE}/articles/mine`);
    assert.equal(a.title, 'Mine closure & the valley');
    assert.equal(a.published, '2024-12-09T22:30:00.000Z');
    assert.equal(a.publishedDate, '2024-12-10');
    assert.equal(a.summaryHtml, '<p>The last mine in the valley will close.</p>');
    assert.equal(b.link, `${BASE}/articles/rail`);
    assert.equal(b.published, '2024-12-09T00:00:00.000Z');
    assert.equal(b.contentHtml, '<p>Short teaser only.</p>');
  });

  test('RDF (RSS 1.0) and JSON Feed', () => {
    const rdf = parseFeedDocument(fixture('rdf.xml'));
    assert.equal(rdf.format, 'rdf');
    assert.equal(rdf.entries[0].guid, 'https://rdf.example.org/a/1');
    assert.equal(rdf.entries[0].link, 'https://rdf.example.org/a/1');
    assert.equal(rdf.entries[0].published, '2024-12-07T08:00:00.000Z');
    const json = parseFeedDocument(fixture('feed.json'), 'https://json.example.org/feed.json');
    assert.equal(json.format, 'json');
    assert.equal(json.title, 'JSON Journal');
    assert.equal(json.entries[0].contentHtml, '<p>Hello <b>world</b>.</p>');
    assert.equal(json.entries[0].published, '2024-12-07T04:00:00.000Z');
    assert.equal(json.entries[0].publishedDate, '2024-12-06');
    assert.equal(json.entries[1].link, 'https://json.example.org/posts/2');
    assert.equal(json.entries[1].contentHtml, '<p>First paragraph.</p>\n<p>Second &lt;paragraph&gt;.</p>');
    assert.equal(json.entries[1].published, null); // 31 February
  });

  test('an HTML page is not a feed', () => {
    assert.throws(() => parseFeedDocument('<html><body><p>Home</p></body></html>', 'https://x.test/'), (e: unknown) => e instanceof FeedError && e.code === 'NOT_A_FEED' && /https:\/\/x\.test\//.test(e.message));
  });
});

describe('parseFeedDate', () => {
  test('readable forms', () => {
    const cases: [string, string, string][] = [
      ['Mon, 09 Dec 2024 10:15:00 GMT', '2024-12-09T10:15:00.000Z', '2024-12-09'],
      ['9 Dec 2024 10:15 +0530', '2024-12-09T04:45:00.000Z', '2024-12-09'],
      ['Mon, 09 Dec 24 23:00:00 PST', '2024-12-10T07:00:00.000Z', '2024-12-09'],
      ['Monday, 09-Dec-2024 10:15:00 Z', '2024-12-09T10:15:00.000Z', '2024-12-09'],
      ['2024-12-09', '2024-12-09T00:00:00.000Z', '2024-12-09'],
      ['2024-12-09T10:15', '2024-12-09T10:15:00.000Z', '2024-12-09'],
      ['2024-12-09 10:15:30.123-05:00', '2024-12-09T15:15:30.000Z', '2024-12-09'],
    ];
    for (const [raw, published, publishedDate] of cases) assert.deepEqual(parseFeedDate(raw, NOW), { published, publishedDate }, raw);
  });
  test('unreadable, impossible, ancient or far-future dates are null, not wrong', () => {
    for (const raw of ['', 'yesterday', '2024-13-01', '30 Feb 2024', 'Mon, 09 Dec 2024 10:15:00 XYZ', '1 Jan 1970', '2031-01-01T00:00:00Z', '0000-00-00 00:00:00']) {
      assert.equal(parseFeedDate(raw, NOW), null, raw);
    }
    assert.equal(parseFeedDate(null, NOW), null);
  });
});

describe('parseOpmlFeeds', () => {
  test('nested outlines, titles, folders; duplicates, non-feeds and non-http URLs left out', () => {
    assert.deepEqual(parseOpmlFeeds(fixture('subscriptions.opml')), [
      { url: `${BASE}/feeds/rss.xml`, title: 'Harbour Gazette', folder: 'News' },
      { url: `${BASE}/feeds/atom.xml`, title: 'Valley Times', folder: 'News / World' },
    ]);
  });
  test('not OPML', () => {
    assert.throws(() => parseOpmlFeeds('<rss><channel/></rss>'), (e: unknown) => e instanceof FeedError && e.code === 'BAD_OPML');
  });
});
