// Line patterns of plain-text news pages (copied web pages, wire texts): named tables,
// compiled once. Each rule looks at one whole line, trimmed.

/** "Source: https://..." and its variants: the page republishes that URL. */
export const PROVENANCE_LINE: readonly RegExp[] = [
  /^(?:source|sources|nguồn|theo|fuente|quelle|originally published (?:at|on|by)|first published (?:at|on|by)|read (?:the )?(?:original|more) (?:at|on)|via)\s*[:\-–—]?\s*<?(https?:\/\/[^\s<>]+?)>?[.,;]?$/iu,
];

/** Lines from the page template, never body text. Only short lines are tested (see MAX_BOILERPLATE_LENGTH). */
export const BOILERPLATE_LINE: readonly RegExp[] = [
  /^(?:comments?|bình luận|reactions?|replies)\s*[(\[]\s*\d+\s*[)\]]$/iu,
  /^\d+\s+(?:comments?|shares?|likes?|views?|reactions?)$/i,
  /^(?:share|share this(?: article| story| post)?|share on \w+|tweet|print|email|e-mail|like|follow us(?: on \w+)?|save|copy link|whatsapp|facebook|twitter|linkedin|reddit|pinterest)(?:\s*[|/·•,]\s*(?:share|tweet|print|email|e-mail|like|save|copy link|whatsapp|facebook|twitter|x|linkedin|reddit|pinterest|telegram))*\s*:?$/i,
  /^(?:related(?: articles| stories| news| posts)?|read (?:more|also|next)|see also|more on this|recommended(?: for you)?|most (?:read|popular)|trending(?: now)?|you may also like|advertisement|sponsored(?: content)?|ad)\s*:?$/i,
  /^(?:subscribe|sign up|log ?in|sign in|register)\b.{0,60}$/i,
  /^(?:click here|tap here)\b.{0,60}$/i,
  /^(?:tags?|topics?|keywords?)\s*:.{0,120}$/i,
  /^(?:copyright|©|\(c\))\s.{0,120}$/i,
  /^all rights reserved\.?$/i,
  /^(?:back to top|top|home|menu|search|next|previous|prev|next article|previous article)$/i,
];
export const MAX_BOILERPLATE_LENGTH = 140;

/**
 * Photo credits at the end of a caption line: "(Photo: Reuters)", "Photo: AP", "(Image credit: Getty Images)",
 * "(Reuters photo)". Group 1 is the credit.
 */
export const CAPTION_CREDIT: readonly RegExp[] = [
  /[(\[]\s*(?:photo|photograph|photos|image|picture|pic|credit|photo credit|image credit|ảnh|foto|illustration|file photo)\s*(?:credit)?\s*[:\-–—]\s*([^()\[\]]{1,80}?)\s*[)\]]\s*\.?$/iu,
  /(?:^|[.!?]\s+|\s[|–—-]\s+)(?:photo|photograph|image|picture|credit|photo credit|image credit)\s*:\s*([^.()]{1,80}?)\s*\.?$/iu,
  /[(\[]\s*([A-Z][\w&.' -]{1,40}?)\s+(?:photo|photos|file photo|image)\s*[)\]]\s*\.?$/u,
];

/** A line that is a byline: "By Jane Doe", "By Jane Doe and John Roe, Reuters". */
export const BYLINE_LINE = /^by\s+(\p{Lu}[\p{L}.'’-]*(?:\s+(?:\p{Lu}[\p{L}.'’-]*|and|&|de|van|von|al|bin))*(?:\s*,\s*[\p{L} .'’-]{1,60})?)$/iu;

/** A line that gives the publication date: "Published: 9 December 2024", "Posted on 2024-12-09". */
export const DATE_LINE = /^(?:published|updated|posted|last updated|date)\s*(?:on|at)?\s*[:\-–—]?\s*(.{6,60})$/i;
