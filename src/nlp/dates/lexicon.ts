// Named tables for temporal expressions. Heuristics are data: add words here, not regexes in
// the grammar. Keys are lower-case token texts with a trailing period removed ("sept." -> "sept").

/** Month names and abbreviations -> month number (1-12). */
export const MONTHS: ReadonlyMap<string, number> = new Map([
  ['january', 1], ['jan', 1], ['february', 2], ['feb', 2], ['march', 3], ['mar', 3], ['april', 4], ['apr', 4],
  ['may', 5], ['june', 6], ['jun', 6], ['july', 7], ['jul', 7], ['august', 8], ['aug', 8],
  ['september', 9], ['sept', 9], ['sep', 9], ['october', 10], ['oct', 10], ['november', 11], ['nov', 11],
  ['december', 12], ['dec', 12],
]);

/** Month words that are also common English words: only a month with a day, a year or a temporal cue. */
export const AMBIGUOUS_MONTHS: ReadonlySet<string> = new Set(['may', 'march', 'mar', 'jan', 'jun', 'jul', 'aug', 'sep', 'dec', 'oct', 'nov', 'feb', 'apr']);

/** Weekday names and abbreviations -> ISO weekday (1 = Monday ... 7 = Sunday). */
export const WEEKDAYS: ReadonlyMap<string, number> = new Map([
  ['monday', 1], ['mon', 1], ['tuesday', 2], ['tue', 2], ['tues', 2], ['wednesday', 3], ['wed', 3],
  ['thursday', 4], ['thu', 4], ['thur', 4], ['thurs', 4], ['friday', 5], ['fri', 5], ['saturday', 6], ['sat', 6],
  ['sunday', 7], ['sun', 7],
]);
/** Weekday abbreviations: only written with their period and a capital ("Fri."). */
export const WEEKDAY_ABBREVIATIONS: ReadonlySet<string> = new Set(['mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun']);

/** Cardinal number words. */
export const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['zero', 0], ['one', 1], ['two', 2], ['three', 3], ['four', 4], ['five', 5], ['six', 6], ['seven', 7], ['eight', 8],
  ['nine', 9], ['ten', 10], ['eleven', 11], ['twelve', 12], ['thirteen', 13], ['fourteen', 14], ['fifteen', 15],
  ['sixteen', 16], ['seventeen', 17], ['eighteen', 18], ['nineteen', 19], ['twenty', 20], ['thirty', 30],
  ['forty', 40], ['fourty', 40], ['fifty', 50], ['sixty', 60], ['seventy', 70], ['eighty', 80], ['ninety', 90],
  ['hundred', 100], ['thousand', 1000], ['dozen', 12],
  ['a', 1], ['an', 1], ['single', 1], ['half', 0.5],
]);
/** Words for an unspecified quantity: the TIMEX value gets an X ("several years" -> PXY). */
export const VAGUE_QUANTITIES: ReadonlySet<string> = new Set(['several', 'few', 'many', 'some', 'numerous', 'multiple', 'various', 'countless']);
/** Multi-word quantities, matched before single numbers. */
export const QUANTITY_PHRASES: ReadonlyMap<string, number | 'X'> = new Map<string, number | 'X'>([
  ['a couple of', 2], ['a couple', 2], ['couple of', 2], ['a few', 'X'], ['a dozen', 12], ['half a', 0.5], ['half an', 0.5], ['a half', 0.5],
  ['a number of', 'X'], ['dozens of', 'X'], ['hundreds of', 'X'], ['thousands of', 'X'],
]);

/** Ordinals (words and numerals) -> number. */
export const ORDINALS: ReadonlyMap<string, number> = new Map([
  ['first', 1], ['second', 2], ['third', 3], ['fourth', 4], ['fifth', 5], ['sixth', 6], ['seventh', 7], ['eighth', 8],
  ['ninth', 9], ['tenth', 10], ['eleventh', 11], ['twelfth', 12], ['thirteenth', 13], ['fourteenth', 14],
  ['fifteenth', 15], ['sixteenth', 16], ['seventeenth', 17], ['eighteenth', 18], ['nineteenth', 19], ['twentieth', 20],
  ['twenty-first', 21], ['thirtieth', 30], ['thirty-first', 31],
]);

