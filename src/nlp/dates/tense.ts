// The tense of the clause around a temporal expression, in the manner of HeidelTime but without
// POS tags: the nearest finite verb group before the expression decides, else the first one after
// it. Bare weekdays, months and holidays use it to resolve forward (future) or backward (past).
// Every word list is a named table in lexicon.ts.

import {
  FUTURE_AUXILIARIES, FUTURE_TO_HEADS, FUTURE_TO_NOUNS, IRREGULAR_PARTICIPLES, IRREGULAR_PAST, MODAL_AUXILIARIES, NOT_PAST_ED,
  PAST_AUXILIARIES, PAST_CUES, PERFECT_AUXILIARIES, PRESENT_AUXILIARIES, PRESENT_EVENT_VERBS, SCHEDULE_BEFORE_PREPOSITION, SCHEDULE_WORDS,
  SUPERSEDED_PLAN_CUES, TEMPORAL_SUBORDINATORS, UNDECIDED_MODALS, VERB_GROUP_FILLERS,
} from './lexicon.js';
import type { DTok } from './phrases.js';

export type Tense = 'PAST' | 'PRESENT' | 'FUTURE';

/** How far (in tokens) to look for the verb group before and after the expression. */
const LOOK_BACK = 40;
const LOOK_AHEAD = 25;
/** Words before a noun: a verb-looking word right after one is a noun or an adjective ("the planned merger", "a meet"). */
const DETERMINERS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'this', 'these', 'those', 'his', 'her', 'its', 'their', 'our', 'my', 'your', "'s", 'no', 'any',
]);
/** Subjects a present-tense verb can follow ("they meet", "he leaves"; "the leaders meet" is checked by its plural). */
const SUBJECT_PRONOUNS: ReadonlySet<string> = new Set(['i', 'we', 'you', 'they', 'he', 'she', 'it', 'who', 'which', 'that']);
/** Forms of "be" before "being" (a progressive passive: "is being made to"). */
const BE_FORMS: ReadonlySet<string> = new Set(['is', 'are', 'am', 'was', 'were', "'re", "'m"]);
/** Prepositions between a copula and the expression it predicates ("is on Saturday", "are until Friday"). */
const COPULA_PREPOSITIONS: ReadonlySet<string> = new Set(['on', 'at', 'until', 'till', 'through', 'in', 'by']);
/** Words that join clauses or verb phrases: the verb after one is not the main verb of the words before it. */
const CLAUSE_LINKS: ReadonlySet<string> = new Set(['and', 'or', 'but', 'while', 'whereas', 'which', 'who', 'that', 'when', 'where']);
/** Pronouns whose "'s" is "is" ("it's", "he's"), not a possessive. */
const S_PRONOUNS: ReadonlySet<string> = new Set(['it', 'he', 'she', 'that', 'there', 'what', 'who', 'here', 'where', 'this']);
/** Auxiliaries after which a participle or a base verb is not finite: the auxiliary decides. */
const AUXILIARY_KEYS: ReadonlySet<string> = new Set([
  ...FUTURE_AUXILIARIES, ...MODAL_AUXILIARIES, ...UNDECIDED_MODALS, ...PAST_AUXILIARIES, ...PRESENT_AUXILIARIES, ...PERFECT_AUXILIARIES,
  'be', 'been', 'being', 'having', 'to', 'get', 'got', 'gets', 'getting', "'s",
]);

/** Lower-case auxiliary key of a word: "won't" -> "wo", "didn't" -> "did", "they'll" -> "'ll", "it's" -> "is". */
function verbKey(w: string): string {
  let x = w.endsWith("n't") ? w.slice(0, -3) : w;
  if (x === 'cannot') x = 'can';
  const ap = x.lastIndexOf("'");
  if (ap > 0) {
    const suffix = x.slice(ap);
    if (suffix === "'ll" || suffix === "'d" || suffix === "'ve" || suffix === "'re" || suffix === "'m") return suffix;
    if (suffix === "'s") return S_PRONOUNS.has(x.slice(0, ap)) ? 'is' : "'s";
  }
  return x;
}

export class TenseFinder {
  private readonly memo = new Map<number, { tense: Tense | null; by: number }>();
  /** The token that decided the last tense found. */
  private by = -1;

  constructor(
    private readonly toks: readonly DTok[],
    private readonly sentOf: Int32Array,
    private readonly sentStart: readonly number[],
    private readonly sentEnd: readonly number[],
  ) {}

