/**
 * Names and merges people choose (issue 15), in Chromium on the real pipeline output: renaming a topic (with markup
 * in the name, shown as text), merging two (the chart's CSV sums their trends rows as Node DuckDB reads them), the
 * downloaded overrides file, and a manifest.overrides (as `--overrides` writes it) shown from the first paint.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parquetViews, runQuery } from '../src/node-duckdb.ts';
import type { Manifest } from '../../src/schema.ts';
import { parseOverridesText } from '../../src/shared/topic-overrides.ts';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const HOSTILE = '<img src=x onerror="window.__pwned=1">Agents & tools';

let browser: Browser;
let context: BrowserContext;
let page: Page;
let db: DuckDBConnection;
let manifest: Manifest;

beforeAll(async () => {
  browser = await launchChromium();
  db = await parquetViews(dataDir);
  manifest = JSON.parse(await readFile(join(dataDir, 'manifest.json'), 'utf8')) as Manifest;
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

async function download(selector: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

const legendText = (id: number): Promise<string> =>
  page.locator(`[data-testid=legend-item][data-cluster="${id}"]`).innerText();
const select = (id: number): Promise<void> => page.click(`[data-testid=cluster-list] button[data-cluster="${id}"]`);

async function nameSelected(name: string): Promise<void> {
  await page.fill('[data-testid=topic-name-input]', name);
  await page.click('[data-testid=topic-name-apply]');
}

describe('renaming and merging topics in the dashboard', () => {
  test('a rename shows as text in the legend and list; a merge sums the two series exactly; the file holds both', async () => {
    await open('?g=quarter');
    const k = manifest.k;
    await select(3);
    await nameSelected(HOSTILE);
    await expect.poll(() => legendText(3)).toBe(HOSTILE);
    expect(await page.locator('[data-testid=cluster-list] button[data-cluster="3"] .label').innerText()).toBe(HOSTILE);
    expect(await page.locator('.side img, .legend img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await select(3);
    await select(5);
    await select(7);
    await nameSelected(' ');
    await expect(page.locator('[data-testid=topic-name-error]').innerText()).resolves.toMatch(/1 to 80 characters/);
    await nameSelected('Merged five and seven');
    await expect.poll(() => page.locator('[data-testid=legend-item]').count()).toBe(k - 1);
    expect(await page.locator('[data-testid=legend-item][data-cluster="7"]').count()).toBe(0);
    expect(await legendText(5)).toBe('Merged five and seven');
    expect(await page.locator('[data-testid=trend-chart] path[data-cluster="7"]').count()).toBe(0);

    const csv = await download('[data-testid=download-csv]');
    const rows = parse<Record<string, string>>(csv.text, { columns: true, bom: true });
    const merged = rows.filter((r) => r['cluster_id'] === '5');
    expect(rows.some((r) => r['cluster_id'] === '7')).toBe(false);
    expect(new Set(merged.map((r) => r['label']))).toEqual(new Set(['Merged five and seven']));
    const sums = await runQuery(db, {
      text: `SELECT strftime(period_start, '%Y-%m-%d') AS period_start, sum(doc_count)::INTEGER AS n
FROM trends WHERE granularity = 'quarter' AND cluster_id IN (5, 7) GROUP BY period_start`,
      params: [],
      tables: [],
    });
    const expected = new Map(sums.map((r) => [String(r['period_start']), Number(r['n'])]));
    expect(merged.length).toBeGreaterThan(4);
    for (const r of merged) expect(Number(r['count']), r['period_start']).toBe(expected.get(r['period_start']!));
    expect(rows.filter((r) => r['cluster_id'] === '3').every((r) => r['label'] === HOSTILE)).toBe(true);

    const file = await download('[data-testid=download-overrides]');
    expect(file.name).toBe(`topic-overrides-${manifest.runId}.json`);
    expect(parseOverridesText(file.text, file.name, { runId: manifest.runId, k })).toEqual({
      version: 1,
      runId: manifest.runId,
      renames: [{ topic: 3, name: HOSTILE }],
      merges: [{ topics: [5, 7], name: 'Merged five and seven' }],
    });
  });

  test('the topic map names a renamed topic as the user named it', async () => {
    await open();
    await select(3);
    await nameSelected('Renamed on the map');
    await expect.poll(() => legendText(3)).toBe('Renamed on the map');
    await page.click('[data-testid=tab-map]');
    await expect
      .poll(() => page.locator('[data-testid=map-centroid][data-cluster="3"]').getAttribute('aria-label'), {
        timeout: 45_000,
      })
      .toBe('Select topic Renamed on the map');
  });

  test('an output with manifest.overrides opens with its names and merges', async () => {
    const named = join(dirname(dataDir), 'named');
    await cp(dataDir, named, { recursive: true });
    const overrides = {
      file: 'overrides.json',
      sourceRunId: manifest.runId,
      renames: [{ topic: 1, name: 'Kept name' }],
      merges: [{ topics: [2, 4], name: 'Kept merge' }],
      notes: [],
    };
    await writeFile(join(named, 'manifest.json'), JSON.stringify({ ...manifest, overrides }));
    await open('?data=data/named/');
    expect(await legendText(1)).toBe('Kept name');
    expect(await legendText(2)).toBe('Kept merge');
    expect(await page.locator('[data-testid=legend-item]').count()).toBe(manifest.k - 1);
    expect(await page.locator('[data-testid=topic-overrides] li').allInnerTexts()).toEqual([
      'Topics 2 + 4: “Kept merge” Undo',
      'Topic 1: “Kept name” Undo',
    ]);
  });
});
