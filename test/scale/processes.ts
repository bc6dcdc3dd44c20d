// Starting newsgraph workers and API servers as child processes (test/scale/cli.ts), for the
// scale test and the PostgreSQL bench.
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { mulberry32 } from '../../src/rng.js';

const CLI = path.join(path.dirname(fileURLToPath(import.meta.url)), 'cli.ts');

export interface Child {
  readonly proc: ChildProcess;
  readonly name: string;
  /** Everything it wrote to stderr and stdout so far. */
  output(): string;
  /** Resolves with the exit code or signal. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
  stop(signal?: NodeJS.Signals): Promise<void>;
}

export function startCli(name: string, args: string[], env: NodeJS.ProcessEnv = {}): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout!.on('data', (d) => (out += d));
  proc.stderr!.on('data', (d) => (out += d));
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) => proc.on('exit', (code, signal) => resolve(signal ?? code)));
  return {
    proc,
    name,
    output: () => out,
    exited,
    async stop(signal: NodeJS.Signals = 'SIGTERM') {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      const timer = setTimeout(() => proc.kill('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Resolves with the first match of `re` in the child's output, or rejects after timeoutMs. */
export async function waitForOutput(child: Child, re: RegExp, timeoutMs = 60_000): Promise<RegExpMatchArray> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const m = child.output().match(re);
    if (m) return m;
    if (child.proc.exitCode !== null || child.proc.signalCode !== null) throw new Error(`${child.name} exited before printing ${re}:\n${child.output()}`);
    if (Date.now() > deadline) throw new Error(`${child.name} did not print ${re} within ${timeoutMs} ms:\n${child.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Polls until check() returns a value other than undefined. */
export async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs: number, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await check();
    if (v !== undefined) return v;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Short generated news texts (each names its index, so every one is distinct); rng is mulberry32. */
export { mulberry32 as rng };

const FIRST = ['Anna', 'Tom', 'Maria', 'Li', 'Omar', 'Sofia', 'James', 'Elena', 'Kofi', 'Priya', 'Lukas', 'Aiko'];
const LAST = ['Berg', 'Hale', 'Novak', 'Chen', 'Haddad', 'Rossi', 'Walker', 'Petrova', 'Mensah', 'Sharma', 'Weber', 'Sato'];
const PLACES = ['Paris', 'Nairobi', 'Jakarta', 'Lima', 'Oslo', 'Cairo', 'Hanoi', 'Warsaw'];
const TOPICS = ['the port will reopen in May', 'talks would resume on Monday', 'the bridge had been closed since 2019', 'prices had fallen for two years'];
const ORGS = ['the Transport Union', 'the Central Bank', 'the Health Agency', 'Acme Corp'];

export function shortArticle(r: () => number, i: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const person = `${pick(FIRST)} ${pick(LAST)}`;
  return [
    `Dispatch ${i} from ${pick(PLACES)}`,
    `"${pick(TOPICS)[0].toUpperCase()}${pick(TOPICS).slice(1)}," ${person} said on Tuesday in ${pick(PLACES)}.`,
    `According to ${pick(ORGS)}, ${pick(TOPICS)}. Item ${i} closes the report.`,
  ].join('\n\n');
}
