// The quote stage's word tables: cue verbs, reporting phrases, speaker-role nouns, pronouns.
// Heuristics are data: add words here, not regexes in functions. Everything is compiled once,
// at module load, into lower-case lookup maps.

/** How a cue verb takes its content. */
export type CueClass =
  /** say, add, stress...: a that-clause, a bare clause, a quote, or content before it ("..., he said"). */
  | 'speech'
  /** tell, assure, remind, warn (+ object): "told reporters (that) ..." */
  | 'tell'
  /** ask, wonder: "asked whether ...", or a direct question. */
  | 'ask'
  /** think, believe, fear: attributed beliefs, a that-clause or bare clause after the verb. */
  | 'belief'
  /** call, dub, label, describe: "called it 'X'", only with quotation marks in the content. */
  | 'name'
  /** urge, instruct, call for, demand: directives; used for nested (partial) quotes. */
  | 'directive'
  /** want, plan, vow: attributed intentions, only with a to-infinitive ("wants to ..."). */
  | 'intent';

/** Lemmas by class. Regular inflections are generated; irregular ones are listed below. */
const CUE_LEMMAS: Readonly<Record<CueClass, readonly string[]>> = {
  speech: [
    'say', 'add', 'confirm', 'stress', 'mention', 'note', 'argue', 'claim', 'state', 'explain', 'announce',
    'report', 'write', 'tweet', 'insist', 'suggest', 'acknowledge', 'admit', 'deny', 'declare', 'assert', 'reply',
    'respond', 'recall', 'predict', 'promise', 'pledge', 'vow', 'complain', 'contend', 'maintain', 'concede',
    'emphasize', 'emphasise', 'observe', 'remark', 'reiterate', 'repeat', 'caution', 'estimate', 'indicate',
    'reveal', 'disclose', 'allege', 'charge', 'testify', 'conclude', 'agree', 'joke', 'boast', 'brag', 'lament',
    'acknowledge', 'counter', 'retort', 'quip', 'exclaim', 'shout', 'whisper', 'announce', 'proclaim', 'affirm',
    'underline', 'underscore', 'highlight', 'specify', 'clarify', 'comment', 'continue', 'post', 'recount',
    'write', 'threaten', 'answer', 'signal', 'hint', 'forecast', 'project', 'calculate', 'find', 'show',
    'demonstrate', 'concur', 'object', 'protest', 'reason', 'speculate', 'suspect', 'guarantee', 'swear',
    'testify', 'point', 'explain', 'elaborate', 'muse', 'observe', 'opine', 'acknowledge', 'blog', 'learn',
    'warn', 'notify', 'assure', 'brief', 'cite', 'echo', 'tout', 'urge', 'accuse', 'criticize', 'criticise', 'praise',
    'blame', 'dismiss', 'reject', 'question', 'describe', 'discuss', 'recommend', 'propose', 'demand', 'boast',
    'attack', 'blast', 'slam', 'defend', 'endorse', 'oppose', 'decry', 'denounce', 'condemn', 'mock', 'ridicule',
    'applaud', 'hail', 'welcome', 'celebrate', 'thank', 'chant', 'scream', 'yell', 'cry', 'declare', 'rule',
  ],
  tell: ['tell', 'inform', 'remind', 'reassure', 'convince', 'persuade', 'advise', 'promise', 'warn', 'assure', 'notify', 'brief'],
  ask: ['ask', 'wonder', 'question', 'inquire', 'enquire'],
  belief: [
    'think', 'believe', 'fear', 'hope', 'expect', 'know', 'feel', 'worry', 'doubt', 'suspect', 'assume', 'figure',
    'reckon', 'understand', 'realize', 'realise', 'recognize', 'recognise', 'consider', 'imagine', 'agree',
  ],
  name: ['call', 'dub', 'label', 'describe', 'brand', 'term', 'characterize', 'characterise', 'deem'],
  directive: ['urge', 'instruct', 'order', 'demand', 'request', 'direct', 'command', 'appeal', 'implore', 'beg', 'encourage'],
  intent: ['want', 'plan', 'intend', 'seek', 'aim', 'vow', 'pledge', 'promise', 'threaten', 'decide', 'offer', 'propose', 'hope', 'expect', 'wish', 'prefer', 'agree', 'refuse', 'try', 'attempt'],
};

