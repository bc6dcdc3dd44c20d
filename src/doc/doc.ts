// The one document model: the analysed text plus named layers of spans.
// Offsets are UTF-16 code units (JavaScript string indices), half-open [start, end).
// A Doc is immutable: stages return a layer and `withLayer` builds a new Doc, checking
// the layer's invariants (bounds, ordering, token alignment) before anyone can read it.
// This module imports nothing else from the project.

import { DocError } from './errors.js';

export interface Span {
  readonly start: number;
  readonly end: number;
}

/** Metadata read from the page, not from the analysed text. */
export interface ArticleMeta {
  readonly id?: string;
  readonly title: string | null;
  /** true when no title line existed and the title was inferred from the lead. */
  readonly titleInferred: boolean;
  /** ISO date YYYY-MM-DD (or full ISO timestamp) of publication, if known. */
  readonly published: string | null;
  readonly url: string | null;
  readonly canonicalUrl: string | null;
  readonly byline: string | null;
  readonly language: string | null;
  /** Where the text came from: a "Source: <url>" line, or the page's own URL. */
  readonly source: { readonly url: string; readonly publisher: string | null } | null;
  /** The article republishes this URL (from a "Source:" line). */
  readonly republishedFrom: string | null;
  /** Page lines dropped as template boilerplate ("Comment (0)", share lines...). */
  readonly boilerplate: readonly string[];
}

export type BlockKind = 'paragraph' | 'caption';

export interface Block extends Span {
  readonly kind: BlockKind;
}

export interface Caption extends Span {
  /** The credit inside the caption line ("Reuters" of "(Photo: Reuters)"), if any. */
  readonly credit: (Span & { readonly text: string }) | null;
}

export type TokenKind = 'word' | 'number' | 'punct' | 'quote' | 'symbol';

export interface Token extends Span {
  readonly kind: TokenKind;
}

export type EntityType = 'PERSON' | 'ORG' | 'LOC' | 'MISC';

export interface EntityMention extends Span {
  readonly type: EntityType;
}

/** A canonical entity within one document, with the mentions that refer to it. */
export interface Entity {
  readonly id: string;
  readonly name: string;
  readonly type: EntityType;
  /** Role descriptions seen with the name ("Kremlin spokesman"). */
  readonly roles: readonly string[];
  readonly mentions: readonly (Span & { readonly via: AliasVia })[];
}

/** How a mention was linked to its entity. */
export type AliasVia = 'name' | 'surname' | 'title' | 'acronym' | 'role' | 'pronoun' | 'anaphor' | 'credit';

/** belief: an attributed belief or intention ("X thinks that", "X wants to"), not speech. */
export type QuoteKind = 'direct' | 'indirect' | 'partial' | 'mixed' | 'refusal' | 'belief' | 'stance';

export interface QuoteSpeaker extends Span {
  /** id of the canonical entity in the `entities` layer, when resolved. */
  readonly entity: string | null;
}

export interface Quote extends Span {
  readonly kind: QuoteKind;
  readonly cue: Span | null;
  readonly speaker: QuoteSpeaker | null;
  /** For nested attribution: the speaker the quote was reported through. */
  readonly via: QuoteSpeaker | null;
}

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';

export interface Timex extends Span {
  readonly type: TimexType;
  /** TIMEX3 value: 2024-12-09, 2018-05, XXXX-12-09, P24Y, PRESENT_REF... */
  readonly value: string;
  /** TIMEX3 mod: APPROX, START, BEFORE, AFTER, ... */
  readonly mod?: string;
}

/** Part of speech and phrase chunk of one token (same span as the token). */
export interface PosTag extends Span {
  /** Penn Treebank tag: NN, VBD, NNP, ``, '' ... */
  readonly tag: string;
  /** IOB2 chunk label: B-NP, I-NP, B-VP, ..., O */
  readonly chunk: string;
}

