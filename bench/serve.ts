// Figure — serve: `node bin/newsgraph.js serve` (the compiled CLI) on the cached generated
// database of 100,000 articles (1,000,000 with --store-1m) under a bounded autocannon load on
// loopback: 10 s, 10 connections, GET /api/search cycling through a fixed set of 50 seeded
// queries. Requests/s, latency percentiles, and the server's resident memory: after start-up
// (VmRSS) and its peak over the whole run (VmHWM from /proc/<pid>/status).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import type { Figure } from './stats.js';
import { ensureBuilt, parseVmHwm } from './memory.js';
import { cachedDbs } from './store-cache.js';
import { DEFAULT_STORE_SEED, storeGenerator, type BenchQuery } from './store-gen.js';

export interface ServeBenchOptions {
  readonly articles: number;
  readonly seed?: number;
  readonly seconds?: number;
  readonly connections?: number;
}

const MB = 1024 * 1024;

/** The /api/search path for a bench query. */
export function searchPath(q: BenchQuery): string {
  const p = new URLSearchParams();
  if (q.q) p.set('q', q.q);
  const o = q.options;
  if (o.speaker !== undefined) p.set('speaker', String(o.speaker));
  if (o.publisher) p.set('publisher', o.publisher);
  if (o.publishedFrom) p.set('from', o.publishedFrom);
  if (o.publishedTo) p.set('to', o.publishedTo);
  if (o.kind) p.set('kind', o.kind);
  if (o.type) p.set('type', o.type);
  p.set('limit', '20');
  return `/api/search?${p}`;
}

const vmRss = (pid: number): number | null => {
  try {
    const m = /^VmRSS:\s*(\d+)\s*kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : null;
  } catch {
    return null;
  }
};
const vmHwm = (pid: number): number | null => {
  try {
    return parseVmHwm(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
  } catch {
    return null;
  }
};

function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const token = 'bench-token-' + 'x'.repeat(24);
  const child = spawn(process.execPath, ['bin/newsgraph.js', 'serve', '--data', dataDir, '--port', '0', '--token', token], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`serve did not start in 60 s: ${err}`)), 60000);
    child.stdout!.on('data', (d: Buffer) => {
      out += d;
      const m = /listening on (http:\/\/\S+)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ child, url: m[1] });
      }
    });
    child.stderr!.on('data', (d: Buffer) => (err += d));
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve exited with ${code}: ${err}`));
    });
  });
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p90: number; p99: number; max: number; average: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

export async function benchServe({ articles, seed = DEFAULT_STORE_SEED, seconds = 10, connections = 10 }: ServeBenchOptions): Promise<Figure | null> {
  const buildNote = ensureBuilt();
  if (!fs.existsSync('dist/cli/main.js')) {
    console.error('serve: no compiled CLI (dist/cli/main.js) — figure skipped');
    return null;
  }
  const db = (await cachedDbs(seed, [articles])).get(articles)!;
  // A specifier the compiler does not resolve: autocannon ships no types.
  const autocannon = (await import('autocannon' as string)).default as (opts: Record<string, unknown>) => Promise<AutocannonResult>;
  const paths = storeGenerator(seed).queries(50).map(searchPath);
  const { child, url } = await startServer(db.dir);
  const pid = child.pid!;
  try {
    let i = 0;
    const requests = [{ method: 'GET', setupRequest: (req: Record<string, unknown>) => ({ ...req, path: paths[i++ % paths.length] }) }];
    // Warm-up: every query once, so the first second does not measure cold pages only.
    await autocannon({ url, connections: 1, amount: paths.length, requests });
    const idle = vmRss(pid);
    const c0 = process.cpuUsage();
    const result = await autocannon({ url, connections, duration: seconds, requests });
    const benchCpu = process.cpuUsage(c0);
    const peak = vmHwm(pid);
    const rps = result.requests.average;
    return {
      id: 'serve',
      title: 'Serve: HTTP search under load',
      about:
        `\`node bin/newsgraph.js serve\` on the generated ${articles.toLocaleString('en')}-article database (seed ${seed}); autocannon on loopback, ${seconds} s, ${connections} connections, ` +
        `GET /api/search cycling through ${paths.length} fixed seeded queries (limit 20), after one pass as warm-up; RSS from /proc (VmRSS after the warm-up, VmHWM = peak over the run); ` +
        `autocannon itself used ${((benchCpu.user + benchCpu.system) / 1e6).toFixed(1)} s of CPU in this process on the same ${os.cpus().length} cores` + (buildNote ? `; ${buildNote}` : ''),
      columns: [
        { key: 'rps', header: 'requests/s' },
        { key: 'p50', header: 'p50 (ms)', format: 'fixed1' },
        { key: 'p90', header: 'p90 (ms)', format: 'fixed1' },
        { key: 'p99', header: 'p99 (ms)', format: 'fixed1' },
        { key: 'max', header: 'max (ms)', format: 'fixed1' },
        { key: 'rssIdle', header: 'RSS after warm-up (MB)' },
        { key: 'rssPeak', header: 'peak RSS (MB)' },
        { key: 'bad', header: 'errors / non-2xx' },
      ],
      rows: [{
        label: `${articles.toLocaleString('en')} articles`,
        cells: {
          rps, p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max,
          rssIdle: idle === null ? null : idle / MB, rssPeak: peak === null ? null : peak / MB, bad: `${result.errors + result.timeouts} / ${result.non2xx}`,
        },
      }],
      summary:
        `serve: ${Math.round(rps).toLocaleString('en')} search requests/s (p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms) on ${articles.toLocaleString('en')} articles, ` +
        `peak RSS ${peak === null ? '?' : Math.round(peak / MB)} MB`,
      details: { seed, seconds, connections, totalRequests: result.requests.total, non2xx: result.non2xx, errors: result.errors },
    };
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
}
