import {
  chmodSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmdirSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TABLES, parquetFileOf } from '../../../src/schema.ts';
import { CliError } from '../../../pipelines/errors.ts';
import { MODEL_FILES } from '../../../pipelines/model/model-files.ts';
import { replaceDirAtomically } from '../../../pipelines/write/atomic-dir.ts';
import { describeFsError, knownFsErrorCode } from '../../../pipelines/write/fs-errors.ts';
import { assertOnlyOurOutput, guardOutputDir, outputTarget } from '../../../pipelines/write/output-guard.ts';

const scratch = (): string => mkdtempSync(join(tmpdir(), 'output-guard-'));

/** A folder laid out as our output: manifest.json of our shape, every table's Parquet file, model/. */
function ourOutput(dir: string): string {
  mkdirSync(join(dir, 'model'), { recursive: true });
  const tables = Object.fromEntries(
    Object.values(TABLES).map((table) => [table.name, { file: parquetFileOf(table), rows: 1 }]),
  );
  writeFileSync(
    join(dir, 'manifest.json'),
    JSON.stringify({ schemaVersion: 2, tool: { name: 'topic-trends' }, tables }),
  );
  for (const { file } of Object.values(tables)) writeFileSync(join(dir, file), 'PAR1');
  for (const file of MODEL_FILES) writeFileSync(join(dir, 'model', file), '{}');
  return dir;
}

const guard = (dir: string, inputs: readonly string[] = []): Promise<void> =>
  guardOutputDir({ dir, inputs, option: '--out' });

/** The error a real syscall gives, to check the messages against what the OS really reports. */
function errorOf(syscall: () => unknown): unknown {
  try {
    syscall();
  } catch (error) {
    return error;
  }
  throw new Error('the syscall was expected to fail');
}

describe('guardOutputDir({dir, inputs, option})', () => {
  it('accepts a path that does not exist, an empty folder, and an output of ours', async () => {
    const parent = scratch();
    await expect(guard(join(parent, 'new', 'out'))).resolves.toBeUndefined();
    mkdirSync(join(parent, 'empty'));
    await expect(guard(join(parent, 'empty'))).resolves.toBeUndefined();
    await expect(guard(ourOutput(join(parent, 'ours')))).resolves.toBeUndefined();
  });

  it('accepts a table file the manifest lists, but not one with a path in its name', async () => {
    const out = ourOutput(join(scratch(), 'out'));
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { tables: object };
    manifest.tables = { ...manifest.tables, old: { file: 'old_table.parquet', rows: 1 }, up: { file: '../x.parquet' } };
    writeFileSync(join(out, 'manifest.json'), JSON.stringify(manifest));
    writeFileSync(join(out, 'old_table.parquet'), 'PAR1');
    await expect(guard(out)).resolves.toBeUndefined();
    writeFileSync(join(out, 'x.parquet'), 'PAR1');
    await expect(guard(out)).rejects.toThrow(/holds "x\.parquet" that an output of this tool does not have/);
  });

  it('names the first unexpected entry, inside model/ too', async () => {
    const out = ourOutput(join(scratch(), 'out'));
    writeFileSync(join(out, 'model', 'notes.txt'), '');
    await expect(guard(out)).rejects.toThrow(/holds "model\/notes\.txt" that an output of this tool does not have/);
  });

  it('refuses a manifest.json that is not JSON or not ours, and says which', async () => {
    const out = ourOutput(join(scratch(), 'out'));
    writeFileSync(join(out, 'manifest.json'), '{not json');
    // The message names the first entry besides the manifest, in name order, and how many more there are.
    const entries = readdirSync(out)
      .filter((name) => name !== 'manifest.json')
      .sort();
    await expect(guard(out)).rejects.toThrow(
      `(its manifest.json is not JSON): it holds "${entries[0]}" and ${entries.length - 1} more entries`,
    );
    writeFileSync(join(out, 'manifest.json'), '{"schemaVersion": 2, "tool": {"name": "other-tool"}, "tables": {}}');
    await expect(guard(out)).rejects.toThrow(/its manifest\.json is not one of ours/);
    writeFileSync(join(out, 'manifest.json'), '{"schemaVersion": 2, "tool": {"name": "topic-trends"}, "tables": []}');
    await expect(guard(out)).rejects.toThrow(/its manifest\.json has no "tables"/);
  });

  it('refuses a folder that is an input or holds one, through symbolic links too', async () => {
    const parent = scratch();
    const out = ourOutput(join(parent, 'out'));
    writeFileSync(join(out, 'feed.jsonl'), '{}\n');
    symlinkSync(join(out, 'feed.jsonl'), join(parent, 'feed-link.jsonl'));
    await expect(guard(out, [join(parent, 'feed-link.jsonl')])).rejects.toThrow(
      /contains the input .*feed-link\.jsonl/,
    );
  });

  it('throws CliErrors with exit code 1', async () => {
    const error = await guard('').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).exitCode).toBe(1);
  });
});

