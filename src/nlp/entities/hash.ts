// 32-bit hashing for feature keys: strings are hashed once per token, feature keys are built by
// mixing small template ids with those hashes (no string concatenation on the hot path).

/** FNV-1a over UTF-16 code units. */
export function hashStr(s: string, seed = 0x811c9dc5): number {
  let h = seed | 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** Combine two 32-bit values into one well-mixed key (murmur3 finaliser). */
export function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

export function mix3(a: number, b: number, c: number): number {
  return mix(mix(a, b), c);
}

/** Hash of a phrase given the hashes of its (lower-cased) tokens, built incrementally. */
export const PHRASE_SEED = 0x2545f491;
export function phraseStep(h: number, tokenHash: number): number {
  return mix(h, tokenHash);
}
