// Named tables of the class/id/tag patterns used to tell article content from page furniture.
// Class and id values are matched as a lower-cased "class id" string; word edges are
// start/end, whitespace, "-" and "_" (so "related-links" and "post_related" match "related").

import type { Elem } from './dom.js';

const EDGE_L = '(?:^|[\\s_-])';
const EDGE_R = '(?:$|[\\s_-])';
function words(list: readonly string[]): RegExp {
  return new RegExp(EDGE_L + '(?:' + list.join('|') + ')' + EDGE_R, 'i');
}

/** Page furniture, by what a class/id says the element is. */
export const BOILERPLATE_CLASS_PATTERNS: Readonly<Record<string, RegExp>> = {
  comments: words(['comments?', 'commentary-?list', 'disqus', 'replies', 'respond', 'discussion']),
  sharing: words(['share', 'shares', 'sharing', 'sharebar', 'share-?tools', 'social', 'socials', 'social-?media', 'addthis', 'sharethis']),
  related: words(['related', 'relacionad[ao]s?', 'recommended', 'recommendations?', 'more-?stories', 'more-?from', 'read-?more', 'readmore', 'also-?read', 'read-?also', 'see-?also', 'trending', 'most-?(?:popular|read|viewed)', 'popular', 'outbrain', 'taboola', 'zergnet', 'next-?article', 'up-?next']),
  promo: words(['newsletter', 'subscribe', 'subscription', 'signup', 'sign-?up', 'promo', 'promos', 'promoted', 'sponsor', 'sponsored', 'donate', 'membership', 'cta']),
  ads: words(['ad', 'ads', 'adv', 'advert', 'adverts', 'advertisement', 'advertising', 'ad-?slot', 'adunit', 'ad-?container', 'ad-?wrapper', 'dfp', 'gpt', 'banner', 'skyscraper', 'leaderboard', 'dfp-ad', 'google-?ads?']),
  navigation: words(['nav', 'navbar', 'navigation', 'menu', 'breadcrumbs?', 'pagination', 'pager', 'skip-?link', 'jump-?link', 'toolbar', 'masthead', 'site-?header', 'site-?footer', 'footer', 'header', 'topbar']),
  sidebar: words(['sidebar', 'side-?bar', 'widget', 'widgets', 'rail', 'right-?rail', 'aside']),
  meta: words(['byline', 'bylines', 'author-?(?:bio|info|box|card|details)', 'about-?author', 'dateline', 'timestamp', 'post-?meta', 'entry-?meta', 'article-?meta', 'meta', 'tags', 'tag-?list', 'tag-?cloud', 'categories', 'keywords', 'topics', 'print', 'rss', 'utility', 'tools']),
  overlay: words(['popup', 'modal', 'overlay', 'cookies?', 'cookie-?banner', 'gdpr', 'consent', 'lightbox']),
  hidden: words(['sr-only', 'visually-?hidden', 'screen-?reader-?text', 'screenreader', 'offscreen', 'hide', 'is-hidden', 'u-hidden']),
};
const BOILERPLATE_ANY = new RegExp(Object.values(BOILERPLATE_CLASS_PATTERNS).map((r) => r.source).join('|'), 'i');

/** Class/id words that say "this is the article": they protect an element from the table above. */
export const CONTENT_CLASS_PATTERN =
  /article|body|content|entry|main|post|text|story|blog|storytelling|prose/i;

/** Strong, specific markers of the article body container. */
export const ARTICLE_BODY_PATTERN =
  /(?:^|[\s_-])(?:article-?body|articlebody|article-?content|article-?text|story-?body|story-?content|story-?text|entry-?content|post-?content|post-?body|post-?entry|body-?text|article__body|articlebody|td-post-content|field-?body|content-?body|rich-?text|news-?body|news-?content|news-?text|main-?text)(?:$|[\s_-])/i;

/** Elements dropped with everything inside (never text). */
export const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas', 'video',
  'audio', 'select', 'option', 'button', 'input', 'textarea', 'title', 'meta', 'link', 'base', 'head', 'map',
  'noembed', 'noframes', 'xmp', 'plaintext', 'dialog', 'label', 'datalist', 'picture', 'source', 'img', 'frame',
  'frameset', 'applet', 'param',
]);

/** Elements that are page furniture by their tag. */
export const BOILERPLATE_TAGS = new Set(['nav', 'aside', 'footer', 'header', 'menu', 'form']);

export function classIdOf(e: Elem): string {
  const c = e.attrs['class'];
  const id = e.attrs['id'];
  if (c === undefined) return id ?? '';
  return id === undefined ? c : c + ' ' + id;
}

/** Is the element page furniture by its class/id (and not also marked as content)? */
export function isBoilerplateByClass(e: Elem): boolean {
  const s = classIdOf(e);
  if (s.length === 0) return false;
  if (!BOILERPLATE_ANY.test(s)) return false;
  if (ARTICLE_BODY_PATTERN.test(s)) return false;
  // embedded posts (tweets, Instagram) quoted by the article are content
  if (/embed|tweet|instagram-media/i.test(s)) return false;
  if (CONTENT_CLASS_PATTERN.test(s) && !/(?:^|[\s_-])(?:comments?|related|share|sharing|social|sidebar|newsletter|promo|ad|ads)(?:$|[\s_-])/i.test(s)) return false;
  return true;
}

/** Hidden by attribute or inline style. */
export function isHidden(e: Elem): boolean {
  const a = e.attrs;
  if ('hidden' in a) return true;
  if (a['aria-hidden'] === 'true' && e.tag !== 'span' && e.tag !== 'i') return true;
  const st = a['style'];
  if (st !== undefined && /display\s*:\s*none|visibility\s*:\s*hidden/i.test(st)) return true;
  return false;
}
