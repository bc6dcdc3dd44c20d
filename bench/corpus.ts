// A fixed benchmark corpus: synthetic news articles from a seeded generator (so every run and
// every machine analyses the same text), plus the dev texts in ../shared/data when present.
import fs from 'node:fs';
import path from 'node:path';
import { mulberry32 } from '../src/rng.js';

export { mulberry32 as rng };

const FIRST = ['Anna', 'Tom', 'Maria', 'Li', 'Omar', 'Sofia', 'James', 'Elena', 'Kofi', 'Priya', 'Lukas', 'Aiko'];
const LAST = ['Berg', 'Hale', 'Novak', 'Chen', 'Haddad', 'Rossi', 'Walker', 'Petrova', 'Mensah', 'Sharma', 'Weber', 'Sato'];
const ROLES = ['Foreign Minister', 'spokesman', 'President', 'Finance Minister', 'Mayor', 'chief executive'];
const ORGS = ['the Finance Ministry', 'the Central Bank', 'the United Nations', 'the Health Agency', 'the Transport Union', 'Acme Corp'];
const PLACES = ['Paris', 'Nairobi', 'Jakarta', 'Lima', 'Oslo', 'Cairo', 'Hanoi', 'Warsaw'];
const CUES = ['said', 'added', 'stressed', 'told reporters', 'noted', 'warned'];
const TOPICS = ['the budget would rise by 3 percent next year', 'talks would resume on Monday', 'the bridge had been closed since 2019',
  'prices had fallen for nearly two years', 'the agreement was signed in May 2023', 'the new rules would take effect in January'];
const MONTHS = ['January', 'March', 'May', 'July', 'September', 'November'];

export function generateArticle(r: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const paras: string[] = [];
  const n = 6 + Math.floor(r() * 8);
  for (let i = 0; i < n; i++) {
    const person = `${pick(FIRST)} ${pick(LAST)}`;
    const role = pick(ROLES);
    const place = pick(PLACES);
    switch (Math.floor(r() * 5)) {
      case 0: paras.push(`${role[0].toUpperCase()}${role.slice(1)} ${person} ${pick(CUES)} on ${pick(MONTHS)} ${1 + Math.floor(r() * 28)} that ${pick(TOPICS)}.`); break;
      case 1: paras.push(`"We will not accept this," ${person} ${pick(CUES)} in ${place}. "It is a question of trust, and ${pick(TOPICS)}."`); break;
      case 2: paras.push(`According to ${pick(ORGS)}, ${pick(TOPICS)}. Officials in ${place} declined to comment.`); break;
      case 3: paras.push(`${pick(ORGS)[4].toUpperCase()}${pick(ORGS).slice(5)} confirmed that ${pick(TOPICS)}, while ${person} called it "a serious mistake".`); break;
      default: paras.push(`For more than ${2 + Math.floor(r() * 20)} years, ${place} has been a hub for trade. Mr. ${pick(LAST)} visited the city last week.`);
    }
  }
  return paras.join('\n\n');
}

export const CORPUS_SEED = 20241209;

export function syntheticCorpus(count: number, seed = CORPUS_SEED): string[] {
  const r = mulberry32(seed);
  return Array.from({ length: count }, () => generateArticle(r));
}

/** Article bodies from the shared dev sets (PolNeAR, CoNLL-2003, TempEval-3), when ../shared exists. */
export function devCorpus(shared = path.resolve(process.cwd(), '..', 'shared')): string[] {
  const out: string[] = [];
  const readJsonl = (p: string, field: string) => {
    if (!fs.existsSync(p)) return;
    for (const line of fs.readFileSync(p, 'utf8').split('\n')) if (line.trim()) out.push(String(JSON.parse(line)[field] ?? ''));
  };
  readJsonl(path.join(shared, 'data', 'polnear', 'dev.jsonl'), 'text');
  readJsonl(path.join(shared, 'data', 'timex-tempeval3', 'train-timebank.jsonl'), 'text');
  const conll = path.join(shared, 'data', 'ner-conll2003', 'dev.conll');
  if (fs.existsSync(conll)) {
    for (const doc of fs.readFileSync(conll, 'utf8').split('-DOCSTART- -X- -X- O')) {
      const sentences = doc.trim().split(/\n\s*\n/).map((s) => s.split('\n').filter(Boolean).map((l) => l.split(' ')[0]).join(' ')).filter(Boolean);
      if (sentences.length) out.push(sentences.join('\n'));
    }
  }
  return out;
}
