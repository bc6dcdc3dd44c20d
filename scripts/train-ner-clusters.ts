// Unsupervised word clusters for the NER tagger, trained from local unlabeled news text.
//   node --import tsx scripts/train-ner-clusters.ts [--out models/ner/clusters.tsv] [--min 3] [--depth 14]
//
// Texts: PolNeAR train ("text"), TempEval-3 TimeBank + AQUAINT ("text"), CoNLL-2003 eng.train tokens
// (never dev/test). Method (deterministic, no randomness outside seeded generators):
//   1. tokens with our tokenizer, forms = lower-cased, digits -> 0, curly quotes straightened
//      (exactly the `norm` form features.ts hashes);
//   2. per word (count >= --min): context counts of the top CONTEXTS forms at positions -2,-1,+1,+2,
//      plus 4 capitalisation dimensions of the word itself (initial-cap mid-sentence, sentence-initial cap,
//      all-caps, lower-case);
//   3. PPMI weighting (context-distribution smoothing 0.75), truncated SVD to DIM dimensions (seeded
//      randomized SVD, singular values^EIG_P), L2 normalisation;
//   4. top-down bisecting spherical 2-means to --depth levels, giving every word a Brown-style bit
//      string (prefixes of it are coarser clusters).
// Output: one "form<TAB>bits" line per word, most frequent first. No running text is stored.

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tokenizeRange } from '../src/nlp/tokens.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const opt = (name: string, def: string): string => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : def;
};
const OUT = resolve(opt('out', join(ROOT, 'models/ner/clusters.tsv')));
const MIN = Number(opt('min', '3'));
const DEPTH = Number(opt('depth', '14'));
const CONTEXTS = Number(opt('contexts', '2000'));
const DIM = Number(opt('dim', '100'));
const MAXV = Number(opt('maxv', '120000'));
const CASE_W = Number(opt('casew', '2'));
const EIG_P = Number(opt('eig', '0.5'));
const D = '/work/shared/data';
const SOURCES = {
  jsonl: [`${D}/polnear/train.jsonl`, `${D}/timex-tempeval3/train-timebank.jsonl`, `${D}/timex-tempeval3/train-aquaint.jsonl`],
  conll: [`${D}/ner-conll2003/train.conll`],
};

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function straighten(s: string): string {
  if (s.length === 1) {
    const c = s.charCodeAt(0);
    if (c === 0x201c || c === 0x201d || c === 0x201e || c === 0xab || c === 0xbb) return '"';
    if (c === 0x2018 || c === 0x2019) return "'";
    if (c === 0x2014 || c === 0x2013) return '--';
  }
  return s.indexOf('\u2019') >= 0 ? s.replace(/\u2019/g, "'") : s;
}
const normForm = (w: string): string => straighten(w).toLowerCase().replace(/\d/g, '0');
/** 0 lower, 1 initial-cap mid-sentence, 2 sentence-initial cap, 3 all caps (len > 1) */
function caseClass(w: string, initial: boolean): number {
  if (!/^\p{Lu}/u.test(w)) return 0;
  if (w.length > 1 && !/\p{Ll}/u.test(w)) return 3;
  return initial ? 2 : 1;
}

