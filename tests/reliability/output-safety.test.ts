/**
 * Issue 10 (data safety): the pipeline replaces `--out` (and `assign --model`) whole, so it must never replace a
 * folder that is not its own output. Each case runs the real CLI on a temp folder laid out like a user's (input,
 * notes, dotfiles, Documents/) and proves every pre-existing file survives byte-identical, with the exit code and
 * message. Disk full, a mount point and a dangling link end in one `error:` line, not a stack trace.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  readlinkSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli, type CliResult } from '../helpers/run-cli.ts';
import { SMALL_RUN, expectCleanError, readManifest, realLines, scratch } from './helpers.ts';

let lines: string[];

beforeAll(async () => {
  lines = await realLines(100);
});

/** Runs the CLI from `cwd` (so `--out .` and `--out ""` mean that folder), with extra environment variables. */
function runIn(cwd: string, args: readonly string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(args, { cwd, env });
}

interface UserFolder {
  root: string;
  proj: string;
  input: string;
}

/** `root/proj/` as a user has it: the input in raw/, notes, a dotfile and a Documents/ folder. */
function userFolder(name: string): UserFolder {
  const root = scratch(`safety-${name}`);
  const proj = join(root, 'proj');
  mkdirSync(join(proj, 'raw'), { recursive: true });
  mkdirSync(join(proj, 'Documents'));
  const input = join(proj, 'raw', 'papers.jsonl');
  writeFileSync(input, `${lines.slice(0, 80).join('\n')}\n`);
  writeFileSync(join(proj, 'NOTES.md'), '# my notes\nkeep these\n');
  writeFileSync(join(proj, '.bashrc'), 'export PATH=$HOME/bin:$PATH\n');
  writeFileSync(join(proj, 'Documents', 'letter.txt'), 'Dear reader,\n');
  return { root, proj, input };
}

/** Every entry under `dir` with its kind, mode and content hash (links by target, not followed). */
function tree(dir: string): Record<string, string> {
  const entries: Record<string, string> = {};
  const walk = (current: string): void => {
    for (const name of readdirSync(current).sort()) {
      const path = join(current, name);
      const info = lstatSync(path);
      const mode = (info.mode & 0o7777).toString(8);
      const key = relative(dir, path);
      if (info.isSymbolicLink()) entries[key] = `link -> ${readlinkSync(path)}`;
      else if (info.isDirectory()) {
        entries[key] = `dir ${mode}`;
        walk(path);
      } else entries[key] = `file ${mode} ${createHash('sha256').update(readFileSync(path)).digest('hex')}`;
    }
  };
  walk(dir);
  return entries;
}

/** A refusal: exit 1, one `error:` line matching `message`, and `dir` exactly as it was. */
async function expectRefused(run: Promise<CliResult>, dir: string, message: RegExp): Promise<void> {
  const before = tree(dir);
  const result = await run;
  expectCleanError(result, 1, message);
  expect(result.stderr.trim().split('\n'), result.stderr).toHaveLength(1);
  expect(tree(dir)).toEqual(before);
}

/** The mode mkdir gives a new folder here (0777 less the umask). */
function defaultFolderMode(): number {
  const probe = join(scratch('umask'), 'probe');
  mkdirSync(probe);
  return statSync(probe).mode & 0o7777;
}

function expectInputsOutside(out: string): void {
  for (const { file } of readManifest(out).inputs) {
    const rel = relative(out, resolve(file));
    expect(rel.startsWith('..') || isAbsolute(rel), `${file} is inside ${out}`).toBe(true);
  }
}

