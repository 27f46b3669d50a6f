import { describe, expect, test } from 'vitest';
import type { Manifest } from '../../../../src/schema.ts';
import { toCsv } from '../../../../src/lib/export/csv.ts';
import {
  exportFileName,
  exportFrame,
  papersFileName,
  exportMeta,
  jsonWithMeta,
  sourceLine,
  viewLine,
  withRunId,
  type ExportView,
} from '../../../../src/lib/export/provenance.ts';

const manifest = {
  tool: { name: 'topic-trends', version: '0.1.0' },
  inputs: [{ file: '/home/me/data/arxiv-cs-sample.jsonl.gz', format: 'jsonl', bytes: 10, records: 3 }],
  runId: 'abc123',
  dateRange: { first: '2022-01-03', last: '2026-07-01' },
  tables: { documents: { file: 'documents.parquet', rows: 15989 } },
} as unknown as Manifest;

const view: ExportView = {
  view: 'topics over time',
  granularity: 'month',
  measure: 'share',
  smoothing: 3,
  from: '2024-01-01',
  to: '2026-06-30',
  series: [
    { id: 0, label: 'llms · reasoning' },
    { id: 2, label: 'multi agent · llms' },
  ],
  selected: [2],
};

describe('exportFileName(view, part)', () => {
  test('names granularity, measure, range at the view precision and smoothing', () => {
    expect(exportFileName(view)).toBe('topic-trends_month_share_2024-01_2026-06_smooth3');
  });

  test('no smoothing leaves the part out; years show as years, weeks as days, open ends as start/end', () => {
    expect(exportFileName({ ...view, granularity: 'year', measure: 'count', smoothing: 1 })).toBe(
      'topic-trends_year_count_2024_2026',
    );
    expect(exportFileName({ ...view, granularity: 'week', from: null }, 'terms')).toBe(
      'topic-trends_terms_week_share_start_2026-06-30_smooth3',
    );
  });

  test('a list has no granularity: range at month precision, no smoothing part', () => {
    const list = { ...view, granularity: null, measure: 'c-tf-idf', smoothing: 1, to: '2026-06-30' };
    expect(exportFileName(list, 'topic-3-range-terms')).toBe(
      'topic-trends_topic-3-range-terms_c-tf-idf_2024-01_2026-06',
    );
    expect(exportFileName({ ...list, from: null, to: null }, 'topic-3-terms')).toBe(
      'topic-trends_topic-3-terms_c-tf-idf_start_end',
    );
  });

  test('only file-name-safe characters reach the name', () => {
    expect(exportFileName({ ...view, measure: 'a/b c' })).toBe('topic-trends_month_a-b-c_2024-01_2026-06_smooth3');
  });
});

describe('exportMeta(view, manifest), jsonWithMeta and withRunId', () => {
  test('the JSON meta block holds the view, range, topics, corpus and run id, and no clock', () => {
    const meta = exportMeta(view, manifest);
    expect(meta).toEqual({
      view: 'topics over time',
      granularity: 'month',
      measure: 'share',
      smoothing: 3,
      dateRange: { from: '2024-01-01', to: '2026-06-30' },
      series: view.series,
      selected: [2],
      corpus: ['arxiv-cs-sample.jsonl.gz'],
      corpusDateRange: { first: '2022-01-03', last: '2026-07-01' },
      runId: 'abc123',
      tool: 'topic-trends 0.1.0',
    });
    expect(JSON.parse(jsonWithMeta(meta, [{ a: 1 }]))).toEqual({ meta, rows: [{ a: 1 }] });
  });

  test('the CSV gets a run_id column, read by any CSV reader as a plain column', () => {
    const rows = withRunId([{ period_start: '2024-01-01', count: 1 }], 'abc123');
    expect(toCsv(rows, ['period_start', 'count', 'run_id'])).toBe(
      'period_start,count,run_id\r\n2024-01-01,1,abc123\r\n',
    );
  });
});

describe('sourceLine(manifest) and viewLine(view, measureText)', () => {
  test('names corpus, papers, data dates, tool and run id', () => {
    expect(sourceLine(manifest)).toBe(
      'Source: arxiv-cs-sample.jsonl.gz (15,989 papers, 2022-01-03 – 2026-07-01) · topic-trends 0.1.0 · run abc123',
    );
  });

  test('says range, granularity, measure and smoothing', () => {
    expect(viewLine(view, "share of the month's papers")).toBe(
      "2024-01-01 – 2026-06-30 · by month · share of the month's papers · 3-period moving average",
    );
    expect(viewLine({ ...view, smoothing: 1 }, 'papers per month')).toMatch(/no smoothing$/);
  });
});

describe('exportFrame(view, manifest, picture)', () => {
  test("the caller's title and legend, the view line and the source line", () => {
    const legend = [{ label: 'agent', color: '#123456' }];
    expect(exportFrame(view, manifest, { title: 'Terms', measureText: "share of the month's papers", legend })).toEqual(
      {
        title: 'Terms',
        subtitle: "2024-01-01 – 2026-06-30 · by month · share of the month's papers · 3-period moving average",
        legend,
        source: sourceLine(manifest),
      },
    );
  });

  test('a list says range and measure only', () => {
    expect(viewLine({ ...view, granularity: null }, 'c-TF-IDF weight')).toBe(
      '2024-01-01 – 2026-06-30 · c-TF-IDF weight',
    );
  });
});

describe('papersFileName(filter)', () => {
  test('names the topics in order, the day range and the title search', () => {
    expect(
      papersFileName({
        clusterIds: [7, 3],
        range: { from: '2024-01-01', to: '2026-06-30' },
        titleSearch: 'graph neural',
      }),
    ).toBe('topic-trends_papers_topics-3-7_2024-01-01_2026-06-30_title-graph-neural');
  });

  test('no topic, open ends and no search; only file-name-safe characters, the search cut to 40', () => {
    expect(papersFileName({ clusterIds: [], range: { from: null, to: null }, titleSearch: '' })).toBe(
      'topic-trends_papers_all-topics_start_end',
    );
    const name = papersFileName({
      clusterIds: [],
      range: { from: null, to: null },
      titleSearch: '../<b>é x'.repeat(9),
    });
    expect(name).toMatch(/^[A-Za-z0-9_.-]+$/);
    expect(name.length).toBeLessThanOrEqual('topic-trends_papers_all-topics_start_end_title-'.length + 40);
  });
});
