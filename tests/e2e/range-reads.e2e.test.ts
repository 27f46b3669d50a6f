/**
 * Issue 13, "no cold wait in the dashboard": a topic's papers and a title search are answered from range reads of
 * documents.parquet (only the row groups and columns they need, never the abstracts), and what they show equals the
 * same query on the whole table in Node DuckDB.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import { readFile, stat } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parquetViews, runQuery } from '../src/node-duckdb.ts';
import { papersQuery, representativePapersQuery } from '../reference-sql/papers.ts';
import type { PaperFilter } from '../../src/lib/queries/papers.ts';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let db: DuckDBConnection;
/** Bytes of documents.parquet the page received, and whether every such request asked for a range. */
let documentBytes: number;
let wholeFileRequests: number;

beforeAll(async () => {
  browser = await launchChromium();
  db = await parquetViews(dataDir);
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  documentBytes = 0;
  wholeFileRequests = 0;
  context.on('requestfinished', (request) => {
    if (!request.url().includes('documents.parquet') || request.method() !== 'GET') return;
    if (request.headers()['range'] === undefined) wholeFileRequests++;
    void request.sizes().then((sizes) => (documentBytes += sizes.responseBodySize));
  });
  page = await context.newPage();
});

afterEach(async () => {
  await context.close();
});

const PAGE_SIZE = 25;

async function shownTitles(): Promise<string[]> {
  return page.locator('[data-testid=papers] td.title').allTextContents();
}

async function expected(filter: PaperFilter): Promise<{ total: number; titles: string[] }> {
  const all = await runQuery(db, papersQuery(filter, null, 0));
  return { total: all.length, titles: all.slice(0, PAGE_SIZE).map((r) => String(r['title'])) };
}

describe('papers from range reads of documents.parquet', () => {
  test("a topic's representatives and papers in a date range equal the SQL over the whole table", async () => {
    const range = { from: '2025-01-01', to: '2025-12-31' };
    await page.goto(`${baseUrl}?from=${range.from}&to=${range.to}`);
    await page.waitForSelector('[data-testid=trend-chart] path[data-cluster]', { timeout: 45_000 });
    await page.click('[data-testid=cluster-list] button[data-cluster="2"]');
    const want = await expected({ clusterIds: [2], range, titleSearch: '' });
    expect(want.total).toBeGreaterThan(PAGE_SIZE);
    await expect
      .poll(() => page.locator('[data-testid=papers-total]').textContent(), { timeout: 30_000 })
      .toBe(`${want.total.toLocaleString('en')} papers`);
    // The total and the list render separately: wait for the list too.
    await expect.poll(() => shownTitles(), { timeout: 30_000 }).toEqual(want.titles);
    const representatives = await runQuery(db, representativePapersQuery(2, range, 5));
    await expect
      .poll(() => page.locator('[data-testid=representatives] li').count(), { timeout: 30_000 })
      .toBe(representatives.length);
    const shown = await page.locator('[data-testid=representatives] li').allTextContents();
    representatives.forEach((r, i) => expect(shown[i]).toContain(String(r['title'])));
    // Range requests only, and far less than the file: the abstracts (most of its bytes) are never fetched.
    expect(wholeFileRequests).toBe(0);
    expect(documentBytes).toBeGreaterThan(0);
    expect(documentBytes).toBeLessThan((await stat(`${dataDir}/documents.parquet`)).size / 4);
  });

  test('a title search over every topic, then narrowed by dates, equals the SQL over the whole table', async () => {
    await page.goto(baseUrl);
    await page.waitForSelector('[data-testid=trend-chart] path[data-cluster]', { timeout: 45_000 });
    await page.fill('[data-testid=title-search]', 'Graph');
    const want = await expected({ clusterIds: [], range: { from: null, to: null }, titleSearch: 'Graph' });
    await expect
      .poll(() => page.locator('[data-testid=papers-total]').textContent(), { timeout: 30_000 })
      .toBe(`${want.total.toLocaleString('en')} papers`);
    // The total and the list render separately: wait for the list too.
    await expect.poll(() => shownTitles(), { timeout: 30_000 }).toEqual(want.titles);
    expect(wholeFileRequests).toBe(0);
    expect(documentBytes).toBeLessThan((await stat(`${dataDir}/documents.parquet`)).size / 4);

    await page.fill('[data-testid=from]', '2024-03-01');
    await page.fill('[data-testid=to]', '2024-08-31');
    const narrowed = await expected({
      clusterIds: [],
      range: { from: '2024-03-01', to: '2024-08-31' },
      titleSearch: 'Graph',
    });
    await expect
      .poll(() => page.locator('[data-testid=papers-total]').textContent(), { timeout: 30_000 })
      .toBe(`${narrowed.total.toLocaleString('en')} papers`);
    // The total and the list render separately: wait for the list too.
    await expect.poll(() => shownTitles(), { timeout: 30_000 }).toEqual(narrowed.titles);
  });

  test('typing words, paging and downloading a title search reads the title index and a page of documents', async () => {
    const indexRequests: string[] = [];
    context.on('request', (request) => {
      const file = /(title_words|title_postings)\.parquet/.exec(request.url())?.[1];
      if (file) indexRequests.push(file);
    });
    await page.goto(baseUrl);
    await page.waitForSelector('[data-testid=trend-chart] path[data-cluster]', { timeout: 45_000 });
    // Typed as a user types it, a key at a time: every prefix is a search, the last one wins.
    await page.locator('[data-testid=title-search]').pressSequentially('neural netw');
    const all = await runQuery(
      db,
      papersQuery({ clusterIds: [], range: { from: null, to: null }, titleSearch: 'neural netw' }, null, 0),
    );
    expect(all.length).toBeGreaterThan(PAGE_SIZE);
    await expect
      .poll(() => page.locator('[data-testid=papers-total]').textContent(), { timeout: 30_000 })
      .toBe(`${all.length.toLocaleString('en')} papers`);
    const titles = all.map((r) => String(r['title']));
    await expect.poll(() => shownTitles(), { timeout: 30_000 }).toEqual(titles.slice(0, PAGE_SIZE));
    expect(new Set(indexRequests)).toEqual(new Set(['title_words', 'title_postings']));
    expect(wholeFileRequests).toBe(0);

    await page.getByRole('button', { name: 'Next' }).click();
    await expect.poll(() => shownTitles(), { timeout: 30_000 }).toEqual(titles.slice(PAGE_SIZE, 2 * PAGE_SIZE));
    expect(documentBytes).toBeLessThan((await stat(`${dataDir}/documents.parquet`)).size / 4);

    const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=download-papers]')]);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.trim().split('\r\n')).toHaveLength(all.length + 1);
    for (const r of all.slice(0, 5)) expect(csv).toContain(String(r['doc_id']));
    // The file says where it comes from: the filter in its name, the run in every row.
    expect(download.suggestedFilename()).toBe('topic-trends_papers_all-topics_start_end_title-neural-netw.csv');
    const { runId } = JSON.parse(await readFile(`${dataDir}/manifest.json`, 'utf8')) as { runId: string };
    for (const line of csv.trim().split('\r\n').slice(1)) expect(line.endsWith(`,${runId}`), line).toBe(true);
  });
});
