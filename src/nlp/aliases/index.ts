// Aliases within one article: name mentions grouped into canonical entities, and quote
// speakers linked to them. In order:
//   1. name mentions from NER, plus photo credits as organisations;
//   2. people grouped by full name, then surnames and given names joined to the one person
//      they name ("Assad" = "Bashar al-Assad"; "al-" particles ignored); organisations,
//      places and others by their text, acronyms in parentheses joined to their long form;
//   3. honorifics and roles before a name become title mentions ("Mr. Assad",
//      "Kremlin spokesman Dmitry Peskov") and record the role;
//   4. a role repeated with "the" ("the Russian President") joins the one person holding it;
//   5. quote speakers: a name inside the speaker span, else a pronoun ("he") resolved to the
//      nearest person of the right gender (the last speaker first), a statement noun ("The
//      statement") to the previous quote's speaker, a definite description ("the ministry",
//      "the spokesman") to the latest entity it describes.

import type { AliasVia, Doc, Entity, EntityMention, EntityType, Layers, Quote, QuoteSpeaker, Span, Token } from '../../doc/doc.js';
import {
  FEMALE_HONORIFICS, HONORIFICS, MALE_HONORIFICS, ORG_HEAD_NOUNS, ROLE_MODIFIERS, ROLE_NOUNS, SPEAKER_PRONOUNS,
  STATEMENT_NOUNS,
} from './lexicon.js';

interface ClusterMention extends Span {
  readonly via: AliasVia;
}

interface Cluster {
  readonly key: string;
  type: EntityType;
  readonly typeVotes: Map<EntityType, number>;
  readonly mentions: ClusterMention[];
  readonly names: string[];
  readonly roles: string[];
  gender: 'm' | 'f' | null;
  readonly seen: Set<number>;
}

