// Near-duplicates: the same story republished with small edits. Each article's text gets a
// MinHash signature over word 5-gram shingles; locality-sensitive hashing (bands of rows) finds
// candidates cheaply, and the signature estimates their Jaccard similarity. Shared by every
// store implementation; pure functions only.

/** Word n-grams compared. */
const SHINGLE_WORDS = 5;
/** Signature length = BANDS × ROWS. 16 bands of 4 rows find pairs above ~0.5 Jaccard with high probability. */
export const MINHASH_BANDS = 16;
export const MINHASH_ROWS = 4;
const SIZE = MINHASH_BANDS * MINHASH_ROWS;
/** Texts shorter than this many words are not compared (too little evidence). */
export const NEAR_DUP_MIN_WORDS = 40;
/** Estimated Jaccard similarity at which an article is a near-duplicate of a stored one. */
export const NEAR_DUP_THRESHOLD = 0.8;
/** A "Source: <url>" line naming a stored article makes a copy of it at this lower similarity. */
export const SOURCE_DUP_THRESHOLD = 0.3;

/** Seeded multipliers and offsets for the hash family (fixed: signatures must stay comparable). */
const COEFFS: readonly [number, number][] = (() => {
  let s = 0x9e3779b9;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return Array.from({ length: SIZE }, () => [next() | 1, next()] as [number, number]);
})();

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The MinHash signature of a text, or null when it is too short to compare. */
export function minhash(text: string): Uint32Array | null {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (words.length < NEAR_DUP_MIN_WORDS) return null;
  const sig = new Uint32Array(SIZE).fill(0xffffffff);
  for (let i = 0; i + SHINGLE_WORDS <= words.length; i++) {
    const x = fnv1a(words.slice(i, i + SHINGLE_WORDS).join(' '));
    for (let k = 0; k < SIZE; k++) {
      const [a, b] = COEFFS[k];
      const h = (Math.imul(a, x) + b) >>> 0;
      if (h < sig[k]) sig[k] = h;
    }
  }
  return sig;
}

/** Estimated Jaccard similarity of two signatures: the share of equal minima. */
export function similarity(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let k = 0; k < SIZE; k++) if (a[k] === b[k]) same++;
  return same / SIZE;
}

/** LSH band keys: articles sharing any key are candidates. */
export function bandKeys(sig: Uint32Array): string[] {
  const keys: string[] = [];
  for (let band = 0; band < MINHASH_BANDS; band++) {
    let h = 0x811c9dc5 ^ band;
    for (let r = 0; r < MINHASH_ROWS; r++) h = Math.imul(h ^ sig[band * MINHASH_ROWS + r], 0x01000193) >>> 0;
    keys.push(`${band}:${h.toString(36)}`);
  }
  return keys;
}

export function signatureToBuffer(sig: Uint32Array): Buffer {
  return Buffer.from(sig.buffer, sig.byteOffset, sig.byteLength);
}

export function signatureFromBuffer(buf: Uint8Array): Uint32Array {
  const copy = new Uint8Array(buf.byteLength);
  copy.set(buf);
  return new Uint32Array(copy.buffer);
}
