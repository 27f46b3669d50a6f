/** Never an empty topic (issue 10): k shrinks to the clusters that hold documents, and the run says so. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countDistinctRows } from '../../../pipelines/cluster/distinct-rows.ts';
import { dropEmptyClusters } from '../../../pipelines/cluster/drop-empty-clusters.ts';
import { autoKCandidates, fitTopics } from '../../../pipelines/cluster/fit-topics.ts';
import { KMEANS_DEFAULTS } from '../../../pipelines/cluster/kmeans.ts';
import type { Manifest } from '../../../src/schema.ts';
import { parquet, query } from '../../helpers/duckdb.ts';
import { runCli } from '../../helpers/run-cli.ts';
import { csrFromDense } from './fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'fit-topics-'));
const SEED_LINES = readFileSync('../shared/data/seed-papers.jsonl', 'utf8').split('\n').filter(Boolean);

describe('countDistinctRows(X, limit)', () => {
  it('counts equal rows once, a zero row as one more, and stops at the limit', () => {
    const X = csrFromDense([
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 0],
      [0, 1],
      [0, 0],
    ]);
    expect(countDistinctRows(X, 10)).toBe(3);
    expect(countDistinctRows(X, 2)).toBe(2);
  });

  it('tells apart rows with the same columns and different values', () => {
    expect(
      countDistinctRows(
        csrFromDense([
          [3, 4],
          [4, 3],
        ]),
        10,
      ),
    ).toBe(2);
  });
});

describe('dropEmptyClusters(result, k, nCols)', () => {
  it('drops clusters 1 and 3 of 4 and renumbers 0, 2 -> 0, 1 keeping their centroids and order', () => {
    const result = {
      labels: Int32Array.from([2, 0, 2, 0]),
      centroids: Float64Array.from([1, 0, 0.6, 0.8, 0, 1, 0.8, 0.6]),
      similarities: Float32Array.from([1, 1, 1, 1]),
      inertia: 0,
      nIter: 1,
    };
    const dropped = dropEmptyClusters(result, 4, 2);
    expect(dropped.k).toBe(2);
    expect(dropped.emptyIds).toEqual([1, 3]);
    expect([...dropped.result.labels]).toEqual([1, 0, 1, 0]);
    expect([...dropped.result.centroids]).toEqual([1, 0, 0, 1]);
  });

  it('returns the result itself when no cluster is empty', () => {
    const result = {
      labels: Int32Array.from([0, 1]),
      centroids: Float64Array.from([1, 0, 0, 1]),
      similarities: Float32Array.from([1, 1]),
      inertia: 0,
      nIter: 1,
    };
    expect(dropEmptyClusters(result, 2, 2).result).toBe(result);
  });
});

describe('autoKCandidates(distinctDocs, nDocs)', () => {
  it('keeps the defaults up to the distinct documents', () => {
    expect(autoKCandidates(22, 5000)).toEqual([8, 12, 16, 20]);
    expect(autoKCandidates(5000, 5000)).toEqual([8, 12, 16, 20, 25, 30]);
  });

  it('tries every k from 2 when fewer than two defaults fit, never above the distinct documents', () => {
    expect(autoKCandidates(10, 10)).toEqual([2, 3, 4, 5, 6, 7, 8, 9]);
    expect(autoKCandidates(2, 6)).toEqual([2]);
    expect(autoKCandidates(1, 6)).toEqual([]);
  });
});

describe('fitTopics(X, k, options)', () => {
  const options = { ...KMEANS_DEFAULTS, seed: 3 };

  it('--k 5 on 2 distinct directions gives 2 topics, both non-empty, and says why', () => {
    const X = csrFromDense([
      [1, 0],
      [1, 0],
      [0, 1],
      [0, 1],
      [1, 0],
      [0, 1],
    ]);
    const fit = fitTopics(X, 5, options);
    expect(fit.k).toBe(2);
    expect(new Set(fit.clustering.labels)).toEqual(new Set([0, 1]));
    expect(fit.clustering.centroids).toHaveLength(2 * 2);
    expect(fit.reduction).toEqual({
      from: 5,
      to: 2,
      reason:
        '3 of 5 topics had no document (the input has only 2 distinct documents); dropped them and renumbered the rest 0..1',
    });
  });

  it('--k auto on one distinct document gives k = 1', () => {
    const fit = fitTopics(
      csrFromDense([
        [1, 0],
        [1, 0],
        [1, 0],
      ]),
      'auto',
      options,
    );
    expect(fit.k).toBe(1);
    expect(fit.reduction).toBeNull();
  });
});

/** Every topic written has a document and a label, and ids are exactly 0..k-1. */
async function expectDenseTopics(out: string): Promise<Manifest> {
  const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as Manifest;
  const clusters = await query<{ cluster_id: number; label: string; size: number; docs: number }>(
    `SELECT c.cluster_id, c.label, c.size, (SELECT count(*)::INT FROM ${parquet(out, 'documents')} d WHERE d.cluster_id = c.cluster_id) AS docs FROM ${parquet(out, 'clusters')} c ORDER BY 1`,
  );
  expect(clusters.map((c) => c.cluster_id)).toEqual([...Array(manifest.k).keys()]);
  for (const cluster of clusters) {
    expect(cluster.size, `topic ${cluster.cluster_id}`).toBeGreaterThanOrEqual(1);
    expect(cluster.docs).toBe(cluster.size);
    expect(cluster.label.trim(), `topic ${cluster.cluster_id}`).not.toBe('');
  }
  const [orphans] = await query<{ n: number }>(
    `SELECT count(*)::INT AS n FROM ${parquet(out, 'documents')} WHERE cluster_id NOT BETWEEN 0 AND ${manifest.k - 1}`,
  );
  expect(orphans!.n).toBe(0);
  return manifest;
}

