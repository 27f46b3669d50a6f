/**
 * Issue 15, "Why a topic is rising": on the real pipeline output of the default corpus, the terms behind the
 * fastest-rising topic. Node DuckDB lays growth's windows again in plain SQL (the last 6 whole months of 30 or more
 * papers, and the 6 before) and counts a term there directly; the dashboard's emerging panel and its downloads must
 * show the same terms, counts and z, read from only the shown topics' row groups of `cluster_term_months`.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import { readFile, stat } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { runQuery } from '../src/node-duckdb.ts';
import { termChanges, type TopicTermChanges, type WindowTermCount } from '../../src/lib/queries/why-rising.ts';
import { windowTermCountsQuery } from '../reference-sql/why-rising.ts';
import { windowPapersQuery } from '../reference-sql/window-papers.ts';
import type { WindowPaper } from '../../src/lib/queries/window-papers.ts';
import type { GrowthMonths } from '../../src/lib/queries/growth-months.ts';
import { MIN_PERIOD_PAPERS, Z_CRITICAL } from '../../src/shared/growth.ts';
import { DEFAULT_PRIOR_TOTAL } from '../../src/shared/log-odds.ts';
import { parquetFileOf, TABLES, type Manifest } from '../../src/schema.ts';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');

let browser: Browser;
let context: BrowserContext;
let page: Page;
let db: DuckDBConnection;
let manifest: Manifest;
/** The stored fastest-rising topic, growth's windows laid in SQL, and the module's answer over them. */
let rising: { cluster_id: number; label: string };
let months: GrowthMonths;
let changes: TopicTermChanges;

async function sql(text: string, params: (string | number)[] = []): Promise<Record<string, unknown>[]> {
  return runQuery(db, { text, params, tables: [] });
}

