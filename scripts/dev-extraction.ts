// Measurement driver for the HTML page parser on the extraction benchmark (dev half).
//   node --import tsx scripts/dev-extraction.ts [--captions] [--worst N] [--dump DIR]
// Scores text = paragraphs joined by blank lines (with --captions: followed by the captions).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseHtmlPage } from '../src/extract/html/index.js';

const BENCH = process.env['BENCH'] ?? '/work/shared/data/extraction-bench';
const SCORER = '/work/shared/tools/score-extraction.mjs';
const args = process.argv.slice(2);
const withCaptions = args.includes('--captions');
const worstIdx = args.indexOf('--worst');
const worst = worstIdx >= 0 ? args[worstIdx + 1]! : '10';
const dumpIdx = args.indexOf('--dump');
const dump = dumpIdx >= 0 ? args[dumpIdx + 1]! : null;

const input = execFileSync('node', [SCORER, 'input', BENCH], { maxBuffer: 1 << 30, encoding: 'utf8' });
const pages = input.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as { id: string; html: string; url?: string });

const textOf = (p: ReturnType<typeof parseHtmlPage>, caps: boolean): string => {
  const paras = p.blocks.filter((b) => b.kind === 'paragraph').map((b) => b.text);
  const captions = caps ? p.blocks.filter((b) => b.kind === 'caption').map((b) => b.text) : [];
  return [...paras, ...captions].join('\n\n');
};

// a cold pass (includes JIT warm-up), then a timed warm pass
let t0 = process.hrtime.bigint();
for (const p of pages) parseHtmlPage(p.html, { url: p.url ?? null });
const coldSecs = Number(process.hrtime.bigint() - t0) / 1e9;
t0 = process.hrtime.bigint();
const results = pages.map((p) => parseHtmlPage(p.html, { url: p.url ?? null }));
const secs = Number(process.hrtime.bigint() - t0) / 1e9;

const dir = mkdtempSync(join(tmpdir(), 'dev-extraction-'));
const out = join(dir, 'out.jsonl');
writeFileSync(out, pages.map((p, i) => JSON.stringify({ id: p.id, text: textOf(results[i]!, withCaptions) })).join('\n') + '\n');
if (dump) {
  mkdirSync(dump, { recursive: true });
  pages.forEach((p, i) => writeFileSync(join(dump, p.id + '.json'), JSON.stringify(results[i], null, 1)));
}
const scoreArgs = [SCORER, 'score', BENCH, out, '--worst', worst];
if (!args.includes('--norefs')) scoreArgs.push('--refs');
const report = execFileSync('node', scoreArgs, { maxBuffer: 1 << 28, encoding: 'utf8' });
process.stdout.write(report);
console.log(
  `text = paragraphs${withCaptions ? ' + captions' : ''}; ${pages.length} pages: warm ${secs.toFixed(3)} s = ${(pages.length / secs).toFixed(1)} pages/s; ` +
    `cold first pass ${coldSecs.toFixed(3)} s = ${(pages.length / coldSecs).toFixed(1)} pages/s (one core)`,
);
