// Figure 1 — pipeline throughput on one core: tokens/s and articles/s per stage and for the whole
// pipeline, on the fixed corpus (seeded synthetic articles + the shared dev texts when present).
import { performance } from 'node:perf_hooks';
import { Doc } from '../src/doc/doc.js';
import { extractArticle } from '../src/extract/article.js';
import { docFromBody } from '../src/extract/index.js';
import { STAGES } from '../src/pipeline.js';
import { loadNerModel } from '../src/nlp/entities/index.js';
import { CORPUS_SEED, devCorpus, syntheticCorpus } from './corpus.js';
import { now, rates, spread, timeMs, type Figure, type Row } from './stats.js';

export const SYNTHETIC_ARTICLES = 400;
export const PUBLISHED = '2024-12-09';

export interface BenchCorpus {
  readonly texts: readonly string[];
  readonly synthetic: number;
  /** Tokens by newsgraph's tokenizer: the unit every tokens/s figure in the bench uses. */
  readonly tokens: number;
  readonly describe: string;
}

/** The pipeline corpus, or every `every`-th article of it (the NLP peers use a slice). */
export function benchCorpus(every = 1): BenchCorpus {
  const all = [...syntheticCorpus(SYNTHETIC_ARTICLES), ...devCorpus()];
  const texts = all.filter((_, i) => i % every === 0);
  const synthetic = Math.ceil(SYNTHETIC_ARTICLES / every);
  const tokens = countTokens(texts);
  const slice = every > 1 ? `every ${every}th article of the pipeline corpus: ` : '';
  return {
    texts,
    synthetic,
    tokens,
    describe: `${slice}${texts.length} articles (${synthetic} synthetic, seed ${CORPUS_SEED}; ${texts.length - synthetic} shared dev texts), ${tokens.toLocaleString('en')} tokens`,
  };
}

export function countTokens(texts: readonly string[]): number {
  return texts.reduce((n, t) => n + STAGES[0].run(docFromBody(t, PUBLISHED, null)).tokens!.length, 0);
}

/** Time each stage over the corpus; a stage's inputs are prepared outside its timed region. */
function stageRun(base: readonly Doc[]): Map<string, number> {
  const times = new Map<string, number>();
  let docs: readonly Doc[] = base;
  for (const stage of STAGES) {
    const next: Doc[] = new Array(docs.length);
    const t0 = now();
    const produced = docs.map((d) => stage.run(d));
    times.set(stage.name, now() - t0);
    for (let i = 0; i < docs.length; i++) {
      let d = docs[i];
      for (const name of stage.produces) d = d.withLayer(name, produced[i][name] as never);
      next[i] = d;
    }
    docs = next;
  }
  return times;
}

export interface PipelineOptions {
  readonly runs: number;
}

export async function benchPipeline({ runs }: PipelineOptions): Promise<Figure> {
  const loadStarted = performance.now();
  loadNerModel();
  const modelLoadMs = performance.now() - loadStarted;

  const corpus = benchCorpus();
  const base = corpus.texts.map((t) => docFromBody(t, PUBLISHED, null));
  const endToEnd = () => {
    for (const body of corpus.texts) extractArticle({ kind: 'body', body, published: PUBLISHED });
  };

  const perStage = new Map<string, number[]>();
  const stagesOnly: number[] = [];
  const whole: number[] = [];
  for (let run = -1; run < runs; run++) {
    // run -1 is the warm-up
    let times = new Map<string, number>();
    await timeMs(() => (times = stageRun(base)));
    const e2e = await timeMs(endToEnd);
    if (run < 0) continue;
    for (const [name, t] of times) perStage.set(name, [...(perStage.get(name) ?? []), t]);
    stagesOnly.push([...times.values()].reduce((a, b) => a + b, 0));
    whole.push(e2e);
  }

  const row = (label: string, ms: number[]): Row => ({
    label,
    cells: { tokensPerSecond: rates(corpus.tokens, ms), articlesPerSecond: rates(corpus.texts.length, ms), ms: spread(ms) },
  });
  const rows: Row[] = [...perStage].map(([name, ms]) => row(name, ms));
  rows.push(row('whole pipeline (stages only)', stagesOnly));
  rows.push(row('whole pipeline (extractArticle: body → result)', whole));

  const stagesRate = rates(corpus.tokens, stagesOnly).median;
  const wholeRate = rates(corpus.tokens, whole).median;
  return {
    id: 'pipeline',
    title: 'Pipeline throughput (one core)',
    about: `corpus: ${corpus.describe}; ${runs} runs after a warm-up; NER model load ${modelLoadMs.toFixed(0)} ms (not timed below)`,
    columns: [
      { key: 'tokensPerSecond', header: 'tokens/s' },
      { key: 'articlesPerSecond', header: 'articles/s' },
      { key: 'ms', header: 'ms per corpus pass' },
    ],
    rows,
    summary:
      `pipeline: ${Math.round(stagesRate).toLocaleString('en')} tokens/s on one core for the stages, ` +
      `${Math.round(wholeRate).toLocaleString('en')} tokens/s end to end (goal ≥ 50,000: ${wholeRate >= 50_000 ? 'met' : `missed by ${Math.round(50_000 - wholeRate).toLocaleString('en')}`})`,
    details: {
      corpus: { articles: corpus.texts.length, synthetic: corpus.synthetic, tokens: corpus.tokens, seed: CORPUS_SEED },
      modelLoadMs: Math.round(modelLoadMs),
      goalTokensPerSecond: 50_000,
    },
  };
}
