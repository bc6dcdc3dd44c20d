// Tokens and sentences: the first two stages, over the whole analysed text.
// Tokenisation follows the Penn/CoNLL habits news corpora use: "U.S." and "Mr." keep their
// periods, possessive "'s" is its own token, hyphenated names ("al-Assad") stay whole,
// every quotation mark is a token of its own so quote detection can see it.

import type { Doc, Span, Token, TokenKind } from '../doc/doc.js';
import { ABBREVIATIONS, SENTENCE_STARTERS, TITLE_ABBREVIATIONS, TRAILING_REPORTING_VERBS } from './lexicon.js';

const QUOTE_CHARS = new Set(['"', '“', '”', '„', '‟', "'", '‘', '’', '‚', '‛', '«', '»', '‹', '›', '「', '」']);
const APOSTROPHES = new Set(["'", '’']);
const LETTER_OR_DIGIT = /[\p{L}\p{N}\p{M}]/u;
const LETTER = /[\p{L}\p{M}]/u;
const UPPER = /\p{Lu}/u;

function isWordChar(code: number, ch: string): boolean {
  if (code < 128) {
    return (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  }
  return LETTER_OR_DIGIT.test(ch);
}

function isLetterAt(text: string, i: number): boolean {
  if (i >= text.length) return false;
  const code = text.charCodeAt(i);
  if (code < 128) return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
  return LETTER.test(text[i]);
}

function isDigitAt(text: string, i: number): boolean {
  const code = text.charCodeAt(i);
  return code >= 48 && code <= 57;
}

function isWordCharAt(text: string, i: number): boolean {
  return i < text.length && isWordChar(text.charCodeAt(i), text[i]);
}

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 9 || code === 13 || code === 0xa0 || code === 12 || code === 11 ||
    (code >= 0x2000 && code <= 0x200b) || code === 0x202f || code === 0x205f || code === 0x3000 || code === 0xfeff ||
    code === 0x2028 || code === 0x2029 || code === 0x85;
}

const URL_START = /^(?:https?:\/\/|www\.)/i;
const URL_TRAIL = /[.,;:!?)\]}"'”’»]+$/;

/** Split text[from, to) into tokens. Offsets are absolute. */
export function tokenizeRange(text: string, from = 0, to = text.length): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      i++;
      continue;
    }
    const ch = text[i];
    // URLs and web addresses stay whole: "Source: https://..." is one token.
    if ((ch === 'h' || ch === 'H' || ch === 'w' || ch === 'W') && URL_START.test(text.slice(i, i + 8))) {
      let j = i;
      while (j < to && !isSpace(text.charCodeAt(j))) j++;
      const trail = URL_TRAIL.exec(text.slice(i, j));
      if (trail) j -= trail[0].length;
      if (j > i + 4) {
        tokens.push({ start: i, end: j, kind: 'word' });
        i = j;
        continue;
      }
    }
    if (isWordChar(code, ch)) {
      i = readWord(text, i, to, tokens);
      continue;
    }
    if (APOSTROPHES.has(ch) && (text[i + 1] === 's' || text[i + 1] === 'S') && !isWordCharAt(text, i + 2) &&
      tokens.length > 0 && tokens[tokens.length - 1].kind === 'word' && i + 2 <= to) {
      // a detached possessive, as in pre-tokenised text ("Assad 's"): one token, like an attached one
      tokens.push({ start: i, end: i + 2, kind: 'word' });
      i += 2;
      continue;
    }
    if (QUOTE_CHARS.has(ch)) {
      tokens.push({ start: i, end: i + 1, kind: 'quote' });
      i++;
      continue;
    }
    if (code >= 0xd800 && code <= 0xdbff && i + 1 < to) {
      tokens.push({ start: i, end: i + 2, kind: 'symbol' });
      i += 2;
      continue;
    }
    // Runs of the same punctuation ("...", "--", "!!") are one token.
    let j = i + 1;
    if (ch === '.' || ch === '-' || ch === '!' || ch === '?' || ch === '*' || ch === '=' || ch === '_') {
      while (j < to && text[j] === ch) j++;
    }
    tokens.push({ start: i, end: j, kind: punctKind(ch) });
    i = j;
  }
  return tokens;
}

function punctKind(ch: string): TokenKind {
  return /[\p{P}]/u.test(ch) ? 'punct' : 'symbol';
}

