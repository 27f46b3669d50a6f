/**
 * The papers views (`src/lib/queries/papers.ts`) as DuckDB SQL. Production never runs it (the dashboard filters the
 * row groups of documents it reads); the tests keep it as the oracle the in-memory results must equal.
 */
import {
  columnsOf,
  dateBounds,
  placeholders,
  tableName,
  type DateRange,
  type SqlParam,
  type SqlQuery,
} from '../../src/lib/queries/sql.ts';
import type { PaperFilter } from '../../src/lib/queries/papers.ts';
import { searchWords } from '../../src/shared/title-words.ts';
import { WORD_SEPARATOR } from '../../src/shared/words.ts';

const D = columnsOf('documents');
const PAPER_COLUMNS = `${D.doc_id}, ${D.title}, strftime(${D.date}, '%Y-%m-%d') AS ${D.date}, ${D.labels}, ${D.cluster_id}, ${D.representative_rank}`;

function where(filter: PaperFilter): { text: string; params: SqlParam[] } {
  const bounds = dateBounds(D.date, filter.range);
  // No selected cluster means every cluster.
  const clusters =
    filter.clusterIds.length === 0 ? 'TRUE' : `${D.cluster_id} IN (${placeholders(filter.clusterIds.length)})`;
  let text = `${clusters}${bounds.text}`;
  const params: SqlParam[] = [...filter.clusterIds, ...bounds.params];
  // A title word begins with each typed word (src/shared/title-words.ts); typed words are letters and digits only.
  for (const word of searchWords(filter.titleSearch)) {
    text += ` AND regexp_matches(lower(${D.title}), ?)`;
    params.push(`(^|${WORD_SEPARATOR})${word}`);
  }
  return { text, params };
}

/**
 * The `limit` papers of a cluster closest to its centroid among those dated inside `range` (undated papers only
 * when the range is open at both ends), best first: the stored representatives when the range is open.
 */
export function representativePapersQuery(clusterId: number, range: DateRange, limit: number): SqlQuery {
  const bounds = dateBounds(D.date, range);
  // An open range lists the stored representatives only, as many as the run chose (--representatives).
  const stored = range.from === null && range.to === null ? ` AND ${D.representative_rank} IS NOT NULL` : '';
  return {
    text: `SELECT ${PAPER_COLUMNS} FROM ${tableName('documents')}
WHERE ${D.cluster_id} = ?${bounds.text}${stored}
ORDER BY ${D.similarity} DESC, ${D.representative_rank} NULLS LAST, ${D.doc_id} LIMIT ?`,
    params: [clusterId, ...bounds.params, limit],
    tables: ['documents'],
  };
}

/** Newest first; undated papers last. `limit` null returns every match (for the CSV download). */
export function papersQuery(filter: PaperFilter, limit: number | null, offset: number): SqlQuery {
  const w = where(filter);
  return {
    text: `SELECT ${PAPER_COLUMNS} FROM ${tableName('documents')}
WHERE ${w.text}
ORDER BY ${D.date} DESC NULLS LAST, ${D.doc_id}${limit === null ? '' : ' LIMIT ? OFFSET ?'}`,
    params: limit === null ? w.params : [...w.params, limit, offset],
    tables: ['documents'],
  };
}

export function papersCountQuery(filter: PaperFilter): SqlQuery {
  const w = where(filter);
  return {
    text: `SELECT count(*)::INTEGER AS n FROM ${tableName('documents')} WHERE ${w.text}`,
    params: w.params,
    tables: ['documents'],
  };
}
