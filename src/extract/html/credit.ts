// Photo credits in captions: "(Photo: Reuters)", "Photo: AP Photo/John Smith", "Credit: …",
// "© Getty Images", a trailing agency name, or a <cite>/.credit element inside the caption.
// The credit returned is always a substring of the caption text.

import type { Elem } from './dom.js';
import { normalizeSpace } from './content.js';

const AGENCIES =
  '(?:AP Photo(?:\\/[\\p{L}\\p{M}.\' -]+)?|Associated Press|Reuters(?:\\/[\\p{L}\\p{M}.\' -]+)?|Getty Images(?: for [\\p{L} ]+)?|AFP(?:\\/Getty Images| via Getty Images)?|EPA(?:-EFE)?(?:\\/[\\p{L}\\p{M}.\' -]+)?|Shutterstock|Bloomberg(?: via Getty Images)?|Xinhua|PA(?: Wire| Images)?|Alamy|Zuma(?: Press)?|Rex Features|REX\\/Shutterstock|NurPhoto(?: via Getty Images)?|SOPA Images|dpa|ANSA|Anadolu(?: Agency)?|Sipa(?: USA)?|TASS|Yonhap|Kyodo|UPI|iStock(?:photo)?|Wikimedia Commons|Handout)';

const PATTERNS: RegExp[] = [
  // "(Photo: Reuters)", "(Photo by Jane Doe/Getty Images)", "[Image: …]"
  /[([]\s*(?:photos?|images?|pictures?|fotos?|photograph|credit|source|video)(?:\s+(?:by|credit|courtesy(?: of)?))?\s*:?\s+([^)\]]{2,120}?)\s*[)\]]\.?\s*$/iu,
  // "… Photo: AP Photo/John Smith", "Credit: Getty Images", "Photograph: Jane Doe/Guardian"
  /(?:^|[\s.;|—–-])(?:photos?|images?|pictures?|fotos?|photograph|credits?|source|courtesy(?: of)?|foto|crédito|créditos)(?:\s+(?:by|credit))?\s*:\s*(.{2,120}?)\s*\.?\s*$/iu,
  // "Photo by Jane Doe", "Photograph by …"
  /(?:^|[\s.;|—–-])(?:photos?|photograph|image|picture)\s+(?:by|courtesy of)\s+(.{2,100}?)\s*\.?\s*$/iu,
  // "© Getty Images", "(c) 2019 Reuters"
  /(?:©|\(c\)|copyright)\s*((?:(?:19|20)\d{2}\s+)?[^©]{2,100}?)\s*\.?\s*$/iu,
];
const TRAILING_AGENCY = new RegExp('(?:^|[\\s(/|—–-])(' + AGENCIES + ')\\s*\\)?\\.?\\s*$', 'u');

function clean(credit: string): string {
  return credit.replace(/^[\s([]+|[\s)\].,;:]+$/g, '');
}

/** The credit as written in `text`, or null. `el` is the caption element, for <cite>/.credit children. */
export function findCredit(text: string, el: Elem | null): string | null {
  if (el !== null) {
    const inner = creditElementText(el, 0);
    if (inner !== null) {
      let c = clean(normalizeSpace(inner).replace(/^(?:photos?|image|credit|photograph|foto)s?\s*(?:by)?\s*:?\s*/i, '').replace(/^©\s*/, ''));
      if (c.length > 0 && c.length <= 150 && text.includes(c)) return c;
      c = clean(normalizeSpace(inner));
      if (c.length > 0 && c.length <= 150 && text.includes(c)) return c;
    }
  }
  for (const re of PATTERNS) {
    const m = re.exec(text);
    if (m && m[1]) {
      const c = clean(m[1]);
      if (c.length >= 2 && text.includes(c)) return c;
    }
  }
  const m = TRAILING_AGENCY.exec(text);
  if (m && m[1] && text.includes(m[1])) return m[1];
  return null;
}

function creditElementText(e: Elem, depth: number): string | null {
  if (depth > 20) return null;
  for (const c of e.children) {
    if (typeof c === 'string') continue;
    const cls = (c.attrs['class'] ?? '') + ' ' + (c.attrs['itemprop'] ?? '');
    if (c.tag === 'cite' || /credit|copyright|photographer|byline|source|attribution/i.test(cls)) return textOf(c);
    const r = creditElementText(c, depth + 1);
    if (r !== null) return r;
  }
  return null;
}

function textOf(e: Elem): string {
  let s = '';
  for (const c of e.children) s += typeof c === 'string' ? c : ' ' + textOf(c);
  return s;
}
