// Two-pass tagging of one document given as sentences of token strings.

import { docContext, gazTable, pass1Summary, pass2Features, sentenceFeatures, type Gazetteer, type GazTable } from './features.js';
import { decode, type Scorer } from './model.js';

export interface Taggers {
  pass1: Scorer;
  pass2: Scorer | null;
  gazetteer: Gazetteer | GazTable;
}

/** Labels (indices into LABELS) per sentence. */
export function tagDocument(m: Taggers, sentences: readonly (readonly string[])[]): Uint8Array[] {
  const ctx = docContext(sentences);
  const gaz = 'get' in m.gazetteer && !(m.gazetteer instanceof Map) ? m.gazetteer : gazTable(m.gazetteer as Gazetteer);
  const bases = sentences.map((words) => sentenceFeatures(words, ctx, gaz));
  const first: Uint8Array[] = bases.map((f) => {
    const out = new Uint8Array(f.n);
    decode(m.pass1, f, out);
    return out;
  });
  if (!m.pass2) return first;
  const p = pass1Summary(sentences, first);
  const pt = gazTable(p.phrases);
  return bases.map((f, s) => {
    const out = new Uint8Array(f.n);
    decode(m.pass2!, f, out, pass2Features(f, p, pt, s));
    return out;
  });
}
