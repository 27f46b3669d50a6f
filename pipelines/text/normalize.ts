/**
 * Text clean-up before tokenizing: removes TeX math and markup, URLs and e-mail addresses, then applies
 * Unicode NFKC (ligatures such as "ﬁ" and full-width letters become plain letters).
 *
 * Each step runs only when a cheap `includes` says it can match: ~90 % of abstracts have no TeX, URL or
 * e-mail, and at 10^6 abstracts the skipped regex passes are a large share of the analysis time.
 *
 * Every step is linear in the length of the text (issue 10: one hostile abstract must not stall a run). Math,
 * URLs and e-mails are found by scanners (`tex-math.ts`, `urls.ts`, `emails.ts`) that give the matches the
 * regexes quoted there gave; the markup regexes below stay, as each attempt of theirs reads only up to the next
 * brace or the end of a whitespace run, never past another attempt's stopping point.
 */
import { stripEmails } from './emails.ts';
import { stripDelimited, stripParenMath } from './tex-math.ts';
import { stripUrls } from './urls.ts';

/** Markup whose argument is prose: `\emph{large language models}` keeps its words. */
const KEEP_ARGUMENT =
  /\\(?:emph|textbf|textit|textsc|textsl|textrm|textsf|texttt|textup|underline|mbox|text)\s*\{([^{}]*)\}/g;
/** TeX accents (`Bal\'azs`, `G\"{o}del`) keep their letter; NFKC cannot rebuild the accented one. */
const ACCENT = /\\['"`^~=.]\{?([A-Za-z])\}?/g;
/** Any other command is dropped with its braced arguments (`\cite{x}`, `\mathcal{O}`, `\url{...}`). */
const OTHER_COMMAND = /\\[A-Za-z]+\*?(?:\s*\{[^{}]*\})*/g;
const NON_ASCII = /[\u0080-\uffff]/;
/** U+2010 HYPHEN and U+2011 NON-BREAKING HYPHEN, which NFKC leaves alone, as ASCII hyphen-minus. */
const UNICODE_HYPHEN = /[\u2010\u2011]/g;

export function stripTex(text: string): string {
  if (!text.includes('$') && !text.includes('\\')) return text;
  return stripParenMath(stripDelimited(stripDelimited(text, '$$'), '$'))
    .replace(KEEP_ARGUMENT, '$1')
    .replace(ACCENT, '$1')
    .replace(OTHER_COMMAND, ' ');
}

/** A character at which `normalizeText` may change text; `www` rather than `www.`, as a joining "." could end it. */
const MAY_CHANGE = /[^\t-~]|[$\\@]|:\/\/|www/;

/**
 * True when `normalizeText` returns `text` as is (ASCII, no TeX, URL or e-mail address); then it also returns as
 * is any join of such texts with ". " (no URL or e-mail can span the join). Lets a caller normalize a title and
 * an abstract once for two uses.
 */
export function isPlainText(text: string): boolean {
  return !MAY_CHANGE.test(text);
}

export function normalizeText(text: string): string {
  let out = stripEmails(stripUrls(stripTex(text)));
  if (NON_ASCII.test(out)) out = out.normalize('NFKC').replace(UNICODE_HYPHEN, '-');
  return out;
}
