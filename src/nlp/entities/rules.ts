// Post-rules over the tagger's spans (unit indices within one sentence). Each rule is a news
// convention the CoNLL annotation lacks or the tagger cannot see locally.

import type { EntityType } from '../../doc/doc.js';
import { MINISTRY_HEADS, NATIONALITIES, ORG_METONYMS, PERSON_TITLES } from './tables.js';

export interface USpan {
  i: number;
  j: number;
  type: EntityType;
}

/** Honorifics: only people carry them, and they are not part of the name (CoNLL convention). */
export const HONORIFICS: ReadonlySet<string> = new Set(['mr', 'mr.', 'mrs', 'mrs.', 'ms', 'ms.', 'dr', 'dr.', 'messrs', 'messrs.', 'mme', 'mme.', 'sir', 'dame']);
/** Role words that end up glued to a MISC/PERSON span ("Russian President") but are not names. */
const ROLE_TAIL: ReadonlySet<string> = new Set([
  'president', 'minister', 'premier', 'spokesman', 'spokeswoman', 'leader', 'chancellor', 'envoy', 'ambassador',
  'official', 'officials', 'forces', 'troops', 'army', 'government', 'police', 'authorities',
]);

/** Quantity / group nouns that start "Shares of Apple", "Supporters of Trump": never part of the name. */
const GROUP_HEADS: ReadonlySet<string> = new Set([
  'shares', 'stocks', 'members', 'supporters', 'residents', 'officials', 'leaders', 'citizens', 'fans', 'employees',
  'workers', 'critics', 'friends', 'people', 'thousands', 'hundreds', 'dozens', 'millions', 'many', 'most', 'some',
  'all', 'none', 'one', 'each', 'both', 'parts', 'much', 'both', 'investors', 'customers', 'users',
]);

/** Apply the per-sentence rules; `w` are the unit words of the sentence. */
export function sentenceRules(w: readonly string[], spans: USpan[]): USpan[] {
  const out: USpan[] = [];
  for (const sp of spans) {
    let { i, j, type } = sp;
    // "Shares of Apple Inc.": a group noun + "of" is not part of the name
    while (j - i > 2 && GROUP_HEADS.has(w[i].toLowerCase()) && w[i + 1] === 'of') i += 2;
    // "Mr. al-Assad": drop the honorific; the name is a person's
    while (j - i > 1 && HONORIFICS.has(w[i].toLowerCase())) {
      i++;
      type = 'PERSON';
    }
    if (i > 0 && HONORIFICS.has(w[i - 1].toLowerCase()) && /^\p{Lu}/u.test(w[i])) type = 'PERSON';
    // "President Assad": role words are not part of a person's name; a lone title is no name
    if (type === 'PERSON') {
      while (i < j && PERSON_TITLES.has(w[i].toLowerCase()) && !/^\p{Lu}+$/u.test(w[i])) i++;
      if (i === j) continue;
    }
    // "Russian President" -> "Russian"
    while (j - i > 1 && (type === 'MISC' || type === 'PERSON') && ROLE_TAIL.has(w[j - 1].toLowerCase())) j--;
    const lower = w.slice(i, j).join(' ').toLowerCase();
    if (ORG_METONYMS.has(lower) && type === 'LOC') type = 'ORG';
    // "Russian Foreign Ministry": the nationality adjective belongs to the ministry's name
    const prev = out[out.length - 1];
    if (
      type === 'ORG' && prev && prev.type === 'MISC' && prev.j === i && prev.j - prev.i === 1 &&
      NATIONALITIES.has(w[prev.i].toLowerCase()) && MINISTRY_HEADS.has(w[i].toLowerCase()) &&
      /^(ministry|ministries|office|department)$/i.test(w[j - 1])
    ) {
      prev.j = j;
      prev.type = 'ORG';
      continue;
    }
    out.push({ i, j, type });
  }
  // "Mr. Biden" left untagged: an honorific before a capitalised name makes it a person
  for (let k = 0; k + 1 < w.length; k++) {
    if (!HONORIFICS.has(w[k].toLowerCase()) || !/^\p{Lu}\p{Ll}/u.test(w[k + 1])) continue;
    if (out.some((s) => s.i <= k + 1 && k + 1 < s.j)) continue;
    let j = k + 2;
    while (j < w.length && j < k + 4 && /^\p{Lu}\p{Ll}/u.test(w[j]) && !out.some((s) => s.i <= j && j < s.j)) j++;
    out.push({ i: k + 1, j, type: 'PERSON' });
  }
  return out.sort((x, y) => x.i - y.i);
}

const PARTICLE = /^(al|el|ad|as|ash|at|bin|ibn|de|del|der|di|da|du|la|le|van|von|of|the|and|for|y|e)$/i;

function initials(words: readonly string[]): string {
  let s = '';
  for (const w of words) for (const part of w.split(/[-‐]/)) if (part && !PARTICLE.test(part) && /^\p{Lu}/u.test(part)) s += part[0];
  return s;
}

/**
 * "Hayat Tahrir-al-Sham (HTS)": a capitalised name followed by its acronym in brackets is one
 * organisation (unless tagged a place or person as a whole); every other use of the acronym in
 * the document gets the same type. Returns acronym -> type.
 */
export function acronymRule(w: readonly string[], spans: USpan[], acronyms: Map<string, EntityType>): USpan[] {
  for (let k = 0; k + 2 < w.length; k++) {
    if (w[k] !== '(' || w[k + 2] !== ')') continue;
    const acr = w[k + 1];
    if (!/^\p{Lu}{2,6}$/u.test(acr)) continue;
    // the longest run of capitalised words / particles ending right before "("
    let a = k;
    while (a > 0 && (/^\p{Lu}/u.test(w[a - 1]) || (PARTICLE.test(w[a - 1]) && a - 1 > 0 && /^\p{Lu}/u.test(w[a - 2])))) a--;
    let found = -1;
    for (let b = a; b < k; b++) {
      if (!/^\p{Lu}/u.test(w[b])) continue;
      if (initials(w.slice(b, k)) === acr) {
        found = b;
        break;
      }
    }
    if (found < 0) continue;
    const whole = spans.find((s) => s.i === found && s.j === k);
    const type: EntityType = whole && whole.type !== 'PERSON' ? whole.type : 'ORG';
    spans = spans.filter((s) => s.j <= found || s.i >= k);
    spans.push({ i: found, j: k, type });
    acronyms.set(acr, type);
  }
  return spans.sort((x, y) => x.i - y.i);
}

/** Give every standalone use of a defined acronym its definition's type. */
export function applyAcronyms(w: readonly string[], spans: USpan[], acronyms: Map<string, EntityType>): USpan[] {
  if (acronyms.size === 0) return spans;
  for (let k = 0; k < w.length; k++) {
    const t = acronyms.get(w[k]);
    if (!t) continue;
    const hit = spans.find((s) => s.i <= k && k < s.j);
    if (hit) {
      if (hit.i === k && hit.j === k + 1) hit.type = t;
      continue;
    }
    spans.push({ i: k, j: k + 1, type: t });
  }
  return spans.sort((x, y) => x.i - y.i);
}