  /** The tense of the clause around the expression starting at token i (null: no verb evidence). */
  at(i: number): Tense | null {
    return this.lookup(i).tense;
  }

  /** Is the clause future by an auxiliary of the future itself ("will", "'ll", "shall"), not by a modal or a plan? */
  willFuture(i: number): boolean {
    const r = this.lookup(i);
    return r.tense === 'FUTURE' && r.by >= 0 && FUTURE_AUXILIARIES.has(this.key(r.by));
  }

  private lookup(i: number): { tense: Tense | null; by: number } {
    let hit = this.memo.get(i);
    if (!hit) {
      this.by = -1;
      const tense = this.find(i);
      hit = { tense, by: this.by };
      this.memo.set(i, hit);
    }
    return hit;
  }

  private key(k: number): string {
    const t = this.toks[k];
    return t ? verbKey(t.b) : '';
  }

  /** The token before k, skipping adverbs ("was formally signed", "will not meet"). */
  private prevWord(k: number, first: number): number {
    let j = k - 1;
    while (j >= first && this.isAdverb(j)) j--;
    return j;
  }

  private nextWord(k: number, last: number): number {
    let j = k + 1;
    while (j < last && this.isAdverb(j)) j++;
    return j;
  }

  private isAdverb(k: number): boolean {
    const w = this.toks[k].b;
    return (w.length > 4 && w.endsWith('ly') && !PRESENT_EVENT_VERBS.has(w)) || w === 'not' || w === 'also' || w === 'already' ||
      w === 'just' || w === 'still' || w === 'never' || w === 'ever' || w === 'only' || w === 'again' || w === 'first' ||
      w === 'separately' || w === 'jointly' || w === 'now' || w === 'then' || w === 'soon';
  }

  private find(i: number): Tense | null {
    const s = this.sentOf[i] ?? 0;
    const first = this.sentStart[s] ?? 0;
    const last = this.sentEnd[s] ?? this.toks.length;
    const stop = Math.max(first, i - LOOK_BACK);
    for (let k = i - 1; k >= stop; k--) {
      const t = this.classify(k, i, first, last, true);
      if (!t) continue;
      if (t === 'NONE') return null;
      this.by = k;
      if (t !== 'PAST') return t;
      // a past verb in a temporal clause takes its time from the main clause: "would buy as soon as trading opened Monday"
      const sub = this.subordinatorBefore(k, first);
      if (sub < 0) return t;
      for (let j = sub - 1; j >= stop; j--) {
        const main = this.classify(j, i, first, last, true);
        if (!main) continue;
        this.by = j;
        return main === 'FUTURE' ? 'FUTURE' : 'PAST';
      }
      return t;
    }
    // no verb before (the expression opens its sentence): the first verb group after it
    let from = i + 1;
    while (from < last && (this.toks[from].cap || this.toks[from].digits || this.toks[from].punct)) from++;
    for (let k = from; k < Math.min(last, from + LOOK_AHEAD); k++) {
      const t = this.classify(k, i, first, last, false);
      if (!t) continue;
      this.by = k;
      return t === 'NONE' ? null : t;
    }
    return null;
  }