describe('outputTarget(dir, option)', () => {
  it('follows a symbolic link to its folder, and resolves a new path through its parent', async () => {
    const parent = scratch();
    mkdirSync(join(parent, 'real'));
    symlinkSync('real', join(parent, 'link'));
    expect(await outputTarget(join(parent, 'link'), '--out')).toBe(join(parent, 'real'));
    expect(await outputTarget(join(parent, 'link', 'new'), '--out')).toBe(join(parent, 'real', 'new'));
  });

  it('refuses a link loop', async () => {
    const parent = scratch();
    symlinkSync('b', join(parent, 'a'));
    symlinkSync('a', join(parent, 'b'));
    await expect(outputTarget(join(parent, 'a'), '--out')).rejects.toThrow(/is a symbolic link to b, which is a loop/);
  });
});

describe('assertOnlyOurOutput(dir)', () => {
  it('says the folder changed during the run when a file appeared in it', async () => {
    const out = ourOutput(join(scratch(), 'out'));
    writeFileSync(join(out, 'draft.md'), '');
    await expect(assertOnlyOurOutput(out)).rejects.toThrow(/changed during the run: it holds "draft\.md"/);
  });
});

describe('replaceDirAtomically(outDir, fill, {beforeReplace})', () => {
  it('keeps the previous output when beforeReplace throws, and leaves no temp dir', async () => {
    const parent = scratch();
    const out = join(parent, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'mine.txt'), 'keep');
    const replacing = replaceDirAtomically(out, (temp) => writeFile(join(temp, 'a.txt'), 'new'), {
      beforeReplace: assertOnlyOurOutput,
    });
    await expect(replacing).rejects.toThrow(/changed during the run: it .*holds "mine\.txt"/);
    expect(readdirSync(out)).toEqual(['mine.txt']);
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('replaces the target of a symbolic link, keeps the link, and keeps the target mode', async () => {
    const parent = scratch();
    mkdirSync(join(parent, 'real'));
    chmodSync(join(parent, 'real'), 0o751);
    symlinkSync('real', join(parent, 'link'));
    await replaceDirAtomically(join(parent, 'link'), (temp) => writeFile(join(temp, 'a.txt'), 'new'));
    expect(lstatSync(join(parent, 'link')).isSymbolicLink()).toBe(true);
    expect(readdirSync(join(parent, 'real'))).toEqual(['a.txt']);
    expect(statSync(join(parent, 'real')).mode & 0o7777).toBe(0o751);
  });

  it('turns a file-system error while filling into a CliError naming the output', async () => {
    const parent = scratch();
    const failing = replaceDirAtomically(join(parent, 'out'), async (temp) => {
      await writeFile(join(temp, 'a-file'), '');
      await writeFile(join(temp, 'a-file', 'below'), '');
    });
    const error = await failing.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toMatch(/^cannot write the output to .*out: a part of the path is a file/);
    expect(readdirSync(parent)).toEqual([]);
  });
});

describe('describeFsError(error) on errors from real syscalls', () => {
  it('ENOTDIR: a path through a file', () => {
    const file = join(scratch(), 'file');
    writeFileSync(file, '');
    const error = errorOf(() => mkdirSync(join(file, 'sub')));
    expect(knownFsErrorCode(error)).toBe('ENOTDIR');
    expect(describeFsError(error)).toMatch(/a part of the path is a file/);
  });

  it('EBUSY: removing a mount point (/proc, which is never empty, so this cannot succeed)', () => {
    const error = errorOf(() => rmdirSync('/proc'));
    expect(knownFsErrorCode(error)).toBe('EBUSY');
    expect(describeFsError(error)).toMatch(/mount point/);
  });

  it('ENOSPC as DuckDB reports it, in its message only', () => {
    const error = new Error('IO Error: Could not write file "/x/documents.parquet": No space left on device');
    expect(knownFsErrorCode(error)).toBe('ENOSPC');
    expect(describeFsError(error)).toMatch(/^no space left on the device/);
  });

  it('anything else is not a user error: the original message, no code', () => {
    expect(knownFsErrorCode(new TypeError('x is undefined'))).toBeNull();
    expect(knownFsErrorCode(Object.assign(new Error('odd'), { code: 'constructor' }))).toBeNull();
    expect(describeFsError(new TypeError('x is undefined'))).toBe('x is undefined');
  });
});
