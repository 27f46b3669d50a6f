/**
 * Issue 12, periods and coverage, in Chromium on the real pipeline output: the corpus ends on 1 July 2026, so July is
 * drawn apart (hatched, dashed) and its hover says "partial"; every hover gives the period's total and a 95% Wilson
 * interval; axis titles carry the unit; a run whose volume is a sample shows its corpus note and opens on share.
 * The sample run is the served output with its manifest saying so, made here beside it (as reliability.e2e does).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import { cp, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parquetViews, runQuery } from '../src/node-duckdb.ts';
import { wilsonInterval } from '../../src/lib/charts/wilson-interval.ts';
import type { Manifest } from '../../src/schema.ts';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const NOTE = 'A 1-in-8 sample of two crawls of arXiv cs listings: volume shows the crawl.';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let db: DuckDBConnection;

/** Total papers of a period, and its coverage, as Node DuckDB reads the served trends file. */
async function period(granularity: string, start: string): Promise<{ total: number; coverage: number }> {
  const [row] = await runQuery(db, {
    text: `SELECT any_value(period_total)::INTEGER AS total, any_value(coverage) AS coverage FROM trends
      WHERE granularity = ? AND period_start = ?::DATE`,
    params: [granularity, start],
    tables: ['trends'],
  });
  return { total: Number(row?.['total']), coverage: Number(row?.['coverage']) };
}

beforeAll(async () => {
  browser = await launchChromium();
  db = await parquetViews(dataDir);
  const sample = join(dirname(dataDir), 'sample');
  await cp(dataDir, sample, { recursive: true });
  const manifest = JSON.parse(await readFile(join(dataDir, 'manifest.json'), 'utf8')) as Manifest;
  const parameters = { ...manifest.parameters, corpusNote: NOTE, volumeIsSample: true };
  await writeFile(join(sample, 'manifest.json'), JSON.stringify({ ...manifest, parameters }));
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  page = await context.newPage();
});

afterEach(async () => {
  await context.close();
});

async function open(search = ''): Promise<void> {
  await page.goto(`${baseUrl}${search}`);
  await page.waitForSelector('[data-testid=trend-chart] path[data-cluster]', { timeout: 45_000 });
}

/** Hovers the chart `fromRight` pixels left of its plot's right edge (margin 16), halfway down. */
async function hoverNearRightEdge(fromRight: number): Promise<string> {
  const box = (await page.locator('[data-testid=trend-chart]').boundingBox())!;
  await page.mouse.move(box.x + box.width - 16 - fromRight, box.y + box.height / 2);
  const tip = page.locator('[data-testid=chart-tip]');
  await tip.waitFor();
  return (await tip.textContent()) ?? '';
}

const yTitle = (): Promise<string | null> =>
  page.locator('[data-testid=trend-chart] [data-role=y-title]').textContent();

