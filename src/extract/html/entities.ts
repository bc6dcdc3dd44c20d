// HTML character references: numeric ones in full, named ones for the set that actually occurs in
// news pages (Latin-1, general punctuation, a few Greek/math symbols). Unknown names stay verbatim.

const LATIN1 = (
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr deg plusmn sup2 sup3 ' +
  'acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest Agrave Aacute Acirc Atilde Auml ' +
  'Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ETH Ntilde Ograve Oacute Ocirc Otilde ' +
  'Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig agrave aacute acirc atilde auml aring aelig ' +
  'ccedil egrave eacute ecirc euml igrave iacute icirc iuml eth ntilde ograve oacute ocirc otilde ouml divide ' +
  'oslash ugrave uacute ucirc uuml yacute thorn yuml'
).split(' ');

const NAMED: Record<string, string> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'",
  ndash: '\u2013', mdash: '\u2014', lsquo: '\u2018', rsquo: '\u2019', sbquo: '\u201a', ldquo: '\u201c',
  rdquo: '\u201d', bdquo: '\u201e', hellip: '\u2026', bull: '\u2022', middot: '\u00b7', prime: '\u2032',
  Prime: '\u2033', lsaquo: '\u2039', rsaquo: '\u203a', euro: '\u20ac', trade: '\u2122', dagger: '\u2020',
  Dagger: '\u2021', permil: '\u2030', thinsp: '\u2009', ensp: '\u2002', emsp: '\u2003', zwnj: '\u200c',
  zwj: '\u200d', lrm: '\u200e', rlm: '\u200f', OElig: '\u0152', oelig: '\u0153', Scaron: '\u0160',
  scaron: '\u0161', Yuml: '\u0178', fnof: '\u0192', circ: '\u02c6', tilde: '\u02dc', larr: '\u2190',
  rarr: '\u2192', uarr: '\u2191', darr: '\u2193', harr: '\u2194', minus: '\u2212', le: '\u2264',
  ge: '\u2265', ne: '\u2260', asymp: '\u2248', infin: '\u221e', deg: '\u00b0', hearts: '\u2665',
  star: '\u2606', check: '\u2713', NewLine: '\n', Tab: '\t', nbsp: '\u00a0', alpha: '\u03b1', beta: '\u03b2',
  gamma: '\u03b3', delta: '\u03b4', pi: '\u03c0', mu: '\u03bc', sigma: '\u03c3', omega: '\u03c9',
  Delta: '\u0394', Omega: '\u03a9', ccaron: '\u010d', Ccaron: '\u010c', zcaron: '\u017e', Zcaron: '\u017d',
  scedil: '\u015f', Scedil: '\u015e', gbreve: '\u011f', Gbreve: '\u011e', inodot: '\u0131', imath: '\u0131',
  period: '.', comma: ',', colon: ':', semi: ';', excl: '!', quest: '?', num: '#', dollar: '$',
  percnt: '%', lpar: '(', rpar: ')', ast: '*', plus: '+', sol: '/', bsol: '\\', equals: '=', lowbar: '_',
  verbar: '|', lsqb: '[', rsqb: ']', lcub: '{', rcub: '}', grave: '`', hyphen: '\u2010', dash: '\u2010',
};
for (let i = 0; i < LATIN1.length; i++) NAMED[LATIN1[i]!] = String.fromCharCode(160 + i);

/** Names a browser also accepts without the trailing semicolon (the common legacy ones). */
const LEGACY = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp', 'copy', 'reg', ...LATIN1]);

/** Legacy names decoded even when letters follow ("&ampx"); kept short to avoid "&notify" → "¬ify". */
const PREFIXABLE = new Set(['amp', 'lt', 'gt', 'quot', 'nbsp']);

// Windows-1252 for numeric references 0x80..0x9F, as browsers do.
const CP1252: Record<number, number> = {
  0x80: 0x20ac, 0x82: 0x201a, 0x83: 0x0192, 0x84: 0x201e, 0x85: 0x2026, 0x86: 0x2020, 0x87: 0x2021,
  0x88: 0x02c6, 0x89: 0x2030, 0x8a: 0x0160, 0x8b: 0x2039, 0x8c: 0x0152, 0x8e: 0x017d, 0x91: 0x2018,
  0x92: 0x2019, 0x93: 0x201c, 0x94: 0x201d, 0x95: 0x2022, 0x96: 0x2013, 0x97: 0x2014, 0x98: 0x02dc,
  0x99: 0x2122, 0x9a: 0x0161, 0x9b: 0x203a, 0x9c: 0x0153, 0x9e: 0x017e, 0x9f: 0x0178,
};

const REF = /&(?:#[xX]([0-9a-fA-F]{1,8});?|#([0-9]{1,9});?|([a-zA-Z][a-zA-Z0-9]{1,31})(;?))/g;

function fromCode(code: number): string {
  if (code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
  const mapped = CP1252[code];
  return String.fromCodePoint(mapped ?? code);
}

/** Decodes character references in text or an attribute value. */
export function decodeEntities(s: string): string {
  if (s.indexOf('&') < 0) return s;
  return s.replace(REF, (whole, hex: string | undefined, dec: string | undefined, name: string | undefined, semi: string) => {
    if (hex !== undefined) return fromCode(parseInt(hex, 16));
    if (dec !== undefined) return fromCode(parseInt(dec, 10));
    if (name !== undefined) {
      const v = NAMED[name];
      if (v !== undefined && (semi === ';' || LEGACY.has(name))) return v;
      // A legacy name followed by letters ("&copy2019" / "&ampx"): decode the longest legacy prefix.
      if (semi !== ';') {
        for (let k = Math.min(name.length - 1, 4); k >= 2; k--) {
          const p = name.slice(0, k);
          if (PREFIXABLE.has(p)) return NAMED[p]! + name.slice(k);
        }
      }
    }
    return whole;
  });
}
