/**
 * The manifest's date fields and notes (issue 10): far date outliers are flagged in the manifest and the summary,
 * the core range left without them. The rule itself: tests/src/shared/date-outliers.test.ts.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/schema.ts';
import { runCli } from '../../helpers/run-cli.ts';

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
