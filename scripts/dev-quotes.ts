// Dev loop for the quote stage on PolNeAR dev (or any {"id","body"} JSONL):
//   node --import tsx scripts/dev-quotes.ts [gold.jsonl] [--json] [--out out.jsonl]
// Builds a Doc per line (text = body), runs tokens, sentences and recognizeQuotes, writes the
// contract's result lines, prints tokens/s of the quote stage and of the three stages, then runs
// the shared scorer. The gold texts are read from ../shared at run time and never copied here.

import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { Doc } from '../src/doc/doc.js';
import { tokenize, sentences } from '../src/nlp/tokens.js';
import { recognizeQuotes } from '../src/nlp/quotes/index.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const outIdx = args.indexOf('--out');
const out = outIdx >= 0 ? args[outIdx + 1] : '/tmp/dev-quotes.out.jsonl';
const gold = args.find((a, i) => !a.startsWith('--') && i !== outIdx + 1) ?? '/work/shared/data/polnear/dev.jsonl';
const SCORER = '/work/shared/tools/score-quotes.mjs';
if (!existsSync(gold)) throw new Error(`no gold file at ${gold}`);

const input = execFileSync('node', [SCORER, 'input', gold], { maxBuffer: 1 << 28 }).toString('utf8');
const lines = input.split('\n').filter((l) => l.trim() !== '');
const results: string[] = [];
let tokenCount = 0;
let quoteMs = 0;
let allMs = 0;
const t0 = performance.now();
for (const line of lines) {
  const { id, body } = JSON.parse(line) as { id: string; body: string };
  const a = performance.now();
  let doc = Doc.create(body);
  doc = doc.withLayer('tokens', tokenize(doc));
  doc = doc.withLayer('sentences', sentences(doc));
  const b = performance.now();
  const quotes = recognizeQuotes(doc);
  const c = performance.now();
  quoteMs += c - b;
  allMs += c - a;
  tokenCount += doc.get('tokens').length;
  const text = doc.text;
  results.push(JSON.stringify({
    id,
    text: body,
    quotes: quotes.map((q) => ({
      kind: q.kind,
      start: q.start,
      end: q.end,
      text: text.slice(q.start, q.end),
      cue: q.cue ? { start: q.cue.start, end: q.cue.end, text: text.slice(q.cue.start, q.cue.end) } : null,
      speaker: q.speaker
        ? { entity: null, name: text.slice(q.speaker.start, q.speaker.end), start: q.speaker.start, end: q.speaker.end, text: text.slice(q.speaker.start, q.speaker.end) }
        : null,
    })),
  }));
}
writeFileSync(out, results.join('\n') + '\n');
const wall = performance.now() - t0;
// a second, warm pass over the quote stage alone for a steadier speed figure
const docs = lines.map((l) => {
  let d = Doc.create((JSON.parse(l) as { body: string }).body);
  d = d.withLayer('tokens', tokenize(d));
  return d.withLayer('sentences', sentences(d));
});
const w0 = performance.now();
for (let r = 0; r < 3; r++) for (const d of docs) recognizeQuotes(d);
const warmMs = (performance.now() - w0) / 3;
console.log(`docs=${lines.length} tokens=${tokenCount} wall=${wall.toFixed(0)}ms`);
console.log(`quote stage: ${Math.round(tokenCount / (quoteMs / 1000))} tokens/s (cold), ${Math.round(tokenCount / (warmMs / 1000))} tokens/s (warm); tokens+sentences+quotes: ${Math.round(tokenCount / (allMs / 1000))} tokens/s`);
const scoreArgs = [SCORER, 'score', gold, out];
if (json) scoreArgs.push('--json');
console.log(execFileSync('node', scoreArgs, { maxBuffer: 1 << 28 }).toString('utf8'));
