import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { articleSpans, bareQuote } from './article.js';
import { monthlyCounts, statementsChart } from './chart.js';
import { escapeHtml, html, markSnippet, raw, renderSpans, safeUrl, type HtmlSpan } from './html.js';
import { localPath } from './session.js';

/** The text content of rendered HTML (tags dropped, entities decoded). */
const textOf = (s: string) => s.replace(/<[^>]*>/g, '').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&#96;/g, '`').replace(/&amp;/g, '&');

/** Checks that tags are properly nested; returns the element names in opening order. */
function wellFormed(s: string): string[] {
  const stack: string[] = [];
  const opened: string[] = [];
  for (const m of s.matchAll(/<(\/?)([a-z][a-z0-9]*)[^>]*>/g)) {
    if (m[1]) assert.equal(stack.pop(), m[2], `misnested </${m[2]}> in ${s}`);
    else {
      stack.push(m[2]);
      opened.push(m[2]);
    }
  }
  assert.deepEqual(stack, [], `unclosed ${stack.join(',')} in ${s}`);
  return opened;
}

const sp = (start: number, end: number, tag: string, cls: string, rank = 0, first?: Record<string, string>): HtmlSpan => ({ start, end, tag, rank, attrs: { class: cls }, firstAttrs: first });

describe('escapeHtml', () => {
  test('escapes the five HTML specials and the backtick', () => {
    assert.equal(escapeHtml(`<script>alert("x")</script> & 'y' \``), '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39; &#96;');
    assert.equal(escapeHtml(null), '');
    assert.equal(escapeHtml(42), '42');
  });

  test('the html template escapes values, keeps Html and flattens arrays', () => {
    const evil = '<img src=x onerror=alert(1)>';
    assert.equal(html`<p title="${evil}">${evil}</p>`.value, '<p title="&lt;img src=x onerror=alert(1)&gt;">&lt;img src=x onerror=alert(1)&gt;</p>');
    assert.equal(html`<ul>${['a<', 'b'].map((x) => html`<li>${x}</li>`)}</ul>`.value, '<ul><li>a&lt;</li><li>b</li></ul>');
    assert.equal(html`${raw('<b>ok</b>')}${null}${undefined}${false}`.value, '<b>ok</b>');
    assert.equal(html`<a title='${"x' onmouseover='y"}'>`.value, "<a title='x&#39; onmouseover=&#39;y'>");
  });

  test('safeUrl lets only http(s) through', () => {
    assert.equal(safeUrl('https://example.com/a?b=1'), 'https://example.com/a?b=1');
    assert.equal(safeUrl('javascript:alert(1)'), null);
    assert.equal(safeUrl(' JaVaScRiPt:alert(1)'), null);
    assert.equal(safeUrl('data:text/html,<script>'), null);
    assert.equal(safeUrl('/relative'), null);
    assert.equal(safeUrl(null), null);
  });

  test('markSnippet marks matched words and escapes the rest', () => {
    assert.equal(markSnippet('a **<b>** c **d**').value, 'a <mark>&lt;b&gt;</mark> c <mark>d</mark>');
    assert.equal(markSnippet('unbalanced ** marker').value, 'unbalanced ** marker');
  });

  test('localPath never leaves the site', () => {
    assert.equal(localPath('/articles/1'), '/articles/1');
    for (const bad of ['//evil.example', 'https://evil.example', '/\\evil.example', 'javascript:alert(1)', undefined, 5]) assert.equal(localPath(bad), '/');
  });
});