describe('pipeline runs on tiny corpora', () => {
  const COMMON = ['--quiet', '--max-date', '2026-11-01', '--map-sample', '0'];

  it('--k auto on 10 seed papers: no empty or unlabelled topic, candidates capped by the documents', async () => {
    const input = join(dir, 'ten.jsonl');
    writeFileSync(input, SEED_LINES.slice(0, 10).join('\n'));
    const out = join(dir, 'ten-out');
    const result = await runCli(['--input', input, '--out', out, '--k', 'auto', ...COMMON]);
    expect(result.code, result.stderr).toBe(0);
    const manifest = await expectDenseTopics(out);
    expect(manifest.k).toBeLessThanOrEqual(9);
  }, 60_000);

  it('--k 9 on 10 seed papers with --min-df 4: still no empty or unlabelled topic', async () => {
    const input = join(dir, 'ten.jsonl');
    writeFileSync(input, SEED_LINES.slice(0, 10).join('\n'));
    const out = join(dir, 'ten-k9-out');
    const result = await runCli(['--input', input, '--out', out, '--k', '9', '--min-df', '4', ...COMMON]);
    expect(result.code, result.stderr).toBe(0);
    await expectDenseTopics(out);
  }, 60_000);

  it('--k 5 on 6 records with only 2 distinct texts: 2 topics, said on stderr and in the manifest', async () => {
    const input = join(dir, 'two-texts.jsonl');
    const [a, b] = SEED_LINES.slice(0, 2).map((line) => JSON.parse(line) as Record<string, unknown>);
    writeFileSync(
      input,
      [0, 1, 2, 3, 4, 5].map((i) => JSON.stringify({ ...(i % 2 === 0 ? a : b), id: `copy-${i}` })).join('\n'),
    );
    const out = join(dir, 'two-out');
    const result = await runCli([
      '--input',
      input,
      '--out',
      out,
      '--k',
      '5',
      '--dedupe',
      'id',
      '--min-df',
      '1',
      '--max-date',
      '2026-11-01',
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toMatch(
      /note: 2 topics instead of 5: 3 of 5 topics had no document \(the input has only 2 distinct documents\)/,
    );
    const manifest = await expectDenseTopics(out);
    expect(manifest.k).toBe(2);
    expect(manifest.kReduced).toEqual({ from: 5, to: 2, reason: expect.stringContaining('3 of 5') as string });
    expect(manifest.parameters['kRequested']).toBe(5);
    expect(JSON.parse(readFileSync(join(out, 'model', 'model.json'), 'utf8'))).toMatchObject({ k: 2 });
  }, 60_000);
});