/** Read one word starting at i; push it (and a split-off possessive) and return the next index. */
function readWord(text: string, start: number, to: number, out: Token[]): number {
  let i = start;
  let hasLetter = false;
  let segmentStart = start; // start of the current dot-separated segment, for initialisms
  let dots = 0;
  while (i < to) {
    const code = text.charCodeAt(i);
    const ch = text[i];
    if (isWordChar(code, ch)) {
      if (!hasLetter && isLetterAt(text, i)) hasLetter = true;
      i++;
      continue;
    }
    const next = i + 1;
    if (ch === '-' || ch === '‐' || ch === '&') {
      if (isWordCharAt(text, next) && next < to) {
        i = next;
        continue;
      }
      break;
    }
    if (APOSTROPHES.has(ch)) {
      // possessive / contraction "'s" ends the word: split it off like CoNLL ("Assad 's").
      if ((text[next] === 's' || text[next] === 'S') && !isWordCharAt(text, next + 1)) break;
      if (isLetterAt(text, next) && next < to) {
        i = next;
        continue;
      }
      break;
    }
    if ((ch === ',' || ch === '.' || ch === ':' || ch === '/') && isDigitAt(text, i - 1) && i + 1 < to && isDigitAt(text, next)) {
      i = next; // 1,000.50  10:30  9/11
      continue;
    }
    if (ch === '.' && next < to && isLetterAt(text, next)) {
      // initialisms "U.S.", "a.m.": the segment before the dot is one or two letters
      if (i - segmentStart <= 2) {
        dots++;
        i = next;
        segmentStart = next;
        continue;
      }
      // domains and the like: "vtcnews.vn"
      const lower = text.charCodeAt(next) >= 97 && text.charCodeAt(next) <= 122;
      if (lower && i - start >= 2 && dots === 0 && /^[a-z]{2,}\b/.test(text.slice(next, next + 12)) && !/^[A-Z]/.test(text[start])) {
        i = next;
        continue;
      }
      break;
    }
    break;
  }
  let end = i;
  // Currency prefixes stay whole: "C$", "US$", "HK$".
  if (end < to && text[end] === '$' && end - start <= 3 && /^[A-Z]+$/.test(text.slice(start, end))) {
    out.push({ start, end: end + 1, kind: 'symbol' });
    return end + 1;
  }
  // Keep the period of an abbreviation or initialism: "Mr.", "J.", "U.S.", "Inc."
  if (end < to && text[end] === '.' && text[end + 1] !== '.') {
    const word = text.slice(start, end);
    const lower = word.toLowerCase();
    const initial = word.length === 1 && UPPER.test(word);
    // a party-and-state tag keeps its state's period: "(R-Ky.)", "D-Calif."
    const party = /^[rdi]-([a-z]+)$/.exec(lower);
    if (dots > 0 || initial || ABBREVIATIONS.has(lower) || (party !== null && ABBREVIATIONS.has(party[1]))) end++;
  }
  out.push({ start, end, kind: hasLetter ? 'word' : 'number' });
  if (end === i && i < to && APOSTROPHES.has(text[i]) && (text[i + 1] === 's' || text[i + 1] === 'S') && !isWordCharAt(text, i + 2)) {
    out.push({ start: i, end: i + 2, kind: 'word' });
    return i + 2;
  }
  return end;
}

const TERMINALS = new Set(['.', '!', '?', '…', '...', '?!', '!!', '??', '!?']);
const CLOSERS = new Set(['"', '”', '’', "'", ')', ']', '»', '›', '」']);

/**
 * Sentence spans over the tokens. A sentence ends at a terminal mark (plus closing quotes or
 * brackets) before a capitalised word, a digit or an opening quote; at an abbreviation only when
 * a common sentence starter follows; and always at a line break.
 */
export function splitSentences(text: string, tokens: readonly Token[]): Span[] {
  const sentences: Span[] = [];
  let first = 0;
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k];
    const next = tokens[k + 1];
    let last = k;
    let breakHere = false;
    if (!next) {
      breakHere = true;
    } else if (hasNewline(text, t.end, next.start)) {
      breakHere = true;
    } else {
      const word = text.slice(t.start, t.end);
      if (t.kind === 'punct' && TERMINALS.has(word)) {
        // swallow closing quotes and brackets that hug the terminal: ."  .”  .)
        let j = k + 1;
        let prevEnd = t.end;
        while (j < tokens.length && tokens[j].start === prevEnd && CLOSERS.has(text.slice(tokens[j].start, tokens[j].end))) {
          prevEnd = tokens[j].end;
          j++;
        }
        last = j - 1;
        const after = tokens[j];
        breakHere = !after || hasNewline(text, tokens[last].end, after.start) ||
          (startsSentence(text, after) && !(last > k && speakerFollows(text, tokens, j)));
      } else if (t.kind === 'word' && word.endsWith('.') && word.length > 1) {
        const bare = word.slice(0, -1).toLowerCase();
        if (!TITLE_ABBREVIATIONS.has(bare) && !(bare.length === 1)) {
          const nextWord = text.slice(next.start, next.end);
          breakHere = UPPER.test(nextWord[0] ?? '') && SENTENCE_STARTERS.has(nextWord.toLowerCase());
        }
      }
    }
    if (breakHere) {
      sentences.push({ start: tokens[first].start, end: tokens[last].end });
      k = last;
      first = last + 1;
    }
  }
  return sentences;
}

/** After a closing quote: up to three capitalised words, then a reporting verb ("Trump asked."). */
function speakerFollows(text: string, tokens: readonly Token[], from: number): boolean {
  for (let j = from; j < tokens.length && j < from + 4; j++) {
    const w = text.slice(tokens[j].start, tokens[j].end);
    if (TRAILING_REPORTING_VERBS.has(w)) return j > from;
    if (tokens[j].kind !== 'word' || !UPPER.test(w[0])) return false;
  }
  return false;
}

function hasNewline(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || c === 13 || c === 0x2029) return true;
  }
  return false;
}

function startsSentence(text: string, token: Token): boolean {
  const ch = text[token.start];
  if (token.kind === 'quote' || ch === '(' || ch === '[') return true;
  if (token.kind === 'number') return true;
  if (token.kind === 'symbol') return true;
  return UPPER.test(ch) || !LETTER.test(ch);
}

/** Stage: tokens of the whole text. */
export function tokenize(doc: Doc): Token[] {
  return tokenizeRange(doc.text);
}

/** Stage: sentences; needs tokens. Sentences never cross a block boundary. */
export function sentences(doc: Doc): Span[] {
  return splitSentences(doc.text, doc.get('tokens'));
}
