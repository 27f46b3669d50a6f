/**
 * Removes TeX math, each kind replaced by a space, with the same matches as the regexes named below but in linear
 * time. The lazy `\\\([\s\S]*?\\\)` rescans to the end of the text from every `\(` that has no `\)` after it
 * (`"\\(" x 20,000` took 0.2 s, x 100,000 seconds; issue 10). Here each opener looks for its closer with one
 * `indexOf` from where the previous match ended; once a closer is missing, no later opener of that kind can match
 * either, so no character is searched twice for the same closer: O(n).
 */
import { indexOfCounted } from './scan-cost.ts';

/** `/\$\$[\s\S]*?\$\$/g` (display math) when `delimiter` is `$$`; `/\$[^$]*\$/g` (inline math) when it is `$`. */
export function stripDelimited(text: string, delimiter: string): string {
  let out = '';
  let copied = 0;
  for (;;) {
    const open = indexOfCounted(text, delimiter, copied);
    if (open < 0) break;
    const close = indexOfCounted(text, delimiter, open + delimiter.length);
    if (close < 0) break;
    out += `${text.slice(copied, open)} `;
    copied = close + delimiter.length;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

const CLOSER: Readonly<Record<string, string>> = { '(': '\\)', '[': '\\]' };

/** `/\\\([\s\S]*?\\\)|\\\[[\s\S]*?\\\]/g`: `\( ... \)` and `\[ ... \]`, the leftmost opener with a closer first. */
export function stripParenMath(text: string): string {
  let out = '';
  let copied = 0;
  let from = 0;
  const closerMissing = { '(': false, '[': false };
  for (;;) {
    const open = indexOfCounted(text, '\\', from);
    if (open < 0 || open + 1 >= text.length) break;
    from = open + 1;
    const kind = text[open + 1];
    if (kind !== '(' && kind !== '[') continue;
    if (closerMissing[kind]) {
      if (closerMissing['('] && closerMissing['[']) break;
      continue;
    }
    const close = indexOfCounted(text, CLOSER[kind]!, open + 2);
    if (close < 0) {
      closerMissing[kind] = true;
      continue;
    }
    out += `${text.slice(copied, open)} `;
    copied = from = close + 2;
  }
  return copied === 0 ? text : out + text.slice(copied);
}
