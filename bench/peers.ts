// Figure 3 — NLP peers on the same texts in the same run: compromise (people / places /
// organisations, plus dates when the compromise-dates plugin is installed) and wink-nlp (tokens +
// POS with the lite English model), beside newsgraph's whole pipeline (extractArticle, body →
// result). All tokens/s use one unit, newsgraph's tokens, so the rates compare the same text; each
// run times the three back to back, and every newsgraph/peer ratio is a pair from one run.
import nlp from 'compromise';
import winkNLP from 'wink-nlp';
import winkModel from 'wink-eng-lite-web-model';
import { extractArticle } from '../src/extract/article.js';
import { loadNerModel } from '../src/nlp/entities/index.js';
import { PUBLISHED, benchCorpus } from './pipeline.js';
import { pairRatios, rates, timeMs, type Figure, type Row } from './stats.js';

/** Every PEER_SLICE-th article of the pipeline corpus: compromise is slow enough to need a slice. */
export const PEER_SLICE = 4;

interface System {
  readonly name: string;
  readonly does: string;
  /** Runs over the texts; returns what it found (counted once, to show each did real work). */
  readonly run: (texts: readonly string[]) => number;
  /** The tool's own token count over the texts (outside any timing). */
  readonly ownTokens?: (texts: readonly string[]) => number;
}

async function compromiseDates(): Promise<boolean> {
  const name = 'compromise-dates';
  try {
    const plugin = (await import(name)) as { default: Parameters<typeof nlp.plugin>[0] };
    nlp.plugin(plugin.default);
    return true;
  } catch {
    return false;
  }
}

export interface PeersOptions {
  readonly runs: number;
}

export async function benchPeers({ runs }: PeersOptions): Promise<Figure> {
  loadNerModel();
  const withDates = await compromiseDates();
  const wink = winkNLP(winkModel);
  const its = wink.its;
  const corpus = benchCorpus(PEER_SLICE);

  const systems: System[] = [
    {
      name: 'newsgraph (whole pipeline)',
      does: 'tokens, sentences, entities, quotes, aliases, dates → result',
      run: (texts) => {
        let n = 0;
        for (const body of texts) n += extractArticle({ kind: 'body', body, published: PUBLISHED }).result.entities.length;
        return n;
      },
    },
    {
      name: 'compromise',
      does: withDates ? 'people, places, organisations, dates' : 'people, places, organisations (compromise-dates not installed)',
      run: (texts) => {
        let n = 0;
        for (const t of texts) {
          const doc = nlp(t);
          n += doc.people().out('array').length + doc.places().out('array').length + doc.organizations().out('array').length;
          if (withDates) n += (doc as unknown as { dates: () => { out: (f: string) => unknown[] } }).dates().out('array').length;
        }
        return n;
      },
      ownTokens: (texts) => texts.reduce((n, t) => n + nlp(t).terms().length, 0),
    },
    {
      name: 'wink-nlp (lite model)',
      does: 'tokens + POS',
      run: (texts) => {
        let n = 0;
        for (const t of texts) n += (wink.readDoc(t).tokens().out(its.pos) as string[]).length;
        return n;
      },
      ownTokens: (texts) => texts.reduce((n, t) => n + wink.readDoc(t).tokens().length(), 0),
    },
  ];

  const ms = new Map<string, number[]>(systems.map((s) => [s.name, []]));
  const found = new Map<string, number>();
  for (let run = -1; run < runs; run++) {
    for (const s of systems) {
      let n = 0;
      const t = await timeMs(() => (n = s.run(corpus.texts)));
      if (run < 0) found.set(s.name, n);
      else ms.get(s.name)!.push(t);
    }
  }

  const ours = ms.get(systems[0].name)!;
  const rows: Row[] = systems.map((s) => {
    const t = ms.get(s.name)!;
    return {
      label: s.name,
      cells: {
        does: s.does,
        tokensPerSecond: rates(corpus.tokens, t),
        articlesPerSecond: rates(corpus.texts.length, t),
        ratio: s === systems[0] ? null : pairRatios(t, ours),
        ownTokens: s.ownTokens ? s.ownTokens(corpus.texts) : corpus.tokens,
      },
    };
  });
  const vs = rows.slice(1).map((r) => `${(r.cells.ratio as { median: number }).median.toFixed(2)}× ${r.label.split(' ')[0]}`);
  return {
    id: 'peers',
    title: 'NLP peers on the same texts',
    about: `corpus: ${corpus.describe} (tokens/s in newsgraph tokens for every system); ${runs} runs after a warm-up, the three back to back in each run`,
    columns: [
      { key: 'does', header: 'what it computes' },
      { key: 'tokensPerSecond', header: 'tokens/s' },
      { key: 'articlesPerSecond', header: 'articles/s' },
      { key: 'ratio', header: 'newsgraph / peer (speed)', format: 'ratio' },
      { key: 'ownTokens', header: 'its own token count' },
    ],
    rows,
    summary: `peers: newsgraph's whole pipeline runs ${vs.join(', ')} on the same texts`,
    details: { corpus: { articles: corpus.texts.length, tokens: corpus.tokens, slice: PEER_SLICE }, compromiseDates: withDates, found: Object.fromEntries(found) },
  };
}
