// Score the NER stage on the CoNLL-2003 dev set with the shared scorer, through OUR tokenizer.
//   node --import tsx scripts/dev-ner.ts [--gold FILE] [--model DIR] [--keep DIR]

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Doc } from '../src/doc/doc.js';
import { loadNerModel, recognizeMentions } from '../src/nlp/entities/index.js';
import { sentences, tokenize } from '../src/nlp/tokens.js';

const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const GOLD = opt('gold', '/work/shared/data/ner-conll2003/dev.conll');
const SCORER = '/work/shared/tools/score-ner.mjs';
const dir = opt('keep', '') || mkdtempSync(join(tmpdir(), 'dev-ner-'));
const modelPath = opt('model', '');

const t0 = performance.now();
const model = loadNerModel(modelPath || undefined);
const loadMs = performance.now() - t0;

const input = execFileSync('node', [SCORER, 'input', GOLD], { maxBuffer: 1 << 28 }).toString('utf8');
const docs = input.split('\n').filter(Boolean).map((l) => JSON.parse(l) as { id: string; body: string });

// tokens + sentences first (not timed), then the NER stage alone
const prepared = docs.map((d) => {
  let doc = Doc.create(d.body);
  doc = doc.withLayer('tokens', tokenize(doc));
  doc = doc.withLayer('sentences', sentences(doc));
  return doc;
});
let tokens = 0;
for (const d of prepared) tokens += d.get('tokens').length;
recognizeMentions(prepared[0], model); // warm up
const ROUNDS = 3;
let best = Infinity;
let results: ReturnType<typeof recognizeMentions>[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const t1 = performance.now();
  results = prepared.map((d) => recognizeMentions(d, model));
  best = Math.min(best, performance.now() - t1);
}
const tp = performance.now();
for (const d of docs) {
  let doc = Doc.create(d.body);
  doc = doc.withLayer('tokens', tokenize(doc));
  doc = doc.withLayer('sentences', sentences(doc));
  doc.withLayer('mentions', recognizeMentions(doc, model));
}
const pipeMs = performance.now() - tp;

const lines = docs.map((d, k) => {
  const entities = results[k].map((m, i) => {
    const text = d.body.slice(m.start, m.end);
    return { id: `e${i}`, name: text, type: m.type, mentions: [{ start: m.start, end: m.end, text }] };
  });
  return JSON.stringify({ id: d.id, text: d.body, entities });
});
const outFile = join(dir, 'out.jsonl');
writeFileSync(outFile, lines.join('\n') + '\n');
const report = execFileSync('node', [SCORER, 'score', GOLD, outFile], { maxBuffer: 1 << 26 }).toString('utf8');
process.stdout.write(report);
console.log(`model load: ${loadMs.toFixed(0)} ms`);
console.log(`recognizeMentions: ${tokens} tokens in ${best.toFixed(0)} ms = ${Math.round(tokens / (best / 1000)).toLocaleString('en')} tokens/s (best of ${ROUNDS})`);
console.log(`tokens+sentences+mentions (with Doc checks): ${Math.round(tokens / (pipeMs / 1000)).toLocaleString('en')} tokens/s`);
console.log(`output: ${outFile}`);
