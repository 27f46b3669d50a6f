/**
 * Readable spellings for vocabulary terms: per stem, its most frequent lower-case surface form overall and as the
 * first and as the second word of a bigram (ties: alphabetical, so the choice is deterministic). A bigram reads as
 * the first word's usual spelling in first position plus the second's in second position, an approximation that
 * avoids counting every surface bigram. Shared by `TextAnalyzer` and the id-based `TermBuilder`.
 */

export type SpellingPosition = 'unigram' | 'first' | 'second';

type Best = Map<string, { surface: string; count: number }>;

export class SpellingTables {
  readonly #best: Record<SpellingPosition, Best> = { unigram: new Map(), first: new Map(), second: new Map() };

  /** Counts `count` uses of `surface` for `stem` in `position`; keeps it if it is the most frequent so far. */
  offer(position: SpellingPosition, stem: string, surface: string, count: number): void {
    if (count === 0) return;
    const best = this.#best[position];
    const current = best.get(stem);
    if (current === undefined || count > current.count || (count === current.count && surface < current.surface)) {
      best.set(stem, { surface, count });
    }
  }

  /** The readable form of a term (a stem, or two stems joined by a space); the term itself when unseen. */
  surfaceForm(term: string): string {
    const space = term.indexOf(' ');
    if (space < 0) return this.#best.unigram.get(term)?.surface ?? term;
    const first = this.#best.first.get(term.slice(0, space))?.surface;
    const second = this.#best.second.get(term.slice(space + 1))?.surface;
    return first === undefined || second === undefined ? term : `${first} ${second}`;
  }
}
