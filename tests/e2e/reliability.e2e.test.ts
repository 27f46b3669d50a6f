/**
 * Issue 5 (reliability), dashboard side: broken data folders give a message in the page, never a blank screen;
 * hostile search strings in the URL reach DuckDB only as parameters; downloaded CSV cells that a spreadsheet
 * would run as formulas are defused. The broken folders are made here, beside the served pipeline output, from
 * a copy of it (tests/e2e/global-setup.ts serves the parent of `dataDir` at /data/).
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import { parquetViews, runQuery } from '../src/node-duckdb.ts';
import { papersCountQuery } from '../reference-sql/papers.ts';
import { plural } from '../../src/lib/format/plural.ts';
import { realRecordsOfMonth, runPipelineOn } from './one-month-corpus.ts';
import { OutputDatabase, parquetRelation } from '../../pipelines/write/output-database.ts';
import { writeTitleIndex } from '../../pipelines/write/title-index.ts';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');
const dataRoot = dirname(dataDir);

/** Titles a spreadsheet would evaluate (OWASP "CSV Injection"), planted in a copy of the documents table. */
const FORMULA_TITLES = [
  '=HYPERLINK("http://example.invalid/x","click") formula title',
  '+SUM(1,1) formula title',
  '-2+3 formula title',
  '@SUM(A1) formula title',
];

let browser: Browser;
let context: BrowserContext;
let page: Page;
let db: DuckDBConnection;
let pageErrors: string[];

async function brokenCopy(name: string, breakIt: (dir: string) => Promise<void>): Promise<void> {
  const dir = join(dataRoot, name);
  await rm(dir, { recursive: true, force: true });
  await cp(dataDir, dir, { recursive: true });
  await breakIt(dir);
}

/** Rewrites one Parquet file of `dir` through Node DuckDB with `select` over `t` (the original table). */
async function rewriteParquet(dir: string, file: string, select: string): Promise<void> {
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const path = join(dir, file).replaceAll("'", "''");
  await connection.run(`CREATE TABLE t AS SELECT * FROM read_parquet('${path}')`);
  await connection.run(`COPY (${select}) TO '${path}' (FORMAT parquet)`);
  connection.closeSync();
}

beforeAll(async () => {
  browser = await launchChromium();
  db = await parquetViews(dataDir);
  await brokenCopy('rel-missing-table', (dir) => rm(join(dir, 'clusters.parquet')));
  await brokenCopy('rel-bad-manifest', (dir) => writeFile(join(dir, 'manifest.json'), '{"schemaVersion": 2, "tabl'));
  await brokenCopy('rel-empty-parquet', (dir) => writeFile(join(dir, 'clusters.parquet'), ''));
  await brokenCopy('rel-schema-mismatch', (dir) =>
    rewriteParquet(dir, 'clusters.parquet', 'SELECT cluster_id::VARCHAR AS topic, 1.5 AS unexpected FROM t'),
  );
  await brokenCopy('rel-type-mismatch', (dir) =>
    rewriteParquet(dir, 'clusters.parquet', 'SELECT * REPLACE (cluster_id::VARCHAR AS cluster_id) FROM t'),
  );
  await brokenCopy('rel-formula', async (dir) => {
    const ids = (
      await runQuery(db, { text: 'SELECT doc_id FROM documents ORDER BY doc_id LIMIT 4', params: [], tables: [] })
    ).map((row) => String(row['doc_id']));
    const cases = ids.map((id, i) => `WHEN '${id}' THEN '${FORMULA_TITLES[i]!.replaceAll("'", "''")}'`).join(' ');
    await rewriteParquet(
      dir,
      'documents.parquet',
      `SELECT * REPLACE (CASE doc_id ${cases} ELSE title END AS title) FROM t`,
    );
    // The title index is derived from documents: written again for the new titles, as a run writes it.
    const database = await OutputDatabase.open(await mkdtemp(join(tmpdir(), 'rel-formula-')));
    try {
      await writeTitleIndex(database, parquetRelation(dir, 'documents', true), dir);
    } finally {
      database.close();
    }
  });
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  pageErrors = [];
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  await context.route('**/*', (route) =>
    new URL(route.request().url()).hostname === '127.0.0.1' ? route.continue() : route.abort(),
  );
  page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
});

