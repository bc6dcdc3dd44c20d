// The newsgraph command line: thin commands over the same functions the server calls.

import { Command, InvalidArgumentError, Option } from 'commander';
import { NewsgraphError } from '../doc/errors.js';
import { isIsoDate } from '../extract/dates.js';
import { DEFAULT_INPUT_LIMITS } from '../extract/index.js';
import { DEFAULT_FETCH_LIMITS } from '../ingest/fetch.js';
import { extractJsonl, extractOne } from './extract.js';
import { registerServeCommand } from './serve.js';
import { registerFeedCommands } from './feeds.js';
import { registerKbCommands } from './kb.js';
import { registerUserCommands } from './users.js';
import { registerWorkerCommand } from './worker.js';
import { registerMigrateCommand } from './migrate.js';

function isoDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError('expected a date like 2024-12-09.');
  return value;
}

function positiveNumber(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new InvalidArgumentError('expected a positive number.');
  return n;
}

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('newsgraph')
    .description('Who said what, about whom, when, according to whom — from news articles.')
    .version('0.1.0')
    .showHelpAfterError();

  program
    .command('extract')
    .description('Analyse one article (a file, a URL or - for stdin) or a JSONL batch (--jsonl, stdin to stdout).')
    .argument('[input]', 'article file (.txt page or .html), http(s) URL, or - for standard input')
    .option('--jsonl', 'batch mode: read JSONL lines {"id","body"|"text"|"html","published"?,"url"?} on stdin, write one result line each')
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'text']).default('json'))
    .option('--published <date>', 'publication date (YYYY-MM-DD) that relative dates are resolved against', isoDate)
    .option('--pretty', 'indent JSON output')
    .option('--max-input-mb <mb>', 'largest input accepted, in MB', positiveNumber, DEFAULT_INPUT_LIMITS.maxInputChars / 1048576)
    .option('--timeout-ms <ms>', 'deadline for fetching a URL', positiveNumber, DEFAULT_FETCH_LIMITS.timeoutMs)
    .option('--allow-private', 'allow fetching private, loopback and link-local addresses')
    .action(async (input: string | undefined, opts) => {
      const options = {
        format: opts.format as 'json' | 'text',
        published: (opts.published as string | undefined) ?? null,
        pretty: Boolean(opts.pretty),
        limits: { maxInputChars: Math.floor((opts.maxInputMb as number) * 1048576) },
        fetch: { ...DEFAULT_FETCH_LIMITS, timeoutMs: opts.timeoutMs as number, allowPrivate: Boolean(opts.allowPrivate) },
      };
      if (opts.jsonl) {
        if (input && input !== '-') throw new NewsgraphError('USAGE', '--jsonl reads standard input: use "newsgraph extract --jsonl < in.jsonl > out.jsonl".');
        const tty = process.stderr.isTTY;
        const started = Date.now();
        const progress = tty
          ? (n: number) => {
              if (n % 10 === 0) process.stderr.write(`\r${n} articles, ${(n / ((Date.now() - started) / 1000 || 1)).toFixed(1)}/s`);
            }
          : undefined;
        const { lines, errors } = await extractJsonl(process.stdin, process.stdout, { ...options, progress });
        if (tty) process.stderr.write(`\r${lines} articles done, ${errors} with errors.\n`);
        return;
      }
      if (!input) throw new NewsgraphError('USAGE', 'Give an article: newsgraph extract FILE|URL|- (or --jsonl for a batch on stdin).');
      process.stdout.write((await extractOne(input, options)) + '\n');
    });

  registerKbCommands(program);
  registerServeCommand(program);
  registerFeedCommands(program);
  registerUserCommands(program);
  registerWorkerCommand(program);
  registerMigrateCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv);
    return 0;
  } catch (err) {
    if (err instanceof NewsgraphError) {
      process.stderr.write(`newsgraph: ${err.message} [${err.code}]\n`);
      return 2;
    }
    throw err;
  }
}
