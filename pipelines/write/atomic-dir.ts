/**
 * Replaces an output directory all at once: the run fills a hidden sibling temp directory and only a complete
 * result is renamed into place, so a failed, interrupted (Ctrl-C) or killed run leaves the previous output intact.
 * Renames stay on one file system because the temp directory is a sibling. Between the two renames the old
 * directory is briefly absent; readers see either the old or the new output, never a mix.
 */
import { existsSync, renameSync, rmSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { CliError } from '../errors.ts';

export async function replaceDirAtomically<T>(outDir: string, fill: (tempDir: string) => Promise<T>): Promise<T> {
  const target = resolve(outDir);
  const parent = dirname(target);
  const name = basename(target);
  await ensureWritableParent(parent, outDir);
  await assertNotAFile(target, outDir);
  await removeStaleTempDirs(parent, name);

  const tempDir = await mkdtemp(join(parent, `.${name}.tmp-${process.pid}-`));
  const previous = join(parent, `.${name}.old-${process.pid}`);
  // A signal handler must clean up synchronously: the process exits right after it. It is the one place that knows
  // what the interrupted run leaves behind, so it also says so (cli.ts never regains control to print it).
  const onSignal = (signal: NodeJS.Signals): void => {
    process.stderr.write(`\ninterrupted (${signal}): ${restoreAfterInterrupt(target, tempDir, previous, outDir)}\n`);
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const result = await fill(tempDir);
    const hadPrevious = existsSync(target);
    if (hadPrevious) {
      await rm(previous, { recursive: true, force: true });
      await rename(target, previous);
    }
    await rename(tempDir, target);
    if (hadPrevious) await rm(previous, { recursive: true, force: true });
    return result;
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true });
    throw error;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
}

/**
 * Synchronous cleanup for a signal that may land at any await: while filling, between the two renames (the
 * previous output is then only at `previous` and is moved back), or after the new output is in place.
 * Returns what the user is left with.
 */
function restoreAfterInterrupt(target: string, tempDir: string, previous: string, outDir: string): string {
  try {
    if (!existsSync(tempDir)) {
      rmSync(previous, { recursive: true, force: true, maxRetries: 3 });
      return `the new output in ${outDir} was already complete`;
    }
    // Native writers (DuckDB threads) may still be adding files; retries cover ENOTEMPTY while they stop.
    rmSync(tempDir, { recursive: true, force: true, maxRetries: 3 });
    if (existsSync(previous) && !existsSync(target)) renameSync(previous, target);
    return existsSync(target) ? `previous output in ${outDir} left unchanged` : `nothing written to ${outDir}`;
  } catch (error) {
    return `could not remove ${tempDir} (${describe(error)}); the next run removes it. ${outDir} is unchanged`;
  }
}

async function ensureWritableParent(parent: string, outDir: string): Promise<void> {
  try {
    await mkdir(parent, { recursive: true });
    // mkdtemp below is the real write probe; this only turns a missing parent into a clear message.
  } catch (error) {
    throw new CliError(
      `cannot create the output directory's parent ${parent} for --out ${outDir}: ${describe(error)}`,
      1,
      {
        cause: error,
      },
    );
  }
  try {
    await mkdtemp(join(parent, '.topic-trends-probe-')).then((probe) => rm(probe, { recursive: true }));
  } catch (error) {
    throw new CliError(`cannot write to ${parent} (needed for --out ${outDir}): ${describe(error)}`, 1, {
      cause: error,
    });
  }
}

async function assertNotAFile(target: string, outDir: string): Promise<void> {
  const info = await stat(target).catch(() => null);
  if (info !== null && !info.isDirectory()) {
    throw new CliError(`--out ${outDir} is a file, expected a directory (or a path that does not exist yet)`);
  }
}

/**
 * Leftovers of a run that was killed (SIGKILL gives no chance to clean up) whose process is gone: its temp dir, and
 * the previous output it had moved aside if it died between the two renames (moved back when `--out` is missing).
 */
async function removeStaleTempDirs(parent: string, name: string): Promise<void> {
  for (const entry of await readdir(parent)) {
    const match = /^\.(.*)\.(tmp|old)-(\d+)(?:-|$)/.exec(entry);
    if (match === null || match[1] !== name || isAlive(Number(match[3]))) continue;
    const target = join(parent, name);
    if (match[2] === 'old' && !existsSync(target)) await rename(join(parent, entry), target);
    else await rm(join(parent, entry), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied';
  if (code === 'EROFS') return 'read-only file system';
  if (code === 'ENOSPC') return 'no space left on the device';
  return error instanceof Error ? error.message : String(error);
}