/** Irregular forms: lemma -> [3sg, past, past participle, gerund]. */
const IRREGULAR: Readonly<Record<string, readonly string[]>> = {
  say: ['says', 'said', 'said', 'saying'],
  tell: ['tells', 'told', 'told', 'telling'],
  write: ['writes', 'wrote', 'written', 'writing'],
  think: ['thinks', 'thought', 'thought', 'thinking'],
  know: ['knows', 'knew', 'known', 'knowing'],
  feel: ['feels', 'felt', 'felt', 'feeling'],
  find: ['finds', 'found', 'found', 'finding'],
  show: ['shows', 'showed', 'shown', 'showing'],
  understand: ['understands', 'understood', 'understood', 'understanding'],
  swear: ['swears', 'swore', 'sworn', 'swearing'],
  learn: ['learns', 'learned', 'learnt', 'learning'],
  forecast: ['forecasts', 'forecast', 'forecast', 'forecasting'],
  beg: ['begs', 'begged', 'begged', 'begging'],
  quip: ['quips', 'quipped', 'quipped', 'quipping'],
  blog: ['blogs', 'blogged', 'blogged', 'blogging'],
  brag: ['brags', 'bragged', 'bragged', 'bragging'],
  underline: ['underlines', 'underlined', 'underlined', 'underlining'],
  signal: ['signals', 'signaled', 'signalled', 'signaling', 'signalling'],
};

export type CueForm = 'base' | 's' | 'past' | 'ing';

export interface CueEntry {
  readonly lemma: string;
  readonly classes: ReadonlySet<CueClass>;
  readonly form: CueForm;
}

function inflect(lemma: string): [string, CueForm][] {
  const irr = IRREGULAR[lemma];
  if (irr) {
    const out: [string, CueForm][] = [[lemma, 'base'], [irr[0], 's'], [irr[1], 'past'], [irr[2], 'past'], [irr[3], 'ing']];
    if (irr[4]) out.push([irr[4], 'ing']);
    return out;
  }
  const vowel = (c: string): boolean => 'aeiou'.includes(c);
  const s = /(s|sh|ch|x|z)$/.test(lemma) ? lemma + 'es' : /[^aeiou]y$/.test(lemma) ? lemma.slice(0, -1) + 'ies' : lemma + 's';
  let past: string;
  let ing: string;
  if (lemma.endsWith('e')) {
    past = lemma + 'd';
    ing = lemma.slice(0, -1) + 'ing';
  } else if (/[^aeiou]y$/.test(lemma)) {
    past = lemma.slice(0, -1) + 'ied';
    ing = lemma + 'ing';
  } else if (lemma.length <= 4 && !vowel(lemma[lemma.length - 1]) && vowel(lemma[lemma.length - 2]) && !vowel(lemma[lemma.length - 3] ?? 'a') && !/[wxy]$/.test(lemma)) {
    // one-syllable consonant-vowel-consonant: "vow" no, "beg" handled; "jot" -> "jotted"
    past = lemma + lemma[lemma.length - 1] + 'ed';
    ing = lemma + lemma[lemma.length - 1] + 'ing';
  } else {
    past = lemma + 'ed';
    ing = lemma + 'ing';
  }
  return [[lemma, 'base'], [s, 's'], [past, 'past'], [ing, 'ing']];
}

function compileCues(): Map<string, CueEntry> {
  const map = new Map<string, { lemma: string; classes: Set<CueClass>; form: CueForm }>();
  for (const cls of Object.keys(CUE_LEMMAS) as CueClass[]) {
    for (const lemma of CUE_LEMMAS[cls]) {
      for (const [word, form] of inflect(lemma)) {
        let e = map.get(word);
        if (!e) {
          e = { lemma, classes: new Set(), form };
          map.set(word, e);
        }
        e.classes.add(cls);
      }
    }
  }
  return map as Map<string, CueEntry>;
}

/** Every inflected cue-verb form, lower-case, to its lemma and classes. */
export const CUE_VERBS: ReadonlyMap<string, CueEntry> = compileCues();

