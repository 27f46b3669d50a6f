/**
 * Issue 5 (reliability): the manifest records everything needed to reproduce a run. Every option in OPTION_SPECS
 * that shapes the output appears in `manifest.parameters` with its resolved value, and a second run whose flags
 * are rebuilt from the manifest alone writes byte-identical files. (Same input and seed twice with the defaults:
 * tests/golden/golden.test.ts; with dirty input: tests/reliability/bad-input.test.ts.)
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OPTION_SPECS } from '../../pipelines/options.ts';
import type { Manifest, RunParameters } from '../../src/schema.ts';
import { runCli } from '../helpers/run-cli.ts';
import { readManifest, realLines, scratch, snapshot } from './helpers.ts';

/** Options that do not change a byte of the output, and why. */
const NOT_PARAMETERS: Record<string, string> = {
  input: 'recorded in manifest.inputs (path, format, bytes, records)',
  out: 'where the output goes, not what it is',
  quiet: 'progress output only',
  debug: 'stack traces only',
  help: 'prints help, runs nothing',
  workers: "parallelism only; the output does not depend on it (its default is the machine's core count)",
  previous:
    'an input (an earlier output), recorded as parameters.previousRunId and in the run id; tests/pipelines/lineage/ checks its reruns',
  overrides:
    'names and merges for the dashboard, recorded as manifest.overrides; no table and not the run id depend on it (tests/pipelines/lineage/overrides-run.test.ts)',
};

/** For each option, a value other than its default and what the manifest must record for it. */
const NON_DEFAULT: Record<
  string,
  { flag: string[]; parameter: keyof RunParameters; recorded: string | number | boolean | null }
> = {
  format: { flag: ['--format', 'jsonl'], parameter: 'format', recorded: 'jsonl' },
  'csv-columns': { flag: ['--csv-columns', 'title=Title'], parameter: 'csvColumns', recorded: '{"title":"Title"}' },
  'label-separator': { flag: ['--label-separator', '|'], parameter: 'labelSeparator', recorded: '|' },
  'on-error': { flag: ['--on-error', 'fail'], parameter: 'onError', recorded: 'fail' },
  dedupe: { flag: ['--dedupe', 'id'], parameter: 'dedupe', recorded: 'id' },
  'max-date': { flag: ['--max-date', '2026-07-01'], parameter: 'maxDate', recorded: '2026-07-01' },
  'listing-year': { flag: ['--listing-year', '2024'], parameter: 'listingYear', recorded: 2024 },
  'max-chars': { flag: ['--max-chars', '150000'], parameter: 'maxChars', recorded: 150_000 },
  'no-bigrams': { flag: ['--no-bigrams'], parameter: 'bigrams', recorded: false },
  'min-df': { flag: ['--min-df', '2'], parameter: 'minDf', recorded: 2 },
  'max-df': { flag: ['--max-df', '0.9'], parameter: 'maxDf', recorded: 0.9 },
  'max-features': { flag: ['--max-features', '3000'], parameter: 'maxFeatures', recorded: 3000 },
  'no-sublinear-tf': { flag: ['--no-sublinear-tf'], parameter: 'sublinearTf', recorded: false },
  k: { flag: ['--k', '4'], parameter: 'kRequested', recorded: 4 },
  seed: { flag: ['--seed', '9'], parameter: 'seed', recorded: 9 },
  algorithm: { flag: ['--algorithm', 'lloyd'], parameter: 'algorithm', recorded: 'lloyd' },
  'cluster-terms': { flag: ['--cluster-terms', 'all'], parameter: 'clusterTerms', recorded: 'all' },
  'max-iter': { flag: ['--max-iter', '50'], parameter: 'maxIter', recorded: 50 },
  tol: { flag: ['--tol', '0.001'], parameter: 'tol', recorded: 0.001 },
  'fit-sample': { flag: ['--fit-sample', '200'], parameter: 'fitSample', recorded: 200 },
  'n-init': { flag: ['--n-init', '2'], parameter: 'nInit', recorded: 2 },
  'batch-size': { flag: ['--batch-size', '64'], parameter: 'batchSize', recorded: 64 },
  'top-terms': { flag: ['--top-terms', '7'], parameter: 'topTerms', recorded: 7 },
  representatives: { flag: ['--representatives', '3'], parameter: 'representatives', recorded: 3 },
  granularity: { flag: ['--granularity', 'week'], parameter: 'granularity', recorded: 'week' },
  'growth-window': { flag: ['--growth-window', '3'], parameter: 'growthWindow', recorded: 3 },
  'term-min-df': { flag: ['--term-min-df', '2'], parameter: 'termMinDf', recorded: 2 },
  'map-sample': { flag: ['--map-sample', '50'], parameter: 'mapSample', recorded: 50 },
  'word-index-max-docs': { flag: ['--word-index-max-docs', '50'], parameter: 'wordIndexMaxDocs', recorded: 50 },
  'corpus-note': { flag: ['--corpus-note', 'A test corpus.'], parameter: 'corpusNote', recorded: 'A test corpus.' },
  'volume-is-sample': { flag: ['--volume-is-sample'], parameter: 'volumeIsSample', recorded: true },
  themes: { flag: ['--themes', '2'], parameter: 'themes', recorded: 2 },
};