// ------------------------------------------------------------------ 1. token streams
const t0 = Date.now();
const streams: { forms: string[]; cases: number[] }[] = [];
const addStream = (words: string[]): void => {
  const forms: string[] = [];
  const cases: number[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i];
    forms.push(normForm(w));
    cases.push(caseClass(w, i === 0 || /^["'(\[`-]/.test(words[i - 1])));
  }
  if (forms.length) streams.push({ forms, cases });
};
for (const f of SOURCES.jsonl) {
  for (const line of readFileSync(f, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    const text = (JSON.parse(line) as { text: string }).text;
    // paragraphs as streams; contractions re-attached as CoNLL has them ("'s")
    for (const para of text.split(/\n+/)) {
      const toks = tokenizeRange(para);
      const words: string[] = [];
      for (let i = 0; i < toks.length; i++) {
        const w = para.slice(toks[i].start, toks[i].end);
        const nx = toks[i + 1];
        if ((w === "'" || w === '\u2019') && nx && nx.start === toks[i].end && /^(s|m|ve|ll|re|d)$/i.test(para.slice(nx.start, nx.end))) {
          words.push("'" + para.slice(nx.start, nx.end));
          i++;
          continue;
        }
        words.push(w);
      }
      addStream(words);
    }
  }
}
for (const f of SOURCES.conll) {
  let words: string[] = [];
  for (const line of readFileSync(f, 'utf8').split('\n')) {
    const t = line.trim();
    if (!t || t.startsWith('-DOCSTART-')) {
      addStream(words);
      words = [];
      continue;
    }
    words.push(t.split(' ')[0]);
  }
  addStream(words);
}
let nTok = 0;
const freq = new Map<string, number>();
for (const s of streams) {
  nTok += s.forms.length;
  for (const f of s.forms) freq.set(f, (freq.get(f) ?? 0) + 1);
}
const byFreq = [...freq.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
const vocab = byFreq.filter(([, c]) => c >= MIN).slice(0, MAXV).map(([w]) => w);
const vIndex = new Map(vocab.map((w, i) => [w, i]));
const ctxIndex = new Map(byFreq.slice(0, CONTEXTS).map(([w], i) => [w, i]));
const V = vocab.length;
const NC = CONTEXTS * 4 + 4;
console.error(`${streams.length} streams, ${nTok} tokens, ${freq.size} forms; vocabulary ${V} (count >= ${MIN}) (${Date.now() - t0} ms)`);

// ------------------------------------------------------------------ 2. co-occurrence counts
const rows: Map<number, number>[] = Array.from({ length: V }, () => new Map());
for (const { forms, cases } of streams) {
  const ids = forms.map((f) => vIndex.get(f) ?? -1);
  const cx = forms.map((f) => ctxIndex.get(f) ?? -1);
  for (let i = 0; i < forms.length; i++) {
    const v = ids[i];
    if (v < 0) continue;
    const r = rows[v];
    const add = (c: number): void => {
      r.set(c, (r.get(c) ?? 0) + 1);
    };
    const offs = [-2, -1, 1, 2];
    for (let k = 0; k < 4; k++) {
      const j = i + offs[k];
      const c = j < 0 || j >= forms.length ? CONTEXTS - 1 : cx[j]; // edges share one bucket
      if (c >= 0) add(k * CONTEXTS + c);
    }
    add(CONTEXTS * 4 + cases[i]);
  }
}
// ------------------------------------------------------------------ 3. PPMI + truncated SVD
const colSum = new Float64Array(NC);
let total = 0;
for (const r of rows) for (const [c, n] of r) colSum[c] += n;
const colP = new Float64Array(NC);
let smoothTot = 0;
for (let c = 0; c < NC; c++) smoothTot += Math.pow(colSum[c], 0.75);
for (let c = 0; c < NC; c++) colP[c] = Math.pow(colSum[c], 0.75) / smoothTot;
for (let c = 0; c < NC; c++) total += colSum[c];
// sparse PPMI matrix A (V x NC) in CSR form
const rowPtr = new Int32Array(V + 1);
const colIdx: number[] = [];
const vals: number[] = [];
for (let v = 0; v < V; v++) {
  const r = rows[v];
  let rowTot = 0;
  for (const n of r.values()) rowTot += n;
  for (const c of [...r.keys()].sort((a, b) => a - b)) {
    const pmi = Math.log((r.get(c)! / rowTot) / colP[c]);
    if (pmi <= 0) continue;
    colIdx.push(c);
    // the case dimensions count once per token, the 4 context blocks 4x: weigh them up
    vals.push(c >= CONTEXTS * 4 ? pmi * CASE_W : pmi);
  }
  rowPtr[v + 1] = colIdx.length;
}
const AI = Int32Array.from(colIdx);
const AV = Float64Array.from(vals);
/** out (V x k) = A * M (NC x k), both row-major */
function mulA(M: Float64Array, k: number): Float64Array {
  const out = new Float64Array(V * k);
  for (let v = 0; v < V; v++) {
    const o = v * k;
    for (let p = rowPtr[v]; p < rowPtr[v + 1]; p++) {
      const x = AV[p];
      const m = AI[p] * k;
      for (let d = 0; d < k; d++) out[o + d] += x * M[m + d];
    }
  }
  return out;
}
/** out (NC x k) = A^T * M (V x k) */
function mulAt(M: Float64Array, k: number): Float64Array {
  const out = new Float64Array(NC * k);
  for (let v = 0; v < V; v++) {
    const m = v * k;
    for (let p = rowPtr[v]; p < rowPtr[v + 1]; p++) {
      const x = AV[p];
      const o = AI[p] * k;
      for (let d = 0; d < k; d++) out[o + d] += x * M[m + d];
    }
  }
  return out;
}
/** Orthonormalise the k columns of the n x k row-major matrix (modified Gram-Schmidt, twice). */
function orth(M: Float64Array, n: number, k: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let j = 0; j < k; j++) {
      for (let i = 0; i < j; i++) {
        let dot = 0;
        for (let r = 0; r < n; r++) dot += M[r * k + i] * M[r * k + j];
        for (let r = 0; r < n; r++) M[r * k + j] -= dot * M[r * k + i];
      }
      let nrm = 0;
      for (let r = 0; r < n; r++) nrm += M[r * k + j] * M[r * k + j];
      nrm = Math.sqrt(nrm) || 1;
      for (let r = 0; r < n; r++) M[r * k + j] /= nrm;
    }
  }
}
// randomized SVD (Halko et al.): range of A by 2 power iterations
const K = DIM + 20;
const rand = rng(7);
const gauss = (): number => {
  const u = Math.max(rand(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rand());
};
const Om = new Float64Array(NC * K);
for (let i = 0; i < Om.length; i++) Om[i] = gauss();
let Q = mulA(Om, K);
orth(Q, V, K);
for (let it = 0; it < 2; it++) {
  const Z = mulAt(Q, K);
  orth(Z, NC, K);
  Q = mulA(Z, K);
  orth(Q, V, K);
}
// B = Q^T A (K x NC); eigen-decompose B B^T (K x K) by cyclic Jacobi
const Bt = mulAt(Q, K); // NC x K = B^T
const G = new Float64Array(K * K);
for (let c = 0; c < NC; c++) {
  const o = c * K;
  for (let i = 0; i < K; i++) {
    const x = Bt[o + i];
    if (x === 0) continue;
    for (let j = 0; j < K; j++) G[i * K + j] += x * Bt[o + j];
  }
}
const E = new Float64Array(K * K);
for (let i = 0; i < K; i++) E[i * K + i] = 1;
for (let sweep = 0; sweep < 30; sweep++) {
  let off = 0;
  for (let p = 0; p < K; p++) for (let q = p + 1; q < K; q++) off += G[p * K + q] ** 2;
  if (off < 1e-18) break;
  for (let p = 0; p < K; p++) {
    for (let q = p + 1; q < K; q++) {
      const apq = G[p * K + q];
      if (Math.abs(apq) < 1e-30) continue;
      const theta = (G[q * K + q] - G[p * K + p]) / (2 * apq);
      const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
      const c = 1 / Math.sqrt(t * t + 1);
      const s = t * c;
      for (let r = 0; r < K; r++) {
        const gp = G[r * K + p];
        const gq = G[r * K + q];
        G[r * K + p] = c * gp - s * gq;
        G[r * K + q] = s * gp + c * gq;
      }
      for (let r = 0; r < K; r++) {
        const gp = G[p * K + r];
        const gq = G[q * K + r];
        G[p * K + r] = c * gp - s * gq;
        G[q * K + r] = s * gp + c * gq;
      }
      for (let r = 0; r < K; r++) {
        const ep = E[r * K + p];
        const eq = E[r * K + q];
        E[r * K + p] = c * ep - s * eq;
        E[r * K + q] = s * ep + c * eq;
      }
    }
  }
}
const order = Array.from({ length: K }, (_, i) => i).sort((a, b) => G[b * K + b] - G[a * K + a]);
// word vectors: U S^EIG_P = Q E S^EIG_P, top DIM components
const X = new Float32Array(V * DIM);
for (let v = 0; v < V; v++) {
  let nrm = 0;
  for (let d = 0; d < DIM; d++) {
    const e = order[d];
    let x = 0;
    for (let i = 0; i < K; i++) x += Q[v * K + i] * E[i * K + e];
    x *= Math.pow(Math.max(G[e * K + e], 0), EIG_P / 2);
    X[v * DIM + d] = x;
    nrm += x * x;
  }
  nrm = Math.sqrt(nrm) || 1;
  for (let d = 0; d < DIM; d++) X[v * DIM + d] /= nrm;
}
console.error(`projected to ${DIM} dims (${Date.now() - t0} ms)`);

// ------------------------------------------------------------------ 4. bisecting spherical 2-means
const weight = new Float64Array(V);
for (let v = 0; v < V; v++) weight[v] = Math.log1p(freq.get(vocab[v])!);
const bits = new Uint32Array(V);
const depthOf = new Uint8Array(V);

function split(idx: Int32Array): [Int32Array, Int32Array] | null {
  const n = idx.length;
  if (n < 2) return null;
  // init: the point least similar to the mean, then the point least similar to it
  const mean = new Float64Array(DIM);
  for (const v of idx) for (let d = 0; d < DIM; d++) mean[d] += X[v * DIM + d];
  const sim = (v: number, c: Float64Array | Float32Array, co = 0): number => {
    let s = 0;
    for (let d = 0; d < DIM; d++) s += X[v * DIM + d] * c[co + d];
    return s;
  };
  let a = idx[0];
  let best = Infinity;
  for (const v of idx) {
    const s = sim(v, mean);
    if (s < best) {
      best = s;
      a = v;
    }
  }
  let b = idx[0];
  best = Infinity;
  for (const v of idx) {
    const s = sim(v, X, a * DIM);
    if (s < best && v !== a) {
      best = s;
      b = v;
    }
  }
  const c0 = Float64Array.from(X.subarray(a * DIM, a * DIM + DIM));
  const c1 = Float64Array.from(X.subarray(b * DIM, b * DIM + DIM));
  const side = new Uint8Array(n);
  for (let it = 0; it < 12; it++) {
    let changed = 0;
    for (let k = 0; k < n; k++) {
      const s = sim(idx[k], c1) > sim(idx[k], c0) ? 1 : 0;
      if (s !== side[k]) changed++;
      side[k] = s;
    }
    c0.fill(0);
    c1.fill(0);
    for (let k = 0; k < n; k++) {
      const c = side[k] ? c1 : c0;
      const v = idx[k];
      const w = weight[v];
      for (let d = 0; d < DIM; d++) c[d] += w * X[v * DIM + d];
    }
    for (const c of [c0, c1]) {
      let nrm = 0;
      for (let d = 0; d < DIM; d++) nrm += c[d] * c[d];
      nrm = Math.sqrt(nrm) || 1;
      for (let d = 0; d < DIM; d++) c[d] /= nrm;
    }
    if (changed === 0 && it > 0) break;
  }
  const L: number[] = [];
  const Rr: number[] = [];
  for (let k = 0; k < n; k++) (side[k] ? Rr : L).push(idx[k]);
  if (!L.length || !Rr.length) return null;
  return [Int32Array.from(L), Int32Array.from(Rr)];
}

const stack: { idx: Int32Array; depth: number; path: number }[] = [{ idx: Int32Array.from(vocab.keys()), depth: 0, path: 0 }];
while (stack.length) {
  const { idx, depth, path } = stack.pop()!;
  for (const v of idx) {
    bits[v] = path;
    depthOf[v] = depth;
  }
  if (depth >= DEPTH) continue;
  const s = split(idx);
  if (!s) continue;
  stack.push({ idx: s[0], depth: depth + 1, path: path * 2 });
  stack.push({ idx: s[1], depth: depth + 1, path: path * 2 + 1 });
}
const lines: string[] = [];
for (let v = 0; v < V; v++) {
  const d = depthOf[v];
  lines.push(`${vocab[v]}\t${d ? bits[v].toString(2).padStart(d, '0') : '-'}`);
}
writeFileSync(OUT, lines.join('\n') + '\n');
console.error(`wrote ${OUT}: ${V} words (${Date.now() - t0} ms)`);
// a quick look: the neighbours in the finest cluster of a few words
if (process.env.NER_VERBOSE) {
  const byPath = new Map<string, string[]>();
  for (let v = 0; v < V; v++) {
    const k = `${depthOf[v]}:${bits[v]}`;
    let a = byPath.get(k);
    if (!a) byPath.set(k, (a = []));
    a.push(vocab[v]);
  }
  for (const w of ['london', 'reuters', 'monday', 'peter', 'minister', 'said', 'ajax', 'chelsea', 'microsoft', 'olaf']) {
    const v = vIndex.get(w);
    if (v === undefined) continue;
    console.error(`${w}: ${byPath.get(`${depthOf[v]}:${bits[v]}`)!.slice(0, 15).join(' ')}`);
  }
}
