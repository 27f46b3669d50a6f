/**
 * topic_tree on a real run (issue 15): the first 3,000 papers of the bundled sample, k = 12, --themes 4. Each topic
 * has one theme; a theme's trend, summed from its topics' trends rows in native DuckDB, has exact shares: the sum of
 * its topics' shares equals its papers over the period's total, and the themes' shares add up to 1.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/schema.ts';
import { parquet, query } from '../../helpers/duckdb.ts';
import { runCli } from '../../helpers/run-cli.ts';

const root = mkdtempSync(join(tmpdir(), 'topic-tree-'));
const out = join(root, 'out');

beforeAll(async () => {
  const lines = gunzipSync(readFileSync('data/arxiv-cs-sample.jsonl.gz')).toString('utf8').split('\n');
  const input = join(root, 'first-3000.jsonl');
  writeFileSync(input, `${lines.slice(0, 3000).join('\n')}\n`);
  const result = await runCli([
    ...['--input', input, '--out', out, '--k', '12', '--themes', '4', '--max-date', '2026-11-01'],
    ...['--map-sample', '0', '--word-index-max-docs', '0'],
  ]);
  expect(result.code, result.stderr).toBe(0);
}, 300_000);

describe('topic_tree of a 3,000-paper run with --k 12 --themes 4', () => {
  it('gives each of the 12 topics one of 4 themes, numbered by their smallest topic, each labelled', async () => {
    const rows = await query<{ cluster_id: number; theme_id: number; theme_label: string }>(
      `SELECT cluster_id, theme_id, theme_label FROM ${parquet(out, 'topic_tree')} ORDER BY cluster_id`,
    );
    expect(rows.map((r) => r.cluster_id)).toEqual([...Array(12).keys()]);
    const firstOf = new Map<number, number>();
    for (const row of rows) if (!firstOf.has(row.theme_id)) firstOf.set(row.theme_id, row.cluster_id);
    expect([...firstOf.keys()]).toEqual([0, 1, 2, 3]);
    expect(rows.every((r) => r.theme_label.length > 0)).toBe(true);
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
    expect(manifest.parameters.themes).toBe(4);
  });

  it('theme trends, summed from topic trends, have exact shares at every granularity and period', async () => {
    const [row] = await query<{ periods: number; worst_share: number; worst_total: number; bad_counts: number }>(
      `WITH theme AS (
         SELECT t.granularity, t.period_start, tree.theme_id, sum(t.doc_count) doc_count, sum(t.share) AS share,
                any_value(t.period_total) period_total
         FROM ${parquet(out, 'trends')} t JOIN ${parquet(out, 'topic_tree')} tree USING (cluster_id)
         GROUP BY ALL),
       period AS (
         SELECT granularity, period_start, sum(share) AS share, sum(doc_count) doc_count, any_value(period_total) total
         FROM theme GROUP BY ALL)
       SELECT (SELECT count(*) FROM period WHERE total > 0)::INT periods,
              (SELECT max(abs(share - doc_count / period_total)) FROM theme WHERE period_total > 0) worst_share,
              (SELECT max(abs(share - 1)) FROM period WHERE total > 0) worst_total,
              (SELECT count(*) FROM period WHERE doc_count <> total)::INT bad_counts`,
    );
    expect(row!.periods).toBeGreaterThan(0);
    expect(row!.bad_counts).toBe(0);
    expect(row!.worst_share).toBeLessThan(1e-12);
    expect(row!.worst_total).toBeLessThan(1e-12);
  });
});
