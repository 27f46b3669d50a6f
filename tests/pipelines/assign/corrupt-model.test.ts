/**
 * A damaged `--model` output stops `assign` with one `error:` line naming the file, exit 1, no stack trace, and
 * the output untouched (issue 10). One real run on seed-papers; each case damages a copy of it.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/run-cli.ts';
import { READ_TABLES } from '../../../pipelines/assign/check-output.ts';

const dir = mkdtempSync(join(tmpdir(), 'corrupt-model-'));
const BASE = join(dir, 'base');
const NEW = join(dir, 'new.jsonl');

const snapshot = (d: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(d, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => [join(entry.parentPath, entry.name), readFileSync(join(entry.parentPath, entry.name), 'base64')]),
  );

function float32File(values: number[]): Buffer {
  const floats = Float32Array.from(values);
  return Buffer.from(floats.buffer);
}

function editJson(file: string, edit: (json: Record<string, unknown>) => void): void {
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  edit(json);
  writeFileSync(file, JSON.stringify(json));
}

beforeAll(async () => {
  const lines = gunzipSync(readFileSync('data/arxiv-cs-sample.jsonl.gz')).toString('utf8').split('\n');
  writeFileSync(NEW, lines.slice(0, 20).join('\n'));
  const args = ['--input', '../shared/data/seed-papers.jsonl', '--k', '3', '--min-df', '2', '--map-sample', '0'];
  const run = await runCli([...args, '--out', BASE, '--quiet', '--max-date', '2026-11-01']);
  expect(run.code, run.stderr).toBe(0);
}, 120_000);

const CASES: { name: string; file: string; damage: (out: string) => void; message: RegExp }[] = [
  {
    name: 'vocabulary.json that is not JSON',
    file: 'model/vocabulary.json',
    damage: (out) => writeFileSync(join(out, 'model/vocabulary.json'), '{"stems": ["graph", '),
    message: /vocabulary\.json: not valid JSON \(.+\); rebuild it with a full run/,
  },
  {
    name: 'vocabulary.json with a number among the stems',
    file: 'model/vocabulary.json',
    damage: (out) => editJson(join(out, 'model/vocabulary.json'), (json) => ((json['stems'] as unknown[])[2] = 42)),
    message: /vocabulary\.json: stems\[2\] must be a string, got 42/,
  },
  {
    name: 'model.json without "k"',
    file: 'model/model.json',
    damage: (out) => editJson(join(out, 'model/model.json'), (json) => delete json['k']),
    message: /model\.json: field "k" must be an integer >= 1, got nothing \(the field is missing\)/,
  },
  {
    name: 'model.json without "analyzer"',
    file: 'model/model.json',
    damage: (out) => editJson(join(out, 'model/model.json'), (json) => delete json['analyzer']),
    message: /model\.json: field "analyzer" must be an object, got nothing/,
  },
  {
    name: 'model.json with a string trainingMeanSimilarity',
    file: 'model/model.json',
    damage: (out) => editJson(join(out, 'model/model.json'), (json) => (json['trainingMeanSimilarity'] = 'high')),
    message: /model\.json: field "trainingMeanSimilarity" must be a finite number, got "high"/,
  },
  {
    name: 'a NaN in idf.f32',
    file: 'model/idf.f32',
    damage: (out) => {
      const file = join(out, 'model/idf.f32');
      const values = [...new Float32Array(new Uint8Array(readFileSync(file)).buffer)];
      values[3] = NaN;
      writeFileSync(file, float32File(values));
    },
    message: /idf\.f32: value 3 is NaN, expected a finite positive number/,
  },
  {
    name: 'a NaN in centroids.f32',
    file: 'model/centroids.f32',
    damage: (out) => {
      const file = join(out, 'model/centroids.f32');
      const values = [...new Float32Array(new Uint8Array(readFileSync(file)).buffer)];
      values[10] = NaN;
      writeFileSync(file, float32File(values));
    },
    message: /centroids\.f32: value 10 is NaN, expected a finite number/,
  },
  {
    // The output guard (write/output-guard.ts) refuses it first; assign's own parser would say the same.
    name: 'manifest.json that is not JSON',
    file: 'manifest.json',
    damage: (out) => writeFileSync(join(out, 'manifest.json'), '{"schemaVersion": 3, '),
    message: /manifest\.json (?:is )?not (?:valid )?JSON/,
  },
  {
    name: 'manifest.json without a run id (an older version)',
    file: 'manifest.json',
    damage: (out) => editJson(join(out, 'manifest.json'), (json) => delete json['runId']),
    message: /manifest\.json: no "runId" \(written by an older version, or edited\)/,
  },
  {
    name: 'documents.parquet that is not Parquet',
    file: 'documents.parquet',
    damage: (out) => writeFileSync(join(out, 'documents.parquet'), 'doc_id,title\nx,y\n'),
    message: /documents\.parquet: cannot be read as this pipeline's Parquet \(.+\); rebuild it with a full run/,
  },
  {
    name: 'documents.parquet truncated to half',
    file: 'documents.parquet',
    damage: (out) => {
      const file = join(out, 'documents.parquet');
      const bytes = readFileSync(file);
      writeFileSync(file, bytes.subarray(0, bytes.length >> 1));
    },
    message: /documents\.parquet: cannot be read as this pipeline's Parquet/,
  },
  {
    // cluster_term_months came with schema 3; assign reads and extends it.
    name: 'an output without cluster_term_months.parquet',
    file: 'cluster_term_months.parquet',
    damage: (out) => rmSync(join(out, 'cluster_term_months.parquet')),
    message:
      /cluster_term_months\.parquet: missing \(the output was written by an older version, or the file was removed\); rebuild it with a full run/,
  },
];

describe('READ_TABLES', () => {
  it('holds every table assign reads from the previous output, none of the four it rebuilds from the documents', () => {
    expect(READ_TABLES).toEqual(
      expect.arrayContaining([
        'documents',
        'clusters',
        'clusterTerms',
        'clusterTermMonths',
        'mapPoints',
        'termTrends',
        'terms',
      ]),
    );
    for (const rebuilt of ['trends', 'labelTrends', 'words', 'wordPostings'] as const)
      expect(READ_TABLES).not.toContain(rebuilt);
  });
});

describe('assign --model DIR with a damaged output', () => {
  it.each(CASES.map((c, i) => ({ ...c, i })))(
    '$name: exit 1, one error line naming $file, output untouched',
    async ({ file, damage, message, i }) => {
      const out = join(dir, `case-${i}`);
      cpSync(BASE, out, { recursive: true });
      damage(out);
      const before = snapshot(out);
      const result = await runCli(['assign', '--model', out, '--input', NEW, '--max-date', '2026-11-01']);
      expect(result.code, result.stderr).toBe(1);
      const errors = result.stderr.split('\n').filter((line) => line.startsWith('error: '));
      expect(errors, result.stderr).toHaveLength(1);
      expect(errors[0]).toContain(out);
      expect(errors[0]).toContain(file.replace('model/', ''));
      expect(errors[0]).toMatch(message);
      expect(result.stderr).not.toMatch(/\n\s+at |TypeError/);
      expect(snapshot(out)).toEqual(before);
    },
    60_000,
  );
});
