// The date grammar: a small recursive-descent matcher over tokens, driven by the tables in
// lexicon.ts. Each rule looks at tokens from an index and returns the longest expression it
// recognises with its TIMEX3 type and value; the caller keeps the longest candidate.

import type { TimexType } from '../../doc/doc.js';
import {
  addDays, addMonths, dayOfIsoWeek, easter, isValidDate, nthWeekday, quarterOf, toDayNumber, weekday, type YMD,
} from './calendar.js';
import {
  AGO_WORDS, AMBIGUOUS_MONTHS, BARE_PLURAL_UNITS, CLOCK_WORDS, DAY_OFFSETS, DECADE_WORDS, DEICTIC_PHRASES,
  ARTICLE_DURATION_CUES, DURATION_DETERMINERS, DURATION_FILLERS, NOT_FREQUENCY_NOUNS, DURATION_MODIFIERS, FREQUENCY_ADJECTIVES, FREQUENCY_WORDS, NOT_CLOCK_BEFORE, GUARDED_DEICTICS, HALF_UNIT, HOLIDAYS,
  MERIDIEMS, MONTH_CUES, MONTHS, NON_TEMPORAL_AFTER_ADJ, NOT_YEAR_AFTER, NOT_YEAR_BEFORE, NUMBER_WORDS, OCLOCK,
  ORDINALS, PARTS_OF_DAY, PERIOD_NOUNS, POINT_MODIFIERS, POSITION_MODIFIERS, QUANTITY_PHRASES,
  RELATIVE_DETERMINERS, SEASONS, SET_QUANTIFIERS, TIME_ZONES, UNIT_DURATION, UNIT_NEEDS_NUMBER, UNITS,
  VAGUE_QUANTITIES, WEEKDAY_ABBREVIATIONS, WEEKDAYS, YEAR_AGO_ADJECTIVES, type UnitLetter,
} from './lexicon.js';
import { PhraseTable, type DTok } from './phrases.js';
import { TenseFinder, type Tense } from './tense.js';
import { agoPoint, dayPoint, durationValue, formatPoint, pointDay, resolveSeason, shift, type Point } from './values.js';

// ---------- compiled tables (once) ----------
const DEICTIC = new PhraseTable(DEICTIC_PHRASES);
const DUR_MODS = new PhraseTable(DURATION_MODIFIERS);
const POINT_MODS = new PhraseTable(POINT_MODIFIERS);
const POS_MODS = new PhraseTable([...POSITION_MODIFIERS].map(([k, v]) => [k, v ?? ''] as const));
const REL_DETS = new PhraseTable(RELATIVE_DETERMINERS);
const DUR_DETS = new PhraseTable([...DURATION_DETERMINERS].map((k) => [k, true] as const));
const QUANTITIES = new PhraseTable(QUANTITY_PHRASES);
const AGO = new PhraseTable(AGO_WORDS);
const HOLIDAY = new PhraseTable(HOLIDAYS);
const YEAR_AGO = new PhraseTable([...YEAR_AGO_ADJECTIVES].map((k) => [k, true] as const));
/**
 * The words an expression can open with: the first token of every rule tried by parse() (the modifiers and each
 * rule of core()) is one of these, or starts with a digit, or holds a hyphen (see mayStart). Most tokens are none of
 * them, and parse() then returns at once. A rule that can open with another word must add it here.
 */
const START_WORDS: ReadonlySet<string> = new Set([
  ...DEICTIC.firstWords(), ...DUR_MODS.firstWords(), ...POINT_MODS.firstWords(), ...POS_MODS.firstWords(),
  ...REL_DETS.firstWords(), ...DUR_DETS.firstWords(), ...QUANTITIES.firstWords(), ...HOLIDAY.firstWords(),
  ...YEAR_AGO.firstWords(), ...DAY_OFFSETS.keys(), ...SET_QUANTIFIERS, ...VAGUE_QUANTITIES, ...NUMBER_WORDS.keys(),
  ...UNITS.keys(), ...MONTHS.keys(), ...ORDINALS.keys(), ...WEEKDAYS.keys(), ...[...WEEKDAYS.keys()].map((w) => `${w}s`),
  ...CLOCK_WORDS.keys(), ...DECADE_WORDS.keys(), ...FREQUENCY_WORDS.keys(), ...SEASONS.keys(),
  'the', 'that', 'this', 'last', 'next', 'recent', 'fiscal', 'comparable', 'corresponding', 'same', 'full', 'period',
  'early', 'late', 'mid', "'", 'year',
]);

/** Can an expression start at a token with this `b`? (false: no rule matches there) */
function mayStart(b: string): boolean {
  return digitFirst(b) || START_WORDS.has(b) || b.includes('-');
}

/** Does s start with an ASCII digit? Every pattern below that opens with \d needs one: cheaper to ask first. */
function digitFirst(s: string): boolean {
  const c = s.charCodeAt(0);
  return c >= 48 && c <= 57;
}
const NUMBER_PATTERN = /^\d+(?:\.\d+)?$/;
const FRACTION_PATTERN = /^(\d)\/(\d)$/;
/** "3pm", "10:30am", "10:30", "15h30" as one token. */
const CLOCK_PATTERN = /^(\d{1,2})(?::(\d\d))?(a\.?m\.?|p\.?m\.?)?$/;
/** "1990s", "80s", "'80s" */
const DECADE_PATTERN = /^(\d{2}|\d{4})'?s$/;
/** "9th", "21st" */
const ORDINAL_PATTERN = /^(\d{1,2})(?:st|nd|rd|th)$/;
/** "2024-12-09", "12/09/2024" */
const ISO_DATE_PATTERN = /^(\d{4})-(\d\d)-(\d\d)$/;
/** Words after "the year", "the day" that make it the period before or after the one in focus ("the year before"). */
const ADJACENT_WORDS: ReadonlyMap<string, number> = new Map([['before', -1], ['earlier', -1], ['after', 1], ['later', 1]]);
/** How many tokens after "the third straight day" a day it names may come ("... on Friday"). */
const DAY_AFTER_WINDOW = 8;
/** Possessives before "first day" ("his first day in office"); the timex opens with the ordinal. */
const POSSESSIVE_DETERMINERS: ReadonlySet<string> = new Set(['its', 'their', 'his', 'her', 'our', 'my', 'your', "'s"]);
/** Words between an ordinal and "day" ("the third straight day"). */
const ORDINAL_DAY_FILLERS: ReadonlySet<string> = new Set(['straight', 'consecutive', 'successive', 'full']);
const PRESENT_COPULAS: ReadonlySet<string> = new Set(['is', 'are', "'s", "'re"]);
const PAST_COPULAS: ReadonlySet<string> = new Set(['was', 'were']);
/** A value naming one calendar day. */
const FULL_DAY_PATTERN = /^(\d{4})-(\d\d)-(\d\d)$/;
const SLASH_DATE_PATTERN = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})$/;
/** How many sentences a quarter stays in focus for "a year ago", "the quarter". */
const FOCUS_SENTENCES = 1000;
/** Whether the quarter in focus is the latest named (true) or the first (the report's own quarter). */
const FOCUS_LATEST = false;
/** Prepositions before a bare month that make it an end point ahead. */
const DEADLINE_PREPOSITIONS: ReadonlySet<string> = new Set(['through', 'until', 'till', 'by']);
/** Determiners that count from the day in focus, not from the publication date ("the previous Friday"). */
const NARRATIVE_DETERMINERS: ReadonlySet<string> = new Set(['the previous', 'the preceding', 'the prior', 'the following', 'the next']);
/** Words of holiday names (a year after them is a year: "Christmas 1998"). */
const HOLIDAY_WORDS: ReadonlySet<string> = new Set([...HOLIDAYS.keys()].flatMap((k) => k.split(' ')).concat(['day', 'eve', 'year', 'war', 'ii', 'i']));
/** Modal verbs before "one day" (= some day ahead). */
const MODALS: ReadonlySet<string> = new Set(['will', 'would', 'could', 'may', 'might', 'can', 'should', 'shall', "'ll"]);
const CENTURY_PATTERN = /^(\d{1,2})(?:st|nd|rd|th)$/;
/** Adjectives between "a" and a generic "tomorrow" ("a brighter tomorrow", "a new today"). */
const GENERIC_DAY_ADJECTIVE = /^(?:[a-z]+(?:er|est)|new|bright|better|brave|different|free)$/;
/** Determiners before a weekday used as a modifier ("the Monday vote", "her Sunday morning collapse"). */
const EVENT_DETERMINERS: ReadonlySet<string> = new Set(['the', 'his', 'her', 'their', 'its', 'our', 'my', 'your']);
/** Words after "the Monday" that do not make it a modifier ("the Monday after the vote", "the Monday before"). */
const NOT_EVENT_NOUNS: ReadonlySet<string> = new Set([
  'after', 'before', 'of', 'in', 'at', 'on', 'and', 'or', 'that', 'when', 'following', 'prior', 'to', 'through', 'until', 'by',
]);
/** "fiscal-first quarter": an ordinal of a fiscal quarter written as one hyphenated token. */
const FISCAL_PREFIX = 'fiscal-';
/** Month counts of a reporting period longer than a quarter ("the nine months", "the first six months"). */
const MULTI_QUARTER_MONTHS: ReadonlySet<string> = new Set(['six', 'nine', 'twelve', '6', '9', '12']);

/** The longer of the best candidate so far and c (the earlier one on ties); c must end after token i. */
function longer(best: Cand | null, c: Cand | null, i: number): Cand | null {
  return c && c.end > i && (best === null || c.end > best.end) ? c : best;
}

export interface Cand {
  readonly end: number; // token index after the expression
  readonly type: TimexType;
  readonly value: string;
  readonly mod?: string;
  /** a quarter this expression names: later "a year earlier" compares with it */
  readonly quarter?: { y: number; q: number };
  /** an absolute day this expression names: later "the next day" counts from it */
  readonly ref?: YMD;
  /** how the candidate was built (rule name), for modifiers that only attach to some */
  readonly kind: string;
}

interface Num {
  readonly n: number | 'X';
  readonly end: number;
}

export interface GrammarContext {
  readonly toks: readonly DTok[];
  readonly anchor: YMD | null;
  /** sentence index of each token */
  readonly sentOf: Int32Array;
  /** first token index of each sentence */
  readonly sentStart: readonly number[];
  readonly sentEnd: readonly number[];
}

export class Grammar {
  private readonly toks: readonly DTok[];
  private readonly anchor: YMD | null;
  /** the quarter in focus (financial reports) and the sentence it was named in */
  focus: { y: number; q: number; sent: number } | null = null;
  /** the last absolute day named: the reference time for "the next day", "two days later" */
  ref: YMD | null = null;
  /** the last year named explicitly: the reference for "that year", "later that year" */
  refYear: number | null = null;
  /** the sentence the last year was named in */
  refYearSent = -1;
  refMonth: { y: number; m: number } | null = null;
  /** the last day named (yesterday included) and its sentence: the day of a bare clock time */
  day: YMD | null = null;
  daySent = -1;
  /** the last month-day date and where it ended: "April 24 and 25" */
  lastMonthDay: { y?: number; m: number; end: number } | null = null;
  /** the last full day named (its value) and the token after it: "Oct. 12, the day before ..." */
  lastDay: { value: string; end: number } | null = null;

  private readonly tenses: TenseFinder;

  constructor(private readonly ctx: GrammarContext) {
    this.toks = ctx.toks;
    this.anchor = ctx.anchor;
    this.tenses = new TenseFinder(ctx.toks, ctx.sentOf, ctx.sentStart, ctx.sentEnd);
  }

  // ---------- helpers ----------
  private b(i: number): string {
    return i >= 0 && i < this.toks.length ? this.toks[i].b : '';
  }

