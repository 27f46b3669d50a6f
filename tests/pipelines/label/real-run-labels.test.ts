/** Labels of a real pipeline run on 2,500 arXiv abstracts: no term in two labels, no near duplicate within one. */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { LABEL_SEPARATOR } from '../../../pipelines/label/label-text.ts';
import { containsWords, spellingKey } from '../../../pipelines/label/spelling-key.ts';
import { parquet, query } from '../../helpers/duckdb.ts';
import { runCli } from '../../helpers/run-cli.ts';

test('a 2,500-paper run at k = 12 gives labels that share no term', { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'labels-'));
  const lines = gunzipSync(readFileSync('data/arxiv-cs-sample.jsonl.gz')).toString('utf8').split('\n');
  writeFileSync(join(dir, 'papers.jsonl'), `${lines.slice(0, 2500).join('\n')}\n`);
  const out = join(dir, 'out');
  const result = await runCli(['--input', join(dir, 'papers.jsonl'), '--out', out, '--k', '12', '--quiet']);
  expect(result.code, result.stderr).toBe(0);
  const rows = await query(`SELECT label FROM ${parquet(out, 'clusters')} ORDER BY cluster_id`);
  const labels = rows.map((row) => String(row['label']).split(LABEL_SEPARATOR));
  expect(labels).toHaveLength(12);
  const owner = new Map<string, number>();
  labels.forEach((terms, topic) => {
    expect(terms).toHaveLength(3);
    for (const term of terms) {
      const key = spellingKey(term);
      expect(owner.get(key), `"${term}" in topics ${owner.get(key)} and ${topic}`).toBeUndefined();
      owner.set(key, topic);
    }
    for (const a of terms) for (const b of terms) if (a !== b) expect(containsWords(a, b)).toBe(false);
  });
});
