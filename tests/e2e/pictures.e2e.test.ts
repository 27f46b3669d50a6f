/**
 * Issue 12, "Pictures and downloads", in Chromium on the real pipeline output: exported pictures and data files
 * say what they show and which run they come from; a reversed range says so; "1 paper"; year ticks; the topic
 * map's width and labels.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parquetViews, runQuery } from '../src/node-duckdb.ts';
import { papersCountQuery } from '../reference-sql/papers.ts';
import { boxesIntersect } from '../../src/lib/charts/label-placement.ts';
import type { Manifest } from '../../src/schema.ts';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let db: DuckDBConnection;
let manifest: Manifest;

beforeAll(async () => {
  browser = await launchChromium();
  db = await parquetViews(dataDir);
  manifest = JSON.parse(await readFile(`${dataDir}/manifest.json`, 'utf8')) as Manifest;
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

async function open(search = '', ready = '[data-testid=trend-chart] path[data-cluster]'): Promise<void> {
  await page.goto(`${baseUrl}${search}`);
  await page.waitForSelector(ready, { timeout: 45_000 });
}

async function download(selector: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

/** The input file's name as the downloads give it, without its folder. */
const corpusName = (): string => manifest.inputs[0]!.file.split('/').pop()!;

async function setDate(which: 'from' | 'to', value: string): Promise<void> {
  await page.fill(`[data-testid=${which}]`, value);
  await page.dispatchEvent(`[data-testid=${which}]`, 'change');
}

describe('exported pictures and data files stand alone', () => {
  test('the SVG holds title, axis titles with units, a legend of every topic, the view and a source line with the run id', async () => {
    await open('?measure=share&smooth=3');
    const { name, text } = await download('[data-testid=download-svg]');
    expect(name).toMatch(/^topic-trends_month_share_\d{4}-\d{2}_\d{4}-\d{2}_smooth3\.svg$/);
    await page.setContent(text);
    const texts = async (role: string): Promise<string[]> => page.locator(`svg [data-role=${role}]`).allTextContents();
    expect(await texts('title')).toEqual(['Topic volume over time']);
    expect(await texts('y-title')).toEqual(["% of the month's papers"]);
    expect(await texts('x-title')).toEqual(['month (period start)']);
    const subtitle = (await texts('subtitle')).join(' ');
    expect(subtitle).toMatch(
      /\d{4}-\d{2}-\d{2} – \d{4}-\d{2}-\d{2} · by month · share of the month's papers · 3-period/,
    );
    const labels = (
      await runQuery(db, { text: 'SELECT label FROM clusters ORDER BY cluster_id', params: [], tables: ['clusters'] })
    ).map((r) => String(r['label']));
    expect((await texts('legend')).sort()).toEqual([...labels].sort());
    const source = (await texts('source')).join(' ');
    expect(source).toContain(`run ${manifest.runId}`);
    expect(source).toContain(corpusName());
    expect(source).toContain(manifest.dateRange!.last);
  });

  test('the CSV file name says the view and every row carries the run id; the JSON has a meta block', async () => {
    await open('?g=quarter&measure=share&smooth=2&from=2023-01-01&to=2024-12-31');
    const csv = await download('[data-testid=download-csv]');
    expect(csv.name).toBe('topic-trends_quarter_share_2023-01_2024-12_smooth2.csv');
    const [header, ...rows] = csv.text.trimEnd().split('\r\n');
    expect(header).toBe('period_start,cluster_id,label,share,period_total,partial,run_id');
    expect(rows.length).toBe(8 * manifest.k);
    for (const row of rows) expect(row.endsWith(`,${manifest.runId}`)).toBe(true);

    const json = await download('[data-testid=download-json]');
    expect(json.name).toBe('topic-trends_quarter_share_2023-01_2024-12_smooth2.json');
    const parsed = JSON.parse(json.text) as { meta: Record<string, unknown>; rows: unknown[] };
    expect(parsed.meta).toMatchObject({
      view: 'topics over time',
      granularity: 'quarter',
      measure: 'share',
      smoothing: 2,
      dateRange: { from: '2023-01-01', to: '2024-12-31' },
      runId: manifest.runId,
      corpus: [corpusName()],
    });
    expect(parsed.rows).toHaveLength(rows.length);
  });
});

describe('edge cases a user hits', () => {
  test('a reversed from/to is named as reversed, not drawn as an empty chart; Swap fixes it', async () => {
    await open();
    await setDate('from', '2025-01-01');
    await setDate('to', '2024-01-01');
    const notice = page.locator('[data-testid=reversed-range]');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/reversed: From \(2025-01-01\) is after To \(2024-01-01\)/);
    expect(await page.locator('[data-testid=chart-empty]').textContent()).toMatch(/reversed/);
    await page.click('[data-testid=swap-dates]');
    await page.waitForURL(/from=2024-01-01.*to=2025-01-01/);
    expect(await page.locator('[data-testid=reversed-range]').count()).toBe(0);
    expect(await page.locator('[data-testid=trend-chart] path[data-cluster]').count()).toBe(manifest.k);
  });

  test('a search matching one paper says "1 paper"', async () => {
    // A plain title whose words no other title holds (as word prefixes, src/shared/title-words.ts).
    const candidates = await runQuery(db, {
      text: `SELECT title FROM documents WHERE length(title) > 60 AND regexp_matches(title, '^[A-Za-z0-9 ,:-]+$')
        ORDER BY doc_id LIMIT 20`,
      params: [],
      tables: ['documents'],
    });
    let title = '';
    for (const c of candidates) {
      const [n] = await runQuery(
        db,
        papersCountQuery({ clusterIds: [], range: { from: null, to: null }, titleSearch: String(c['title']) }),
      );
      if (Number(n!['n']) === 1) {
        title = String(c['title']);
        break;
      }
    }
    expect(title).not.toBe('');
    await open();
    await page.fill('[data-testid=title-search]', title);
    await expect
      .poll(() => page.locator('[data-testid=papers-total]').textContent(), { timeout: 45_000 })
      .toBe('1 paper');
  });

  test('the year view labels its x axis with years only, each once', async () => {
    await open('?g=year');
    const ticks = await page.locator('[data-testid=trend-chart] g.axis text:not([data-role])').allTextContents();
    expect(ticks.length).toBeGreaterThan(1);
    for (const t of ticks) expect(t).toMatch(/^\d{4}$/);
    expect(new Set(ticks).size).toBe(ticks.length);
  });

  test('the topic map fills its panel, follows a resize, and no two topic labels overlap', async () => {
    await open('?tab=map', '[data-testid=map-centroid]');
    const fits = async (): Promise<void> => {
      const panel = await page.locator('[data-testid=topic-map]').evaluate((el) => el.parentElement!.clientWidth);
      const canvas = await page.locator('[data-testid=topic-map] canvas').evaluate((el) => el.clientWidth);
      // The panel's content box: its width less 2 × 14 px padding.
      expect(Math.abs(canvas - (panel - 28))).toBeLessThanOrEqual(1);
    };
    await expect.poll(fits).toBeUndefined();
    await page.setViewportSize({ width: 900, height: 1000 });
    await expect.poll(fits).toBeUndefined();

    const boxes = await page.locator('[data-testid=topic-map] svg text').evaluateAll((els) =>
      els.map((el) => {
        const r = el.getBoundingClientRect();
        return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
      }),
    );
    expect(boxes.length).toBeGreaterThan(0);
    for (let i = 0; i < boxes.length; i++)
      for (let j = i + 1; j < boxes.length; j++) expect(boxesIntersect(boxes[i]!, boxes[j]!)).toBe(false);
  });
});
