import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../../pipelines/errors.ts';
import { replaceDirAtomically } from '../../../pipelines/write/atomic-dir.ts';

const scratch = () => mkdtempSync(join(tmpdir(), 'atomic-dir-'));

describe('replaceDirAtomically(outDir, fill)', () => {
  it('creates the directory with what fill wrote and leaves no temp dir behind', async () => {
    const parent = scratch();
    const out = join(parent, 'out');
    await replaceDirAtomically(out, (temp) => writeFile(join(temp, 'a.txt'), 'new'));
    expect(readFileSync(join(out, 'a.txt'), 'utf8')).toBe('new');
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('replaces a previous output whole: old files do not survive', async () => {
    const parent = scratch();
    const out = join(parent, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'old.txt'), 'old');
    await replaceDirAtomically(out, (temp) => writeFile(join(temp, 'a.txt'), 'new'));
    expect(readdirSync(out)).toEqual(['a.txt']);
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('keeps the previous output intact when fill fails, and rethrows', async () => {
    const parent = scratch();
    const out = join(parent, 'out');
    mkdirSync(out);
    writeFileSync(join(out, 'old.txt'), 'old');
    await expect(
      replaceDirAtomically(out, async (temp) => {
        await writeFile(join(temp, 'half.txt'), 'partial');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(readdirSync(out)).toEqual(['old.txt']);
    expect(readdirSync(parent)).toEqual(['out']);
  });

  it('refuses an --out that is a file', async () => {
    const parent = scratch();
    const out = join(parent, 'out');
    writeFileSync(out, 'not a dir');
    await expect(replaceDirAtomically(out, () => Promise.resolve())).rejects.toThrow(/is a file, expected a directory/);
  });

  it('explains an output path whose parent cannot be created (root ignores permission bits, so a file blocks it)', async () => {
    const parent = scratch();
    writeFileSync(join(parent, 'blocker'), '');
    const error = await replaceDirAtomically(join(parent, 'blocker', 'out'), () => Promise.resolve()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toMatch(/cannot create the output directory's parent .*blocker/);
  });

  it('removes temp dirs left by a killed run whose process is gone', async () => {
    const parent = scratch();
    const stale = join(parent, '.out.tmp-999999999-abc');
    mkdirSync(stale);
    await replaceDirAtomically(join(parent, 'out'), () => Promise.resolve());
    expect(existsSync(stale)).toBe(false);
  });
});