  private isThe(i: number): boolean {
    return this.b(i) === 'the';
  }

  /** The tense of the clause around the expression at token i (null: no verb evidence). */
  private tense(i: number): Tense | null {
    return this.tenses.at(i);
  }

  /** Does the clause around token i talk about the future? */
  private future(i: number): boolean {
    return this.tense(i) === 'FUTURE';
  }

  private refBase(): YMD | null {
    return this.ref ?? this.anchor;
  }

  private cand(end: number, type: TimexType, value: string, kind: string, extra: Partial<Cand> = {}): Cand {
    return { end, type, value, kind, ...extra };
  }

  // ---------- numbers ----------
  /** A cardinal at i: digits (with "1/2"), number words ("twenty-four", "two hundred"), or a vague quantity. */
  number(i: number, allowArticle = true): Num | null {
    const t = this.toks[i];
    if (!t) return null;
    const q = QUANTITIES.match(this.toks, i);
    if (q) return { n: q.value, end: q.end };
    if (t.digits || (digitFirst(t.b) && NUMBER_PATTERN.test(t.b))) {
      let n = Number(t.b.replace(/,/g, ''));
      if (!Number.isFinite(n)) return null;
      let end = i + 1;
      const f = this.toks[end] && FRACTION_PATTERN.exec(this.toks[end].b);
      if (f) {
        n += Number(f[1]) / Number(f[2]);
        end++;
      }
      return { n, end };
    }
    if (VAGUE_QUANTITIES.has(t.b)) return { n: 'X', end: i + 1 };
    if (!allowArticle && (t.b === 'a' || t.b === 'an')) return null;
    const w = this.wordNumber(i);
    if (w) {
      // "one and a half", "two and a half"
      if (this.b(w.end) === 'and' && this.b(w.end + 1) === 'a' && this.b(w.end + 2) === 'half' && typeof w.n === 'number') {
        return { n: w.n + 0.5, end: w.end + 3 };
      }
    }
    return w;
  }

  private wordNumber(i: number): Num | null {
    const t = this.toks[i];
    if (!t) return null;
    const parts = t.b.includes('-') ? t.b.split('-') : null;
    let n: number | undefined;
    if (parts && parts.length === 2) {
      const a = NUMBER_WORDS.get(parts[0]);
      const c = NUMBER_WORDS.get(parts[1]);
      if (a !== undefined && c !== undefined && a >= 20 && a < 100 && c < 10) n = a + c;
    } else {
      n = NUMBER_WORDS.get(t.b);
    }
    if (n === undefined) return null;
    let end = i + 1;
    // "twenty four", "two hundred", "a hundred"
    if (n >= 20 && n < 100 && n % 10 === 0) {
      const c = NUMBER_WORDS.get(this.b(end));
      if (c !== undefined && c >= 1 && c < 10 && this.b(end) !== 'a' && this.b(end) !== 'an') {
        n += c;
        end++;
      }
    }
    const mult = this.b(end);
    if ((mult === 'hundred' || mult === 'thousand') && n < 100) {
      n *= mult === 'hundred' ? 100 : 1000;
      end++;
    }
    return { n, end };
  }

  private unitAt(i: number): UnitLetter | undefined {
    return UNITS.get(this.b(i));
  }

  // ---------- rules ----------
  /** Every rule at i; the longest candidate wins (the first on ties). */
  parse(i: number): Cand | null {
    const t = this.toks[i];
    if (t === undefined || !mayStart(t.b)) return null;
    return longer(longer(longer(null, this.modified(i), i), this.positioned(i), i), this.core(i), i);
  }

  /** "nearly 10 years", "more than two hours", "around 7:15 p.m.", "about two years ago" */
  private modified(i: number): Cand | null {
    const dm = DUR_MODS.match(this.toks, i);
    const pm = POINT_MODS.match(this.toks, i);
    let best: Cand | null = null;
    for (const m of [dm, pm]) {
      if (!m) continue;
      const core = this.core(m.end);
      if (!core) continue;
      const numberLed = this.number(m.end) !== null || CLOCK_PATTERN.test(this.b(m.end));
      const w = this.toks[i].b;
      if ((w === 'over' || w === 'under' || w === 'some') && !numberLed) continue;
      const ok = m === dm ? core.type === 'DURATION' && numberLed
        : core.kind === 'ago' || core.kind === 'clock' || core.kind === 'monthday' || (core.type === 'DURATION' && numberLed);
      if (!ok) continue;
      const c = { ...core, mod: m.value };
      if (!best || c.end > best.end) best = c;
    }
    return best;
  }

  /** "early next year", "late November", "the end of 1994", "earlier this month", "the first half of 1990" */
  private positioned(i: number): Cand | null {
    const pm = POS_MODS.match(this.toks, i);
    if (!pm) return null;
    const core = this.core(pm.end);
    if (!core || core.type === 'DURATION' || core.type === 'SET') return null;
    if (core.kind === 'deictic' || core.kind === 'ago' || core.kind === 'year-ago') return null;
    const w = this.toks[i].b;
    // "earlier"/"later" only before deictic periods ("earlier this year", "later that day", "earlier Sunday")
    if ((w === 'earlier' || w === 'later') && !['relative', 'dayword', 'weekday', 'partofday'].includes(core.kind)) return null;
    const mod = pm.value;
    if (mod === 'H1' || mod === 'H2') {
      const y = /^(\d{4})$/.exec(core.value);
      if (!y && core.value !== 'XXXX') return null;
      return { ...core, value: `${y ? y[1] : 'XXXX'}-${mod}`, kind: 'half' };
    }
    return { ...core, mod: mod || core.mod };
  }

  /** The expression proper, without modifiers. */
  core(i: number): Cand | null {
    const t = this.toks[i];
    if (t === undefined || !mayStart(t.b)) return null;
    let best: Cand | null = null;
    best = longer(best, this.deictic(i), i);
    best = longer(best, this.dayWord(i), i);
    best = longer(best, this.relative(i), i);
    best = longer(best, this.duration(i), i);
    best = longer(best, this.monthDate(i), i);
    best = longer(best, this.dayMonth(i), i);
    best = longer(best, this.weekdayDate(i), i);
    best = longer(best, this.year(i), i);
    best = longer(best, this.quarter(i), i);
    best = longer(best, this.clock(i), i);
    best = longer(best, this.hyphenated(i), i);
    best = longer(best, this.decade(i), i);
    best = longer(best, this.holiday(i), i);
    best = longer(best, this.frequency(i), i);
    best = longer(best, this.season(i), i);
    best = longer(best, this.yearAgo(i), i);
    best = longer(best, this.isoDate(i), i);
    best = longer(best, this.coordinatedDay(i), i);
    best = longer(best, this.yearEnd(i), i);
    best = longer(best, this.ordinalDay(i), i);
    if (t.b === 'mid') {
      const pod = PARTS_OF_DAY.get(this.b(i + 1));
      if (pod) best = longer(best, this.midPartOfDay(i + 2, pod), i);
    }
    return best;
  }

  // ----- deictic words -----
  private deictic(i: number): Cand | null {
    const m = DEICTIC.match(this.toks, i);
    if (!m) return null;
    const key = this.key(i, m.end);
    const next = this.b(m.end);
    if (GUARDED_DEICTICS.has(key)) {
      if (key === 'earlier') {
        // "Earlier," / "said earlier." : an adverb; not "earlier than", not "an earlier version"
        const n = this.toks[m.end];
        if (n && !n.punct && next !== 'in' && next !== 'on' && next !== 'at') return null;
      } else if (key === 'current' || key === 'recent') {
        if (NON_TEMPORAL_AFTER_ADJ.has(next)) return null;
        if (key === 'current' && this.b(i - 1) === 'alternating') return null;
      }
    }
    return this.cand(m.end, m.value.type ?? 'DATE', m.value.value, 'deictic');
  }

  // ----- today, yesterday, tomorrow, tonight (+ part of day) -----
  private dayWord(i: number): Cand | null {
    const w = this.b(i);
    let off = DAY_OFFSETS.get(w);
    let end = i + 1;
    // "USA Today", "VOA Today": a capitalised day word right after a capitalised word inside a sentence is a name
    if (off !== undefined && this.toks[i].cap && this.inName(i)) return null;
    // "a brighter tomorrow": a noun for the time ahead, not the day after
    if ((w === 'tomorrow' || w === 'today') && (this.isArticle(i - 1) || (this.isArticle(i - 2) && GENERIC_DAY_ADJECTIVE.test(this.b(i - 1))))) {
      return this.cand(i + 1, 'DATE', w === 'today' ? 'PRESENT_REF' : 'FUTURE_REF', 'deictic');
    }
    if (off === undefined) {
      // "the day before yesterday", "the day after tomorrow"
      if (w === 'the' && this.b(i + 1) === 'day' && (this.b(i + 2) === 'before' || this.b(i + 2) === 'after')) {
        const base = DAY_OFFSETS.get(this.b(i + 3));
        if (base === undefined) return this.dayNextTo(i + 3, this.b(i + 2) === 'before' ? -1 : 1);
        if (base === 0) return null;
        off = base + (this.b(i + 2) === 'before' ? -1 : 1);
        end = i + 4;
      } else {
        return null;
      }
    }
    if (w === 'overnight') {
      return this.cand(end, 'TIME', formatPoint(dayPoint(this.anchor ? addDays(this.anchor, -1) : null)) + 'TNI', 'dayword');
    }
    const day = this.anchor ? addDays(this.anchor, off) : null;
    let value = formatPoint(dayPoint(day));
    let type: TimexType = 'DATE';
    const pod = PARTS_OF_DAY.get(this.b(end));
    if (pod && w !== 'tonight' && this.b(end) !== 'overnight') {
      value += `T${pod}`;
      type = 'TIME';
      end++;
    }
    return this.cand(end, type, value, 'dayword', day ? { ref: day } : {});
  }

  /**
   * "the day before last Tuesday", "the day after Christmas", "the day before Oct. 5": one expression (TimeML takes an
   * anchored "the day before yesterday" whole), the day next to the one named at j. Null unless j names a full day.
   */
  private dayNextTo(j: number, sign: number): Cand | null {
    let anchor: Cand | null = null;
    for (const c of [this.relative(j), this.weekdayDate(j), this.monthDate(j), this.dayMonth(j), this.holiday(j)]) anchor = longer(anchor, c, j);
    const v = anchor && anchor.type === 'DATE' ? FULL_DAY_PATTERN.exec(anchor.value) : null;
    if (!anchor || !v) return null;
    const day = addDays({ y: Number(v[1]), m: Number(v[2]), d: Number(v[3]) }, sign);
    return this.cand(anchor.end, 'DATE', formatPoint(dayPoint(day)), 'anchored', { ref: day });
  }

