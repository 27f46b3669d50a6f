/**
 * `--fit-sample N` end to end on real arXiv records: counts against a direct DuckDB count of its own documents,
 * placements against `assign-stream` with the same model, independence of `--workers`, and the manifest's record.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/schema.ts';
import { parquet, query } from '../../helpers/duckdb.ts';
import { CLI, runCli } from '../../helpers/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'fit-sample-'));
const CORPUS = join(dir, 'corpus.jsonl');
const SAMPLE = 1500;
// Every 15th of the first 90,000 records: 6,000 documents over the corpus's whole date range.
const lines = gunzipSync(readFileSync('../shared/data/arxiv-cs-2013-2025.jsonl.gz'))
  .toString('utf8')
  .split('\n')
  .filter((line, i) => line !== '' && i < 90_000 && i % 15 === 0);
const COMMON = ['--input', CORPUS, '--k', '8', '--map-sample', '200', '--max-date', '2026-11-01', '--quiet'];
const out = (name: string): string => join(dir, name);
const manifestOf = (name: string): Manifest =>
  JSON.parse(readFileSync(join(out(name), 'manifest.json'), 'utf8')) as Manifest;

beforeAll(async () => {
  writeFileSync(CORPUS, `${lines.join('\n')}\n`);
  const runs = [
    ['--out', out('one'), '--fit-sample', String(SAMPLE), '--workers', '1'],
    ['--out', out('two'), '--fit-sample', String(SAMPLE), '--workers', '2'],
    ['--out', out('all-sampled'), '--fit-sample', String(lines.length)],
    ['--out', out('full')],
  ];
  for (const args of runs) {
    const result = await runCli([...COMMON, ...args]);
    expect(result.code, result.stderr).toBe(0);
  }
}, 600_000);

describe('pipeline --fit-sample N', () => {
  it('records the sample in the manifest and places every kept document', async () => {
    const manifest = manifestOf('one');
    expect(manifest.fitSample).toEqual({ requested: SAMPLE, documents: SAMPLE });
    expect(manifest.parameters.fitSample).toBe(SAMPLE);
    expect(manifestOf('full').fitSample).toBeUndefined();
    expect(manifest.runId).not.toBe(manifestOf('full').runId);
    const [docs] = await query<{ n: number; sized: number }>(
      `SELECT (SELECT count(*)::INT FROM ${parquet(out('one'), 'documents')}) AS n,
              (SELECT sum(size)::INT FROM ${parquet(out('one'), 'clusters')}) AS sized`,
    );
    expect(docs).toEqual({ n: manifest.counts.kept, sized: manifest.counts.kept });
    expect(manifest.counts.kept).toBe(lines.length);
  });

  it('writes trends, cluster sizes and label trends equal to a direct count over its documents', async () => {
    const documents = parquet(out('one'), 'documents');
    const mismatches = await query(
      `WITH counted AS (
         SELECT date_trunc('month', date)::DATE AS period_start, cluster_id, count(*)::INT AS n
         FROM ${documents} WHERE date_precision IN ('day', 'month') GROUP BY ALL),
       written AS (
         SELECT period_start, cluster_id, doc_count AS n FROM ${parquet(out('one'), 'trends')}
         WHERE granularity = 'month' AND doc_count > 0)
       (SELECT * FROM counted EXCEPT SELECT * FROM written) UNION ALL (SELECT * FROM written EXCEPT SELECT * FROM counted)`,
    );
    expect(mismatches).toEqual([]);
    const sizes = await query(
      `SELECT c.cluster_id FROM ${parquet(out('one'), 'clusters')} c
       LEFT JOIN (SELECT cluster_id, count(*)::INT AS n FROM ${documents} GROUP BY ALL) d USING (cluster_id)
       WHERE c.size <> coalesce(d.n, 0)`,
    );
    expect(sizes).toEqual([]);
    const [labelled] = await query<{ written: number; counted: number }>(
      `SELECT (SELECT sum(doc_count)::INT FROM ${parquet(out('one'), 'label_trends')}) AS written,
              (SELECT count(*)::INT FROM ${documents} WHERE date_precision IN ('day', 'month') AND len(labels) > 0) AS counted`,
    );
    expect(labelled!.written).toBe(labelled!.counted);
  });

  it('places each document where assign-stream places it with the same model', async () => {
    const envelope = lines.map((line, i) => `corpus.jsonl\t${i + 1}\t${line}`).join('\n');
    const placed = execFileSync(
      process.execPath,
      [...CLI, 'assign-stream', '--model', out('one'), '--max-date', '2026-11-01', '--max-chars', '200000'],
      { input: envelope, env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' }, maxBuffer: 1 << 30 },
    )
      .toString('utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { id: string; clusterId: number; similarity: number });
    const written = await query<{ doc_id: string; cluster_id: number; similarity: number }>(
      `SELECT doc_id, cluster_id, similarity FROM ${parquet(out('one'), 'documents')}`,
    );
    const byId = new Map(written.map((row) => [row.doc_id, row]));
    expect(placed.length).toBe(written.length);
    for (const record of placed) {
      const row = byId.get(record.id);
      expect(row?.cluster_id, record.id).toBe(record.clusterId);
      expect(row!.similarity).toBeCloseTo(record.similarity, 9);
    }
  });

  it('writes byte-identical files whatever --workers', () => {
    const files = readdirSync(out('one'), { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => join(entry.parentPath, entry.name).slice(out('one').length + 1))
      .sort();
    expect(files).toContain('model/centroids.f32');
    for (const file of files) {
      expect(readFileSync(join(out('two'), file)).equals(readFileSync(join(out('one'), file))), file).toBe(true);
    }
  });

  it('counts term trends as the full run does when the sample is the whole corpus', async () => {
    const same = async (table: string): Promise<void> => {
      const diff = await query(
        `(SELECT * FROM ${parquet(out('all-sampled'), table)} EXCEPT SELECT * FROM ${parquet(out('full'), table)})
         UNION ALL (SELECT * FROM ${parquet(out('full'), table)} EXCEPT SELECT * FROM ${parquet(out('all-sampled'), table)})`,
      );
      expect(diff, table).toEqual([]);
    };
    await same('term_trends');
    await same('terms');
    expect(manifestOf('all-sampled').vocabularySize).toBe(manifestOf('full').vocabularySize);
    // A term's rows over all topics do not depend on which topic each paper is in.
    const overAll = (name: string): string =>
      `SELECT period_start, stem, term_count, doc_count FROM ${parquet(out(name), 'cluster_term_months')} WHERE cluster_id IS NULL`;
    const diff = await query(
      `(${overAll('all-sampled')} EXCEPT ${overAll('full')}) UNION ALL (${overAll('full')} EXCEPT ${overAll('all-sampled')})`,
    );
    expect(diff).toEqual([]);
    expect((await query(overAll('full'))).length).toBeGreaterThan(0);
  });

  it("counts each topic's papers per month in cluster_term_months as its documents say", async () => {
    const mismatches = await query(
      `WITH counted AS (
         SELECT cluster_id, date_trunc('month', date)::DATE AS period_start, count(*)::INT AS n
         FROM ${parquet(out('one'), 'documents')} WHERE date_precision IN ('day', 'month') GROUP BY ALL),
       written AS (
         SELECT cluster_id, period_start, doc_count AS n FROM ${parquet(out('one'), 'cluster_term_months')}
         WHERE cluster_id IS NOT NULL AND stem IS NULL)
       (SELECT * FROM counted EXCEPT SELECT * FROM written) UNION ALL (SELECT * FROM written EXCEPT SELECT * FROM counted)`,
    );
    expect(mismatches).toEqual([]);
  });
});
