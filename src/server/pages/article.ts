// /articles/:id — the article body with its evidence: quotes (by kind), speakers and cues,
// entity mentions linked to their pages, dates with their normalised value; captions with
// credits; the "who said what" list in reading order; notes and review status.

import type { ArticleQuoteReview, Note } from '../../store/accounts.js';
import { REVIEW_STATUSES } from '../../store/accounts.js';
import type { StoredArticle } from '../../store/store.js';
import type { ArticleResult } from '../../result.js';
import { html, raw, renderSpans, safeUrl, type Html, type HtmlSpan } from './html.js';
import type { Visitor } from './session.js';

export const KIND_LABEL: Record<string, string> = {
  direct: 'Direct quote',
  indirect: 'Indirect (reported) speech',
  partial: 'Partial quote',
  mixed: 'Mixed quote',
  refusal: 'Refusal to comment',
  belief: 'Attributed belief or intention',
  stance: 'Stance (praise, criticism, support) on something named',
};

export const kindLabel = (kind: string) => KIND_LABEL[kind] ?? `Quote (${kind})`;

type Quote = ArticleResult['quotes'][number];

/** HTML datetime accepts dates, months, years, weeks and durations; other values only go to the tooltip. */
const DATETIME = /^(?:\d{4}(?:-\d{2}(?:-\d{2})?)?|\d{4}-W\d{2}|P(?:\d+[YMWDH])+)$/;

/** Where the quote anchor of a quote lives on the article page. */
export const quoteAnchor = (start: number) => `q-${start}`;

/** Every span layer of the article as HtmlSpans (quotes outermost, then speakers/cues, mentions, dates). */
export function articleSpans(article: Pick<StoredArticle, 'result' | 'entityIds'>): HtmlSpan[] {
  const r = article.result;
  const spans: HtmlSpan[] = [];
  const entityName = new Map(r.entities.map((e) => [e.id, e]));
  r.quotes.forEach((q, ord) => {
    const who = q.speaker?.name ?? q.speaker?.text ?? 'unknown speaker';
    spans.push({
      start: q.start,
      end: q.end,
      tag: 'span',
      rank: 0,
      attrs: { class: `quote quote-${safeClass(q.kind)}`, 'data-q': ord, 'data-kind': q.kind, title: `${kindLabel(q.kind)} — ${who}${q.cue ? ` (${q.cue.text})` : ''}` },
      firstAttrs: { id: quoteAnchor(q.start), tabindex: -1 },
    });
    if (q.speaker && q.speaker.end > q.speaker.start) {
      spans.push({ start: q.speaker.start, end: q.speaker.end, tag: 'span', rank: 1, attrs: { class: 'speaker', 'data-q': ord, title: `Speaker: ${who}` } });
    }
    if (q.cue && q.cue.end > q.cue.start) {
      spans.push({ start: q.cue.start, end: q.cue.end, tag: 'span', rank: 1, attrs: { class: 'cue', 'data-q': ord, title: `Cue of the ${kindLabel(q.kind).toLowerCase()}` } });
    }
  });
  // Mentions: never one link inside another (an overlapping later mention is left out).
  const mentions = r.entities.flatMap((e) => e.mentions.map((m) => ({ e, m }))).sort((a, b) => a.m.start - b.m.start || b.m.end - a.m.end);
  let lastEnd = -1;
  for (const { e, m } of mentions) {
    if (m.start < lastEnd || m.end <= m.start) continue;
    lastEnd = m.end;
    const id = article.entityIds[e.id];
    spans.push({
      start: m.start,
      end: m.end,
      tag: id !== undefined ? 'a' : 'span',
      rank: 2,
      attrs: { class: `ent ent-${safeClass(e.type)}`, href: id !== undefined ? `/entities/${id}` : undefined, title: `${entityName.get(e.id)?.name ?? e.name} (${e.type})` },
    });
  }
  for (const d of r.dates) {
    const value = d.value + (d.mod ? ` (${d.mod})` : '');
    spans.push({
      start: d.start,
      end: d.end,
      tag: 'time',
      rank: 3,
      attrs: { tabindex: 0, datetime: DATETIME.test(d.value) ? d.value : undefined, title: `${d.type}: ${value}`, 'data-value': value, class: 'date' },
    });
  }
  return spans;
}