/** Every layer a Doc may carry, by name. */
export interface Layers {
  readonly blocks: readonly Block[];
  readonly captions: readonly Caption[];
  readonly sentences: readonly Span[];
  readonly tokens: readonly Token[];
  /** exactly one entry per token, with the token's offsets */
  readonly pos: readonly PosTag[];
  readonly mentions: readonly EntityMention[];
  readonly entities: readonly Entity[];
  readonly quotes: readonly Quote[];
  readonly dates: readonly Timex[];
}

export type LayerName = keyof Layers;

/** Layers whose spans must start and end on token boundaries once tokens exist. */
const TOKEN_ALIGNED: ReadonlySet<LayerName> = new Set(['sentences', 'mentions', 'dates']);
/** Layers whose spans must not overlap each other. */
const NON_OVERLAPPING: ReadonlySet<LayerName> = new Set(['blocks', 'sentences', 'tokens', 'pos', 'mentions']);

export class Doc {
  readonly text: string;
  readonly meta: ArticleMeta;
  readonly layers: Readonly<Partial<Layers>>;

  private constructor(text: string, meta: ArticleMeta, layers: Partial<Layers>) {
    this.text = text;
    this.meta = meta;
    this.layers = Object.freeze(layers);
    Object.freeze(this);
  }

  static create(text: string, meta: Partial<ArticleMeta> = {}): Doc {
    if (typeof text !== 'string') throw new DocError('DOC_TEXT', 'Doc text must be a string.');
    return new Doc(text, { ...EMPTY_META, ...meta }, {});
  }

  /** A new Doc with `name` set to `layer`, after checking its invariants. */
  withLayer<K extends LayerName>(name: K, layer: Layers[K]): Doc {
    checkLayer(this, name, layer);
    return new Doc(this.text, this.meta, { ...this.layers, [name]: Object.freeze(layer.slice()) });
  }

  withMeta(meta: Partial<ArticleMeta>): Doc {
    return new Doc(this.text, { ...this.meta, ...meta }, { ...this.layers });
  }

  has(name: LayerName): boolean {
    return this.layers[name] !== undefined;
  }

  /** The layer, or a DocError naming the stage that should have produced it. */
  get<K extends LayerName>(name: K): Layers[K] {
    const layer = this.layers[name];
    if (layer === undefined) {
      throw new DocError('LAYER_MISSING', `The "${name}" layer is missing: run the stage that produces it first.`);
    }
    return layer as Layers[K];
  }

  slice(span: Span): string {
    return this.text.slice(span.start, span.end);
  }

  toJSON(): DocJSON {
    return { text: this.text, meta: this.meta, layers: this.layers };
  }

  static fromJSON(json: DocJSON): Doc {
    let doc = Doc.create(json.text, json.meta);
    for (const name of LAYER_ORDER) {
      const layer = json.layers[name];
      if (layer !== undefined) doc = doc.withLayer(name, layer as never);
    }
    return doc;
  }
}

export interface DocJSON {
  text: string;
  meta: ArticleMeta;
  layers: Partial<Layers>;
}

/** The order layers are restored in, so alignment checks find their tokens. */
const LAYER_ORDER: readonly LayerName[] = ['blocks', 'captions', 'tokens', 'sentences', 'pos', 'mentions', 'entities', 'quotes', 'dates'];

export const EMPTY_META: ArticleMeta = Object.freeze({
  title: null,
  titleInferred: false,
  published: null,
  url: null,
  canonicalUrl: null,
  byline: null,
  language: null,
  source: null,
  republishedFrom: null,
  boilerplate: [],
});

function checkSpan(doc: Doc, name: string, span: Span, i: number): void {
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > doc.text.length) {
    throw new DocError('SPAN_BOUNDS', `${name}[${i}] = [${start}, ${end}) is outside the text (length ${doc.text.length}).`);
  }
  if (start < end) {
    // Never split a surrogate pair: an offset between the halves of an emoji is not a boundary.
    if (isLowSurrogate(doc.text.charCodeAt(start)) || isLowSurrogate(doc.text.charCodeAt(end))) {
      throw new DocError('SPAN_SURROGATE', `${name}[${i}] = [${start}, ${end}) splits a surrogate pair.`);
    }
  }
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}

