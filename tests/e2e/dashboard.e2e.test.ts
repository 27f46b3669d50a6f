import { afterAll, beforeAll, beforeEach, afterEach, describe, expect, inject, test } from 'vitest';
import { mkdir, readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parquetViews, runQuery } from '../src/node-duckdb.ts';
import { toCsv } from '../../src/lib/export/csv.ts';
import { trendSeriesQuery } from '../reference-sql/trend-series.ts';
import { clusterSummaryQuery } from '../reference-sql/cluster-summary.ts';
import type { Granularity, Manifest } from '../../src/schema.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let db: DuckDBConnection;
let manifest: Manifest;
let labels: Map<number, string>;
let outside: string[];

beforeAll(async () => {
  browser = await launchChromium();
  db = await parquetViews(dataDir);
  manifest = JSON.parse(await readFile(`${dataDir}/manifest.json`, 'utf8')) as Manifest;
  const reader = await db.runAndReadAll('SELECT cluster_id, label FROM clusters ORDER BY cluster_id');
  // INTEGER NOT NULL and VARCHAR NOT NULL in the schema.
  const rows = reader.getRowObjectsJson() as { cluster_id: number; label: string }[];
  labels = new Map(rows.map((r) => [r.cluster_id, r.label]));
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  outside = [];
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  // The site must work offline: every request not to the local server is refused and recorded.
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === '127.0.0.1' || url.protocol === 'blob:' || url.protocol === 'data:') return route.continue();
    outside.push(url.href);
    return route.abort();
  });
  page = await context.newPage();
});

afterEach(async () => {
  await context.close();
  expect(outside).toEqual([]);
});

async function open(search = ''): Promise<void> {
  await page.goto(`${baseUrl}${search}`);
  await page.waitForSelector('[data-testid=trend-chart] path[data-cluster], [data-testid=data-error]', {
    timeout: 45_000,
  });
}

const seriesCount = (): Promise<number> => page.locator('[data-testid=trend-chart] path[data-cluster]').count();

