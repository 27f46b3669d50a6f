/**
 * Class-based TF-IDF, the one definition (Grootendorst 2022, BERTopic `ClassTfidfTransformer` defaults) over raw
 * term counts:
 *
 *   W(t, c) = tf(t, c) / Σ_t' tf(t', c) · ln(1 + A / f(t))
 *
 * tf(t, c) = count of term t in the docs of class c (L1-normalised per class, as BERTopic), f(t) = count of t over
 * all classes, A = mean total count per nonempty class. BERTopic truncates A to an integer; we keep the exact mean.
 * The pipeline applies it to every topic over the whole corpus (`pipelines/label/ctfidf.ts`); the dashboard to the
 * papers of a selected date range (`src/lib/queries/slice-terms.ts`). Pure (no Node, no DuckDB), so both import it.
 */

/** A: the mean of the nonzero class totals; 0 when every class is empty. */
export function averageClassTotal(classTotals: Iterable<number>): number {
  let sum = 0;
  let nonempty = 0;
  for (const total of classTotals) {
    if (!(total > 0)) continue;
    sum += total;
    nonempty++;
  }
  return sum / Math.max(1, nonempty);
}

/** ln(1 + A / f(t)); 0 for a term that never occurs (f = 0). */
export function ctfidfIdf(averageTotal: number, termTotal: number): number {
  return termTotal > 0 ? Math.log(1 + averageTotal / termTotal) : 0;
}

/** W(t, c) from tf(t, c), the class total Σ_t' tf(t', c) and the term's idf; 0 for an empty class. */
export function ctfidfWeight(termCount: number, classTotal: number, idf: number): number {
  return classTotal > 0 ? (termCount / classTotal) * idf : 0;
}
