// The readable view of one result: who said what, with cue, speaker and date.

import type { ArticleResult } from '../result.js';

const oneLine = (s: string, max = 400): string => {
  const t = s.replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
};

export function formatText(r: ArticleResult): string {
  const out: string[] = [];
  out.push(`Title:     ${r.title ?? '(none)'}${r.title_inferred ? '  [inferred from the lead]' : ''}`);
  out.push(`Published: ${r.published ?? '(unknown)'}`);
  if (r.byline) out.push(`Byline:    ${r.byline}`);
  if (r.source) out.push(`Source:    ${r.source.url}${r.source.publisher ? ` (${r.source.publisher})` : ''}${r.republished_from ? '  [republished]' : ''}`);
  out.push(`Body:      ${r.paragraphs.length} paragraphs, ${r.text.length} characters`);
  for (const c of r.captions) out.push(`Caption:   ${oneLine(c.text, 160)}${c.credit ? `  — credit: ${c.credit}` : ''}`);
  out.push('');
  out.push(`Quotes (${r.quotes.length}):`);
  r.quotes.forEach((q, i) => {
    const who = q.speaker ? `${q.speaker.name ?? q.speaker.text}${q.speaker.name && q.speaker.text !== q.speaker.name ? ` ("${q.speaker.text}")` : ''}` : '(unattributed)';
    const when = q.said_on ? q.said_on.value : r.published ? `published ${r.published}` : 'date unknown';
    out.push(`${String(i + 1).padStart(3)}. [${q.kind}] ${who}${q.cue ? ` — ${q.cue.text}` : ''} — ${when}`);
    if (q.via) out.push(`     via ${q.via.name ?? q.via.text}`);
    out.push(`     “${oneLine(q.text)}”  @${q.start}-${q.end}`);
  });
  out.push('');
  out.push(`Entities (${r.entities.length}):`);
  for (const e of r.entities) {
    const forms = [...new Set(e.mentions.map((m) => m.text.replace(/\s+/g, ' ')))];
    out.push(`  ${e.type.padEnd(6)} ${e.name}${e.roles.length ? ` (${e.roles.join('; ')})` : ''} — ${forms.join(' | ')}`);
  }
  out.push('');
  out.push(`Dates (${r.dates.length}):`);
  for (const d of r.dates) out.push(`  ${d.type.padEnd(8)} ${d.value.padEnd(12)} "${d.text}"${d.mod ? ` [${d.mod}]` : ''}`);
  return out.join('\n');
}
