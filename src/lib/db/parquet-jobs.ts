/**
 * The work the page hands to its Parquet worker (`parquet-worker.ts`): decoding a whole table for DuckDB-WASM and the
 * range reads of `cluster_term_months`, the title index and documents. Each job is plain data in and out, so it crosses `postMessage`; what it
 * computes is the same TS the tests run in Node.
 */
import { tableToIPC } from 'apache-arrow';
import { TABLES, type ColumnSpec, type RowOf } from '../../schema.ts';
import type { GrowthMonths } from '../queries/growth-months.ts';
import { termChanges, windowTermCounts, type TopicTermChanges } from '../queries/why-rising.ts';
import { windowPapers, type WindowPaper } from '../queries/window-papers.ts';
import { DocumentGroups } from './document-groups.ts';
import { cachedPromise } from './promise-cache.ts';
import {
  sliceTermData,
  type ClassMonthTotal,
  type SliceClassTotal,
  type SliceTermCount,
  type WholeMonths,
} from '../queries/slice-terms.ts';
import { countStems, type StemIndex, type StemRow, type TermCount } from '../queries/term-counts.ts';
import { decodeParquet, decodedRows, toArrow } from './parquet-to-arrow.ts';
import { openParquet, readParquetRows } from './parquet-slice.ts';
import { TermMonthGroups } from './term-month-groups.ts';
import { TitleIndex } from './title-index.ts';
import { papersAtRows, type Paper } from '../queries/papers.ts';
import type { DateRange } from '../queries/sql.ts';

export type ParquetJob =
  | { kind: 'arrowIpc'; url: string; columns: readonly ColumnSpec[] }
  | {
      kind: 'termChanges';
      url: string;
      clusterIds: readonly number[];
      months: GrowthMonths;
      limit: number;
      minZ: number;
    }
  | { kind: 'windowPapers'; url: string; clusterIds: readonly number[]; months: GrowthMonths; limit: number }
  | { kind: 'sliceTermData'; url: string; totalsUrl: string; clusterId: number; months: WholeMonths }
  | { kind: 'stemCounts'; termsUrl: string; termTrendsUrl: string; terms: readonly string[] }
  | { kind: 'titleSearch'; wordsUrl: string; postingsUrl: string; words: readonly string[]; range: DateRange }
  | { kind: 'papersAtRows'; url: string; rows: readonly number[] };

export interface ParquetJobResult {
  arrowIpc: Uint8Array;
  termChanges: Map<number, TopicTermChanges>;
  windowPapers: WindowPaper[];
  sliceTermData: { classes: SliceClassTotal[]; counts: SliceTermCount[] };
  stemCounts: TermCount[];
  titleSearch: Int32Array;
  papersAtRows: Paper[];
}

/** One reader per file, kept for the page's life: its footer is fetched once and its groups are cached. */
const termMonths = new Map<string, Promise<TermMonthGroups>>();

/** The page's thread keeps its own reader of documents (a topic's papers); this one serves why a topic rises. */
const documents = new Map<string, Promise<DocumentGroups>>();

/** The reader of `url` in `cache`, opened on first use; a failed open is forgotten so a later call retries. */
function cachedReader<Reader>(
  cache: Map<string, Promise<Reader>>,
  url: string,
  open: (source: Awaited<ReturnType<typeof openParquet>>) => Reader,
): Promise<Reader> {
  return cachedPromise(cache, url, () => openParquet(url).then(open));
}

const documentGroups = (url: string): Promise<DocumentGroups> =>
  cachedReader(documents, url, (source) => new DocumentGroups(source));

const termMonthGroups = (url: string): Promise<TermMonthGroups> =>
  cachedReader(termMonths, url, (source) => new TermMonthGroups(source));

/** Every row of `cluster_month_totals` (k × months), decoded once per file. */
const monthTotals = new Map<string, Promise<ClassMonthTotal[]>>();

function classMonthTotals(url: string): Promise<ClassMonthTotal[]> {
  return cachedPromise(monthTotals, url, () =>
    decodeParquet(url, TABLES.clusterMonthTotals.columns).then((d) => decodedRows(d) as ClassMonthTotal[]),
  );
}

/** The title index of a pair of files, its footers read once and its groups cached, as the readers above. */
const titleIndexes = new Map<string, Promise<TitleIndex>>();

function titleIndex(wordsUrl: string, postingsUrl: string): Promise<TitleIndex> {
  return cachedPromise(titleIndexes, `${wordsUrl}|${postingsUrl}`, () =>
    Promise.all([openParquet(wordsUrl), openParquet(postingsUrl)]).then(([w, p]) => new TitleIndex(w, p)),
  );
}

/**
 * The stem index (`terms`, ~10^5-10^6 rows at 1M documents) decoded once per file, here rather than on the page's
 * thread, and `term_trends` read by row range.
 */
const stemIndexes = new Map<string, StemIndex>();

function stemIndex(termsUrl: string, termTrendsUrl: string): StemIndex {
  const key = `${termsUrl}|${termTrendsUrl}`;
  let index = stemIndexes.get(key);
  if (!index) {
    let terms: Promise<RowOf<'terms'>[]> | undefined;
    const trends = openParquet(termTrendsUrl);
    const columns = TABLES.termTrends.columns.map((c) => c.name);
    index = {
      terms: () => {
        terms ??= decodeParquet(termsUrl, TABLES.terms.columns).then((d) => decodedRows(d) as RowOf<'terms'>[]);
        terms.catch(() => (terms = undefined));
        return terms;
      },
      termTrends: async (rowStart, rowEnd) =>
        (await readParquetRows(await trends, columns, rowStart, rowEnd)) as unknown as StemRow[],
    };
    stemIndexes.set(key, index);
  }
  return index;
}

export async function runParquetJob(job: ParquetJob): Promise<ParquetJobResult[ParquetJob['kind']]> {
  switch (job.kind) {
    case 'arrowIpc':
      return tableToIPC(toArrow(await decodeParquet(job.url, job.columns), job.columns), 'stream');
    case 'termChanges':
      return termChanges(
        await windowTermCounts(await termMonthGroups(job.url), job.clusterIds, job.months),
        job.limit,
        job.minZ,
      );
    case 'windowPapers':
      return windowPapers(await documentGroups(job.url), job.clusterIds, job.months, job.limit);
    case 'sliceTermData':
      return sliceTermData(
        await termMonthGroups(job.url),
        await classMonthTotals(job.totalsUrl),
        job.clusterId,
        job.months,
      );
    case 'stemCounts':
      return countStems(stemIndex(job.termsUrl, job.termTrendsUrl), job.terms);
    case 'titleSearch':
      return (await (await titleIndex(job.wordsUrl, job.postingsUrl)).match(job.words, job.range)).rows;
    case 'papersAtRows':
      return papersAtRows(await documentGroups(job.url), job.rows);
    default:
      return job satisfies never;
  }
}
