// npm run bench — every benchmark figure in one command: a markdown table and a summary line per
// figure on stdout, and the figures with commit, machine, Node version and date in
// bench/results/<date>-<commit>.json. Each figure is a median over several runs after a warm-up,
// with min–max; ratios to peers are computed pair by pair within a run. Nothing here asserts a
// timing: it only measures. See BENCHMARKS.md.
//
//   npm run bench                                  all figures
//   npm run bench -- --only extraction,peers       a subset (merged into today's file for the commit)
//   npm run bench -- --runs 3                      runs per figure (also BENCH_RUNS; memory: MEMORY_RUNS)
//   npm run bench -- --clock cpu                   time in-process figures by process CPU time, not
//                                                  wall clock (for a machine others are loading)
//   npm run bench -- --store-1m                    search and serve also on 1,000,000 generated
//                                                  articles (built once and cached: ~15 min, ~9 GB)
//   npm run bench -- --postgres                    also the PostgreSQL figure (opt-in: needs a server;
//                                                  NEWSGRAPH_BENCH_DATABASE_URL, else the test URL);
//                                                  alone: --only postgres
//   npm run bench -- --list                        the figure names
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { benchExtraction } from './extraction.js';
import { benchMemory } from './memory.js';
import { benchPeers } from './peers.js';
import { benchPipeline } from './pipeline.js';
import { benchPostgres } from './postgres.js';
import { benchIngest } from './ingest.js';
import { benchSearch } from './search.js';
import { benchServe } from './serve.js';
import { markdownTable, roundForJson, setClock, spread, takeCpuShares, type Clock, type Figure } from './stats.js';

export interface BenchContext {
  /** Timed runs per figure, after one warm-up. */
  readonly runs: number;
  /** Runs of the 20 MB CLI job (each takes about a minute). */
  readonly memoryRuns: number;
  /** --store-1m: search and serve also on 1,000,000 generated articles (built once, cached). */
  readonly store1m: boolean;
}

type FigureFn = (ctx: BenchContext) => Promise<Figure | null>;

/** Figures in the order they run and print. A figure that returns null is not printed. */
const FIGURES: Record<string, FigureFn> = {
  pipeline: (ctx) => benchPipeline({ runs: ctx.runs }),
  extraction: (ctx) => benchExtraction({ runs: ctx.runs }),
  peers: (ctx) => benchPeers({ runs: ctx.runs }),
  memory: (ctx) => benchMemory({ runs: ctx.memoryRuns }),

  // ---------------------------------------------------------------- STORE FIGURES (hooks)
  // Each is an async function returning a Figure (see bench/stats.ts) or null when it cannot run;
  // the driver prints its table and summary line and writes it into the JSON like the others.
  ingest: (ctx) => benchIngest({ runs: Math.min(ctx.runs, 3) }),                       // bench/ingest.ts: articles/s into SQLite
  search: (ctx) => benchSearch({ runs: ctx.runs, sizes: ctx.store1m ? [10000, 100000, 1000000] : [10000, 100000] }), // bench/search.ts
  postgres: (ctx) => benchPostgres({ runs: Math.min(ctx.runs, 3) }),                  // bench/postgres.ts (opt-in): workers 1 vs 2, search at 100,000
  serve: (ctx) => benchServe({ articles: ctx.store1m ? 1000000 : 100000 }),            // bench/serve.ts: autocannon + server RSS
  // -----------------------------------------------------------------------------------------
};

/** Figures that run only when asked for (--only NAME, or their own flag): they need a server. */
const OPT_IN = new Set(['postgres']);

function parseArgs(argv: readonly string[]): { only: string[] | null; runs: number | null; list: boolean; clock: Clock; store1m: boolean; postgres: boolean } {
  let only: string[] | null = null;
  let store1m = false;
  let postgres = false;
  let clock: Clock = 'wall';
  let runs: number | null = null;
  let list = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => (a.includes('=') ? a.slice(a.indexOf('=') + 1) : argv[++i] ?? '');
    if (a === '--only' || a.startsWith('--only=')) only = value().split(',').map((s) => s.trim()).filter(Boolean);
    else if (a === '--runs' || a.startsWith('--runs=')) runs = Number(value());
    else if (a === '--clock' || a.startsWith('--clock=')) {
      const c = value();
      if (c !== 'wall' && c !== 'cpu') throw new Error('--clock is wall or cpu');
      clock = c;
    } else if (a === '--list') list = true;
    else if (a === '--store-1m') store1m = true;
    else if (a === '--postgres') postgres = true;
    else throw new Error(`unknown argument ${a} (use --only a,b  --runs N  --clock wall|cpu  --store-1m  --postgres  --list)`);
  }
  return { only, runs, list, clock, store1m, postgres };
}