const safeClass = (s: string) => s.toLowerCase().replace(/[^a-z0-9-]/g, '');

/** The body paragraphs (and captions) as HTML. */
export function articleBody(article: Pick<StoredArticle, 'result' | 'entityIds'>): Html {
  const r = article.result;
  const spans = articleSpans(article);
  const paragraphs = r.paragraphs.length ? r.paragraphs : [{ start: 0, end: r.text.length }];
  const parts = paragraphs.map((p) => `<p>${renderSpans(r.text, spans, p.start, p.end)}</p>`);
  const captions = r.captions.map((cap) => {
    const words = r.text.startsWith(cap.text, cap.start) ? raw(renderSpans(r.text, spans, cap.start, cap.start + cap.text.length)) : html`${cap.text}`;
    return html`<figure class="caption"><figcaption>${words}${cap.credit ? html` <small class="credit">Photo: ${cap.credit}</small>` : ''}</figcaption></figure>`;
  });
  return html`${raw(parts.join('\n'))}${captions}`;
}

export interface ArticleView {
  readonly article: StoredArticle;
  readonly reviews: readonly ArticleQuoteReview[];
  readonly notes: readonly Note[];
  readonly visitor: Visitor;
  readonly notice?: string | null;
}

function noteList(notes: readonly Note[]): Html {
  if (!notes.length) return html``;
  return html`<ul class="notes">${notes.map((n) => html`<li class="note"><p class="note-text">${n.text}</p><p class="meta">— ${n.userName}, <time datetime="${n.createdAt}">${n.createdAt.slice(0, 16).replace('T', ' ')}</time></p></li>`)}</ul>`;
}

function speakerHtml(article: StoredArticle, s: Quote['speaker']): Html {
  if (!s) return html`<span class="unknown">unknown speaker</span>`;
  const id = s.entity ? article.entityIds[s.entity] : undefined;
  const name = s.name ?? s.text;
  return id !== undefined ? html`<a class="who" href="/entities/${id}">${name}</a>` : html`<span class="who">${name}</span>`;
}

/** Near-duplicate copies seen of this article (the same story republished elsewhere). */
function copiesHtml(copies: readonly { url: string | null; title: string | null; publisher: string | null; similarity: number; by: string }[]): Html | string {
  if (!copies.length) return '';
  const items = copies.map((c) => {
    const url = safeUrl(c.url);
    const label = c.publisher ?? (url ? hostOf(url) : null) ?? c.title ?? 'a copy';
    const why = c.by === 'source' ? 'names this article as its source' : `${Math.round(c.similarity * 100)}% the same text`;
    return html`<li>${url ? html`<a href="${url}" rel="noopener noreferrer nofollow">${label}</a>` : label} (${why})</li>`;
  });
  return html`<details class="copies"><summary>Republished ${copies.length} time${copies.length === 1 ? '' : 's'} elsewhere</summary><ul>${items}</ul></details>`;
}

