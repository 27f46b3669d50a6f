/** One ranked term of a topic. */
export interface TopTerm {
  /** Column index into the vocabulary. */
  term: number;
  /** The term's score in the topic (`term-scores.ts`); the list is sorted by it, best first. */
  weight: number;
  /** Members of the cluster whose row contains the term. */
  docFreq: number;
}