describe('renderSpans', () => {
  test('no spans: escaped text', () => {
    assert.equal(renderSpans('a < b & c', []), 'a &lt; b &amp; c');
  });

  test('contained spans nest, the longer outside; equal ranges by rank', () => {
    const text = 'He said "Peskov met Putin" today.';
    const quote = sp(8, 26, 'span', 'quote', 0, { id: 'q-8' });
    const m1 = sp(9, 15, 'a', 'ent', 2);
    const m2 = sp(20, 25, 'a', 'ent', 2);
    const speaker = sp(9, 15, 'span', 'speaker', 1);
    const out = renderSpans(text, [m2, m1, speaker, quote]);
    assert.equal(out, 'He said <span class="quote" id="q-8">&quot;<span class="speaker"><a class="ent">Peskov</a></span> met <a class="ent">Putin</a>&quot;</span> today.');
    wellFormed(out);
    assert.equal(textOf(out), text);
  });

  test('crossing spans are split and reopened, first piece keeps the id', () => {
    const text = 'abcdefghij';
    const out = renderSpans(text, [sp(0, 6, 'span', 'quote', 0, { id: 'q-0' }), sp(4, 9, 'time', 'date', 3)]);
    assert.equal(out, '<span class="quote" id="q-0">abcd<time class="date">ef</time></span><time class="date" data-cont="1">ghi</time>j');
    wellFormed(out);
    assert.equal(textOf(out), text);
  });

  test('an outer span ending inside nested ones closes and reopens all of them in order', () => {
    const text = '0123456789';
    const out = renderSpans(text, [sp(0, 5, 'span', 'a'), sp(2, 8, 'span', 'b'), sp(3, 9, 'span', 'c')]);
    wellFormed(out);
    assert.equal(textOf(out), text);
    assert.equal(out, '<span class="a">01<span class="b">2<span class="c">34</span></span></span><span class="b" data-cont="1"><span class="c" data-cont="1">567</span></span><span class="c" data-cont="1">8</span>9');
  });

  test('random layers always give well-formed HTML with the same text', () => {
    let seed = 7;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    const text = 'The <spokesman> said "no & never" on Monday, then left.'.repeat(2);
    for (let round = 0; round < 300; round++) {
      const spans: HtmlSpan[] = [];
      for (let i = 0; i < 1 + rnd(8); i++) {
        const a = rnd(text.length + 1);
        const b = rnd(text.length + 1);
        spans.push(sp(Math.min(a, b), Math.max(a, b), ['span', 'a', 'time', 'q'][rnd(4)], `c${i}`, rnd(4)));
      }
      const from = rnd(20);
      const to = text.length - rnd(20);
      const out = renderSpans(text, spans, from, to);
      wellFormed(out);
      assert.equal(textOf(out), text.slice(from, to));
      // Every span's text is covered by exactly its pieces.
      for (const s of spans) {
        const lo = Math.max(from, s.start);
        const hi = Math.min(to, s.end);
        const pieces = [...out.matchAll(new RegExp(`<${s.tag} class="${s.attrs!.class}"`, 'g'))].length;
        assert.ok(hi <= lo ? pieces === 0 : pieces >= 1);
      }
    }
  });

  test('spans are clipped to the range; empty ones dropped', () => {
    assert.equal(renderSpans('abcdef', [sp(0, 4, 'b', 'x'), sp(3, 3, 'i', 'y')], 2, 5), '<b class="x">cd</b>e');
  });

  test('refuses script tags and event-handler attributes', () => {
    assert.throws(() => renderSpans('abc', [{ start: 0, end: 1, tag: 'script' }]));
    assert.throws(() => renderSpans('abc', [{ start: 0, end: 1, tag: 'span', attrs: { onclick: 'x' } }]));
  });

  test('article text with markup in it stays text', () => {
    const text = 'Quote: <script>alert(1)</script> and <img src=x onerror=alert(1)>';
    const out = renderSpans(text, [sp(7, 32, 'span', 'quote')]);
    assert.doesNotMatch(out, /<script|<img/);
    assert.equal(textOf(out), text);
  });
});

describe('article spans', () => {
  test('quotes, speakers, cues, mentions and dates become layered spans; mentions link canonical ids', () => {
    const text = 'Peskov said on December 9: "Putin decides."';
    const result = {
      text,
      entities: [
        { id: 'e1', name: 'Dmitry Peskov', type: 'PERSON', roles: [], mentions: [{ start: 0, end: 6, text: 'Peskov', via: 'surname' }] },
        { id: 'e2', name: 'Vladimir Putin', type: 'PERSON', roles: [], mentions: [{ start: 28, end: 33, text: 'Putin', via: 'surname' }] },
      ],
      quotes: [{ kind: 'direct', start: 27, end: 43, text: '"Putin decides."', cue: { start: 7, end: 11, text: 'said' }, speaker: { entity: 'e1', name: 'Dmitry Peskov', start: 0, end: 6, text: 'Peskov' }, via: null, said_on: null }],
      dates: [{ start: 15, end: 25, text: 'December 9', type: 'DATE', value: '2024-12-09' }],
    };
    const spans = articleSpans({ result: result as never, entityIds: { e1: 10, e2: 20 } });
    const out = renderSpans(text, spans);
    wellFormed(out);
    assert.match(out, /<span class="speaker"[^>]*><a class="ent ent-person" href="\/entities\/10"[^>]*>Peskov<\/a><\/span>/);
    assert.match(out, /<span class="quote quote-direct"[^>]*id="q-27"[^>]*>&quot;<a class="ent ent-person" href="\/entities\/20"/);
    assert.match(out, /<time tabindex="0" datetime="2024-12-09" title="DATE: 2024-12-09" data-value="2024-12-09" class="date">December 9<\/time>/);
    assert.match(out, /<span class="cue"[^>]*>said<\/span>/);
  });
});

test("bareQuote drops the quote's own marks and trailing comma", () => {
  assert.equal(bareQuote('"Russia does not betray its friends in difficult situations,"'), 'Russia does not betray its friends in difficult situations');
  assert.equal(bareQuote('“Russia is not involved in these negotiations,”'), 'Russia is not involved in these negotiations');
  assert.equal(bareQuote('that the event reflected'), 'that the event reflected');
});

describe('statements chart', () => {
  test('months are filled between the first and the last', () => {
    assert.deepEqual(monthlyCounts(['2024-11-30', null, '2025-01-02', '2024-11-01']), [
      { month: '2024-11', n: 2 },
      { month: '2024-12', n: 0 },
      { month: '2025-01', n: 1 },
    ]);
    assert.equal(statementsChart([]).value, '');
    const svg = statementsChart(['2024-12-09']).value;
    assert.match(svg, /<svg[^>]*role="img"/);
    assert.doesNotMatch(svg, /style=/);
  });
});
