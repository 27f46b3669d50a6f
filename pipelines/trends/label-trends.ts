/**
 * Documents per cluster, primary label (the record's first label, e.g. its main arXiv category) and month, so a
 * topic's trend can be split by label. Built in SQL over a `documents` relation (the written Parquet file, or the
 * merged documents of an incremental `assign`), so nothing per document is held in JS. Only documents dated to
 * the day or month count, as in the monthly trends; a record without labels (or with an empty first one) is
 * counted under NO_LABEL.
 */

export const NO_LABEL = '(none)';

/** A relation with the `label_trends` columns, from a relation with documents' columns. */
export function labelTrendsRelation(documents: string): string {
  return `(SELECT cluster_id, coalesce(nullif(labels[1], ''), '${NO_LABEL}') AS label, CAST(date_trunc('month', date) AS DATE) AS period_start, count(*) AS doc_count FROM ${documents} WHERE date IS NOT NULL AND date_precision IN ('day', 'month') GROUP BY ALL)`;
}