  // ----- this/last/next + unit, month, weekday, season, part of day -----
  private relative(i: number): Cand | null {
    const det = REL_DETS.match(this.toks, i);
    let j = det ? det.end : i;
    let d: number | 'ref' = det ? det.value : 0;
    const theOnly = !det && this.isThe(i);
    if (theOnly) j = i + 1;
    if (!det && !theOnly) return null;
    const w = this.b(j);
    const detKey = det ? this.key(i, det.end) : 'the';
    const yearAgoDet = detKey === 'the year-earlier' || detKey === 'the year-ago';
    const anaphoric = d === 'ref';
    const base = d === 'ref' ? this.refBase() : this.anchor;
    const baseDet = base;
    if (d === 'ref') d = detKey === 'the following' ? 1 : 0;
    // fiscal: "the current fiscal year", "this fiscal year"
    let k = j;
    if (w === 'fiscal') k++;
    const unit = this.unitAt(k);
    if (unit && this.toks[k].cap && (this.b(i - 1) === '"' || this.b(i - 1) === '``' || this.b(i - 1) === "'" || k > (this.ctx.sentStart[this.ctx.sentOf[k]] ?? 0) + 1)) return null;
    if (unit && !this.toks[k].b.endsWith('s')) {
      const end = k + 1;
      if (unit === 'Q' || this.b(k) === 'period') return null; // quarters have their own rule
      // "the week of March 6": the ISO week of that day; "the weekend of May 16": the weekend of its week
      if ((unit === 'W' || unit === 'WE') && this.b(end) === 'of' && (theOnly || detKey === 'that')) {
        const md = this.monthDate(end + 1);
        const v = md && FULL_DAY_PATTERN.exec(md.value);
        const day = v ? { y: Number(v[1]), m: Number(v[2]), d: Number(v[3]) } : null;
        if (md && day) return this.cand(md.end, 'DATE', formatPoint(unit === 'WE' ? { g: 'W', day, weekend: true } : { g: 'W', day }), 'relative');
      }
      if (theOnly) {
        const adjacent = this.adjacentPeriod(i, unit, end);
        if (adjacent) return adjacent;
        // "the year", "the week", "the weekend", "the decade"
        if (unit === 'Y') {
          if (this.b(end) === 'ended' || this.b(end) === 'ending' || this.b(end) === 'through' || this.b(end) === 'to') {
            return this.cand(end, 'DURATION', 'P1Y', 'relative');
          }
          const yr = this.spelledYear(end) ?? this.digitYear(end);
          if (yr) return this.cand(yr.end, 'DATE', String(yr.n), 'relative');
          return this.cand(end, 'DATE', formatPoint(shift(this.anchor, 'Y', 0)!), 'relative');
        }
        if (unit === 'WE') return this.cand(end, 'DATE', formatPoint(this.weekend(this.future(i))), 'relative');
        if (unit === 'D') {
          // "Oct. 12, the day before the plunge": an apposition to the day just named
          if (this.b(i - 1) === ',' && this.lastDay && this.lastDay.end === i - 1) return this.cand(end, 'DATE', this.lastDay.value, 'relative');
          // "later in the day", "earlier in the day": the day in focus
          const p1 = this.b(i - 1);
          const p2 = this.b(i - 2);
          if ((p1 === 'in' || p1 === 'during') && (p2 === 'later' || p2 === 'earlier' || p2 === 'early' || p2 === 'late')) {
            return this.cand(end, 'DATE', formatPoint(dayPoint(this.daySent >= this.ctx.sentOf[i] - 1 && this.day ? this.day : this.anchor)), 'relative');
          }
          return null;
        }
        if (unit === 'W' || unit === 'M') {
          if (this.b(end) === 'of') return null;
          return this.cand(end, 'DATE', formatPoint(shift(this.anchor, unit, 0)!), 'relative');
        }
        return null;
      }
      if (yearAgoDet) return null;
      if (unit === 'D' && d === 0 && detKey !== 'the same' && detKey !== 'that' && detKey !== 'that same' && detKey !== 'the very same') return null; // "this day" is rare and vague
      if ((unit === 'H' || unit === 'MIN' || unit === 'S') ) return null;
      if (detKey === 'the past' || detKey === 'past' || detKey === 'the last') {
        // "the past year" is a date (the year before), "the past decade" a duration
        if (unit === 'DE' || unit === 'C') return this.cand(end, 'DURATION', unit === 'DE' ? 'P10Y' : 'P100Y', 'relative');
        if (unit === 'WE') return this.cand(end, 'DATE', formatPoint(this.weekend(false)), 'relative');
      }
      if (unit === 'WE') return this.cand(end, 'DATE', formatPoint(shift(base, 'WE', d)!), 'relative');
      // "that year", "the following year", "the same month": from the last year/month named
      if (anaphoric && unit === 'Y' && this.refYear !== null) return this.cand(end, 'DATE', String(this.refYear + d), 'relative');
      if (anaphoric && unit === 'M' && this.refMonth) {
        const r = addMonths(this.refMonth.y, this.refMonth.m, d);
        return this.cand(end, 'DATE', formatPoint({ g: 'M', y: r.y, m: r.m }), 'relative');
      }
      const p = shift(base, unit, d);
      if (!p) return null;
      const day = pointDay(p);
      return this.cand(end, 'DATE', formatPoint(p), 'relative', day ? { ref: day } : {});
    }
    if (theOnly) {
      // "buy orders in the morning": the part of the day named or in focus in this or the sentence before
      const pod = PARTS_OF_DAY.get(w);
      const p1 = this.b(i - 1);
      if (pod && !w.endsWith('s') && (p1 === 'in' || p1 === 'during' || p1 === 'by') && this.b(j + 1) !== 'of' && this.day &&
        this.daySent >= (this.ctx.sentOf[i] ?? 0) - 1) {
        return this.cand(j + 1, 'TIME', formatPoint(dayPoint(this.day)) + `T${pod}`, 'partofday');
      }
      return null;
    }
    // "last April", "next May", "this September"
    const month = this.monthAt(j, true);
    const mday = month !== undefined ? this.dayNumAt(j + 1 + (this.b(j + 1) === '.' ? 1 : 0)) : null;
    if (month !== undefined && mday && typeof mday.n === 'number' && base && (d === -1 || d === 1)) {
      // "last Oct. 23": the nearest such day before (after) the anchor
      let y = base.y;
      const later = month > base.m || (month === base.m && mday.n > base.d);
      if (d === -1 && later) y--;
      if (d === 1 && !later) y++;
      if (!isValidDate(y, month, mday.n)) return null;
      return this.cand(mday.end, 'DATE', formatPoint(dayPoint({ y, m: month, d: mday.n })), 'monthday', { ref: { y, m: month, d: mday.n } });
    }
    if (month !== undefined) {
      if (!base) return this.cand(j + 1, 'DATE', formatPoint({ g: 'M', m: month }), 'relative');
      let y = base.y;
      if (d === -1) y = month < base.m ? base.y : base.y - 1;
      else if (d === 1) y = month > base.m ? base.y : base.y + 1;
      return this.cand(j + 1, 'DATE', formatPoint({ g: 'M', y, m: month }), 'relative');
    }
    // "last Friday", "next Tuesday", "this Sunday" (+ night); "the previous Friday" counts from the day in focus
    const wd = this.weekdayAt(j);
    const narrative = NARRATIVE_DETERMINERS.has(detKey);
    if (wd !== undefined) {
      let day: YMD | null = null;
      const base = narrative ? this.refBase() : baseDet;
      if (base) {
        const cur = weekday(base);
        let delta: number;
        if (d === -1) delta = -(((cur - wd) + 7) % 7 || 7);
        else if (d === 1) delta = ((wd - cur) + 7) % 7 || 7;
        else delta = wd - cur;
        day = addDays(base, delta);
      }
      return this.withPartOfDay(j + 1, day, wd, 'relative');
    }
    // "last summer", "this fall"
    const season = SEASONS.get(w);
    if (season) {
      return this.cand(j + 1, 'DATE', formatPoint(resolveSeason(this.anchor, season, d, this.future(i), detKey === 'this')), 'relative');
    }
    // "this morning", "last night"
    const pod = PARTS_OF_DAY.get(w);
    if (pod && narrative && d !== 0) {
      // "the next morning", "the previous evening": the day after/before the day in focus
      const ref = this.refBase();
      const day = ref ? addDays(ref, d) : null;
      return this.cand(j + 1, 'TIME', formatPoint(dayPoint(day)) + `T${pod}`, 'partofday');
    }
    if (pod && (detKey === 'this' || detKey === 'last' || detKey === 'that')) {
      let day = base;
      if (detKey === 'last' && base) day = pod === 'NI' || pod === 'EV' ? addDays(base, -1) : base;
      return this.cand(j + 1, 'TIME', formatPoint(dayPoint(day)) + `T${pod}`, 'partofday');
    }
    return null;
  }

  /**
   * "the year before", "the day after", "the week earlier" closing their clause: the period next to the one in focus
   * (the year just named in this sentence or the one before, else the last day named, else the publication date).
   * "the week before the vote" is a preposition with its object: not this rule.
   */
  private adjacentPeriod(i: number, unit: UnitLetter, end: number): Cand | null {
    const sign = ADJACENT_WORDS.get(this.b(end));
    const after = this.toks[end + 1];
    if (sign === undefined || (after !== undefined && !after.punct) || !(unit === 'D' || unit === 'W' || unit === 'M' || unit === 'Y')) return null;
    const sent = this.ctx.sentOf[i] ?? 0;
    if (unit === 'Y' && this.refYear !== null && this.refYearSent >= sent - 1) return this.cand(end + 1, 'DATE', String(this.refYear + sign), 'relative');
    const p = shift(this.refBase(), unit, sign);
    if (!p) return null;
    const day = pointDay(p);
    return this.cand(end + 1, 'DATE', formatPoint(p), 'relative', day ? { ref: day } : {});
  }

  /** The weekend nearest the anchor (the one just past unless the sentence looks ahead). */
  private weekend(future: boolean): Point {
    if (!this.anchor) return { g: 'W', weekend: true };
    const wd = weekday(this.anchor);
    const day = future || wd >= 5 ? this.anchor : addDays(this.anchor, -7);
    return { g: 'W', day, weekend: true };
  }