describe('the pipeline refuses, before any work, an --out it would destroy', () => {
  it('--out "" (the current folder): exit 1, every file kept', async () => {
    const { root, proj } = userFolder('empty-path');
    await expectRefused(
      runIn(join(proj, 'raw'), ['--input', 'papers.jsonl', '--out', '', ...SMALL_RUN]),
      root,
      /^error: --out is empty; name the folder to write/,
    );
  });

  it('--out . in the folder holding the input: exit 1, the input kept', async () => {
    const { root, proj } = userFolder('dot');
    await expectRefused(
      runIn(join(proj, 'raw'), ['--input', 'papers.jsonl', '--out', '.', ...SMALL_RUN]),
      root,
      /^error: --out "\." contains the input papers\.jsonl; replacing the folder would delete it; choose an empty or new folder/,
    );
  });

  it('--input proj/raw/papers.jsonl --out proj: exit 1, the input and NOTES.md kept', async () => {
    const { root } = userFolder('parent');
    await expectRefused(
      runIn(root, ['--input', 'proj/raw/papers.jsonl', '--out', 'proj', ...SMALL_RUN]),
      root,
      /^error: --out "proj" contains the input proj\/raw\/papers\.jsonl; .*e\.g\. --out proj\/topic-trends\n$/,
    );
  });

  it('--out naming the input file itself: exit 1', async () => {
    const { root, input } = userFolder('same');
    await expectRefused(
      runIn(root, ['--input', input, '--out', input, ...SMALL_RUN]),
      root,
      /^error: --out ".*papers\.jsonl" is the input .*papers\.jsonl; /,
    );
  });

  it('--out ~ (HOME set to a temp folder): exit 1, .bashrc and Documents/ kept', async () => {
    const { root, proj } = userFolder('home');
    const outside = join(root, 'elsewhere.jsonl');
    writeFileSync(outside, `${lines.slice(0, 80).join('\n')}\n`);
    await expectRefused(
      runIn(root, ['--input', outside, '--out', proj, ...SMALL_RUN], { HOME: proj }),
      root,
      /^error: --out ".*proj" is your home folder .*proj; replacing it would delete your files; /,
    );
  });

  it('--out /: exit 1, nothing created in /', async () => {
    const { input } = userFolder('root');
    const before = readdirSync('/').sort();
    const result = await runIn(dirname(input), ['--input', input, '--out', '/', ...SMALL_RUN]);
    expectCleanError(result, 1, /^error: --out "\/" is the root folder \/; /);
    expect(readdirSync('/').sort()).toEqual(before);
  });

  it('a mount point (found in /proc/self/mountinfo, not touched): exit 1, use a folder inside it', async (context) => {
    const mountPoints = readFileSync('/proc/self/mountinfo', 'utf8')
      .split('\n')
      .map((line) => line.split(' ')[4])
      .filter((path): path is string => path !== undefined && path !== '/');
    const mountPoint = ['/dev/shm', '/proc', ...mountPoints].find((path) => mountPoints.includes(path));
    if (mountPoint === undefined) return context.skip('no mount point other than / in /proc/self/mountinfo');
    const { input } = userFolder('mount');
    const before = readdirSync(mountPoint).sort();
    const result = await runIn(dirname(input), ['--input', input, '--out', mountPoint, ...SMALL_RUN]);
    expectCleanError(result, 1, new RegExp(`^error: --out "${mountPoint}" is a mount point .*use a folder inside it`));
    expect(readdirSync(mountPoint).sort()).toEqual(before);
  });

  it('a folder holding anything else (Documents/): exit 1, names the first entry and how to fix it', async () => {
    const { root, input } = userFolder('other');
    await expectRefused(
      runIn(root, ['--input', input, '--out', 'proj/Documents', ...SMALL_RUN]),
      root,
      /^error: --out "proj\/Documents" is not empty and is not an output of this tool \(no manifest\.json\): it holds "letter\.txt"; .*choose an empty or new folder, e\.g\. --out proj\/Documents\/topic-trends\n$/,
    );
  });

  it('a folder whose manifest.json is not ours: exit 1', async () => {
    const { root, proj, input } = userFolder('foreign-manifest');
    const out = join(proj, 'site');
    mkdirSync(out);
    writeFileSync(join(out, 'manifest.json'), '{"name": "my web app", "icons": []}\n');
    await expectRefused(
      runIn(root, ['--input', input, '--out', out, ...SMALL_RUN]),
      root,
      /is not empty and is not an output of this tool \(its manifest\.json is not one of ours: .*\); replacing it would delete that; /,
    );
  });

  it('a previous output of ours with a file added to it: exit 1, names that file, output byte-identical', async () => {
    const { root, proj, input } = userFolder('added');
    const out = join(proj, 'out');
    expect((await runIn(root, ['--input', input, '--out', out, ...SMALL_RUN])).code).toBe(0);
    writeFileSync(join(out, 'NOTES.md'), 'my analysis\n');
    mkdirSync(join(out, 'model', 'mine'));
    await expectRefused(
      runIn(root, ['--input', input, '--out', out, ...SMALL_RUN]),
      root,
      /holds "NOTES\.md" and 1 more entries that an output of this tool does not have; .*choose an empty or new folder/,
    );
  });

  it('a dangling symbolic link: exit 1, the link kept', async () => {
    const { root, proj, input } = userFolder('dangling');
    symlinkSync(join(root, 'gone'), join(proj, 'out'));
    await expectRefused(
      runIn(root, ['--input', input, '--out', join(proj, 'out'), ...SMALL_RUN]),
      root,
      /^error: --out ".*out" is a symbolic link to .*gone, which does not exist; create the folder it points to, or remove the link\n$/,
    );
  });

  it('a path through a file (ENOTDIR): exit 1 in plain words, no stack', async () => {
    const { root, input } = userFolder('enotdir');
    await expectRefused(
      runIn(root, ['--input', input, '--out', 'proj/NOTES.md/sub/out', ...SMALL_RUN]),
      root,
      /^error: cannot create the output directory's parent .*NOTES\.md\/sub for --out .*: a part of the path is a file/,
    );
  });
});

