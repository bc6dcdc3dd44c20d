// The store bench's seeded generator: synthetic analysed articles (ArticleResults built by
// src/store/testing.ts, no NLP) and a fixed mix of search queries. The same seed gives the same
// articles in the same order and the same queries. Bump GENERATOR_VERSION whenever the output
// for a seed changes (cached databases are keyed by it).

import { contentHash, type SearchOptions } from '../src/store/store.js';
import { buildResult, type ArticleSpec } from '../src/store/testing.js';
import type { ArticleResult } from '../src/result.js';
import { mulberry32 } from '../src/rng.js';

export const GENERATOR_VERSION = 'store-gen/1';
export const DEFAULT_STORE_SEED = 20241125;

export { mulberry32 };

export interface Generated {
  readonly result: ArticleResult;
  /** The article as plain text (title + paragraphs), for the NLP path. */
  readonly body: string;
  readonly hash: string;
}

export interface BenchQuery {
  readonly q: string;
  readonly options: SearchOptions;
  readonly label: string;
}

export interface StoreGenerator {
  readonly seed: number;
  /** The next article of the stream. */
  next(): Generated;
  /** n queries: ten kinds in turn (common/rare word, two words, phrase, OR, NOT, + speaker, + publisher and dates, speaker only, prefix + kind). */
  queries(n: number): BenchQuery[];
}

export function storeGenerator(seed: number): StoreGenerator {
  // Vocabulary and names from one stream, articles from another, queries from a third: the
  // queries do not depend on how many articles were generated.
  const vocabRand = mulberry32(seed);
  const articleRand = mulberry32((seed ^ 0x9e3779b9) >>> 0);
  const queryRand = mulberry32((seed ^ 0x85ebca6b) >>> 0);
  let rand = vocabRand;
  const int = (n: number): number => Math.floor(rand() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
  /** Zipf-like: low indexes much more often. */
  const zipf = <T>(xs: readonly T[], s = 1.1): T => xs[Math.min(xs.length - 1, Math.floor(Math.pow(rand(), s * 2.2) * xs.length))];

  const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'ten', 'vor', 'sel', 'du', 'brin', 'ta', 'ne', 'pol', 'ari', 'gus', 'fen', 'ho', 'li', 'mar', 'os', 'quin', 'ri', 'sa', 'tor', 'ul', 've', 'wen', 'yar', 'zo', 'ba', 'cor'];
  const word = (min: number, max: number): string => Array.from({ length: min + int(max - min + 1) }, () => pick(SYLLABLES)).join('');
  const cap = (w: string): string => w[0].toUpperCase() + w.slice(1);

  const VOCAB = [...new Set(Array.from({ length: 30000 }, () => word(2, 4)))];
  const FIRST = [...new Set(Array.from({ length: 600 }, () => cap(word(2, 3))))];
  const LAST = [...new Set(Array.from({ length: 1500 }, () => cap(word(2, 4))))];
  const PEOPLE = [...new Set(Array.from({ length: 3000 }, () => `${pick(FIRST)} ${pick(LAST)}`))];
  const ORGS = [...new Set(Array.from({ length: 600 }, () => `${cap(word(2, 3))} ${pick(['Group', 'Ministry', 'Bank', 'Council', 'Union', 'Agency'])}`))];
  const PUBLISHERS = Array.from({ length: 40 }, (_, i) => `${word(2, 3)}${i}.example`);
  const KINDS = ['direct', 'direct', 'direct', 'indirect', 'indirect', 'partial', 'refusal'];

  const sentence = (min: number, max: number): string => cap(Array.from({ length: min + int(max - min + 1) }, () => zipf(VOCAB)).join(' '));
  const date = (): string => new Date(Date.UTC(2020, 0, 1) + int(5 * 365) * 86400000).toISOString().slice(0, 10);

  let serial = 0;
  const next = (): Generated => {
    rand = articleRand;
    const id = serial++;
    const published = date();
    const publisher = zipf(PUBLISHERS, 0.6);
    const speakers = Array.from({ length: 1 + int(3) }, () => zipf(PEOPLE, 0.8));
    const orgs = Array.from({ length: int(3) }, () => zipf(ORGS, 0.8));
    const paragraphs: string[] = [];
    const qs: { text: string; speaker: string; kind: string; saidOn: string | null }[] = [];
    paragraphs.push(`${speakers[0]} ${sentence(8, 16).toLowerCase()}.`);
    for (let p = 0; p < 4 + int(4); p++) {
      const sentences = Array.from({ length: 2 + int(3) }, () => sentence(8, 18) + '.');
      if (p % 2 === 1 && qs.length < 4) {
        const who = pick(speakers);
        const about = orgs.length && rand() < 0.4 ? ` ${pick(orgs)}` : '';
        const text = `${sentence(6, 16)}${about} ${zipf(VOCAB)}`;
        qs.push({ text, speaker: `p${speakers.indexOf(who)}`, kind: pick(KINDS), saidOn: rand() < 0.3 ? date() : null });
        sentences.push(`"${text}," said ${who}.`);
      }
      paragraphs.push(sentences.join(' '));
    }
    const title = sentence(5, 9);
    const spec: ArticleSpec = {
      title,
      published,
      url: `https://${publisher}/news/${id}`,
      publisher,
      paragraphs,
      entities: [
        ...[...new Set(speakers)].map((name) => ({ id: `p${speakers.indexOf(name)}`, name, type: 'PERSON' as const, forms: [name, name.split(' ')[1]] })),
        ...[...new Set(orgs)].map((name, i) => ({ id: `o${i}`, name, type: 'ORG' as const })),
      ],
      quotes: qs.map((q) => ({ text: q.text, speaker: q.speaker, kind: q.kind, saidOn: q.saidOn })),
    };
    const body = `${title}\n\n${paragraphs.join('\n\n')}`;
    return { result: buildResult(spec), body, hash: contentHash(`${id}\n${body}`) };
  };

  const queries = (n: number): BenchQuery[] => {
    rand = queryRand;
    const out: BenchQuery[] = [];
    for (let i = 0; i < n; i++) {
      const w = () => zipf(VOCAB);
      const rare = () => VOCAB[2000 + int(VOCAB.length - 2000)];
      const r = i % 10;
      out.push(
        r === 0 ? { q: w(), options: {}, label: 'common word' }
        : r === 1 ? { q: rare(), options: {}, label: 'rare word' }
        : r === 2 ? { q: `${w()} ${w()}`, options: {}, label: 'two words' }
        : r === 3 ? { q: `"${w()} ${w()}"`, options: {}, label: 'phrase' }
        : r === 4 ? { q: `${w()} OR ${rare()}`, options: {}, label: 'OR' }
        : r === 5 ? { q: `${w()} NOT ${w()}`, options: {}, label: 'NOT' }
        : r === 6 ? { q: w(), options: { speaker: zipf(PEOPLE, 0.8) }, label: 'word + speaker' }
        : r === 7 ? { q: w(), options: { publisher: zipf(PUBLISHERS, 0.6), publishedFrom: '2022-01-01', publishedTo: '2022-12-31' }, label: 'word + publisher + dates' }
        : r === 8 ? { q: '', options: { speaker: zipf(PEOPLE, 0.8) }, label: 'speaker only' }
        : { q: `${w().slice(0, 3)}*`, options: { type: 'quote', kind: 'direct' }, label: 'prefix + kind' },
      );
    }
    return out;
  };

  return { seed, next, queries };
}
