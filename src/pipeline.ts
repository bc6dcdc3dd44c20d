// The one explicit list of stages. Each stage is a pure function from a Doc to the layers it
// produces; the list is checked before anything runs so a stage never meets a missing layer.

import type { Doc, LayerName, Layers } from './doc/doc.js';
import { DocError } from './doc/errors.js';
import { sentences, tokenize } from './nlp/tokens.js';
import { recognizeMentions } from './nlp/entities/index.js';
import { tagPos } from './nlp/pos/index.js';
import { recognizeQuotes } from './nlp/quotes/index.js';
import { recognizeDates } from './nlp/dates/index.js';
import { resolveEntities } from './nlp/aliases/index.js';

export interface Stage {
  readonly name: string;
  readonly needs: readonly LayerName[];
  readonly produces: readonly LayerName[];
  readonly run: (doc: Doc) => Partial<Layers>;
}

export const STAGES: readonly Stage[] = [
  { name: 'tokens', needs: [], produces: ['tokens'], run: (doc) => ({ tokens: tokenize(doc) }) },
  { name: 'sentences', needs: ['tokens'], produces: ['sentences'], run: (doc) => ({ sentences: sentences(doc) }) },
  { name: 'pos', needs: ['tokens', 'sentences'], produces: ['pos'], run: (doc) => ({ pos: tagPos(doc) }) },
  { name: 'entities', needs: ['tokens', 'sentences'], produces: ['mentions'], run: (doc) => ({ mentions: recognizeMentions(doc) }) },
  { name: 'quotes', needs: ['tokens', 'sentences', 'pos', 'blocks'], produces: ['quotes'], run: (doc) => ({ quotes: recognizeQuotes(doc) }) },
  {
    name: 'aliases',
    needs: ['tokens', 'sentences', 'mentions', 'quotes', 'captions'],
    produces: ['entities', 'quotes'],
    run: (doc) => resolveEntities(doc),
  },
  { name: 'dates', needs: ['tokens', 'sentences'], produces: ['dates'], run: (doc) => ({ dates: recognizeDates(doc) }) },
];

/** Every stage's needs are met by the layers the Doc starts with or an earlier stage produces. */
export function checkStages(stages: readonly Stage[], initial: readonly LayerName[]): void {
  const have = new Set<LayerName>(initial);
  for (const stage of stages) {
    const missing = stage.needs.filter((n) => !have.has(n));
    if (missing.length) {
      throw new DocError('PIPELINE_ORDER', `Stage "${stage.name}" needs ${missing.join(', ')}, which no earlier stage produces.`);
    }
    stage.produces.forEach((p) => have.add(p));
  }
}

const INITIAL_LAYERS: readonly LayerName[] = ['blocks', 'captions'];
checkStages(STAGES, INITIAL_LAYERS);

/** Run the stages over a Doc built by extract (which provides blocks and captions). */
export function analyse(doc: Doc, stages: readonly Stage[] = STAGES): Doc {
  let out = doc;
  for (const stage of stages) {
    const produced = stage.run(out);
    for (const name of stage.produces) {
      const layer = produced[name];
      if (layer === undefined) throw new DocError('STAGE_OUTPUT', `Stage "${stage.name}" did not produce "${name}".`);
      out = out.withLayer(name, layer as never);
    }
  }
  return out;
}

/** Identifies the analysis that produced stored annotations, so a newer one can replace them. */
export const PIPELINE_VERSION = 'newsgraph-pipeline/1';