describe('assign --model DIR refuses a model folder it would destroy', () => {
  let model: string;
  let root: string;

  beforeAll(async () => {
    ({ root } = userFolder('assign'));
    model = join(root, 'out');
    const result = await runIn(root, [
      '--input',
      join(root, 'proj', 'raw', 'papers.jsonl'),
      '--out',
      model,
      ...SMALL_RUN,
    ]);
    expect(result.code, result.stderr).toBe(0);
  });

  it('assign --model out --input out/new-feed.jsonl: exit 1, the input kept', async () => {
    writeFileSync(join(model, 'new-feed.jsonl'), `${lines.slice(80).join('\n')}\n`);
    await expectRefused(
      runIn(root, ['assign', '--model', 'out', '--input', 'out/new-feed.jsonl', '--max-date', '2026-07-01']),
      root,
      /^error: --model "out" contains the input out\/new-feed\.jsonl; .*move the input out of it\n$/,
    );
    rmSync(join(model, 'new-feed.jsonl'));
  });

  it('a model folder holding a file of the user: exit 1, names it', async () => {
    writeFileSync(join(model, 'NOTES.md'), 'mine\n');
    await expectRefused(
      runIn(root, ['assign', '--model', 'out', '--input', 'proj/raw/papers.jsonl', '--max-date', '2026-07-01']),
      root,
      /^error: --model "out" holds "NOTES\.md" that an output of this tool does not have; .*move that out of it\n$/,
    );
    rmSync(join(model, 'NOTES.md'));
  });

  it('assign --model "": exit 1', async () => {
    await expectRefused(
      runIn(root, ['assign', '--model', '', '--input', 'proj/raw/papers.jsonl']),
      root,
      /^error: --model is empty/,
    );
  });
});

