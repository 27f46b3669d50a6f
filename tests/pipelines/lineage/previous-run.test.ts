/**
 * `--previous` on real overlapping corpora (issue 15): the first 5,000 papers of the bundled arXiv sample, then the
 * first 6,000 given the first run as previous. Checks the share of the 5,000 that keep their topic id, an identical
 * rerun keeping every id, byte-identical output for the same input, previous and seed, and the error for a folder
 * that is no output.
 */
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/schema.ts';
import { parquet, query } from '../../helpers/duckdb.ts';
import { runCli } from '../../helpers/run-cli.ts';

const root = mkdtempSync(join(tmpdir(), 'lineage-'));
const lines = gunzipSync(readFileSync('data/arxiv-cs-sample.jsonl.gz')).toString('utf8').split('\n');
const first5000 = join(root, 'first-5000.jsonl');
const first6000 = join(root, 'first-6000.jsonl');
const out = (name: string): string => join(root, name);
const FAST = ['--k', '12', '--map-sample', '0', '--word-index-max-docs', '0', '--max-date', '2026-11-01'];

async function pipeline(...args: string[]): Promise<void> {
  const result = await runCli([...FAST, ...args]);
  expect(result.code, result.stderr).toBe(0);
}

function manifestOf(dir: string): Manifest {
  return JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
}

/** Share of the papers in both outputs (same doc_id) with the same cluster_id. */
async function keptShare(before: string, after: string): Promise<number> {
  const [row] = await query<{ kept: number }>(
    `SELECT avg((b.cluster_id = a.cluster_id)::INT) kept
     FROM ${parquet(before, 'documents')} b JOIN ${parquet(after, 'documents')} a USING (doc_id)`,
  );
  return row!.kept;
}

beforeAll(async () => {
  writeFileSync(first5000, `${lines.slice(0, 5000).join('\n')}\n`);
  writeFileSync(first6000, `${lines.slice(0, 6000).join('\n')}\n`);
  await pipeline('--input', first5000, '--out', out('first'));
  await pipeline('--input', first6000, '--out', out('update'), '--previous', out('first'));
  await pipeline('--input', first6000, '--out', out('update-again'), '--previous', out('first'));
  await pipeline('--input', first5000, '--out', out('rerun'), '--previous', out('first'));
  // A previous output clustered on every term (written before --cluster-terms, or with `all`).
  await pipeline('--input', first5000, '--out', out('first-all'), '--cluster-terms', 'all');
  await pipeline('--input', first6000, '--out', out('update-from-all'), '--previous', out('first-all'));
}, 600_000);

describe('pipeline --previous DIR on the first 5,000 then 6,000 papers of the bundled sample (k = 12)', () => {
  it('keeps the topic id of at least 90% of the 5,000 papers (95.8% measured; 7.8% without --previous)', async () => {
    expect(await keptShare(out('first'), out('update'))).toBeGreaterThanOrEqual(0.9);
    const { lineage } = manifestOf(out('update'));
    expect(lineage).toMatchObject({ previousRunId: manifestOf(out('first')).runId, previousK: 12, warmStart: true });
    expect(lineage!.papersInBoth).toBe(5000);
    expect(lineage!.papersKeptId / 5000).toBeGreaterThanOrEqual(0.9);
  });

  it('warm-starts from a previous run clustered on every term, moved into the unigram space (89.8% keep their id)', async () => {
    const { lineage } = manifestOf(out('update-from-all'));
    expect(lineage).toMatchObject({ previousRunId: manifestOf(out('first-all')).runId, warmStart: true });
    expect(await keptShare(out('first-all'), out('update-from-all'))).toBeGreaterThanOrEqual(0.85);
  });

  it('writes one lineage row per continuation, split, merge, birth and death, consistent with the documents', async () => {
    const rows = await query<{
      event: string;
      previous_cluster_id: number | null;
      cluster_id: number | null;
      papers: number;
    }>(`SELECT event, previous_cluster_id, cluster_id, papers FROM ${parquet(out('update'), 'topic_lineage')}`);
    const continued = rows.filter((row) => row.event === 'continued');
    expect(continued.length).toBeGreaterThanOrEqual(10);
    // A continuation keeps the id, and its papers are those in the same topic in both runs.
    for (const row of continued) expect(row.cluster_id).toBe(row.previous_cluster_id);
    const [same] = await query<{ n: number }>(
      `SELECT count(*)::INT n FROM ${parquet(out('first'), 'documents')} b
       JOIN ${parquet(out('update'), 'documents')} a USING (doc_id) WHERE a.cluster_id = b.cluster_id`,
    );
    expect(continued.reduce((sum, row) => sum + row.papers, 0)).toBe(same!.n);
  });

  it('keeps every id on a rerun of identical input, all continuations', async () => {
    expect(await keptShare(out('first'), out('rerun'))).toBe(1);
    const events = await query<{ event: string; n: number }>(
      `SELECT event, count(*)::INT n FROM ${parquet(out('rerun'), 'topic_lineage')} GROUP BY ALL`,
    );
    expect(events).toEqual([{ event: 'continued', n: 12 }]);
  });

  it('writes byte-identical files for the same input, previous and seed', () => {
    const files = readdirSync(out('update')).filter((file) => file.endsWith('.parquet') || file === 'manifest.json');
    expect(files).toContain('topic_lineage.parquet');
    for (const file of files) {
      expect(readFileSync(join(out('update-again'), file)).equals(readFileSync(join(out('update'), file))), file).toBe(
        true,
      );
    }
  });

  it('writes an empty topic_lineage without --previous', async () => {
    const [row] = await query<{ n: number }>(`SELECT count(*)::INT n FROM ${parquet(out('first'), 'topic_lineage')}`);
    expect(row!.n).toBe(0);
    expect(manifestOf(out('first')).lineage).toBeUndefined();
  });

  it('refuses a --previous that is no output of this tool, naming the file, with exit code 2', async () => {
    const notOutput = join(root, 'not-an-output');
    mkdirSync(notOutput);
    const result = await runCli([...FAST, '--input', first5000, '--out', out('refused'), '--previous', notOutput]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`${join(notOutput, 'manifest.json')}: no such file`);
    expect(result.stderr).toContain('give --previous the output directory of an earlier full run');
  });
});
