/**
 * Issue 13, term lookup on an output without a word index (as at 1M documents, over --word-index-max-docs): the
 * term view matches by stem, decoding `terms` in the Parquet worker and reading only the term's rows of
 * `term_trends` by range requests. Its CSV equals those rows read in Node DuckDB.
 */
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import { readFile, rm, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import type { Browser } from 'playwright-core';
import type { DuckDBConnection } from '@duckdb/node-api';
import { launchChromium } from '../helpers/chromium.ts';
import { runCli } from '../helpers/run-cli.ts';
import { parquetViews } from '../src/node-duckdb.ts';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
/** Beside the global setup's output, so the same server serves it at ./data/stems/. */
const stemsDir = join(dirname(dataDir), 'stems');

let browser: Browser;
let db: DuckDBConnection;

beforeAll(async () => {
  const args = ['--input', 'data/arxiv-cs-sample.jsonl.gz', '--out', stemsDir, '--k', '12', '--map-sample', '0'];
  const result = await runCli([...args, '--word-index-max-docs', '0', '--quiet']);
  expect(result.code, result.stderr).toBe(0);
  db = await parquetViews(stemsDir);
  browser = await launchChromium();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await rm(stemsDir, { recursive: true, force: true });
});

describe('term lookup by stem (no word index)', () => {
  test("'graph' counts its stem's months of term_trends, read by range requests only", async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    const reads: { file: string; range: boolean; bytes: Promise<number> }[] = [];
    context.on('requestfinished', (request) => {
      const file = /([a-z_]+\.parquet)/.exec(request.url())?.[1];
      if (file === undefined || request.method() !== 'GET') return;
      reads.push({
        file,
        range: request.headers()['range'] !== undefined,
        bytes: request.sizes().then((s) => s.responseBodySize),
      });
    });
    try {
      const page = await context.newPage();
      await page.goto(`${baseUrl}?data=./data/stems/&tab=terms&terms=graph`);
      await page.waitForSelector('[data-testid=term-chart] path[data-cluster="0"]', { timeout: 60_000 });
      await page.waitForSelector('[data-testid=term-stem-note]');
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.click('[data-testid=term-title-row] [data-testid=download-csv]'),
      ]);
      const rows = parse<Record<string, string>>(await readFile(await download.path(), 'utf8'), { columns: true });
      const want = (
        await db.runAndReadAll(
          `SELECT strftime(period_start, '%Y-%m-%d') AS month, doc_count FROM term_trends WHERE stem = 'graph'`,
        )
      ).getRowObjectsJson();
      expect(want.length).toBeGreaterThan(20);
      const stored = new Map(want.map((r) => [r['month'] as string, Number(r['doc_count'])]));
      const mine = rows.filter((r) => r['term'] === 'graph');
      expect(mine.length).toBeGreaterThan(20);
      for (const r of mine) expect(Number(r['doc_count']), r['period_start']).toBe(stored.get(r['period_start']!) ?? 0);
      expect(mine.reduce((sum, r) => sum + Number(r['doc_count']), 0)).toBe(
        [...stored]
          .filter(([m]) => m >= mine[0]!['period_start']! && m <= mine.at(-1)!['period_start']!)
          .reduce((sum, [, n]) => sum + n, 0),
      );
      const trends = reads.filter((r) => r.file === 'term_trends.parquet');
      expect(trends.length).toBeGreaterThan(0);
      expect(trends.every((r) => r.range)).toBe(true);
      const bytes = (await Promise.all(trends.map((r) => r.bytes))).reduce((a, b) => a + b, 0);
      expect(bytes).toBeLessThan((await stat(join(stemsDir, 'term_trends.parquet'))).size);
      expect(await page.evaluate(() => performance.getEntriesByType('measure').map((m) => m.name))).not.toContain(
        'load term_trends',
      );
    } finally {
      await context.close();
    }
  }, 300_000);
});
