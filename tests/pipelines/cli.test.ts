/** The CLI's contract with a user: help, option errors and input errors give a clear message and exit code. */
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'cli-'));

describe('pipeline CLI', () => {
  it('--help lists every option with its default and exits 0', async () => {
    const result = await runCli(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/Usage: npm run pipeline -- --input FILE/);
    expect(result.stdout).toMatch(/--k VALUE\s+Number of topics.*\(default: 20\)/);
    expect(result.stdout).toMatch(/--on-error VALUE/);
  });

  it('rejects a missing input with a usage message and exit 1', async () => {
    const result = await runCli([]);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: no input: give at least one --input FILE (see --help)\n');
  });

  it('rejects an unknown flag, naming it', async () => {
    const result = await runCli(['--input', 'x', '--frobnicate']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/error: Unknown option '--frobnicate'/);
  });

  it('rejects an invalid option value, saying what is allowed', async () => {
    const result = await runCli(['--input', 'data/arxiv-cs-sample.jsonl.gz', '--k', 'many']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('error: invalid --k: "many"; expected an integer from 1 to 1000\n');
  });

  it('names a missing input file and writes nothing', async () => {
    const out = join(scratch(), 'out');
    const result = await runCli(['--input', 'no/such/file.jsonl', '--out', out]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: no/such/file.jsonl: no such file\n');
    expect(existsSync(out)).toBe(false);
  });

  it('refuses a directory as input', async () => {
    const result = await runCli(['--input', 'data', '--out', join(scratch(), 'out')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('error: data: is a directory, expected a file\n');
  });

  it('--on-error fail stops at the first bad line, names file:line, and leaves no output', async () => {
    const dir = scratch();
    const input = join(dir, 'bad.jsonl');
    writeFileSync(
      input,
      '{"id":"a","title":"Fine","abstract":"ok","date":"2024-01-01","labels":[],"source":"t"}\n{not json\n',
    );
    const out = join(dir, 'out');
    const result = await runCli(['--input', input, '--out', out, '--on-error', 'fail', '--quiet']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(new RegExp(`^error: ${input}:2: `));
    expect(readdirSync(dir)).toEqual(['bad.jsonl']);
  });

  it('explains an empty input instead of writing empty tables', async () => {
    const dir = scratch();
    const input = join(dir, 'empty.jsonl');
    writeFileSync(input, '');
    const result = await runCli(['--input', input, '--out', join(dir, 'out'), '--quiet']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^error: no documents to cluster: read 0 records/);
    expect(readdirSync(dir)).toEqual(['empty.jsonl']);
  });
});