afterEach(async () => {
  await context.close();
});

async function open(search: string): Promise<void> {
  await page.goto(`${baseUrl}${search}`);
  await page.waitForSelector('[data-testid=trend-chart] path[data-cluster], [data-testid=data-error]', {
    timeout: 45_000,
  });
}

async function downloadText(testId: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testId}]`)]);
  return readFile(await download.path(), 'utf8');
}

describe('a broken data folder shows a message in the page, not a blank screen', () => {
  test.each([
    ['a Parquet file missing', 'rel-missing-table', /clusters\.parquet/],
    ['a manifest that is not JSON', 'rel-bad-manifest', /manifest\.json is not valid JSON/],
    ['an empty Parquet file', 'rel-empty-parquet', /clusters\.parquet/],
    ['a Parquet file with other columns', 'rel-schema-mismatch', /clusters\.parquet has no column "cluster_id"/],
    [
      'a Parquet column of another type',
      'rel-type-mismatch',
      /clusters\.parquet: column "cluster_id" is stored as BYTE_ARRAY, expected INTEGER/,
    ],
  ])('%s', async (_case, folder, message) => {
    await open(`?data=data/${folder}/`);
    const error = page.locator('[data-testid=data-error]');
    await expect.poll(() => error.textContent()).toMatch(message);
    expect(await error.textContent()).toContain('npm run pipeline');
  });
});

describe('hostile search strings in the URL', () => {
  const count = async (needle: string): Promise<number> => {
    const [row] = await runQuery(
      db,
      papersCountQuery({ clusterIds: [], range: { from: null, to: null }, titleSearch: needle }),
    );
    return Number(row?.['n']);
  };

  test.each([
    "'; DROP TABLE documents; --",
    "%' OR '1'='1",
    'a\'b"c`d',
    '<img src=x onerror="window.__xss=1">',
    "); SELECT * FROM read_csv('/etc/passwd'); --",
  ])('q=%s lists exactly the titles with its words, as text', async (needle) => {
    await open(`?q=${encodeURIComponent(needle)}`);
    const expected = await count(needle);
    await expect
      .poll(() => page.locator('[data-testid=papers-total]').textContent(), { timeout: 30_000 })
      .toBe(plural(expected, 'paper'));
    expect(await page.locator('[data-testid=title-search]').inputValue()).toBe(needle);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    // The tables are intact: the chart still draws every topic.
    expect(await page.locator('[data-testid=trend-chart] path[data-cluster]').count()).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
  });

  test.each(['\\', '%', '_'])('q=%s (no letter or digit) says titles are searched by words', async (needle) => {
    await open(`?q=${encodeURIComponent(needle)}`);
    await expect.poll(() => page.locator('[data-testid=papers-hint]').count(), { timeout: 30_000 }).toBe(1);
    expect(await page.locator('[data-testid=papers-total]').count()).toBe(0);
    expect(await page.locator('[data-testid=title-search]').inputValue()).toBe(needle);
    expect(pageErrors).toEqual([]);
  });
});

