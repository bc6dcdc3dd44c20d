// The web pages, mounted on the API's Hono app: home, article, entity, search, ingest, notes and
// review, sign in / out, and the static assets. Reads are open; every POST needs a signed-in
// user (except sign in) and the visitor's CSRF token.

import type { Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { NewsgraphError } from '../../doc/errors.js';
import { isIsoDate } from '../../extract/dates.js';
import { isReviewStatus } from '../../store/accounts.js';
import { MARK_CLOSE, MARK_OPEN, canonicalUrl, type EntityRef, type SearchOptions, type Store, type StoredQuote } from '../../store/store.js';
import { submitArticle } from '../api/articles.js';
import type { ApiDeps } from '../config.js';
import { articlePage, bareQuote, clip, kindLabel, KIND_LABEL, quoteAnchor } from './article.js';
import { html, markSnippet, type Html } from './html.js';
import { errorBody, page, securityHeaders } from './layout.js';
import { csrfOk, localPath, signIn, signOut, visitor, type Visitor } from './session.js';
import { serveStatic } from './static.js';
import { statementsChart } from './chart.js';

type Handler = (c: Context, v: Visitor) => Promise<Response>;

export interface PagesOptions {
  /** Where unexpected errors are written. */
  readonly log?: (message: string) => void;
}

/** Registers every page route on the app (call before the app serves its first request). */
export function mountPages(app: Hono, deps: ApiDeps, options: PagesOptions = {}): Hono {
  const { store, config } = deps;
  const log = options.log ?? config.log;

  const wrap = (fn: Handler) => async (c: Context) => {
    let v: Visitor = { user: null, csrf: '' };
    try {
      v = await visitor(c, store);
      return await fn(c, v);
    } catch (e) {
      log(`page ${c.req.method} ${c.req.path} failed: ${(e as Error).stack ?? e}`);
      return page(c, { title: 'Error', visitor: v, path: c.req.path, status: 500, body: errorBody('Something went wrong', 'The page could not be shown. The error was logged on the server.') });
    }
  };

  /** A POST handler: body size capped, CSRF checked, sign-in required unless open. */
  const post = (fn: (c: Context, v: Visitor, form: Record<string, string>) => Promise<Response>, open = false) => [
    bodyLimit({
      maxSize: config.maxBodyBytes,
      onError: (c) => {
        securityHeaders(c);
        return c.html(`<!doctype html><title>Too large</title><p>The form is larger than ${Math.round(config.maxBodyBytes / 1048576)} MB.</p>`, 413);
      },
    }),
    wrap(async (c, v) => {
      const form = await readForm(c);
      if (!csrfOk(v, form.csrf)) {
        return page(c, { title: 'Form expired', visitor: v, path: c.req.path, status: 403, body: errorBody('The form has expired', 'Reload the page and submit the form again (its security token did not match).') });
      }
      if (!open && !v.user) return c.redirect(`/signin?next=${encodeURIComponent(refererPath(c))}`, 303);
      return fn(c, v, form);
    }),
  ] as const;

  app.get('/static/:file', (c) => serveStatic(c, c.req.param('file')));

  app.get('/', wrap((c, v) => home(c, v, store)));
  app.get('/articles/:id', wrap(async (c, v) => {
    const id = idParam(c.req.param('id'));
    const article = id === null ? null : await store.getArticle(id);
    if (!article) return notFound(c, v, `There is no article ${c.req.param('id')}.`);
    const [reviews, notes] = await Promise.all([store.articleQuoteReviews(article.id), store.notesFor({ articleId: article.id })]);
    const notice = NOTICES[c.req.query('notice') ?? ''] ?? null;
    return page(c, { title: article.title ?? `Article ${article.id}`, visitor: v, path: c.req.path, body: articlePage({ article, reviews, notes, visitor: v, notice }) });
  }));
  app.post('/articles/:id/notes', ...post(async (c, v, form) => {
    const id = idParam(c.req.param('id'));
    if (id === null || !(await store.getArticle(id))) return notFound(c, v, `There is no article ${c.req.param('id')}.`);
    const quoteId = form.quote ? idParam(form.quote) : null;
    try {
      await store.addNote(quoteId !== null ? { quoteId } : { articleId: id }, v.user!.id, form.text ?? '');
    } catch (e) {
      if (e instanceof NewsgraphError) return page(c, { title: 'Note not saved', visitor: v, path: c.req.path, status: 400, body: errorBody('The note was not saved', e.message) });
      throw e;
    }
    return c.redirect(`/articles/${id}?notice=note`, 303);
  }));
  app.post('/quotes/:id/review', ...post(async (c, v, form) => {
    const id = idParam(c.req.param('id'));
    const status = form.status;
    if (!isReviewStatus(status)) return page(c, { title: 'Bad status', visitor: v, path: c.req.path, status: 400, body: errorBody('Unknown review status', 'Choose unreviewed, checked, disputed or false.') });
    const current = id === null ? null : await store.getReviewStatus(id);
    if (id === null || !current) return notFound(c, v, `There is no quote ${c.req.param('id')}.`);
    const review = await store.setReviewStatus(id, status, v.user!.id);
    return c.redirect(`/articles/${review.articleId}?notice=review`, 303);
  }));

  app.get('/entities/:id', wrap(async (c, v) => {
    const id = idParam(c.req.param('id'));
    const entity = id === null ? null : await store.getEntity(id);
    if (!entity) return notFound(c, v, `There is no entity ${c.req.param('id')}.`);
    if (entity.id !== id) return c.redirect(`/entities/${entity.id}`, 301);
    return entityPage(c, v, store, entity.id, NOTICES[c.req.query('notice') ?? ''] ?? null);
  }));
  app.post('/entities/:id/merge', ...post(async (c, v, form) => {
    const id = idParam(c.req.param('id'));
    const into = id === null ? null : await store.getEntity(id);
    if (!into) return notFound(c, v, `There is no entity ${c.req.param('id')}.`);
    const ref = (form.from ?? '').trim();
    const candidates = ref ? await store.resolveEntity(/^\d+$/.test(ref) ? Number(ref) : ref) : [];
    const others = candidates.filter((e) => e.id !== into.id);
    const fail = (msg: string) => entityPage(c, v, store, into.id, null, msg);
    if (!ref) return fail('Give the id or name of the entity to merge into this one.');
    if (!others.length) return fail(candidates.length ? `“${ref}” is already ${into.name}.` : `No entity is called “${ref}”.`);
    if (others.length > 1) return fail(`“${ref}” could be any of: ${others.map((e) => `${e.name} (#${e.id}, ${e.type})`).join('; ')}. Give the id.`);
    await store.mergeEntities(into.id, others[0].id);
    return c.redirect(`/entities/${into.id}?notice=merged`, 303);
  }));

  app.get('/search', wrap((c, v) => searchPage(c, v, store)));

  app.get('/ingest', wrap(async (c, v) => ingestPage(c, v, store, {})));
  app.post('/ingest', ...post(async (c, v, form) => {
    const mode = form.mode;
    const published = (form.published ?? '').trim() || null;
    const url = (form.url ?? '').trim() || undefined;
    const keep = { mode, text: form.text, url, published: published ?? undefined };
    if (published && !isIsoDate(published)) return ingestPage(c, v, store, { ...keep, error: `The publication date must look like 2024-12-09, not “${published}”.` }, 400);
    try {
      if (mode === 'feed') {
        if (!url || !canonicalUrl(url)) return ingestPage(c, v, store, { ...keep, error: 'Give the feed’s address: an absolute http(s) URL.' }, 400);
        const { feed, created } = await store.addFeed(url, { title: (form.title ?? '').trim() || null });
        return ingestPage(c, v, store, { notice: created ? `Feed added: ${feed.url}. New entries are ingested when the feeds are polled.` : `Already subscribed to ${feed.url}.` });
      }
      if (mode === 'text') {
        const text = form.text ?? '';
        if (!text.trim()) return ingestPage(c, v, store, { ...keep, error: 'Paste the article’s text first.' }, 400);
        const out = await submitArticle(deps, { text, url, published });
        return c.redirect(`/articles/${out.id}${out.status === 'duplicate' ? '?notice=duplicate' : ''}`, 303);
      }
      if (mode === 'url') {
        if (!url) return ingestPage(c, v, store, { ...keep, error: 'Give the article’s address (http or https).' }, 400);
        const out = await submitArticle(deps, { url, published });
        return c.redirect(`/articles/${out.id}${out.status === 'duplicate' ? '?notice=duplicate' : ''}`, 303);
      }
      return ingestPage(c, v, store, { ...keep, error: 'Choose what to ingest: pasted text, a URL or a feed.' }, 400);
    } catch (e) {
      if (e instanceof NewsgraphError) return ingestPage(c, v, store, { ...keep, error: `${e.message} [${e.code}]` }, 422);
      throw e;
    }
  }));

  app.get('/signin', wrap(async (c, v) => signinPage(c, v, localPath(c.req.query('next')))));
  app.post('/signin', ...post(async (c, v, form) => {
    const next = localPath(form.next);
    const user = await store.verifyUser(form.name ?? '', form.password ?? '');
    if (!user) return signinPage(c, v, next, 'Wrong name or password.', form.name);
    await signIn(c, store, user);
    return c.redirect(next, 303);
  }, true));
  app.post('/signout', ...post(async (c) => {
    await signOut(c, store);
    return c.redirect('/', 303);
  }, true));
  app.get('/signout', wrap(async (c, v) => page(c, { title: 'Sign out', visitor: v, path: '/signout', body: v.user ? html`<h1>Sign out</h1><p>Use the “Sign out” button at the top of the page.</p>` : html`<h1>Signed out</h1><p>You are not signed in.</p>` })));
  return app;
}

const NOTICES: Record<string, string> = {
  note: 'Your note was saved.',
  review: 'The review status was saved.',
  duplicate: 'This article was already in the knowledge base: here it is.',
  merged: 'The entities were merged.',
};

async function readForm(c: Context): Promise<Record<string, string>> {
  const type = c.req.header('content-type') ?? '';
  if (!/^(?:application\/x-www-form-urlencoded|multipart\/form-data)/i.test(type)) return {};
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}

/** The path of the page the form was on (same site only), for coming back after signing in. */
function refererPath(c: Context): string {
  try {
    const ref = new URL(c.req.header('referer') ?? '');
    return ref.origin === new URL(c.req.url).origin ? localPath(ref.pathname) : '/';
  } catch {
    return '/';
  }
}

function idParam(s: string | undefined): number | null {
  return s && /^\d{1,15}$/.test(s) && Number(s) > 0 ? Number(s) : null;
}

function notFound(c: Context, v: Visitor, message: string): Response {
  return page(c, { title: 'Not found', visitor: v, path: c.req.path, status: 404, body: errorBody('Not found', message) });
}

// ---- home ----------------------------------------------------------------------------------

async function home(c: Context, v: Visitor, store: Store): Promise<Response> {
  const weekAgo = new Date(Date.now() - 7 * 86400_000).toISOString().slice(0, 10);
  const [latest, week, feeds] = await Promise.all([
    store.listArticles({ limit: 20 }),
    store.search('', { type: 'quote', saidFrom: weekAgo, limit: 1000 }),
    store.listFeeds().catch(() => null),
  ]);
  const counts = new Map<number, { name: string; n: number }>();
  for (const h of week.hits) {
    const id = h.speaker?.entityId;
    if (id == null) continue;
    const e = counts.get(id) ?? { name: h.speaker?.name ?? h.speaker?.text ?? `#${id}`, n: 0 };
    e.n++;
    counts.set(id, e);
  }
  let speakers = [...counts.entries()].sort((a, b) => b[1].n - a[1].n).slice(0, 10);
  let speakersTitle = 'Most quoted this week';
  if (!speakers.length) {
    const people = await store.listEntities({ type: 'PERSON', limit: 200 });
    speakers = people.items.filter((e) => e.quoteCount > 0).sort((a, b) => b.quoteCount - a.quoteCount).slice(0, 10).map((e) => [e.id, { name: e.name, n: e.quoteCount }]);
    speakersTitle = 'Most quoted (nothing said this week)';
  }
  const body = html`<h1 class="visually-hidden">newsgraph</h1>
<div class="home-grid">
<section aria-labelledby="latest-h"><h2 id="latest-h">Latest articles</h2>
${latest.items.length
  ? html`<ul class="articles">${latest.items.map((a) => html`<li><a href="/articles/${a.id}">${a.title ?? `Article ${a.id}`}</a><br><span class="meta">${a.published?.slice(0, 10) ?? 'undated'}${a.publisher ? html` · ${a.publisher}` : ''} · ${a.quoteCount} quote${a.quoteCount === 1 ? '' : 's'}</span></li>`)}</ul>`
  : html`<p class="muted">No articles yet. <a href="/ingest">Ingest one</a>.</p>`}
</section>
<section aria-labelledby="speakers-h"><h2 id="speakers-h">${speakersTitle}</h2>
${speakers.length ? html`<ol class="speakers">${speakers.map(([id, s]) => html`<li><a href="/entities/${id}">${s.name}</a> <span class="count">${s.n}</span></li>`)}</ol>` : html`<p class="muted">No statements yet.</p>`}
</section>
${feeds ? html`<section aria-labelledby="feeds-h"><h2 id="feeds-h">Feeds</h2>${feedTable(feeds)}</section>` : ''}
</div>`;
  return page(c, { title: 'Home', visitor: v, path: '/', body });
}

function feedTable(feeds: Awaited<ReturnType<Store['listFeeds']>>): Html {
  if (!feeds.length) return html`<p class="muted">No feeds. <a href="/ingest#feed">Add one</a>.</p>`;
  return html`<ul class="feeds">${feeds.map((f) => {
    const status = f.lastStatus ?? 'never polled';
    return html`<li><span class="feed-title">${f.title ?? f.url}</span> <span class="status status-${f.lastStatus === 'error' ? 'false' : 'checked'}">${status}</span><br><span class="meta">${f.lastPolledAt ? `polled ${f.lastPolledAt.slice(0, 16).replace('T', ' ')}` : ''}${f.failures ? ` · ${f.failures} failure${f.failures === 1 ? '' : 's'}` : ''} · ${f.entriesSeen} entries${f.lastError ? html` · <span class="error">${f.lastError}</span>` : ''}</span></li>`;
  })}</ul>`;
}

// ---- entity --------------------------------------------------------------------------------

async function entityPage(c: Context, v: Visitor, store: Store, id: number, notice: string | null, error?: string): Promise<Response> {
  const entity = (await store.getEntity(id))!;
  const [said, mentioned] = await Promise.all([store.quotesBySpeaker(id, { limit: 1000 }), store.quotesMentioning(id, { limit: 20 })]);
  const quotes = said.items;
  const mentions = await mentionedMost(store, id, quotes.slice(-300));
  const timeline = quotes.map((q) => html`<li class="stmt stmt-${q.kind.replace(/[^a-z]/g, '')}">
<p class="stmt-when"><time datetime="${q.when ?? ''}">${q.when ?? 'date unknown'}</time>${q.published && q.published.slice(0, 10) !== q.when ? html` <span class="meta">(published ${q.published.slice(0, 10)})</span>` : ''}</p>
<blockquote class="quote quote-${q.kind.replace(/[^a-z]/g, '')}"><p>${q.kind === 'direct' || q.kind === 'partial' ? `“${bareQuote(q.text)}”` : q.text}</p></blockquote>
<p class="meta"><span class="kind kind-${q.kind.replace(/[^a-z]/g, '')}">${kindLabel(q.kind)}</span>${q.cue ? ` · ${q.cue}` : ''}${q.via ? html` · via ${q.via.name ?? q.via.text}` : ''} · reported by ${q.publisher ?? 'unknown source'} in <a href="/articles/${q.articleId}#${quoteAnchor(q.start)}">${q.title ?? `article ${q.articleId}`}</a></p>
</li>`);
  const body = html`<article class="entity" data-entity="${entity.id}">
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<h1>${entity.name} <span class="type">${entity.type}</span></h1>
<p class="meta">${entity.articleCount} article${entity.articleCount === 1 ? '' : 's'} · ${entity.mentionCount} mentions · ${said.total} statement${said.total === 1 ? '' : 's'}</p>
${entity.roles.length ? html`<p><strong>Roles:</strong> ${entity.roles.join('; ')}</p>` : ''}
${entity.aliases.length ? html`<p><strong>Also called:</strong> ${entity.aliases.map((a, i) => html`${i ? ', ' : ''}<span class="alias">${a.text}</span> <span class="count">${a.count}</span>`)}</p>` : ''}
<div class="entity-grid">
<section aria-labelledby="tl-h"><h2 id="tl-h">Statements over time</h2>
${statementsChart(quotes.map((q) => q.when))}
${quotes.length ? html`<ol class="timeline">${timeline}</ol>` : html`<p class="muted">No statements by ${entity.name}.</p>`}
${said.total > quotes.length ? html`<p class="muted">Showing the first ${quotes.length} of ${said.total}.</p>` : ''}
</section>
<aside>
<section aria-labelledby="mm-h"><h2 id="mm-h">Mentions most</h2>
${mentions.length ? html`<ol class="speakers">${mentions.map((m) => html`<li><a href="/entities/${m.id}">${m.name}</a> <span class="count">${m.n}</span></li>`)}</ol>` : html`<p class="muted">Nobody, in the statements stored.</p>`}
</section>
<section aria-labelledby="about-h"><h2 id="about-h">Quoted about ${entity.name}</h2>
${mentioned.items.length ? html`<ul class="about">${mentioned.items.map((q) => html`<li>“${clip(bareQuote(q.text), 120)}” — ${q.speaker?.entityId != null ? html`<a href="/entities/${q.speaker.entityId}">${q.speaker.name ?? q.speaker.text}</a>` : (q.speaker?.name ?? q.speaker?.text ?? 'unknown')} <a href="/articles/${q.articleId}#${quoteAnchor(q.start)}" class="meta">(${q.when ?? 'undated'})</a></li>`)}</ul>` : html`<p class="muted">No quotes mention ${entity.name}.</p>`}
</section>
${v.user ? html`<section aria-labelledby="merge-h"><h2 id="merge-h">Merge</h2>
<form method="post" action="/entities/${entity.id}/merge" class="merge-form"><input type="hidden" name="csrf" value="${v.csrf}">
<label>Another name or id for ${entity.name} <input name="from" required placeholder="e.g. Peskov or 12"></label>
<button type="submit">Merge into ${entity.name}</button></form></section>` : ''}
</aside>
</div>
</article>`;
  return page(c, { title: entity.name, visitor: v, path: c.req.path, body });
}

/** The entities named inside the quotes, by how many quotes name them (the speaker left out). */
async function mentionedMost(store: Store, speakerId: number, quotes: readonly StoredQuote[]): Promise<{ id: number; name: string; n: number }[]> {
  const articles = new Map<number, Awaited<ReturnType<Store['getArticle']>>>();
  const counts = new Map<number, { name: string; n: number }>();
  for (const q of quotes) {
    if (!articles.has(q.articleId)) articles.set(q.articleId, await store.getArticle(q.articleId));
    const a = articles.get(q.articleId);
    if (!a) continue;
    const seen = new Set<number>();
    for (const e of a.result.entities) {
      const id = a.entityIds[e.id];
      if (id === undefined || id === speakerId || seen.has(id)) continue;
      if (e.mentions.some((m) => m.start >= q.start && m.end <= q.end)) {
        seen.add(id);
        const cur = counts.get(id) ?? { name: e.name, n: 0 };
        cur.n++;
        counts.set(id, cur);
      }
    }
  }
  return [...counts.entries()].map(([id, x]) => ({ id, ...x })).sort((a, b) => b.n - a.n || a.name.localeCompare(b.name)).slice(0, 10);
}

// ---- search --------------------------------------------------------------------------------

async function searchPage(c: Context, v: Visitor, store: Store): Promise<Response> {
  const q = (name: string) => (c.req.query(name) ?? '').trim().slice(0, 500);
  const f = { q: q('q'), speaker: q('speaker'), entity: q('entity'), source: q('source'), from: q('from'), to: q('to'), kind: q('kind') };
  const ref = (s: string): EntityRef => (/^\d+$/.test(s) ? Number(s) : s);
  const problems: string[] = [];
  for (const k of ['from', 'to'] as const) if (f[k] && !isIsoDate(f[k])) problems.push(`“${f[k]}” is not a date like 2024-12-09 (${k}).`);
  if (f.kind && !KIND_LABEL[f.kind]) problems.push(`Unknown quote kind “${f.kind}”.`);
  const asked = Object.values(f).some(Boolean);
  let results: Html = html``;
  if (asked && !problems.length) {
    const options: SearchOptions = {
      ...(f.speaker ? { speaker: ref(f.speaker) } : {}),
      ...(f.entity ? { entity: ref(f.entity) } : {}),
      ...(f.source ? { publisher: f.source } : {}),
      ...(f.from ? { publishedFrom: f.from } : {}),
      ...(f.to ? { publishedTo: f.to } : {}),
      ...(f.kind ? { kind: f.kind } : {}),
      limit: 50,
    };
    const res = await store.search(f.q, options);
    const hits = res.hits.map((h) =>
      h.type === 'quote'
        ? html`<li class="hit hit-quote"><p class="said-head"><span class="kind kind-${(h.kind ?? '').replace(/[^a-z]/g, '')}">${kindLabel(h.kind ?? 'quote')}</span> ${h.speaker ? (h.speaker.entityId != null ? html`<a class="who" href="/entities/${h.speaker.entityId}">${h.speaker.name ?? h.speaker.text}</a>` : html`<span class="who">${h.speaker.name ?? h.speaker.text}</span>`) : html`<span class="unknown">unknown speaker</span>`}</p>
<blockquote><p>${markSnippet(h.snippet, MARK_OPEN, MARK_CLOSE)}</p></blockquote>
<p class="meta">${h.saidOn ?? h.published?.slice(0, 10) ?? 'undated'} · ${h.publisher ?? 'unknown source'} · <a href="/articles/${h.articleId}">${h.title ?? `article ${h.articleId}`}</a></p></li>`
        : html`<li class="hit hit-article"><p><a href="/articles/${h.articleId}">${h.title ?? `Article ${h.articleId}`}</a> <span class="meta">${h.published?.slice(0, 10) ?? 'undated'} · ${h.publisher ?? ''}</span></p><p>${markSnippet(h.snippet, MARK_OPEN, MARK_CLOSE)}</p></li>`,
    );
    results = html`<section aria-labelledby="res-h"><h2 id="res-h">${res.total.toLocaleString('en')}${res.totalIsLowerBound ? '+' : ''} result${res.total === 1 ? '' : 's'}</h2>${hits.length ? html`<ol class="hits">${hits}</ol>` : html`<p class="muted">Nothing found. Try fewer words or filters.</p>`}</section>`;
  }
  const input = (name: keyof typeof f, label: string, type = 'text', placeholder = '') =>
    html`<label>${label} <input type="${type}" name="${name}" value="${f[name]}"${placeholder ? html` placeholder="${placeholder}"` : ''}></label>`;
  const body = html`<h1>Search</h1>
<form method="get" action="/search" class="search-form" role="search">
<label class="wide">Words <input type="search" name="q" value="${f.q}" placeholder='"exact phrase", word OR other, -not'></label>
${input('speaker', 'Speaker', 'text', 'name or id')}
${input('entity', 'About', 'text', 'name or id')}
${input('source', 'Source', 'text', 'reuters.com')}
${input('from', 'Published from', 'date')}
${input('to', 'to', 'date')}
<label>Kind <select name="kind"><option value="">any</option>${Object.entries(KIND_LABEL).map(([k, label]) => html`<option value="${k}"${f.kind === k ? html` selected` : ''}>${label}</option>`)}</select></label>
<button type="submit">Search</button>
</form>
${problems.length ? html`<ul class="error" role="alert">${problems.map((p) => html`<li>${p}</li>`)}</ul>` : ''}
${results}`;
  return page(c, { title: f.q ? `Search: ${f.q}` : 'Search', visitor: v, path: '/search', body, status: problems.length ? 400 : 200 });
}

// ---- ingest and sign in --------------------------------------------------------------------

interface IngestState {
  readonly mode?: string;
  readonly text?: string;
  readonly url?: string;
  readonly published?: string;
  readonly error?: string;
  readonly notice?: string;
}

async function ingestPage(c: Context, v: Visitor, store: Store, s: IngestState, status: 200 | 400 | 422 = 200): Promise<Response> {
  if (!v.user) {
    return page(c, { title: 'Ingest', visitor: v, path: '/ingest', body: html`<h1>Ingest</h1><p><a href="/signin?next=%2Fingest">Sign in</a> to add articles and feeds.</p>` });
  }
  const feeds = await store.listFeeds().catch(() => null);
  const csrf = html`<input type="hidden" name="csrf" value="${v.csrf}">`;
  const val = (mode: string, key: 'text' | 'url' | 'published') => (s.mode === mode ? (s[key] ?? '') : '');
  const body = html`<h1>Ingest</h1>
${s.error ? html`<p class="error" role="alert">${s.error}</p>` : ''}
${s.notice ? html`<p class="notice" role="status">${s.notice}</p>` : ''}
<div class="ingest-grid">
<section aria-labelledby="paste-h"><h2 id="paste-h">Paste an article</h2>
<form method="post" action="/ingest" class="ingest-form">${csrf}<input type="hidden" name="mode" value="text">
<label class="wide">Text <textarea name="text" rows="14" required>${val('text', 'text')}</textarea></label>
<label>Address it came from (optional) <input type="url" name="url" value="${val('text', 'url')}"></label>
<label>Published (optional) <input type="date" name="published" value="${val('text', 'published')}"></label>
<button type="submit">Analyse and store</button></form></section>
<section aria-labelledby="url-h"><h2 id="url-h">From an address</h2>
<form method="post" action="/ingest" class="ingest-form">${csrf}<input type="hidden" name="mode" value="url">
<label>Article URL <input type="url" name="url" required value="${val('url', 'url')}" placeholder="https://…"></label>
<label>Published (if the page does not say) <input type="date" name="published" value="${val('url', 'published')}"></label>
<button type="submit">Fetch, analyse and store</button></form>
<h2 id="feed">Add a feed</h2>
<form method="post" action="/ingest" class="ingest-form">${csrf}<input type="hidden" name="mode" value="feed">
<label>RSS or Atom feed URL <input type="url" name="url" required value="${val('feed', 'url')}" placeholder="https://…/rss"></label>
<label>Title (optional) <input name="title"></label>
<button type="submit">Subscribe</button></form>
${feeds ? html`<h3>Feeds</h3>${feedTable(feeds)}` : ''}
</section>
</div>`;
  return page(c, { title: 'Ingest', visitor: v, path: '/ingest', body, status });
}

function signinPage(c: Context, v: Visitor, next: string, error?: string, name?: string): Response {
  const body = html`<h1>Sign in</h1>
${v.user ? html`<p>You are signed in as ${v.user.name}.</p>` : ''}
${error ? html`<p class="error" role="alert">${error}</p>` : ''}
<form method="post" action="/signin" class="signin-form"><input type="hidden" name="csrf" value="${v.csrf}"><input type="hidden" name="next" value="${next}">
<label>Name <input name="name" autocomplete="username" required value="${name ?? ''}"></label>
<label>Password <input type="password" name="password" autocomplete="current-password" required></label>
<button type="submit">Sign in</button></form>
<p class="muted">Accounts are made on the server: <code>newsgraph users add NAME</code>.</p>`;
  return page(c, { title: 'Sign in', visitor: v, path: '/signin', body, status: error ? 401 : 200 });
}

