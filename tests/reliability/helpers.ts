/** Shared by the reliability tests: real corpus lines, output snapshots, and the checks every CLI run must pass. */
import { createHash } from 'node:crypto';
import { createReadStream, existsSync, mkdtempSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { expect } from 'vitest';
import type { Manifest } from '../../src/schema.ts';
import type { CliResult } from '../helpers/run-cli.ts';

/** 59,805 arXiv CS records, one JSON object a line (see ../shared/data/README.md). */
export const DAILY_CORPUS = '../shared/data/arxiv-daily-cs.jsonl.gz';

/** Fixed so no test depends on the clock; the corpus ends 2026-07-01. */
export const MAX_DATE = '2026-07-01';

/** Small-corpus settings: few topics and a low min-df so a hundred documents still cluster. */
export const SMALL_RUN = ['--k', '3', '--min-df', '2', '--max-date', MAX_DATE, '--quiet'] as const;

export const scratch = (prefix: string): string => mkdtempSync(join(tmpdir(), `reliability-${prefix}-`));

/** The first `count` lines of the corpus, as written (each a valid record with a distinct id). */
export async function realLines(count: number, file = DAILY_CORPUS): Promise<string[]> {
  const lines: string[] = [];
  const input = createReadStream(file).pipe(createGunzip());
  const reader = createInterface({ input, crlfDelay: Infinity });
  for await (const line of reader) {
    if (line.trim() === '') continue;
    lines.push(line);
    if (lines.length === count) break;
  }
  reader.close();
  input.destroy();
  return lines;
}

/** Every file under `dir` (relative path -> SHA-256), to prove a directory is byte-identical before and after. */
export function snapshot(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (current: string): void => {
    for (const entry of readdirSync(current).sort()) {
      const path = join(current, entry);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = createHash('sha256').update(readFileSync(path)).digest('hex');
    }
  };
  walk(dir);
  return files;
}

export function readManifest(outDir: string): Manifest {
  return JSON.parse(readFileSync(join(outDir, 'manifest.json'), 'utf8')) as Manifest;
}

/** Hidden temp or moved-aside dirs of `--out` left in its parent. */
export function leftovers(outDir: string): string[] {
  const parent = join(outDir, '..');
  const name = relative(parent, outDir);
  if (!existsSync(parent)) return [];
  return readdirSync(parent).filter((entry) => entry.startsWith(`.${name}.`));
}

/** A user-facing failure: one `error:` line, the exit code, and never a stack trace. */
export function expectCleanError(result: CliResult, code: number, message: RegExp): void {
  expect(result.code, result.stderr).toBe(code);
  expect(result.stderr).toMatch(message);
  expect(result.stderr).not.toMatch(/^\s+at /m);
}

/** The manifest's counts add up: every record read was kept, skipped or a duplicate. */
export function expectCountsAddUp(manifest: Manifest): void {
  const { read, kept, skipped, duplicates } = manifest.counts;
  expect(kept + skipped + duplicates, JSON.stringify(manifest.counts)).toBe(read);
}