describe('CSV downloads', () => {
  test('titles starting with = + - @ are written with a leading apostrophe', async () => {
    await open(`?data=data/rel-formula/&q=${encodeURIComponent('formula title')}`);
    await expect
      .poll(() => page.locator('[data-testid=papers-total]').textContent(), { timeout: 30_000 })
      .toBe(`${FORMULA_TITLES.length} papers`);
    // The total and the page render separately: wait for the page too.
    await expect
      .poll(async () => (await page.locator('[data-testid=papers] td.title').allTextContents()).sort(), {
        timeout: 30_000,
      })
      .toEqual([...FORMULA_TITLES].sort());
    const csv = await downloadText('download-papers');
    for (const title of FORMULA_TITLES) {
      const cell = `'${title}`;
      expect(csv).toContain(/[",\r\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
    }
    for (const line of csv.split('\r\n').slice(1, -1)) {
      for (const cell of line.split(',')) expect(cell, line).not.toMatch(/^"?[=+\-@\t\r]/);
    }
  });
});

describe('a refused ?data= value', () => {
  test.each([
    ['another site', 'https://evil.example/', /it is a https: address/],
    ['markup', '<img src=x onerror="window.__xss=1">', /only folder names of letters/],
    ['an absolute path', '/etc/', /it is an absolute path/],
  ])('(%s) is named in a notice, as text, and the default folder is shown', async (_case, value, reason) => {
    const requests: string[] = [];
    page.on('request', (request) => requests.push(request.url()));
    await open(`?data=${encodeURIComponent(value)}`);
    const notice = page.locator('[data-testid=data-url-notice]');
    const text = async (): Promise<string> => ((await notice.textContent()) ?? '').replace(/\s+/g, ' ').trim();
    await expect
      .poll(text)
      .toMatch(/^The data address in the link was refused: .+; showing \.\/data\/main\/ instead\.$/);
    expect(await text()).toMatch(reason);
    expect(await text()).not.toContain('evil');
    expect(await notice.locator('*').count()).toBe(0);
    expect(await page.locator('[data-testid=trend-chart] path[data-cluster]').count()).toBeGreaterThan(0);
    expect(requests.filter((url) => new URL(url).hostname !== '127.0.0.1')).toEqual([]);
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(pageErrors).toEqual([]);
  });

  test('an accepted ?data= value shows no notice', async () => {
    await open('?data=data/main/');
    expect(await page.locator('[data-testid=trend-chart] path[data-cluster]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=data-url-notice]').count()).toBe(0);
  });
});

describe('degenerate date axes, on real pipeline output', () => {
  const MONTH = '2025-06';

  beforeAll(async () => {
    // 400 real papers of one month; the second folder adds one real paper of another month re-dated 1900-01-01.
    const { records, other } = await realRecordsOfMonth(MONTH, 400);
    await rm(join(dataRoot, 'rel-one-month'), { recursive: true, force: true });
    await rm(join(dataRoot, 'rel-one-month-1900'), { recursive: true, force: true });
    await runPipelineOn(records, join(dataRoot, 'rel-one-month'));
    await runPipelineOn([...records, { ...other, date: '1900-01-01' }], join(dataRoot, 'rel-one-month-1900'));
  });

  /** Width and height of every series mark of the main chart, in pixels. */
  async function markSizes(): Promise<{ width: number; height: number }[]> {
    return page.$$eval('[data-testid=trend-chart] path[data-cluster]', (paths) =>
      paths.map((p) => {
        const box = (p as SVGPathElement).getBBox();
        return { width: box.width, height: box.height };
      }),
    );
  }

  test.each(['stacked', 'stream', 'lines'])('a one-month corpus draws visible marks (%s)', async (mode) => {
    await open(`?data=data/rel-one-month/&mode=${mode}`);
    const marks = await markSizes();
    expect(marks.length).toBeGreaterThan(0);
    for (const mark of marks) expect(mark.width).toBeGreaterThanOrEqual(8);
    if (mode !== 'lines') expect(Math.max(...marks.map((m) => m.height))).toBeGreaterThan(20);
    const timeline = await page.$eval('[data-testid=timeline] path.volume', (p) => {
      const box = (p as SVGPathElement).getBBox();
      return box.width * box.height;
    });
    expect(timeline).toBeGreaterThan(0);
    expect(await page.locator('[data-testid=tail-notice]').count()).toBe(0);
    expect(pageErrors).toEqual([]);
  });

  test('one paper dated 1900-01-01: the default range starts with the bulk, a notice counts it, and it stays reachable', async () => {
    await open('?data=data/rel-one-month-1900/');
    const notice = page.locator('[data-testid=tail-notice]');
    await expect
      .poll(async () => (await notice.textContent())?.replace(/\s+/g, ' '))
      .toMatch(/1 paper before 2025-(01|06) is outside the default range\./);
    const axis = async (): Promise<string> =>
      (await page.locator('[data-testid=trend-chart] .axis text').allTextContents()).join(' ');
    expect(await axis()).not.toMatch(/19\d\d/);
    const marks = await markSizes();
    expect(Math.max(...marks.map((m) => m.width))).toBeGreaterThanOrEqual(8);
    expect(Math.max(...marks.map((m) => m.height))).toBeGreaterThan(20);

    await page.click('[data-testid=show-all-dates]');
    await page.waitForURL(/from=1900-01-01/);
    expect(await notice.count()).toBe(0);
    await expect.poll(axis).toMatch(/19\d\d/);
    expect(pageErrors).toEqual([]);
  });
});
