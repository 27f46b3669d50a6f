/**
 * `--overrides FILE` through a `--previous` run (issue 15): names and a merge made on a run of the first 2,000 papers
 * of the bundled sample follow topic_lineage to the ids of a run on the first 2,400; a file of another run and a
 * bad name stop the run with one located error line.
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest, TopicLineageRow } from '../../../src/schema.ts';
import { serializeOverrides, type TopicOverrides } from '../../../src/shared/topic-overrides.ts';
import { parquet, query } from '../../helpers/duckdb.ts';
import { runCli } from '../../helpers/run-cli.ts';

const root = mkdtempSync(join(tmpdir(), 'overrides-'));
const lines = gunzipSync(readFileSync('data/arxiv-cs-sample.jsonl.gz')).toString('utf8').split('\n');
const FAST = ['--k', '8', '--map-sample', '0', '--word-index-max-docs', '0', '--max-date', '2026-11-01', '--quiet'];
const out = (name: string): string => join(root, name);
const manifestOf = (dir: string): Manifest => JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;

let continued: TopicLineageRow[] = [];
let first: Manifest;
const overridesFile = join(root, 'overrides.json');

beforeAll(async () => {
  writeFileSync(join(root, 'a.jsonl'), `${lines.slice(0, 2000).join('\n')}\n`);
  writeFileSync(join(root, 'b.jsonl'), `${lines.slice(0, 2400).join('\n')}\n`);
  expect((await runCli([...FAST, '--input', join(root, 'a.jsonl'), '--out', out('first')])).code).toBe(0);
  first = manifestOf(out('first'));
  // The update run without overrides gives the lineage; the run with them must give the same tables.
  const plain = await runCli([
    ...FAST,
    ...['--input', join(root, 'b.jsonl'), '--out', out('plain'), '--previous', out('first')],
  ]);
  expect(plain.code, plain.stderr).toBe(0);
  continued = (
    await query<TopicLineageRow>(`SELECT * FROM ${parquet(out('plain'), 'topic_lineage')} ORDER BY cluster_id`)
  ).filter((r) => r.event === 'continued');
}, 300_000);

describe('pipeline --previous DIR --overrides FILE', () => {
  it('gives a renamed topic its name under its new id, and a merge its topics new ids', async () => {
    expect(continued.length).toBeGreaterThanOrEqual(3);
    const [a, b, c] = continued.map((r) => ({ old: r.previous_cluster_id!, now: r.cluster_id! }));
    const overrides: TopicOverrides = {
      version: 1,
      runId: first.runId,
      renames: [{ topic: a!.old, name: '<b>Agents</b> & tools' }],
      merges: [{ topics: [b!.old, c!.old], name: 'Merged pair' }],
    };
    writeFileSync(overridesFile, serializeOverrides(overrides));
    const result = await runCli([
      ...FAST,
      ...['--input', join(root, 'b.jsonl'), '--out', out('named'), '--previous', out('first')],
      ...['--overrides', overridesFile],
    ]);
    expect(result.code, result.stderr).toBe(0);
    const named = manifestOf(out('named'));
    expect(named.runId).toBe(manifestOf(out('plain')).runId);
    expect(named.overrides).toEqual({
      file: 'overrides.json',
      sourceRunId: first.runId,
      renames: [{ topic: a!.now, name: '<b>Agents</b> & tools' }],
      merges: [{ topics: [b!.now, c!.now].sort((x, y) => x - y), name: 'Merged pair' }],
      notes: [],
    });
    for (const table of ['clusters', 'trends', 'documents'] as const)
      expect(readFileSync(join(out('named'), `${table}.parquet`))).toEqual(
        readFileSync(join(out('plain'), `${table}.parquet`)),
      );
  });

  it('refuses a file of another run, naming the file and the fix, and leaves no output', async () => {
    const file = join(root, 'other.json');
    writeFileSync(file, JSON.stringify({ version: 1, runId: 'someone-else', renames: [], merges: [] }));
    const result = await runCli([
      ...FAST,
      ...['--input', join(root, 'a.jsonl'), '--out', out('other'), '--overrides', file],
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toBe(
      `error: ${file}: made on run someone-else, but this run is ${first.runId}; pass that run's output as --previous DIR so the topics are carried through its lineage`,
    );
    expect(existsSync(out('other'))).toBe(false);
  });

  it('refuses a bad name, naming the file, the field and the rule', async () => {
    const file = join(root, 'bad.json');
    const renames = [{ topic: 0, name: 'x'.repeat(81) }];
    writeFileSync(file, JSON.stringify({ version: 1, runId: first.runId, renames, merges: [] }));
    const result = await runCli(
      [...FAST, '--input', join(root, 'a.jsonl'), '--out', out('bad')].concat(['--overrides', file]),
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `error: ${file}: renames[0].name must be a non-empty string of at most 80 characters`,
    );
  });
});
