/**
 * The work the page hands to its Parquet worker (`parquet-worker.ts`): decoding a whole table for DuckDB-WASM and the
 * range reads of `cluster_term_months`. Each job is plain data in and out, so it crosses `postMessage`; what it
 * computes is the same TS the tests run in Node.
 */
import { tableToIPC } from 'apache-arrow';
import type { ColumnSpec } from '../../schema.ts';
import type { GrowthMonths } from '../queries/growth-months.ts';
import { windowTermCounts, type WindowTermCount } from '../queries/why-rising.ts';
import { sliceTermData, type SliceClassTotal, type SliceTermCount, type WholeMonths } from '../queries/slice-terms.ts';
import { decodeParquet, toArrow } from './parquet-to-arrow.ts';
import { openParquet } from './parquet-slice.ts';
import { TermMonthGroups } from './term-month-groups.ts';

export type ParquetJob =
  | { kind: 'arrowIpc'; url: string; columns: readonly ColumnSpec[] }
  | { kind: 'windowTermCounts'; url: string; clusterIds: readonly number[]; months: GrowthMonths }
  | { kind: 'sliceTermData'; url: string; clusterId: number; months: WholeMonths };

export interface ParquetJobResult {
  arrowIpc: Uint8Array;
  windowTermCounts: WindowTermCount[];
  sliceTermData: { classes: SliceClassTotal[]; counts: SliceTermCount[] };
}

/** One reader per file, kept for the page's life: its footer is fetched once and its groups are cached. */
const termMonths = new Map<string, Promise<TermMonthGroups>>();

function termMonthGroups(url: string): Promise<TermMonthGroups> {
  let groups = termMonths.get(url);
  if (!groups) {
    groups = openParquet(url).then((source) => new TermMonthGroups(source));
    termMonths.set(url, groups);
    groups.catch(() => termMonths.delete(url));
  }
  return groups;
}

export async function runParquetJob(job: ParquetJob): Promise<ParquetJobResult[ParquetJob['kind']]> {
  switch (job.kind) {
    case 'arrowIpc':
      return tableToIPC(toArrow(await decodeParquet(job.url, job.columns), job.columns), 'stream');
    case 'windowTermCounts':
      return windowTermCounts(await termMonthGroups(job.url), job.clusterIds, job.months);
    case 'sliceTermData':
      return sliceTermData(await termMonthGroups(job.url), job.clusterId, job.months);
    default:
      return job satisfies never;
  }
}
