/** `assign` adds the new papers' counts to `cluster_term_months`, keeping the full run's candidate terms. */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { expect, test } from 'vitest';
import { parquet, query } from '../../helpers/duckdb.ts';
import { runCli } from '../../helpers/run-cli.ts';

test(
  'assign --model DIR --input NEW keeps cluster_term_months equal to direct counts',
  { timeout: 240_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'assign-ctm-'));
    const lines = gunzipSync(readFileSync('data/arxiv-cs-sample.jsonl.gz'))
      .toString('utf8')
      .split('\n')
      .filter(Boolean);
    writeFileSync(join(dir, 'train.jsonl'), `${lines.filter((_, i) => i % 8 === 0).join('\n')}\n`);
    writeFileSync(join(dir, 'new.jsonl'), `${lines.filter((_, i) => i % 8 === 1).join('\n')}\n`);
    const model = join(dir, 'model');
    const common = ['--quiet', '--max-date', '2026-11-01'];
    const trained = await runCli([
      '--input',
      join(dir, 'train.jsonl'),
      '--out',
      model,
      '--k',
      '6',
      '--map-sample',
      '0',
      ...common,
    ]);
    expect(trained.code, trained.stderr).toBe(0);
    const out = join(dir, 'assigned');
    cpSync(model, out, { recursive: true });
    const assigned = await runCli(['assign', '--model', out, '--input', join(dir, 'new.jsonl'), ...common]);
    expect(assigned.code, assigned.stderr).toBe(0);

    const candidates = (d: string) =>
      query(
        `SELECT DISTINCT cluster_id, stem FROM ${parquet(d, 'cluster_term_months')} WHERE stem IS NOT NULL ORDER BY ALL`,
      );
    expect(await candidates(out)).toEqual(await candidates(model));
    // Each topic's papers per month, old and new, as the documents table says.
    const fromTable = await query(
      `SELECT cluster_id, period_start::VARCHAR AS month, doc_count::INT AS n FROM ${parquet(out, 'cluster_term_months')} WHERE stem IS NULL ORDER BY ALL`,
    );
    const direct = await query(
      `SELECT cluster_id, date_trunc('month', date)::DATE::VARCHAR AS month, count(*)::INT AS n FROM ${parquet(out, 'documents')} WHERE date_precision IN ('day', 'month') GROUP BY ALL ORDER BY ALL`,
    );
    expect(fromTable).toEqual(direct);
    const [grew] = await query<{ before: number; after: number }>(
      `SELECT (SELECT sum(term_count)::INT FROM ${parquet(model, 'cluster_term_months')}) AS before,
            (SELECT sum(term_count)::INT FROM ${parquet(out, 'cluster_term_months')}) AS after`,
    );
    expect(grew!.after).toBeGreaterThan(grew!.before);
  },
);
