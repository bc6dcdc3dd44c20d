// Two-pass tagging of one document given as sentences of token strings.

import { docContext, pass1Summary, sentenceFeatures, type Gazetteer, type SentenceFeatures } from './features.js';
import { decode, type Scorer } from './model.js';

export interface Taggers {
  pass1: Scorer;
  pass2: Scorer | null;
  gazetteer: Gazetteer;
}

/** Labels (indices into LABELS) per sentence. */
export function tagDocument(m: Taggers, sentences: readonly (readonly string[])[]): Uint8Array[] {
  const ctx = docContext(sentences);
  const first: Uint8Array[] = [];
  for (const words of sentences) {
    const f = sentenceFeatures(words, ctx, m.gazetteer);
    const out = new Uint8Array(words.length);
    decode(m.pass1, f, out);
    first.push(out);
  }
  if (!m.pass2) return first;
  const p = pass1Summary(sentences, first);
  const second: Uint8Array[] = [];
  for (let s = 0; s < sentences.length; s++) {
    const f: SentenceFeatures = sentenceFeatures(sentences[s], ctx, m.gazetteer, { pass: p, sentence: s });
    const out = new Uint8Array(sentences[s].length);
    decode(m.pass2, f, out);
    second.push(out);
  }
  return second;
}