/**
 * Verbs of evaluation. Their content is often a noun phrase ("Residents applauded the
 * announcement", "criticized the party's lack of awareness"): a stance taken on something, not a
 * statement with a proposition. Used only to label such quotes; they are not cue words by themselves.
 */
const STANCE_LEMMAS = [
  'praise', 'criticize', 'criticise', 'welcome', 'applaud', 'hail', 'laud', 'celebrate', 'condemn', 'denounce', 'decry',
  'slam', 'blast', 'attack', 'mock', 'ridicule', 'oppose', 'endorse', 'support', 'back', 'reject', 'defend', 'thank',
  'blame', 'deplore', 'lambaste', 'chastise', 'castigate', 'rebuke', 'commend', 'salute', 'cheer', 'dismiss', 'embrace',
];
export const STANCE_VERBS: ReadonlySet<string> = new Set(STANCE_LEMMAS.flatMap((l) => inflect(l).map(([w]) => w)));

/** Cue lemmas that need a following particle to be a cue ("point out"), and that particle. */
export const CUE_PARTICLES: ReadonlyMap<string, string> = new Map([
  ['point', 'out'],
]);

/** Cue lemmas that are too ambiguous without a that-clause, a quote or a colon after them. */
export const NEEDS_COMPLEMENT: ReadonlySet<string> = new Set(['continue', 'project', 'calculate', 'object', 'reason', 'post']);

/** Participles that, after a comma, attribute their clause to the main clause's subject. */
export const PARTICIPLE_CUES: ReadonlySet<string> = new Set(
  [...CUE_VERBS].filter(([, e]) => e.form === 'ing').map(([w]) => w),
);

/** Words that may sit between a speaker and a cue verb ("has also said", "would later tell"). */
export const AUXILIARIES: ReadonlySet<string> = new Set([
  'has', 'have', 'had', 'also', 'later', 'previously', 'recently', 'then', 'would', 'will', 'had', 'repeatedly',
  'once', 'reportedly', 'did', 'does', 'do', 'just', 'again', 'further', 'frequently', 'often', 'always', 'never',
  'already', 'publicly', 'privately', 'separately', 'earlier', 'initially', 'first', 'subsequently', 'allegedly',
  'flatly', 'simply', 'even', 'only', 'still', 'since', 'long', 'ultimately', 'quickly', 'immediately', 'openly',
  'explicitly', 'specifically', 'clearly', 'strongly', 'firmly', 'angrily', 'bluntly', 'candidly', 'proudly',
  'may', 'might', 'could', 'should', 'can', 'must', "'s", '’s', "'d", '’d', "'ve", '’ve', 'is', 'was', 'are',
  'were', 'been', 'being', 'be', 'not', "n't", 'n’t', 'personally', 'herself', 'himself', 'themselves', 'itself',
]);

/** Passive markers right before a cue: "it was reported that" has no local speaker. */
export const PASSIVE_MARKERS: ReadonlySet<string> = new Set(['is', 'was', 'are', 'were', 'been', 'being', 'be']);

/** Personal and relative pronouns that can be speakers. */
export const SPEAKER_PRONOUNS: ReadonlySet<string> = new Set([
  'he', 'she', 'they', 'it', 'i', 'we', 'you', 'who', 'which', 'that', 'this', 'these', 'those', 'both', 'some',
  'others', 'many', 'most', 'several', 'all', 'one', 'each', 'few',
]);

/** Determiners and quantifiers that can begin a speaker noun phrase. */
export const DETERMINERS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'his', 'her', 'their', 'its', 'our', 'my', 'your', 'this', 'that', 'these', 'those', 'another',
  'other', 'some', 'many', 'several', 'two', 'three', 'four', 'five', 'both', 'all', 'most', 'one', 'each', 'no',
  'few', 'senior', 'former', 'top', 'local', 'federal', 'state', 'chief', 'deputy', 'acting', 'then',
]);

