/**
 * A topic's detail under a date filter (issue 12): representatives dated inside the range, range-local terms
 * beside the global ones, none of them a word first used after the range. Real Chromium on real pipeline output;
 * expectations from the same queries on Node DuckDB over the served Parquet.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parquetViews, runQuery } from '../src/node-duckdb.ts';
import { representativePapersQuery } from '../reference-sql/papers.ts';
import {
  rankSliceTerms,
  wholeMonths,
  type SliceClassTotal,
  type SliceTermCount,
} from '../../src/lib/queries/slice-terms.ts';
import { sliceClassTotalsQuery, sliceTermCountsQuery } from '../reference-sql/slice-terms.ts';
import type { DateRange } from '../../src/lib/queries/sql.ts';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
/** Papers listed in the detail (ClusterDetail.svelte). */
const REPRESENTATIVES = 5;

let browser: Browser;
let context: BrowserContext;
let page: Page;
let db: DuckDBConnection;
/** Terms per list: the run's --top-terms (the detail shows as many range-local terms as global ones). */
let nTerms: number;

beforeAll(async () => {
  browser = await launchChromium();
  db = await parquetViews(dataDir);
  nTerms = Number((await db.runAndReadAll('SELECT max(rank) FROM cluster_terms')).getRows()[0]![0]);
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  page = await context.newPage();
});

afterEach(async () => {
  await context.close();
});

async function openDetail(clusterId: number, range: DateRange): Promise<void> {
  await page.goto(`${baseUrl}?from=${range.from ?? ''}&to=${range.to ?? ''}&sel=${clusterId}`);
  await page.waitForSelector('[data-testid=cluster-detail] [data-testid=global-terms] svg g[data-term]', {
    timeout: 45_000,
  });
}

async function expectedTerms(clusterId: number, range: DateRange, n = nTerms): Promise<string[]> {
  const months = wholeMonths(range)!;
  const classes = (await runQuery(db, sliceClassTotalsQuery(months))) as unknown as SliceClassTotal[];
  const counts = (await runQuery(db, sliceTermCountsQuery(clusterId, months))) as unknown as SliceTermCount[];
  return rankSliceTerms(counts, classes, clusterId, n).map((t) => t.term);
}

const shownTerms = (testId: string): Promise<string[]> =>
  page
    .locator(`[data-testid=cluster-detail] [data-testid=${testId}] svg g[data-term]`)
    .evaluateAll((gs) => gs.map((g) => g.getAttribute('data-term') ?? ''));

describe('topic detail under a date filter', () => {
  const year2025 = { from: '2025-01-01', to: '2025-12-31' };

  test('with a 2025 filter every representative is dated in 2025, and range-local terms show beside the global ones', async () => {
    const clusterId = 2;
    await openDetail(clusterId, year2025);
    await page.waitForSelector('[data-testid=cluster-detail] [data-testid=range-terms] svg g[data-term]');
    await page.waitForSelector('[data-testid=cluster-detail] [data-testid=representatives] li');
    const dates = await page
      .locator('[data-testid=cluster-detail] [data-testid=representatives] li')
      .evaluateAll((lis) => lis.map((li) => li.getAttribute('data-date')));
    expect(dates.length).toBe(REPRESENTATIVES);
    for (const date of dates) expect(date).toMatch(/^2025-/);
    const expectedPapers = await runQuery(db, representativePapersQuery(clusterId, year2025, REPRESENTATIVES));
    expect(dates).toEqual(expectedPapers.map((p) => p['date']));

    const global = await shownTerms('global-terms');
    const local = await shownTerms('range-terms');
    expect(global.length).toBe(nTerms);
    expect(local).toEqual(await expectedTerms(clusterId, year2025));
    expect(local).not.toEqual(global);
    await expect(
      page.locator('[data-testid=cluster-detail] [data-testid=range-terms]').getAttribute('data-months'),
    ).resolves.toBe('2025-01 to 2025-12');
  });

  test("the range-local terms' paper count, from cluster_month_totals, is the topic's papers of those months", async () => {
    const clusterId = 2;
    await openDetail(clusterId, year2025);
    await page.waitForSelector('[data-testid=cluster-detail] [data-testid=range-terms] svg g[data-term]');
    const note = await page.locator('[data-testid=cluster-detail] [data-testid=range-terms] p.note').textContent();
    const [row] = (
      await db.runAndReadAll(
        `SELECT count(*)::INTEGER AS n FROM documents WHERE cluster_id = ${clusterId} AND date BETWEEN DATE '2025-01-01' AND DATE '2025-12-31' AND date_precision IN ('day', 'month')`,
      )
    ).getRowObjectsJson();
    expect(Number(row!['n'])).toBeGreaterThan(0);
    expect(note).toContain(`of the ${Number(row!['n']).toLocaleString('en-US')} papers of 2025-01 to 2025-12`);
  });

  test('a word first used after the range never shows in its terms', async () => {
    // "MLLMs" first occurs on 2023-05-24 (tests/pipelines/trends/real-run-slice-terms.test.ts scans for it).
    const later = { from: '2023-06-01', to: '2026-06-30' };
    let topic = -1;
    for (let c = 0; c < 12 && topic < 0; c++) if ((await expectedTerms(c, later)).includes('mllms')) topic = c;
    expect(topic).toBeGreaterThanOrEqual(0);
    await openDetail(topic, later);
    await page.waitForSelector('[data-testid=cluster-detail] [data-testid=range-terms] svg g[data-term]');
    expect(await shownTerms('range-terms')).toContain('mllms');

    await openDetail(topic, { from: '2022-01-01', to: '2023-05-23' });
    await page.waitForSelector('[data-testid=cluster-detail] [data-testid=range-terms] svg g[data-term]');
    const before = await shownTerms('range-terms');
    expect(before.length).toBeGreaterThan(0);
    expect(before).not.toContain('mllms');
  });

  test('a range without papers of the topic says so', async () => {
    await openDetail(2, { from: '2021-01-01', to: '2021-06-30' });
    await expect(
      page.locator('[data-testid=cluster-detail] [data-testid=representatives-empty]').textContent(),
    ).resolves.toContain('No paper of this topic is dated in 2021-01-01 to 2021-06-30');
    await page.waitForSelector('[data-testid=cluster-detail] [data-testid=range-terms-empty]');
  });
});
