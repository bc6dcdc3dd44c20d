// Two-pass tagging of one document given as sentences of token strings.

import { type ClusterTable, docContext, gazTable, newU8, pass1Summary, pass2Features, sentenceFeatures, type Gazetteer, type GazTable } from './features.js';
import { decode, viterbi, type Scorer } from './model.js';

export interface Taggers {
  pass1: Scorer;
  pass2: Scorer | null;
  gazetteer: Gazetteer | GazTable;
  clusters?: ClusterTable | null;
  /** 'viterbi' (BIO-constrained second-order Viterbi) or greedy left-to-right (the default) */
  decoder?: string;
  meta?: Record<string, unknown>;
}

/** Labels (indices into LABELS) per sentence. */
export function tagDocument(m: Taggers, sentences: readonly (readonly string[])[]): Uint8Array[] {
  const ctx = docContext(sentences);
  const dec = (m.decoder ?? m.meta?.decoder) === 'viterbi' ? viterbi : decode;
  const gaz = 'get' in m.gazetteer && !(m.gazetteer instanceof Map) ? m.gazetteer : gazTable(m.gazetteer as Gazetteer);
  const bases = sentences.map((words) => sentenceFeatures(words, ctx, gaz, m.clusters));
  const first: Uint8Array[] = bases.map((f) => {
    const out = newU8(f.n);
    dec(m.pass1, f, out);
    return out;
  });
  if (!m.pass2) return first;
  const p = pass1Summary(sentences, first);
  const pt = gazTable(p.phrases);
  return bases.map((f, s) => {
    const out = newU8(f.n);
    dec(m.pass2!, f, out, pass2Features(f, p, pt, s));
    return out;
  });
}
