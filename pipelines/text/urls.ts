/**
 * Removes URLs: the same matches as `/\b(?:[a-z][a-z0-9+.-]*:\/\/|www\.)\S+/gi` replaced by a space, found in
 * linear time. That regex rescans the whole `[a-z0-9+.-]` run from every word boundary looking for `://`
 * (`"a." x 100,000` then ` ://` took seconds, issue 10).
 *
 * A match runs from its start to the end of the whitespace-free run ("word") holding it, so each word has at most
 * one match: its leftmost position p where `\b` holds and either p is a letter whose following `[a-z0-9+.-]` run
 * ends in `://` with a character after it, or `www.` starts at p with a character after it. One right-to-left
 * pass over the word carries "the scheme run from here ends in `://`", so each character is read twice: O(n).
 */
import { isJsSpace } from './js-space.ts';
import { scanCost } from './scan-cost.ts';

/** `[a-z0-9+.-]` under the `i` flag (without `u`, case folding never maps non-ASCII onto ASCII). */
const SCHEME = new Uint8Array(128);
/** `\w`: `[A-Za-z0-9_]`. */
const WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const alnum = (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  SCHEME[c] = alnum || c === 0x2b || c === 0x2e || c === 0x2d ? 1 : 0;
  WORD[c] = alnum || c === 0x5f ? 1 : 0;
}
const COLON = 0x3a;
const SLASH = 0x2f;
const DOT = 0x2e;

export function stripUrls(text: string): string {
  // The same cheap gate as before (case-sensitive `www.`), so output stays byte-identical.
  if (!text.includes('://') && !text.includes('www.')) return text;
  const n = text.length;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < n) {
    const segmentStart = i;
    while (i < n && isJsSpace(text.charCodeAt(i))) i++;
    const wordStart = i;
    while (i < n && !isJsSpace(text.charCodeAt(i))) i++;
    scanCost.steps += i - segmentStart + 1;
    const start = urlStart(text, wordStart, i);
    if (start >= 0) {
      out += `${text.slice(copied, start)} `;
      copied = i;
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** Where the URL in the whitespace-free run text[from, to) starts, or -1 when it holds none. */
function urlStart(text: string, from: number, to: number): number {
  let start = -1;
  // Whether the `[a-z0-9+.-]*` run starting at p + 1 is followed by `://` and one more character of this word.
  let schemeAhead = false;
  for (let p = to - 1; p >= from; p--) {
    const c = text.charCodeAt(p);
    if (isBoundary(text, p) && ((isLetter(c) && schemeAhead) || isWww(text, p, to))) start = p;
    schemeAhead =
      SCHEME[c] === 1
        ? schemeAhead
        : c === COLON && p + 3 < to && text.charCodeAt(p + 1) === SLASH && text.charCodeAt(p + 2) === SLASH;
  }
  scanCost.steps += to - from;
  return start;
}

function isWord(c: number): boolean {
  return WORD[c] === 1;
}

/** `\b` before position p. */
function isBoundary(text: string, p: number): boolean {
  return isWord(text.charCodeAt(p)) !== (p > 0 && isWord(text.charCodeAt(p - 1)));
}

function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** `www.` (any case) at p with at least one character of the word after it. */
function isWww(text: string, p: number, to: number): boolean {
  return (
    p + 4 < to &&
    (text.charCodeAt(p) | 0x20) === 0x77 &&
    (text.charCodeAt(p + 1) | 0x20) === 0x77 &&
    (text.charCodeAt(p + 2) | 0x20) === 0x77 &&
    text.charCodeAt(p + 3) === DOT
  );
}
