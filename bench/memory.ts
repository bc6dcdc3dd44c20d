// Figure 4 — memory: peak RSS and seconds of the compiled CLI, `node bin/newsgraph.js extract FILE`,
// on a 20 MB text generated to a temp file from the seeded generator. Peak RSS comes from
// /usr/bin/time -v when present, otherwise from polling /proc/<pid>/status (VmHWM). dist/ is
// rebuilt first (npm run build) when any source file is newer than its compiled file.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { CORPUS_SEED, generateArticle, rng } from './corpus.js';
import { spread, type Figure, type Row } from './stats.js';

export const MEMORY_INPUT_MB = 20;
const MB = 1024 * 1024;
const TIME = '/usr/bin/time';

/** A page-like text of at least `bytes` bytes: seeded synthetic articles, one after another. */
export function writeGeneratedText(file: string, bytes: number, seed = CORPUS_SEED): number {
  const r = rng(seed);
  const fd = fs.openSync(file, 'w');
  let written = 0;
  try {
    while (written < bytes) {
      const chunk = (written ? '\n\n' : '') + generateArticle(r);
      fs.writeSync(fd, chunk);
      written += Buffer.byteLength(chunk);
    }
  } finally {
    fs.closeSync(fd);
  }
  return written;
}

/** Source files (not tests) whose compiled .js under dist/ is missing or older. */
export function staleSources(root = process.cwd()): string[] {
  const stale: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !e.name.endsWith('.d.ts')) {
        const out = path.join(root, 'dist', path.relative(path.join(root, 'src'), p)).replace(/\.ts$/, '.js');
        if (!fs.existsSync(out) || fs.statSync(out).mtimeMs < fs.statSync(p).mtimeMs) stale.push(path.relative(root, p));
      }
    }
  };
  walk(path.join(root, 'src'));
  return stale;
}

/** Rebuild dist/ when stale. Returns a note for the record (null when dist/ was fresh). */
export function ensureBuilt(): string | null {
  const stale = staleSources();
  if (stale.length === 0) return null;
  console.error(`memory: dist/ is stale (${stale.length} files, e.g. ${stale[0]}): npm run build`);
  const res = spawnSync('npm', ['run', 'build'], { stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });
  if (res.status === 0) return `rebuilt dist/ (${stale.length} stale files)`;
  // tsc still emits when it reports type errors, so dist/ holds whatever of the sources compiles.
  const why = `${res.stdout}\n${res.stderr}`.split('\n').find((l) => /error TS\d+/.test(l)) ?? `exit ${res.status}`;
  console.error(`memory: npm run build reported errors; measuring dist/ as emitted: ${why.trim()}`);
  return `npm run build reported type errors in the working tree (${why.trim()}); dist/ as emitted was measured`;
}

export interface CliRun {
  readonly peakRssBytes: number;
  readonly seconds: number;
  readonly exitCode: number | null;
  readonly method: 'time -v' | 'VmHWM';
}

/** GNU time's -v report: peak RSS in kB. */
export function parseTimeReport(report: string): number | null {
  const m = /Maximum resident set size \(kbytes\):\s*(\d+)/.exec(report);
  return m ? Number(m[1]) * 1024 : null;
}

/** VmHWM (peak resident set) from a /proc/<pid>/status text, in bytes. */
export function parseVmHwm(status: string): number | null {
  const m = /^VmHWM:\s*(\d+)\s*kB/m.exec(status);
  return m ? Number(m[1]) * 1024 : null;
}

