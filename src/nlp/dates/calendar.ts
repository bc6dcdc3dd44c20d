// Calendar arithmetic and TIMEX3 value formatting. Pure functions over plain numbers (UTC days).

export interface YMD {
  readonly y: number;
  readonly m: number;
  readonly d: number;
}

const DAY_MS = 86_400_000;

export function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

export function pad4(n: number): string {
  if (n < 0) return String(n);
  const s = String(n);
  return s.length >= 4 ? s : '0'.repeat(4 - s.length) + s;
}

export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isValidDate(y: number, m: number, d: number): boolean {
  return m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Parse 'YYYY-MM-DD' or an ISO timestamp; null when unusable. */
export function parseAnchor(published: string | null | undefined): YMD | null {
  if (!published || published.length < 10) return null;
  const y = Number(published.slice(0, 4));
  const m = Number(published.slice(5, 7));
  const d = Number(published.slice(8, 10));
  if (published[4] !== '-' || published[7] !== '-' || !Number.isInteger(y) || !isValidDate(y, m, d)) return null;
  return { y, m, d };
}

export function toDayNumber(x: YMD): number {
  return Math.floor(Date.UTC(x.y, x.m - 1, x.d) / DAY_MS);
}

export function fromDayNumber(n: number): YMD {
  const dt = new Date(n * DAY_MS);
  return { y: dt.getUTCFullYear(), m: dt.getUTCMonth() + 1, d: dt.getUTCDate() };
}

export function addDays(x: YMD, n: number): YMD {
  return fromDayNumber(toDayNumber(x) + n);
}

/** ISO weekday, 1 = Monday ... 7 = Sunday. */
export function weekday(x: YMD): number {
  const wd = new Date(Date.UTC(x.y, x.m - 1, x.d)).getUTCDay();
  return wd === 0 ? 7 : wd;
}

/** ISO week-numbering year and week. */
export function isoWeek(x: YMD): { y: number; w: number } {
  const thursday = addDays(x, 4 - weekday(x));
  const jan1 = toDayNumber({ y: thursday.y, m: 1, d: 1 });
  return { y: thursday.y, w: Math.floor((toDayNumber(thursday) - jan1) / 7) + 1 };
}

export function addMonths(y: number, m: number, n: number): { y: number; m: number } {
  const idx = y * 12 + (m - 1) + n;
  return { y: Math.floor(idx / 12), m: (idx % 12 + 12) % 12 + 1 };
}

export function quarterOf(m: number): number {
  return Math.floor((m - 1) / 3) + 1;
}

export function addQuarters(y: number, q: number, n: number): { y: number; q: number } {
  const idx = y * 4 + (q - 1) + n;
  return { y: Math.floor(idx / 4), q: (idx % 4 + 4) % 4 + 1 };
}

export const fmtYear = (y: number): string => pad4(y);
export const fmtMonth = (y: number, m: number): string => `${pad4(y)}-${pad2(m)}`;
export const fmtDay = (x: YMD): string => `${pad4(x.y)}-${pad2(x.m)}-${pad2(x.d)}`;
export const fmtQuarter = (y: number, q: number): string => `${pad4(y)}-Q${q}`;

export function fmtWeek(x: YMD): string {
  const { y, w } = isoWeek(x);
  return `${pad4(y)}-W${pad2(w)}`;
}

/** Thursday of ISO week 1..53 of a year, as a day. */
export function dayOfIsoWeek(y: number, w: number, wd: number): YMD {
  const jan4 = { y, m: 1, d: 4 };
  const monday1 = addDays(jan4, 1 - weekday(jan4));
  return addDays(monday1, (w - 1) * 7 + (wd - 1));
}

/** The n-th (1-based; -1 = last) given weekday of a month. */
export function nthWeekday(y: number, m: number, wd: number, n: number): YMD {
  if (n > 0) {
    const first = { y, m, d: 1 };
    const delta = (wd - weekday(first) + 7) % 7;
    return { y, m, d: 1 + delta + (n - 1) * 7 };
  }
  const last = { y, m, d: daysInMonth(y, m) };
  const delta = (weekday(last) - wd + 7) % 7;
  return { y, m, d: last.d - delta };
}

/** Western Easter Sunday (anonymous Gregorian algorithm). */
export function easter(y: number): YMD {
  const a = y % 19, b = Math.floor(y / 100), c = y % 100, d = Math.floor(b / 4), e = b % 4;
  const f = Math.floor((b + 8) / 25), g = Math.floor((b - f + 1) / 3), h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4), k = c % 4, l = (32 + 2 * e + 2 * i - h - k) % 7, m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return { y, m: month, d: day };
}
