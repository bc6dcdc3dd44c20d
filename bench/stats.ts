// Shared by the bench figures: the figure shape every bench/*.ts returns, medians with min–max,
// timing loops (warm-up, then several runs, a GC before each), and markdown rendering.
import { performance } from 'node:perf_hooks';
import v8 from 'node:v8';
import vm from 'node:vm';

/** A median over several runs, with the smallest and largest run. */
export interface Spread {
  readonly median: number;
  readonly min: number;
  readonly max: number;
  readonly samples: readonly number[];
}

export type Cell = Spread | number | string | null;

export interface Column {
  readonly key: string;
  readonly header: string;
  /** How numbers (and spreads) in this column are printed. */
  readonly format?: 'int' | 'ratio' | 'fixed1' | 'fixed2';
}

export interface Row {
  readonly label: string;
  readonly cells: Readonly<Record<string, Cell>>;
}

/** One benchmark figure: a table, one summary line, and anything else worth keeping in the JSON. */
export interface Figure {
  readonly id: string;
  readonly title: string;
  /** What was measured on what, printed above the table. */
  readonly about: string;
  readonly columns: readonly Column[];
  readonly rows: readonly Row[];
  readonly summary: string;
  readonly details?: Readonly<Record<string, unknown>>;
}

export function isSpread(c: Cell): c is Spread {
  return typeof c === 'object' && c !== null && 'median' in c;
}

/** Median (for an even count, the mean of the middle two), min and max. */
export function spread(samples: readonly number[]): Spread {
  if (samples.length === 0) throw new Error('spread: no samples');
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], samples: [...samples] };
}

/** Per-run rates from per-run durations: `amount` units done in each `ms`. */
export function rates(amount: number, ms: readonly number[]): Spread {
  return spread(ms.map((t) => amount / (t / 1000)));
}

/** Per-run ratios a[i] / b[i]: pairs measured in the same run, so drift on the machine cancels. */
export function pairRatios(a: readonly number[], b: readonly number[]): Spread {
  if (a.length !== b.length) throw new Error('pairRatios: runs differ in number');
  return spread(a.map((x, i) => x / b[i]));
}

let gcFn: (() => void) | null | undefined;
/** A full GC between runs, so one run's garbage is not collected on the next one's clock. */
export function collectGarbage(): void {
  if (gcFn === undefined) {
    try {
      v8.setFlagsFromString('--expose-gc');
      gcFn = vm.runInNewContext('gc') as () => void;
    } catch {
      gcFn = null;
    }
  }
  gcFn?.();
}

const cpuShares: number[] = [];
/**
 * Process CPU time / wall time of every timed call since the last take: well under 1 means the
 * process waited for a core (a loaded machine), so the wall-clock figures are low.
 */
export function takeCpuShares(): number[] {
  return cpuShares.splice(0);
}

export type Clock = 'wall' | 'cpu';
let clock: Clock = 'wall';
/**
 * What timeMs returns: wall-clock time (the default), or this process's CPU time (user + system,
 * all threads), which stays near the uncontended figure when other work shares the cores.
 */
export function setClock(c: Clock): void {
  clock = c;
}

/** A reading of the clock set, in ms, for timing a region by hand (differences only). */
export function now(): number {
  if (clock === 'wall') return performance.now();
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/** Milliseconds one call of fn takes (sync or async), by the clock set (wall unless told). */
export async function timeMs(fn: () => unknown): Promise<number> {
  collectGarbage();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await fn();
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  if (ms > 0) cpuShares.push(cpuMs / ms);
  return clock === 'cpu' ? cpuMs : ms;
}

export function formatNumber(n: number, format: Column['format'] = 'int'): string {
  if (!Number.isFinite(n)) return String(n);
  switch (format) {
    case 'ratio': return `${n.toFixed(2)}×`;
    case 'fixed1': return n.toLocaleString('en', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    case 'fixed2': return n.toLocaleString('en', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
    default: return Math.round(n).toLocaleString('en');
  }
}

export function formatCell(c: Cell, format?: Column['format']): string {
  if (c === null) return '–';
  if (typeof c === 'string') return c;
  if (typeof c === 'number') return formatNumber(c, format);
  if (c.samples.length === 1) return formatNumber(c.median, format);
  return `${formatNumber(c.median, format)} (${formatNumber(c.min, format)}–${formatNumber(c.max, format)})`;
}

/** A markdown table: medians with (min–max) after each. */
export function markdownTable(fig: Pick<Figure, 'columns' | 'rows'>, firstHeader = ''): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  const lines = [
    `| ${[firstHeader, ...fig.columns.map((c) => c.header)].map(esc).join(' | ')} |`,
    `|${['---', ...fig.columns.map(() => '---:')].join('|')}|`,
  ];
  for (const row of fig.rows) {
    lines.push(`| ${[row.label, ...fig.columns.map((c) => formatCell(row.cells[c.key] ?? null, c.format))].map(esc).join(' | ')} |`);
  }
  return lines.join('\n');
}

/** Spreads as plain {median,min,max,samples} with rounded numbers, for the JSON record. */
export function roundForJson(value: unknown): unknown {
  if (typeof value === 'number') return Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 1000) / 1000;
  if (Array.isArray(value)) return value.map(roundForJson);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, roundForJson(v)]));
  return value;
}