export type UnitLetter = 'S' | 'MIN' | 'H' | 'D' | 'W' | 'M' | 'Q' | 'Y' | 'DE' | 'C' | 'L' | 'WE';

/** Unit nouns (singular and plural) -> TIMEX unit. */
export const UNITS: ReadonlyMap<string, UnitLetter> = new Map([
  ['second', 'S'], ['seconds', 'S'], ['sec', 'S'], ['secs', 'S'],
  ['minute', 'MIN'], ['minutes', 'MIN'], ['min', 'MIN'], ['mins', 'MIN'],
  ['hour', 'H'], ['hours', 'H'], ['hr', 'H'], ['hrs', 'H'],
  ['day', 'D'], ['days', 'D'], ['week', 'W'], ['weeks', 'W'], ['fortnight', 'W'], ['fortnights', 'W'],
  ['month', 'M'], ['months', 'M'], ['quarter', 'Q'], ['quarters', 'Q'], ['year', 'Y'], ['years', 'Y'],
  ['decade', 'DE'], ['decades', 'DE'], ['century', 'C'], ['centuries', 'C'], ['millennium', 'L'], ['millennia', 'L'],
  ['weekend', 'WE'], ['weekends', 'WE'],
]);
/** Units that only count as durations with a number: "second" alone is usually an ordinal. */
export const UNIT_NEEDS_NUMBER: ReadonlySet<string> = new Set(['second', 'sec', 'secs', 'min', 'mins', 'hr', 'hrs', 'quarter', 'minute']);
/** Plural unit nouns that are a vague duration on their own ("for years" -> PXY). */
export const BARE_PLURAL_UNITS: ReadonlySet<string> = new Set(['years', 'months', 'weeks', 'decades', 'centuries']);
/** How a unit is written in a TIMEX duration (time units go after "T"). */
export const UNIT_DURATION: Readonly<Record<UnitLetter, { letter: string; time: boolean; factor: number }>> = {
  S: { letter: 'S', time: true, factor: 1 }, MIN: { letter: 'M', time: true, factor: 1 }, H: { letter: 'H', time: true, factor: 1 },
  D: { letter: 'D', time: false, factor: 1 }, W: { letter: 'W', time: false, factor: 1 }, M: { letter: 'M', time: false, factor: 1 },
  Q: { letter: 'Q', time: false, factor: 1 }, Y: { letter: 'Y', time: false, factor: 1 }, DE: { letter: 'Y', time: false, factor: 10 },
  C: { letter: 'Y', time: false, factor: 100 }, L: { letter: 'Y', time: false, factor: 1000 }, WE: { letter: 'WE', time: false, factor: 1 },
};
/** Half of a unit, expressed in the next smaller unit ("2 1/2 years" -> P2Y6M). */
export const HALF_UNIT: Readonly<Partial<Record<UnitLetter, string>>> = {
  Y: '6M', M: '15D', W: '3D12H', D: 'T12H', H: '30M', MIN: '30S',
};

