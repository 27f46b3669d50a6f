/** Far date outliers (issue 10): flagged in the manifest and the summary, the core range left without them. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { dateSpread } from '../../../pipelines/trends/date-outliers.ts';
import type { Manifest } from '../../../src/schema.ts';
import { runCli } from '../../helpers/run-cli.ts';

/** n days from 2024-01-01, one apart. */
const days = (n: number): string[] =>
  Array.from({ length: n }, (_, i) => new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10));

describe('dateSpread(dates)', () => {
  it('flags one 1900-01-01 among 20 dates of 2024 and keeps the rest as the core', () => {
    const spread = dateSpread(['1900-01-01', ...days(20), null]);
    expect(spread.dateRange).toEqual({ first: '1900-01-01', last: '2024-01-20' });
    expect(spread.coreDateRange).toEqual({ first: '2024-01-01', last: '2024-01-20' });
    expect(spread.dateOutliers).toEqual({ count: 1, dates: ['1900-01-01'] });
  });

  it('flags a far future tail too, and at most 0.1 % of the documents a side (2 of 2,000 here)', () => {
    const dates = [...days(1998), '2099-06-01', '2099-06-01'];
    expect(dateSpread(dates).dateOutliers).toEqual({ count: 2, dates: ['2099-06-01'] });
    // Three far dates in 2,000 are more than 0.1 %: a cluster of old papers, not a stray placeholder.
    expect(dateSpread(['1990-01-01', '1990-01-01', '1990-01-01', ...days(1997)]).dateOutliers.count).toBe(0);
  });

  it('needs a gap longer than a year and than the core span: a spread-out corpus has no outlier', () => {
    // Core span 2024-01-02 .. 2024-01-20 is 18 days, so the gap must be >= 365 days: 300 days is not enough.
    expect(dateSpread(['2023-03-08', ...days(20)]).dateOutliers.count).toBe(0);
    // One paper per year over 30 years: gaps of one year, core span 28 years.
    const yearly = Array.from({ length: 30 }, (_, i) => `${1990 + i}-01-01`);
    expect(dateSpread(yearly).dateOutliers.count).toBe(0);
  });

  it('calls nothing an outlier below 10 dated documents, and handles none', () => {
    expect(dateSpread(['1900-01-01', ...days(8)]).dateOutliers.count).toBe(0);
    expect(dateSpread([null, null])).toEqual({
      dateRange: null,
      coreDateRange: null,
      dateOutliers: { count: 0, dates: [] },
    });
  });
});

describe('pipeline run with one record dated 1900-01-01', () => {
  it('keeps it, and flags it on stderr and in the manifest (coreDateRange, dateOutliers)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'date-outliers-'));
    const lines = gunzipSync(readFileSync('data/arxiv-cs-sample.jsonl.gz')).toString('utf8').split('\n');
    const records = lines.slice(0, 200).map((line) => JSON.parse(line) as Record<string, unknown>);
    records[50] = { ...records[50], date: '1900-01-01' };
    const input = join(dir, 'papers.jsonl');
    writeFileSync(input, records.map((record) => JSON.stringify(record)).join('\n'));
    const out = join(dir, 'out');
    const result = await runCli([
      '--input',
      input,
      '--out',
      out,
      '--k',
      '4',
      '--map-sample',
      '0',
      '--max-date',
      '2026-11-01',
    ]);
    expect(result.code, result.stderr).toBe(0);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.dateRange!.first).toBe('1900-01-01');
    expect(manifest.coreDateRange!.first > '2020-01-01').toBe(true);
    expect(manifest.coreDateRange!.last).toBe(manifest.dateRange!.last);
    expect(manifest.dateOutliers).toEqual({ count: 1, dates: ['1900-01-01'] });
    expect(result.stderr).toMatch(
      new RegExp(
        `note: 1 document dated far outside the rest \\(1900-01-01\\); most dates lie in ${manifest.coreDateRange!.first} \\.\\. ${manifest.coreDateRange!.last}`,
      ),
    );
  }, 60_000);
});