const norm = (s: string): string =>
  s.toLowerCase().replace(/[’‘`]/g, "'").replace(/^the\s+/, '').replace(/'s$/, '').replace(/\s+/g, ' ').trim();
const bare = (w: string): string => w.toLowerCase().replace(/\.$/, '');
const stripParticle = (w: string): string => w.replace(/^(?:al|el|al|ad|as|an|ar|ash)-/i, '');

/** Stage: entities (canonical, with mentions) and quotes with their speakers linked. */
export function resolveEntities(doc: Doc): Pick<Layers, 'entities' | 'quotes'> {
  const text = doc.text;
  const tokens = doc.get('tokens');
  const sentences = doc.get('sentences');
  const quotes = doc.get('quotes');

  const named = normaliseMentions(text, tokens, [...doc.get('mentions'), ...creditMentions(doc)]);
  const extraPersons: EntityMention[] = [];
  const clusters = clusterNames(text, named, tokens, extraPersons);
  const allNamed = [...named, ...extraPersons].sort((a, b) => a.start - b.start || a.end - b.end);
  addTitleMentions(text, tokens, clusters, allNamed);
  addRoleMentions(text, tokens, clusters, allNamed);

  const entities = finalise(text, clusters);
  const idOf = new Map<Cluster, string>(entities.map((e) => [e.cluster, e.entity.id]));
  const resolver = new SpeakerResolver(text, tokens, sentences, clusters, idOf);
  const linked: Quote[] = [];
  for (const q of quotes) {
    const speaker = q.speaker ? resolver.resolve(q.speaker, linked) : q.kind === 'direct' && q.cue === null ? resolver.introducedBefore(q) : null;
    const via = q.via ? resolver.resolve(q.via, linked) : null;
    linked.push({ ...q, speaker, via });
  }
  return { entities: entities.map((e) => e.entity), quotes: linked };
}

/** Nationality adjectives qualify roles: "Syrian President", "Russian Foreign Minister". */
const DEMONYM = /^\p{Lu}\p{Ll}+(?:ian|ean|an|ese|ish|i|ic|ch)$/u;

const ACRONYM_AFTER = /^\s*[(\[]\s*([\p{Lu}][\p{Lu}\p{Ll}&.-]{1,11})\s*[)\]]/u;

/**
 * Clean NER output for linking: a leading honorific is not part of a name ("Mr. Assad" is the
 * person "Assad"); a name followed by an acronym in parentheses is an organisation.
 */
function normaliseMentions(text: string, tokens: readonly Token[], mentions: readonly EntityMention[]): EntityMention[] {
  const out: EntityMention[] = [];
  for (const m of mentions) {
    let { start, type } = m;
    let i = tokenStartingAt(tokens, start);
    // only before a capitalised name: "Lord 's" (the cricket ground) keeps its word
    while (i !== undefined && tokens[i].end < m.end && HONORIFICS.has(bare(text.slice(tokens[i].start, tokens[i].end))) &&
      /^\p{Lu}/u.test(text.slice(tokens[i + 1].start, tokens[i + 1].end))) {
      i++;
      start = tokens[i].start;
      type = 'PERSON';
    }
    const acr = ACRONYM_AFTER.exec(text.slice(m.end, m.end + 16));
    if (acr && type === 'PERSON' && isAcronymOf(acr[1], text.slice(start, m.end))) type = 'ORG';
    out.push({ start, end: m.end, type });
  }
  return out.sort((a, b) => a.start - b.start || a.end - b.end);
}

/** Per token: is it inside one of the spans? (spans sorted by start) */
function coveredTokens(tokens: readonly Token[], spans: readonly Span[]): Uint8Array {
  const covered = new Uint8Array(tokens.length);
  let j = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    while (j < spans.length && spans[j].end <= t.start) j++;
    for (let k = j; k < spans.length && spans[k].start < t.end; k++) {
      if (spans[k].end > t.start) {
        covered[i] = 1;
        break;
      }
    }
  }
  return covered;
}

/** Index of the token starting at `offset`, or undefined (binary search: no per-document index). */
function tokenStartingAt(tokens: readonly Token[], offset: number): number | undefined {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = tokens[mid].start;
    if (at === offset) return mid;
    if (at < offset) lo = mid + 1;
    else hi = mid - 1;
  }
  return undefined;
}

/** Photo credits name organisations (agencies) even where NER misses them. */
function creditMentions(doc: Doc): EntityMention[] {
  const out: EntityMention[] = [];
  const mentions = doc.get('mentions');
  for (const c of doc.get('captions')) {
    const credit = c.credit;
    if (!credit) continue;
    if (mentions.some((m) => m.start < credit.end && credit.start < m.end)) continue;
    out.push({ start: credit.start, end: credit.end, type: 'ORG' });
  }
  return out;
}

function newCluster(key: string, type: EntityType): Cluster {
  return { key, type, typeVotes: new Map(), mentions: [], names: [], roles: [], gender: null, seen: new Set() };
}

function addMention(c: Cluster, m: Span, type: EntityType | null, via: AliasVia, name?: string): void {
  const key = m.start * 65536 + (m.end - m.start);
  if (c.seen.has(key)) return;
  c.seen.add(key);
  c.mentions.push({ start: m.start, end: m.end, via });
  if (type) c.typeVotes.set(type, (c.typeVotes.get(type) ?? 0) + 1);
  if (name && !c.names.includes(name)) c.names.push(name);
}

function clusterNames(
  text: string,
  named: readonly EntityMention[],
  tokens: readonly Token[],
  extraPersons: EntityMention[],
): Cluster[] {
  const clusters: Cluster[] = [];
  const byKey = new Map<string, Cluster>();
  const people: Cluster[] = [];
  const nameOf = (m: Span) => text.slice(m.start, m.end).replace(/\s+/g, ' ').replace(/^the\s+/i, '');

  // People with several name words first: they anchor surnames and given names.
  const persons = named.filter((m) => m.type === 'PERSON');
  for (const m of persons) {
    const name = nameOf(m).replace(/['’]s$/, '');
    const words = name.split(' ');
    if (words.length < 2) continue;
    const first = words[0].toLowerCase();
    const last = stripParticle(words[words.length - 1]).toLowerCase();
    let c = people.find((p) => p.names.some((n) => {
      const w = n.split(' ');
      return w.length >= 2 && w[0].toLowerCase() === first && stripParticle(w[w.length - 1]).toLowerCase() === last;
    }));
    if (!c) {
      c = newCluster(`PERSON:${norm(name)}`, 'PERSON');
      people.push(c);
      clusters.push(c);
    }
    addMention(c, m, 'PERSON', 'name', name);
  }
  for (const m of persons) {
    const name = nameOf(m).replace(/['’]s$/, '');
    if (name.split(' ').length >= 2) continue;
    const w = stripParticle(name).toLowerCase();
    const candidates = people.filter((p) => p.names.some((n) => {
      const ws = n.split(' ');
      return ws.length >= 2 && (stripParticle(ws[ws.length - 1]).toLowerCase() === w || ws[0].toLowerCase() === w);
    }));
    let c = candidates.length === 1 ? candidates[0] : nearestBefore(candidates, m.start);
    const via: AliasVia = c ? 'surname' : 'name';
    if (!c) {
      const key = `PERSON:${w}`;
      c = byKey.get(key);
      if (!c) {
        c = newCluster(key, 'PERSON');
        byKey.set(key, c);
        people.push(c);
        clusters.push(c);
      }
    }
    addMention(c, m, 'PERSON', via, via === 'name' ? name : undefined);
  }

  // Surnames and given names NER missed elsewhere in the article: "Mr. al-Assad" after "Bashar al-Assad".
  const covered = coveredTokens(tokens, named);
  const surnames = new Set(people.flatMap((p) => p.names.filter((n) => n.includes(' ')).map((n) => stripParticle(n.split(' ').pop() ?? '').toLowerCase())));
  for (let ti = 0; ti < tokens.length; ti++) {
    const t = tokens[ti];
    if (t.kind !== 'word' || covered[ti]) continue;
    const word = stripParticle(text.slice(t.start, t.end));
    if (!/^\p{Lu}/u.test(word) || !surnames.has(word.toLowerCase())) continue;
    const w = word.toLowerCase();
    if (w.length < 3) continue;
    const candidates = people.filter((p) => p.names.some((n) => {
      const ws = n.split(' ');
      return ws.length >= 2 && stripParticle(ws[ws.length - 1]).toLowerCase() === w;
    }));
    const c = candidates.length === 1 ? candidates[0] : nearestBefore(candidates, t.start);
    if (c) {
      addMention(c, t, null, 'surname');
      extraPersons.push({ start: t.start, end: t.end, type: 'PERSON' });
    }
  }

  // Organisations, places and the rest by text; acronyms in parentheses join their long form.
  const acronyms = new Map<string, Cluster>();
  for (const m of named) {
    if (m.type === 'PERSON') continue;
    const name = nameOf(m);
    if (m.type === 'ORG' || m.type === 'MISC') {
      // a lone surname mistyped by NER ("Assad's whereabouts") still names the person
      const person = surnameHolder(people, name, m.start);
      if (person) {
        addMention(person, m, 'PERSON', 'surname');
        continue;
      }
    }
    // one entity per name and type: a city and the club named after it stay apart
    const key = `${m.type}:${norm(name)}`;
    let c = byKey.get(key) ?? acronyms.get(name);
    const via: AliasVia = acronyms.get(name) && !byKey.get(key) ? 'acronym' : 'name';
    if (!c) {
      // "Foreign Ministry" after "Russian Foreign Ministry": the shorter names the same organisation.
      c = m.type === 'ORG' ? clusters.find((x) => x.type === 'ORG' && x.key.endsWith(` ${norm(name)}`)) : undefined;
      if (!c) {
        c = newCluster(key, m.type);
        byKey.set(key, c);
        clusters.push(c);
      }
    }
    addMention(c, m, m.type, via, via === 'name' ? name : undefined);
    const acr = ACRONYM_AFTER.exec(text.slice(m.end, m.end + 16));
    if (acr && acr[1] !== name && isAcronymOf(acr[1], name)) acronyms.set(acr[1], c);
  }
  // Acronym occurrences NER did not tag.
  for (const [acr, c] of acronyms) {
    for (let ti = 0; ti < tokens.length; ti++) {
      const t = tokens[ti];
      if (t.end - t.start !== acr.length || text.slice(t.start, t.end) !== acr) continue;
      if (covered[ti]) {
        // tagged already, possibly as its own cluster: merge it in
        const own = byKey.get(`ORG:${norm(acr)}`) ?? byKey.get(`LOC:${norm(acr)}`) ?? byKey.get(`MISC:${norm(acr)}`);
        if (own && own !== c) mergeInto(c, own, clusters, 'acronym');
        continue;
      }
      addMention(c, t, null, 'acronym');
    }
  }
  return clusters;
}

function surnameHolder(people: Cluster[], name: string, at: number): Cluster | undefined {
  if (name.includes(' ')) return undefined;
  const w = stripParticle(name).toLowerCase();
  const candidates = people.filter((p) => p.names.some((n) => {
    const ws = n.split(' ');
    return ws.length >= 2 && stripParticle(ws[ws.length - 1]).toLowerCase() === w;
  }));
  return candidates.length === 1 ? candidates[0] : nearestBefore(candidates, at);
}

/** "HTS" of "Hayat Tahrir-al-Sham": the capitals of the long form spell the acronym, in order. */
function isAcronymOf(acr: string, name: string): boolean {
  const letters = acr.replace(/[^\p{Lu}]/gu, '');
  const capitals = name.replace(/[^\p{Lu}\s-]/gu, '').replace(/[\s-]+/g, ' ').trim().split(' ').map((w) => w[0] ?? '').join('');
  const initials = name.split(/[\s-]+/).map((w) => (w[0] ?? '').toUpperCase()).join('');
  const subsequence = (hay: string) => {
    let i = 0;
    for (const ch of hay) if (ch === letters[i]) i++;
    return i === letters.length;
  };
  return letters.length >= 2 && (subsequence(capitals) || subsequence(initials));
}

function mergeInto(target: Cluster, source: Cluster, clusters: Cluster[], via: AliasVia): void {
  for (const m of source.mentions) addMention(target, m, source.type, via);
  const i = clusters.indexOf(source);
  if (i >= 0) clusters.splice(i, 1);
}

function nearestBefore(candidates: Cluster[], at: number): Cluster | undefined {
  let best: Cluster | undefined;
  let bestEnd = -1;
  for (const c of candidates) {
    for (const m of c.mentions) {
      if (m.end <= at && m.end > bestEnd) {
        best = c;
        bestEnd = m.end;
      }
    }
  }
  return best;
}

function clusterIndex(clusters: readonly Cluster[]): Map<number, Cluster> {
  const index = new Map<number, Cluster>();
  for (const c of clusters) for (const m of c.mentions) index.set(m.start * 65536 + (m.end - m.start), c);
  return index;
}

/** Honorifics and roles before a person's name become a title mention and a role. */
function addTitleMentions(
  text: string,
  tokens: readonly Token[],
  clusters: Cluster[],
  named: readonly EntityMention[],
): void {
  const inOtherName = coveredTokens(tokens, named.filter((m) => m.type !== 'PERSON'));
  const index = clusterIndex(clusters);
  for (const m of named) {
    if (m.type !== 'PERSON') continue;
    const c = index.get(m.start * 65536 + (m.end - m.start));
    const i = tokenStartingAt(tokens, m.start);
    if (!c || i === undefined || i === 0) continue;
    let j = i - 1;
    let start = -1;
    let roleEnd = -1;
    let honorific: string | null = null;
    while (j >= 0) {
      const t = tokens[j];
      if (text.slice(t.end, tokens[j + 1].start).includes('\n')) break;
      const w = bare(text.slice(t.start, t.end));
      const inName = inOtherName[j] === 1;
      const adjacent = j === i - 1;
      if (HONORIFICS.has(w)) {
        if (!adjacent && start < 0) break;
        honorific ??= w;
      } else if (ROLE_NOUNS.has(w)) {
        if (roleEnd < 0) roleEnd = t.end;
      } else if (ROLE_MODIFIERS.has(w) || inName || DEMONYM.test(text.slice(t.start, t.end))) {
        if (adjacent) break; // the word next to the name must be a title or role
      } else {
        break;
      }
      start = t.start;
      j--;
    }
    if (start < 0) continue;
    // a run may not begin with "of"/"for"
    let s = start;
    while (/^(?:of|for)\s/i.test(text.slice(s, m.start))) s = text.indexOf(' ', s) + 1;
    addMention(c, { start: s, end: m.end }, null, 'title');
    if (honorific) c.gender ??= FEMALE_HONORIFICS.has(honorific) ? 'f' : MALE_HONORIFICS.has(honorific) ? 'm' : null;
    if (roleEnd > 0) {
      const role = text.slice(s, roleEnd).replace(/\s+/g, ' ').trim();
      const roleWords = role.split(' ').filter((w) => !HONORIFICS.has(bare(w)));
      const cleaned = roleWords.join(' ');
      if (cleaned && !c.roles.includes(cleaned)) c.roles.push(cleaned);
      const head = bare(roleWords[roleWords.length - 1] ?? '');
      if (FEMALE_HONORIFICS.has(head)) c.gender ??= 'f';
      if (MALE_HONORIFICS.has(head)) c.gender ??= 'm';
    }
  }
}

/** "the Russian President" joins the one person introduced as "Russian President ...". */
function addRoleMentions(
  text: string,
  tokens: readonly Token[],
  clusters: Cluster[],
  named: readonly EntityMention[],
): void {
  const holders = new Map<string, Cluster[]>();
  for (const c of clusters) {
    if (c.type !== 'PERSON') continue;
    for (const role of c.roles) {
      const words = role.split(' ').filter((w) => !['former', 'then', 'late', 'ex'].includes(bare(w)));
      if (words.length < 2) continue; // a bare "President" is too ambiguous to resolve
      const key = words.map(bare).join(' ');
      const list = holders.get(key) ?? [];
      if (!list.includes(c)) list.push(c);
      holders.set(key, list);
    }
  }
  const personStarts = new Set(named.filter((m) => m.type === 'PERSON').map((m) => m.start));
  for (const [key, list] of holders) {
    if (list.length !== 1) continue;
    const c = list[0];
    const words = key.split(' ');
    for (let i = 0; i + words.length < tokens.length; i++) {
      const det = bare(text.slice(tokens[i].start, tokens[i].end));
      if (det !== 'the') continue;
      let k = 0;
      while (k < words.length && bare(text.slice(tokens[i + 1 + k].start, tokens[i + 1 + k].end)) === words[k]) k++;
      if (k < words.length) continue;
      const start = tokens[i + 1].start;
      const end = tokens[i + words.length].end;
      const next = tokens[i + words.length + 1];
      // followed by a name: a title mention, handled already
      if (next && personStarts.has(next.start)) continue;
      addMention(c, { start, end }, null, 'role');
    }
  }
}

function majorityType(c: Cluster): EntityType {
  let best: EntityType = c.type;
  let n = -1;
  for (const [t, v] of c.typeVotes) {
    if (v > n) {
      best = t;
      n = v;
    }
  }
  return best;
}

function finalise(text: string, clusters: Cluster[]): { entity: Entity; cluster: Cluster }[] {
  const live = clusters.filter((c) => c.mentions.length > 0);
  for (const c of live) {
    c.type = majorityType(c);
    c.mentions.sort((a, b) => a.start - b.start || a.end - b.end);
  }
  live.sort((a, b) => a.mentions[0].start - b.mentions[0].start);
  return live.map((c, i) => {
    const nameMentions = c.mentions.filter((m) => m.via === 'name').map((m) => text.slice(m.start, m.end).replace(/\s+/g, ' '));
    const candidates = (nameMentions.length ? nameMentions : c.names.length ? c.names : c.mentions.map((m) => text.slice(m.start, m.end)))
      .map((n) => n.replace(/^the\s+/i, '').replace(/['’]s$/, ''));
    const name = c.type === 'PERSON' || c.type === 'ORG' ? longest(candidates) : mostFrequent(candidates);
    return {
      cluster: c,
      entity: { id: `e${i + 1}`, name, type: c.type, roles: c.roles.slice(), mentions: c.mentions.slice() },
    };
  });
}

function longest(xs: string[]): string {
  return xs.reduce((a, b) => (b.length > a.length ? b : a), xs[0] ?? '');
}

function mostFrequent(xs: string[]): string {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(x, (counts.get(x) ?? 0) + 1);
  let best = xs[0] ?? '';
  for (const [x, n] of counts) if (n > (counts.get(best) ?? 0)) best = x;
  return best;
}

/** Longest name mention looked back over when searching by position (characters). */
const MAX_MENTION_LENGTH = 300;
/** How far back a definite description ("the ministry") looks for what it describes (characters). */
const LOOKBACK_CHARS = 5000;

/** Links quote speaker spans to entities. */
class SpeakerResolver {
  private readonly mentions: { span: ClusterMention; cluster: Cluster }[];

  constructor(
    private readonly text: string,
    private readonly tokens: readonly Token[],
    private readonly sentences: readonly Span[],
    clusters: readonly Cluster[],
    private readonly idOf: Map<Cluster, string>,
  ) {
    this.mentions = clusters.flatMap((c) => c.mentions.map((span) => ({ span, cluster: c }))).sort((a, b) => a.span.start - b.span.start);
  }

  resolve(speaker: QuoteSpeaker, earlier: readonly Quote[]): QuoteSpeaker {
    const cluster = this.byName(speaker) ?? this.byReference(speaker, earlier);
    return { start: speaker.start, end: speaker.end, entity: cluster ? (this.idOf.get(cluster) ?? null) : (speaker.entity ?? null) };
  }

  /** Mentions starting in [from, to), by binary search over the sorted list. */
  private startingIn(from: number, to: number): { span: ClusterMention; cluster: Cluster }[] {
    let lo = 0;
    let hi = this.mentions.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.mentions[mid].span.start < from) lo = mid + 1;
      else hi = mid;
    }
    const out: { span: ClusterMention; cluster: Cluster }[] = [];
    for (let i = lo; i < this.mentions.length && this.mentions[i].span.start < to; i++) out.push(this.mentions[i]);
    return out;
  }

  /**
   * A quotation standing alone in its paragraph, with no cue, after a sentence that introduces a
   * person ("The mayor, Priya Nandi, spoke to residents." then a quoted paragraph): that person.
   */
  introducedBefore(q: Span): QuoteSpeaker | null {
    const here = this.sentenceIndex(q.start);
    const previous = this.sentences[here - 1];
    if (!previous || previous.end > q.start || this.sentences[here].start !== q.start && this.text[q.start] !== '"' && this.text[q.start] !== '“') return null;
    const hit = this.startingIn(previous.start, previous.end).find((m) => m.cluster.type === 'PERSON' && m.span.end <= previous.end);
    return hit ? { start: hit.span.start, end: hit.span.end, entity: this.idOf.get(hit.cluster) ?? null } : null;
  }

  /** A name mention inside the span (the one that ends it first, then people, then the longest). */
  private byName(span: Span): Cluster | undefined {
    // an apposition or party tag follows the head: "Flynn, a top Trump surrogate", "Rep. Jane Roe (D-N.Y.)"
    const cut = /[,(]/.exec(this.text.slice(span.start, span.end));
    const s = cut && cut.index > 0 ? { start: span.start, end: span.start + this.text.slice(span.start, span.start + cut.index).trimEnd().length } : span;
    const near = this.startingIn(s.start - MAX_MENTION_LENGTH, s.end);
    const inside = near.filter((m) => m.span.start >= s.start && m.span.end <= s.end && m.span.via !== 'role');
    const covering = near.filter((m) => m.span.start <= s.start && m.span.end >= s.end);
    const pool = inside.length ? inside : covering;
    if (!pool.length) return undefined;
    const atEnd = pool.filter((m) => m.span.end === s.end);
    const pick = (xs: typeof pool) => xs.find((m) => m.cluster.type === 'PERSON') ?? xs.reduce((a, b) => (b.span.end - b.span.start > a.span.end - a.span.start ? b : a));
    return pick(atEnd.length ? atEnd : pool).cluster;
  }

  private byReference(s: Span, earlier: readonly Quote[]): Cluster | undefined {
    const phrase = this.text.slice(s.start, s.end).toLowerCase().replace(/\s+/g, ' ').trim();
    const words = phrase.split(' ');
    const head = words[words.length - 1].replace(/[^\p{L}-]/gu, '');
    const pronoun = SPEAKER_PRONOUNS[phrase];
    const previous = this.previousSpeaker(earlier, s.start);
    if (pronoun) {
      if (pronoun.type === 'PERSON') {
        const ok = (c: Cluster) => c.type === 'PERSON' && (c.gender === null || c.gender === pronoun.gender);
        // the subject of the nearest sentence naming a person, unless the last quote is nearer
        const subject = this.subjectBefore(s.start, ok);
        const lastQuote = earlier.length ? this.sentenceIndex(earlier[earlier.length - 1].start) : -1;
        if (subject && (!previous || !ok(previous) || subject.sentence >= lastQuote)) return subject.cluster;
        if (previous && ok(previous) && this.sentenceDistance(this.lastMentionBefore(previous, s.start), s.start) <= 3) return previous;
        return subject?.cluster;
      }
      if (previous && (previous.type === 'ORG' || pronoun.type === 'ANY')) return previous;
      return this.subjectBefore(s.start, (c) => c.type === 'ORG')?.cluster;
    }
    if (STATEMENT_NOUNS.has(head) || STATEMENT_NOUNS.has(words.slice(-2).join(' '))) return previous;
    if (/^(?:the|this|that)\s/.test(phrase)) {
      if (ORG_HEAD_NOUNS.has(head)) {
        return this.latestBefore(s.start, (c) => c.type === 'ORG' && c.names.some((n) => n.toLowerCase().includes(head)));
      }
      if (ROLE_NOUNS.has(head)) {
        return this.latestBefore(s.start, (c) => c.type === 'PERSON' && c.roles.some((r) => r.toLowerCase().split(' ').includes(head)));
      }
    }
    return undefined;
  }

  private previousSpeaker(earlier: readonly Quote[], before: number): Cluster | undefined {
    for (let i = earlier.length - 1; i >= 0 && i >= earlier.length - 8; i--) {
      const q = earlier[i];
      if (q.start >= before && (q.speaker?.start ?? Infinity) >= before) continue;
      const id = q.speaker?.entity;
      if (!id) continue;
      for (const [c, cid] of this.idOf) if (cid === id) return c;
    }
    return undefined;
  }

  /** The first matching mention in this sentence before `at`, else in the nearest earlier sentence (its subject, roughly). */
  private subjectBefore(at: number, ok: (c: Cluster) => boolean): { cluster: Cluster; sentence: number } | undefined {
    const here = this.sentenceIndex(at);
    for (let s = here; s >= 0 && s >= here - 3; s--) {
      const sentence = this.sentences[s];
      if (!sentence) continue;
      const hit = this.startingIn(sentence.start, Math.min(sentence.end, at)).find((m) => m.span.end <= Math.min(sentence.end, at) && ok(m.cluster));
      if (hit) return { cluster: hit.cluster, sentence: s };
    }
    return undefined;
  }

  private latestBefore(at: number, ok: (c: Cluster) => boolean): Cluster | undefined {
    const window = this.startingIn(at - LOOKBACK_CHARS, at);
    for (let i = window.length - 1; i >= 0; i--) {
      const m = window[i];
      if (m.span.end <= at && ok(m.cluster)) return m.cluster;
    }
    return undefined;
  }

  private lastMentionBefore(c: Cluster, at: number): number {
    let last = -1;
    for (const m of c.mentions) if (m.end <= at && m.start > last) last = m.start;
    return last;
  }

  private sentenceDistance(from: number, to: number): number {
    if (from < 0) return Infinity;
    return this.sentenceIndex(to) - this.sentenceIndex(from);
  }

  private sentenceIndex(offset: number): number {
    let lo = 0;
    let hi = this.sentences.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.sentences[mid].start <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