describe('partial periods and small samples on the default corpus (ends 2026-07-01)', () => {
  test('July 2026 is hatched and dashed, June is not; the hover says "partial: N papers so far"', async () => {
    const july = await period('month', '2026-07-01');
    expect(july.coverage).toBe(1 / 31);
    await open('?mode=lines');
    const chart = page.locator('[data-testid=trend-chart]');
    await expect(chart.locator('[data-testid=partial-period][data-period="2026-07-01"]').count()).resolves.toBe(1);
    await expect(chart.locator('[data-testid=partial-period][data-period="2026-06-01"]').count()).resolves.toBe(0);
    const series = await chart.locator('path[data-cluster]').count();
    await expect(chart.locator('[data-testid=partial-line]').count()).resolves.toBe(series);
    await expect(chart.locator('[data-testid=partial-line]').first().getAttribute('stroke-dasharray')).resolves.toBe(
      '4 3',
    );

    const tip = await hoverNearRightEdge(0);
    expect(tip).toContain('2026-07-01');
    await expect(page.locator('[data-testid=tip-partial]').textContent()).resolves.toBe(
      `partial: ${july.total} papers so far (1 of 31 days)`,
    );
  });

  test('the hover gives the period total and the 95% Wilson interval of the share', async () => {
    await open('?mode=lines');
    const tip = await hoverNearRightEdge(60);
    const period_start = /(\d{4}-\d{2}-01)/.exec(tip)?.[1] ?? '';
    const { total } = await period('month', period_start);
    const totalText = (await page.locator('[data-testid=tip-total]').textContent()) ?? '';
    const m = /^([\d,]+) of ([\d,]+) papers in the month$/.exec(totalText);
    expect(m, totalText).not.toBeNull();
    const n = Number(m![1]!.replaceAll(',', ''));
    expect(Number(m![2]!.replaceAll(',', ''))).toBe(total);
    const ci = wilsonInterval(n, total);
    const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
    await expect(page.locator('[data-testid=tip-interval]').textContent()).resolves.toBe(
      `share ${pct(n / total)}, 95% interval ${pct(ci.lower)}–${pct(ci.upper)} (Wilson)`,
    );
  });

  test('lines mode draws the interval band when switched on', async () => {
    await open('?mode=lines');
    const chart = page.locator('[data-testid=trend-chart]');
    await expect(chart.locator('[data-testid=interval-band]').count()).resolves.toBe(0);
    await page.check('[data-testid=interval-band-toggle]');
    const series = await chart.locator('path[data-cluster]').count();
    await expect(chart.locator('[data-testid=interval-band]').count()).resolves.toBe(series);
    expect(page.url()).toContain('band=1');
  });

  test('weeks under 30 papers are faded, and their hover says the sample is small', async () => {
    await open('?g=week');
    const faded = page.locator('[data-testid=trend-chart] [data-testid=small-period]');
    const periods = await faded.evaluateAll((rects) => rects.map((r) => r.getAttribute('data-period') ?? ''));
    expect(periods.length).toBeGreaterThan(0);
    for (const start of periods.slice(0, 5)) expect((await period('week', start)).total).toBeLessThan(30);
    // The first weeks of 2022 are small: hovering the left edge of the plot (margin 66) says so.
    const box = (await page.locator('[data-testid=trend-chart]').boundingBox())!;
    await page.mouse.move(box.x + 66, box.y + box.height / 2);
    const first = (await page.locator('[data-testid=chart-tip]').textContent()) ?? '';
    const start = /(\d{4}-\d{2}-\d{2})/.exec(first)?.[1] ?? '';
    expect(periods).toContain(start);
    await expect(page.locator('[data-testid=tip-small]').textContent()).resolves.toBe(
      'small sample: fewer than 30 papers in the week',
    );
  });

  test('axis titles carry the unit in both measures', async () => {
    await open('?g=quarter');
    await expect(yTitle()).resolves.toBe('papers per quarter');
    await open('?g=quarter&measure=share');
    await expect(yTitle()).resolves.toBe("% of the quarter's papers");
  });

  test('the chart CSV says which periods are partial', async () => {
    await open('?g=month');
    const panel = page.locator('section.chart-panel');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.locator('[data-testid=download-csv]').click(),
    ]);
    const lines = (await readFile(await download.path(), 'utf8')).trim().split(/\r?\n/);
    const header = lines[0]!.split(',');
    expect(header).toEqual(expect.arrayContaining(['period_total', 'partial']));
    const partialAt = header.indexOf('partial');
    const july = lines.filter((l) => l.startsWith('2026-07-01,'));
    const june = lines.filter((l) => l.startsWith('2026-06-01,'));
    expect(july.length).toBeGreaterThan(0);
    expect(july.every((l) => l.split(',')[partialAt] === 'true')).toBe(true);
    expect(june.every((l) => l.split(',')[partialAt] === 'false')).toBe(true);
  });

  test('without a sample flag the run opens on papers and shows no corpus note', async () => {
    await open();
    await expect(page.locator('input[name=measure][value=count]').isChecked()).resolves.toBe(true);
    await expect(page.locator('[data-testid=corpus-note]').count()).resolves.toBe(0);
  });
});

describe('a run whose volume is a sample', () => {
  test('shows its corpus note beside the chart and opens on share', async () => {
    await open('?data=data/sample/');
    await expect(page.locator('[data-testid=corpus-note]').textContent()).resolves.toBe(NOTE);
    await expect(page.locator('input[name=measure][value=share]').isChecked()).resolves.toBe(true);
    await expect(yTitle()).resolves.toBe("% of the month's papers");
    // Papers chosen by hand stays in the link, since it is no longer the default.
    await page.check('input[name=measure][value=count]');
    await expect.poll(() => page.url()).toContain('measure=count');
  });
});
