// Named tables the tokenizer and sentence splitter share. Heuristics are data: add words here,
// not regexes in functions.

/** Abbreviations whose final period belongs to the token (compared lower-case, without the period). */
export const ABBREVIATIONS: ReadonlySet<string> = new Set([
  // titles: never end a sentence
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'adm', 'cmdr', 'gov', 'sen', 'rep',
  'rev', 'fr', 'st', 'sr', 'jr', 'hon', 'pres', 'supt', 'amb', 'messrs', 'mme', 'mlle', 'atty', 'insp', 'cpl', 'pvt',
  // others that may end a sentence
  'inc', 'corp', 'co', 'ltd', 'llc', 'plc', 'bros', 'dept', 'univ', 'assn', 'ave', 'blvd', 'rd', 'mt', 'ft',
  'no', 'nos', 'vs', 'etc', 'approx', 'est', 'vol', 'fig', 'ed', 'eds', 'cf', 'al', 'op', 'pp',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec',
  'mon', 'tue', 'tues', 'wed', 'thu', 'thur', 'thurs', 'fri', 'sat', 'sun',
  'ala', 'ariz', 'ark', 'calif', 'colo', 'conn', 'del', 'fla', 'ga', 'ill', 'ind', 'kan', 'kans', 'ky', 'la', 'md',
  'mass', 'mich', 'minn', 'miss', 'mo', 'mont', 'neb', 'nev', 'okla', 'ore', 'pa', 'tenn', 'tex', 'va', 'vt',
  'wash', 'wis', 'wyo',
]);

/** Abbreviations that never end a sentence: a title is always followed by its name. */
export const TITLE_ABBREVIATIONS: ReadonlySet<string> = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'gen', 'lt', 'col', 'maj', 'capt', 'cpt', 'sgt', 'adm', 'cmdr', 'gov', 'sen', 'rep',
  'rev', 'fr', 'hon', 'pres', 'supt', 'amb', 'messrs', 'mme', 'mlle', 'atty', 'insp', 'cpl', 'pvt', 'st', 'no', 'nos',
  'vs', 'cf', 'vol', 'fig', 'pp', 'approx',
]);

/** Words that, capitalised after an abbreviation such as "Inc." or "U.S.", suggest a new sentence. */
export const SENTENCE_STARTERS: ReadonlySet<string> = new Set([
  'the', 'a', 'an', 'he', 'she', 'it', 'they', 'we', 'i', 'you', 'this', 'that', 'these', 'those', 'there', 'but',
  'and', 'or', 'so', 'yet', 'in', 'on', 'at', 'for', 'if', 'when', 'while', 'after', 'before', 'since', 'as',
  'his', 'her', 'its', 'their', 'our', 'my', 'some', 'many', 'most', 'all', 'no', 'not', 'meanwhile', 'however',
  'still', 'also', 'then', 'now', 'what', 'who', 'why', 'how', 'where', 'according', 'earlier', 'later',
]);

/**
 * Reporting verbs that follow a quotation with its speaker: "Is it over?" Trump asked.
 * A capitalised word after ?" or !" is then the speaker, not a new sentence.
 */
export const TRAILING_REPORTING_VERBS: ReadonlySet<string> = new Set([
  'said', 'says', 'asked', 'asks', 'added', 'adds', 'told', 'tells', 'replied', 'replies', 'wrote', 'writes',
  'continued', 'explained', 'noted', 'insisted', 'shouted', 'exclaimed', 'answered', 'responded', 'recalled',
  'tweeted', 'declared', 'warned', 'argued', 'wondered', 'demanded', 'quipped', 'joked', 'cried', 'yelled',
]);
