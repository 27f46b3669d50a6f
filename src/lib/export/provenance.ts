/**
 * What every download says about itself, so a file read weeks later still tells which view, range and run it came
 * from: a file name naming the view, a `run_id` column in CSV (a commented header line would break the default CSV
 * readers of pandas and DuckDB), a `meta` block in JSON, and a source line under exported pictures. No clock is
 * read: the same view of the same run gives byte-identical files; the run's own date is the data's last date.
 */
import type { Granularity, Manifest } from '../../schema.ts';
import type { CsvValue } from './csv.ts';
import type { ExportFrame } from './frame.ts';
import type { PaperFilter } from '../queries/papers.ts';
import { plural } from '../format/plural.ts';

/** The view a download shows, as the dashboard holds it. */
export interface ExportView {
  /** e.g. "topics over time", "term trends". */
  view: string;
  /** Null for a list that is no time series, e.g. a topic's top terms. */
  granularity: Granularity | null;
  measure: string;
  /** Moving-average width in periods; 1 means none. */
  smoothing: number;
  /** The date range shown (first and last day, inclusive). */
  from: string | null;
  to: string | null;
  /** The series drawn: topics or terms, in drawing order. */
  series: readonly { id: number | string; label: string }[];
  /** Topics the user selected (drilled into), if any. */
  selected?: readonly number[];
  /** Whether the series are topics or themes (sums of their topics, `topic_tree`); unset for views of neither. */
  level?: 'topic' | 'theme';
}

export interface ExportMeta {
  view: string;
  granularity: Granularity | null;
  measure: string;
  smoothing: number;
  dateRange: { from: string | null; to: string | null };
  series: { id: number | string; label: string }[];
  selected: number[];
  level?: 'topic' | 'theme';
  corpus: string[];
  corpusDateRange: { first: string; last: string } | null;
  runId: string;
  tool: string;
}

/** Input file names without folders: a path on the machine that ran the pipeline means nothing elsewhere. */
function corpusFiles(manifest: Manifest): string[] {
  return manifest.inputs.map((i) => i.file.split(/[\\/]/).pop() ?? i.file);
}

export function exportMeta(view: ExportView, manifest: Manifest): ExportMeta {
  return {
    view: view.view,
    granularity: view.granularity,
    measure: view.measure,
    smoothing: view.smoothing,
    dateRange: { from: view.from, to: view.to },
    series: view.series.map((s) => ({ id: s.id, label: s.label })),
    selected: [...(view.selected ?? [])],
    ...(view.level !== undefined && { level: view.level }),
    corpus: corpusFiles(manifest),
    corpusDateRange: manifest.dateRange,
    runId: manifest.runId,
    tool: `${manifest.tool.name} ${manifest.tool.version}`,
  };
}

/** The JSON download: `{ meta, rows }`. */
export function jsonWithMeta(meta: ExportMeta, rows: readonly Record<string, unknown>[]): string {
  return JSON.stringify({ meta, rows }, null, 1);
}

/** The rows with a `run_id` column last. */
export function withRunId<T extends Record<string, CsvValue>>(
  rows: readonly T[],
  runId: string,
): (T & { run_id: string })[] {
  return rows.map((r) => ({ ...r, run_id: runId }));
}

/** A date at the view's precision: 2024 for years, 2024-01 for months, quarters and lists, 2024-01-08 for weeks. */
function periodText(day: string, granularity: Granularity | null): string {
  return granularity === 'year' ? day.slice(0, 4) : granularity === 'week' ? day : day.slice(0, 7);
}

/**
 * `topic-trends_month_share_2024-01_2026-06_smooth3`: prefix, optional part (e.g. "terms"), granularity (none for a
 * list), measure, range at the view's precision ("start"/"end" for an open end), `smoothN` when a moving average is on.
 * Only [A-Za-z0-9_.-] reach the name, so it is a valid file name everywhere.
 */
export function exportFileName(view: ExportView, part?: string): string {
  const pieces = [
    'topic-trends',
    ...(part ? [part] : []),
    ...(view.level === 'theme' ? ['themes'] : []),
    ...(view.granularity === null ? [] : [view.granularity]),
    view.measure,
    view.from === null ? 'start' : periodText(view.from, view.granularity),
    view.to === null ? 'end' : periodText(view.to, view.granularity),
    ...(view.smoothing > 1 ? [`smooth${view.smoothing}`] : []),
  ];
  return pieces.map((p) => p.replace(/[^A-Za-z0-9.-]+/g, '-')).join('_');
}

/** Longest search text kept in a papers file name: the whole search is in the view, the name only has to tell files apart. */
const NAME_SEARCH_CHARS = 40;

/**
 * `topic-trends_papers_topics-3-7_2024-01-01_2026-06-30_title-graph-neural`: the papers list's filter (topics, or
 * all; the date range in days, "start"/"end" for an open end; the title search, cut to 40 characters).
 */
export function papersFileName(filter: PaperFilter): string {
  const search = filter.titleSearch.trim().slice(0, NAME_SEARCH_CHARS);
  const pieces = [
    'topic-trends',
    'papers',
    filter.clusterIds.length === 0 ? 'all-topics' : `topics-${[...filter.clusterIds].sort((a, b) => a - b).join('-')}`,
    filter.range.from ?? 'start',
    filter.range.to ?? 'end',
    ...(search === '' ? [] : [`title-${search}`]),
  ];
  return pieces.map((p) => p.replace(/[^A-Za-z0-9.-]+/g, '-').replace(/^-+|-+$/g, '') || '-').join('_');
}

/** "Source: file.jsonl.gz (15,989 papers, 2022-01-03 – 2026-07-01) · topic-trends 0.1.0 · run 1a2b3c…" */
export function sourceLine(manifest: Manifest): string {
  const papers = manifest.tables['documents']?.rows;
  const range = manifest.dateRange ? `${manifest.dateRange.first} – ${manifest.dateRange.last}` : 'undated';
  const detail = [papers === undefined ? null : `${plural(papers, 'paper')}`, range]
    .filter((x) => x !== null)
    .join(', ');
  return `Source: ${corpusFiles(manifest).join(', ')} (${detail}) · ${manifest.tool.name} ${manifest.tool.version} · run ${manifest.runId}`;
}

/** "2024-01-01 – 2026-06-30 · by month · share of the month's papers · 3-period moving average"; a list: no "by". */
export function viewLine(view: ExportView, measureText: string): string {
  const range = `${view.from ?? 'start'} – ${view.to ?? 'end'}`;
  if (view.granularity === null) return `${range} · ${measureText}`;
  const smoothing = view.smoothing > 1 ? `${view.smoothing}-period moving average` : 'no smoothing';
  return `${range} · by ${view.granularity} · ${measureText} · ${smoothing}`;
}

/** What an exported picture says beyond the view: its title, the measure in words, the legend. */
export interface PictureText {
  title: string;
  /** e.g. "share of the month's papers". */
  measureText: string;
  legend: ExportFrame['legend'];
}

/** The frame around an exported picture: the caller's title and legend, the view line and the source line. */
export function exportFrame(view: ExportView, manifest: Manifest, picture: PictureText): ExportFrame {
  return {
    title: picture.title,
    subtitle: viewLine(view, picture.measureText),
    legend: picture.legend,
    source: sourceLine(manifest),
  };
}