export function articlePage(v: ArticleView): Html {
  const { article, visitor } = v;
  const r = article.result;
  const byOrd = new Map(v.reviews.map((x) => [x.ord, x]));
  const quoteNotes = new Map<number, Note[]>();
  for (const n of v.notes) if (n.quoteId !== null) quoteNotes.set(n.quoteId, [...(quoteNotes.get(n.quoteId) ?? []), n]);
  const articleNotes = v.notes.filter((n) => n.quoteId === null);
  const source = safeUrl(r.source?.url);
  const original = safeUrl(article.url ?? r.url);
  const republished = safeUrl(r.republished_from);
  const publisher = r.source?.publisher ?? article.publisher;
  const ordered = r.quotes.map((q, ord) => ({ q, ord })).sort((a, b) => a.q.start - b.q.start);
  const csrf = html`<input type="hidden" name="csrf" value="${visitor.csrf}">`;

  const items = ordered.map(({ q, ord }) => {
    const review = byOrd.get(ord);
    const status = review?.status ?? 'unreviewed';
    const notes = review ? (quoteNotes.get(review.quoteId) ?? []) : [];
    const forms =
      visitor.user && review
        ? html`<details class="review-forms"><summary>Review and notes</summary>
<form method="post" action="/quotes/${review.quoteId}/review" class="review-form">${csrf}
<label>Status <select name="status">${REVIEW_STATUSES.map((s) => html`<option value="${s}"${s === status ? html` selected` : ''}>${s}</option>`)}</select></label>
<button type="submit">Set status</button></form>
<form method="post" action="/articles/${article.id}/notes" class="note-form">${csrf}<input type="hidden" name="quote" value="${review.quoteId}">
<label>Note on this quote <textarea name="text" rows="3" maxlength="10000" required></textarea></label>
<button type="submit">Add note</button></form></details>`
        : '';
    return html`<li class="said said-${safeClass(q.kind)}" data-q="${ord}">
<p class="said-head"><span class="kind kind-${safeClass(q.kind)}">${kindLabel(q.kind)}</span> <span class="status status-${status}" title="Review status">${status}</span></p>
<p>${speakerHtml(article, q.speaker)}${q.cue ? html` <span class="cue-word">${q.cue.text}</span>` : ''}${q.via ? html` <span class="via">via ${q.via.name ?? q.via.text}</span>` : ''}${q.said_on ? html` <time datetime="${DATETIME.test(q.said_on.value) ? q.said_on.value : ''}" class="said-on">${q.said_on.value}</time>` : ''}</p>
<p><a class="jump" href="#${quoteAnchor(q.start)}" data-q="${ord}">“${clip(bareQuote(q.text), 160)}”</a></p>
${noteList(notes)}${forms}</li>`;
  });

  return html`<article class="article" data-article="${article.id}">
${v.notice ? html`<p class="notice" role="status">${v.notice}</p>` : ''}
<header class="article-head">
<h1>${article.title ?? r.title ?? `Article ${article.id}`}</h1>
<p class="meta">${r.published ? html`Published <time datetime="${r.published.slice(0, 10)}">${r.published.slice(0, 10)}</time>` : 'Publication date unknown'}
${publisher ? html` · Source: ${source ? html`<a href="${source}" rel="noopener noreferrer nofollow">${publisher}</a>` : publisher}` : ''}
${original ? html` · <a href="${original}" rel="noopener noreferrer nofollow">original page</a>` : ''}
${republished ? html` · republished from <a href="${republished}" rel="noopener noreferrer nofollow">${hostOf(republished)}</a>` : ''}
${r.byline ? html` · by ${r.byline}` : ''}</p>
${copiesHtml(article.copies ?? [])}
<p class="legend" aria-label="Legend"><span class="quote quote-direct">direct</span> <span class="quote quote-indirect">indirect</span> <span class="quote quote-partial">partial / mixed</span> <span class="quote quote-refusal">refusal</span> <span class="quote quote-belief">belief</span> <span class="quote quote-stance">stance</span> <span class="speaker">speaker</span> <span class="cue">cue</span> <a class="ent" href="#main">entity</a> <time class="date" tabindex="0" title="normalised value" data-value="normalised value">date</time></p>
</header>
<div class="article-grid">
<section class="body" aria-label="Article text">
${articleBody(article)}
<section class="article-notes" aria-labelledby="notes-h"><h2 id="notes-h">Notes</h2>
${articleNotes.length ? noteList(articleNotes) : html`<p class="muted">No notes yet.</p>`}
${visitor.user
  ? html`<form method="post" action="/articles/${article.id}/notes" class="note-form">${csrf}<label>Note on this article <textarea name="text" rows="3" maxlength="10000" required></textarea></label><button type="submit">Add note</button></form>`
  : html`<p><a href="/signin?next=${encodeURIComponent(`/articles/${article.id}`)}">Sign in</a> to leave notes and review quotes.</p>`}
</section>
</section>
<aside class="who-said" aria-labelledby="who-h"><h2 id="who-h">Who said what</h2>
${items.length ? html`<ol class="said-list">${items}</ol>` : html`<p class="muted">No quotes found in this article.</p>`}
</aside>
</div>
</article>`;
}

/** The quoted words without their own quotation marks and trailing comma, for “…” around them. */
export function bareQuote(s: string): string {
  return s.trim().replace(/^["“”‘’']+/, '').replace(/[,;:]?["“”‘’']+$/, '').replace(/,$/, '').trim();
}

export function clip(s: string, n: number): string {
  return s.length <= n ? s : s.slice(0, n - 1).replace(/\s+\S*$/, '') + '…';
}

function hostOf(url: string): string {
  try {
    return new URL(url).hostname;
  } catch {
    return url;
  }
}