/** Words before a duration that become its TIMEX mod (and belong to the span). */
export const DURATION_MODIFIERS: ReadonlyMap<string, string> = new Map([
  ['nearly', 'APPROX'], ['almost', 'APPROX'], ['about', 'APPROX'], ['around', 'APPROX'], ['approximately', 'APPROX'],
  ['roughly', 'APPROX'], ['some', 'APPROX'], ['approx.', 'APPROX'], ['circa', 'APPROX'], ['close to', 'APPROX'],
  ['more than', 'MORE_THAN'], ['over', 'MORE_THAN'], ['just over', 'MORE_THAN'], ['well over', 'MORE_THAN'],
  ['upwards of', 'MORE_THAN'], ['less than', 'LESS_THAN'], ['fewer than', 'LESS_THAN'], ['under', 'LESS_THAN'],
  ['just under', 'LESS_THAN'], ['at least', 'EQUAL_OR_MORE'], ['no less than', 'EQUAL_OR_MORE'],
  ['no more than', 'EQUAL_OR_LESS'], ['up to', 'EQUAL_OR_LESS'], ['at most', 'EQUAL_OR_LESS'], ['not more than', 'EQUAL_OR_LESS'],
]);
/** Modifiers that also attach to points ("around 7:15 p.m.", "about two years ago"). */
export const POINT_MODIFIERS: ReadonlyMap<string, string> = new Map([
  ['around', 'APPROX'], ['about', 'APPROX'], ['approximately', 'APPROX'], ['roughly', 'APPROX'], ['nearly', 'APPROX'],
  ['almost', 'APPROX'], ['more than', 'MORE_THAN'], ['just after', 'AFTER'], ['shortly after', 'AFTER'],
  ['just before', 'BEFORE'], ['shortly before', 'BEFORE'],
]);
/** Words placing a point inside its period: part of the span, value unchanged, mod set. */
export const POSITION_MODIFIERS: ReadonlyMap<string, string | null> = new Map([
  ['early', 'START'], ['late', 'END'], ['mid', 'MID'], ['the end of', 'END'], ['the beginning of', 'START'],
  ['the start of', 'START'], ['the middle of', 'MID'], ['the early', 'START'], ['the late', 'END'], ['the mid', 'MID'], ['the turn of', 'START'], ['end of', 'END'],
  ['earlier', null], ['later', null], ['sometime', null], ['sometime in', null], ['the rest of', 'END'],
  ['the remainder of', 'END'], ['earlier in', null], ['later in', null], ['early in', 'START'], ['late in', 'END'], ['the first half of', 'H1'], ['the second half of', 'H2'], ['the last half of', 'H2'],
  ['the latter half of', 'H2'], ['the first part of', 'START'], ['the latter part of', 'END'],
]);

/** Deictic words and phrases with a fixed value. */
export const DEICTIC_PHRASES: ReadonlyMap<string, { value: string; type?: 'DATE' | 'TIME' }> = new Map([
  ['now', { value: 'PRESENT_REF' }], ['right now', { value: 'PRESENT_REF' }], ['just now', { value: 'PRESENT_REF' }],
  ['currently', { value: 'PRESENT_REF' }], ['presently', { value: 'PRESENT_REF' }], ['nowadays', { value: 'PRESENT_REF' }],
  ['these days', { value: 'PRESENT_REF' }], ['at present', { value: 'PRESENT_REF' }],
  ['the present', { value: 'PRESENT_REF' }], ['at this point', { value: 'PRESENT_REF' }],
  ['current', { value: 'PRESENT_REF' }],
  ['recently', { value: 'PAST_REF' }], ['recent', { value: 'PAST_REF' }], ['formerly', { value: 'PAST_REF' }],
  ['earlier', { value: 'PAST_REF' }], ['the past', { value: 'PAST_REF' }],
  ['lately', { value: 'PAST_REF' }], 
  ['more recently', { value: 'PAST_REF' }], ['then current', { value: 'PAST_REF' }], ['until recently', { value: 'PAST_REF' }], ['recent years', { value: 'PAST_REF' }],
  ['past years', { value: 'PAST_REF' }], ['years ago', { value: 'PAST_REF' }], ['long ago', { value: 'PAST_REF' }],
  ['a few years ago', { value: 'PAST_REF' }], ['several years ago', { value: 'PAST_REF' }], ['some time ago', { value: 'PAST_REF' }],
  ['the future', { value: 'FUTURE_REF' }],
  ['the near future', { value: 'FUTURE_REF' }], ['the near term', { value: 'FUTURE_REF' }], ['the short term', { value: 'FUTURE_REF' }],
  ['the long term', { value: 'FUTURE_REF' }], 
  ['as soon as possible', { value: 'FUTURE_REF' }], ['a later date', { value: 'FUTURE_REF' }], ['later this decade', { value: 'FUTURE_REF' }],
]);
/** Deictic words that need a context check (see grammar: not before "than", not as a prenominal adjective...). */
export const GUARDED_DEICTICS: ReadonlySet<string> = new Set(['earlier', 'current', 'recent', 'now']);
/** Nouns after which "current"/"recent"/"future" are not temporal. */
export const NON_TEMPORAL_AFTER_ADJ: ReadonlySet<string> = new Set([
  'account', 'accounts', 'affairs', 'events', 'flows', 'flow', 'generation', 'generations', 'contracts', 'contract',
  'prices', 'price', 'rate', 'rates', 'study', 'studies', 'survey', 'deficit', 'surplus', 'converter', 'sea',
]);

