/**
 * Replaces an output directory all at once: the run fills a hidden sibling temp directory and only a complete
 * result is renamed into place, so a failed, interrupted (Ctrl-C) or killed run leaves the previous output intact.
 * Renames stay on one file system because the temp directory is a sibling. Between the two renames the old
 * directory is briefly absent; readers see either the old or the new output, never a mix.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import type { Socket } from 'node:net';
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
  const watcher = watchForDeath(tempDir, previous, target, outDir);
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
    watcher.end('done');
  }
}

/**
 * Cleanup when this process dies mid-run (Ctrl-C, SIGTERM, SIGKILL, a crash), done by a small watcher process.
 * A JS signal handler cannot do it: Node runs one only when the event loop turns, and the clustering, labelling
 * and map stages run synchronously for tens of seconds, so Ctrl-C would wait for them (measured 40-75 s on the
 * default corpus). Without a handler the signal stops the process at once; the watcher sees its stdin close
 * without "done", removes the temp dir, moves back a previous output caught between the two renames, and says
 * what is left. It ignores SIGINT itself, since Ctrl-C reaches the whole process group.
 */
function watchForDeath(tempDir: string, previous: string, target: string, outDir: string): Socket {
  const child = spawn(process.execPath, ['-e', WATCHER, tempDir, previous, target, outDir], {
    stdio: ['pipe', 'ignore', 'inherit'],
  });
  child.unref();
  const stdin = child.stdin as Socket;
  stdin.on('error', () => undefined);
  stdin.unref();
  return stdin;
}

const WATCHER = `
const fs = require('node:fs');
const [tempDir, previous, target, outDir] = process.argv.slice(1);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => {});
let done = false;
process.stdin.on('data', () => { done = true; });
process.stdin.on('error', () => {});
process.stdin.on('close', () => {
  // A run that ended normally removed or renamed both; "done" may not arrive if the process exited right after.
  if (done || (!fs.existsSync(tempDir) && !fs.existsSync(previous))) return;
  const complete = !fs.existsSync(tempDir);
  let left;
  try {
    fs.rmSync(tempDir, { recursive: true, force: true, maxRetries: 3 });
    if (fs.existsSync(previous) && !fs.existsSync(target)) fs.renameSync(previous, target);
    else fs.rmSync(previous, { recursive: true, force: true, maxRetries: 3 });
    left = complete ? 'the new output in ' + outDir + ' was already complete'
      : fs.existsSync(target) ? 'previous output in ' + outDir + ' left unchanged' : 'nothing written to ' + outDir;
  } catch (error) {
    left = 'could not remove ' + tempDir + ' (' + error.message + '); the next run removes it';
  }
  process.stderr.write('\\ninterrupted: the run stopped before finishing; ' + left + '\\n');
});
`;

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
