/**
 * Text clean-up before tokenizing: removes TeX math and markup, URLs and e-mail addresses, then applies
 * Unicode NFKC (ligatures such as "ﬁ" and full-width letters become plain letters).
 *
 * Each step runs only when a cheap `includes` says it can match: ~90 % of abstracts have no TeX, URL or
 * e-mail, and at 10^6 abstracts the skipped regex passes are a large share of the analysis time.
 */

const DISPLAY_MATH = /\$\$[\s\S]*?\$\$/g;
const INLINE_MATH = /\$[^$]*\$/g;
const PAREN_MATH = /\\\([\s\S]*?\\\)|\\\[[\s\S]*?\\\]/g;
/** Markup whose argument is prose: `\emph{large language models}` keeps its words. */
const KEEP_ARGUMENT =
  /\\(?:emph|textbf|textit|textsc|textsl|textrm|textsf|texttt|textup|underline|mbox|text)\s*\{([^{}]*)\}/g;
/** TeX accents (`Bal\'azs`, `G\"{o}del`) keep their letter; NFKC cannot rebuild the accented one. */
const ACCENT = /\\['"`^~=.]\{?([A-Za-z])\}?/g;
/** Any other command is dropped with its braced arguments (`\cite{x}`, `\mathcal{O}`, `\url{...}`). */
const OTHER_COMMAND = /\\[A-Za-z]+\*?(?:\s*\{[^{}]*\})*/g;
const URL = /\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+/gi;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const NON_ASCII = /[\u0080-\uffff]/;
/** U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN, which NFKC leaves alone, as ASCII hyphen-minus. */
const UNICODE_HYPHEN = /[\u2010\u2011]/g;

export function stripTex(text: string): string {
  if (!text.includes('$') && !text.includes('\\')) return text;
  return text
    .replace(DISPLAY_MATH, ' ')
    .replace(INLINE_MATH, ' ')
    .replace(PAREN_MATH, ' ')
    .replace(KEEP_ARGUMENT, '$1')
    .replace(ACCENT, '$1')
    .replace(OTHER_COMMAND, ' ');
}

export function stripUrls(text: string): string {
  if (!text.includes('://') && !text.includes('www.')) return text;
  return text.replace(URL, ' ');
}

export function stripEmails(text: string): string {
  if (!text.includes('@')) return text;
  return text.replace(EMAIL, ' ');
}

export function normalizeText(text: string): string {
  let out = stripEmails(stripUrls(stripTex(text)));
  if (NON_ASCII.test(out)) out = out.normalize('NFKC').replace(UNICODE_HYPHEN, '-');
  return out;
}
