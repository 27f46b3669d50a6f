/**
 * `assign` refuses a model that is not its output's (issue 10): a run id derived from the inputs' contents,
 * the resolved options and the seed binds `model/model.json` to `manifest.json`. Real runs on seed-papers.
 */
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/schema.ts';
import { runCli } from '../../helpers/run-cli.ts';

const dir = mkdtempSync(join(tmpdir(), 'model-binding-'));
const SEED_PAPERS = '../shared/data/seed-papers.jsonl';
const NEW = join(dir, 'new.jsonl');
const COMMON = ['--input', SEED_PAPERS, '--min-df', '2', '--map-sample', '0', '--quiet', '--max-date', '2026-11-01'];
const out = (name: string): string => join(dir, name);
const manifestOf = (d: string): Manifest => JSON.parse(readFileSync(join(d, 'manifest.json'), 'utf8')) as Manifest;
const snapshot = (d: string): Record<string, string> =>
  Object.fromEntries(
    readdirSync(d, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => [join(entry.parentPath, entry.name), readFileSync(join(entry.parentPath, entry.name), 'base64')]),
  );

/** `to`'s output with `from`'s model/ folder copied over its own. */
function withModelOf(from: string, to: string, name: string): string {
  const target = out(name);
  cpSync(out(to), target, { recursive: true });
  rmSync(join(target, 'model'), { recursive: true });
  cpSync(join(out(from), 'model'), join(target, 'model'), { recursive: true });
  return target;
}

beforeAll(async () => {
  const lines = gunzipSync(readFileSync('data/arxiv-cs-sample.jsonl.gz')).toString('utf8').split('\n');
  writeFileSync(NEW, lines.slice(0, 20).join('\n'));
  const runs = await Promise.all([
    runCli([...COMMON, '--k', '5', '--out', out('k5')]),
    runCli([...COMMON, '--k', '3', '--out', out('k3')]),
    runCli([...COMMON, '--k', '3', '--out', out('k3-again')]),
  ]);
  for (const run of runs) expect(run.code, run.stderr).toBe(0);
}, 180_000);

describe('the run id binding a model to its output', () => {
  it('is the same for the same input, options and seed, in the manifest and in model.json', () => {
    const runId = manifestOf(out('k3')).runId;
    expect(runId).toMatch(/^[0-9a-f]{16}$/);
    expect(manifestOf(out('k3-again')).runId).toBe(runId);
    const model = JSON.parse(readFileSync(join(out('k3'), 'model', 'model.json'), 'utf8')) as { runId: string };
    expect(model.runId).toBe(runId);
    expect(manifestOf(out('k5')).runId).not.toBe(runId);
  });

  it('assign refuses a k=5 model in a k=3 output with exit 1, naming both files, and changes nothing', async () => {
    const target = withModelOf('k5', 'k3', 'k5-model-in-k3');
    const before = snapshot(target);
    const result = await runCli(['assign', '--model', target, '--input', NEW, '--max-date', '2026-11-01']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(
      /^error: \S+model\/model\.json \(run [0-9a-f]{16}, k = 5\) does not belong to \S+manifest\.json \(run [0-9a-f]{16}, k = 3\): the model folder was copied from another output/m,
    );
    expect(result.stderr).not.toMatch(/\n\s+at /);
    expect(snapshot(target)).toEqual(before);
  }, 60_000);

  it('assign refuses a k=3 model in a k=5 output (was a TypeError) the same way', async () => {
    const target = withModelOf('k3', 'k5', 'k3-model-in-k5');
    const result = await runCli(['assign', '--model', target, '--input', NEW, '--max-date', '2026-11-01']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(
      /^error: \S+model\.json \(run \w+, k = 3\) does not belong to \S+ \(run \w+, k = 5\)/m,
    );
    expect(result.stderr).not.toMatch(/TypeError|\n\s+at /);
  }, 60_000);

  it('assign refuses a model of the same k from another run (another seed)', async () => {
    const other = out('k3-other-input');
    const run = await runCli([...COMMON, '--k', '3', '--seed', '7', '--out', other]);
    expect(run.code, run.stderr).toBe(0);
    const target = withModelOf('k3-other-input', 'k3', 'same-k-other-run');
    const result = await runCli(['assign', '--model', target, '--input', NEW, '--max-date', '2026-11-01']);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stderr).toMatch(/k = 3\) does not belong to .* k = 3\)/);
  }, 120_000);

  it('assign accepts its own model and keeps the run id', async () => {
    const target = out('own');
    cpSync(out('k3'), target, { recursive: true });
    const result = await runCli(['assign', '--model', target, '--input', NEW, '--max-date', '2026-11-01']);
    expect(result.code, result.stderr).toBe(0);
    expect(manifestOf(target).runId).toBe(manifestOf(out('k3')).runId);
  }, 60_000);
});