beforeAll(async () => {
  browser = await launchChromium();
  // Only the tables read here: a table the run did not write (e.g. lineage without --previous) needs no view.
  db = await (await DuckDBInstance.create(':memory:')).connect();
  for (const key of ['clusters', 'trends', 'documents', 'clusterTermMonths'] as const) {
    const path = `${dataDir}/${parquetFileOf(TABLES[key])}`.replace(/'/g, "''");
    await db.run(`CREATE VIEW ${TABLES[key].name} AS SELECT * FROM read_parquet('${path}')`);
  }
  manifest = JSON.parse(await readFile(`${dataDir}/manifest.json`, 'utf8')) as Manifest;
  expect(manifest.defaultGranularity).toBe('month');
  const [top] = await sql(
    `SELECT cluster_id, label FROM clusters WHERE trend_direction = 'rising' ORDER BY growth DESC, cluster_id LIMIT 1`,
  );
  rising = { cluster_id: Number(top?.['cluster_id']), label: String(top?.['label']) };
  const window = manifest.parameters.growthWindow;
  const periods = await sql(
    `SELECT strftime(period_start, '%Y-%m-%d') AS month, row_number() OVER (ORDER BY period_start DESC) AS back
FROM (SELECT DISTINCT period_start FROM trends
  WHERE granularity = 'month' AND coverage >= 1 AND period_total >= ?)
ORDER BY period_start`,
    [MIN_PERIOD_PAPERS],
  );
  const lay = (from: number, to: number): string[] =>
    periods.filter((p) => Number(p['back']) >= from && Number(p['back']) <= to).map((p) => String(p['month']));
  months = { before: lay(window + 1, 2 * window), recent: lay(1, window) };
  const counts = (await runQuery(
    db,
    windowTermCountsQuery([rising.cluster_id], months),
  )) as unknown as WindowTermCount[];
  changes = termChanges(counts, 5, Z_CRITICAL).get(rising.cluster_id)!;
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

async function download(selector: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  return { name: file.suggestedFilename(), text: await readFile(await file.path(), 'utf8') };
}

describe('why a topic is rising (issue 15)', () => {
  test("a rising topic's top growing term: its counts in the two windows equal a direct count in DuckDB", async () => {
    expect(months.before).toHaveLength(manifest.parameters.growthWindow);
    expect(months.recent).toHaveLength(manifest.parameters.growthWindow);
    expect(changes.growing.length).toBeGreaterThan(0);
    const term = changes.growing[0]!;
    const direct = async (stem: string | null, window: readonly string[]): Promise<Record<string, unknown>> => {
      const [row] = await sql(
        `SELECT coalesce(sum(term_count), 0)::DOUBLE AS n, coalesce(sum(doc_count), 0)::INTEGER AS docs
FROM cluster_term_months WHERE cluster_id = ? AND stem IS NOT DISTINCT FROM ?::VARCHAR
  AND strftime(period_start, '%Y-%m-%d') IN (${window.map(() => '?').join(', ')})`,
        [rising.cluster_id, stem as string, ...window],
      );
      return row!;
    };
    const [yb, ya, nb, na] = await Promise.all([
      direct(term.stem, months.before),
      direct(term.stem, months.recent),
      direct(null, months.before),
      direct(null, months.recent),
    ]);
    expect([term.count_before, term.count_recent]).toEqual([yb['n'], ya['n']]);
    expect([changes.total_before, changes.total_recent]).toEqual([nb['n'], na['n']]);
    // The topic's papers in each window: the documents table and the trends table agree with the total rows.
    for (const [window, papers] of [
      [months.before, changes.papers_before],
      [months.recent, changes.papers_recent],
    ] as const) {
      const marks = window.map(() => '?').join(', ');
      const [docs] = await sql(
        `SELECT count(*)::INTEGER AS n FROM documents WHERE cluster_id = ? AND date_precision IN ('day', 'month')
  AND strftime(date_trunc('month', date), '%Y-%m-%d') IN (${marks})`,
        [rising.cluster_id, ...window],
      );
      const [trend] = await sql(
        `SELECT sum(doc_count)::INTEGER AS n FROM trends WHERE granularity = 'month' AND cluster_id = ?
  AND strftime(period_start, '%Y-%m-%d') IN (${marks})`,
        [rising.cluster_id, ...window],
      );
      expect(docs!['n']).toBe(papers);
      expect(trend!['n']).toBe(papers);
    }
    // z from the direct counts, the formula written out in SQL.
    const [z] = await sql(
      `WITH c AS (SELECT ?::DOUBLE AS ya, ?::DOUBLE AS na, ?::DOUBLE AS yb, ?::DOUBLE AS nb, ?::DOUBLE AS a0),
p AS (SELECT *, a0 * (ya + yb) / (na + nb) AS aw FROM c)
SELECT (ln((ya + aw) / (na + a0 - ya - aw)) - ln((yb + aw) / (nb + a0 - yb - aw)))
  / sqrt(1 / (ya + aw) + 1 / (yb + aw)) AS z FROM p`,
      [Number(ya['n']), Number(na['n']), Number(yb['n']), Number(nb['n']), DEFAULT_PRIOR_TOTAL],
    );
    expect(term.z).toBeCloseTo(Number(z!['z']), 9);
    expect(term.z).toBeGreaterThanOrEqual(Z_CRITICAL);
    console.log(
      `topic ${rising.cluster_id} (${rising.label}), ${months.before[0]}..${months.before.at(-1)} -> ${months.recent[0]}..${months.recent.at(-1)}\n` +
        `  growing: ${changes.growing.map((t) => `${t.term} ${t.count_before}->${t.count_recent} z=${t.z.toFixed(2)}`).join('; ')}\n` +
        `  shrinking: ${changes.shrinking.map((t) => `${t.term} ${t.count_before}->${t.count_recent} z=${t.z.toFixed(2)}`).join('; ')}`,
    );
  });

  test('the emerging panel shows the terms of the rising topic, and the downloads hold them', async () => {
    // Issue 13: the shown topics' months of cluster_term_months are read by range requests, never the whole file.
    const reads: { range: boolean; bytes: Promise<number> }[] = [];
    context.on('requestfinished', (request) => {
      if (!request.url().includes('cluster_term_months.parquet') || request.method() !== 'GET') return;
      reads.push({
        range: request.headers()['range'] !== undefined,
        bytes: request.sizes().then((s) => s.responseBodySize),
      });
    });
    await page.goto(baseUrl);
    const why = `[data-testid=rising-list] [data-testid=why][data-cluster="${rising.cluster_id}"]`;
    await page.waitForSelector(why, { timeout: 90_000 });
    expect(reads.length).toBeGreaterThan(1);
    expect(reads.every((r) => r.range)).toBe(true);
    // hyparquet fetches a file's last 512 KiB for its footer: on this small file that is most of it, so the test is
    // that the table was never loaded into DuckDB-WASM and less than the whole file came.
    const fileBytes = (await stat(`${dataDir}/cluster_term_months.parquet`)).size;
    const readBytes = (await Promise.all(reads.map((r) => r.bytes))).reduce((a, b) => a + b, 0);
    expect(readBytes).toBeLessThan(fileBytes);
    expect(await page.evaluate(() => performance.getEntriesByName('load cluster_term_months').length)).toBe(0);
    const summary = (await page.textContent(`${why} [data-testid=why-growing]`)) ?? '';
    expect(summary).toBe(
      changes.growing
        .slice(0, 3)
        .map((t) => t.term)
        .join(', '),
    );
    await page.click(`${why} summary`);
    const rows = await page.$$eval(`${why} tbody tr`, (trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
    );
    expect(rows.map((r) => [r[0], Number(r[1]), Number(r[2])])).toEqual(
      [...changes.growing, ...changes.shrinking].map((t) => [t.term, t.count_before, t.count_recent]),
    );
    const papers = (await runQuery(db, windowPapersQuery([rising.cluster_id], months, 3))) as unknown as WindowPaper[];
    await page.waitForSelector(`${why} [data-testid=why-papers] li`, { timeout: 60_000 });
    const shownPapers = await page.$$eval(`${why} [data-testid=why-papers] li`, (lis) =>
      lis.map((li) => li.textContent ?? ''),
    );
    expect(shownPapers).toHaveLength(papers.length);
    papers.forEach((p, i) => expect(shownPapers[i]).toContain(p.title));
    for (const p of papers) expect(months.recent).toContain(`${p.date.slice(0, 7)}-01`);

    const csv = await download('[data-testid=why-terms-download] + [role=group] [data-testid=download-csv]');
    expect(csv.name).toMatch(/^topic-trends_why-terms_.*\.csv$/);
    const records = parse<Record<string, string>>(csv.text, { columns: true });
    const mine = records.filter((r) => Number(r['cluster_id']) === rising.cluster_id);
    expect(mine.filter((r) => r['change'] === 'growing').map((r) => r['term'])).toEqual(
      changes.growing.map((t) => t.term),
    );
    for (const [r, t] of mine.map((r, i) => [r, [...changes.growing, ...changes.shrinking][i]!] as const)) {
      expect([r['stem'], Number(r['count_before']), Number(r['count_recent'])]).toEqual([
        t.stem,
        t.count_before,
        t.count_recent,
      ]);
      expect(Number(r['z'])).toBeCloseTo(t.z, 9);
      expect(r['months_recent']).toBe(months.recent.join(' '));
      expect(r['months_before']).toBe(months.before.join(' '));
      expect(r['run_id']).toBe(manifest.runId);
      expect(r['label']).toBe(rising.label);
    }
    const json = await download('[data-testid=why-terms-download] + [role=group] [data-testid=download-json]');
    const body = JSON.parse(json.text) as { meta: { runId: string; series: { id: number }[] }; rows: unknown[] };
    expect(body.meta.runId).toBe(manifest.runId);
    expect(body.meta.series.map((s) => s.id)).toContain(rising.cluster_id);
    expect(body.rows).toHaveLength(records.length);

    const paperCsv = await download('[data-testid=why-papers-download] + [role=group] [data-testid=download-csv]');
    const paperRows = parse<Record<string, string>>(paperCsv.text, { columns: true }).filter(
      (r) => Number(r['cluster_id']) === rising.cluster_id,
    );
    expect(paperRows.map((r) => r['doc_id'])).toEqual(papers.map((p) => p.doc_id));
  }, 180_000);
});
