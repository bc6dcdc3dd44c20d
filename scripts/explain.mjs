// Error analysis for `npm run eval -- --explain N`: the worst misses per task, with the words
// around them, so the next person knows where to push. Reads the gold files in ../shared/data
// and the project's outputs; prints only (nothing from the data is written to the project).
import fs from 'node:fs';

const readJsonl = (p) => fs.readFileSync(p, 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
const byId = (rows) => new Map(rows.map((r) => [String(r.id), r]));
const clip = (s, n) => (s.length > n ? `${s.slice(0, n - 1)}…` : s).replace(/\s+/g, ' ');
const context = (text, start, end, width = 60) =>
  `${clip(text.slice(Math.max(0, start - width), start), width + 1)}[[${clip(text.slice(start, end), 120)}]]${clip(text.slice(end, end + width), width + 1)}`;
const overlaps = (a, b) => a.start < b.end && b.start < a.end;

function top(counter, n) {
  return [...counter.entries()].sort((a, b) => b[1] - a[1]).slice(0, n);
}

export function explainQuotes(goldPath, outPath, n) {
  const out = byId(readJsonl(outPath));
  const missed = [];
  const spurious = [];
  const wrongSpeaker = [];
  for (const g of readJsonl(goldPath)) {
    const r = out.get(String(g.id));
    const preds = r?.quotes ?? [];
    for (const q of g.quotes) {
      const hit = preds.find((p) => overlaps(p, q));
      if (!hit) missed.push({ text: g.text, q, marks: q.quote_marks });
      else if (q.speaker && hit.speaker && !overlaps(hit.speaker, q.speaker)) wrongSpeaker.push({ text: g.text, q, p: hit });
    }
    for (const p of preds) if (!g.quotes.some((q) => overlaps(p, q))) spurious.push({ text: g.text, p });
  }
  console.log(`\n## quotes: ${missed.length} gold missed, ${spurious.length} predicted not in gold, ${wrongSpeaker.length} wrong speakers`);
  const cues = new Map();
  for (const m of missed) if (m.q.cue) cues.set(m.q.cue.text.toLowerCase(), (cues.get(m.q.cue.text.toLowerCase()) ?? 0) + 1);
  console.log(`missed, by gold cue: ${top(cues, 15).map(([c, k]) => `${c} ×${k}`).join(', ')}`);
  const pcues = new Map();
  for (const s of spurious) if (s.p.cue) pcues.set(s.p.cue.text.toLowerCase(), (pcues.get(s.p.cue.text.toLowerCase()) ?? 0) + 1);
  console.log(`spurious, by our cue: ${top(pcues, 15).map(([c, k]) => `${c} ×${k}`).join(', ')}`);
  console.log(`\nmissed (longest first):`);
  missed.sort((a, b) => b.q.end - b.q.start - (a.q.end - a.q.start)).slice(0, n)
    .forEach((m) => console.log(`- [${m.marks}] cue "${m.q.cue?.text ?? '-'}" speaker "${m.q.speaker?.text ?? '-'}": ${context(m.text, m.q.start, m.q.end)}`));
  console.log(`\nwrong speakers:`);
  wrongSpeaker.slice(0, n).forEach((w) => console.log(`- gold "${w.q.speaker.text}", ours "${w.p.speaker.text}": ${context(w.text, w.q.start, w.q.end, 40)}`));
  console.log(`\nspurious:`);
  spurious.slice(0, n).forEach((s) => console.log(`- [${s.p.kind}] cue "${s.p.cue?.text ?? '-'}": ${context(s.text, s.p.start, s.p.end, 40)}`));
}

/** CoNLL gold as the scorer builds it: tokens joined by one space, sentences by "\n". */
function conllDocs(path) {
  const docs = [];
  let doc = null;
  let sentence = [];
  const flush = () => {
    if (!doc || !sentence.length) return;
    let text = doc.text ? `${doc.text}\n` : '';
    let tag = null;
    for (const [tok, iob] of sentence) {
      if (text && !text.endsWith('\n')) text += ' ';
      const start = text.length;
      text += tok;
      const [b, type] = iob === 'O' ? ['O', null] : iob.split('-');
      if (b === 'B' || (b === 'I' && (!tag || tag.type !== type))) {
        tag = { start, end: text.length, type };
        doc.ents.push(tag);
      } else if (b === 'I') tag.end = text.length;
      else tag = null;
    }
    doc.text = text;
    sentence = [];
  };
  for (const line of fs.readFileSync(path, 'utf8').split('\n')) {
    if (line.startsWith('-DOCSTART-')) {
      flush();
      doc = { text: '', ents: [] };
      docs.push(doc);
    } else if (!line.trim()) flush();
    else {
      const cols = line.split(' ');
      sentence.push([cols[0], cols[cols.length - 1]]);
    }
  }
  flush();
  return docs;
}

export function explainNer(goldPath, outPath, n) {
  const outs = readJsonl(outPath);
  const docs = conllDocs(goldPath);
  const TYPE = { PERSON: 'PER', ORG: 'ORG', LOC: 'LOC', MISC: 'MISC' };
  const fn = new Map();
  const fp = new Map();
  const confused = new Map();
  const outByText = new Map(outs.map((r) => [r.text, r]));
  docs.forEach((d) => {
    const r = outByText.get(d.text);
    if (!r) return;
    const preds = r.entities.flatMap((e) => e.mentions.map((m) => ({ start: m.start, end: m.end, type: TYPE[e.type] ?? 'MISC' })));
    const key = (s) => `${s.start}:${s.end}`;
    const predBy = new Map(preds.map((p) => [key(p), p]));
    const goldBy = new Map(d.ents.map((g) => [key(g), g]));
    for (const g of d.ents) {
      const p = predBy.get(key(g));
      const word = d.text.slice(g.start, g.end);
      if (!p) fn.set(`${g.type} ${word}`, (fn.get(`${g.type} ${word}`) ?? 0) + 1);
      else if (p.type !== g.type) confused.set(`${word}: gold ${g.type}, ours ${p.type}`, (confused.get(`${word}: gold ${g.type}, ours ${p.type}`) ?? 0) + 1);
    }
    for (const p of preds) if (!goldBy.has(key(p))) fp.set(`${p.type} ${d.text.slice(p.start, p.end)}`, (fp.get(`${p.type} ${d.text.slice(p.start, p.end)}`) ?? 0) + 1);
  });
  console.log(`\n## ner: most frequent misses, false alarms (span not in gold) and type confusions`);
  console.log(`missed: ${top(fn, n).map(([k, c]) => `${k} ×${c}`).join('; ')}`);
  console.log(`false alarms: ${top(fp, n).map(([k, c]) => `${k} ×${c}`).join('; ')}`);
  console.log(`confused: ${top(confused, n).map(([k, c]) => `${k} ×${c}`).join('; ')}`);
}

export function explainDates(goldPaths, outPath, n) {
  const out = byId(readJsonl(outPath));
  const wrong = new Map();
  const missed = [];
  const examples = [];
  for (const p of goldPaths) {
    for (const g of readJsonl(p)) {
      const preds = out.get(String(g.id))?.dates ?? [];
      for (const t of g.timexes) {
        const hit = preds.find((d) => overlaps(d, t));
        if (!hit) {
          missed.push(`${t.type} "${t.text}"`);
          continue;
        }
        if (String(hit.value).toUpperCase() !== String(t.value).toUpperCase()) {
          const k = `"${t.text}" gold ${t.value}, ours ${hit.value}`;
          wrong.set(k, (wrong.get(k) ?? 0) + 1);
          if (examples.length < n) examples.push(`- DCT ${g.dct}: ${context(g.text, t.start, t.end, 50)} gold ${t.value}, ours ${hit.value}`);
        }
      }
    }
  }
  const missedCount = new Map();
  for (const m of missed) missedCount.set(m, (missedCount.get(m) ?? 0) + 1);
  console.log(`\n## dates: ${missed.length} gold timexes missed; value errors by phrase`);
  console.log(`value errors: ${top(wrong, n).map(([k, c]) => `${k} ×${c}`).join('; ')}`);
  console.log(`missed: ${top(missedCount, n).map(([k, c]) => `${k} ×${c}`).join('; ')}`);
  console.log(examples.join('\n'));
}
