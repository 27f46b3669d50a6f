/**
 * The regex versions of the text steps as they were before issue 10 made them linear: the reference the linear
 * scanners are compared with (normalize-differential.test.ts). Quadratic on hostile input; use on short strings.
 */
const DISPLAY_MATH = /\$\$[\s\S]*?\$\$/g;
const INLINE_MATH = /\$[^$]*\$/g;
const PAREN_MATH = /\\\([\s\S]*?\\\)|\\\[[\s\S]*?\\\]/g;
const URL = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+/gi;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const EDGE_HYPHENS = /^-+|-+$/g;

export const legacyStripDisplayMath = (text: string): string => text.replace(DISPLAY_MATH, ' ');
export const legacyStripInlineMath = (text: string): string => text.replace(INLINE_MATH, ' ');
export const legacyStripParenMath = (text: string): string => text.replace(PAREN_MATH, ' ');
export const legacyTrimHyphens = (token: string): string => token.replace(EDGE_HYPHENS, '');

export function legacyStripUrls(text: string): string {
  if (!text.includes('://') && !text.includes('www.')) return text;
  return text.replace(URL, ' ');
}

export function legacyStripEmails(text: string): string {
  if (!text.includes('@')) return text;
  return text.replace(EMAIL, ' ');
}