  // ----- durations, "N units ago", "the past N units", sets "every N units" -----
  private duration(i: number): Cand | null {
    let j = i;
    let hasDet = false;
    let set = false;
    if (SET_QUANTIFIERS.has(this.b(i))) {
      set = true;
      j = i + 1;
      if (this.b(j) === 'other') j++;
    } else {
      const det = DUR_DETS.match(this.toks, i);
      if (det) {
        hasDet = true;
        j = det.end;
      }
    }
    let num = this.number(j);
    let k = num ? num.end : j;
    if (num && (this.b(k) === 'to' || this.b(k) === 'or' || this.b(k) === '-') && !set) {
      const second = this.number(k + 1, false);
      if (second && this.unitAt(second.end)) k = second.end; // the range keeps its first number
    }
    if (num && DURATION_FILLERS.has(this.b(k)) && this.unitAt(k + 1)) k++; // "two more weeks"
    // "recent weeks", "recent months": a vague duration ("recent years" is PAST_REF, in the deictic table)
    if (!num && !set && this.b(j) === 'recent' && this.toks[j + 1]?.b.endsWith('s')) {
      num = { n: 'X', end: j + 1 };
      k = j + 1;
    }
    // "the first nine months" vs "the first quarter": an ordinal determiner needs a number
    const unit = this.unitAt(k);
    if (!unit) {
      // vague: "several years", "recent weeks", "the years"
      return null;
    }
    const unitTok = this.toks[k].b;
    const plural = unitTok.endsWith('s');
    // a capitalised unit inside a sentence is a name ("60 Minutes", "This Week")
    if (this.toks[k].cap && k > (this.ctx.sentStart[this.ctx.sentOf[k]] ?? 0) && k > i) return null;
    // "a second group", "a minute's silence" are not durations
    if ((unit === 'S' || unit === 'MIN') && num && (this.toks[j].b === 'a' || this.toks[j].b === 'an') && unit === 'S') return null;
    // "$5 a year", "four flights a week": a rate, not a duration
    if (num && num.end === j + 1 && (this.toks[j].b === 'a' || this.toks[j].b === 'an') && !hasDet && !set && !plural) {
      const prev = this.b(i - 1);
      const agoNext = AGO.match(this.toks, k + 1) ?? (this.b(k + 1) === 'or' && this.b(k + 2) === 'so' ? AGO.match(this.toks, k + 3) : null);
      if (!agoNext && !ARTICLE_DURATION_CUES.has(prev) && !(this.toks[k + 1]?.b === 'and' && this.b(k + 2) === 'a')) return null;
    }
    // "coming years", "the coming weeks", "the months ahead": an unspecified stretch ahead
    const vagueAhead = plural && !num && !set && (this.b(j - 1) === 'coming' || (this.key(i, j) === 'the' && this.b(k + 1) === 'ahead'));
    if (vagueAhead) num = { n: 'X', end: j };
    if (!num) {
      if (set) num = { n: 1, end: j };
      else if (hasDet && plural && (this.b(i) === 'those' || this.b(i) === 'these')) num = { n: 'X', end: j };
      else if (!hasDet && plural && BARE_PLURAL_UNITS.has(unitTok)) num = { n: 'X', end: j };
      else if (hasDet && !plural && ['another', 'a further', 'an additional', 'the entire', 'the whole', 'the full'].includes(this.key(i, j))) num = { n: 1, end: j };
      else return null;
      if (this.b(i) === 'the' && !plural) return null;
    }
    if (UNIT_NEEDS_NUMBER.has(unitTok) && !num) return null;
    if (unitTok === 'second' && typeof num.n === 'number' && num.end === k && this.toks[j].b !== 'a' && !this.toks[j].digits) {
      // "one second" fine, but "the second" is an ordinal (handled: no number) -> keep
    }
    if (unit === 'WE' && !set) return null;
    if (!plural && this.toks[j]?.digits && this.toks[j].b.length === 4) return null; // "the 1988 quarter"
    if (unit === 'Q' && plural && this.toks[j]?.b.includes('-')) return null;
    if (num.n === 1 && plural && !set && this.toks[j].b !== 'one') return null; // "a years" nonsense
    if (unit === 'Q' && !set && num.n !== 'X' && !hasDet && this.toks[j].b === 'a') return null; // "a quarter" of a pie
    if (unitTok === 'second' && j === k) return null;
    let end = k + 1;
    // "a minute and a half", "two hours and a half"
    let plusHalf = false;
    if (this.b(end) === 'and' && this.b(end + 1) === 'a' && this.b(end + 2) === 'half' && typeof num.n === 'number') {
      plusHalf = true;
      end += 3;
    }
    // "weeks or months", "recent weeks and months": a vague stretch named by two plural units is one expression,
    // with the value of the first (as "two to three weeks" keeps its first number)
    if (num.n === 'X' && plural && (this.b(end) === 'or' || this.b(end) === 'and')) {
      const second = this.toks[end + 1];
      if (second && this.unitAt(end + 1) && second.b.endsWith('s') && !second.cap) end += 2;
    }
    // "-old" ages: "24 years old"
    if (this.b(end) === 'old' || this.b(end) === 'of' && this.b(end + 1) === 'age') return null;
    const spec = UNIT_DURATION[unit];
    const n = plusHalf && typeof num.n === 'number' ? num.n + 0.5 : num.n;
    // "the first two quarters of 1990" is the first half of that year
    if (unit === 'Q' && n === 2 && hasDet && this.b(end) === 'of') {
      const which = this.key(i, j);
      const yr = this.digitYear(end + 1);
      if (yr && (which === 'the first' || which === 'the last' || which === 'the final')) {
        return this.cand(yr.end, 'DATE', `${yr.n}-H${which === 'the first' ? 1 : 2}`, 'half');
      }
    }
    if (set) {
      const v = durationValue(n, spec.letter, spec.time, spec.factor);
      return this.cand(end, 'SET', v, 'set');
    }
    // "Islam will one day be ...": "one day" after a modal means some day ahead
    if (unit === 'D' && !hasDet && this.toks[j].b === 'one' && end === j + 2 && MODALS.has(this.b(i - 1))) {
      return this.cand(end, 'DATE', 'FUTURE_REF', 'deictic');
    }
    // "two days ago", "a year earlier", "three weeks later", "a week or so ago"
    if (this.b(end) === 'or' && this.b(end + 1) === 'so' && AGO.match(this.toks, end + 2)) end += 2;
    const ago = AGO.match(this.toks, end);
    if (ago && !hasDet) {
      const info = ago.value;
      const agoKey = this.b(end);
      // "before"/"after" followed by a noun phrase is a preposition: "two days before the vote"
      const prepositional = (agoKey === 'before' || agoKey === 'back') && this.toks[ago.end] && !this.toks[ago.end].punct;
      const relativeLength = info.ref && !(unit === 'Y' || unit === 'Q' || unit === 'DE' || unit === 'C') && agoKey !== 'before';
      if (!prepositional && !relativeLength) {
      const yearAgo = unit === 'Y' && n === 1 && (agoKey === 'ago' || agoKey === 'earlier' || agoKey === 'before');
      if (yearAgo) {
        const f = this.focusQuarter(i);
        if (f) return this.cand(ago.end, 'DATE', formatPoint({ g: 'Q', y: f.y - 1, q: f.q }), 'ago');
      }
      // "three years later": years count from the year just named, in this sentence or (narrating on) the one before;
      // "a year earlier" only from one named in its own sentence: across sentences it compares with the present period
      // ("Some had predicted $4 a share, up from last year's $3.27. ... compared with earnings a year earlier")
      const yearUnit = unit === 'Y' || unit === 'DE' || unit === 'C';
      const sent = this.ctx.sentOf[i] ?? 0;
      const recentYear = info.ref && yearUnit && this.refYear !== null && this.refYearSent >= (info.sign > 0 ? sent - 1 : sent);
      const base = recentYear ? { y: this.refYear!, m: 1, d: 1 } : info.ref ? this.refBase() : this.anchor;
      if (n === 'X') {
        return this.cand(ago.end, 'DATE', info.sign < 0 ? 'PAST_REF' : 'FUTURE_REF', 'ago');
      }
      const p = agoPoint(base, unit === 'DE' || unit === 'C' ? 'Y' : unit, info.sign * n * (unit === 'DE' ? 10 : unit === 'C' ? 100 : 1));
      if (!p) return this.cand(ago.end, 'DATE', info.sign < 0 ? 'PAST_REF' : 'FUTURE_REF', 'ago');
      const day = pointDay(p);
      return this.cand(ago.end, 'DATE', formatPoint(p), 'ago', day ? { ref: day } : {});
      }
      if (relativeLength) {
        const half = typeof n === 'number' && n % 1 === 0.5 ? HALF_UNIT[unit] ?? '' : '';
        return this.cand(ago.end, 'DURATION', durationValue(n, spec.letter, spec.time, spec.factor, half), 'duration');
      }
    }
    // "the past year" style dates are in relative(); here: durations
    if (this.b(end) === 'ahead' && n === 'X') end++;
    const half = typeof n === 'number' && n % 1 === 0.5 ? HALF_UNIT[unit] ?? '' : '';
    if (n === 'X' && (unit === 'C' || unit === 'DE')) return this.cand(end, 'DURATION', unit === 'C' ? 'PXC' : 'PXDE', 'duration');
    // "two years or so", "two to three weeks": keep the first number
    if (this.b(end) === 'or' && this.b(end + 1) === 'so') end += 2;
    const v = durationValue(n, spec.letter, spec.time, spec.factor, half);
    return this.cand(end, 'DURATION', v, 'duration');
  }

  private focusQuarter(i: number): { y: number; q: number } | null {
    const f = this.focus;
    if (!f) return null;
    const s = this.ctx.sentOf[i] ?? 0;
    if (this.longerPeriodInSentence(i)) return null;
    return s - f.sent <= FOCUS_SENTENCES ? f : null;
  }

  /**
   * Does the sentence before token i compare a period longer than a quarter ("For the nine months, net rose ...
   * from ... a year earlier")? Then "a year earlier" is that year, not the quarter in focus.
   */
  private longerPeriodInSentence(i: number): boolean {
    const from = this.ctx.sentStart[this.ctx.sentOf[i]] ?? 0;
    let longer = false;
    for (let k = from; k < i; k++) {
      const w = this.toks[k].b;
      if (w.includes('quarter')) return false;
      if (w === 'months' && MULTI_QUARTER_MONTHS.has(this.b(k - 1))) longer = true;
      if (w === 'half' && ORDINALS.has(this.b(k - 1))) longer = true;
    }
    return longer;
  }

  // ----- months -----
  /** The month at i (with its period token), gated when the word is also a common word. */
  private monthAt(i: number, cued: boolean): number | undefined {
    const t = this.toks[i];
    if (!t) return undefined;
    const m = MONTHS.get(t.b);
    if (m === undefined) return undefined;
    if (!t.cap) return undefined;
    if (t.b.length <= 4 && t.w === t.b && t.b !== 'may' && t.b !== 'june' && t.b !== 'july') {
      // "Jan" without its period: only with a number after it
      if (!this.toks[i + 1]?.digits) return undefined;
    }
    if (!cued && AMBIGUOUS_MONTHS.has(t.b) && t.b === t.w && (t.b === 'may' || t.b === 'march')) {
      const prev = this.b(i - 1);
      const next = this.toks[i + 1];
      const nextIsNum = next !== undefined && (next.digits || ORDINAL_PATTERN.test(next.b));
      if (!nextIsNum && !MONTH_CUES.has(prev)) return undefined;
      if (!nextIsNum && (prev === 'and' || prev === 'or' || prev === 'to' || prev === 'that')) {
        // "May and June" is fine only next to another month
        if (MONTHS.get(this.b(i - 2)) === undefined && MONTHS.get(this.b(i + 2)) === undefined) return undefined;
      }
    }
    return m;
  }

  /** A day of the month at i: "9", "9th", "ninth". */
  private dayNumAt(i: number): Num | null {
    const t = this.toks[i];
    if (!t) return null;
    if (t.digits && t.b.length <= 2 && t.n >= 1 && t.n <= 31) return { n: t.n, end: i + 1 };
    const o = digitFirst(t.b) ? ORDINAL_PATTERN.exec(t.b) : null;
    if (o) {
      const n = Number(o[1]);
      return n >= 1 && n <= 31 ? { n, end: i + 1 } : null;
    }
    const ord = ORDINALS.get(t.b);
    if (ord !== undefined) return { n: ord, end: i + 1 };
    return null;
  }

  /** A year at i: four digits (or "'98" after an apostrophe), or spelled ("nineteen ninety-six"). */
  private digitYear(i: number): Num | null {
    const t = this.toks[i];
    if (!t) return null;
    if (t.digits && t.b.length === 4 && t.n >= 1000 && t.n <= 2199) return { n: t.n, end: i + 1 };
    return null;
  }

  private spelledYear(i: number): Num | null {
    const a = this.b(i);
    if (a === 'nineteen' || a === 'eighteen' || a === 'twenty') {
      const rest = this.wordNumber(i + 1);
      if (rest && typeof rest.n === 'number' && rest.n >= 10 && rest.n < 100) {
        return { n: (a === 'nineteen' ? 1900 : a === 'eighteen' ? 1800 : 2000) + rest.n, end: rest.end };
      }
    }
    if (a === 'two' && this.b(i + 1) === 'thousand') {
      let end = i + 2;
      let n = 2000;
      if (this.b(end) === 'and') end++;
      const rest = this.wordNumber(end);
      if (rest && typeof rest.n === 'number' && rest.n < 100 && this.b(end) !== 'a') {
        n += rest.n;
        end = rest.end;
      } else if (this.b(i + 2) === 'and') {
        end = i + 2;
      }
      return { n, end };
    }
    return null;
  }

  private yearAfter(i: number): Num | null {
    let j = i;
    if (this.b(j) === ',') j++;
    if (this.b(j) === 'of' && j === i) j++;
    return this.digitYear(j) ?? this.spelledYear(j);
  }