/** Day-offset words relative to the anchor. */
export const DAY_OFFSETS: ReadonlyMap<string, number> = new Map([
  ['today', 0], ['yesterday', -1], ['tomorrow', 1], ['tonight', 0], ['overnight', 0],
]);

/** Determiners that move a calendar unit relative to the anchor ("last week" -> -1). 'ref' = the reference time. */
export const RELATIVE_DETERMINERS: ReadonlyMap<string, number | 'ref'> = new Map<string, number | 'ref'>([
  ['this', 0], ['current', 0], ['the current', 0], ['the present', 0], ['the full', 0], ['the entire', 0], ['the whole', 0], ['this coming', 1], ['this past', -1],
  ['last', -1], ['the last', -1], ['past', -1], ['the past', -1], ['previous', -1], ['the previous', -1], ['the prior', -1],
  ['prior', -1], ['the preceding', -1],
  ['next', 1], ['the next', 1], ['coming', 1], ['the coming', 1], ['the following', 'ref'], ['the same', 'ref'], ['that', 'ref'], ['that same', 'ref'], ['the very same', 'ref'],
  ['the latest', -1], ['the most recent', -1], ['the year-earlier', -1], ['the year-ago', -1],
]);
/** Determiners before "the next/past N units" style durations: part of the span. */
export const DURATION_DETERMINERS: ReadonlySet<string> = new Set([
  'the past', 'the last', 'the next', 'the first', 'the coming', 'coming', 'the previous', 'the final', 'the following', 'the prior',
  'the preceding', 'the latest', 'past', 'last', 'next', 'first', 'the', 'the same', 'the entire', 'the whole', 'the full',
  'another', 'a further', 'an additional', 'the remaining', 'the other', 'those', 'these', 'the year-earlier', 'the year-ago',
  'the comparable', 'the latest', 'the most recent', 'the initial', 'its first', 'their first',
]);

/** Suffixes after a duration that make it a point: sign relative to the reference. */
export const AGO_WORDS: ReadonlyMap<string, { sign: number; ref: boolean }> = new Map([
  ['ago', { sign: -1, ref: false }], ['earlier', { sign: -1, ref: true }], ['before', { sign: -1, ref: true }],
  ['later', { sign: 1, ref: true }], ['hence', { sign: 1, ref: false }], ['from now', { sign: 1, ref: false }],
  ['afterward', { sign: 1, ref: true }], ['afterwards', { sign: 1, ref: true }], ['after that', { sign: 1, ref: true }],
  ['back', { sign: -1, ref: false }],
]);

/** Adjectives meaning "one year before the period in focus" ("the year-ago quarter"). */
export const YEAR_AGO_ADJECTIVES: ReadonlySet<string> = new Set([
  'year-ago', 'year-earlier', 'year-before', 'prior-year', 'previous-year', 'a year ago', 'a year earlier', 'a year before',
  'last year', "last year's", 'year earlier', 'year ago',
]);
/** Nouns naming a reporting period ("the year-ago period"). */
export const PERIOD_NOUNS: ReadonlySet<string> = new Set(['period', 'quarter', 'results', 'level', 'levels', 'figure', 'figures']);

/** Seasons -> TIMEX season code. */
export const SEASONS: ReadonlyMap<string, string> = new Map([
  ['spring', 'SP'], ['summer', 'SU'], ['autumn', 'FA'], ['fall', 'FA'], ['winter', 'WI'],
  ['springtime', 'SP'], ['summertime', 'SU'], ['wintertime', 'WI'],
]);
/** The season each month belongs to (northern hemisphere). */
export const MONTH_SEASON: readonly string[] = ['', 'WI', 'WI', 'SP', 'SP', 'SP', 'SU', 'SU', 'SU', 'FA', 'FA', 'FA', 'WI'];

