// Word clusters from pretrained GloVe vectors (models/clusters, built by `npm run train:clusters`):
// a three-level hierarchy (fine ⊂ mid ⊂ coarse) over the 120k most frequent words. The taggers use
// the cluster ids as features so that what they learned for a word carries over to unseen words
// near it ("criticized" → "chastised"). See models/clusters/CARD.md.

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

const MODEL_FILE = 'clusters.txt.gz';
const MAGIC = 'newsgraph-clusters 1';

/** A word's clusters, or null for words outside the table. */
export interface WordClusters {
  readonly fine: number;
  readonly mid: number;
  readonly coarse: number;
}

export interface Clusters {
  readonly size: { fine: number; mid: number; coarse: number; words: number };
  /** The clusters of a word (matched lowercased, curly apostrophes straightened), or null. */
  lookup(word: string): WordClusters | null;
}

/** The error for a missing cluster file: says how to build it. */
export class ClustersMissingError extends Error {
  readonly code = 'CLUSTERS_MISSING';
  constructor(readonly path: string) {
    super(`Word clusters not found at ${path}: run \`npm run train:clusters\` to build them (see models/clusters/CARD.md).`);
    this.name = 'ClustersMissingError';
  }
}

function defaultFile(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  let root: string | null = null;
  for (let dir = here; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) {
      root ??= dir;
      if (existsSync(join(dir, 'models', 'clusters', MODEL_FILE))) return join(dir, 'models', 'clusters', MODEL_FILE);
    }
    if (dirname(dir) === dir) break;
  }
  return join(root ?? here, 'models', 'clusters', MODEL_FILE);
}

/** Parse the file format written by scripts/build-clusters.ts. */
export function clustersFromBuffer(gz: Uint8Array): Clusters {
  const lines = gunzipSync(gz).toString('utf8').split('\n');
  if (!lines[0].startsWith(MAGIC)) throw new Error('Not a newsgraph word-cluster file (bad header).');
  const field = (name: string): number => Number(new RegExp(`\\b${name}=(\\d+)`).exec(lines[0])?.[1]);
  const size = { fine: field('fine'), mid: field('mid'), coarse: field('coarse'), words: field('words') };
  const table = new Map<string, WordClusters>();
  for (let j = 0; j < size.fine; j++) {
    const line = lines[j + 1];
    const tab = line.indexOf('\t');
    const [mid, coarse] = line.slice(0, tab).split(' ').map(Number);
    const entry: WordClusters = Object.freeze({ fine: j, mid, coarse });
    for (const word of line.slice(tab + 1).split(' ')) if (word) table.set(word, entry);
  }
  return {
    size,
    lookup(word: string): WordClusters | null {
      const hit = table.get(word);
      if (hit) return hit;
      const key = word.toLowerCase().replace(/[\u2018\u2019]/g, "'");
      return table.get(key) ?? null;
    },
  };
}

const cache = new Map<string, Clusters>();

/** Load models/clusters/clusters.txt.gz (or the given file), once per path. */
export function loadClusters(path?: string): Clusters {
  const file = resolve(path ?? defaultFile());
  let c = cache.get(file);
  if (!c) {
    if (!existsSync(file)) throw new ClustersMissingError(file);
    c = clustersFromBuffer(readFileSync(file));
    cache.set(file, c);
  }
  return c;
}