describe('the pipeline still writes where it may', () => {
  it('an empty folder: written, its mode kept, the files beside it untouched', async () => {
    const { root, proj, input } = userFolder('empty-folder');
    const out = join(proj, 'out');
    mkdirSync(out);
    chmodSync(out, 0o750);
    const before = tree(proj);
    const result = await runIn(root, ['--input', input, '--out', out, ...SMALL_RUN]);
    expect(result.code, result.stderr).toBe(0);
    expect(statSync(out).mode & 0o7777).toBe(0o750);
    const after = tree(proj);
    for (const [path, entry] of Object.entries(before)) if (path !== 'out') expect(after[path], path).toBe(entry);
    expectInputsOutside(out);
  });

  it('a new folder gets the default mode (not 700); a rerun replaces our output and keeps a changed mode', async () => {
    const { root, proj, input } = userFolder('rerun');
    const out = join(proj, 'out');
    expect((await runIn(root, ['--input', input, '--out', out, ...SMALL_RUN])).code).toBe(0);
    expect(statSync(out).mode & 0o7777).toBe(defaultFolderMode());
    chmodSync(out, 0o750);
    const first = readManifest(out);
    const again = await runIn(root, ['--input', input, '--out', out, ...SMALL_RUN, '--seed', '7']);
    expect(again.code, again.stderr).toBe(0);
    expect(statSync(out).mode & 0o7777).toBe(0o750);
    expect(readManifest(out).parameters.seed).toBe(7);
    expect(first.parameters.seed).toBe(42);
    expect(readdirSync(proj).sort()).toEqual(['.bashrc', 'Documents', 'NOTES.md', 'out', 'raw']);
    expectInputsOutside(out);
  });

  it('a symbolic link: the target is written, the link stays a link, the target keeps its mode', async () => {
    const { root, proj, input } = userFolder('symlink');
    const target = join(root, 'real-out');
    mkdirSync(target);
    chmodSync(target, 0o700);
    symlinkSync('../real-out', join(proj, 'out'));
    for (let run = 0; run < 2; run++) {
      const result = await runIn(root, ['--input', input, '--out', 'proj/out', ...SMALL_RUN]);
      expect(result.code, result.stderr).toBe(0);
      expect(lstatSync(join(proj, 'out')).isSymbolicLink()).toBe(true);
      expect(readlinkSync(join(proj, 'out'))).toBe('../real-out');
      expect(statSync(target).mode & 0o7777).toBe(0o700);
      expect(readManifest(target).counts.kept).toBe(80);
    }
    expect(readdirSync(root).sort()).toEqual(['proj', 'real-out']);
  });
});

describe('a full disk', () => {
  let mountPoint: string | null = null;

  afterAll(() => {
    if (mountPoint !== null) spawnSync('umount', [mountPoint]);
  });

  // A 4 MiB tmpfs needs root (CAP_SYS_ADMIN); elsewhere the test says why it is skipped.
  it('ENOSPC while writing: exit 1 in plain words, the previous output and the other files byte-identical', async (context) => {
    const { input } = userFolder('enospc');
    const disk = scratch('enospc-mount');
    const mounted = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', disk], { encoding: 'utf8' });
    if (mounted.status !== 0) {
      return context.skip(`cannot mount a small tmpfs here (${(mounted.stderr || String(mounted.error)).trim()})`);
    }
    mountPoint = disk;
    const out = join(disk, 'out');
    const first = await runIn(disk, ['--input', input, '--out', out, ...SMALL_RUN]);
    expect(first.code, first.stderr).toBe(0);
    const free = Number(spawnSync('df', ['-k', '--output=avail', disk], { encoding: 'utf8' }).stdout.split('\n')[1]);
    // Leave 40 KiB: less than one output, more than the guard and the temp folder need.
    writeFileSync(join(disk, 'filler'), Buffer.alloc((free - 40) * 1024, 1));
    const before = tree(disk);
    const result = await runIn(disk, ['--input', input, '--out', out, ...SMALL_RUN, '--seed', '7']);
    expectCleanError(result, 1, /^error: cannot write the output to .*out: no space left on the device; /);
    expect(tree(disk)).toEqual(before);
  });
});
