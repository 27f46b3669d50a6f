/**
 * Removes e-mail addresses: the same matches as `/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g` replaced by a space, found in
 * linear time. That regex restarts at every character of a long `[\w.+-]` run before an `@` whose domain fails,
 * rescanning the run each time: one abstract of 199,990 letters and " x@y" took 35 s (issue 10).
 *
 * Every match holds exactly one `@`, so each `@` is an anchor: the local part is the `[\w.+-]` run ending just
 * before it (cut at the end of the previous match, where the regex resumes), the domain is `[\w-]+` then one or
 * more greedy `.[\w-]+` labels. Left scans stop at the previous `@` and right scans at the next one, so every
 * character is read at most twice: O(n).
 */
import { indexOfCounted, scanCost } from './scan-cost.ts';

/** `[\w.+-]`: ASCII letters, digits, `_`, `.`, `+`, `-` (no `u` flag, so `\w` is ASCII). */
const LOCAL = new Uint8Array(128);
/** `[\w-]`. */
const LABEL = new Uint8Array(128);
for (let c = 0; c < 128; c++) {
  const word =
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x2d;
  LABEL[c] = word ? 1 : 0;
  LOCAL[c] = word || c === 0x2e || c === 0x2b ? 1 : 0;
}
const DOT = 0x2e;

export function stripEmails(text: string): string {
  let at = text.indexOf('@');
  if (at < 0) return text;
  let out = '';
  let copied = 0;
  while (at >= 0) {
    let start = at;
    while (start > copied && LOCAL[text.charCodeAt(start - 1)] === 1) start--;
    scanCost.steps += at - start + 1;
    const end = start < at ? domainEnd(text, at + 1) : -1;
    if (end < 0) {
      at = indexOfCounted(text, '@', at + 1);
    } else {
      out += `${text.slice(copied, start)} `;
      copied = end;
      at = indexOfCounted(text, '@', end);
    }
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** End of `[\w-]+(?:\.[\w-]+)+` starting at `from` (greedy, as the regex takes it), or -1 when it does not match. */
function domainEnd(text: string, from: number): number {
  const n = text.length;
  let i = labelEnd(text, from);
  if (i === from) return -1;
  let end = -1;
  while (i < n && text.charCodeAt(i) === DOT) {
    const next = labelEnd(text, i + 1);
    if (next === i + 1) break;
    end = i = next;
  }
  return end;
}

function labelEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length && LABEL[text.charCodeAt(i)] === 1) i++;
  scanCost.steps += i - from + 1;
  return i;
}
