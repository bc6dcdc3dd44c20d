// Dev loop for the dates stage: run tokens + sentences + recognizeDates over the TempEval-3
// dev set (TimeBank + AQUAINT), write predictions and score them.
//   node --import tsx scripts/dev-dates.ts [--out out.jsonl] [--errors]
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Doc } from '../src/doc/doc.js';
import { recognizeDates } from '../src/nlp/dates/index.js';
import { sentences, tokenize } from '../src/nlp/tokens.js';

const SHARED = process.env.SHARED ?? '/work/shared';
const SCORER = path.join(SHARED, 'tools/score-timex.mjs');
const GOLD = ['train-timebank.jsonl', 'train-aquaint.jsonl'].map((f) => path.join(SHARED, 'data/timex-tempeval3', f));
const args = process.argv.slice(2);
const outArg = args.indexOf('--out');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dev-dates-'));
const outPath = outArg >= 0 ? args[outArg + 1] : path.join(dir, 'out.jsonl');

const input = execFileSync('node', [SCORER, 'input', ...GOLD], { encoding: 'utf8', maxBuffer: 1 << 28 });
const docs = input.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; body: string; published?: string | null });

// warm-up, then time the whole pipeline and the dates stage alone
const run = (d: { body: string; published?: string | null }): Doc => {
  let doc = Doc.create(d.body, { published: d.published ?? null });
  doc = doc.withLayer('tokens', tokenize(doc));
  doc = doc.withLayer('sentences', sentences(doc));
  return doc.withLayer('dates', recognizeDates(doc));
};
for (const d of docs.slice(0, 20)) run(d);

let tokenCount = 0;
let datesMs = 0;
const lines: string[] = [];
const t0 = performance.now();
for (const d of docs) {
  let doc = Doc.create(d.body, { published: d.published ?? null });
  doc = doc.withLayer('tokens', tokenize(doc));
  doc = doc.withLayer('sentences', sentences(doc));
  const t1 = performance.now();
  const dates = recognizeDates(doc);
  datesMs += performance.now() - t1;
  doc = doc.withLayer('dates', dates); // checks order and token alignment
  tokenCount += doc.get('tokens').length;
  lines.push(JSON.stringify({
    id: d.id,
    text: d.body,
    dates: dates.map((x) => ({ start: x.start, end: x.end, text: d.body.slice(x.start, x.end), type: x.type, value: x.value, ...(x.mod ? { mod: x.mod } : {}) })),
  }));
}
const totalMs = performance.now() - t0;
fs.writeFileSync(outPath, lines.join('\n') + '\n');

const score = execFileSync('node', [SCORER, 'score', ...GOLD, outPath], { encoding: 'utf8', maxBuffer: 1 << 28 });
process.stdout.write(score);
console.log(`speed: ${docs.length} docs, ${tokenCount} tokens; dates stage ${Math.round(tokenCount / (datesMs / 1000))} tokens/s; ` +
  `tokens+sentences+dates ${Math.round(tokenCount / (totalMs / 1000))} tokens/s`);
console.log(`predictions: ${outPath}`);
