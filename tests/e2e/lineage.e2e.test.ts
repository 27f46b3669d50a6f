/**
 * Issue 15, "since the previous run", in Chromium on real pipeline output of two runs: the first 5,000 papers of the
 * bundled sample (k = 12), then the first 6,000 given the first as --previous with k = 14 (so topics split and are
 * born). The panel lists, as text, one line per split, merge, birth and death of topic_lineage as Node DuckDB reads
 * it; a run without --previous shows no panel.
 */
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, inject, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parquetViews, runQuery } from '../src/node-duckdb.ts';
import { lineageOverview, topicLineageQuery } from '../../src/lib/queries/topic-lineage.ts';
import type { TopicLineageRow } from '../../src/schema.ts';
import { CLI } from '../helpers/run-cli.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
const baseUrl = inject('baseUrl');
const dataRoot = dirname(inject('dataDir'));

let browser: Browser;
let page: Page;
let db: DuckDBConnection;

async function pipeline(lines: readonly string[], name: string, ...args: string[]): Promise<void> {
  const input = join(dataRoot, `${name}.jsonl`);
  await writeFile(input, `${lines.join('\n')}\n`);
  await run(
    process.execPath,
    [...CLI, '--input', input, '--out', join(dataRoot, name), '--map-sample', '0', '--quiet', ...args],
    { cwd: ROOT, env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' } },
  );
}

beforeAll(async () => {
  const sample = gunzipSync(await readFile(join(ROOT, 'data/arxiv-cs-sample.jsonl.gz')))
    .toString('utf8')
    .split('\n');
  await pipeline(sample.slice(0, 5000), 'lineage-first', '--k', '12');
  await pipeline(sample.slice(0, 6000), 'lineage-second', '--k', '14', '--previous', join(dataRoot, 'lineage-first'));
  db = await parquetViews(join(dataRoot, 'lineage-second'));
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

async function open(folder: string): Promise<void> {
  await page.goto(`${baseUrl}?data=data/${folder}/`);
  await page.waitForSelector('[data-testid=trend-chart] path[data-cluster]', { timeout: 45_000 });
}

describe('the "since the previous run" panel', () => {
  test("lists every split, merge, birth and death of topic_lineage, with this run's labels", async () => {
    const rows = (await runQuery(db, topicLineageQuery())) as unknown as TopicLineageRow[];
    const labels = new Map(
      (await runQuery(db, { text: 'SELECT cluster_id, label FROM clusters', params: [], tables: ['clusters'] })).map(
        (row) => [Number(row['cluster_id']), String(row['label'])],
      ),
    );
    const expected = lineageOverview(
      rows.map((row) => ({
        ...row,
        previous_cluster_id: row.previous_cluster_id === null ? null : Number(row.previous_cluster_id),
        cluster_id: row.cluster_id === null ? null : Number(row.cluster_id),
      })),
      (id) => labels.get(id)!,
    );
    // k went from 12 to 14: at least two topics are new (born, or split off an old one).
    expect(expected.lines.filter((line) => line.kind === 'birth' || line.kind === 'split').length).toBeGreaterThan(0);

    await open('lineage-second');
    const panel = page.locator('[data-testid=topic-lineage]');
    await panel.locator('li').first().waitFor({ timeout: 30_000 });
    expect(await panel.locator('li').allTextContents()).toEqual(expected.lines.map((line) => line.text));
    expect(await panel.locator('p').first().textContent()).toContain(
      `${expected.continued} of ${expected.previousTopics} previous topics kept`,
    );
    for (const line of expected.lines.filter((l) => l.kind === 'birth')) {
      expect(line.text).toMatch(/^New topic \d+: ./);
    }
  });

  test('is absent for a run without --previous', async () => {
    await open('lineage-first');
    expect(await page.locator('[data-testid=topic-lineage]').count()).toBe(0);
  });
});
