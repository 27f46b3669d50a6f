/**
 * User text made safe to quote in a message printed to a terminal: control characters (NUL, escape sequences,
 * DEL, C1), format characters (zero-width, bidi overrides that reorder the rest of the line) and line or
 * paragraph separators become `\uXXXX`, and long text is cut. A UTF-16 file read as UTF-8 is mostly NUL bytes,
 * which reached the terminal raw in "malformed JSON (...)" messages (issue 10).
 */

/** C0, DEL and C1 controls, format characters (Cf), U+2028/U+2029 and lone surrogates. */
const UNPRINTABLE = /[\p{Cc}\p{Cf}\u2028\u2029]|\p{Surrogate}/gu;

/** Longest excerpt of user text quoted in a message, in UTF-16 code units. */
export const MAX_EXCERPT_CHARS = 80;

/** `text` with every unprintable character written as `\uXXXX`; printable text is returned unchanged. */
export function escapeUnprintable(text: string): string {
  return text.replace(UNPRINTABLE, (char) => {
    const code = char.codePointAt(0)!;
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * `text` as a double-quoted, escaped excerpt of at most `maxChars` characters (plus `...` when cut): what
 * `JSON.stringify` gives for short printable text, so `date "not a date" ...` reads as before.
 */
export function quoteExcerpt(text: string, maxChars = MAX_EXCERPT_CHARS): string {
  return escapeUnprintable(JSON.stringify(cut(text, maxChars)));
}

/** The first `maxChars` code units of `text`, not splitting a surrogate pair, then `...` if anything was left. */
export function cut(text: string, maxChars = MAX_EXCERPT_CHARS): string {
  if (text.length <= maxChars) return text;
  const end = isHighSurrogate(text.charCodeAt(maxChars - 1)) ? maxChars - 1 : maxChars;
  return `${text.slice(0, end)}...`;
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
