// Quote recognition: direct, split, multi-paragraph, indirect, "according to", partial (nested)
// quotes and refusals, each with its cue and the local speaker mention as written.
// Rules over tokens and sentences with the cue lexicon of ./lexicon.ts, plus the learned cue,
// boundary and speaker models of ./learned.ts, which also read part-of-speech and chunk tags.
// Conventions follow PolNeAR: a direct quote's span includes its marks; an indirect content span
// starts at "that" when there is one and leaves out the sentence's final period (but keeps a
// closing quotation mark and the period before it); a quote split around its cue is one span.

import type { Doc, Quote, QuoteKind, QuoteSpeaker, Span, Token } from '../../doc/doc.js';
import {
  AUXILIARIES, COORDINATORS, CUE_PARTICLES, CUE_VERBS, DAY_WORDS, DETERMINERS, LEADING_DISCOURSE, NEEDS_COMPLEMENT,
  NP_MODIFIERS, NP_STOP, PASSIVE_MARKERS, REFUSAL_FIRST, REFUSAL_PHRASES, ROLE_NOUNS, SPEAKER_PRONOUNS, STANCE_VERBS, TELL_OBJECTS,
  type CueEntry,
} from './lexicon.js';
import { pairQuotes, type Segment } from './marks.js';
import { CHUNK_TAGS, POS_TAGS, tagTokens } from '../pos/index.js';
import { cueFeatures, endFeatures, prepare, quoteModel, speakerFeatures, speakerHeadCandidate, startFeatures, type FeatCtx, type Hint, type Prep, type QuoteModel, NO_HINT, WINDOW } from './learned.js';

export { pairQuotes, type Segment } from './marks.js';

const TERMINAL = new Set(['.', '!', '?', '…', '...', '?!', '!?', '!!', '??']);
const CLAUSE_PUNCT = new Set([',', ';', ':', '—', '–', '--', '(', ')']);
const UPPER = /\p{Lu}/u;

export interface Ctx {
  text: string;
  toks: readonly Token[];
  lw: string[];
  cap: Uint8Array;
  n: number;
  sents: readonly Span[];
  sentOf: Int32Array;
  paraOf: Int32Array;
  segs: Segment[];
  segOf: Int32Array;
  used: Uint8Array;
  mentions: readonly Span[] | null;
  /** per token: Penn tag code (index into POS_TAGS) and IOB2 chunk code (index into CHUNK_TAGS) */
  pos: Uint8Array;
  chunk: Uint8Array;
}

interface Found {
  start: number;
  end: number;
  kind: QuoteKind;
  cue: Span | null;
  speaker: Span | null;
  via: Span | null;
  /** token index of the main cue word, for merging split quotes */
  cueTok: number;
  segs: number[];
  para: number;
}

/** Stage: quotes; needs tokens and sentences, uses blocks and mentions when present. Sorted by (start, end). */
export function recognizeQuotes(doc: Doc): Quote[] {
  const ctx = buildCtx(doc);
  const found: Found[] = [];
  const segAttr = new Int32Array(ctx.segs.length).fill(-1); // index into found
  const segCovered = new Uint8Array(ctx.segs.length);

  // 1. direct quotes attributed next to their marks
  for (let s = 0; s < ctx.segs.length; s++) {
    const f = attributeSegment(ctx, s);
    if (!f) continue;
    // split quote: the previous segment has the same cue -> one span
    const prev = found.length > 0 ? found[found.length - 1] : null;
    if (prev && prev.cueTok >= 0 && prev.cueTok === f.cueTok && (prev.kind === 'direct' || prev.kind === 'mixed')) {
      prev.end = Math.max(prev.end, f.end);
      prev.kind = 'mixed';
      prev.segs.push(s);
      segAttr[s] = found.length - 1;
      continue;
    }
    if (ctx.used[f.cueTok]) continue;
    segAttr[s] = found.length;
    found.push(f);
    ctx.used[f.cueTok] = 1;
  }

  // 2. continuation: an unattributed quote right after an attributed one belongs to it
  for (let s = 0; s < ctx.segs.length; s++) {
    if (segAttr[s] >= 0) continue;
    const seg = ctx.segs[s];
    if (!startsSentence(ctx, seg.openTok) || seg.words < 3) continue;
    const ps = s - 1;
    if (ps < 0 || segAttr[ps] < 0) continue;
    const q = found[segAttr[ps]];
    const prevSeg = ctx.segs[ps];
    if (q.end !== prevSeg.end && q.end < prevSeg.end) continue;
    if (!onlyAttributionBetween(ctx, q, prevSeg, seg)) continue;
    q.end = seg.end;
    q.kind = q.kind === 'direct' && q.cue && q.cue.start > prevSeg.end ? 'mixed' : q.kind;
    q.segs.push(s);
    segAttr[s] = segAttr[ps];
  }

  // 3. indirect speech, "according to", refusals
  const indirect: Found[] = [];
  const model = MODE === 'rules' ? null : quoteModel();
  const prep = model ? prepare(ctx) : null;
  for (let i = 0; i < ctx.n; i++) {
    if (ctx.used[i] || ctx.segOf[i] >= 0 || ctx.paraOf[i] < 0) continue;
    const w = ctx.lw[i];
    let f: Found | null = null;
    if (MODE !== 'rules' && model && prep) {
      const known = model.isCandidate(w);
      const rule = MODE === 'ml' ? null : ruleCue(ctx, i, w);
      const ml = known ? learnedCue(ctx, prep, model, i, hintOf(ctx, i, rule)) : null;
      if (rule && rule.kind === 'refusal') f = rule;
      else if (ml && rule) {
        f = ml;
        if (KC === 'rule') {
          f.start = rule.start;
          f.end = rule.end;
        }
        if (KS === 'rule' && rule.speaker) f.speaker = rule.speaker;
        if (KS === 'rule') f.cue = rule.cue;
      } else if (ml) f = ml;
      else if (rule && (!known || KK === '1' || KK === 'that' && ctx.text.startsWith('that ', rule.start))) f = rule;
    } else {
      f = ruleCue(ctx, i, w);
    }
    if (!f) continue;
    // never duplicate a direct quote's span
    if (f.start >= f.end) continue;
    // segments are sorted by start: find the first at or after f.start
    let lo = 0;
    let hi = ctx.segs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ctx.segs[mid].start < f.start) lo = mid + 1;
      else hi = mid;
    }
    for (let k = lo; k < ctx.segs.length && ctx.segs[k].start < f.end; k++) {
      if (ctx.segs[k].end <= f.end) f.segs.push(k);
    }
    if (f.segs.some((k) => segAttr[k] >= 0 && found[segAttr[k]].start <= f!.start && found[segAttr[k]].end >= f!.end)) continue;
    if (f.segs.length > 0 && f.kind === 'indirect') {
      const allQuoted = f.segs.length === 1 && ctx.segs[f.segs[0]].start === f.start && ctx.segs[f.segs[0]].end >= f.end - 1;
      f.kind = allQuoted ? 'direct' : 'mixed';
    }
    for (const k of f.segs) segCovered[k] = 1;
    ctx.used[i] = 1;
    indirect.push(f);
    found.push(f);
  }

  // a reported clause inside content already attributed to someone ("According to X, Y agreed to
  // ... and instructed ...") is part of X's report, not Y's speech: kept only with its own marks
  if (NESTED !== 'keep') dropNested(ctx, found, indirect);

  // headline "Speaker: what they said" (the first paragraph, a title line)
  const h = headlineColon(ctx);
  if (h && !found.some((f) => f.start < h.end && h.start < f.end)) found.push(h);

  // 4. nested partial quotes inside reported speech
  for (const f of indirect) {
    if (f.kind !== 'mixed' || f.speaker === null) continue;
    for (const k of f.segs) {
      if (segAttr[k] >= 0) continue;
      const p = nestedPartial(ctx, f, k);
      if (p) found.push(p);
    }
  }

  // 5. remaining long quotes: direct, speaker from context
  let lastSpeaker: { span: Span; para: number } | null = null;
  const bySeg = new Map<number, Found>();
  for (const f of found) if (f.segs.length > 0) bySeg.set(f.segs[0], f);
  for (let s = 0; s < ctx.segs.length; s++) {
    const seg = ctx.segs[s];
    const own = segAttr[s] >= 0 ? found[segAttr[s]] : bySeg.get(s);
    if (own && own.speaker) {
      lastSpeaker = { span: own.speaker, para: seg.firstPara };
      continue;
    }
    if (segAttr[s] >= 0 || segCovered[s]) continue;
    if (seg.words < 4 || !standsAlone(ctx, seg)) continue;
    const speaker = lastSpeaker && seg.firstPara - lastSpeaker.para <= 3 ? lastSpeaker.span : null;
    found.push({ start: seg.start, end: seg.end, kind: 'direct', cue: null, speaker, via: null, cueTok: -1, segs: [s], para: seg.firstPara });
  }

  return finish(ctx, found);
}

function finish(ctx: Ctx, found: Found[]): Quote[] {
  found.sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Quote[] = [];
  let prev: Found | null = null;
  for (const f of found) {
    if (f.end <= f.start) continue;
    if (prev && prev.start === f.start && prev.end === f.end) {
      // one content, two cues ("Opposition leader X called the plan ..."): the cue nearer the content
      if (f.cue && prev.cue && cueDistance(f) < cueDistance(prev)) {
        out[out.length - 1] = { ...out[out.length - 1], cue: f.cue, speaker: f.speaker ? speakerSpan(ctx, f.speaker) : null };
        prev = f;
      }
      continue;
    }
    if (f.kind === 'indirect' && isCircumstantialCue(ctx, f.cueTok)) continue;
    const turn = transcriptTurn(ctx, f.start) ?? labelInside(ctx, f.start, f.end);
    if (turn) {
      out.push({ start: turn.contentStart ?? f.start, end: f.end, kind: f.kind, cue: turn.cue, speaker: { start: turn.speaker.start, end: turn.speaker.end, entity: null }, via: null });
      prev = f;
      continue;
    }
    out.push({
      start: f.start,
      end: f.end,
      kind: f.kind === 'indirect' && isBeliefCue(ctx, f.cueTok) ? 'belief' : f.kind === 'indirect' && isStance(ctx, f) ? 'stance' : f.kind,
      cue: f.cue,
      speaker: f.speaker ? speakerSpan(ctx, f.speaker) : null,
      via: f.via ? speakerSpan(ctx, f.via) : null,
    });
    prev = f;
  }
  return out;
}

/** Classes of cue that report speech; a cue of none of them ("thinks", "wants to") reports a belief or intention. */
const SPEECH_CLASSES = ['speech', 'tell', 'ask', 'name', 'directive'] as const;

/**
 * A transcript turn: a paragraph that opens with a speaker label in capitals and a colon
 * ("WALLACE: Let's start…", "PENCE: Well, look…"). The label is the speaker of what follows.
 */