/** Role nouns: heads of speaker noun phrases ("the spokesman", "officials", "a source"). */
export const ROLE_NOUNS: ReadonlySet<string> = new Set([
  'spokesman', 'spokeswoman', 'spokesperson', 'spokespeople', 'official', 'officials', 'source', 'sources',
  'minister', 'ministry', 'president', 'secretary', 'statement', 'report', 'reports', 'aide', 'aides',
  'adviser', 'advisers', 'advisor', 'advisors', 'analyst', 'analysts', 'expert', 'experts', 'lawyer', 'lawyers',
  'attorney', 'attorneys', 'director', 'chairman', 'chairwoman', 'chair', 'leader', 'leaders', 'governor',
  'senator', 'representative', 'congressman', 'congresswoman', 'lawmaker', 'lawmakers', 'candidate', 'nominee',
  'campaign', 'committee', 'government', 'department', 'agency', 'office', 'police', 'prosecutor', 'prosecutors',
  'judge', 'court', 'company', 'group', 'organization', 'organisation', 'party', 'administration', 'council',
  'board', 'team', 'press', 'people', 'person', 'voters', 'residents', 'critics', 'supporters', 'opponents',
  'observers', 'witnesses', 'investigators', 'authorities', 'diplomats', 'diplomat', 'envoy', 'ambassador',
  'commander', 'general', 'officer', 'officers', 'member', 'members', 'head', 'founder', 'ceo', 'executive',
  'executives', 'manager', 'researcher', 'researchers', 'scientist', 'scientists', 'study', 'survey', 'poll',
  'polls', 'article', 'newspaper', 'paper', 'letter', 'memo', 'document', 'documents', 'filing', 'release',
  'announcement', 'website', 'post', 'tweet', 'editorial', 'column', 'columnist', 'reporter', 'reporters',
  'journalist', 'journalists', 'correspondent', 'activist', 'activists', 'economist', 'economists', 'strategist',
  'strategists', 'operative', 'pollster', 'pollsters', 'insider', 'insiders', 'staff', 'staffer', 'staffers',
  'counsel', 'negotiator', 'negotiators', 'mayor', 'chancellor', 'premier', 'king', 'queen', 'prince', 'military',
  'army', 'ministry', 'kremlin', 'embassy', 'parliament', 'senate', 'house', 'legislature', 'union', 'unions',
  'network', 'station', 'magazine', 'outlet', 'site', 'blog', 'book', 'data', 'figures', 'records', 'analysis',
  'findings', 'speaker', 'host', 'anchor', 'moderator', 'panel', 'commission', 'inquiry', 'investigation',
  'friend', 'friends', 'family', 'relative', 'relatives', 'father', 'mother', 'wife', 'husband', 'son', 'daughter',
  'brother', 'sister', 'colleague', 'colleagues', 'ally', 'allies', 'rival', 'rivals', 'democrats', 'republicans',
  'conservatives', 'liberals', 'progressives', 'delegates', 'donors', 'owner', 'employee', 'employees', 'worker',
  'workers', 'doctor', 'doctors', 'teacher', 'student', 'students', 'citizens', 'americans', 'men', 'women',
  'man', 'woman', 'protesters', 'demonstrators', 'fans', 'users', 'readers', 'viewers', 'audience', 'crowd',
]);

/** Lower-case modifiers allowed inside a speaker noun phrase ("senior administration official"). */
export const NP_MODIFIERS: ReadonlySet<string> = new Set([
  'senior', 'former', 'top', 'chief', 'deputy', 'acting', 'press', 'foreign', 'defense', 'defence', 'interior',
  'justice', 'state', 'federal', 'local', 'campaign', 'administration', 'white', 'house', 'military', 'government',
  'anonymous', 'unnamed', 'other', 'another', 'same', 'new', 'recent', 'latest', 'presidential', 'republican',
  'democratic', 'national', 'political', 'legal', 'security', 'intelligence', 'health', 'election', 'u.s.',
  'two', 'three', 'four', 'five', 'several', 'some', 'many', 'most', 'both', 'longtime', 'veteran', 'leading',
  'prominent', 'independent', 'outside', 'congressional', 'party', 'official', 'joint', 'written', 'brief',
  'short', 'lengthy', 'separate', 'second', 'first', 'final', 'public', 'private', 'internal', 'confidential',
  'of', '-', '&', 'and', 'for',
]);

/** Objects a "tell"-class cue takes before its content ("told reporters that"). */
export const TELL_OBJECTS: ReadonlySet<string> = new Set([
  'me', 'him', 'her', 'us', 'them', 'you', 'reporters', 'journalists', 'supporters', 'the', 'a', 'an', 'his',
  'their', 'lawmakers', 'voters', 'viewers', 'listeners', 'readers', 'audiences', 'congress', 'members',
  'senators', 'officials', 'investigators', 'police', 'the', 'crowd', 'audience', 'delegates', 'donors',
]);