/** The command line a user would rebuild from a manifest: each recorded parameter back to its flag. */
function flagsFromManifest(manifest: Manifest): string[] {
  const flags = manifest.inputs.flatMap((input) => ['--input', input.file]);
  for (const [option, { parameter }] of Object.entries(NON_DEFAULT)) {
    const value = manifest.parameters[parameter];
    if (typeof value === 'boolean') {
      // A switch: `--no-x` recorded as false, `--x` as true.
      if (value !== option.startsWith('no-')) flags.push(`--${option}`);
    } else if (option === 'csv-columns') {
      const columns = Object.entries(JSON.parse(String(value)) as Record<string, string>);
      flags.push(`--${option}`, columns.map(([field, column]) => `${field}=${column}`).join(','));
    } else {
      // null is how JSON writes "none" (max-features) and Infinity (max-df none).
      flags.push(`--${option}`, value === null ? 'none' : String(value));
    }
  }
  return flags;
}

describe('manifest.parameters', () => {
  let dir: string;
  let out: string;
  let manifest: Manifest;

  beforeAll(async () => {
    dir = scratch('determinism');
    const input = join(dir, 'corpus.jsonl');
    writeFileSync(input, `${(await realLines(300)).join('\n')}\n`);
    out = join(dir, 'first');
    const flags = Object.values(NON_DEFAULT).flatMap((entry) => entry.flag);
    const result = await runCli(['--input', input, '--out', out, '--quiet', ...flags]);
    expect(result.code, result.stderr).toBe(0);
    manifest = readManifest(out);
  });

  it('every option of OPTION_SPECS is a recorded parameter or listed as not shaping the output', () => {
    const unaccounted = Object.keys(OPTION_SPECS).filter((name) => !(name in NOT_PARAMETERS) && !(name in NON_DEFAULT));
    expect(
      unaccounted,
      'add each to NON_DEFAULT with a non-default value (and to manifestParameters in run.ts)',
    ).toEqual([]);
  });

  it('records the resolved value of every option, not its default', () => {
    const recorded = Object.fromEntries(
      Object.values(NON_DEFAULT).map(({ parameter }) => [parameter, manifest.parameters[parameter]]),
    );
    const expected = Object.fromEntries(Object.values(NON_DEFAULT).map((e) => [e.parameter, e.recorded]));
    expect(recorded).toEqual(expected);
  });

  it('a run rebuilt from the manifest alone writes byte-identical files', async () => {
    const again = join(dir, 'again');
    const result = await runCli([...flagsFromManifest(manifest), '--out', again, '--quiet']);
    expect(result.code, result.stderr).toBe(0);
    expect(snapshot(again)).toEqual(snapshot(out));
  });
});
