/**
 * Issue 6 features on the real pipeline output: emerging/fading topics, the topic map and the split by
 * label, each checked against the same data read by Node DuckDB from the served Parquet files.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import { readFile } from 'node:fs/promises';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parquetViews, runQuery } from '../src/node-duckdb.ts';
import { toCsv } from '../../src/lib/export/csv.ts';
import { withRunId } from '../../src/lib/export/provenance.ts';
import { rankGrowth, type ClusterGrowth } from '../../src/lib/queries/growth.ts';
import { windowGrowthQuery } from '../reference-sql/growth.ts';
import { labelSplitQuery } from '../../src/lib/queries/label-split.ts';
import {
  mapCentroidsQuery,
  mapPointsQuery,
  type MapCentroid,
  type MapPoint,
} from '../../src/lib/queries/map-points.ts';
import { mapScales, nearestPoint, screenIndex } from '../../src/lib/charts/map-layout.ts';
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

async function open(search: string, ready: string): Promise<void> {
  await page.goto(`${baseUrl}${search}`);
  await page.waitForSelector(ready, { timeout: 45_000 });
}

async function download(selector: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

async function sql(text: string, params: (string | number)[] = []): Promise<Record<string, unknown>[]> {
  return runQuery(db, { text, params, tables: [] });
}

describe('issue 6 features on the real pipeline output', () => {
  test('rising and falling lists show the stored growth, then growth recomputed for a range; clicking selects', async () => {
    await open('', '[data-testid=rising-falling]');
    const stored = (await sql(
      'SELECT cluster_id, label, growth, growth_z, trend_direction FROM clusters ORDER BY cluster_id',
    )) as unknown as ClusterGrowth[];
    const ranked = rankGrowth(stored, 5);
    const shown = (list: string) =>
      page
        .locator(`[data-testid=${list}-list] button`)
        .evaluateAll((els) => els.map((e) => Number(e.dataset['cluster'])));
    expect(await shown('rising')).toEqual(ranked.rising.map((r) => r.cluster_id));
    expect(await shown('falling')).toEqual(ranked.falling.map((r) => r.cluster_id));
    expect(ranked.rising.length + ranked.falling.length).toBeGreaterThan(0);

    const range = { from: '2022-06-01', to: '2024-05-31' };
    await page.fill('[data-testid=from]', range.from);
    await page.dispatchEvent('[data-testid=from]', 'change');
    await page.fill('[data-testid=to]', range.to);
    await page.dispatchEvent('[data-testid=to]', 'change');
    const window = Number(manifest.parameters['growthWindow']);
    const minPapers = Number(manifest.parameters['growthMinPapers']);
    const recomputed = (await runQuery(
      db,
      windowGrowthQuery(manifest.defaultGranularity, range, { window, minPapers }),
    )) as unknown as ClusterGrowth[];
    const inRange = rankGrowth(recomputed, 5);
    expect(inRange).not.toEqual(ranked);
    await expect.poll(() => shown('rising')).toEqual(inRange.rising.map((r) => r.cluster_id));
    expect(await shown('falling')).toEqual(inRange.falling.map((r) => r.cluster_id));

    const first = inRange.rising[0] ?? inRange.falling[0];
    await page.click(`[data-testid=rising-falling] button[data-cluster="${first?.cluster_id}"]`);
    await page.waitForSelector(`[data-testid=cluster-detail][data-cluster="${first?.cluster_id}"]`);
    // The URL follows the view one frame after the DOM (Dashboard.svelte).
    await page.waitForURL(/[?&]sel=/);
    expect(new URL(page.url()).searchParams.get('sel')).toBe(String(first?.cluster_id));
  });

  test('the topic map draws its points; hovering one shows its title as text; clicking selects its topic', async () => {
    const points = (await runQuery(db, mapPointsQuery())) as unknown as MapPoint[];
    const centroids = (await runQuery(db, mapCentroidsQuery())) as unknown as MapCentroid[];
    expect(points.length).toBeGreaterThan(0);
    await open('?tab=map', `[data-testid=topic-map][data-active="${points.length}"]`);
    const map = page.locator('[data-testid=topic-map]');
    expect(await map.getAttribute('data-points')).toBe(String(points.length));
    const painted = await page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('[data-testid=topic-map] canvas');
      const data = canvas?.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) n++;
      return n;
    });
    expect(painted).toBeGreaterThan(points.length / 4);

    // Hover where the test's own layout (same pure functions, same rows) puts a point, and expect the point the
    // quadtree finds there.
    const box = await map.boundingBox();
    if (!box) throw new Error('map not visible');
    const scales = mapScales([...points, ...centroids], box.width, box.height, 24);
    const target = points[Math.floor(points.length / 2)];
    if (!target) throw new Error('no point');
    const px = Math.round(box.x + scales.x(target.x));
    const py = Math.round(box.y + scales.y(target.y));
    const hit = points[nearestPoint(screenIndex(points, scales), px - box.x, py - box.y, 8) ?? -1];
    await page.mouse.move(px, py);
    await expect.poll(() => page.locator('[data-testid=map-tip] .title').textContent()).toBe(hit?.title);
    await page.mouse.click(px, py);
    await page.waitForURL(new RegExp(`sel=${hit?.cluster_id}(&|$)`));
    await expect
      .poll(async () => Number(await map.getAttribute('data-active')))
      .toBe(points.filter((p) => p.cluster_id === hit?.cluster_id).length);
  });

  test('a selected topic splits its trend by label; the CSV equals label_trends in Node DuckDB, with the run id', async () => {
    const [top] = await sql('SELECT cluster_id FROM clusters ORDER BY size DESC, cluster_id LIMIT 1');
    const id = Number(top?.['cluster_id']);
    await open(`?sel=${id}&g=quarter`, '[data-testid=label-split] [data-testid=label-chart] path[data-cluster]');
    const split = page.locator('[data-testid=label-split]');
    const expectedRows = await runQuery(db, labelSplitQuery(id, 'quarter', { from: null, to: null }, 5));
    const labels = new Set(expectedRows.map((r) => r['label']));
    expect(labels.size).toBeGreaterThan(1);
    expect(await split.getAttribute('data-series')).toBe(String(labels.size));
    expect(await page.locator('[data-testid=label-chart] path[data-cluster]').count()).toBe(labels.size);
    const csv = await download('[data-testid=label-split] [data-testid=download-csv]');
    const first = String(expectedRows[0]?.['period_start']).slice(0, 7);
    expect(csv.name).toBe(
      `topic-trends_topic-${id}-labels_quarter_count_${first}_${manifest.dateRange!.last.slice(0, 7)}.csv`,
    );
    expect(csv.text).toBe(
      toCsv(
        withRunId(
          expectedRows.map((r) => ({ ...r }) as Record<string, string | number>),
          manifest.runId,
        ),
        ['period_start', 'label', 'doc_count', 'run_id'],
      ),
    );
  });

  test("the topic detail's range-local terms download with a name saying the topic and months, and the run id", async () => {
    const [top] = await sql('SELECT cluster_id FROM clusters ORDER BY size DESC, cluster_id LIMIT 1');
    const id = Number(top?.['cluster_id']);
    await open(`?sel=${id}&from=2025-01-01&to=2025-12-31`, '[data-testid=range-terms] svg');
    const panel = page.locator('[data-testid=range-terms]');
    const csv = await download('[data-testid=range-terms] [data-testid=download-csv]');
    expect(csv.name).toBe(`topic-trends_topic-${id}-range-terms_c-tf-idf_2025-01_2025-12.csv`);
    const [header, ...rows] = csv.text.trimEnd().split('\r\n');
    expect(header).toBe('rank,term,stem,weight,doc_count,run_id');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.endsWith(`,${manifest.runId}`)).toBe(true);
    const firstTerm = rows[0]!.split(',')[1]!;
    await expect(panel.textContent()).resolves.toContain(firstTerm);

    const json = JSON.parse((await download('[data-testid=range-terms] [data-testid=download-json]')).text) as {
      meta: Record<string, unknown>;
      rows: unknown[];
    };
    expect(json.meta).toMatchObject({
      view: 'topic top terms',
      granularity: null,
      dateRange: { from: '2025-01-01', to: '2025-12-31' },
      selected: [id],
      runId: manifest.runId,
    });
    expect(json.rows).toHaveLength(rows.length);
  });
});