function git(args: string[]): string | null {
  try {
    return execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return null;
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  if (args.list) {
    console.log(Object.keys(FIGURES).map((n) => (OPT_IN.has(n) ? `${n} (opt-in)` : n)).join('\n'));
    return;
  }
  const unknown = (args.only ?? []).filter((n) => !(n in FIGURES));
  if (unknown.length) throw new Error(`no figure named ${unknown.join(', ')}; figures: ${Object.keys(FIGURES).join(', ')}`);
  const names = Object.keys(FIGURES).filter((n) => (args.only ? args.only.includes(n) : !OPT_IN.has(n)) || (n === 'postgres' && args.postgres));
  const runs = args.runs ?? Number(process.env.BENCH_RUNS ?? 5);
  const memoryRuns = Number(process.env.MEMORY_RUNS ?? 2);
  if (!(runs >= 1) || !(memoryRuns >= 1)) throw new Error('runs must be at least 1');
  const ctx: BenchContext = { runs, memoryRuns, store1m: args.store1m };
  setClock(args.clock);

  const commit = git(['rev-parse', '--short', 'HEAD']) ?? 'unknown';
  const dirty = (git(['status', '--porcelain', '--untracked-files=no']) ?? '') !== '';
  const date = new Date();
  const machine = {
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGB: Math.round(os.totalmem() / 1024 ** 3),
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
  console.log(`newsgraph bench — commit ${commit}${dirty ? ' (uncommitted changes)' : ''}, ${date.toISOString()}, Node ${process.version}, ${machine.cpu} × ${machine.cores}, ${machine.memoryGB} GB, ${machine.platform}; load average ${machine.loadAverageAtStart.join(' ')}; clock: ${args.clock === 'cpu' ? 'process CPU time' : 'wall'}`);

  const figures: Record<string, unknown> = {};
  const summaries: string[] = [];
  const started = performance.now();
  for (const name of names) {
    const t0 = performance.now();
    const loadAverage = Math.round(os.loadavg()[0] * 100) / 100;
    takeCpuShares();
    const fig = await FIGURES[name](ctx);
    if (!fig) continue;
    const seconds = (performance.now() - t0) / 1000;
    const shares = takeCpuShares();
    const cpuShare = shares.length ? spread(shares).median : null;
    console.log(`\n## ${fig.title}\n\n${fig.about}\n\n${markdownTable(fig)}\n\n${fig.summary}  _(${seconds.toFixed(0)} s; 1-min load average ${loadAverage} at start${cpuShare === null ? '' : `; CPU/wall in timed runs ${cpuShare.toFixed(2)}${cpuShare < 0.8 && args.clock === 'wall' ? ' — the machine was busy, wall-clock rates are low (try --clock cpu)' : ''}`})_`);
    summaries.push(fig.summary);
    figures[fig.id] = roundForJson({
      title: fig.title,
      about: fig.about,
      summary: fig.summary,
      measuredAt: new Date().toISOString(),
      seconds,
      loadAverage,
      cpuShare,
      rows: Object.fromEntries(fig.rows.map((r) => [r.label, r.cells])),
      ...fig.details,
    });
  }
  console.log(`\n## Summary\n\n${summaries.map((s) => `- ${s}`).join('\n')}\n\n(${((performance.now() - started) / 1000).toFixed(0)} s in all; load average now ${os.loadavg().map((x) => x.toFixed(2)).join(' ')})`);

  const dir = path.join('bench', 'results');
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${date.toISOString().slice(0, 10)}-${commit}${args.clock === 'cpu' ? '-cpu' : ''}.json`);
  // A subset run updates its figures in the day's file for this commit and keeps the others.
  let previous: { figures?: Record<string, unknown> } = {};
  try { previous = JSON.parse(fs.readFileSync(file, 'utf8')); } catch { /* first run today */ }
  const record = {
    commit,
    dirty,
    date: date.toISOString(),
    node: process.version,
    machine: { ...machine, loadAverageAtEnd: os.loadavg().map((x) => Math.round(x * 100) / 100) },
    clock: args.clock,
    runs: { perFigure: runs, memory: memoryRuns },
    figures: { ...(args.only ? previous.figures : {}), ...figures },
  };
  fs.writeFileSync(file, JSON.stringify(record, null, 2) + '\n');
  console.log(`wrote ${file}`);
}

await main();
