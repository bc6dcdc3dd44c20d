// HTML building for the pages: one escapeHtml for every piece of data, a tagged template that
// escapes its values unless they are already-built Html, and renderSpans, which turns layers
// of possibly overlapping spans over a text into properly nested HTML.

/** Built HTML: trusted because every piece of data in it went through escapeHtml. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

/** The one escaper: text and attribute values alike (quotes are escaped too). */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (ch) => ESCAPES[ch]);
}

export const raw = (s: string): Html => new Html(s);

type Value = Html | string | number | boolean | null | undefined | readonly Value[];

function flatten(v: Value): string {
  if (v === null || v === undefined || v === false) return '';
  if (v instanceof Html) return v.value;
  if (Array.isArray(v)) return v.map(flatten).join('');
  return escapeHtml(v);
}

/** html`<p>${text}</p>`: values are escaped; Html values and arrays of them are inserted as they are. */
export function html(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0];
  for (let i = 0; i < values.length; i++) out += flatten(values[i]) + strings[i + 1];
  return new Html(out);
}

/** An http(s) URL as given, or null (javascript:, data: and anything unparsable are refused). */
export function safeUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url.trim());
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
  } catch {
    return null;
  }
}

/** A snippet with MARK markers ("**word**") → escaped HTML with <mark>word</mark>. */
export function markSnippet(snippet: string, open = '**', close = '**'): Html {
  let out = '';
  let rest = snippet;
  for (;;) {
    const a = rest.indexOf(open);
    if (a < 0) break;
    const b = rest.indexOf(close, a + open.length);
    if (b < 0) break;
    out += escapeHtml(rest.slice(0, a)) + '<mark>' + escapeHtml(rest.slice(a + open.length, b)) + '</mark>';
    rest = rest.slice(b + close.length);
  }
  return new Html(out + escapeHtml(rest));
}

// ---- spans ---------------------------------------------------------------------------------

export interface HtmlSpan {
  readonly start: number;
  readonly end: number;
  /** Element name: span, a, time, mark, q… */
  readonly tag: string;
  /** Attributes (values are escaped). */
  readonly attrs?: Readonly<Record<string, string | number | null | undefined>>;
  /** Attributes only on the first piece of a span split by a crossing one (e.g. id). */
  readonly firstAttrs?: Readonly<Record<string, string | number | null | undefined>>;
  /** Outer layers first when two spans cover the same range (lower = outer). */
  readonly rank?: number;
}

interface Open {
  readonly span: HtmlSpan;
  readonly start: number;
  readonly end: number;
  readonly rank: number;
  readonly order: number;
  pieces: number;
}

function openTag(o: Open): string {
  const attrs = { ...(o.span.attrs ?? {}), ...(o.pieces === 0 ? (o.span.firstAttrs ?? {}) : {}) };
  let s = '<' + o.span.tag;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue;
    if (!/^[a-zA-Z_:][-a-zA-Z0-9_:.]*$/.test(k) || /^on/i.test(k)) throw new Error(`renderSpans: refused attribute name ${JSON.stringify(k)}`);
    s += ` ${k}="${escapeHtml(v)}"`;
  }
  if (o.pieces > 0) s += ' data-cont="1"';
  o.pieces++;
  return s + '>';
}

const closeTag = (o: Open) => `</${o.span.tag}>`;

/**
 * The text from `from` to `to` as HTML, every span wrapped in its element. Spans are clipped to
 * the range; empty ones are dropped. Spans that contain each other nest (the longer one outside;
 * for equal ranges, the lower rank outside). Spans that cross are split: when an element must
 * close while elements opened inside it are still running, those are closed with it and
 * reopened right after (their later pieces carry data-cont="1" and no firstAttrs), so the
 * output is always well formed.
 */
export function renderSpans(text: string, spans: readonly HtmlSpan[], from = 0, to = text.length): string {
  const items: Open[] = [];
  spans.forEach((span, order) => {
    if (!/^[a-z][a-z0-9-]*$/.test(span.tag) || span.tag === 'script' || span.tag === 'style') throw new Error(`renderSpans: refused tag ${JSON.stringify(span.tag)}`);
    const start = Math.max(from, span.start);
    const end = Math.min(to, span.end);
    if (end > start) items.push({ span, start, end, rank: span.rank ?? 0, order, pieces: 0 });
  });
  items.sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank || a.order - b.order);
  const cuts = new Set<number>([from, to]);
  for (const it of items) {
    cuts.add(it.start);
    cuts.add(it.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const stack: Open[] = [];
  let out = '';
  let next = 0;
  let pos = from;
  for (const p of points) {
    if (p > pos) out += escapeHtml(text.slice(pos, p));
    pos = p;
    // Close what ends here: the deepest-but-one ending element forces those above it to close and reopen.
    for (;;) {
      const i = stack.findIndex((o) => o.end <= p);
      if (i < 0) break;
      const above = stack.splice(i + 1);
      for (let k = above.length - 1; k >= 0; k--) out += closeTag(above[k]);
      out += closeTag(stack.pop()!);
      for (const o of above) {
        if (o.end <= p) continue; // ends here too: closed for good
        out += openTag(o);
        stack.push(o);
      }
    }
    while (next < items.length && items[next].start === p) {
      const o = items[next++];
      out += openTag(o);
      stack.push(o);
    }
  }
  for (let k = stack.length - 1; k >= 0; k--) out += closeTag(stack[k]);
  return out;
}