function checkLayer(doc: Doc, name: LayerName, layer: readonly Span[] | readonly Entity[]): void {
  if (!Array.isArray(layer)) throw new DocError('LAYER_TYPE', `Layer "${name}" must be an array.`);
  if (name === 'entities') {
    (layer as readonly Entity[]).forEach((e, i) => e.mentions.forEach((m, j) => checkSpan(doc, `entities[${i}].mentions`, m, j)));
    return;
  }
  const spans = layer as readonly Span[];
  let prev: Span | null = null;
  spans.forEach((span, i) => {
    checkSpan(doc, name, span, i);
    if (prev && (span.start < prev.start || (span.start === prev.start && span.end < prev.end))) {
      throw new DocError('SPAN_ORDER', `${name}[${i}] starts before ${name}[${i - 1}]: layers are sorted by (start, end).`);
    }
    if (prev && NON_OVERLAPPING.has(name) && span.start < prev.end) {
      throw new DocError('SPAN_OVERLAP', `${name}[${i}] overlaps ${name}[${i - 1}].`);
    }
    prev = span;
  });
  for (const q of name === 'quotes' ? (spans as readonly Quote[]) : []) {
    if (q.cue) checkSpan(doc, 'quotes.cue', q.cue, 0);
    if (q.speaker) checkSpan(doc, 'quotes.speaker', q.speaker, 0);
    if (q.via) checkSpan(doc, 'quotes.via', q.via, 0);
  }
  for (const c of name === 'captions' ? (spans as readonly Caption[]) : []) {
    if (c.credit) checkSpan(doc, 'captions.credit', c.credit, 0);
  }
  const tokens = doc.layers.tokens;
  if (tokens && TOKEN_ALIGNED.has(name)) checkAlignment(name, spans, tokens);
  if (name === 'pos') checkPos(spans as readonly PosTag[], tokens);
  if (name === 'tokens' && doc.layers.pos) checkPos(doc.layers.pos, spans as readonly Token[]);
}

/** The pos layer has exactly one entry per token, with the token's offsets. */
function checkPos(pos: readonly PosTag[], tokens: readonly Token[] | undefined): void {
  if (!tokens) throw new DocError('POS_ALIGNMENT', 'The "pos" layer needs the "tokens" layer first.');
  if (pos.length !== tokens.length) {
    throw new DocError('POS_ALIGNMENT', `The "pos" layer has ${pos.length} entries for ${tokens.length} tokens: it needs exactly one per token.`);
  }
  for (let i = 0; i < pos.length; i++) {
    const p = pos[i];
    if (p.start !== tokens[i].start || p.end !== tokens[i].end) {
      throw new DocError('POS_ALIGNMENT', `pos[${i}] = [${p.start}, ${p.end}) is not token ${i} [${tokens[i].start}, ${tokens[i].end}).`);
    }
    if (typeof p.tag !== 'string' || typeof p.chunk !== 'string') throw new DocError('POS_ALIGNMENT', `pos[${i}] needs a string tag and chunk.`);
  }
}

/** Every span starts at a token start and ends at a token end (binary search: no per-call index). */
function checkAlignment(name: string, spans: readonly Span[], tokens: readonly Token[]): void {
  spans.forEach((s, i) => {
    if (s.start === s.end) return;
    const first = tokenStartingAt(tokens, s.start);
    const last = first < 0 ? -1 : tokenEndingAt(tokens, s.end, first);
    if (first < 0 || last < 0) {
      throw new DocError('SPAN_ALIGNMENT', `${name}[${i}] = [${s.start}, ${s.end}) does not start and end on token boundaries.`);
    }
  });
}

function tokenStartingAt(tokens: readonly Token[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = tokens[mid].start;
    if (start === offset) return mid;
    if (start < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

function tokenEndingAt(tokens: readonly Token[], offset: number, from: number): number {
  let lo = from;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const end = tokens[mid].end;
    if (end === offset) return mid;
    if (end < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}