function transcriptTurn(ctx: Ctx, start: number): { speaker: Span; cue: Span; contentStart?: number } | null {
  let k = tokenAtOrAfter(ctx, start) - 1;
  while (k >= 0 && ctx.toks[k].kind === 'quote' && ctx.toks[k].start >= start - 2) k--;
  if (k < 1 || ctx.lw[k] !== ':') return null;
  const colon = k;
  let first = colon;
  while (first - 1 >= 0 && colon - first < 3 && ctx.toks[first - 1].kind === 'word' && isCapsLabel(ctx, first - 1) && ctx.paraOf[first - 1] === ctx.paraOf[colon]) first--;
  if (first === colon) return null;
  // the label opens its paragraph (a quote mark may come first)
  let b = first - 1;
  while (b >= 0 && ctx.toks[b].kind === 'quote' && ctx.paraOf[b] === ctx.paraOf[colon]) b--;
  if (b >= 0 && ctx.paraOf[b] === ctx.paraOf[colon]) return null;
  return { speaker: span(ctx, first, colon - 1), cue: span(ctx, colon, colon) };
}

/** The same label at the start of a quotation that opens with it: `"PENCE: Well, look…"`. */
function labelInside(ctx: Ctx, start: number, end: number): { speaker: Span; cue: Span; contentStart: number } | null {
  let k = tokenAtOrAfter(ctx, start);
  if (k >= ctx.n || ctx.toks[k].kind !== 'quote') return null;
  k++;
  const first = k;
  while (k < ctx.n && k - first < 3 && ctx.toks[k].kind === 'word' && isCapsLabel(ctx, k)) k++;
  if (k === first || k + 1 >= ctx.n || ctx.lw[k] !== ':' || ctx.toks[k + 1].start >= end) return null;
  return { speaker: span(ctx, first, k - 1), cue: span(ctx, k, k), contentStart: ctx.toks[k + 1].start };
}