  /**
   * The year of a month (and day) written without one: the occurrence nearest the publication date that
   * fits the tense of its clause (a past verb: not after the anchor; a future one: not long before it).
   * Without tense evidence it leans to the past, as news reports what happened.
   */
  private resolveYear(m: number, d: number | null, tense: Tense | null): number | undefined {
    const a = this.anchor;
    if (!a) return undefined;
    if (d !== null) {
      const now = toDayNumber(a);
      const [lo, hi] = tense === 'FUTURE' ? [-45, 320] : tense === 'PAST' ? [-330, 3] : [-270, 75];
      for (const y of [a.y - 1, a.y, a.y + 1]) {
        if (!isValidDate(y, m, d)) continue;
        const diff = toDayNumber({ y, m, d }) - now;
        if (diff >= lo && diff < hi) return y;
      }
      return a.y;
    }
    const k = m - a.m;
    if (tense === 'FUTURE') return k >= -2 ? a.y : a.y + 1;
    // a past verb: the latest such month not after the anchor (the next month is still this year's: dating lags)
    if (tense === 'PAST') return k > 1 ? a.y - 1 : a.y;
    // no evidence: the latest one not far ahead ("in January" written in October is this January)
    return k > 3 ? a.y - 1 : a.y;
  }

  /** "December 9", "Dec. 9, 2024", "May 2018", "November", "June last year" */
  private monthDate(i: number): Cand | null {
    const m = this.monthAt(i, false);
    if (m === undefined) return null;
    let j = i + 1;
    const day = this.dayNumAt(j);
    if (day && typeof day.n === 'number' && !(this.toks[j].digits && this.toks[j].b.length === 4)) {
      const d = day.n;
      j = day.end;
      const yr = this.yearAfter(j);
      if (yr && typeof yr.n === 'number') {
        if (!isValidDate(yr.n, m, d)) return null;
        const ymd = { y: yr.n, m, d };
        return this.cand(yr.end, 'DATE', formatPoint(dayPoint(ymd)), 'monthday', { ref: ymd });
      }
      // "June 16 last year", "June 16th of last year"
      const rel = this.yearOffsetAfter(j);
      if (rel && this.anchor) {
        const ymd = { y: this.anchor.y + rel.n, m, d };
        if (!isValidDate(ymd.y, m, d)) return null;
        return this.cand(rel.end, 'DATE', formatPoint(dayPoint(ymd)), 'monthday', { ref: ymd });
      }
      const y = this.resolveYear(m, d, this.tense(i));
      const ymd = y !== undefined ? { y, m, d } : null;
      if (ymd && !isValidDate(ymd.y, m, d)) return null;
      return this.cand(j, 'DATE', formatPoint(ymd ? dayPoint(ymd) : { g: 'D', m, d }), 'monthday', ymd ? { ref: ymd } : {});
    }
    const yr = this.yearAfter(j);
    if (yr && typeof yr.n === 'number') return this.cand(yr.end, 'DATE', formatPoint({ g: 'M', y: yr.n, m }), 'month');
    // "June last year", "January this year", "June of last year"
    const rel = this.yearOffsetAfter(j);
    if (rel) {
      const y = this.anchor ? this.anchor.y + rel.n : undefined;
      return this.cand(rel.end, 'DATE', formatPoint({ g: 'M', y, m }), 'month');
    }
    // "through January", "by February": a deadline or an end point lies ahead
    const y = this.resolveYear(m, null, DEADLINE_PREPOSITIONS.has(this.b(i - 1)) ? 'FUTURE' : this.tense(i));
    return this.cand(j, 'DATE', formatPoint({ g: 'M', y, m }), 'month');
  }

  /** "last year", "of next year", "this year" after a month (and day): the year offset and the token after it. */
  private yearOffsetAfter(j: number): { n: number; end: number } | null {
    const k = this.b(j) === 'of' ? j + 1 : j;
    const rel = REL_DETS.match(this.toks, k);
    if (!rel || typeof rel.value !== 'number' || this.b(rel.end) !== 'year' || this.b(rel.end + 1) === "'s") return null;
    return { n: rel.value, end: rel.end + 1 };
  }

  /** "9 December 2024", "the 9th of December" */
  private dayMonth(i: number): Cand | null {
    let j = i;
    if (this.b(j) === 'the') j++;
    const day = this.dayNumAt(j);
    if (!day || typeof day.n !== 'number') return null;
    let k = day.end;
    if (this.b(k) === 'of') k++;
    else if (j !== i) return null;
    const m = this.monthAt(k, true);
    if (m === undefined) return null;
    const d = day.n;
    const yr = this.yearAfter(k + 1);
    const ymd = yr && typeof yr.n === 'number' ? { y: yr.n, m, d } : (() => {
      const y = this.resolveYear(m, d, this.tense(i));
      return y !== undefined ? { y, m, d } : null;
    })();
    if (ymd && !isValidDate(ymd.y, m, d)) return null;
    const end = yr ? yr.end : k + 1;
    return this.cand(end, 'DATE', formatPoint(ymd ? dayPoint(ymd) : { g: 'D', m, d }), 'monthday', ymd ? { ref: ymd } : {});
  }

  private weekdayAt(i: number): number | undefined {
    const t = this.toks[i];
    if (!t) return undefined;
    const wd = WEEKDAYS.get(t.b);
    if (wd === undefined) return undefined;
    if (WEEKDAY_ABBREVIATIONS.has(t.b) && (t.w === t.b || !t.cap)) return undefined; // "sat", "wed", "sun" are words
    if (!t.cap && t.b !== t.w) return undefined;
    return wd;
  }

  /** "Tuesday", "Friday, Oct. 23", "Wednesday night", "Tuesdays" (a set) */
  private weekdayDate(i: number): Cand | null {
    const t = this.toks[i];
    if (!t) return null;
    // plural weekdays: a set ("on Tuesdays", "Tuesday nights" handled below)
    if (t.cap && t.b.endsWith('s') && WEEKDAYS.has(t.b.slice(0, -1)) && t.b.length > 5) {
      const wd = WEEKDAYS.get(t.b.slice(0, -1))!;
      return this.cand(i + 1, 'SET', `XXXX-WXX-${wd}`, 'set');
    }
    const wd = this.weekdayAt(i);
    if (wd === undefined) return null;
    let j = i + 1;
    if (this.b(j) === ',') j++;
    const md = this.monthDate(j) ?? this.dayMonth(j);
    if (md && md.kind === 'monthday') return this.weekdayYear(md, j, wd);
    let day: YMD | null = null;
    if (this.anchor) {
      const cur = weekday(this.anchor);
      let delta = wd - cur;
      // the tense of the clause: future ahead; present (a schedule, or a state after the event) the nearest such day;
      // past or no verb behind. "Wednesday's ruling" names an event already reported: past whatever the clause says.
      const t = this.namesEvent(i) && !this.tenses.willFuture(i) ? 'PAST' : this.tense(i);
      if (t === 'FUTURE') {
        if (delta < 0) delta += 7;
      } else if (t === 'PRESENT') {
        if (delta > 3) delta -= 7;
        else if (delta < -3) delta += 7;
      } else if (delta > 0) {
        delta -= 7;
      }
      day = addDays(this.anchor, delta);
    }
    // "Tuesday nights": a set; "Monday and Tuesday nights": both are
    const pod = PARTS_OF_DAY.get(this.b(i + 1));
    if (pod && this.b(i + 1).endsWith('s')) return this.cand(i + 2, 'SET', `XXXX-WXX-${wd}T${pod}`, 'set');
    const link = this.b(i + 1);
    const pairPod = PARTS_OF_DAY.get(this.b(i + 3));
    if ((link === 'and' || link === 'or') && this.weekdayAt(i + 2) !== undefined && pairPod && this.b(i + 3).endsWith('s')) {
      return this.cand(i + 1, 'SET', `XXXX-WXX-${wd}T${pairPod}`, 'set');
    }
    return this.withPartOfDay(i + 1, day, wd, 'weekday');
  }

  /**
   * "Tuesday, Oct. 24" written without a year: the weekday tells which year, the one (of the three around the publication
   * date) in which that day falls on it, nearest the publication date; the tense's guess otherwise.
   */
  private weekdayYear(md: Cand, from: number, wd: number): Cand {
    const v = FULL_DAY_PATTERN.exec(md.value);
    const a = this.anchor;
    if (!v || !a) return md;
    for (let k = from; k < md.end; k++) if (this.digitYear(k)) return md; // the year is written
    const m = Number(v[2]);
    const d = Number(v[3]);
    if (weekday({ y: Number(v[1]), m, d }) === wd) return md;
    const now = toDayNumber(a);
    let best: YMD | null = null;
    for (const y of [a.y - 1, a.y, a.y + 1]) {
      if (!isValidDate(y, m, d) || weekday({ y, m, d }) !== wd) continue;
      if (!best || Math.abs(toDayNumber({ y, m, d }) - now) < Math.abs(toDayNumber(best) - now)) best = { y, m, d };
    }
    return best ? { ...md, value: formatPoint(dayPoint(best)), ref: best } : md;
  }

  /**
   * Does the weekday at i name an event ("Wednesday's ruling", "Monday night's debate", "her Sunday morning
   * collapse")? News names events already reported: past-leaning unless "will" governs the clause
   * ("Monday's debate will be his first"; but "would fight Wednesday's ruling" is past).
   */
  private namesEvent(i: number): boolean {
    const after = PARTS_OF_DAY.has(this.b(i + 1)) ? i + 2 : i + 1;
    if (this.b(after) === "'s") return true;
    const next = this.toks[after];
    return EVENT_DETERMINERS.has(this.b(i - 1)) && next !== undefined && !next.punct && !next.cap && /^[a-z]+$/.test(next.b) &&
      !NOT_EVENT_NOUNS.has(next.b);
  }

  private withPartOfDay(j: number, day: YMD | null, wd: number, kind: string): Cand {
    const pod = PARTS_OF_DAY.get(this.b(j));
    const base = day ? formatPoint(dayPoint(day)) : `XXXX-WXX-${wd}`;
    if (pod && !this.b(j).endsWith('s')) return this.cand(j + 1, 'TIME', `${base}T${pod}`, kind, day ? { ref: day } : {});
    return this.cand(j, 'DATE', base, kind, day ? { ref: day } : {});
  }

  /** "2014", "fiscal 1989", "nineteen ninety-six" */
  private year(i: number): Cand | null {
    let j = i;
    const fiscal = this.b(i) === 'fiscal';
    if (fiscal) {
      j++;
      if (this.b(j) === 'year') j++;
    }
    const t = this.toks[j];
    if (!t) return null;
    let yr = this.digitYear(j);
    if (yr) {
      if (t.w.includes(',')) return null;
      const prev = this.toks[i - 1];
      const next = this.toks[yr.end];
      if (!fiscal) {
        if (prev && (NOT_YEAR_BEFORE.has(prev.w) || NOT_YEAR_BEFORE.has(prev.b))) return null;
        if (prev && prev.end === t.start && (prev.b === '$' || prev.b === '-' || prev.b === '.' || prev.b === '/')) return null;
        if (next && NOT_YEAR_AFTER.has(next.b)) return null;
        if (next && next.start === t.end && (next.b === '%' || next.b === '-')) return null;
        if (t.n < 1200 || t.n > 2100) return null;
        if (prev && this.nameBeforeYear(i, yr.end)) return null;
      }
    } else if (!fiscal) {
      yr = this.spelledYear(j);
      if (!yr) return null;
      // "twenty five" alone is a number, not a year
      if (this.b(j) !== 'nineteen' && this.b(j) !== 'eighteen' && this.b(i - 1) !== 'year' && this.b(i - 1) !== 'in') return null;
    } else {
      return null;
    }
    if (typeof yr.n !== 'number') return null;
    return this.cand(yr.end, 'DATE', String(yr.n), 'year');
  }

