/**
 * Issue 5 (reliability): faults around the output. A run stopped by SIGINT, SIGTERM or SIGKILL leaves the previous
 * output byte-identical and no partial files visible; an output directory that cannot be written gives a clear
 * error. The signal tests run the real CLI on the 15,989-record default corpus, long enough to be mid-run.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { beforeAll, describe, expect, it } from 'vitest';
import { replaceDirAtomically } from '../../pipelines/write/atomic-dir.ts';
import { CLI, runCli, type CliResult } from '../helpers/run-cli.ts';
import { SMALL_RUN, expectCleanError, leftovers, readManifest, realLines, scratch, snapshot } from './helpers.ts';

const BIG_CORPUS = 'data/arxiv-cs-sample.jsonl.gz';

let dir: string;
let smallInput: string;

beforeAll(async () => {
  dir = scratch('faults');
  smallInput = join(dir, 'small.jsonl');
  writeFileSync(smallInput, `${(await realLines(80)).join('\n')}\n`);
});

/** A previous good output at `out`, and its snapshot. */
async function previousOutput(out: string): Promise<Record<string, string>> {
  const result = await runCli(['--input', smallInput, '--out', out, ...SMALL_RUN]);
  expect(result.code, result.stderr).toBe(0);
  return snapshot(out);
}

/**
 * Starts the CLI on the big corpus and sends `signal` once the run is filling its temp dir (the `.scratch` folder
 * inside it exists), or once stderr shows `marker`. Resolves when the CLI and its cleanup watcher, which shares
 * its stderr, have both closed it.
 */
async function interruptMidRun(
  out: string,
  signal: NodeJS.Signals,
  marker: string | null = null,
): Promise<CliResult & { tempDir: string }> {
  const args = ['--input', BIG_CORPUS, '--out', out, ...SMALL_RUN].filter((a) => marker === null || a !== '--quiet');
  const child = spawn(process.execPath, [...CLI, ...args], {
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('close', (code, signal) => resolve({ code, signal })),
  );
  let tempDir: string | undefined;
  while (tempDir === undefined && child.exitCode === null) {
    const temp = leftovers(out).find((entry) => entry.includes('.tmp-'));
    const ready =
      marker === null ? temp !== undefined && existsSync(join(dir, temp, '.scratch')) : stderr.includes(marker);
    if (temp !== undefined && ready) tempDir = join(dir, temp);
    else await sleep(20);
  }
  if (tempDir === undefined) throw new Error(`the run ended before it could be interrupted:\n${stderr}`);
  child.kill(signal);
  return { ...(await closed), stdout, stderr, tempDir };
}

const interrupted = (left: string): string => `\ninterrupted: the run stopped before finishing; ${left}\n`;

describe('a run stopped by a signal', () => {
  it.each(['SIGINT', 'SIGTERM', 'SIGKILL'] as const)(
    '%s mid-run stops the process, removes its temp dir and leaves the previous output byte-identical',
    async (signal) => {
      const out = join(dir, `out-${signal}`);
      const before = await previousOutput(out);
      const result = await interruptMidRun(out, signal);
      // Killed by the signal itself, as a shell reports with exit status 128 + n (130 for Ctrl-C).
      expect(result.signal, result.stderr).toBe(signal);
      expect(result.stderr).toBe(interrupted(`previous output in ${out} left unchanged`));
      expect(snapshot(out)).toEqual(before);
      expect(leftovers(out)).toEqual([]);
    },
  );

  it('SIGINT during the synchronous clustering stages stops the run there, before writing', async () => {
    const out = join(dir, 'out-busy');
    const before = await previousOutput(out);
    const result = await interruptMidRun(out, 'SIGINT', 'documents,');
    expect(result.signal, result.stderr).toBe('SIGINT');
    expect(result.stderr).not.toMatch(/^(labelling|writing): done/m);
    expect(result.stderr).toMatch(
      /interrupted: the run stopped before finishing; previous output in .* left unchanged\n$/,
    );
    expect(snapshot(out)).toEqual(before);
    expect(leftovers(out)).toEqual([]);
  });

  it('SIGINT on a first run (no previous output) says nothing was written and leaves nothing', async () => {
    const out = join(dir, 'first-run');
    const result = await interruptMidRun(out, 'SIGINT');
    expect(result.signal, result.stderr).toBe('SIGINT');
    expect(result.stderr).toBe(interrupted(`nothing written to ${out}`));
    expect(existsSync(out)).toBe(false);
    expect(leftovers(out)).toEqual([]);
  });

  it('a run after an interrupted one writes normally', async () => {
    const out = join(dir, 'out-SIGKILL');
    const next = await runCli(['--input', smallInput, '--out', out, ...SMALL_RUN, '--seed', '7']);
    expect(next.code, next.stderr).toBe(0);
    expect(next.stderr).not.toContain('interrupted');
    expect(leftovers(out)).toEqual([]);
    expect(readManifest(out).parameters['seed']).toBe(7);
  });
});

describe('replaceDirAtomically(outDir, fill) after a run killed between its two renames', () => {
  it('moves the previous output back from `.out.old-<dead pid>` when --out is missing', async () => {
    const parent = scratch('old');
    mkdirSync(join(parent, '.out.old-999999999'));
    writeFileSync(join(parent, '.out.old-999999999', 'manifest.json'), 'previous');
    const failing = replaceDirAtomically(join(parent, 'out'), () => Promise.reject(new Error('stage failed')));
    await expect(failing).rejects.toThrow('stage failed');
    expect(readdirSync(parent)).toEqual(['out']);
    expect(readdirSync(join(parent, 'out'))).toEqual(['manifest.json']);
  });

  it('removes `.out.old-<dead pid>` when --out exists', async () => {
    const parent = scratch('old');
    mkdirSync(join(parent, 'out'));
    mkdirSync(join(parent, '.out.old-999999999'));
    await replaceDirAtomically(join(parent, 'out'), (temp) => writeFile(join(temp, 'new.txt'), 'new'));
    expect(readdirSync(parent)).toEqual(['out']);
    expect(readdirSync(join(parent, 'out'))).toEqual(['new.txt']);
  });
});

describe('an output directory that cannot be written', () => {
  it('a path under a regular file: exit 1, naming the parent', async () => {
    const blocker = join(dir, 'blocker');
    writeFileSync(blocker, '');
    const result = await runCli(['--input', smallInput, '--out', join(blocker, 'out'), ...SMALL_RUN]);
    expectCleanError(result, 1, /^error: cannot create the output directory's parent .*blocker for --out .*: /);
  });

  // Root ignores permission bits, but sysfs refuses new entries even to root.
  it('a directory that refuses new entries (/sys, even as root): exit 1, permission denied', async () => {
    const result = await runCli(['--input', smallInput, '--out', '/sys/topic-trends-out', ...SMALL_RUN]);
    expectCleanError(
      result,
      1,
      /^error: cannot write to \/sys \(needed for --out \/sys\/topic-trends-out\): permission denied\n$/,
    );
  });

  it('--out naming a file: exit 1, and the file is untouched', async () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'keep me');
    const result = await runCli(['--input', smallInput, '--out', file, ...SMALL_RUN]);
    expectCleanError(result, 1, /is a file, expected a directory/);
    expect(readFileSync(file, 'utf8')).toBe('keep me');
  });
});