function isCapsLabel(ctx: Ctx, k: number): boolean {
  const w = ctx.text.slice(ctx.toks[k].start, ctx.toks[k].end);
  return w.length >= 2 && /^[\p{Lu}][\p{Lu}.'’-]*$/u.test(w);
}

function tokenAtOrAfter(ctx: Ctx, offset: number): number {
  let lo = 0;
  let hi = ctx.n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (ctx.toks[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * A participle opening its sentence sets the scene ("Responding to a question about X, Peskov
 * said …"): what follows it is the topic, not something said.
 */
function isCircumstantialCue(ctx: Ctx, k: number): boolean {
  if (k < 0 || !ctx.lw[k].endsWith('ing') || ctx.lw[k] === 'according') return false;
  return k === 0 || ctx.sentOf[k - 1] !== ctx.sentOf[k];
}

function isBeliefCue(ctx: Ctx, k: number): boolean {
  const e = cueEntry(ctx, k);
  if (!e) return false;
  const classes = e.classes as ReadonlySet<string>;
  return (classes.has('belief') || classes.has('intent')) && !SPEECH_CLASSES.some((c) => classes.has(c));
}

const STANCE_FINITE = new Uint8Array(64);
POS_TAGS.forEach((t, i) => {
  if (t === 'VBD' || t === 'VBZ' || t === 'VBP' || t === 'MD') STANCE_FINITE[i] = 1;
});
const CLAUSE_OPENERS = new Set(['that', 'to', 'if', 'whether', 'how', 'why', 'what', 'when', 'where', 'who']);

/**
 * An evaluation verb whose content is a noun phrase with no clause of its own ("Residents applauded
 * the announcement", "criticized the party's lack of awareness"): a stance taken on something, which
 * readers should not take for a statement. Content with a clause ("criticized that …") is speech.
 */
function isStance(ctx: Ctx, f: Found): boolean {
  if (f.cueTok < 0 || !f.cue || f.cue.end > f.start || !STANCE_VERBS.has(ctx.lw[f.cueTok])) return false;
  let first = f.cueTok;
  while (first < ctx.n && ctx.toks[first].start < f.start) first++;
  if (first >= ctx.n || CLAUSE_OPENERS.has(ctx.lw[first])) return false;
  for (let k = first; k < ctx.n && ctx.toks[k].start < f.end; k++) {
    if (ctx.segOf[k] >= 0 || STANCE_FINITE[ctx.pos[k]] === 1) return false;
  }
  return true;
}

function speakerSpan(ctx: Ctx, span: Span): QuoteSpeaker {
  let { start, end } = span;
  if (ctx.mentions) {
    // snap to named-entity mentions that the span cuts through
    // mentions are sorted and short: start from the first that could reach `start`
    const ms = ctx.mentions;
    let lo = 0;
    let hi = ms.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ms[mid].start < span.start - 200) lo = mid + 1;
      else hi = mid;
    }
    for (let i = lo; i < ms.length && ms[i].start < end; i++) {
      const m = ms[i];
      if (m.end <= start || m.start >= end) continue;
      if (m.start < start) start = m.start;
      if (m.end > end) end = m.end;
    }
  }
  return { start, end, entity: null };
}

// ---------------------------------------------------------------------------------------------
// context

/** The stage's per-document context (exported for scripts/train-quotes.ts). */
export function buildCtx(doc: Doc): Ctx {
  const text = doc.text;
  const toks = doc.get('tokens');
  const sents = doc.get('sentences');
  const n = toks.length;
  const lw = new Array<string>(n);
  const cap = new Uint8Array(n);
  for (let k = 0; k < n; k++) {
    const t = toks[k];
    const w = text.slice(t.start, t.end);
    const lower = w.toLowerCase();
    lw[k] = lower;
    if (lower !== w && UPPER.test(w[0])) cap[k] = 1;
  }
  const sentOf = new Int32Array(n).fill(-1);
  {
    let s = 0;
    for (let k = 0; k < n; k++) {
      while (s < sents.length && sents[s].end <= toks[k].start) s++;
      if (s < sents.length && sents[s].start <= toks[k].start) sentOf[k] = s;
    }
  }
  // paragraphs: blocks when present, else line breaks; captions and "Source:" lines are skipped (-1)
  const paraOf = new Int32Array(n);
  const blocks = doc.layers.blocks;
  let para = 0;
  let b = 0;
  let prevBlock = -1;
  for (let k = 0; k < n; k++) {
    const t = toks[k];
    let caption = false;
    let blockIdx = -1;
    if (blocks && blocks.length > 0) {
      while (b < blocks.length && blocks[b].end <= t.start) b++;
      if (b < blocks.length && blocks[b].start <= t.start) {
        blockIdx = b;
        caption = blocks[b].kind === 'caption';
      }
    }
    if (k > 0 && (hasNewline(text, toks[k - 1].end, t.start) || blockIdx !== prevBlock)) para++;
    prevBlock = blockIdx;
    paraOf[k] = caption ? -1 : para;
  }
  // "Source: <url>" provenance lines
  for (let k = 0; k < n; k++) {
    if (paraOf[k] < 0 || (k > 0 && paraOf[k - 1] === paraOf[k])) continue;
    if (lw[k] === 'source' && lw[k + 1] === ':') {
      const p = paraOf[k];
      for (let j = k; j < n && paraOf[j] === p; j++) paraOf[j] = -1;
    }
  }
  let paraCount = 0;
  for (let k = 0; k < n; k++) if (paraOf[k] + 1 > paraCount) paraCount = paraOf[k] + 1;
  const segs = pairQuotes(text, toks, paraOf, paraCount);
  const segOf = new Int32Array(n).fill(-1);
  for (let s = 0; s < segs.length; s++) for (let k = segs[s].openTok; k <= segs[s].lastTok; k++) segOf[k] = s;
  const mentions = doc.layers.mentions ?? null;
  const { pos, chunk } = posCodes(doc);
  return { text, toks, lw, cap, n, sents, sentOf, paraOf, segs, segOf, used: new Uint8Array(n), mentions, pos, chunk };
}

const POS_CODE = new Map<string, number>(POS_TAGS.map((t, i) => [t, i]));
const CHUNK_CODE = new Map<string, number>(CHUNK_TAGS.map((t, i) => [t, i]));

/** The pos layer as codes; a Doc without one (tests, scripts) is tagged here the same way. */
function posCodes(doc: Doc): { pos: Uint8Array; chunk: Uint8Array } {
  if (!doc.has('pos')) {
    const t = tagTokens(doc.text, doc.get('tokens'), doc.get('sentences'));
    return { pos: t.tags, chunk: t.chunks };
  }
  const layer = doc.get('pos');
  const pos = new Uint8Array(layer.length);
  const chunk = new Uint8Array(layer.length);
  for (let k = 0; k < layer.length; k++) {
    pos[k] = POS_CODE.get(layer[k].tag) ?? 0;
    chunk[k] = CHUNK_CODE.get(layer[k].chunk) ?? 0;
  }
  return { pos, chunk };
}

function hasNewline(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2029) return true;
  }
  return false;
}

function startsSentence(ctx: Ctx, k: number): boolean {
  if (k === 0) return true;
  if (ctx.paraOf[k - 1] !== ctx.paraOf[k] || ctx.sentOf[k - 1] !== ctx.sentOf[k]) return true;
  const p = ctx.lw[k - 1];
  return p === ':' || p === '—' || p === '–' || p === '--' || p === '(';
}

/** A quote that is a sentence (or more) on its own, not a phrase inside a clause. */
function standsAlone(ctx: Ctx, seg: Segment): boolean {
  if (!startsSentence(ctx, seg.openTok)) return false;
  const after = seg.lastTok + 1;
  if (seg.closeTok < 0 || after >= ctx.n || ctx.paraOf[after] !== ctx.paraOf[seg.lastTok]) return true;
  const w = ctx.lw[after];
  if (TERMINAL.has(w) || ctx.segOf[after] >= 0) return true;
  const inner = ctx.lw[seg.closeTok - 1];
  return TERMINAL.has(inner) || inner === ',' || ctx.sentOf[after] !== ctx.sentOf[seg.lastTok];
}

function isWord(ctx: Ctx, k: number): boolean {
  const kind = ctx.toks[k].kind;
  return kind === 'word' || kind === 'number';
}

function sameClause(ctx: Ctx, a: number, b: number): boolean {
  return ctx.paraOf[a] === ctx.paraOf[b] && ctx.paraOf[a] >= 0;
}

function cueEntry(ctx: Ctx, k: number): CueEntry | undefined {
  if (k < 0 || k >= ctx.n || ctx.segOf[k] >= 0) return undefined;
  const e = CUE_VERBS.get(ctx.lw[k]);
  if (!e) return undefined;
  // "one of the states suing", "the reports": a word that is also a noun, tagged as one
  if (NOUN_LIKE.has(ctx.lw[k]) && NOUN_POS[ctx.pos[k]]) return undefined;
  const particle = CUE_PARTICLES.get(e.lemma);
  if (particle && ctx.lw[k + 1] !== particle) return undefined;
  return e;
}

/** Last token of a cue (the verb, or its particle: "pointed out"). */
function cueEnd(ctx: Ctx, k: number, e: CueEntry): number {
  return CUE_PARTICLES.has(e.lemma) ? k + 1 : k;
}

function span(ctx: Ctx, a: number, b: number): Span {
  return { start: ctx.toks[a].start, end: ctx.toks[b].end };
}

// ---------------------------------------------------------------------------------------------
// speaker noun phrases

function isNpWord(ctx: Ctx, k: number): boolean {
  if (ctx.segOf[k] >= 0 || ctx.paraOf[k] < 0) return false;
  const kind = ctx.toks[k].kind;
  const w = ctx.lw[k];
  if (kind === 'punct') return w === '-' || w === '.' || w === '&';
  if (kind === 'quote') {
    // plural possessive "teachers’ union": a mark glued to the word before it, a space after
    const t = ctx.toks[k];
    return (w === '’' || w === "'") && k > 0 && ctx.toks[k - 1].end === t.start && ctx.text[t.end] === ' ' && ctx.toks[k - 1].kind === 'word';
  }
  if (kind === 'symbol') return w === '&';
  return true;
}

/** The noun phrase that ends at token j (inclusive), scanning left; null if none. */
function leftNP(ctx: Ctx, j: number, lo: number): Span | null {
  if (j < lo || !isNpWord(ctx, j)) return null;
  const w0 = ctx.lw[j];
  if (SPEAKER_PRONOUNS.has(w0)) {
    if (NP_STOP.has(w0) && w0 !== 'that') return null;
    // "who"/"which"/"that": relative pronoun; keep it as the local speaker
    return span(ctx, j, j);
  }
  if (NP_STOP.has(w0) || COORDINATORS.has(w0) || CUE_VERBS.has(w0)) return null;
  let start = j;
  let lowerChain = !ctx.cap[j];
  for (let k = j - 1; k >= lo && k >= j - 10; k--) {
    if (!isNpWord(ctx, k)) break;
    const w = ctx.lw[k];
    if (ctx.paraOf[k] !== ctx.paraOf[j]) break;
    if (ctx.cap[k]) {
      if (LEADING_DISCOURSE.has(w) || NP_STOP.has(w)) break;
      start = k;
      lowerChain = false;
      continue;
    }
    if (w === "'s" || w === '’s' || ctx.toks[k].kind === 'number' || ctx.toks[k].kind === 'quote') {
      start = k;
      continue;
    }
    if (DETERMINERS.has(w) && !NP_MODIFIERS.has(w)) {
      start = k;
      break;
    }
    if (w === 'of' || w === 'and' || w === '&' || w === '-') {
      // "Secretary of State John Kerry", "Smith and Jones"
      if (k - 1 >= lo && (ctx.cap[k - 1] || ROLE_NOUNS.has(ctx.lw[k - 1])) && ctx.cap[k + 1]) continue;
      break;
    }
    const possessor = ctx.lw[k + 1] === "'s" || ctx.lw[k + 1] === '’s' || ctx.toks[k + 1].kind === 'quote';
    if (!possessor && (NP_STOP.has(w) || COORDINATORS.has(w) || SPEAKER_PRONOUNS.has(w) || AUXILIARIES.has(w))) break;
    if (possessor || ROLE_NOUNS.has(w) || NP_MODIFIERS.has(w) || w.endsWith('-year-old')) {
      start = k;
      lowerChain = true;
      continue;
    }
    // an unknown lower-case word: an adjective inside a lower-case noun phrase ("a well-placed source")
    if (lowerChain && k - 1 >= lo && DETERMINERS.has(ctx.lw[k - 1])) {
      start = k;
      continue;
    }
    break;
  }
  // the head must be a name, a role noun or a pronoun-like word
  if (!ctx.cap[j] && !ROLE_NOUNS.has(w0) && start === j && !/s$/.test(w0)) return null;
  // drop dangling "of"/"and" at the left edge
  while (start < j && (ctx.lw[start] === 'of' || ctx.lw[start] === 'and' || ctx.lw[start] === '-')) start++;
  return span(ctx, start, j);
}

/** Skip auxiliaries/adverbs left of a cue; the index of the token that should end the speaker NP. */
function skipAuxLeft(ctx: Ctx, k: number, lo: number): number {
  let j = k;
  let steps = 0;
  while (j >= lo && steps < 4 && AUXILIARIES.has(ctx.lw[j]) && !SPEAKER_PRONOUNS.has(ctx.lw[j])) {
    j--;
    steps++;
  }
  return j;
}

/** Speaker before a cue at token i: NP, "Gov. Mike Pence (R-Ind.)", or apposition "Peter Cook, a spokesman,". */
function speakerBefore(ctx: Ctx, i: number, lo: number): { np: Span; first: number } | null {
  let j = skipAuxLeft(ctx, i - 1, lo);
  if (j < lo) return null;
  if (ctx.lw[j] === ',' && j - 1 >= lo) return apposition(ctx, j, lo);
  let end = j;
  if (ctx.lw[j] === ')') {
    // "Sen. David Perdue (R-Ga.) said"
    let k = j - 1;
    while (k >= lo && k > j - 8 && ctx.lw[k] !== '(') k--;
    if (k < lo || ctx.lw[k] !== '(') return null;
    j = k - 1;
  }
  const np = leftNP(ctx, j, lo);
  let first = np ? tokIndexAt(ctx, np.start, j) : j + 1;
  if (!np || !SPEAKER_PRONOUNS.has(ctx.lw[first])) {
    // the whole clause-initial subject: "Experts on trade and labor said", "attorneys for the family said"
    const cb = clauseStart(ctx, j, lo);
    if (cb >= 0 && cb < first && j - cb <= 10 && subjectLike(ctx, cb, j)) first = cb;
  }
  if (first > j) return null;
  return { np: { start: ctx.toks[first].start, end: ctx.toks[end].end }, first };
}

/** First token of the clause that token j is in: after the last comma, semicolon, dash or quote, or the sentence start. */
function clauseStart(ctx: Ctx, j: number, lo: number): number {
  for (let k = j; k >= lo; k--) {
    const w = ctx.lw[k];
    if (w === ',' || w === ';' || w === ':' || w === '—' || w === '–' || w === '--' || w === '(' || ctx.segOf[k] >= 0) return k + 1;
  }
  let k = lo;
  while (k < j && LEADING_DISCOURSE.has(ctx.lw[k])) k++;
  return k;
}

/** Tokens [a, b] could be a subject noun phrase: no clause words, cue verbs or auxiliaries inside. */
function subjectLike(ctx: Ctx, a: number, b: number): boolean {
  const w0 = ctx.lw[a];
  if (NP_STOP.has(w0) && w0 !== 'that' || COORDINATORS.has(w0) || DAY_WORDS.has(w0)) return false;
  if (!ctx.cap[a] && !DETERMINERS.has(w0) && !ROLE_NOUNS.has(w0) && !NP_MODIFIERS.has(w0) && !/s$/.test(w0) && ctx.toks[a].kind !== 'number') return false;
  for (let k = a; k <= b; k++) {
    const w = ctx.lw[k];
    if (CLAUSE_WORDS.has(w) || AUXILIARIES.has(w) && !ctx.cap[k] || ctx.toks[k].kind === 'quote' || TERMINAL.has(w)) return false;
    const e = CUE_VERBS.get(w);
    if (e && (e.form === 'past' || e.form === 'ing') && !ctx.cap[k]) return false;
  }
  return true;
}

const NOUN_LIKE = new Set([
  'state', 'states', 'show', 'shows', 'report', 'reports', 'plan', 'plans', 'fear', 'fears', 'remark', 'remarks',
  'claim', 'claims', 'hope', 'hopes', 'offer', 'offers', 'post', 'posts', 'comment', 'comments', 'answer', 'answers',
  'charge', 'charges', 'call', 'calls', 'order', 'orders', 'request', 'requests', 'demand', 'demands', 'tweet',
  'tweets', 'question', 'questions', 'promise', 'promises', 'pledge', 'pledges', 'vow', 'vows', 'reply', 'replies',
  'estimate', 'estimates', 'forecast', 'forecasts', 'signal', 'signals', 'project', 'projects', 'notes', 'note',
  'attempt', 'attempts', 'protest', 'protests', 'reason', 'reasons', 'joke', 'jokes', 'doubt', 'doubts', 'wish',
  'tell', 'try', 'tries', 'aim', 'aims', 'echo', 'echoes', 'repeat', 'brief', 'counter', 'object', 'objects',
]);

const CLAUSE_WORDS = new Set(['that', 'which', 'who', 'whom', 'whose', 'when', 'while', 'because', 'if', 'although', 'though', 'since', 'where', 'whether', 'as', 'than', 'it', 'he', 'she', 'they', 'we', 'i', 'you']);

/** "Richard Roe, director of the institute, said": the head noun phrase must open the clause. */
function apposition(ctx: Ctx, comma: number, lo: number): { np: Span; first: number } | null {
  let openAt = lo;
  while (openAt < comma && LEADING_DISCOURSE.has(ctx.lw[openAt])) openAt++;
  let tries = 0;
  let fallback: { np: Span; first: number } | null = null;
  for (let c = comma - 1; c >= lo && c >= comma - 40; c--) {
    if (ctx.segOf[c] >= 0 || TERMINAL.has(ctx.lw[c]) || ctx.lw[c] === ';' || ctx.lw[c] === ':') return fallback;
    if (ctx.lw[c] !== ',' && ctx.lw[c] !== '—' && ctx.lw[c] !== '--' && ctx.lw[c] !== '–') continue;
    if (++tries > 3) return fallback;
    const head = leftNP(ctx, c - 1, lo);
    let hf = head ? tokIndexAt(ctx, head.start, c - 1) : c;
    const cs = clauseStart(ctx, c - 1, lo);
    if (cs < hf && c - 1 - cs <= 10 && subjectLike(ctx, cs, c - 1)) hf = cs;
    if (hf >= c) continue;
    if (ctx.lw[c - 1] === ')') {
      // "Rep. Jane Roe (D-N.Y.), chairwoman of ..."
      let k = c - 2;
      while (k > lo && k > c - 9 && ctx.lw[k] !== '(') k--;
      const h2 = ctx.lw[k] === '(' ? leftNP(ctx, k - 1, lo) : null;
      if (h2) hf = tokIndexAt(ctx, h2.start, k - 1);
    }
    if (hf === openAt) return { np: { start: ctx.toks[hf].start, end: ctx.toks[comma - 1].end }, first: hf };
    // a head after a comma: keep looking left for one that opens the clause ("Scott Pruitt, the
    // attorney general of Oklahoma, one of the states suing the EPA, said")
    if (!fallback && hf > lo && ctx.lw[hf - 1] === ',' && !hasCueBetween(ctx, lo, hf)) fallback = { np: { start: ctx.toks[hf].start, end: ctx.toks[comma - 1].end }, first: hf };
  }
  return fallback;
}

function hasCueBetween(ctx: Ctx, a: number, b: number): boolean {
  for (let k = a; k < b; k++) if (CUE_VERBS.has(ctx.lw[k]) || ctx.segOf[k] >= 0) return true;
  return false;
}

function tokIndexAt(ctx: Ctx, charStart: number, hint: number): number {
  let k = hint;
  while (k > 0 && ctx.toks[k].start > charStart) k--;
  return k;
}

/** The noun phrase starting at token k, scanning right; `loose` takes everything to a comma. */
function rightNP(ctx: Ctx, k: number, hi: number, loose: boolean): { np: Span; last: number } | null {
  if (k > hi || !isNpWord(ctx, k)) return null;
  let end = -1;
  let last = k;
  for (let j = k; j <= hi && j < k + (loose ? 16 : 9); j++) {
    if (ctx.paraOf[j] !== ctx.paraOf[k] || ctx.segOf[j] >= 0) break;
    const w = ctx.lw[j];
    if (loose) {
      if (w === ',' || w === ';' || w === ':' || TERMINAL.has(w) || ctx.toks[j].kind === 'quote') break;
      end = j;
      continue;
    }
    if (!isNpWord(ctx, j)) break;
    if (j === k && SPEAKER_PRONOUNS.has(w) && !NP_STOP.has(w)) {
      end = j;
      break;
    }
    if (ctx.cap[j] || w === "'s" || w === '’s' || ctx.toks[j].kind === 'number') {
      if (ctx.cap[j] && (NP_STOP.has(w) || LEADING_DISCOURSE.has(w)) && j === k) break;
      end = j;
      continue;
    }
    if (DETERMINERS.has(w) || ROLE_NOUNS.has(w) || NP_MODIFIERS.has(w) || w.endsWith('-year-old')) {
      if ((w === 'of' || w === 'and' || w === 'for' || w === '-' || w === '&') && !(j + 1 <= hi && (ctx.cap[j + 1] || DETERMINERS.has(ctx.lw[j + 1])))) break;
      if (w !== 'of' && w !== 'and' && w !== 'for') end = j;
      continue;
    }
    // "fire chief Owen Price", "librarian Ruth Amos": lowercase descriptors right before a name
    if (end < 0 && j - k < 3 && descriptorBeforeName(ctx, j, hi)) continue;
    // "the city council": an unknown word between a determiner and a role noun
    if (end >= k && DETERMINERS.has(ctx.lw[k]) && j + 1 <= hi && (ROLE_NOUNS.has(ctx.lw[j + 1]) || ROLE_NOUNS.has(ctx.lw[j + 2] ?? '')) && !CUE_VERBS.has(w) && !NP_STOP.has(w)) continue;
    break;
  }
  if (end < 0) return null;
  last = end;
  return { np: span(ctx, k, end), last };
}

/** A plain lowercase word followed, within three such words, by a capitalised one. */
function descriptorBeforeName(ctx: Ctx, j: number, hi: number): boolean {
  for (let m = j; m <= hi && m <= j + 3; m++) {
    const w = ctx.lw[m];
    if (m > j && ctx.cap[m] && !NP_STOP.has(w)) return true;
    if (ctx.toks[m].kind !== 'word' || ctx.cap[m] || CUE_VERBS.has(w) || NP_STOP.has(w) || (m === j && DETERMINERS.has(w)) || SPEAKER_PRONOUNS.has(w)) return false;
  }
  return false;
}

/** Subject of the clause a participle ("..., saying that") hangs on. */
function mainSubject(ctx: Ctx, sentStart: number, before: number): Span | null {
  // passive agent: "was given by Kremlin spokesman Dmitry Peskov"
  for (let k = before - 1; k > sentStart; k--) {
    if (ctx.lw[k] === 'by' && ctx.segOf[k] < 0) {
      const r = rightNP(ctx, k + 1, before - 1, false);
      if (r && hasCap(ctx, k + 1, r.last)) return r.np;
    }
  }
  let k = sentStart;
  while (k < before && (LEADING_DISCOURSE.has(ctx.lw[k]) || ctx.segOf[k] >= 0)) k++;
  // an introductory phrase ending in a comma
  for (let j = k; j < before && j < k + 8; j++) {
    if (ctx.lw[j] === ',') {
      if (!ctx.cap[k] || NP_STOP.has(ctx.lw[k]) || DAY_WORDS.has(ctx.lw[k]) || ctx.lw[k] === 'according') k = j + 1;
      break;
    }
  }
  const r = rightNP(ctx, k, before - 1, false);
  return r ? r.np : null;
}

function hasCap(ctx: Ctx, a: number, b: number): boolean {
  for (let k = a; k <= b; k++) if (ctx.cap[k]) return true;
  return false;
}

// ---------------------------------------------------------------------------------------------
// direct quotes

function attributeSegment(ctx: Ctx, s: number): Found | null {
  const seg = ctx.segs[s];
  const atStart = startsSentence(ctx, seg.openTok) || (s > 0 && ctx.segs[s - 1].lastTok >= seg.openTok - 3 && ctx.segs[s - 1].lastPara === seg.firstPara);
  const inner = seg.closeTok > 0 ? ctx.lw[seg.closeTok - 1] : '';
  const openEnded = inner === ',' || inner === '?' || inner === '!' || inner === '—' || inner === '-' || inner === '–' || inner === '...' || inner === '…';
  if (seg.closeTok >= 0 && atStart) {
    const r = attributionAfter(ctx, seg, openEnded);
    if (r) return { ...r, start: seg.start, end: seg.end, kind: 'direct', via: null, segs: [s], para: seg.firstPara };
  }
  const l = attributionBefore(ctx, seg);
  if (l) return { ...l, start: seg.start, end: seg.end, kind: 'direct', via: null, segs: [s], para: seg.firstPara };
  // a quotation that ends its clause open inside a sentence and is credited right after it:
  // `As for complexity, ''broadening the base is costly,'' said Mr. Kamin` (the quotation alone), or
  // `However laudable the goal, the tax ''is a misguided approach,'' said Mr. Burman` (the sentence)
  if (seg.closeTok >= 0 && !atStart && openEnded && seg.words >= 4 && seg.firstPara === seg.lastPara && !titleCased(ctx, seg)) {
    const r = attributionAfter(ctx, seg, true);
    if (r) {
      const before = ctx.lw[seg.openTok - 1];
      if (before === ',' || before === ':') return { ...r, start: seg.start, end: seg.end, kind: 'direct', via: null, segs: [s], para: seg.firstPara };
      const sentStart = Math.max(ctx.sents[ctx.sentOf[seg.openTok]]?.start ?? seg.start, ctx.toks[tokAtOrAfterPara(ctx, seg.openTok)].start);
      return { ...r, start: sentStart, end: seg.end, kind: 'mixed', via: null, segs: [s], para: seg.firstPara };
    }
  }
  return null;
}

/** Every word inside the marks is capitalised: a title ("Face the Nation"), not a statement. */
function titleCased(ctx: Ctx, seg: Segment): boolean {
  for (let k = seg.innerFirst; k < seg.closeTok; k++) {
    if (ctx.toks[k].kind === 'word' && !ctx.cap[k] && !TITLE_SMALL_WORDS.has(ctx.lw[k])) return false;
  }
  return true;
}
const TITLE_SMALL_WORDS = new Set(['a', 'an', 'the', 'of', 'and', 'or', 'in', 'on', 'at', 'to', 'for', 'with', 'by', 'from']);

/** The first token of token k's paragraph. */
function tokAtOrAfterPara(ctx: Ctx, k: number): number {
  let j = k;
  while (j > 0 && ctx.paraOf[j - 1] === ctx.paraOf[k]) j--;
  return j;
}

interface Attribution {
  cue: Span;
  cueTok: number;
  speaker: Span | null;
}

/** `"...," the ministry said` / `"...," said Peskov` / `"..." he told reporters` / `"...," according to X` */
function attributionAfter(ctx: Ctx, seg: Segment, openEnded: boolean): Attribution | null {
  const t = seg.lastTok + 1;
  if (t >= ctx.n || !sameClause(ctx, seg.lastTok, t)) return null;
  if (ctx.lw[t] === 'according' && ctx.lw[t + 1] === 'to') {
    const r = rightNP(ctx, t + 2, ctx.n - 1, true);
    return { cue: span(ctx, t, t + 1), cueTok: t, speaker: r ? r.np : null };
  }
  const dashed = dashCredit(ctx, t);
  if (dashed) return dashed;
  const start = ctx.lw[t] === ',' ? t + 1 : t;
  // the speaker may carry an apposition or a party tag before the cue: `"...," Flynn, a top Trump
  // surrogate, said` / `"...," Rep. John Mica (R-Fla.) said` (speakerBefore checks it opens at start)
  let commas = 0;
  for (let j = start; j < ctx.n && j <= start + APPOSITION_SPAN; j++) {
    if (!sameClause(ctx, t, j) || ctx.segOf[j] >= 0) break;
    const w = ctx.lw[j];
    if (TERMINAL.has(w) || (CLAUSE_PUNCT.has(w) && w !== ',' && w !== '(' && w !== ')')) break;
    if (j > start + 8 && commas === 0) break;
    const e = cueEntry(ctx, j);
    if (!e || e.form === 'ing' || e.classes.has('name') && e.classes.size === 1) {
      if (w === ',' && j > start && ++commas > 3) break;
      continue;
    }
    if (ctx.used[j]) return null;
    const ce = cueEnd(ctx, j, e);
    if (j === start) {
      // inverted: "said Peskov", "added the ministry"
      const r = rightNP(ctx, ce + 1, ctx.n - 1, false);
      if (!r && !openEnded) return null;
      return { cue: span(ctx, j, ce), cueTok: j, speaker: r ? r.np : null };
    }
    const sp = speakerBefore(ctx, j, start);
    if (!sp || sp.first !== start) {
      if (w === ',' || !sp) return null;
      return null;
    }
    // a new clause of its own ("... he said that X") is not this quote's attribution unless the quote ends open
    const after = ctx.lw[ce + 1];
    if (!openEnded && after === 'that') return null;
    return { cue: span(ctx, j, ce), cueTok: j, speaker: sp.np };
  }
  return null;
}

/** Tokens after a closing quote within which an appositive speaker's cue may come. */
const APPOSITION_SPAN = 24;
const CREDIT_DASHES = new Set(['―', '—', '–', '--', '-']);

/**
 * `"…" ― Steve Quinlan`: a name after a dash that ends the paragraph, its sentence or comes right
 * before the next quotation credits the quote before it (reader comments, epigraphs, social posts).
 */
function dashCredit(ctx: Ctx, t: number): Attribution | null {
  if (!CREDIT_DASHES.has(ctx.lw[t]) || t + 1 >= ctx.n || !sameClause(ctx, t, t + 1) || !ctx.cap[t + 1]) return null;
  const r = rightNP(ctx, t + 1, ctx.n - 1, false);
  if (!r || !hasCap(ctx, t + 1, r.last)) return null;
  const k = r.last + 1;
  const ends = k >= ctx.n || ctx.paraOf[k] !== ctx.paraOf[t] || TERMINAL.has(ctx.lw[k]) || ctx.segOf[k] >= 0 || ctx.toks[k].kind === 'quote';
  if (!ends || CUE_VERBS.has(ctx.lw[k])) return null;
  return { cue: span(ctx, t, t), cueTok: t, speaker: r.np };
}

/** `Peskov said: "..."`, `he said, "..."`, `said Peskov: "..."`, `According to X, "..."` */
function attributionBefore(ctx: Ctx, seg: Segment): Attribution | null {
  let o = seg.openTok - 1;
  if (o < 0) return null;
  // a quote opening a paragraph after one ending in a colon
  if (!sameClause(ctx, o, seg.openTok)) {
    if (ctx.lw[o] !== ':' || ctx.paraOf[o] < 0) return null;
  }
  const mark = ctx.lw[o];
  const punct = mark === ':' || mark === ',';
  if (punct) o--;
  const lo = o - 12;
  for (let j = o; j >= 0 && j >= lo; j--) {
    if (ctx.paraOf[j] !== ctx.paraOf[o] || ctx.segOf[j] >= 0) break;
    const w = ctx.lw[j];
    if (TERMINAL.has(w) || w === ';' || w === ':') break;
    if (w === 'to' && ctx.lw[j - 1] === 'according' && punct) {
      const r = rightNP(ctx, j + 1, o, true);
      return { cue: span(ctx, j - 1, j), cueTok: j - 1, speaker: r ? r.np : null };
    }
    const e = cueEntry(ctx, j);
    if (!e) continue;
    // a used cue: the second half of a split quote (merged in step 1 or dropped)
    if (ctx.used[j]) return punct ? { cue: span(ctx, j, cueEnd(ctx, j, e)), cueTok: j, speaker: null } : null;
    // without a colon or comma the quote must follow the cue closely and be a clause
    if (!punct && (j < o - 1 || seg.words < 3 || e.classes.has('name'))) return null;
    if (!punct && ctx.lw[j + 1] === 'that') return null;
    const ce = cueEnd(ctx, j, e);
    const sentStart = ctx.sents[ctx.sentOf[j]]?.start ?? 0;
    const lo2 = Math.max(0, tokIndexAt(ctx, sentStart, j));
    if (e.form === 'ing' && j > 0 && ctx.lw[j - 1] === ',') {
      return { cue: span(ctx, j, ce), cueTok: j, speaker: mainSubject(ctx, lo2, j - 1) };
    }
    const sp = speakerBefore(ctx, j, lo2);
    if (sp) return { cue: span(ctx, j, ce), cueTok: j, speaker: sp.np };
    // "Said Peskov:" / "..., said Peskov, "
    const r = rightNP(ctx, ce + 1, o, false);
    if (r) return { cue: span(ctx, j, ce), cueTok: j, speaker: r.np };
    if (j > 0 && ctx.lw[j - 1] === ',') return { cue: span(ctx, j, ce), cueTok: j, speaker: mainSubject(ctx, lo2, j - 1) };
    return null;
  }
  return null;
}

/** Between an attributed quote and the next one there is only that quote's attribution. */
function onlyAttributionBetween(ctx: Ctx, q: Found, prev: Segment, next: Segment): boolean {
  if (next.firstPara === prev.lastPara) {
    if (!q.cue || q.cue.start < prev.end) return false;
    // tokens between: the attribution sentence only (speaker, cue, a few adverbials, a period)
    return next.openTok - prev.lastTok <= CONT;
  }
  // the quote opens the paragraph right after the attributed one, which ended with it
  if (next.firstPara !== prev.lastPara + 1 || !startsSentence(ctx, next.openTok)) return false;
  let k = prev.lastTok + 1;
  let count = 0;
  while (k < ctx.n && ctx.paraOf[k] === prev.lastPara) {
    k++;
    count++;
  }
  return count <= CONT2 && (q.cue === null || q.cue.start > prev.start);
}

// ---------------------------------------------------------------------------------------------
// indirect speech

function sentenceBounds(ctx: Ctx, i: number): [number, number] {
  const s = ctx.sentOf[i];
  let a = i;
  let b = i;
  while (a > 0 && ctx.sentOf[a - 1] === s && ctx.paraOf[a - 1] === ctx.paraOf[i]) a--;
  while (b + 1 < ctx.n && ctx.sentOf[b + 1] === s && ctx.paraOf[b + 1] === ctx.paraOf[i]) b++;
  return [a, b];
}

/** Content tokens [cs, ce] -> character span following PolNeAR's boundary conventions. */
function contentSpan(ctx: Ctx, cs: number, ce: number): Span | null {
  // a quote that starts inside the content ends it at its own end
  let e = ce;
  while (e >= cs) {
    const w = ctx.lw[e];
    if (TERMINAL.has(w) || w === ',' || w === ';' || w === ':' || w === '—' || w === '–' || w === '--' || w === '(') {
      e--;
      continue;
    }
    break;
  }
  if (e < cs) return null;
  // "... wraps.”": keep the period and the closing mark
  if (ctx.toks[e].kind === 'quote' && ctx.segOf[e] >= 0) {
    const seg = ctx.segs[ctx.segOf[e]];
    if (seg.closeTok === e) {
      // fine
    }
  }
  const segE = ctx.segOf[e];
  if (segE >= 0 && ctx.segs[segE].lastTok > e && ctx.segs[segE].lastPara === ctx.paraOf[e]) e = ctx.segs[segE].lastTok;
  let s = cs;
  while (s <= e && (LEADING_DISCOURSE.has(ctx.lw[s]) || ctx.lw[s] === ',')) s++;
  if (s > e) return null;
  return span(ctx, s, e);
}

/** Cut a content token range before a coordinated new cue ("... and stressed that", ", adding that", ", according to"). */
function cutAtNextCue(ctx: Ctx, cs: number, ce: number): number {
  for (let k = cs + 1; k <= ce; k++) {
    if (ctx.segOf[k] >= 0) continue;
    const w = ctx.lw[k];
    if (w === 'according' && ctx.lw[k + 1] === 'to' && ctx.lw[k - 1] === ',') return k - 2;
    const e = CUE_VERBS.get(w);
    if (!e) continue;
    const p = ctx.lw[k - 1];
    const pp = ctx.lw[k - 2];
    if (e.form === 'ing' && p === ',') return k - 2;
    if ((p === 'and' || p === 'but') && (e.form === 'past' || e.form === 's') && !e.classes.has('name') && (ctx.lw[k + 1] === 'that' || ctx.lw[k + 1] === ':')) {
      return pp === ',' ? k - 3 : k - 2;
    }
    if ((p === 'also') && (pp === 'and' || pp === 'but')) return k - 3;
  }
  return ce;
}

function indirectCue(ctx: Ctx, i: number, e: CueEntry): Found | null {
  const [a, b] = sentenceBounds(ctx, i);
  const ce0 = cueEnd(ctx, i, e);
  const isName = e.classes.has('name') && e.classes.size === 1;
  const isBelief = e.classes.has('belief') && !e.classes.has('speech');
  // a cue verb right after "to" ("refused to say", "wants to tell") or used as a noun ("the report")
  const prevW = i > a ? ctx.lw[i - 1] : '';
  if (prevW === 'to' || DETERMINERS.has(prevW) && !SPEAKER_PRONOUNS.has(prevW) || prevW === "'s" || prevW === '’s') return null;
  // a capitalised cue mid-sentence is a headline's ("..., Graham Says") or a name ("Hope", "Will")
  if (ctx.cap[i] && i > a && !(e.lemma === 'say' || e.lemma === 'tell' || e.lemma === 'warn' || e.lemma === 'claim')) return null;

  // speaker
  let speaker: Span | null = null;
  let speakerFirst = -1;
  let participle = false;
  let inverted = false;
  if (e.form === 'ing') {
    if (prevW !== ',' && prevW !== '—' && !(prevW === 'while' || prevW === 'by' || prevW === 'after' || prevW === 'before' || prevW === 'when' || prevW === 'also')) {
      // "..., at the same time saying that"
      let k = i - 1;
      while (k > a && k > i - 6 && (ADVERBIAL_WORDS.has(ctx.lw[k]) || DAY_WORDS.has(ctx.lw[k]) || DETERMINERS.has(ctx.lw[k]) || ctx.lw[k] === 'same')) k--;
      if (ctx.lw[k] !== ',' || k === i - 1) return null;
    }
    participle = true;
    speaker = mainSubject(ctx, a, i - 1);
  } else {
    const j = skipAuxLeft(ctx, i - 1, a);
    if (j >= a && PASSIVE_MARKERS.has(ctx.lw[i - 1]) && e.form === 'past') return null; // "was told", "is expected"
    if (j >= a && PASSIVE_MARKERS.has(ctx.lw[j + 1] ?? '') && e.form === 'past') return null;
    const sp = ctx.lw[j] === 'and' ? null : speakerBefore(ctx, i, a);
    if (sp) {
      speaker = sp.np;
      speakerFirst = sp.first;
    } else if (j >= a && ctx.lw[j] === 'and') {
      speaker = mainSubject(ctx, a, j);
      if (!speaker) return null;
    } else if (prevW === ',' || i === a) {
      inverted = true; // ", said Smith."
    } else {
      return null;
    }
  }

  // content after the cue
  let k = ce0 + 1;
  if (inverted) {
    const r = rightNP(ctx, k, b, false);
    if (!r) return null;
    const nx = ctx.lw[r.last + 1] ?? '.';
    if (!(r.last + 1 > b || TERMINAL.has(nx) || nx === ',' || nx === '(' || DAY_WORDS.has(nx))) return null;
    speaker = r.np;
    k = r.last + 1;
  } else if (e.classes.has('tell') && !e.classes.has('speech') || e.lemma === 'tell' || e.lemma === 'warn' || e.lemma === 'assure' || e.lemma === 'remind') {
    // "told reporters (on Tuesday) that"
    let m = k;
    while (m <= b && m < k + 6 && (TELL_OBJECTS.has(ctx.lw[m]) || ctx.cap[m] || ctx.lw[m] === "'s" || ctx.lw[m] === '’s' || ROLE_NOUNS.has(ctx.lw[m]))) m++;
    k = m;
  }
  // "said (on Tuesday / in a statement) that"
  let thatAt = -1;
  for (let m = k; m <= b && m < k + 14; m++) {
    const w = ctx.lw[m];
    if (ctx.segOf[m] >= 0 || TERMINAL.has(w) || w === ';') break;
    if (w === 'that' && ctx.segOf[m] < 0) {
      thatAt = m;
      break;
    }
    if (CUE_VERBS.has(w) && m > k) break;
  }
  let cs: number;
  if (thatAt >= 0 && (thatAt === k || allAdverbial(ctx, k, thatAt - 1))) {
    cs = thatAt;
  } else {
    while (k <= b && DAY_WORDS.has(ctx.lw[k])) k++;
    if ((ctx.lw[k] === 'in' || ctx.lw[k] === 'on' || ctx.lw[k] === 'at' || ctx.lw[k] === 'during') && k <= b) {
      for (let m = k + 1; m <= b && m < k + 8; m++) {
        if (ctx.lw[m] === ':') {
          k = m + 1;
          break;
        }
        if (ctx.lw[m] === ',') {
          k = m;
          break;
        }
        if (m === b && TERMINAL.has(ctx.lw[m])) {
          k = m;
          break;
        }
        if (ctx.segOf[m] >= 0 || TERMINAL.has(ctx.lw[m])) break;
      }
    }
    if (ctx.lw[k] === ':') k++;
    else if (ctx.lw[k] === ',' && !(k + 1 <= b && ctx.segOf[k + 1] >= 0)) k = b + 1; // "..., he said, and ..."
    else if (ctx.lw[k] === ',') k++;
    else {
      const pe = k <= b ? CUE_VERBS.get(ctx.lw[k]) : undefined;
      if (pe && pe.form === 'ing') k = b + 1; // "... McConnell said in June, citing ..."
    }
    cs = k;
  }
  const hasComplement = thatAt >= 0 && cs === thatAt || ctx.lw[ce0 + 1] === ':' || (cs <= b && ctx.segOf[cs] >= 0);
  // content before the cue: "..., the ministry said." / "..., said Peskov."
  const restEmpty = cs > b || TERMINAL.has(ctx.lw[cs]) || (ctx.lw[cs] === ',' && !participle);
  if (restEmpty || (inverted && !participle)) {
    if (participle || isName) return null;
    const first = inverted ? i : speakerFirst;
    if (first <= a) return null;
    const before = first - 1;
    const closing = ctx.segOf[before] >= 0 && ctx.segs[ctx.segOf[before]].lastTok === before;
    if (closing) {
      const seg = ctx.segs[ctx.segOf[before]];
      if (seg.closeTok < 0 || ctx.lw[seg.closeTok - 1] !== ',') return null;
      if (seg.openTok <= a) return null; // a direct quote: step 1's business
    } else if (ctx.lw[before] !== ',') {
      return null;
    }
    const c = contentSpan(ctx, a, closing ? before : before - 1);
    if (!c || first - 1 - a < 3) return null;
    return { start: c.start, end: c.end, kind: 'indirect', cue: span(ctx, i, ce0), speaker, via: null, cueTok: i, segs: [], para: ctx.paraOf[i] };
  }
  const toInf = ctx.lw[cs] === 'to' && e.classes.has('intent');
  const intentOnly = !e.classes.has('speech') && !e.classes.has('belief') && e.classes.has('intent');
  if (intentOnly && !toInf && !hasComplement) return null;
  if (NEEDS_COMPLEMENT.has(e.lemma) && !hasComplement && !toInf) return null;
  // "the state", "polls show", "his plans": forms that are also common nouns need a clear complement
  if (NOUN_LIKE.has(ctx.lw[i]) && !hasComplement && !toInf && !(speaker && (SPEAKER_PRONOUNS.has(ctx.lw[speakerFirst]) || ctx.cap[speakerFirst]))) return null;
  if (isName && (ctx.lw[ce0 + 1] === 'for' || ctx.lw[ce0 + 1] === 'on') && e.lemma === 'call' && cs === ce0 + 1) {
    // "called for an inquiry", "called on Congress to act"
    const end = cutAtNextCue(ctx, cs + 1, b);
    const c = contentSpan(ctx, cs + 1, end);
    if (!c) return null;
    return { start: c.start, end: c.end, kind: 'indirect', cue: span(ctx, i, ce0 + 1), speaker, via: null, cueTok: i, segs: [], para: ctx.paraOf[i] };
  }
  if (isName) {
    // "called it 'a disaster'": only with quotation marks in the clause
    let quoted = false;
    for (let m = cs; m <= b && m < cs + 8; m++) if (ctx.segOf[m] >= 0) quoted = true;
    if (!quoted) return null;
  }
  if (isBelief && !hasComplement && !toInf && !(e.lemma === 'think' || e.lemma === 'believe' || e.lemma === 'fear')) return null;
  if (e.classes.has('ask') && !e.classes.has('speech') && !hasComplement && ctx.lw[cs] !== 'to' && !['whether', 'if', 'why', 'what', 'how', 'who', 'when', 'where'].includes(ctx.lw[cs])) return null;
  const end = cutAtNextCue(ctx, cs, b);
  if (end - cs < 1) return null;
  const c = contentSpan(ctx, cs, end);
  if (!c) return null;
  return { start: c.start, end: c.end, kind: 'indirect', cue: span(ctx, i, ce0), speaker, via: null, cueTok: i, segs: [], para: ctx.paraOf[i] };
}

/** Tokens between a cue and its "that" are adverbials/objects ("on Tuesday", "in a statement", "reporters"), not a clause. */
function allAdverbial(ctx: Ctx, a: number, b: number): boolean {
  if (b - a > 12) return false;
  if (b + 1 < ctx.n && TERMINAL.has(ctx.lw[b + 2] ?? '.')) return false; // "... could change that."
  for (let k = a; k <= b; k++) {
    const w = ctx.lw[k];
    if (ctx.cap[k] || ctx.toks[k].kind === 'number' || w === ',' || w === "'s" || w === '’s') continue;
    if (ADVERBIAL_WORDS.has(w) || DAY_WORDS.has(w) || TELL_OBJECTS.has(w) || DETERMINERS.has(w) || ROLE_NOUNS.has(w) || NP_MODIFIERS.has(w)) continue;
    return false;
  }
  return true;
}

const ADVERBIAL_WORDS = new Set([
  'in', 'on', 'at', 'during', 'to', 'with', 'for', 'of', 'after', 'before', 'via', 'over', 'through', 'from', 'by',
  'statement', 'interview', 'interviews', 'news', 'conference', 'speech', 'letter', 'email', 'e-mail', 'tweet',
  'twitter', 'facebook', 'radio', 'television', 'tv', 'show', 'program', 'programme', 'rally', 'event', 'hearing',
  'briefing', 'call', 'phone', 'telephone', 'message', 'remarks', 'op-ed', 'blog', 'video', 'appearance', 'visit',
  'meeting', 'session', 'testimony', 'court', 'filing', 'documents', 'papers', 'emailed', 'written', 'televised',
  'recent', 'separate', 'joint', 'brief', 'exclusive', 'ago', 'days', 'weeks', 'months', 'years', 'time', 'times',
  'repeatedly', 'publicly', 'privately', 'again', 'often', 'also', 'even', 'later', 'earlier', 'now', 'previously',
]);

const EVIDENTIAL = new Set(['seem', 'seems', 'seemed', 'appear', 'appears', 'appeared']);

/** "X seems to ...", "It appears that ...", "X is expected to ...": an attributed judgement with no local source. */
function evidential(ctx: Ctx, i: number): Found | null {
  const [a, b] = sentenceBounds(ctx, i);
  const nx = ctx.lw[i + 1];
  if (nx === 'that' && ctx.lw[i - 1] === 'it') {
    const c = contentSpan(ctx, i + 1, cutAtNextCue(ctx, i + 1, b));
    return c ? { start: c.start, end: c.end, kind: 'indirect', cue: span(ctx, i, i), speaker: null, via: null, cueTok: i, segs: [], para: ctx.paraOf[i] } : null;
  }
  if (nx !== 'to') return null;
  const cs = clauseStart(ctx, i - 1, a);
  if (cs >= i - 1 && !(cs === i - 1 && isWord(ctx, cs))) return null;
  const c = contentSpan(ctx, cs, cutAtNextCue(ctx, i, b));
  return c ? { start: c.start, end: c.end, kind: 'indirect', cue: span(ctx, i, i), speaker: null, via: null, cueTok: i, segs: [], para: ctx.paraOf[i] } : null;
}

/** A title line "Warren: 'You should be investigated'" or "Poll: Clinton leads": speaker, colon, content. */
function headlineColon(ctx: Ctx): Found | null {
  let k = 0;
  while (k < ctx.n && ctx.paraOf[k] < 0) k++;
  if (k >= ctx.n) return null;
  const p = ctx.paraOf[k];
  let colon = -1;
  for (let j = k + 1; j < ctx.n && j <= k + 8 && ctx.paraOf[j] === p; j++) {
    if (ctx.lw[j] === ':') {
      colon = j;
      break;
    }
    if (!isWord(ctx, j) && ctx.lw[j] !== '.' && ctx.lw[j] !== "'s" && ctx.lw[j] !== '’s') return null;
  }
  if (colon < 0 || !ctx.cap[k] || colon + 1 >= ctx.n || ctx.paraOf[colon + 1] !== p) return null;
  let last = colon + 1;
  while (last + 1 < ctx.n && ctx.paraOf[last + 1] === p) last++;
  if (last - colon < 3) return null;
  const c = contentSpan(ctx, colon + 1, last);
  if (!c) return null;
  return { start: c.start, end: c.end, kind: ctx.segOf[colon + 1] >= 0 ? 'direct' : 'indirect', cue: span(ctx, colon, colon), speaker: span(ctx, k, colon - 1), via: null, cueTok: colon, segs: [], para: p };
}

function accordingTo(ctx: Ctx, i: number): Found | null {
  const [a, b] = sentenceBounds(ctx, i);
  const r = rightNP(ctx, i + 2, b, true);
  if (!r) return null;
  const cue = span(ctx, i, i + 1);
  let lead = a;
  while (lead < i && LEADING_DISCOURSE.has(ctx.lw[lead])) lead++;
  if (lead === i) {
    // "According to X, ..."
    let k = r.last + 1;
    if (ctx.lw[k] === ',') k++;
    if (k > b) return null;
    const end = cutAtNextCue(ctx, k, b);
    const c = contentSpan(ctx, k, end);
    if (!c) return null;
    return { start: c.start, end: c.end, kind: 'indirect', cue, speaker: r.np, via: null, cueTok: i, segs: [], para: ctx.paraOf[i] };
  }
  if (ctx.lw[i - 1] === ',' || r.last + 1 > b || TERMINAL.has(ctx.lw[r.last + 1])) {
    // "..., according to X."
    const c = contentSpan(ctx, a, i - 1);
    if (!c || i - a < 3) return null;
    return { start: c.start, end: c.end, kind: 'indirect', cue, speaker: r.np, via: null, cueTok: i, segs: [], para: ctx.paraOf[i] };
  }
  return null;
}

function refusal(ctx: Ctx, i: number): Found | null {
  let match: readonly string[] | null = null;
  for (const p of REFUSAL_PHRASES) {
    if (p[0] !== ctx.lw[i]) continue;
    let ok = true;
    for (let m = 1; m < p.length; m++) if (ctx.lw[i + m] !== p[m]) ok = false;
    if (ok && (!match || p.length > match.length)) match = p;
  }
  if (!match) return null;
  const [a, b] = sentenceBounds(ctx, i);
  const sp = speakerBefore(ctx, i, a);
  if (!sp) return null;
  const last = i + match.length - 1;
  let cueLast = last;
  let cs = last + 1;
  let ce = b;
  if (cs > b || TERMINAL.has(ctx.lw[cs]) || ctx.lw[cs] === ',' || ctx.lw[cs] === 'on' && match[match.length - 1] === 'comment') {
    // "declined to comment." -> cue "declined", content "to comment"
    const to = match.indexOf('to');
    if (to > 0) {
      cueLast = i + to - 1;
      cs = i + to;
    } else {
      cs = last;
      cueLast = last;
    }
  }
  // stop at a clause boundary
  for (let m = cs; m <= b; m++) {
    if (ctx.lw[m] === ',' && m > cs || ctx.lw[m] === ';') {
      ce = m - 1;
      break;
    }
  }
  const c = contentSpan(ctx, cs, ce);
  if (!c) return null;
  return { start: c.start, end: c.end, kind: 'refusal', cue: span(ctx, i, cueLast), speaker: sp.np, via: null, cueTok: i, segs: [], para: ctx.paraOf[i] };
}

/** A quoted phrase inside reported speech, attributed to the subject of the verb that introduces it. */
function nestedPartial(ctx: Ctx, outer: Found, s: number): Found | null {
  const seg = ctx.segs[s];
  if (seg.closeTok < 0 || seg.words > 12 || seg.start === outer.start) return null;
  const startTok = tokIndexAt(ctx, outer.start, seg.openTok);
  let verb = -1;
  for (let k = seg.openTok - 1; k > startTok; k--) {
    if (ctx.segOf[k] >= 0) break;
    const e = CUE_VERBS.get(ctx.lw[k]);
    // not the noun of the same form ("reflect demands for 'more listening'")
    if (e && e.classes.has('directive') && e.form !== 'base' && NOUN_POS[ctx.pos[k]] !== 1) {
      verb = k;
      break;
    }
  }
  if (verb < 0) return null;
  let k = startTok;
  if (ctx.lw[k] === 'that') k++;
  const r = rightNP(ctx, k, verb - 1, false);
  if (!r) return null;
  // the noun phrase is the verb's subject: nothing but auxiliaries between them, or the verb is
  // coordinated with the one right after it ("the general agreed to leave and ordered …")
  const coordinated = (ctx.lw[verb - 1] === 'and' || ctx.lw[verb - 1] === 'but') && VERB_CODE[ctx.pos[r.last + 1]] === 1;
  if (skipAuxLeft(ctx, verb - 1, k) !== r.last && !coordinated) return null;
  // the same speaker is not a nested source
  if (outer.speaker && r.np.start === outer.speaker.start) return null;
  return { start: seg.start, end: seg.end, kind: 'partial', cue: span(ctx, verb, verb), speaker: r.np, via: outer.speaker, cueTok: verb, segs: [s], para: seg.firstPara };
}

// ---------------------------------------------------------------------------------------------
// learned cues (./learned.ts)

/** 'hybrid' (default): model + rules; 'rules': the rules alone; 'ml': the model alone (diagnostics). */
const MODE = process.env.NEWSGRAPH_QUOTES_MODE ?? 'hybrid';
/** Content boundaries from the model ('ml') or the rules ('rule') when both fire. */
const KC: string = 'ml';
/** The rules' speaker when they find one (better NP spans), else the model's. */
const KS: string = 'rule';
/** A rule quote the model rejects survives only with a that-clause. */
const KK: string = 'that';


function ruleCue(ctx: Ctx, i: number, w: string): Found | null {
  let f: Found | null = null;
  if (w === 'according' && ctx.lw[i + 1] === 'to') f = accordingTo(ctx, i);
  else if (REFUSAL_FIRST.has(w)) f = refusal(ctx, i);
  else if (EVIDENTIAL.has(w) || (w === 'expected' && PASSIVE_MARKERS.has(ctx.lw[i - 1]) && ctx.lw[i + 1] === 'to')) f = evidential(ctx, i);
  if (!f) {
    const e = cueEntry(ctx, i);
    if (e) f = indirectCue(ctx, i, e);
  }
  return f;
}

/** Last token of a cue headed by token i ("according to", "pointed out"). */
export function cueEndTok(ctx: FeatCtx, i: number): number {
  if (ctx.lw[i] === 'according' && ctx.lw[i + 1] === 'to') return i + 1;
  if (ctx.lw[i + 1] === 'out' && ctx.lw[i].startsWith('point')) return i + 1;
  return i;
}

const feats: number[] = [];
/** Content never starts inside a phrase of place or time after the cue ("spoke ... at [the town hall]"). */
const SCENE_PREPOSITIONS = new Set(['at', 'during', 'near', 'inside', 'outside', 'throughout', 'amid']);

function learnedCue(ctx: Ctx, p: Prep, m: QuoteModel, i: number, hint: Hint): Found | null {
  cueFeatures(ctx, p, i, hint, feats);
  if (m.score(feats) <= m.cueBias) return null;
  const ce = cueEndTok(ctx, i);
  const a = Math.max(p.sa[i], i - WINDOW);
  const b = Math.min(p.sb[i], ce + WINDOW);
  const L = b - a + 1;
  const ss = new Float64Array(L).fill(-Infinity);
  const es = new Float64Array(L).fill(-Infinity);
  for (let k = a; k <= b; k++) {
    if (k >= i && k <= ce) continue;
    const kind = ctx.toks[k].kind;
    // a coordinator right after the cue: the verb has no complement of its own ("supported and joined")
    if (kind !== 'punct' && !(k === ce + 1 && (ctx.lw[k] === 'and' || ctx.lw[k] === 'or' || ctx.lw[k] === 'but')) && !addresseeTo(ctx, k) && !(k > ce + 1 && SCENE_PREPOSITIONS.has(ctx.lw[k - 1]))) {
      startFeatures(ctx, p, i, ce, k, hint, feats);
      ss[k - a] = m.score(feats);
    }
    if (kind !== 'punct' || ctx.lw[k] === '.' || ctx.lw[k] === '?' || ctx.lw[k] === '!') {
      endFeatures(ctx, p, i, ce, k, hint, feats);
      es[k - a] = m.score(feats);
    }
  }
  // best (s, e) with s <= e on one side of the cue: suffix maxima of the end scores
  let best = -Infinity;
  let bs = -1;
  let be = -1;
  for (const [lo, hi] of [[ce + 1, b], [a, i - 1]] as const) {
    let me = -Infinity;
    let mi = -1;
    for (let k = hi; k >= lo; k--) {
      if (es[k - a] > me) {
        me = es[k - a];
        mi = k;
      }
      if (mi >= 0 && ss[k - a] + me > best) {
        best = ss[k - a] + me;
        bs = k;
        be = mi;
      }
    }
  }
  if (bs < 0) return null;
  // a parenthetical cue ("To prevent that, he said, officials should act."): the content runs
  // from the sentence's left part across the cue to its right part, as one span
  const par = parentheticalCue(ctx, i, ce, a, b);
  if (par) {
    let ls = -1;
    let re = -1;
    for (let k = a; k < par[0]; k++) if (ss[k - a] > -Infinity && (ls < 0 || ss[k - a] > ss[ls - a])) ls = k;
    for (let k = par[1] + 1; k <= b; k++) if (es[k - a] > -Infinity && (re < 0 || es[k - a] > es[re - a])) re = k;
    if (ls >= 0 && re >= 0) {
      bs = ls;
      be = re;
    }
  }
  // "spoke to residents ...": the addressee is no content
  if (bs === ce + 2 && addresseeTo(ctx, ce + 1)) return null;
  if (bs > ce && SCENE_TRIM !== 'off') be = trimSceneAdjunct(ctx, bs, be);
  // speaker head
  let h = -1;
  speakerFeatures(ctx, p, i, ce, -1, hint, feats, bs, be);
  let hb = m.score(feats);
  for (let k = a; k <= b; k++) {
    if ((k >= i && k <= ce) || (k >= bs && k <= be)) continue;
    const kind = ctx.toks[k].kind;
    if ((kind !== 'word' && kind !== 'number') || !(speakerHeadCandidate(p, k) || k === hint.h1)) continue;
    speakerFeatures(ctx, p, i, ce, k, hint, feats, bs, be);
    const sc = m.score(feats);
    if (sc > hb) {
      hb = sc;
      h = k;
    }
  }
  let speaker: Span | null = null;
  if (h >= 0) {
    let lo = h < i ? a : ce + 1;
    if (be < h && be + 1 > lo) lo = be + 1;
    speaker = leftNP(ctx, h, lo) ?? span(ctx, h, h);
  }
  return { start: ctx.toks[bs].start, end: ctx.toks[be].end, kind: 'indirect', cue: span(ctx, i, ce), speaker, via: null, cueTok: i, segs: [], para: ctx.paraOf[i] };
}

const SCENE_TRIM: string = process.env.NEWSGRAPH_QUOTES_SCENE ?? 'on';
/** Prepositions that attach where and when the report was made to the cue verb ("criticized X [on Twitter]"). */
const SCENE_END_PREPOSITIONS = new Set(['on', 'in', 'during', 'since', 'at', 'before', 'after', 'via', 'through', 'over']);
/** Heads of such phrases: the medium or occasion of a statement, and times. */
const SCENE_NOUNS = new Set([
  'twitter', 'tweet', 'tweets', 'facebook', 'instagram', 'statement', 'statements', 'interview', 'interviews', 'remarks', 'website',
  'speech', 'speeches', 'debate', 'debates', 'forum', 'email', 'e-mail', 'emails', 'letter', 'video', 'ad', 'ads', 'appearance',
  'conference', 'briefing', 'rally', 'hearing', 'testimony', 'meeting', 'post', 'posts', 'blog', 'column', 'op-ed', 'podcast',
  'broadcast', 'show', 'program', 'programme', 'media', 'radio', 'television', 'tv', 'talks', 'summit', 'convention', 'address',
  'session', 'call', 'message', 'memo', 'filing', 'press', 'campaign', 'stop', 'event', 'visit', 'trip', 'tour', 'broadcasts',
  'january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december',
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'morning', 'afternoon', 'evening', 'night',
  'week', 'weekend', 'month', 'year', 'days', 'today', 'yesterday', 'tonight',
]);
const COMPLEMENTIZERS = new Set(['that', 'if', 'whether', 'how', 'why', 'what', 'when', 'where', 'who', 'which']);
const FINITE_TAGS = new Set(['VBD', 'VBZ', 'VBP', 'MD']);

/**
 * The content [bs, be] of a cue after it, without a trailing phrase of where or when the report was
 * made ("attacked Machado [in early-morning tweets]", "called for more investment [in a statement on
 * Thursday]"): such phrases belong to the cue verb. Only for content that is a phrase, not a clause
 * of its own ("that she would campaign in July" keeps its time).
 */
function trimSceneAdjunct(ctx: Ctx, bs: number, be: number): number {
  if (COMPLEMENTIZERS.has(ctx.lw[bs]) || ctx.segOf[bs] >= 0 || ctx.lw[bs - 1] === ':' || ctx.lw[bs - 2] === ':') return be;
  for (let k = bs + 1; k <= be; k++) {
    if (ctx.segOf[k] >= 0) continue;
    if (FINITE_TAGS.has(POS_TAGS[ctx.pos[k]])) return be;
    if (!SCENE_END_PREPOSITIONS.has(ctx.lw[k]) || k === bs) continue;
    if (be - k > 12) continue;
    let scene = false;
    let clause = false;
    for (let t = k + 1; t <= be; t++) {
      if (SCENE_NOUNS.has(ctx.lw[t])) scene = true;
      // a verb or a quotation in the phrase: more than where and when ("at an event held by …")
      if (VERB_CODE[ctx.pos[t]] === 1 || ctx.segOf[t] >= 0) clause = true;
    }
    if (!scene || clause) continue;
    let last = k - 1;
    while (last > bs && ctx.toks[last].kind === 'punct' && ctx.segOf[last] < 0) last--;
    return last;
  }
  return be;
}

/** Tags that make a token a verb: a clause of its own, not a speaker's name or an adverbial. */
const VERB_TAGS = new Set(['VB', 'VBD', 'VBG', 'VBN', 'VBP', 'VBZ', 'MD']);
const VERB_CODE = new Uint8Array(64);
POS_TAGS.forEach((t, i) => {
  if (VERB_TAGS.has(t)) VERB_CODE[i] = 1;
});
const NOUN_POS = new Uint8Array(64);
POS_TAGS.forEach((t, i) => {
  if (t === 'NN' || t === 'NNS' || t === 'NNP' || t === 'NNPS') NOUN_POS[i] = 1;
});
const SPEAKER_HEAD_POS = new Uint8Array(64);
const ADVERBIAL_START_POS = new Uint8Array(64);
const CLAUSE_OPENER_POS = new Uint8Array(64);
POS_TAGS.forEach((t, i) => {
  if (t === 'NN' || t === 'NNS' || t === 'NNP' || t === 'NNPS' || t === 'PRP') SPEAKER_HEAD_POS[i] = 1;
  if (t === 'IN' || t === 'TO' || t === 'RB' || t === 'RBR' || t === 'RP') ADVERBIAL_START_POS[i] = 1;
  if (t === 'IN' || t === 'CC' || t === 'WDT' || t === 'WP' || t === 'WRB' || t === 'TO') CLAUSE_OPENER_POS[i] = 1;
});
/** Longest speaker or adverbial stretch between a parenthetical cue and its commas. */
const PARENTHETICAL_SPAN = 10;

/**
 * `left part, <speaker> <cue> [adverbials], right part`: the commas around a cue that interrupts
 * its own content ("…, he said, …", "…, Chief Justice Roberts said, …", "…, according to X, …").
 * Returns the two commas' token indices, or null.
 */
function parentheticalCue(ctx: Ctx, i: number, ce: number, a: number, b: number): [number, number] | null {
  let cl = -1;
  for (let k = i - 1; k >= a && k >= i - PARENTHETICAL_SPAN; k--) {
    const w = ctx.lw[k];
    if (w === ',') {
      cl = k;
      break;
    }
    if (ctx.toks[k].kind === 'quote' || TERMINAL.has(w) || CLAUSE_PUNCT.has(w) || (VERB_CODE[ctx.pos[k]] && !AUXILIARIES.has(w))) return null;
  }
  if (cl < 0) return null;
  let cr = -1;
  for (let k = ce + 1; k <= b && k <= ce + PARENTHETICAL_SPAN; k++) {
    const w = ctx.lw[k];
    if (w === ',') {
      cr = k;
      break;
    }
    if (ctx.toks[k].kind === 'quote' || TERMINAL.has(w) || CLAUSE_PUNCT.has(w) || w === 'that' || VERB_CODE[ctx.pos[k]]) return null;
  }
  if (cr < 0) return null;
  // the speaker sits between the left comma and the cue ("…, he said, …"), and only an adverbial
  // follows the cue: a speaker after it ("…, said Brian Baker, a consultant, …") or an object
  // ("…, Mr. Schultz likened RT to the BBC, …") is no parenthesis
  let noun = false;
  for (let k = cl + 1; k < i; k++) {
    if (SPEAKER_HEAD_POS[ctx.pos[k]]) noun = true;
    // "…, but before officials had weighed in with …, …": a subordinate clause, not a speaker
    if (CLAUSE_OPENER_POS[ctx.pos[k]]) return null;
  }
  if (!noun || (cr > ce + 1 && !ADVERBIAL_START_POS[ctx.pos[ce + 1]])) return null;
  // both parts are clauses' worth of words, and the cue is not one of a list ("X, Y said, and Z")
  let left = 0;
  let right = 0;
  for (let k = a; k < cl; k++) if (ctx.toks[k].kind === 'word') left++;
  for (let k = cr + 1; k <= b; k++) if (ctx.toks[k].kind === 'word') right++;
  if (left < 3 || right < 3 || COORDINATORS.has(ctx.lw[cr + 1])) return null;
  return [cl, cr];
}

function tokAtStart(ctx: Ctx, ch: number, hint: number): number {
  let k = hint;
  while (k > 0 && ctx.toks[k].start > ch) k--;
  while (k < ctx.n && ctx.toks[k].end <= ch) k++;
  return k < ctx.n && ctx.toks[k].start === ch ? k : -1;
}

function tokAtEnd(ctx: Ctx, ch: number, hint: number): number {
  let k = hint;
  while (k > 0 && ctx.toks[k].start >= ch) k--;
  while (k < ctx.n && ctx.toks[k].end < ch) k++;
  return k < ctx.n && ctx.toks[k].end === ch ? k : -1;
}

/** The rules' reading of token i as stacked features for the learned models. */
function hintOf(ctx: Ctx, i: number, f: Found | null): Hint {
  if (!f) return NO_HINT;
  const fired = f.kind === 'refusal' ? 2 : f.kind === 'indirect' ? 1 : 3;
  return {
    fired,
    rs: tokAtStart(ctx, f.start, i),
    re: tokAtEnd(ctx, f.end, i),
    h0: f.speaker ? tokAtStart(ctx, f.speaker.start, i) : -1,
    h1: f.speaker ? tokAtEnd(ctx, f.speaker.end, i) : -1,
  };
}

/** For scripts/train-quotes.ts: the rules' hint for token i of a fresh context. */
export function ruleHint(ctx: Ctx, i: number): Hint {
  if (ctx.segOf[i] >= 0 || ctx.paraOf[i] < 0) return NO_HINT;
  return hintOf(ctx, i, ruleCue(ctx, i, ctx.lw[i]));
}

const NESTED: string = 'drop';
const COORDINATION: string = process.env.NEWSGRAPH_QUOTES_COORD ?? 'split';

/** Adverbs that may stand between a coordinating word and a second cue verb ("and then said"). */
const COORDINATED_ADVERBS = new Set(['also', 'even', 'then', 'later', 'again', 'further', 'still', 'openly', 'repeatedly', 'publicly', 'privately', 'previously', 'recently', 'instead', 'separately']);
/** Penn tags of a verb that can head a coordinated second report: past, present, -ing. */
const COORDINATED_VERB_TAGS = new Set(['VBD', 'VBZ', 'VBP', 'VBG']);

/**
 * Cue f lies inside the content of `outer` as a second report by the same subject, coordinated
 * with the first ("urged Republicans to …, and criticized the party's …", "…, even suggesting he
 * …", "… and said she would …"): the index of the last content token of `outer` before the
 * coordination, else -1. A cue with a subject of its own ("…, though she acknowledged") is not one.
 */
function coordinatedCue(ctx: Ctx, f: Found, outer: Found): number {
  if (!outer.cue || outer.cue.end > outer.start || outer.kind !== 'indirect' || f.cueTok < 0) return -1;
  const i = f.cueTok;
  if (!COORDINATED_VERB_TAGS.has(POS_TAGS[ctx.pos[i]])) return -1;
  let k = i - 1;
  while (k > 0 && COORDINATED_ADVERBS.has(ctx.lw[k])) k--;
  let last: number;
  if (ctx.lw[k] === 'and' || ctx.lw[k] === 'but') last = ctx.lw[k - 1] === ',' ? k - 2 : k - 1;
  else if (ctx.lw[k] === ',' && POS_TAGS[ctx.pos[i]] === 'VBG') last = k - 1;
  else return -1;
  if (last < 0 || ctx.toks[last].start <= outer.start || ctx.segOf[k] >= 0) return -1;
  // the first content keeps at least two words
  let words = 0;
  for (let t = last; t >= 0 && ctx.toks[t].start >= outer.start && words < 2; t--) if (isWord(ctx, t)) words++;
  return words >= 2 ? last : -1;
}

/** Remove from `found` the indirect/mixed quotes of `cands` whose cue lies inside another quote's content. */
function dropNested(ctx: Ctx, found: Found[], cands: Found[]): void {
  const spans = found.slice().sort((x, y) => x.start - y.start);
  const maxEnd = new Float64Array(spans.length);
  let m = -1;
  for (let j = 0; j < spans.length; j++) {
    m = Math.max(m, spans[j].end);
    maxEnd[j] = m;
  }
  const drop = new Set<Found>();
  for (const f of cands) {
    if (!f.cue || f.kind === 'direct' || f.kind === 'refusal') continue;
    if (f.start <= f.cue.start && f.cue.end <= f.end) continue;
    // last span starting at or before the cue
    let lo = 0;
    let hi = spans.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (spans[mid].start <= f.cue.start) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0 && maxEnd[lo - 1] >= f.cue.end) {
      // is it covered by some span other than f itself?
      let cover: Found | null = null;
      for (let j = lo - 1; j >= 0 && j >= lo - 50; j--) {
        const g = spans[j];
        if (g !== f && g.end >= f.cue.end && !drop.has(g)) {
          cover = g;
          break;
        }
      }
      if (!cover) continue;
      // a second report by the same subject ("urged X, and criticized Y", "…, comparing him to Z")
      // ends the first one's content and stands on its own
      const link = COORDINATION === 'split' ? coordinatedCue(ctx, f, cover) : -1;
      if (link >= 0) {
        cover.end = ctx.toks[link].end;
        if (!f.speaker) f.speaker = cover.speaker;
        continue;
      }
      drop.add(f);
    }
  }
  if (drop.size === 0) return;
  let w = 0;
  for (const f of found) if (!drop.has(f)) found[w++] = f;
  found.length = w;
  let w2 = 0;
  for (const f of cands) if (!drop.has(f)) cands[w2++] = f;
  cands.length = w2;
}

/** "to residents", "to the crowd", "to Smith": an addressee or goal, not a to-infinitive content. */
function addresseeTo(ctx: Ctx, k: number): boolean {
  if (ctx.lw[k] !== 'to' || k + 1 >= ctx.n) return false;
  const w = ctx.lw[k + 1];
  if (ctx.cap[k + 1] || DETERMINERS.has(w) || TELL_OBJECTS.has(w) || ROLE_NOUNS.has(w)) return true;
  return w.length > 3 && w.endsWith('s') && !w.endsWith('ss') && !w.endsWith('us');
}
/** Max tokens of attribution between two quotes of one paragraph that make one span. */
const CONT = 40;
/** Max tokens after a quote that ends a paragraph for the next paragraph's quote to continue it. */
const CONT2 = 12;

function cueDistance(f: Found): number {
  if (!f.cue) return Infinity;
  return f.cue.end <= f.start ? f.start - f.cue.end : f.cue.start >= f.end ? f.cue.start - f.end : 0;
}