  /** "Orion 1980", "Kopp's 1987 Chevrolet": a number naming a model or a product, not a year. */
  private nameBeforeYear(i: number, end: number): boolean {
    const prev = this.toks[i - 1];
    const sentFirst = this.ctx.sentStart[this.ctx.sentOf[i]] ?? 0;
    const next = this.toks[end];
    // a possessive and a capitalised noun after: a model year
    if (prev.b === "'s" && next && next.cap && !next.punct && !MONTHS.has(next.b)) return true;
    // right after a capitalised name inside the sentence (not a month, weekday, season, holiday or "Fiscal")
    if (!prev.cap || i - 1 <= sentFirst || prev.punct) return false;
    if (MONTHS.has(prev.b) || WEEKDAYS.has(prev.b) || SEASONS.has(prev.b) || HOLIDAY_WORDS.has(prev.b)) return false;
    return prev.end < this.toks[i].start && /^[a-z]/.test(prev.b) && prev.b.length > 1 && !prev.b.includes('.');
  }

  /**
   * Quarters and halves: "the third quarter", "third-quarter", "the fourth quarter of 1990", "the 1988 third quarter",
   * "the quarter ended Sept. 30", "the latest quarter", "the year-ago quarter", "the first half of 1990".
   * Financial news compares with the quarter it reports on: bare "the quarter" and "a year earlier" use that focus.
   */
  private quarter(i: number): Cand | null {
    const a = this.anchor;
    let j = i;
    let explicitYear: number | undefined;
    let yearShift: number | null = null; // "this year's", "last year's"
    let qShift = 0; // "last quarter", "next quarter"
    let yearAgo = false; // "the year-ago quarter", "the quarter a year earlier"
    let useFocus = false;
    let current = false;
    const w0 = this.b(i);
    const relm = REL_DETS.match(this.toks, i);
    const relKey = relm ? this.key(i, relm.end) : '';
    if ((w0 === 'this' || w0 === 'last' || w0 === 'next') && this.b(i + 1) === 'year' && this.b(i + 2) === "'s") {
      yearShift = w0 === 'this' ? 0 : w0 === 'last' ? -1 : 1;
      j = i + 3;
    } else if (relm && typeof relm.value === 'number') {
      j = relm.end;
      if (relKey === 'the year-earlier' || relKey === 'the year-ago') yearAgo = true;
      else if (relKey === 'the latest' || relKey === 'the most recent') useFocus = true;
      else if (relKey === 'this') useFocus = true;
      else if (relKey === 'current' || relKey === 'the current') current = true;
      else qShift = relm.value;
    } else if (w0 === 'the' || w0 === 'that') {
      j = i + 1;
    }
    const yr = this.digitYear(j);
    if (yr && typeof yr.n === 'number') {
      explicitYear = yr.n;
      j = yr.end;
    }
    if (this.b(j) === 'comparable' || this.b(j) === 'corresponding' || this.b(j) === 'same' || this.b(j) === 'full') j++;
    const ya = this.b(j).startsWith('last') ? null : YEAR_AGO.match(this.toks, j);
    if (ya) {
      yearAgo = true;
      j = ya.end;
    }
    if (this.b(j) === 'fiscal') j++;
    const tok = this.toks[j];
    if (!tok) return null;
    let q: number | undefined;
    let half = false;
    let end: number;
    const parts = tok.b.includes('-') ? tok.b.split('-') : null;
    const hyphenOrd = parts !== null && parts.length === 2 ? ORDINALS.get(parts[0]) : undefined;
    if (parts !== null && hyphenOrd !== undefined && (parts[1] === 'quarter' || parts[1] === 'half')) {
      // "third-quarter" is an adjective: the timex is the token alone, without "a"/"the" before it
      if (j > i && explicitYear === undefined && !yearAgo && yearShift === null) return null;
      q = hyphenOrd;
      half = parts[1] === 'half';
      end = j + 1;
    } else {
      // "the fiscal-first quarter" is "the fiscal first quarter" written with a hyphen
      let ord = ORDINALS.get(tok.b.startsWith(FISCAL_PREFIX) ? tok.b.slice(FISCAL_PREFIX.length) : tok.b);
      const u = this.b(j + 1);
      if (ord === undefined && tok.b === 'last' && i !== j && (u === 'quarter' || u === 'half')) ord = u === 'half' ? 2 : 4;
      if (ord !== undefined) {
        if (u === 'quarters' && i === j) return this.cand(j + 2, 'SET', `XXXX-Q${ord}`, 'set');
        // "in the second and fourth quarters": the first ordinal of a pair is a quarter of the same set
        if ((u === 'and' || u === 'or') && i === j && ORDINALS.has(this.b(j + 2)) && this.b(j + 3) === 'quarters' &&
          !(this.b(j + 4) === 'of' && this.digitYear(j + 5))) {
          return this.cand(j + 1, 'SET', `XXXX-Q${ord}`, 'set');
        }
        if (u !== 'quarter' && u !== 'half') return null;
        q = ord;
        half = u === 'half';
        if (half && i === j) return null; // "first half" needs its determiner
        end = j + 2;
      } else if (tok.b === 'quarter' || tok.b === 'period') {
        if (i === j) return null; // bare "quarter": a coin, a fraction, a neighbourhood
        end = j + 1;
        if (!yearAgo && qShift === 0 && !current && yearShift === null && explicitYear === undefined) useFocus = true;
        if (tok.b === 'period' && !yearAgo && !useFocus && explicitYear === undefined && yearShift === null) return null;
        if (tok.b === 'period' && w0 !== 'the' && !relm) return null;
        // "the period" refers back to a quarter already named; without one it is not a reporting period
        if (tok.b === 'period' && !relm && !this.focus && !yearAgo && explicitYear === undefined && yearShift === null) return null;
        // "the period of time when voters decide", "the quarter of the vote": not a reporting period
        if (this.b(end) === 'of' && !this.digitYear(end + 1)) return null;
      } else {
        return null;
      }
    }
    if (half && (q === undefined || q > 2)) return null;
    // trailing year or comparison: "of 1990", "1990", "of last year", "a year ago", "last year"
    const after = this.b(end) === 'of' ? this.digitYear(end + 1) : this.b(end) === ',' ? null : this.digitYear(end);
    if (after && typeof after.n === 'number') {
      explicitYear = after.n;
      end = after.end;
    } else if (this.b(end) === 'of' && this.yearOffsetAfter(end)) {
      // "of last year", "of next year", "of this year"
      const rel = this.yearOffsetAfter(end)!;
      yearShift = rel.n;
      end = rel.end;
    } else if (q === undefined) {
      const ya2 = YEAR_AGO.match(this.toks, end);
      if (ya2 && this.b(end) !== 'year-ago' && this.b(end) !== 'year-earlier') {
        yearAgo = true;
        end = ya2.end;
      }
    }
    // "the quarter ended Sept. 30": the quarter that date closes
    let endedDay: YMD | null = null;
    if (q === undefined && (this.b(end) === 'ended' || this.b(end) === 'ending')) {
      const md = this.monthDate(end + 1);
      const mdv = md && /^(\d{4})-(\d\d)-(\d\d)$/.exec(md.value);
      if (mdv) endedDay = { y: Number(mdv[1]), m: Number(mdv[2]), d: Number(mdv[3]) };
    }
    if (half) {
      let y = explicitYear;
      if (y === undefined && a) y = yearShift !== null ? a.y + yearShift : q! <= (a.m <= 6 ? 1 : 2) ? a.y : a.y - 1;
      return this.cand(end, 'DATE', `${y === undefined ? 'XXXX' : y}-H${q}`, 'half');
    }
    const f = this.focus;
    if (q !== undefined) {
      let y = explicitYear;
      if (y === undefined && a) {
        const aq = quarterOf(a.m);
        if (yearShift !== null) y = a.y + yearShift;
        else if (yearAgo) y = (f ? f.y : q <= aq ? a.y : a.y - 1) - 1;
        else y = q <= aq ? a.y : a.y - 1; // quarters in news are reported results: past-leaning
      }
      if (y === undefined) return this.cand(end, 'DATE', `XXXX-Q${q}`, 'quarter');
      const focusable = !yearAgo && (!a || Math.abs(a.y - y) <= 1);
      return this.cand(end, 'DATE', `${y}-Q${q}`, 'quarter', focusable ? { quarter: { y, q } } : {});
    }
    // no ordinal: "the quarter", "the latest period", "this quarter", "last quarter", "the year-ago quarter"
    if (endedDay) {
      // the calendar quarter holding most of the three months that end that day ("ended July 31": May-July, Q2)
      const mid = addDays(endedDay, -45);
      const base = { y: mid.y, q: quarterOf(mid.m) };
      return this.cand(end, 'DATE', `${base.y}-Q${base.q}`, 'quarter', { quarter: base });
    }
    if (!a && !f) return this.cand(end, 'DATE', 'XXXX-QX', 'quarter');
    const anchorQ = a ? { y: a.y, q: quarterOf(a.m) } : f!;
    let base: { y: number; q: number };
    if (current) base = anchorQ;
    else if (qShift !== 0) base = this.shiftQ(anchorQ, qShift);
    else base = f ?? this.shiftQ(anchorQ, -1); // the latest reported quarter
    if (yearShift !== null && a) base = { y: a.y + yearShift, q: base.q };
    if (yearAgo) base = this.shiftQ(base, -4);
    if (explicitYear !== undefined) {
      if (tok.b === 'period' && !f) return this.cand(end, 'DATE', String(explicitYear), 'year');
      base = { y: explicitYear, q: base.q };
    }
    return this.cand(end, 'DATE', `${base.y}-Q${base.q}`, 'quarter', yearAgo || explicitYear !== undefined ? {} : { quarter: base });
  }

  private key(from: number, to: number): string {
    let s = this.toks[from].b;
    for (let k = from + 1; k < to; k++) s += ' ' + this.toks[k].b;
    return s;
  }

  private shiftQ(x: { y: number; q: number }, n: number): { y: number; q: number } {
    const idx = x.y * 4 + x.q - 1 + n;
    return { y: Math.floor(idx / 4), q: (idx % 4) + 1 };
  }

  /** "year-ago", "year-earlier" as adjectives: the year before the period in focus */
  private yearAgo(i: number): Cand | null {
    const t = this.toks[i];
    if (!t || (t.b !== 'year-ago' && t.b !== 'year-earlier' && t.b !== 'prior-year')) return null;
    let end = i + 1;
    if (this.b(end) === 'period' || this.b(end) === 'quarter') end++;
    const f = this.focusQuarter(i);
    if (f) return this.cand(end, 'DATE', `${f.y - 1}-Q${f.q}`, 'year-ago');
    return this.cand(end, 'DATE', formatPoint(shift(this.anchor, 'Y', -1)!), 'year-ago');
  }

