/**
 * Characters examined by the linear text scanners (`emails.ts`, `urls.ts`, `tex-math.ts`), summed over all calls.
 * Tests read it to show each scanner is linear (steps <= c * length) without timing anything; the pipeline
 * never reads it. A plain counter costs ~1 % of those scans, which run only on text holding `@`, `://`, `$` or `\`.
 */
export const scanCost = { steps: 0 };

/** `text.indexOf(search, from)`, counting the characters it passes. */
export function indexOfCounted(text: string, search: string, from: number): number {
  const found = text.indexOf(search, from);
  scanCost.steps += Math.max(0, (found < 0 ? text.length : found + search.length) - from);
  return found;
}