async function downloadText(testId: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testId}]`)]);
  return readFile(await download.path(), 'utf8');
}

/** The chart CSV the dashboard should produce for counts, no smoothing, every cluster shown. */
async function expectedChartCsv(
  granularity: Granularity,
  from: string | null,
  to: string | null,
  hidden: number[] = [],
): Promise<string> {
  const rows = await runQuery(db, trendSeriesQuery(granularity, { from, to }));
  const records = rows
    .filter((r) => !hidden.includes(Number(r['cluster_id'])))
    .map((r) => ({
      period_start: String(r['period_start']),
      cluster_id: Number(r['cluster_id']),
      label: labels.get(Number(r['cluster_id'])) ?? '',
      count: Number(r['doc_count']),
      period_total: Number(r['period_total']),
      partial: Number(r['coverage']) < 1,
      run_id: manifest.runId,
    }));
  return toCsv(records, ['period_start', 'cluster_id', 'label', 'count', 'period_total', 'partial', 'run_id']);
}

describe('dashboard on the real pipeline output', () => {
  test('the chart draws one series per cluster, offline', async () => {
    await open();
    expect(await seriesCount()).toBe(labels.size);
    expect(labels.size).toBe(manifest.k);
    await expect(page.locator('[data-testid=legend-item]').count()).resolves.toBe(manifest.k);
    await mkdir(resolve(ROOT, 'tests/artifacts'), { recursive: true });
    await page.setViewportSize({ width: 1400, height: 760 });
    await page.waitForTimeout(300);
    await page.screenshot({ path: resolve(ROOT, 'tests/artifacts/main-view.png') });
  });

  test('typing from/to restricts the chart; its CSV equals the same query in Node DuckDB', async () => {
    await open();
    await page.fill('[data-testid=from]', '2023-01-01');
    await page.dispatchEvent('[data-testid=from]', 'change');
    await page.fill('[data-testid=to]', '2023-12-31');
    await page.dispatchEvent('[data-testid=to]', 'change');
    await page.waitForURL(/from=2023-01-01.*to=2023-12-31/);
    const csv = await downloadText('download-csv');
    expect(csv).toBe(await expectedChartCsv(manifest.defaultGranularity, '2023-01-01', '2023-12-31'));
    expect(csv.split('\r\n').length - 2).toBe(12 * manifest.k);
  });

  test('brushing the timeline sets the range and the chart data follows it', async () => {
    await open();
    const box = await page.locator('[data-testid=timeline]').boundingBox();
    if (!box) throw new Error('timeline not visible');
    const y = box.y + box.height / 2 - 6;
    await page.mouse.move(box.x + box.width * 0.3, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * 0.5, y, { steps: 5 });
    await page.mouse.move(box.x + box.width * 0.6, y, { steps: 5 });
    await page.mouse.up();
    await page.waitForURL(/from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}/);
    const params = new URL(page.url()).searchParams;
    const from = params.get('from');
    const to = params.get('to');
    expect(from! < to!).toBe(true);
    await page.waitForFunction(
      (f) => document.querySelector<HTMLInputElement>('[data-testid=from]')?.value === f,
      from,
    );
    const csv = await downloadText('download-csv');
    const expected = await expectedChartCsv(manifest.defaultGranularity, from, to);
    expect(csv).toBe(expected);
    expect(expected.split('\r\n').length).toBeGreaterThan(3);
    // The topic list follows the chart a frame later (Dashboard.svelte): its counts are those of the brushed range.
    const summary = await runQuery(db, clusterSummaryQuery(manifest.defaultGranularity, { from, to }));
    const byId = (rows: [string | null, string | undefined][]): [string | null, string | undefined][] =>
      rows.sort((a, b) => Number(a[0]) - Number(b[0]));
    const want = byId(summary.map((r) => [String(r['cluster_id']), Number(r['range_count']).toLocaleString('en')]));
    await expect
      .poll(async () =>
        byId(
          await page.$$eval('[data-testid=cluster-list] button[data-cluster]', (buttons) =>
            buttons.map((b): [string | null, string | undefined] => [
              b.getAttribute('data-cluster'),
              b.querySelector('.num')?.textContent?.trim(),
            ]),
          ),
        ),
      )
      .toEqual(want);
  });

  test('toggling a cluster in the legend removes its series and its CSV rows', async () => {
    await open('?g=quarter');
    await page.click('[data-testid=legend-item][data-cluster="0"]');
    await expect.poll(seriesCount).toBe(manifest.k - 1);
    expect(await page.locator('[data-testid=trend-chart] path[data-cluster="0"]').count()).toBe(0);
    // The URL follows the view one frame after the DOM (Dashboard.svelte).
    await page.waitForURL(/hide=0/);
    expect(page.url()).toContain('hide=0');
    expect(await downloadText('download-csv')).toBe(await expectedChartCsv('quarter', null, null, [0]));
  });

  test('a title with <script> renders as text, and the papers CSV holds it escaped', async () => {
    const [stored] = (await runQuery(db, {
      text: "SELECT title FROM documents WHERE doc_id = 'e2e-hostile-1'",
      params: [],
      tables: [],
    })) as [{ title: string } | undefined];
    // The pipeline keeps titles as plain text; if it ever stripped the markup this test would prove nothing.
    expect(stored?.title).toContain('<script>');
    await open();
    await page.fill('[data-testid=title-search]', '__xss = 1');
    const cell = page.locator('[data-testid=papers] td.title').first();
    await expect.poll(() => cell.textContent(), { timeout: 30_000 }).toBe(stored?.title);
    expect(
      await page.locator('[data-testid=papers] script, [data-testid=papers] img, [data-testid=papers] b').count(),
    ).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    const csv = await downloadText('download-papers');
    expect(csv.split('\r\n')[0]).toBe('doc_id,title,date,labels,cluster_id,topic,run_id');
    expect(csv).toContain('e2e-hostile-1');
  });

  test('selecting a topic shows its terms, representatives and papers within the date range', async () => {
    await open('?from=2024-01-01&to=2024-06-30');
    await page.click('[data-testid=cluster-list] button[data-cluster="1"]');
    await page.waitForSelector('[data-testid=cluster-detail] [data-testid=representatives] li');
    const [{ n }] = (await runQuery(db, {
      text: "SELECT count(*)::INTEGER AS n FROM documents WHERE cluster_id = 1 AND date BETWEEN DATE '2024-01-01' AND DATE '2024-06-30'",
      params: [],
      tables: [],
    })) as [{ n: number }];
    await expect
      .poll(() => page.locator('[data-testid=papers-total]').textContent())
      .toBe(`${n.toLocaleString('en')} papers`);
  });

  test('hostile URL parameters are ignored and the page still works', async () => {
    await open(
      `?from=${encodeURIComponent("2020-01-01'; DROP TABLE trends;--")}&g=%3Cscript%3E&smooth=1e9&sel=1;2&q=%00`,
    );
    expect(await seriesCount()).toBe(manifest.k);
    const notice = await page.locator('[data-testid=url-notice]').textContent();
    expect(notice).toContain('from');
    expect(notice).toContain('smooth');
    expect(await page.locator('[data-testid=from]').inputValue()).toBe('');
  });

  test('a missing data folder shows how to build it', async () => {
    await open('?data=missing/');
    const error = page.locator('[data-testid=data-error]');
    await expect.poll(() => error.textContent()).toContain('No data found');
    expect(await error.textContent()).toContain('npm run pipeline');
  });

  test('another schema version is refused with the rebuild command', async () => {
    await open('?data=data/wrong-version/');
    const text = await page.locator('[data-testid=data-error]').textContent();
    expect(text).toContain('another version');
    expect(text).toContain('schemaVersion 999');
  });

  test('a corrupt Parquet file is reported, not a blank page', async () => {
    await open('?data=data/corrupt/');
    expect(await page.locator('[data-testid=data-error]').textContent()).toContain('not a Parquet file');
  });

  test('a data path leaving the origin is not used', async () => {
    await open(`?data=${encodeURIComponent('https://evil.example/')}`);
    expect(await seriesCount()).toBe(manifest.k);
  });
});