  /** "3 p.m.", "10:35 a.m. EST", "noon Thursday", "9 a.m. Tuesday", "5 p.m. EST, Nov. 6" */
  private clock(i: number): Cand | null {
    const t = this.toks[i];
    if (!t) return null;
    let hh: number;
    let mm = 0;
    let end: number;
    const word = CLOCK_WORDS.get(t.b);
    let explicit = true;
    if (word) {
      if (NOT_CLOCK_BEFORE.has(this.b(i - 1)) || (t.cap && i > (this.ctx.sentStart[this.ctx.sentOf[i]] ?? 0))) return null;
      [hh, mm] = word.split(':').map(Number) as [number, number];
      end = i + 1;
    } else {
      const c = digitFirst(t.b) ? CLOCK_PATTERN.exec(t.b) : null;
      let h: number | undefined;
      if (c) {
        h = Number(c[1]);
        mm = c[2] ? Number(c[2]) : 0;
        end = i + 1;
        let mer = c[3] ? (c[3].startsWith('p') ? 12 : 0) : undefined;
        if (mer === undefined) {
          const m2 = MERIDIEMS.get(this.toks[end]?.w ?? '') ?? MERIDIEMS.get(this.b(end));
          if (m2 !== undefined && (this.b(end) !== 'am' || this.toks[end].w === 'am')) {
            mer = m2;
            end++;
          }
        }
        if (mer === undefined) {
          // a bare number is a time only with "o'clock", "in the morning", or "10:30" after "at"
          let oclock = false;
          if (OCLOCK.has(this.b(end)) && this.b(end) !== 'hours' && this.b(end) !== 'local') {
            end++;
            oclock = true;
          }
          // "4 in the morning", "6 o'clock this afternoon", "9 o'clock tonight": the part of the day sets a.m./p.m.
          const pod = this.clockPartOfDay(end);
          if (pod && h >= 1 && h <= 12) {
            if (pod.pm && h < 12) h += 12;
            if (!pod.pm && h === 12) h = 0;
            end = pod.end;
          } else if (oclock) {
            // keep the hour as written
          } else if (c[2] && (this.b(i - 1) === 'at' || this.b(i - 1) === 'by' || this.b(i - 1) === 'until' || TIME_ZONES.has(this.b(end)))) explicit = true;
          else return null;
        } else {
          if (h > 12 || h === 0) return null;
          if (mer === 12 && h < 12) h += 12;
          if (mer === 0 && h === 12) h = 0;
        }
        if (h > 24 || mm > 59) return null;
        hh = h;
      } else {
        return null;
      }
    }
    if (!explicit) return null;
    if (TIME_ZONES.has(this.b(end)) && this.toks[end].cap) end++;
    // the day it belongs to
    let dayVal: string | null = null;
    let j = end;
    if (this.b(j) === ',' || this.b(j) === 'on') j++;
    const wd = this.weekdayDate(j) ?? this.dayWord(j) ?? this.monthDate(j);
    if (wd && wd.type === 'DATE' && /^(\d{4}|XXXX)-/.test(wd.value) && (wd.kind === 'weekday' || wd.kind === 'dayword' || wd.kind === 'monthday')) {
      dayVal = wd.value;
      end = wd.end;
    }
    // a bare clock time belongs to the day named earlier in its sentence, else to the publication day
    if (dayVal === null) dayVal = formatPoint(dayPoint(this.day ?? this.anchor));
    const time = `${hh < 10 ? '0' : ''}${hh}:${mm < 10 ? '0' : ''}${mm}`;
    return this.cand(end, 'TIME', `${dayVal}T${time}`, 'clock');
  }

  /** "in the morning", "this afternoon", "tonight", "at night" after an hour: whether it is p.m., and the token after. */
  private clockPartOfDay(j: number): { pm: boolean; end: number } | null {
    let k = j;
    const w = this.b(k);
    if (w === 'tonight') return { pm: true, end: k + 1 };
    if (w === 'in' && this.b(k + 1) === 'the') k += 2;
    else if (w === 'this' || w === 'at') k += 1;
    else return null;
    const pod = PARTS_OF_DAY.get(this.b(k));
    if (!pod || pod === 'DT' || pod === 'MI' || this.b(k).endsWith('s')) return null;
    if (w === 'at' && pod !== 'NI') return null;
    return { pm: pod !== 'MO', end: k + 1 };
  }

  /** One hyphenated token: "two-year" (P2Y), "mid-1996", "post-1959", "day-long"; ages ("24-year-old") are not timexes. */
  private hyphenated(i: number): Cand | null {
    const t = this.toks[i];
    if (!t || !t.b.includes('-')) return null;
    const parts = t.b.split('-');
    const last = parts[parts.length - 1];
    if (last === 'old' || last === 'olds') return null;
    // "mid-1996", "mid-November", "late-1980s", "pre-1990", "post-1959"
    const head = parts[0];
    if (parts.length === 2 && (head === 'mid' || head === 'early' || head === 'late' || head === 'pre' || head === 'post')) {
      const rest = parts[1];
      const mod = head === 'mid' ? 'MID' : head === 'early' ? 'START' : head === 'late' ? 'END' : head === 'pre' ? 'BEFORE' : 'AFTER';
      if (/^\d{4}$/.test(rest)) return this.cand(i + 1, 'DATE', rest, 'year', { mod });
      const dec = DECADE_PATTERN.exec(rest);
      if (dec && dec[1].length === 2 && !this.twoDigitDecade(i - 1, Number(dec[1]))) return null; // "in the mid-30s" (percent)
      if (dec) return this.cand(i + 1, 'DATE', this.decadeValue(dec[1]), 'decade', { mod });
      const m = MONTHS.get(rest);
      if (m !== undefined && rest.length > 3) {
        const yr = this.yearAfter(i + 1);
        const y = yr && typeof yr.n === 'number' ? yr.n : this.resolveYear(m, null, this.tense(i));
        return this.cand(yr ? yr.end : i + 1, 'DATE', formatPoint({ g: 'M', y, m }), 'month', { mod });
      }
      const pod = PARTS_OF_DAY.get(rest);
      if (pod && head === 'mid') return this.midPartOfDay(i + 1, pod);
      return null;
    }
    // "year-end", "year's end"
    if (t.b === 'year-end') return this.cand(i + 1, 'DATE', formatPoint(this.yearEndYear(i)), 'relative', { mod: 'END' });
    // "two-year", "10-year", "five-hour", "day-long", "decades-long", "52-week", "twenty-five-year"
    let unitIdx = parts.length - 1;
    if (last === 'long') unitIdx--;
    const unit = UNITS.get(parts[unitIdx]);
    if (!unit || unitIdx < 0) return null;
    const numParts = parts.slice(0, unitIdx);
    let n: number | 'X' | undefined;
    if (numParts.length === 0) n = parts[unitIdx].endsWith('s') ? 'X' : 1;
    else if (numParts.length === 1) {
      const p = numParts[0];
      n = /^\d+$/.test(p) ? Number(p) : NUMBER_WORDS.get(p) ?? (VAGUE_QUANTITIES.has(p) ? 'X' : undefined);
      if (p === 'a' || p === 'an') n = undefined;
    } else if (numParts.length === 2) {
      const a = NUMBER_WORDS.get(numParts[0]);
      const c = NUMBER_WORDS.get(numParts[1]);
      if (a !== undefined && c !== undefined && a >= 20 && c < 10) n = a + c;
    }
    if (n === undefined) return null;
    if (numParts.length === 0 && last !== 'long') return null; // "year-ago" etc. handled elsewhere
    if (unit === 'WE' || (unit === 'Q' && (numParts.length === 0 || parts[unitIdx].endsWith('s')))) return null; // "three-quarters"
    if (this.b(i + 1) === 'of' && unit === 'Q') return null;
    // "the 1990-91 season" no; "one-day", "two-day"
    const spec = UNIT_DURATION[unit];
    return this.cand(i + 1, 'DURATION', durationValue(n, spec.letter, spec.time, spec.factor), 'duration');
  }

  /** "mid-afternoon", "mid afternoon yesterday": the day named right after, else the day in focus in this sentence. */
  private midPartOfDay(end: number, pod: string): Cand {
    const day = this.dayWord(end) ?? this.weekdayDate(end);
    if (day && day.type === 'DATE' && /^(\d{4}|XXXX)-\d\d-\d\d$/.test(day.value)) return this.cand(day.end, 'TIME', `${day.value}T${pod}`, 'partofday');
    const base = this.daySent === this.ctx.sentOf[end - 1] ? this.day : this.anchor;
    return this.cand(end, 'TIME', formatPoint(dayPoint(base)) + `T${pod}`, 'partofday');
  }

  /** "the 80s", "the early 90s" are decades; "my early 20s", "the mid-30s" are ages, temperatures, percentages. */
  private twoDigitDecade(the: number, n: number): boolean {
    return this.b(the) === 'the' && n >= 40;
  }

  private decadeValue(digits: string): string {
    if (digits.length === 4) return digits.slice(0, 3);
    const d = Number(digits);
    return String(d >= 30 ? 190 + d / 10 : 200 + d / 10);
  }

  /** "the 1990s", "1980s", "the '80s", "the nineties", "the 20th century" */
  private decade(i: number): Cand | null {
    let j = i;
    if (this.b(j) === 'the') j++;
    let mod: string | undefined;
    const pm = this.b(j);
    if (pm === 'early' || pm === 'late' || pm === 'mid') {
      mod = pm === 'early' ? 'START' : pm === 'late' ? 'END' : 'MID';
      j++;
    }
    const apostrophe = this.toks[j]?.w === "'" || this.toks[j]?.w === '’';
    if (apostrophe) j++;
    const t = this.toks[j];
    if (!t) return null;
    const dec = digitFirst(t.b) ? DECADE_PATTERN.exec(t.b) : null;
    if (dec) {
      if (dec[1].length === 2 && j === i) return null; // bare "80s" is an age/temperature
      // "in my early 20s", "in the mid 30s" (an age, a temperature): two digits need "the", and "the 30s" an apostrophe
      if (dec[1].length === 2 && !apostrophe && !this.twoDigitDecade(i, Number(dec[1]))) return null;
      if (dec[1].length === 4 && !dec[1].endsWith('0')) return null;
      return this.cand(j + 1, 'DATE', this.decadeValue(dec[1]), 'decade', mod ? { mod } : {});
    }
    const dw = DECADE_WORDS.get(t.b);
    if (dw !== undefined && j > i) return this.cand(j + 1, 'DATE', String(190 + dw), 'decade', mod ? { mod } : {});
    // centuries: "the 20th century", "the eleventh century"
    // ("20th century democrat" needs no article; "21st Century Fox" is a name)
    if (this.b(j + 1) === 'century' && (j > i || (CENTURY_PATTERN.test(t.b) && !this.toks[j + 1].cap))) {
      const c = CENTURY_PATTERN.exec(t.b);
      const n = c ? Number(c[1]) : ORDINALS.get(t.b);
      if (n !== undefined && n >= 1 && n <= 22) return this.cand(j + 2, 'DATE', String(n - 1).padStart(2, '0'), 'decade');
    }
    return null;
  }