function runCli(args: readonly string[], scratch: string): Promise<CliRun> {
  const useTime = fs.existsSync(TIME);
  const report = path.join(scratch, 'time.txt');
  const [cmd, argv] = useTime ? [TIME, ['-v', '-o', report, process.execPath, ...args]] : [process.execPath, [...args]];
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(cmd, argv, { stdio: ['ignore', 'ignore', 'inherit'] });
    let peak = 0;
    const poll = useTime
      ? null
      : setInterval(() => {
          try {
            peak = Math.max(peak, parseVmHwm(fs.readFileSync(`/proc/${child.pid}/status`, 'utf8')) ?? 0);
          } catch { /* exited */ }
        }, 20);
    child.on('error', reject);
    child.on('exit', (code) => {
      const seconds = (performance.now() - t0) / 1000;
      if (poll) clearInterval(poll);
      if (useTime) peak = parseTimeReport(fs.existsSync(report) ? fs.readFileSync(report, 'utf8') : '') ?? 0;
      resolve({ peakRssBytes: peak, seconds, exitCode: code, method: useTime ? 'time -v' : 'VmHWM' });
    });
  });
}

export interface MemoryOptions {
  readonly runs: number;
  readonly inputMb?: number;
}

export async function benchMemory({ runs, inputMb = MEMORY_INPUT_MB }: MemoryOptions): Promise<Figure | null> {
  const buildNote = ensureBuilt();
  if (!fs.existsSync('dist/cli/main.js')) {
    console.error('memory: no compiled CLI (dist/cli/main.js) — figure skipped');
    return null;
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'newsgraph-bench-'));
  try {
    const small = path.join(scratch, 'warmup.txt');
    const big = path.join(scratch, `input-${inputMb}mb.txt`);
    const smallBytes = writeGeneratedText(small, 1 * MB);
    const bigBytes = writeGeneratedText(big, inputMb * MB);
    const cli = (file: string) => ['bin/newsgraph.js', 'extract', file, '--published', '2024-12-09'];

    const warm = await runCli(cli(small), scratch); // warm-up: file cache, module loading
    const measured: CliRun[] = [];
    for (let i = 0; i < runs; i++) measured.push(await runCli(cli(big), scratch));
    const failed = [warm, ...measured].find((r) => r.exitCode !== 0);
    if (failed) console.error(`memory: the CLI exited with ${failed.exitCode}`);

    const row = (label: string, rs: CliRun[], bytes: number): Row => ({
      label,
      cells: {
        peakRss: spread(rs.map((r) => r.peakRssBytes / MB)),
        rssPerInput: spread(rs.map((r) => r.peakRssBytes / bytes)),
        seconds: spread(rs.map((r) => r.seconds)),
        mbPerSecond: spread(rs.map((r) => bytes / MB / r.seconds)),
        exit: rs.map((r) => r.exitCode).join(','),
      },
    });
    const rows = [
      row(`${(smallBytes / MB).toFixed(0)} MB text (warm-up, 1 run)`, [warm], smallBytes),
      row(`${(bigBytes / MB).toFixed(0)} MB text`, measured, bigBytes),
    ];
    const peak = spread(measured.map((r) => r.peakRssBytes / MB));
    const secs = spread(measured.map((r) => r.seconds));
    return {
      id: 'memory',
      title: 'Memory: the CLI on one large input',
      about:
        `\`node bin/newsgraph.js extract FILE\` on a ${(bigBytes / MB).toFixed(1)} MB page-like text (seeded synthetic articles, seed ${CORPUS_SEED}, in a temp file); ` +
        `peak RSS by ${measured[0]?.method ?? 'time -v'}; output discarded; ${runs} run(s) after a 1 MB warm-up` +
        (buildNote ? `; ${buildNote}` : ''),
      columns: [
        { key: 'peakRss', header: 'peak RSS (MB)' },
        { key: 'rssPerInput', header: 'RSS / input size', format: 'fixed1' },
        { key: 'seconds', header: 'seconds', format: 'fixed1' },
        { key: 'mbPerSecond', header: 'input MB/s', format: 'fixed2' },
        { key: 'exit', header: 'exit code' },
      ],
      rows,
      summary: `memory: ${Math.round(peak.median).toLocaleString('en')} MB peak RSS and ${secs.median.toFixed(1)} s for a ${(bigBytes / MB).toFixed(0)} MB text (${(peak.median / (bigBytes / MB)).toFixed(0)}× the input)`,
      details: { inputBytes: bigBytes, method: measured[0]?.method, build: buildNote ?? 'dist/ was up to date', failed: failed ? failed.exitCode : null },
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
