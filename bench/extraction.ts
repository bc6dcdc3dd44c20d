// Figure 2 — page extraction: pages/s of our parseHtmlPage over the 91 DEV pages of the shared
// extraction benchmark, beside @mozilla/readability + linkedom and @extractus/article-extractor
// (extractFromHtml) on the same pages in the same process. Each run times the three systems back
// to back over all pages, so every ours/peer ratio is a pair from one run.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { Readability } from '@mozilla/readability';
import { extractFromHtml } from '@extractus/article-extractor';
import { parseHTML } from 'linkedom';
import { parseHtmlPage } from '../src/extract/html/index.js';
import { pairRatios, rates, spread, timeMs, type Figure, type Row } from './stats.js';

export const EXTRACTION_BENCH_DIR = path.resolve(process.cwd(), '..', 'shared', 'data', 'extraction-bench');

export interface Page {
  readonly id: string;
  readonly url: string;
  readonly html: string;
}

/** The DEV pages, decompressed in memory (never copied into the project). */
export function loadPages(dir = EXTRACTION_BENCH_DIR): Page[] {
  const htmlDir = path.join(dir, 'html');
  if (!fs.existsSync(htmlDir)) return [];
  const truthPath = path.join(dir, 'ground-truth.json');
  const truth: Record<string, { url?: string }> = fs.existsSync(truthPath) ? JSON.parse(fs.readFileSync(truthPath, 'utf8')) : {};
  return fs
    .readdirSync(htmlDir)
    .filter((f) => f.endsWith('.html.gz'))
    .sort()
    .map((f) => {
      const id = f.slice(0, -'.html.gz'.length);
      return { id, url: truth[id]?.url ?? '', html: zlib.gunzipSync(fs.readFileSync(path.join(htmlDir, f))).toString('utf8') };
    });
}

interface System {
  readonly name: string;
  readonly run: (pages: readonly Page[]) => Promise<number>;
}

const SYSTEMS: readonly System[] = [
  {
    name: 'newsgraph parseHtmlPage',
    run: async (pages) => {
      let n = 0;
      for (const p of pages) n += parseHtmlPage(p.html, { url: p.url }).blocks.length > 0 ? 1 : 0;
      return n;
    },
  },
  {
    name: '@mozilla/readability + linkedom',
    run: async (pages) => {
      let n = 0;
      for (const p of pages) {
        const { document } = parseHTML(p.html);
        const article = new Readability(document as unknown as Document).parse();
        n += article?.textContent ? 1 : 0;
      }
      return n;
    },
  },
  {
    name: '@extractus/article-extractor extractFromHtml',
    run: async (pages) => {
      let n = 0;
      for (const p of pages) n += (await extractFromHtml(p.html, p.url).catch(() => null))?.content ? 1 : 0;
      return n;
    },
  },
];

export interface ExtractionOptions {
  readonly runs: number;
}

export async function benchExtraction({ runs }: ExtractionOptions): Promise<Figure | null> {
  const pages = loadPages();
  if (pages.length === 0) {
    console.error(`extraction: no pages under ${EXTRACTION_BENCH_DIR}/html — figure skipped`);
    return null;
  }
  const megabytes = pages.reduce((n, p) => n + Buffer.byteLength(p.html), 0) / 1e6;
  const ms = new Map<string, number[]>(SYSTEMS.map((s) => [s.name, []]));
  const produced = new Map<string, number>();
  for (let run = -1; run < runs; run++) {
    for (const system of SYSTEMS) {
      let n = 0;
      const t = await timeMs(async () => (n = await system.run(pages)));
      if (run < 0) produced.set(system.name, n);
      else ms.get(system.name)!.push(t);
    }
  }

  const ours = ms.get(SYSTEMS[0].name)!;
  const rows: Row[] = SYSTEMS.map((s) => {
    const t = ms.get(s.name)!;
    return {
      label: s.name,
      cells: {
        pagesPerSecond: rates(pages.length, t),
        mbPerSecond: rates(megabytes, t),
        msPerPage: spread(t.map((x) => x / pages.length)),
        ratio: s === SYSTEMS[0] ? null : pairRatios(t, ours),
        withText: `${produced.get(s.name)}/${pages.length}`,
      },
    };
  });
  const oursRate = rates(pages.length, ours).median;
  const vs = rows.slice(1).map((r) => `${(r.cells.ratio as { median: number }).median.toFixed(2)}× ${r.label.split(' ')[0]}`);
  return {
    id: 'extraction',
    title: 'Page extraction (HTML → article body)',
    about: `${pages.length} DEV pages of the shared extraction benchmark (${megabytes.toFixed(1)} MB of HTML, decompressed before timing); ${runs} runs after a warm-up, the three systems back to back in each run`,
    columns: [
      { key: 'pagesPerSecond', header: 'pages/s' },
      { key: 'mbPerSecond', header: 'MB/s', format: 'fixed2' },
      { key: 'msPerPage', header: 'ms/page', format: 'fixed2' },
      { key: 'ratio', header: 'ours / peer (speed)', format: 'ratio' },
      { key: 'withText', header: 'pages with a body' },
    ],
    rows,
    summary:
      `extraction: ${Math.round(oursRate)} pages/s (${vs.join(', ')}; goal ≥ 100 pages/s: ` +
      `${oursRate >= 100 ? 'met' : `missed by ${Math.round(100 - oursRate)}`})`,
    details: { pages: pages.length, htmlMegabytes: Math.round(megabytes * 100) / 100, goalPagesPerSecond: 100 },
  };
}