  /** "Christmas", "Thanksgiving Day", "New Year's Day" */
  private holiday(i: number): Cand | null {
    if (!this.toks[i]?.cap) return null;
    const h = HOLIDAY.match(this.toks, i);
    if (!h) return null;
    let end = h.end;
    // "Easter Island", "Christmas Carol": a capitalised word after the holiday makes a name
    const nextTok = this.toks[end];
    if (nextTok && nextTok.cap && !nextTok.punct && !nextTok.digits && !MONTHS.has(nextTok.b) && !WEEKDAYS.has(nextTok.b) && !HOLIDAY_WORDS.has(nextTok.b)) return null;
    const yr = this.yearAfter(end);
    const a = this.anchor;
    let y: number | undefined = yr && typeof yr.n === 'number' ? yr.n : undefined;
    if (yr) end = yr.end;
    const compute = (yy: number): YMD | null => {
      switch (h.value) {
        case 'THANKSGIVING': return nthWeekday(yy, 11, 4, 4);
        case 'LABOR': return nthWeekday(yy, 9, 1, 1);
        case 'MEMORIAL': return nthWeekday(yy, 5, 1, -1);
        case 'EASTER': return easter(yy);
        case 'ELECTION': return addDays(nthWeekday(yy, 11, 1, 1), 1);
        default: {
          const [mm, dd] = h.value.split('-').map(Number) as [number, number];
          return { y: yy, m: mm, d: dd };
        }
      }
    };
    if (y === undefined && a) {
      // the occurrence that fits the tense: ahead for the future, not after the anchor for the past, else past-leaning
      const tense = this.tense(i);
      const [lo, hi] = tense === 'FUTURE' ? [-3, 362] : tense === 'PAST' ? [-362, 3] : [-300, 65];
      const cands = [a.y - 1, a.y, a.y + 1].map(compute).filter((x): x is YMD => x !== null);
      const now = toDayNumber(a);
      const pick = cands.find((x) => {
        const diff = toDayNumber(x) - now;
        return diff >= lo && diff < hi;
      }) ?? cands.reduce((best, x) => (Math.abs(toDayNumber(x) - now) < Math.abs(toDayNumber(best) - now) ? x : best));
      y = pick?.y;
    }
    if (y === undefined) {
      if (/^\d\d-\d\d$/.test(h.value)) return this.cand(end, 'DATE', `XXXX-${h.value}`, 'holiday');
      return this.cand(end, 'DATE', 'XXXX-XX-XX', 'holiday');
    }
    const day = compute(y);
    return this.cand(end, 'DATE', formatPoint(dayPoint(day)), 'holiday', day ? { ref: day } : {});
  }

  /** "daily", "weekly", "every Monday", "each July" */
  private frequency(i: number): Cand | null {
    const w = this.b(i);
    const f = FREQUENCY_WORDS.get(w);
    if (f) {
      // "quarterly dividend", "the average daily volume": an adjective before its noun
      const next = this.toks[i + 1];
      if (next && FREQUENCY_ADJECTIVES.has(w) && NOT_FREQUENCY_NOUNS.has(next.b)) return null;
      // "NBC Nightly News", "Party daily Granma": part of a name
      if (this.toks[i].cap && this.inName(i)) return null;
      return this.cand(i + 1, 'SET', f, 'set');
    }
    if (SET_QUANTIFIERS.has(w) && w !== 'per') {
      const wd = this.weekdayAt(i + 1);
      if (wd !== undefined) {
        const pod = PARTS_OF_DAY.get(this.b(i + 2));
        if (pod) return this.cand(i + 3, 'SET', `XXXX-WXX-${wd}T${pod}`, 'set');
        return this.cand(i + 2, 'SET', `XXXX-WXX-${wd}`, 'set');
      }
      const m = this.monthAt(i + 1, true);
      if (m !== undefined) return this.cand(i + 2, 'SET', formatPoint({ g: 'M', m }), 'set');
      const pod = PARTS_OF_DAY.get(this.b(i + 1));
      if (pod) return this.cand(i + 2, 'SET', `TX${pod}`, 'set');
    }
    return null;
  }

  /** "summer", "the summer of 1998", "summer 2020", "spring" */
  private season(i: number): Cand | null {
    let j = i;
    if (this.b(j) === 'the') j++;
    const t = this.toks[j];
    if (!t) return null;
    const s = SEASONS.get(t.b);
    if (!s) return null;
    // bare "fall"/"spring" are verbs and nouns: need "the" or a year, or a preposition before
    let end = j + 1;
    const yr = this.b(end) === 'of' ? this.yearAfter(end + 1) ?? this.spelledYear(end + 1) : this.digitYear(end);
    if (yr && typeof yr.n === 'number') return this.cand(yr.end, 'DATE', `${yr.n}-${s}`, 'season');
    if (j === i) {
      const prev = this.b(i - 1);
      if (!(prev === 'in' || prev === 'this' || prev === 'since' || prev === 'by' || prev === 'until' || prev === 'during' || prev === 'next' || prev === 'last' || prev === 'early' || prev === 'late' || prev === 'mid')) return null;
      if (t.b === 'fall' || t.b === 'spring') {
        // "in fall" fine; "the fall of the Berlin Wall" needs the year test above
      }
    } else if (this.b(end) === 'of') {
      return null; // "the fall of Saigon"
    }
    return this.cand(end, 'DATE', formatPoint(resolveSeason(this.anchor, s, 0, this.future(i), false)), 'season');
  }

  /** "2024-12-09", "12/09/2024" */
  private isoDate(i: number): Cand | null {
    const t = this.toks[i];
    if (!t || !digitFirst(t.b)) return null; // both patterns open with a digit
    let m = ISO_DATE_PATTERN.exec(t.b);
    if (m) {
      const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
      if (!isValidDate(y, mo, d)) return null;
      return this.cand(i + 1, 'DATE', formatPoint(dayPoint({ y, m: mo, d })), 'monthday', { ref: { y, m: mo, d } });
    }
    m = SLASH_DATE_PATTERN.exec(t.b);
    if (m) {
      let y = Number(m[3]);
      if (m[3].length === 2) y += y >= 50 ? 1900 : 2000;
      const mo = Number(m[1]);
      const d = Number(m[2]);
      if (!isValidDate(y, mo, d)) return null;
      return this.cand(i + 1, 'DATE', formatPoint(dayPoint({ y, m: mo, d })), 'monthday', { ref: { y, m: mo, d } });
    }
    return null;
  }

  /** "April 24 and 25": a bare day right after a month-day date joined by "and"/"or"/"to". */
  private coordinatedDay(i: number): Cand | null {
    const last = this.lastMonthDay;
    const t = this.toks[i];
    if (!last || !t || !t.digits || t.n < 1 || t.n > 31 || t.b.length > 2) return null;
    const link = this.b(i - 1);
    if (last.end !== i - 1 || !(link === 'and' || link === 'or' || link === 'to' || link === 'through' || link === '-')) return null;
    if (UNITS.has(this.b(i + 1)) || MONTHS.has(this.b(i + 1))) return null;
    const ymd = last.y !== undefined ? { y: last.y, m: last.m, d: t.n } : null;
    if (ymd && !isValidDate(ymd.y, ymd.m, ymd.d)) return null;
    return this.cand(i + 1, 'DATE', formatPoint(ymd ? dayPoint(ymd) : { g: 'D', m: last.m, d: t.n }), 'monthday', ymd ? { ref: ymd } : {});
  }

  /**
   * "the second day (of an offensive)", "its third straight day": the day some stretch has reached, the day in focus. A
   * present clause ("It's the second day", "today is the eighth day") means the publication day, a past one the day
   * named last in this or the sentence before; a future one ("his first day in office") is not placed. After a possessive
   * the expression opens with the ordinal ("his first day").
   */
  private ordinalDay(i: number): Cand | null {
    let j = i;
    if (this.b(i) === 'the') j++;
    else if (!POSSESSIVE_DETERMINERS.has(this.b(i - 1))) return null;
    if (!ORDINALS.has(this.b(j))) return null;
    let k = j + 1;
    if (ORDINAL_DAY_FILLERS.has(this.b(k))) k++;
    if (this.b(k) !== 'day' || this.toks[k].cap) return null;
    const tense = this.tense(i);
    if (tense === 'FUTURE' && !this.copulaBefore(i, PRESENT_COPULAS)) return null;
    const named = this.dayNamedAfter(k + 1);
    const past = tense === 'PAST' || this.copulaBefore(i, PAST_COPULAS);
    const sent = this.ctx.sentOf[i] ?? 0;
    const day = named ?? (past && this.day && this.daySent >= sent - 1 ? this.day : this.anchor);
    return this.cand(k + 1, 'DATE', formatPoint(dayPoint(day)), 'ordinalday');
  }

  /** A day named a few words further in the clause ("fell for the third straight day on Friday", "... was Monday"). */
  private dayNamedAfter(from: number): YMD | null {
    const last = Math.min(this.ctx.sentEnd[this.ctx.sentOf[from - 1] ?? 0] ?? this.toks.length, from + DAY_AFTER_WINDOW);
    for (let k = from; k < last; k++) {
      const t = this.toks[k];
      if (t.punct && t.b !== '.') return null;
      if (!WEEKDAYS.has(t.b) && !DAY_OFFSETS.has(t.b)) continue;
      const c = this.weekdayDate(k) ?? this.dayWord(k);
      const v = c && c.type === 'DATE' ? FULL_DAY_PATTERN.exec(c.value) : null;
      if (v) return { y: Number(v[1]), m: Number(v[2]), d: Number(v[3]) };
    }
    return null;
  }

  /** Is the word right before the expression at i (after "it"/"today" and the like) a copula of the set? */
  private copulaBefore(i: number, copulas: ReadonlySet<string>): boolean {
    const w = this.b(i - 1);
    const key = w.endsWith("'s") && w.length > 2 ? 'is' : w;
    return copulas.has(key);
  }

  /** "year end", "year's end" ("year-end" is one token, see hyphenated): the end of the current year. */
  private yearEnd(i: number): Cand | null {
    if (this.b(i) !== 'year') return null;
    let end = i + 1;
    if (this.b(end) === "'s") end++;
    if (this.b(end) !== 'end') return null;
    return this.cand(end + 1, 'DATE', formatPoint(this.yearEndYear(i)), 'relative', { mod: 'END' });
  }

  /** The year whose end "year-end" means: the one just past after "since" or a past verb (unless it is December), else this one. */
  private yearEndYear(i: number): Point {
    const a = this.anchor;
    const past = this.b(i - 1) === 'since' || (this.tense(i) === 'PAST' && DEADLINE_PREPOSITIONS.has(this.b(i - 1)) === false && this.b(i - 1) !== 'around');
    return shift(a, 'Y', past && a && a.m < 12 ? -1 : 0)!;
  }

  private isArticle(k: number): boolean {
    const w = this.b(k);
    return w === 'a' || w === 'an';
  }

  /** Is token i the second word of a capitalised name ("USA Today")? */
  private inName(i: number): boolean {
    const prev = this.toks[i - 1];
    return i > (this.ctx.sentStart[this.ctx.sentOf[i]] ?? 0) && prev !== undefined && prev.cap && !prev.punct && prev.end < this.toks[i].start;
  }

  /** Register what an accepted candidate tells later expressions. */
  accept(c: Cand, i: number): void {
    if (c.quarter && (!this.focus || FOCUS_LATEST)) this.focus = { ...c.quarter, sent: this.ctx.sentOf[i] ?? 0 };
    const y = /^(\d{4})(?:-|$)/.exec(c.value);
    // a year named by its number, or a whole year counted from the anchor ("last year", "two years ago")
    if (y && (c.kind === 'year' || c.kind === 'month' || c.kind === 'monthday' || ((c.kind === 'relative' || c.kind === 'ago') && /^\d{4}$/.test(c.value)))) {
      this.refYear = Number(y[1]);
      this.refYearSent = this.ctx.sentOf[i] ?? -1;
    }
    const ym = /^(\d{4})-(\d\d)(?:-|$)/.exec(c.value);
    if (ym && (c.kind === 'month' || c.kind === 'monthday')) this.refMonth = { y: Number(ym[1]), m: Number(ym[2]) };
    const md = /^(\d{4}|XXXX)-(\d\d)-\d\d$/.exec(c.value);
    this.lastMonthDay = md && c.kind === 'monthday' ? { y: md[1] === 'XXXX' ? undefined : Number(md[1]), m: Number(md[2]), end: c.end } : null;
    if (c.ref && c.kind !== 'dayword') this.ref = c.ref;
    this.lastDay = c.type === 'DATE' && /^(\d{4}|XXXX)-\d\d-\d\d$/.test(c.value) ? { value: c.value, end: c.end } : null;
    if (c.ref) {
      this.day = c.ref;
      this.daySent = this.ctx.sentOf[i] ?? -1;
    }
  }
}

export { addMonths, dayOfIsoWeek };