  /** The tense token k gives its clause, null when it is not a finite verb (group), 'NONE' to stop looking. */
  private classify(k: number, i: number, first: number, last: number, before: boolean): Tense | 'NONE' | null {
    const tok = this.toks[k];
    if (tok.punct) return null;
    const w = this.key(k);
    const midSentence = k > first;
    // a capitalised word inside a sentence is a name or a month ("May", "Will Smith"), unless a quotation opens there
    if (tok.cap && midSentence && !this.toks[k - 1].punct) return null;
    if (FUTURE_AUXILIARIES.has(w)) return 'FUTURE';
    if (MODAL_AUXILIARIES.has(w)) {
      const n = this.nextWord(k, last);
      const nw = this.key(n);
      // "may have left", "he'd already left": the event is past
      if (nw === 'have' || (w === "'d" && this.isParticiple(n))) return 'PAST';
      return 'FUTURE';
    }
    if (PAST_AUXILIARIES.has(w)) return 'PAST';
    if (UNDECIDED_MODALS.has(w)) return null;
    if (PERFECT_AUXILIARIES.has(w)) {
      const p = this.prevWord(k, first);
      const pw = p >= first ? this.key(p) : '';
      if (FUTURE_AUXILIARIES.has(pw)) return 'FUTURE'; // "will have finished by Friday"
      if (MODAL_AUXILIARIES.has(pw)) return 'PAST'; // "could have happened Monday"
      if (pw === 'to') return null; // "expected to have ...": the head decides
      const n = this.nextWord(k, last);
      const nw = this.key(n);
      if (nw === 'to' || (nw === 'yet' && this.key(n + 1) === 'to')) return 'FUTURE'; // "has to decide by Friday"
      // a present perfect ("has emerged as the front-runner") tells of the past but rarely governs a dated
      // expression ("*has won in November"): a present, like "has no plans", "have a meeting Monday"
      return 'PRESENT';
    }
    if (PRESENT_AUXILIARIES.has(w)) {
      // "would do so", "to do it": "do" after a modal or "to" is the base verb, and the word before it decides
      if ((w === 'do' || w === 'does') && AUXILIARY_KEYS.has(this.key(this.prevWord(k, first)))) return null;
      if ((w === 'is' || w === 'are' || w === "'re") && this.key(k + 1) === 'to') return 'FUTURE'; // "is to meet Monday"
      // the expression is what the copula predicates: a schedule ("the match is on Saturday", "the deadline is Friday")
      if (before && (k + 1 === i || (k + 2 === i && COPULA_PREPOSITIONS.has(this.key(k + 1))))) return 'FUTURE';
      return 'PRESENT';
    }
    if (before && SCHEDULE_WORDS.has(w) && !tok.cap) {
      const p = this.key(k - 1);
      if (w === 'expected' && (p === 'as' || p === 'than')) return null;
      if (w === 'due' && this.key(k + 1) === 'to') return null; // "due to the strike"
      if (this.superseded(k, first)) return 'PAST';
      // "a memorial service planned for Saturday was canceled": a participle after its noun plans relative to the main
      // clause, whose verb comes after the expression; a past one puts the plan (and its day) in the past
      if (this.isEdVerb(w) && this.isNounBefore(k, first) && this.mainVerbAfter(i, first, last) === 'PAST') return 'PAST';
      return 'FUTURE';
    }
    // a condition looks ahead unless its verb was past ("if Democrats win the White House in November")
    if (before && (w === 'if' || w === 'unless')) return 'FUTURE';
    if (before && SCHEDULE_BEFORE_PREPOSITION.has(w) && (this.key(k + 1) === 'for' || this.key(k + 1) === 'to')) {
      return this.superseded(k, first) ? 'PAST' : 'FUTURE';
    }
    // "rules to be published in February": a passive infinitive has not happened yet at the time of its clause,
    // which is ahead unless that clause is past ("protocol called for her to be taken ... Sunday": no evidence)
    if (before && w === 'to' && this.key(k + 1) === 'be') {
      for (let j = k - 1; j >= Math.max(first, i - LOOK_BACK); j--) {
        const main = this.classify(j, i, first, last, true);
        if (main === 'PAST') return 'NONE';
        if (main) return 'FUTURE';
      }
      return 'FUTURE';
    }
    if (before && w === 'to' && (FUTURE_TO_HEADS.has(this.key(k - 1)) || FUTURE_TO_NOUNS.has(this.key(k - 1)))) {
      return this.superseded(k - 1, first) ? 'PAST' : 'FUTURE';
    }
    // after the expression: "On Tuesday, the league plans to hold a news conference" (but "planned to" is a past verb)
    if (!before && FUTURE_TO_HEADS.has(w) && this.key(k + 1) === 'to' && !this.isEdVerb(w)) return 'FUTURE';
    if (PAST_CUES.has(w)) return 'PAST';
    if (before) {
      // "extended its deadline until 9 a.m. Tuesday" (but "Until Thursday, they had not...")
      if ((w === 'until' || w === 'till') && midSentence) return 'FUTURE';
      // "as soon as Tuesday", "as early as next week"
      if (w === 'as' && k === i - 1 && (this.key(k - 1) === 'soon' || this.key(k - 1) === 'early') && this.key(k - 2) === 'as') return 'FUTURE';
    }
    if (IRREGULAR_PAST.has(w) || this.isEdVerb(w)) {
      const p = this.prevWord(k, first);
      const pw = p >= first ? this.key(p) : '';
      // a completed event inside a present clause: "is in hospital after being shot Saturday", "is said to have died Sunday"
      // (but "is being made to": a progressive passive, whose auxiliary decides)
      const ppw = p > first ? this.key(this.prevWord(p, first)) : '';
      if ((pw === 'being' && !BE_FORMS.has(ppw)) || pw === 'having' || (pw === 'have' && ppw === 'to')) return 'PAST';
      if (AUXILIARY_KEYS.has(pw) || VERB_GROUP_FILLERS.has(pw) || DETERMINERS.has(pw)) return null; // not finite: the auxiliary decides
      return 'PAST';
    }
    // a scheduled event in the present tense lies ahead ("the leaders meet Monday", "the court rules Thursday")
    if (PRESENT_EVENT_VERBS.has(w) && this.prevWord(k, first) !== i && this.hasSubject(k, w, first)) return 'FUTURE';
    return null;
  }

