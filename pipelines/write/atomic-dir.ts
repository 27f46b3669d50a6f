/**
 * Replaces an output directory all at once: the run fills a hidden sibling temp directory and only a complete
 * result is renamed into place, so a failed, interrupted (Ctrl-C) or killed run leaves the previous output intact.
 * Renames stay on one file system because the temp directory is a sibling. Between the two renames the old
 * directory is briefly absent; readers see either the old or the new output, never a mix.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, rename, rm, stat } from 'node:fs/promises';
import type { Socket } from 'node:net';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { CliError } from '../errors.ts';
import { describeFsError, knownFsErrorCode } from './fs-errors.ts';
import { outputTarget } from './output-guard.ts';

export interface ReplaceOptions {
  /** Called with the real path of the previous output just before it is removed; throwing keeps it. */
  beforeReplace?: (previousOutput: string) => Promise<void>;
}

/**
 * Fills a new directory and puts it in place of `outDir`. A symbolic link at `outDir` is followed: its target is
 * replaced and the link stays. The new directory keeps the previous one's permission bits.
 */
export async function replaceDirAtomically<T>(
  outDir: string,
  fill: (tempDir: string) => Promise<T>,
  options: ReplaceOptions = {},
): Promise<T> {
  const target = await outputTarget(outDir, '--out');
  const parent = dirname(target);
  const name = basename(target);
  try {
    await ensureWritableParent(parent, outDir);
    await assertNotAFile(target, outDir);
    await removeStaleTempDirs(parent, name);
  } catch (error) {
    throw asUserError(error, outDir, target);
  }

  const tempDir = await makeTempDir(parent, name).catch((error: unknown) => {
    throw asUserError(error, outDir, target);
  });
  const previous = join(parent, `.${name}.old-${process.pid}`);
  const watcher = watchForDeath(tempDir, previous, target, outDir);
  try {
    const result = await fill(tempDir);
    const previousInfo = await stat(target).catch(() => null);
    if (previousInfo !== null) {
      await options.beforeReplace?.(target);
      await chmod(tempDir, previousInfo.mode & 0o7777);
      await rm(previous, { recursive: true, force: true });
      await rename(target, previous);
    }
    await rename(tempDir, target);
    if (previousInfo !== null) await rm(previous, { recursive: true, force: true });
    return result;
  } catch (error) {
    await rm(tempDir, { recursive: true, force: true });
    throw asUserError(error, outDir, target);
  } finally {
    watcher.end('done');
  }
}

/** Like mkdtemp, but with mkdir's mode (0777 less the umask) rather than 0700, so a new output is not private. */
async function makeTempDir(parent: string, name: string): Promise<string> {
  const tempDir = join(parent, `.${name}.tmp-${process.pid}-${randomBytes(3).toString('hex')}`);
  await mkdir(tempDir);
  return tempDir;
}

/**
 * A file-system error the user can fix (disk full, permissions, a mount point) as a CliError in plain words;
 * anything else unchanged. An error on a path outside the output (an input read mid-run) names that path.
 */
function asUserError(error: unknown, outDir: string, target: string): unknown {
  if (error instanceof CliError || knownFsErrorCode(error) === null) return error;
  const path = (error as NodeJS.ErrnoException).path;
  const parent = dirname(target);
  const onOutput =
    path === undefined ||
    resolve(path) === parent ||
    relative(parent, resolve(path)).startsWith(`.${basename(target)}.`) ||
    !relative(target, resolve(path)).startsWith('..');
  const where = onOutput ? `cannot write the output to ${outDir}` : path;
  return new CliError(`${where}: ${describeFsError(error)}`, 1, { cause: error });
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
      `cannot create the output directory's parent ${parent} for --out ${outDir}: ${describeFsError(error)}`,
      1,
      {
        cause: error,
      },
    );
  }
  try {
    await mkdtemp(join(parent, '.topic-trends-probe-')).then((probe) => rm(probe, { recursive: true }));
  } catch (error) {
    throw new CliError(`cannot write to ${parent} (needed for --out ${outDir}): ${describeFsError(error)}`, 1, {
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
