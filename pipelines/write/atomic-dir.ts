/**
 * Replaces an output directory all at once: the run fills a hidden sibling temp directory and only a complete
 * result is renamed into place, so a failed, interrupted (Ctrl-C) or killed run leaves the previous output intact.
 * Renames stay on one file system because the temp directory is a sibling. Between the two renames the old
 * directory is briefly absent; readers see either the old or the new output, never a mix.
 */
import { existsSync, rmSync } from 'node:fs';
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
  // A signal handler must clean up synchronously: the process exits right after it.
  const onSignal = (signal: NodeJS.Signals): void => {
    rmSync(tempDir, { recursive: true, force: true });
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    const result = await fill(tempDir);
    const previous = existsSync(target) ? `${join(parent, `.${name}.old-${process.pid}`)}` : null;
    if (previous !== null) {
      await rm(previous, { recursive: true, force: true });
      await rename(target, previous);
    }
    await rename(tempDir, target);
    if (previous !== null) await rm(previous, { recursive: true, force: true });
    return result;
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true });
    throw error;
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
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

/** Temp dirs left by a run that was killed (SIGKILL gives no chance to clean up) whose process is gone. */
async function removeStaleTempDirs(parent: string, name: string): Promise<void> {
  const prefix = `.${name}.tmp-`;
  for (const entry of await readdir(parent)) {
    if (!entry.startsWith(prefix)) continue;
    const pid = Number(entry.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && !isAlive(pid)) await rm(join(parent, entry), { recursive: true, force: true });
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