/** Parts of the day -> TIMEX time-of-day code. */
export const PARTS_OF_DAY: ReadonlyMap<string, string> = new Map([
  ['morning', 'MO'], ['afternoon', 'AF'], ['mid-afternoon', 'AF'], ['evening', 'EV'], ['night', 'NI'],
  ['overnight', 'NI'], ['tonight', 'NI'], ['midday', 'MI'], ['daytime', 'DT'], ['dawn', 'MO'], ['dusk', 'EV'],
  ['nightfall', 'EV'], ['mornings', 'MO'], ['nights', 'NI'], ['evenings', 'EV'], ['afternoons', 'AF'],
]);

/** Clock words with a fixed time. */
export const CLOCK_WORDS: ReadonlyMap<string, string> = new Map([['noon', '12:00'], ['midnight', '24:00'], ['midday', '12:00']]);
/** a.m./p.m. markers -> hours to add. */
export const MERIDIEMS: ReadonlyMap<string, number> = new Map([
  ['a.m.', 0], ['a.m', 0], ['am', 0], ['p.m.', 12], ['p.m', 12], ['pm', 12],
]);
/** Time zones that may follow a clock time (kept in the span). */
export const TIME_ZONES: ReadonlySet<string> = new Set([
  'est', 'edt', 'cst', 'cdt', 'mst', 'mdt', 'pst', 'pdt', 'gmt', 'utc', 'bst', 'cet', 'cest', 'et', 'pt', 'ct', 'mt',
]);
/** "o'clock" and friends after an hour. */
export const OCLOCK: ReadonlySet<string> = new Set(["o'clock", 'o’clock', 'oclock', 'hours', 'local', 'sharp']);

