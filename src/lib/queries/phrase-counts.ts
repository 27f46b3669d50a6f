/**
 * Papers per month containing a word or phrase, from `word_postings` rows: a phrase of n words occurs where slot 0's
 * word sits at position p and slot i's at p + i in the same paper; a paper counts once in its month however often it
 * holds the phrase. A slot lists the postings of every word allowed there (one word, or a word's family).
 *
 * Cost: O(postings of all slots) with hash sets keyed by `doc * POSITION_STRIDE + position`; the rarest slot is
 * never more than the candidates kept, so a phrase with a stop word ("state of the art") costs the stop word's
 * postings once.
 */
import type { MonthCount } from '../charts/term-series.ts';

export interface Posting {
  period_start: string;
  doc: number;
  position: number;
}

/**
 * Keys `doc * stride + position` are exact doubles (< 2^53) for doc < 2^29, and positions stay below 2^24: a paper
 * has fewer words than characters, and the default `--max-chars` is 200,000.
 */
const POSITION_STRIDE = 2 ** 24;

/** Papers containing the phrase, per month with any, months ascending. */
export function phraseMonthCounts(slots: readonly (readonly Posting[])[]): MonthCount[] {
  const first = slots[0];
  if (first === undefined || slots.some((slot) => slot.length === 0)) return [];
  let candidates = new Set<number>();
  for (const p of first) candidates.add(p.doc * POSITION_STRIDE + p.position);
  for (let i = 1; i < slots.length && candidates.size > 0; i++) {
    const next = new Set<number>();
    for (const p of slots[i]!) {
      const start = p.doc * POSITION_STRIDE + p.position - i;
      if (candidates.has(start)) next.add(start);
    }
    candidates = next;
  }
  const docs = new Set<number>();
  for (const key of candidates) docs.add(Math.floor(key / POSITION_STRIDE));
  const byMonth = new Map<string, number>();
  const seen = new Set<number>();
  for (const p of first) {
    if (!docs.has(p.doc) || seen.has(p.doc)) continue;
    seen.add(p.doc);
    byMonth.set(p.period_start, (byMonth.get(p.period_start) ?? 0) + 1);
  }
  return [...byMonth]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([period_start, doc_count]) => ({ period_start, doc_count }));
}
