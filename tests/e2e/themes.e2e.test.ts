/**
 * Themes in the dashboard (issue 15), on the real pipeline output: a theme's rows are the sums of its topics' trends
 * rows as native DuckDB adds them (counts exactly; shares add up at both levels), the chart and the topic list show
 * themes and expand to their topics, the level is in the URL, and downloads say which level they hold.
 */
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parquetViews, runQuery } from '../src/node-duckdb.ts';
import type { TopicTreeRow, TrendRow } from '../../src/schema.ts';
import { groupTrendRows, themeGrouping } from '../../src/lib/queries/topic-groups.ts';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');

let browser: Browser;
let page: Page;
let db: DuckDBConnection;
let tree: TopicTreeRow[];

const sql = (text: string): Promise<Record<string, unknown>[]> => runQuery(db, { text, params: [], tables: [] });
const key = (r: Record<string, unknown>): string =>
  `${String(r['granularity'])}|${String(r['period_start'])}|${String(r['id'])}`;

beforeAll(async () => {
  db = await parquetViews(dataDir);
  tree = (await sql('SELECT cluster_id, theme_id, theme_label FROM topic_tree ORDER BY cluster_id')) as never;
  browser = await launchChromium();
  page = await (await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true })).newPage();
});

afterAll(async () => {
  await browser?.close();
});

async function download(selector: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

describe('themes', () => {
  test("groupTrendRows(rows, themes) equals native DuckDB's sums of each theme's topics, at every granularity", async () => {
    const trends = (await sql(
      `SELECT granularity, strftime(period_start, '%Y-%m-%d') AS period_start, cluster_id, doc_count, period_total,
         share, coverage FROM trends`,
    )) as unknown as TrendRow[];
    const grouped = groupTrendRows(trends, themeGrouping(tree).shownIdOf);
    const expected = await sql(
      `SELECT granularity, strftime(period_start, '%Y-%m-%d') AS period_start, theme_id AS id,
         sum(doc_count)::INTEGER AS doc_count, sum(share) AS share_sum, max(period_total) AS period_total
       FROM trends JOIN topic_tree USING (cluster_id) GROUP BY ALL`,
    );
    expect(grouped.length).toBe(expected.length);
    const byKey = new Map(grouped.map((r) => [key({ ...r, id: r.cluster_id }), r]));
    for (const e of expected) {
      const row = byKey.get(key(e))!;
      expect(row.doc_count).toBe(e['doc_count']);
      expect(row.share).toBe(row.doc_count / Number(e['period_total']));
      expect(row.share).toBeCloseTo(Number(e['share_sum']), 12);
    }
    // Shares add up to the same total at both levels (1 where every paper of the period has a topic).
    const totals = await sql(`SELECT granularity, period_start, sum(share) AS s FROM trends GROUP BY ALL`);
    expect(totals.length).toBeGreaterThan(0);
    const themeTotals = new Map<string, number>();
    for (const r of grouped) {
      const k = `${r.granularity}|${r.period_start}`;
      themeTotals.set(k, (themeTotals.get(k) ?? 0) + r.share);
    }
    for (const [, s] of themeTotals) expect(s).toBeCloseTo(1, 12);
  });

  test('the chart, legend and list show themes, expand to their topics; downloads and the URL say the level', async () => {
    await page.goto(`${baseUrl}?g=quarter`);
    await page.waitForSelector('[data-testid=trend-chart] path[data-cluster]', { timeout: 45_000 });
    await page.selectOption('[data-testid=level]', 'theme');
    await page.waitForURL(/level=theme/);
    const themeCount = new Set(tree.map((r) => r.theme_id)).size;
    await expect.poll(() => page.locator('[data-testid=legend-item]').count()).toBe(themeCount);
    const labels = new Map(tree.map((r) => [r.theme_id, r.theme_label]));
    for (const [id, label] of labels)
      expect(await page.locator(`[data-testid=legend-item][data-cluster="${id}"]`).innerText()).toBe(label);
    expect(await page.locator('#topics-title').innerText()).toBe('Themes');

    const first = tree[0]!.theme_id;
    const members = tree.filter((r) => r.theme_id === first).map((r) => r.cluster_id);
    const details = page.locator(`[data-testid=cluster-list] li:has(button[data-cluster="${first}"]) details`);
    await details.locator('summary').click();
    expect(
      await details.locator('li').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-topic')))),
    ).toEqual(members);

    const csv = await download('[data-testid=download-csv]');
    expect(csv.name).toMatch(/^topic-trends_themes_quarter_count_/);
    const rows = parse<Record<string, string>>(csv.text, { columns: true, bom: true });
    const sums = await sql(
      `SELECT strftime(period_start, '%Y-%m-%d') AS period_start, theme_id, sum(doc_count)::INTEGER AS n
       FROM trends JOIN topic_tree USING (cluster_id) WHERE granularity = 'quarter' GROUP BY ALL`,
    );
    const expected = new Map(
      sums.map((r) => [`${String(r['period_start'])}|${String(r['theme_id'])}`, Number(r['n'])]),
    );
    expect(rows.length).toBeGreaterThan(themeCount);
    for (const r of rows) {
      expect(Number(r['count'])).toBe(expected.get(`${r['period_start']}|${r['cluster_id']}`));
      expect(r['label']).toBe(labels.get(Number(r['cluster_id'])));
    }
    const json = await download('[data-testid=download-json]');
    expect(json.name).toMatch(/^topic-trends_themes_/);
    expect((JSON.parse(json.text) as { meta: { level: string } }).meta.level).toBe('theme');

    await page.selectOption('[data-testid=level]', 'topic');
    await expect.poll(() => page.locator('[data-testid=legend-item]').count()).toBe(tree.length);
    const topicJson = await download('[data-testid=download-json]');
    expect((JSON.parse(topicJson.text) as { meta: { level: string } }).meta.level).toBe('topic');
  });

  test("on the map at the theme level, a topic's marker selects its theme and every topic of the theme is shown selected", async () => {
    const topic = tree[tree.length - 1]!;
    const siblings = tree.filter((r) => r.theme_id === topic.theme_id).map((r) => r.cluster_id);
    await page.goto(`${baseUrl}?level=theme&tab=map`);
    await page.click(`[data-testid=map-centroid][data-cluster="${topic.cluster_id}"]`, { timeout: 45_000 });
    await page.waitForURL(new RegExp(`sel=${topic.theme_id}(&|$)`));
    const pressed = await page
      .locator('[data-testid=map-centroid][aria-pressed=true]')
      .evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-cluster'))));
    expect(pressed.sort((a, b) => a - b)).toEqual(siblings);
  });
});
