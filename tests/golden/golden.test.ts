/**
 * Golden outputs: small real corpora -> pipeline -> DuckDB dumps in tests/golden/<case>/. Missing goldens are
 * written (never under CI=true); a mismatch writes tests/golden/<case>-changed/ for review and fails.
 * Also: DESCRIBE of every written file equals its declaration in src/schema.ts, and a second run with the
 * same input and seed is byte-identical.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync, type Dirent } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLES } from '../../src/schema.ts';
import { parquet, query } from '../helpers/duckdb.ts';
import { runCli } from '../helpers/run-cli.ts';

const CASES = [
  { name: 'seed-papers', args: ['--input', '../shared/data/seed-papers.jsonl', '--k', '5', '--min-df', '2'] },
  {
    name: 'listing-pages',
    args: ['--input', ...[0, 1, 2, 3, 4].map((i) => `../shared/data/listing-pages/page-00${i}.txt`), '--k', '4', '--min-df', '2'],
  },
] as const;

const DUMPS: Record<string, (dir: string) => string> = {
  'documents.csv': (dir) =>
    `SELECT doc_id, date, date_precision, cluster_id, round(similarity, 5) AS similarity, representative_rank FROM ${parquet(dir, 'documents')} ORDER BY doc_id`,
  'clusters.csv': (dir) =>
    `SELECT cluster_id, label, size, dated_size, round(mean_similarity, 5) AS mean_similarity, first_date, last_date, round(growth, 5) AS growth, round(growth_z, 5) AS growth_z, trend_direction, map_x IS NOT NULL AS mapped FROM ${parquet(dir, 'clusters')} ORDER BY cluster_id`,
  'cluster_terms.csv': (dir) =>
    `SELECT cluster_id, rank, term, stem, round(weight, 5) AS weight, doc_freq FROM ${parquet(dir, 'cluster_terms')} ORDER BY cluster_id, rank`,
  'trends.csv': (dir) =>
    `SELECT granularity, period_start, cluster_id, doc_count, period_total, round(share, 6) AS share, round(coverage, 6) AS coverage FROM ${parquet(dir, 'trends')} ORDER BY ALL`,
  'terms.csv': (dir) =>
    `SELECT stem, term, doc_freq, first_row, row_count FROM ${parquet(dir, 'terms')} ORDER BY doc_freq DESC, stem LIMIT 200`,
  'term_trends.csv': (dir) =>
    `SELECT period_start, count(*) AS terms, sum(doc_count) AS doc_count FROM ${parquet(dir, 'term_trends')} GROUP BY ALL ORDER BY ALL`,
  // Per topic (null: all topics) and month: candidate rows, their counts, and the topic's totals over all terms.
  'cluster_term_months.csv': (dir) =>
    `SELECT cluster_id, period_start, count(stem) AS candidates, coalesce(sum(term_count) FILTER (WHERE stem IS NOT NULL), 0) AS candidate_count, sum(term_count) FILTER (WHERE stem IS NULL) AS all_terms, sum(doc_count) FILTER (WHERE stem IS NULL) AS papers FROM ${parquet(dir, 'cluster_term_months')} GROUP BY ALL ORDER BY ALL`,
  // The topics' total rows of cluster_term_months, apart: equal to its null-stem rows (all_terms, papers above).
  'cluster_month_totals.csv': (dir) =>
    `SELECT cluster_id, period_start, term_count, doc_count FROM ${parquet(dir, 'cluster_month_totals')} ORDER BY ALL`,
  'label_trends.csv': (dir) =>
    `SELECT cluster_id, label, period_start, doc_count FROM ${parquet(dir, 'label_trends')} ORDER BY ALL`,
  'words.csv': (dir) =>
    `SELECT word, stem, doc_freq, first_row, row_count FROM ${parquet(dir, 'words')} ORDER BY doc_freq DESC, word LIMIT 40`,
  'word_postings.csv': (dir) =>
    `SELECT count(*) AS postings, count(DISTINCT word) AS words, count(DISTINCT doc) AS docs, max(position) AS max_position FROM ${parquet(dir, 'word_postings')}`,
  'title_words.csv': (dir) =>
    `SELECT word, doc_freq, first_row FROM ${parquet(dir, 'title_words')} ORDER BY doc_freq DESC, word LIMIT 40`,
  // Totals: postings, words, documents (ranks 0..n-1) and dated postings.
  'title_postings.csv': (dir) =>
    `SELECT count(*) AS postings, count(DISTINCT word) AS words, count(DISTINCT doc_rank) AS docs, max(doc_rank) AS max_rank, count(date) AS dated FROM ${parquet(dir, 'title_postings')}`,
  'topic_tree.csv': (dir) =>
    `SELECT cluster_id, theme_id, theme_label FROM ${parquet(dir, 'topic_tree')} ORDER BY cluster_id`,
  // Empty without --previous (tests/pipelines/lineage/previous-run.test.ts covers a run with it).
  'topic_lineage.csv': (dir) => `SELECT count(*)::INT AS rows FROM ${parquet(dir, 'topic_lineage')}`,
  'map_points.csv': (dir) =>
    `SELECT cluster_id, count(*) AS points, count(date) AS dated FROM ${parquet(dir, 'map_points')} GROUP BY ALL ORDER BY ALL`,
};

async function dump(sql: string): Promise<string> {
  const rows = await query(sql);
  const header = Object.keys(rows[0] ?? {}).join(',');
  return [header, ...rows.map((row) => Object.values(row).map((v) => JSON.stringify(v)).join(','))].join('\n') + '\n';
}

/** Relative paths of every file under `dir` (the output has a `model/` subfolder), sorted. */
function filesUnder(dir: string): string[] {
  return (readdirSync(dir, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
    .sort();
}

async function runCase(args: readonly string[]): Promise<string> {
  const out = join(mkdtempSync(join(tmpdir(), 'golden-')), 'out');
  const result = await runCli([...args, '--out', out, '--quiet', '--max-date', '2026-11-01']);
  expect(result.code, result.stderr).toBe(0);
  return out;
}

describe.each(CASES)('golden case $name', ({ name, args }) => {
  it('matches the committed dumps, and a second run is byte-identical', async () => {
    const out = await runCase(args);
    const goldenDir = join('tests/golden', name);
    const changedDir = join('tests/golden', `${name}-changed`);
    const mismatched: string[] = [];
    for (const [file, sql] of Object.entries(DUMPS)) {
      const actual = await dump(sql(out));
      const goldenFile = join(goldenDir, file);
      if (!existsSync(goldenFile)) {
        if (process.env.CI === 'true') throw new Error(`golden ${goldenFile} is missing; generate it locally and commit it`);
        mkdirSync(goldenDir, { recursive: true });
        writeFileSync(goldenFile, actual);
      } else if (readFileSync(goldenFile, 'utf8') !== actual) {
        mkdirSync(changedDir, { recursive: true });
        writeFileSync(join(changedDir, file), actual);
        mismatched.push(file);
      }
    }
    expect(mismatched, `see ${changedDir}`).toEqual([]);

    const again = await runCase(args);
    const files = filesUnder(out);
    for (const file of files) {
      expect(readFileSync(join(again, file)).equals(readFileSync(join(out, file))), `${file} differs between runs`).toBe(true);
    }
    expect(filesUnder(again)).toEqual(files);
  }, 120_000);
});

describe('written Parquet schema', () => {
  it('DESCRIBE of every table equals its declaration in src/schema.ts', async () => {
    const out = await runCase(CASES[0].args);
    for (const table of Object.values(TABLES)) {
      const described = await query<{ column_name: string; column_type: string }>(
        `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${parquet(out, table.name)})`,
      );
      expect(described, table.name).toEqual(table.columns.map((c) => ({ column_name: c.name, column_type: c.type })));
    }
  }, 120_000);
});