/** Frequency adverbs -> SET value. */
export const FREQUENCY_WORDS: ReadonlyMap<string, string> = new Map([
  ['daily', 'P1D'], ['weekly', 'P1W'], ['monthly', 'P1M'], ['yearly', 'P1Y'], ['annually', 'P1Y'], ['hourly', 'PT1H'],
  ['quarterly', 'P3M'], ['nightly', 'P1D'], ['biweekly', 'P2W'], ['biannually', 'P6M'], ['semiannually', 'P6M'],
]);
/** Nouns after which a frequency adjective is a financial term, not a timex ("quarterly dividend"). */
export const NOT_FREQUENCY_NOUNS: ReadonlySet<string> = new Set([
  'cash', 'dividend', 'dividends', 'payout', 'payouts', 'results', 'earnings', 'profit', 'profits', 'loss', 'losses', 'report',
  'reports', 'volume', 'volumes', 'average', 'turnover', 'rate', 'rates', 'figures', 'data', 'statistics',
]);
/** Frequency words that are adjectives before a noun ("quarterly dividend", "daily volume"): not a timex there. */
export const FREQUENCY_ADJECTIVES: ReadonlySet<string> = new Set(['daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'hourly', 'nightly', 'biweekly']);
/** Words after a number and before a unit that keep the duration ("two more weeks"). */
export const DURATION_FILLERS: ReadonlySet<string> = new Set(['trading', 'business', 'working', 'more', 'additional', 'further', 'extra', 'full', 'straight', 'consecutive', 'long']);
/** Words before "a week"/"an hour" that make it a duration ("for a week"); elsewhere "a year" is usually a rate ("$5 a year"). */
export const ARTICLE_DURATION_CUES: ReadonlySet<string> = new Set([
  'for', 'in', 'within', 'than', 'about', 'nearly', 'almost', 'over', 'after', 'only', 'just', 'least', 'of', 'take', 'takes',
  'took', 'taken', 'taking', 'been', 'last', 'lasts', 'lasted', 'spend', 'spent', 'during', 'half', 'around', 'roughly', 'some', 'another',
  'extra', 'full', 'entire', 'whole', 'once', 'under', 'up', 'to', 'barely', 'already', 'nearly', 'lasting', 'by', 'at', 'as',
]);
/** Words before "noon" that make it a name, not a time ("High Noon"). */
export const NOT_CLOCK_BEFORE: ReadonlySet<string> = new Set(['high']);
/** Quantifiers that make a SET ("every week", "each July"). */
export const SET_QUANTIFIERS: ReadonlySet<string> = new Set(['every', 'each', 'per']);

/** Decade words ("the nineties") -> decade digit. */
export const DECADE_WORDS: ReadonlyMap<string, number> = new Map([
  ['twenties', 2], ['thirties', 3], ['forties', 4], ['fifties', 5], ['sixties', 6], ['seventies', 7], ['eighties', 8], ['nineties', 9],
]);

/** Fixed-date holidays -> MM-DD; computed ones are in the grammar. */
export const HOLIDAYS: ReadonlyMap<string, string> = new Map([
  ['christmas day', '12-25'], ['christmas eve', '12-24'], ['christmas', '12-25'], ["new year's day", '01-01'],
  ["new year's eve", '12-31'], ['new year’s day', '01-01'], ['new year’s eve', '12-31'], ['valentine’s day', '02-14'],
  ["valentine's day", '02-14'], ['halloween', '10-31'], ['independence day', '07-04'], ['labor day', 'LABOR'],
  ['thanksgiving day', 'THANKSGIVING'], ['thanksgiving', 'THANKSGIVING'], ['election day', 'ELECTION'],
  ['memorial day', 'MEMORIAL'], ['easter', 'EASTER'], ['easter sunday', 'EASTER'],
]);

// ---------- tense of the clause around an expression (see tense.ts) ----------
// HeidelTime-style tense without POS tags: the nearest finite verb group before the expression
// decides, else the first one after it; a bare weekday or month then resolves forward (future,
// present) or backward (past, or no evidence: news reports what happened).

/** Auxiliaries that put their clause in the future ("will meet Bush on Thursday", "they'll vote Monday"). */
export const FUTURE_AUXILIARIES: ReadonlySet<string> = new Set(['will', 'shall', 'gonna', "'ll", 'wo', 'sha']);
/** Modals: the event is not realised yet, so the clause looks ahead ("would be ready Tuesday"), unless "have" follows ("may have left Monday"). */
export const MODAL_AUXILIARIES: ReadonlySet<string> = new Set([
  'would', 'may', 'might', 'should', 'must', 'can', 'cannot', 'ca', 'ought', "'d",
]);
/** Modals that are as often past ("could not be reached Wednesday") as hypothetical: no evidence either way. */
export const UNDECIDED_MODALS: ReadonlySet<string> = new Set(['could']);
/** Finite past auxiliaries and copulas. */
export const PAST_AUXILIARIES: ReadonlySet<string> = new Set(['was', 'were', 'had', 'did']);
/** Finite present auxiliaries and copulas ("the vote is Tuesday", "are meeting Monday"). */
export const PRESENT_AUXILIARIES: ReadonlySet<string> = new Set(['is', 'are', 'am', 'does', 'do', "'re", "'m"]);
/** Perfect auxiliaries ("has met", "have agreed": the event is past); "has to" looks ahead, "has no plans" is present. */
export const PERFECT_AUXILIARIES: ReadonlySet<string> = new Set(['has', 'have', "'ve"]);
/** Words that may stand between an auxiliary and its verb: the verb is then not finite ("will be held", "was formally signed"). */
export const VERB_GROUP_FILLERS: ReadonlySet<string> = new Set([
  'not', 'be', 'been', 'being', 'have', 'having', 'also', 'already', 'just', 'still', 'now', 'then', 'never', 'ever',
  'only', 'first', 'again', 'both', 'all', 'each', 'jointly', 'separately', 'to', 'get', 'got', 'gets', 'getting',
]);
/** Past-tense forms that do not end in -ed (most are also past participles). */
export const IRREGULAR_PAST: ReadonlySet<string> = new Set([
  'said', 'told', 'met', 'took', 'went', 'came', 'gave', 'made', 'began', 'left', 'saw', 'found', 'got', 'held', 'led',
  'won', 'lost', 'sent', 'spent', 'paid', 'fell', 'rose', 'broke', 'brought', 'bought', 'sold', 'thought', 'felt',
  'kept', 'knew', 'ran', 'wrote', 'spoke', 'stood', 'struck', 'fought', 'flew', 'drew', 'grew', 'threw', 'shot',
  'built', 'became', 'chose', 'heard', 'meant', 'sat', 'sought', 'taught', 'understood', 'withdrew', 'overtook',
  'undertook', 'fled', 'hung', 'swore', 'forgave', 'froze', 'lay', 'laid', 'slid', 'stole', 'sank', 'swam', 'sang',
  'tore', 'wore', 'woke', 'rode', 'drove', 'dealt', 'lent', 'bent', 'caught', 'fed', 'bore', 'arose', 'awoke',
  'began', 'bid', 'oversaw', 'foresaw', 'underwent', 'mistook', 'reaffirmed', 'shook', 'forbade', 'beheld', 'upheld',
  'withheld', 'overcame',
  // the same form in the present: finite (no auxiliary or "to" before) they are past in news ("set Friday as the deadline")
  'set', 'put', 'cut', 'hit', 'let', 'shut', 'cost', 'hurt', 'quit', 'spread', 'bet', 'split', 'upset',
]);
/** Past participles that do not end in -ed ("has taken", "had gone"): part of a verb group, never finite themselves. */
export const IRREGULAR_PARTICIPLES: ReadonlySet<string> = new Set([
  'been', 'taken', 'gone', 'given', 'begun', 'seen', 'known', 'written', 'spoken', 'chosen', 'done', 'shown', 'grown',
  'drawn', 'thrown', 'flown', 'broken', 'stolen', 'driven', 'ridden', 'risen', 'fallen', 'forgotten', 'gotten',
  'beaten', 'bitten', 'hidden', 'sworn', 'torn', 'worn', 'withdrawn', 'undertaken', 'overtaken', 'arisen', 'eaten',
]);
/** Words ending in -ed that are not past verbs. */
export const NOT_PAST_ED: ReadonlySet<string> = new Set([
  'need', 'feed', 'seed', 'speed', 'indeed', 'hundred', 'shed', 'breed', 'creed', 'greed', 'weed', 'deed', 'steed',
  'proceed', 'exceed', 'succeed', 'bleed', 'heed', 'embed', 'red', 'bed', 'wed', 'naked', 'sacred', 'wicked',
  'kindred', 'rugged', 'ragged', 'beloved', 'aged', 'alleged', 'so-called', 'supposed', 'unprecedented', 'unexpected',
  'unidentified', 'unnamed', 'armed', 'detailed', 'limited', 'united', 'advanced', 'related', 'based', 'owned',
  'interested', 'concerned', 'involved',
]);
/** Present-tense verbs of scheduled events ("He and Arafat meet separately Monday", "The court rules Tuesday"). */
export const PRESENT_EVENT_VERBS: ReadonlySet<string> = new Set([
  'meet', 'meets', 'vote', 'votes', 'visit', 'visits', 'begin', 'begins', 'start', 'starts', 'open', 'opens', 'resume',
  'resumes', 'leave', 'leaves', 'arrive', 'arrives', 'return', 'returns', 'travel', 'travels', 'head', 'heads', 'hold',
  'holds', 'host', 'hosts', 'convene', 'convenes', 'reconvene', 'reconvenes', 'testify', 'testifies', 'appear',
  'appears', 'address', 'addresses', 'attend', 'attends', 'launch', 'launches', 'expire', 'expires', 'close', 'closes',
  'end', 'ends', 'decide', 'decides', 'rule', 'rules', 'sign', 'signs', 'fly', 'flies', 'face', 'faces', 'play',
  'plays', 'release', 'releases', 'unveil', 'unveils', 'debate', 'debates', 'gather', 'gathers', 'march', 'marches',
  'go', 'goes', 'take', 'takes', 'kick', 'kicks', 'wrap', 'wraps', 'celebrate', 'celebrates', 'mark', 'marks',
]);
/** Words that make a clause about a plan or a schedule: what it dates lies ahead ("planned a rally on Saturday", "slated for May"). */
export const SCHEDULE_WORDS: ReadonlySet<string> = new Set([
  'scheduled', 'slated', 'upcoming', 'planned', 'planning', 'expected', 'expect', 'expects', 'effective', 'soon', 'due',
  'payable', 'pending',
]);
/** Words that schedule only before a preposition ("a summit set for April", "is set to resume"); alone "set" is a past verb. */
export const SCHEDULE_BEFORE_PREPOSITION: ReadonlySet<string> = new Set(['set', 'timed', 'earmarked', 'penciled', 'pencilled']);
/** Heads before "to" + verb that announce a plan or an undertaking ("is set to resume Monday", "agreed to buy ... in January"). */
export const FUTURE_TO_HEADS: ReadonlySet<string> = new Set([
  'planning', 'poised', 'likely', 'set', 'planned', 'plans', 'plan', 'scheduled', 'expected', 'expects', 'expect', 'is',
  'are', 'going', 'intends', 'intend', 'intended', 'hopes', 'hope', 'hoped', 'ready', 'prepared', 'preparing', 'due',
  'slated', 'agreed', 'agrees', 'agree', 'decided', 'decides', 'voted', 'promised', 'promises', 'pledged', 'pledges',
  'vowed', 'vows', 'threatened', 'threatens', 'proposed', 'proposes', 'wants', 'want', 'wanted', 'seeks', 'aims',
  'about', 'plotted', 'were',
]);
/**
 * Nouns of an undertaking before "to" + verb: what the infinitive dates is still ahead of the clause that reports the
 * undertaking ("announced an agreement to acquire the bank in January"). Only before the expression: after it, the verb of
 * its own clause decides ("On Tuesday, the bid to take over the firm failed").
 */
export const FUTURE_TO_NOUNS: ReadonlySet<string> = new Set([
  'agreement', 'accord', 'pact', 'deal', 'offer', 'proposal', 'bid', 'commitment', 'pledge', 'promise', 'intention',
]);
/** Conjunctions opening a temporal clause: its verb takes its time from the main clause ("were likely to buy as soon as trading opened Monday"). */
export const TEMPORAL_SUBORDINATORS: ReadonlySet<string> = new Set(['when', 'once', 'after', 'before', 'until', 'till', 'as soon as']);
/** Words that put a plan back in the past ("had been scheduled to expire at midnight Friday", "was originally set to"). */
export const SUPERSEDED_PLAN_CUES: ReadonlySet<string> = new Set(['had', 'previously', 'originally', 'initially', 'once']);
/** Other words that date their clause in the past ("since", "ago"). */
export const PAST_CUES: ReadonlySet<string> = new Set(['ago', 'yesterday', 'since']);

/** Prepositions and cues before a bare ambiguous month ("in May") that make it temporal. */
export const MONTH_CUES: ReadonlySet<string> = new Set([
  'in', 'the', 'since', 'until', 'till', 'by', 'from', 'through', 'during', 'last', 'next', 'this', 'early', 'late', 'mid',
  'before', 'after', 'of', 'to', 'between', 'and', 'or', 'around', 'until', 'throughout', 'since', 'each', 'every', 'that',
]);

/** Tokens after a four-digit number that show it is not a year ("1990 people", "2000 %"). */
export const NOT_YEAR_AFTER: ReadonlySet<string> = new Set([
  '%', 'percent', 'people', 'persons', 'men', 'women', 'children', 'troops', 'soldiers', 'workers', 'employees', 'jobs',
  'shares', 'dollars', 'yen', 'marks', 'francs', 'pounds', 'euros', 'tons', 'tonnes', 'barrels', 'acres', 'miles',
  'kilometers', 'km', 'meters', 'feet', 'points', 'units', 'cars', 'vehicles', 'homes', 'houses', 'copies', 'students',
  'members', 'votes', 'residents', 'refugees', 'prisoners', 'cases', 'deaths', 'years', 'days', 'hours', 'minutes',
  'rooms', 'beds', 'seats', 'planes', 'aircraft', 'ships', 'boats', 'games', 'hits', 'calories', 'million', 'billion',
  'x',
]);
/** Tokens before a four-digit number that show it is not a year ("$2000", "No. 1990"). */
export const NOT_YEAR_BEFORE: ReadonlySet<string> = new Set(['$', '#', '€', '£', '¥', 'no.', 'number', 'flight', 'route', 'model', 'page', 'pages', 'room', 'about', 'some', 'nearly', 'almost', 'over', 'than']);
