/**
 * Issue 10 (`issues show 10`): input that looks empty or is not UTF-8, through the real CLI. A UTF-16 file is one
 * clear file-level problem instead of a NUL-laden message per line; no message prints a raw control byte; titles
 * made only of zero-width or bidi characters are empty.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, test } from 'vitest';
import { runCli } from '../helpers/run-cli.ts';
import { SMALL_RUN, expectCleanError, expectCountsAddUp, readManifest, realLines, scratch } from './helpers.ts';

const VERBOSE_RUN = SMALL_RUN.filter((arg) => arg !== '--quiet');
const UTF16_REASON = 'looks like UTF-16; convert to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)';

let dir: string;
let good: string[];
let goodFile: string;
beforeAll(async () => {
  dir = scratch('unprintable');
  good = await realLines(60);
  goodFile = join(dir, 'good.jsonl');
  writeFileSync(goodFile, `${good.join('\n')}\n`);
});

describe('UTF-16 input', () => {
  test('a UTF-16 file (written with a BOM, as Windows Notepad does) is one skipped file-level record', async () => {
    const utf16 = join(dir, 'utf16.jsonl');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`${good.join('\n')}\n`, 'utf16le')]));
    const result = await runCli(['--input', utf16, goodFile, '--out', join(dir, 'out-utf16'), ...VERBOSE_RUN]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`warning: ${utf16}: ${UTF16_REASON} (skipped)`);
    expect(result.stderr).not.toContain('\u0000');
    const manifest = readManifest(join(dir, 'out-utf16'));
    expectCountsAddUp(manifest);
    expect(manifest.counts).toMatchObject({ read: 61, kept: 60, skipped: 1 });
    expect(manifest.skippedRecords).toEqual([{ file: utf16, line: null, reason: UTF16_REASON }]);
  });

  test('under --on-error fail a UTF-16 file (no BOM) stops the run with exit 2 and that one line', async () => {
    const utf16 = join(dir, 'utf16-nobom.jsonl');
    writeFileSync(utf16, Buffer.from(`${good.slice(0, 5).join('\n')}\n`, 'utf16le'));
    const result = await runCli(['--input', utf16, '--out', join(dir, 'out-fail'), '--on-error', 'fail', ...SMALL_RUN]);
    expectCleanError(result, 2, new RegExp(`^error: ${utf16}: looks like UTF-16; convert to UTF-8`, 'm'));
    expect(result.stderr).not.toContain('\u0000');
  });

  test('a gzipped UTF-16 file (not sniffed) gets per-line messages with NUL written as \\u0000, never raw', async () => {
    const utf16 = join(dir, 'utf16.jsonl.gz');
    writeFileSync(utf16, gzipSync(Buffer.from(`${good.slice(0, 5).join('\n')}\n`, 'utf16le')));
    const result = await runCli(['--input', utf16, goodFile, '--out', join(dir, 'out-gz'), ...VERBOSE_RUN]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toContain('\u0000');
    expect(result.stderr).toContain('\\u0000');
  });
});

describe('blank-looking titles and abstracts', () => {
  test('titles of only U+200B, U+200E, U+202E, U+2060 or U+FEFF are skipped as empty; such an abstract is kept', async () => {
    const record = (i: number, fields: Record<string, string>): string =>
      JSON.stringify({ ...(JSON.parse(good[i]!) as object), ...fields });
    const titles = ['\u200b', '\u200e', '\u202e', '\u2060', '\ufeff \u200b'];
    const lines = [
      ...good.slice(0, 50),
      ...titles.map((title, k) => record(50 + k, { title })),
      record(55, { abstract: '\u200b\u200e \u2060' }),
    ];
    const input = join(dir, 'blank-titles.jsonl');
    writeFileSync(input, `${lines.join('\n')}\n`);
    const result = await runCli(['--input', input, '--out', join(dir, 'out-blank'), ...SMALL_RUN]);
    expect(result.code, result.stderr).toBe(0);
    const manifest = readManifest(join(dir, 'out-blank'));
    expectCountsAddUp(manifest);
    expect(manifest.counts).toMatchObject({ read: 56, kept: 51, skipped: 5 });
    expect(manifest.skippedRecords).toEqual(
      [51, 52, 53, 54, 55].map((line) => ({ file: input, line, reason: 'title is empty' })),
    );
  });
});