  /** Is the word before k a noun a participle at k can modify ("a service planned")? Not an auxiliary, a filler or a pronoun. */
  private isNounBefore(k: number, first: number): boolean {
    const p = this.prevWord(k, first);
    if (p < first) return false;
    const t = this.toks[p];
    const pw = this.key(p);
    return !t.punct && !t.digits && /^[a-z]+$/.test(pw) && !AUXILIARY_KEYS.has(pw) && !VERB_GROUP_FILLERS.has(pw) &&
      !SUBJECT_PRONOUNS.has(pw) && !DETERMINERS.has(pw) && !pw.endsWith('ed');
  }

  /**
   * The tense of the verb group the subject around the expression at i goes on to, after it in its sentence, with no
   * punctuation or conjunction before it ("a service planned for Saturday was canceled"; not "Protesters planned a
   * demonstration on Saturday and were planning ...", whose "planned" is itself the finite verb). Null: none.
   */
  private mainVerbAfter(i: number, first: number, last: number): Tense | null {
    for (let k = i + 1; k < Math.min(last, i + 1 + LOOK_AHEAD); k++) {
      if (this.toks[k].punct || CLAUSE_LINKS.has(this.key(k))) return null;
      const t = this.classify(k, i, first, last, false);
      if (t) return t === 'NONE' ? null : t;
    }
    return null;
  }

  /** The first token of a temporal conjunction a few words before the verb at k ("as soon as trading opened"), or -1. */
  private subordinatorBefore(k: number, first: number): number {
    for (let j = k - 1; j >= Math.max(first, k - 4); j--) {
      if (this.toks[j].punct) return -1;
      const w = this.key(j);
      if (w === 'as' && this.key(j - 1) === 'soon' && this.key(j - 2) === 'as' && j - 2 >= first) return j - 2;
      if (TEMPORAL_SUBORDINATORS.has(w)) return j;
    }
    return -1;
  }

  /** "had been scheduled to", "was originally set to": a plan that did not hold, or is reported as past. */
  private superseded(k: number, first: number): boolean {
    for (let j = k - 1; j >= Math.max(first, k - 3); j--) {
      if (SUPERSEDED_PLAN_CUES.has(this.key(j))) return true;
    }
    return false;
  }

  /** Is the word before the verb-looking token k a subject ("Arafat meet", "they meet", "the leaders meet", "the court rules")? */
  private hasSubject(k: number, w: string, first: number): boolean {
    const p = this.prevWord(k, first);
    if (p < first) return false;
    const t = this.toks[p];
    if (t.punct || t.digits) return false;
    const pw = this.key(p);
    if (SUBJECT_PRONOUNS.has(pw) || (t.cap && p > first)) return true;
    if (AUXILIARY_KEYS.has(pw) || VERB_GROUP_FILLERS.has(pw) || DETERMINERS.has(pw) || !/^[a-z]+$/.test(pw)) return false;
    if (pw.endsWith('ed') || pw.endsWith('ing') || pw.endsWith('ly')) return false;
    // a base form needs a plural subject ("officials meet"); an -s form a singular one ("the court rules")
    return w.endsWith('s') && !w.endsWith('ss') ? !pw.endsWith('s') : pw.endsWith('s') && !pw.endsWith('ss');
  }

  private isEdVerb(w: string): boolean {
    return w.length >= 5 && w.endsWith('ed') && !NOT_PAST_ED.has(w) && /^[a-z]+(?:-[a-z]+)?$/.test(w);
  }

  private isParticiple(k: number): boolean {
    const w = this.key(k);
    return IRREGULAR_PARTICIPLES.has(w) || IRREGULAR_PAST.has(w) || this.isEdVerb(w);
  }
}
