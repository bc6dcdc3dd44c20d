// Calendar points with a granularity, their TIMEX3 formatting and their arithmetic.
// An unknown field (no publication date to anchor on) formats as X ("XXXX-12-09").

import {
  addDays, addMonths, addQuarters, fmtWeek, pad2, pad4, quarterOf, weekday, type YMD,
} from './calendar.js';
import { MONTH_SEASON, type UnitLetter } from './lexicon.js';

export type Point =
  | { readonly g: 'D'; readonly y?: number; readonly m?: number; readonly d?: number }
  | { readonly g: 'M'; readonly y?: number; readonly m?: number }
  | { readonly g: 'Y'; readonly y?: number }
  | { readonly g: 'W'; readonly day?: YMD; readonly weekend?: boolean }
  | { readonly g: 'Q'; readonly y?: number; readonly q?: number }
  | { readonly g: 'H'; readonly y?: number; readonly h: number }
  | { readonly g: 'S'; readonly y?: number; readonly s: string }
  | { readonly g: 'DE'; readonly y?: number }
  | { readonly g: 'C'; readonly c?: number };

const Y = (y: number | undefined): string => (y === undefined ? 'XXXX' : pad4(y));
const MM = (m: number | undefined): string => (m === undefined ? 'XX' : pad2(m));

export function formatPoint(p: Point): string {
  switch (p.g) {
    case 'D': return `${Y(p.y)}-${MM(p.m)}-${MM(p.d)}`;
    case 'M': return `${Y(p.y)}-${MM(p.m)}`;
    case 'Y': return Y(p.y);
    case 'W': return (p.day ? fmtWeek(p.day) : 'XXXX-WXX') + (p.weekend ? '-WE' : '');
    case 'Q': return `${Y(p.y)}-Q${p.q ?? 'X'}`;
    case 'H': return `${Y(p.y)}-H${p.h}`;
    case 'S': return `${Y(p.y)}-${p.s}`;
    case 'DE': return p.y === undefined ? 'XXX' : String(Math.floor(p.y / 10));
    case 'C': return p.c === undefined ? 'XX' : pad2(p.c);
  }
}

export function dayPoint(x: YMD | null): Point {
  return x ? { g: 'D', y: x.y, m: x.m, d: x.d } : { g: 'D' };
}

export function pointDay(p: Point): YMD | null {
  return p.g === 'D' && p.y !== undefined && p.m !== undefined && p.d !== undefined ? { y: p.y, m: p.m, d: p.d } : null;
}

/** The period of `unit` containing `base`, moved by n units. */
export function shift(base: YMD | null, unit: UnitLetter, n: number): Point | null {
  switch (unit) {
    case 'D': return base ? dayPoint(addDays(base, n)) : { g: 'D' };
    case 'W': return base ? { g: 'W', day: addDays(base, 7 * n) } : { g: 'W' };
    case 'WE': {
      if (!base) return { g: 'W', weekend: true };
      return { g: 'W', day: addDays(base, 7 * n), weekend: true };
    }
    case 'M': {
      if (!base) return { g: 'M' };
      const r = addMonths(base.y, base.m, n);
      return { g: 'M', y: r.y, m: r.m };
    }
    case 'Q': {
      if (!base) return { g: 'Q' };
      const r = addQuarters(base.y, quarterOf(base.m), n);
      return { g: 'Q', y: r.y, q: r.q };
    }
    case 'Y': return base ? { g: 'Y', y: base.y + n } : { g: 'Y' };
    case 'DE': return base ? { g: 'DE', y: base.y + 10 * n } : { g: 'DE' };
    case 'C': return base ? { g: 'C', c: Math.floor((base.y + 100 * n) / 100) } : { g: 'C' };
    case 'H': case 'MIN': case 'S': return base ? dayPoint(base) : { g: 'D' };
    default: return null;
  }
}

/** "N units ago": the period n units before/after, at the unit's own granularity. */
export function agoPoint(base: YMD | null, unit: UnitLetter, n: number | 'X'): Point | null {
  if (n === 'X') return null;
  if (!Number.isInteger(n)) return null;
  return shift(base, unit === 'WE' ? 'W' : unit, n);
}

export function seasonOf(x: YMD): { y: number; s: string } {
  // winter belongs to the year of its December (TimeML writes 1998-WI for Dec 1998 - Feb 1999)
  return { y: x.m <= 2 ? x.y - 1 : x.y, s: MONTH_SEASON[x.m] };
}

const SEASON_ORDER = ['SP', 'SU', 'FA', 'WI'];

/** The season code s nearest to the anchor, n seasons-of-that-kind away (0 = this/nearest, -1 = last). */
export function resolveSeason(anchor: YMD | null, s: string, n: number, future: boolean, explicitThis = false): Point {
  if (!anchor) return { g: 'S', s };
  const cur = seasonOf(anchor);
  const ci = SEASON_ORDER.indexOf(cur.s);
  const si = SEASON_ORDER.indexOf(s);
  // "this spring": the current season, else the one of the anchor's calendar year (in February that year's spring,
  // not the spring of the season year of the winter it is in)
  if (n === 0 && explicitThis) return { g: 'S', y: s === cur.s ? cur.y : anchor.y, s };
  if (n === 0) {
    // bare: the current season, else the latest one (past-leaning), or the next one when the clause looks ahead
    if (si === ci) return { g: 'S', y: cur.y, s };
    if (future) return { g: 'S', y: si > ci ? cur.y : cur.y + 1, s };
    return { g: 'S', y: si < ci ? cur.y : cur.y - 1, s };
  }
  // "last summer": the most recent summer that is over
  if (n < 0) return { g: 'S', y: si < ci ? cur.y : cur.y - 1, s };
  return { g: 'S', y: si > ci ? cur.y : cur.y + 1, s };
}

/** A duration value: P24Y, PT3H, PXY... */
export function durationValue(n: number | 'X', letter: string, time: boolean, factor = 1, half = ''): string {
  const pre = time ? 'PT' : 'P';
  if (n === 'X') return `${pre}X${letter}`;
  const v = n * factor;
  if (half) {
    const whole = Math.floor(v);
    if (half.startsWith('T') && !time) return `P${whole ? `${whole}${letter}` : ''}${half}`;
    return `${pre}${whole ? `${whole}${letter}` : ''}${half}`;
  }
  const num = Number.isInteger(v) ? String(v) : String(Math.round(v * 100) / 100);
  return `${pre}${num}${letter}`;
}

export { weekday };