/** Adverbials that may sit between a cue and its content ("said on Tuesday that", "said in a statement:"). */
export const DAY_WORDS: ReadonlySet<string> = new Set([
  'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'today', 'yesterday', 'tonight',
  'earlier', 'later', 'recently', 'again', 'repeatedly', 'previously', 'publicly', 'privately', 'also', 'last',
  'this', 'week', 'month', 'year', 'morning', 'afternoon', 'evening', 'night', 'weekend', 'separately',
  'flatly', 'simply', 'bluntly', 'candidly', 'firmly', 'then', 'once', 'afterward', 'afterwards', 'shortly',
]);

/** Phrases that mark refusals to speak: [tokens of the cue phrase]. Matched lower-case from the cue verb. */
export const REFUSAL_PHRASES: readonly (readonly string[])[] = [
  ['declined', 'to', 'comment'], ['declines', 'to', 'comment'], ['declined', 'to', 'answer'], ['declined', 'to', 'say'],
  ['declined', 'to', 'discuss'], ['declined', 'to', 'elaborate'], ['declined', 'to', 'confirm'], ['declined', 'to', 'respond'],
  ['declined', 'to', 'specify'], ['declined', 'to', 'identify'], ['declined', 'to', 'provide'], ['declined', 'to', 'give'],
  ['declined', 'to', 'address'], ['declined', 'to', 'speculate'], ['declined', 'to', 'be'],
  ['refused', 'to', 'answer'], ['refused', 'to', 'comment'], ['refused', 'to', 'say'], ['refused', 'to', 'discuss'],
  ['refused', 'to', 'confirm'], ['refused', 'to', 'disclose'], ['refused', 'to', 'respond'], ['refused', 'to', 'reveal'],
  ['refuses', 'to', 'answer'], ['refuses', 'to', 'comment'], ['refuses', 'to', 'say'], ['refuses', 'to', 'discuss'],
  ['did', 'not', 'respond'], ['did', 'not', 'return'], ['did', 'not', 'immediately', 'respond'],
  ['did', 'not', 'immediately', 'return'], ['would', 'not', 'comment'], ['would', 'not', 'say'],
  ['would', 'not', 'confirm'], ['would', 'not', 'discuss'], ['could', 'not', 'be', 'reached'],
  ['has', 'not', 'responded'], ['have', 'not', 'responded'], ['did', 'n’t', 'respond'], ["did", "n't", 'respond'],
  ['declined', 'comment'], ['no', 'comment'],
];

/** First words of refusal phrases, for a fast pre-check. */
export const REFUSAL_FIRST: ReadonlySet<string> = new Set(REFUSAL_PHRASES.map((p) => p[0]));

/** Words that end a speaker noun phrase scanned leftwards (clause boundaries, prepositions, verbs). */
export const NP_STOP: ReadonlySet<string> = new Set([
  'that', 'which', 'when', 'while', 'because', 'if', 'as', 'than', 'but', 'or', 'so', 'yet', 'nor', 'in', 'on',
  'at', 'to', 'from', 'by', 'with', 'after', 'before', 'about', 'against', 'into', 'over', 'under', 'since',
  'until', 'during', 'without', 'through', 'where', 'whether', 'although', 'though', 'unless', 'said', 'says',
  'is', 'was', 'were', 'are', 'be', 'been', 'not', 'also', 'what', 'how', 'why', 'then', 'there', 'here', 'like',
  'per', 'via', 'among', 'between', 'toward', 'towards', 'upon', 'across', 'behind', 'beyond', 'within', 'around',
]);

/** Conjunctions that, before a cue, start a new coordinated clause ("... and stressed that"). */
export const COORDINATORS: ReadonlySet<string> = new Set(['and', 'but', 'or', 'while', 'then']);

/** Leading discourse words dropped from a content span that starts a sentence. */
export const LEADING_DISCOURSE: ReadonlySet<string> = new Set(['but', 'and', 'so', 'yet', 'still', 'however', 'also', 'or']);
