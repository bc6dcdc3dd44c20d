// A small bar chart of statements over time, as inline SVG (no library, no script, no style
// attribute: presentation attributes only, so the strict CSP holds).

import { html, type Html } from './html.js';

/** Counts per month (YYYY-MM) from the first to the last month with a dated statement. */
export function monthlyCounts(dates: readonly (string | null)[]): { month: string; n: number }[] {
  const months = dates.filter((d): d is string => !!d && /^\d{4}-\d{2}/.test(d)).map((d) => d.slice(0, 7)).sort();
  if (!months.length) return [];
  const counts = new Map<string, number>();
  for (const m of months) counts.set(m, (counts.get(m) ?? 0) + 1);
  const out: { month: string; n: number }[] = [];
  let [y, mo] = months[0].split('-').map(Number);
  const last = months[months.length - 1];
  for (let guard = 0; guard < 1200; guard++) {
    const key = `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}`;
    out.push({ month: key, n: counts.get(key) ?? 0 });
    if (key >= last) break;
    mo++;
    if (mo > 12) {
      mo = 1;
      y++;
    }
  }
  // Very long spans: keep the last 10 years of months.
  return out.slice(-120);
}

export function statementsChart(dates: readonly (string | null)[]): Html {
  const data = monthlyCounts(dates);
  if (!data.length) return html``;
  const W = 600;
  const H = 120;
  const pad = 18;
  const max = Math.max(...data.map((d) => d.n));
  const bw = Math.min(48, (W - 2 * pad) / data.length);
  const bars = data.map((d, i) => {
    const h = max ? Math.round(((H - 2 * pad) * d.n) / max) : 0;
    const x = pad + i * bw;
    return html`<g><rect x="${x.toFixed(1)}" y="${H - pad - h}" width="${Math.max(1, bw - 2).toFixed(1)}" height="${h}" class="bar"><title>${d.month}: ${d.n} statement${d.n === 1 ? '' : 's'}</title></rect></g>`;
  });
  const label = `Statements per month, ${data[0].month} to ${data[data.length - 1].month}; most in one month: ${max}.`;
  return html`<figure class="chart"><svg viewBox="0 0 ${W} ${H}" role="img" aria-label="${label}" xmlns="http://www.w3.org/2000/svg">
<line x1="${pad}" y1="${H - pad}" x2="${W - pad}" y2="${H - pad}" class="axis" stroke="currentColor"/>
${bars}
<text x="${pad}" y="${H - 4}" class="tick" font-size="11" fill="currentColor">${data[0].month}</text>
<text x="${W - pad}" y="${H - 4}" class="tick" font-size="11" fill="currentColor" text-anchor="end">${data[data.length - 1].month}</text>
<text x="${pad}" y="12" class="tick" font-size="11" fill="currentColor">${max} max</text>
</svg><figcaption>${label}</figcaption></figure>`;
}
