/**
 * Which folder a run may replace. Replacing `--out` (or `assign --model`) deletes what was there, so the tool
 * replaces only a folder it wrote itself (our manifest.json and nothing but the files an output of ours holds), an
 * empty folder, or a path that does not exist yet, and refuses anything else before any work starts.
 */
import { lstat, readFile, readdir, readlink, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, isAbsolute, join, parse, relative, resolve, sep } from 'node:path';
import { MANIFEST_FILE, TABLES, parquetFileOf, type Manifest } from '../../src/schema.ts';
import { CliError } from '../errors.ts';
import { MODEL_DIR, MODEL_FILES } from '../model/model-files.ts';

export interface OutputRequest {
  /** The folder as the user gave it; shown in messages. */
  dir: string;
  /** The run's input files: none may be the folder or inside it, since replacing the folder deletes them. */
  inputs: readonly string[];
  /** The option that named the folder: `--out`, or `--model` for assign, which rewrites its model folder. */
  option: '--out' | '--model';
}

const TOOL_NAME: Manifest['tool']['name'] = 'topic-trends';

/** Throws a CliError (exit 1) unless `dir` is a folder this run may replace. Reads, never writes. */
export async function guardOutputDir({ dir, inputs, option }: OutputRequest): Promise<void> {
  if (dir.trim() === '') {
    throw new CliError(`${option} is empty; name the folder to write, e.g. ${option} public/data`);
  }
  const named = `${option} ${JSON.stringify(dir)}`;
  const target = await outputTarget(dir, option);
  const info = await stat(target).catch(() => null);
  const fix = (what?: string): string =>
    option === '--model'
      ? `assign rewrites the --model folder in place, so it must hold only the output of a full run${what === undefined ? '' : `; move ${what} out of it`}`
      : `choose an empty or new folder, e.g. --out ${join(info?.isFile() === true ? dirname(dir) : dir, 'topic-trends')}`;
  if (target === parse(target).root) {
    throw new CliError(`${named} is the root folder ${target}; replacing it would delete everything; ${fix()}`);
  }
  if (target === (await realPathOf(homedir()))) {
    throw new CliError(`${named} is your home folder ${target}; replacing it would delete your files; ${fix()}`);
  }
  for (const input of inputs) {
    const file = await realPathOf(input);
    if (isInside(file, target)) {
      throw new CliError(
        `${named} ${file === target ? 'is' : 'contains'} the input ${input}; replacing the folder would delete it; ${fix('the input')}`,
      );
    }
  }
  // A new folder; a parent that is missing or a file is reported when writing starts.
  if (info === null) return;
  if (!info.isDirectory()) {
    throw new CliError(`${named} is a file, expected a directory (or a path that does not exist yet)`);
  }
  if (await isMountPoint(target)) {
    throw new CliError(
      `${named} is a mount point (${target}); the output is replaced by renaming its folder, which a mount point does not allow; use a folder inside it, e.g. ${option} ${join(dir, 'topic-trends')}`,
    );
  }
  const unexpected = await unexpectedEntry(target);
  if (unexpected !== null) throw new CliError(`${named} ${unexpected}; replacing it would delete that; ${fix('that')}`);
}

/**
 * Throws unless `dir` still holds nothing but an output of ours: checked again just before the old output is
 * removed, since a file may have been saved into it while the run was working.
 */
export async function assertOnlyOurOutput(dir: string): Promise<void> {
  const unexpected = await unexpectedEntry(dir);
  if (unexpected !== null) {
    throw new CliError(
      `the output folder ${dir} changed during the run: it ${unexpected}; it was left as it is and nothing was written; move that out of it and run again`,
    );
  }
}

/**
 * The folder a run replaces, as a real path: a symbolic link is followed, so its target's contents are replaced and
 * the link stays a link. A path that does not exist yet resolves through its parent.
 */
export async function outputTarget(dir: string, option: string): Promise<string> {
  const absolute = resolve(dir);
  try {
    return await realpath(absolute);
  } catch (error) {
    const link = await lstat(absolute).catch(() => null);
    if (link?.isSymbolicLink() === true) {
      const pointsTo = await readlink(absolute).catch(() => '?');
      const why = (error as NodeJS.ErrnoException).code === 'ELOOP' ? 'is a loop of links' : 'does not exist';
      throw new CliError(
        `${option} ${JSON.stringify(dir)} is a symbolic link to ${pointsTo}, which ${why}; create the folder it points to, or remove the link`,
        1,
        { cause: error },
      );
    }
    const parent = await realpath(dirname(absolute)).catch(() => dirname(absolute));
    return join(parent, basename(absolute));
  }
}

/**
 * What in `dir` is not part of an output of ours, as words ("holds \"NOTES.md\" ..."), or null when the folder is
 * empty or holds only: a manifest.json of our shape, Parquet files of the schema's tables (or listed in that
 * manifest), and model/ with the model files.
 */
async function unexpectedEntry(dir: string): Promise<string | null> {
  const entries = (await readdir(dir, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : 1));
  if (entries.length === 0) return null;
  const holds = (names: readonly string[]): string =>
    `holds ${JSON.stringify(names[0])}${names.length > 1 ? ` and ${names.length - 1} more entries` : ''}`;
  const names = entries.map((entry) => (entry.isDirectory() ? `${entry.name}/` : entry.name));
  const manifest = await readOurManifest(join(dir, MANIFEST_FILE));
  if (typeof manifest === 'string') {
    const others = names.filter((name) => name !== MANIFEST_FILE);
    return `is not empty and is not an output of this tool (${manifest})${others.length === 0 ? '' : `: it ${holds(others)}`}`;
  }
  const listedTables = manifest.tableFiles.filter((file) => /^[^/\\.][^/\\]*\.parquet$/.test(file));
  const ourFiles = new Set([MANIFEST_FILE, ...Object.values(TABLES).map(parquetFileOf), ...listedTables]);
  const modelFiles = new Set<string>(MODEL_FILES);
  const unexpected: string[] = [];
  for (const entry of entries) {
    if (entry.isFile() && ourFiles.has(entry.name)) continue;
    if (entry.isDirectory() && entry.name === MODEL_DIR) {
      for (const inner of await readdir(join(dir, MODEL_DIR), { withFileTypes: true })) {
        if (!(inner.isFile() && modelFiles.has(inner.name))) unexpected.push(`${MODEL_DIR}/${inner.name}`);
      }
      continue;
    }
    unexpected.push(entry.isDirectory() ? `${entry.name}/` : entry.name);
  }
  return unexpected.length === 0 ? null : `${holds(unexpected)} that an output of this tool does not have`;
}

/** The table files our manifest lists, or why `file` is not a manifest of ours. */
async function readOurManifest(file: string): Promise<{ tableFiles: string[] } | string> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return `no ${MANIFEST_FILE}`;
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return `its ${MANIFEST_FILE} is not JSON`;
  }
  const manifest = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const tool = manifest.tool as Record<string, unknown> | null | undefined;
  if (tool?.name !== TOOL_NAME || typeof manifest.schemaVersion !== 'number') {
    return `its ${MANIFEST_FILE} is not one of ours: no "tool": {"name": "${TOOL_NAME}"} and "schemaVersion"`;
  }
  const tables = manifest.tables;
  if (typeof tables !== 'object' || tables === null || Array.isArray(tables)) {
    return `its ${MANIFEST_FILE} has no "tables"`;
  }
  const tableFiles = Object.values(tables).map((table: unknown) => (table as { file?: unknown } | null)?.file);
  if (!tableFiles.every((name): name is string => typeof name === 'string')) {
    return `its ${MANIFEST_FILE} lists a table without a file name`;
  }
  return { tableFiles };
}

async function isMountPoint(dir: string): Promise<boolean> {
  const parent = dirname(dir);
  if (parent === dir) return true;
  const [own, above] = await Promise.all([stat(dir), stat(parent)]);
  // A bind mount of a folder of the same file system keeps st_dev; Linux lists every mount point in mountinfo.
  return own.dev !== above.dev || (await mountPoints()).has(dir);
}

async function mountPoints(): Promise<Set<string>> {
  const text = await readFile('/proc/self/mountinfo', 'utf8').catch(() => '');
  // Field 5 is the mount point, with space, tab, newline and backslash as octal escapes (proc(5)).
  const unescape = (path: string): string =>
    path.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));
  return new Set(
    text
      .split('\n')
      .map((line) => line.split(' ')[4])
      .filter((path): path is string => path !== undefined)
      .map(unescape),
  );
}

/** The real path of an existing file; the absolute path of one that does not exist (reported later). */
async function realPathOf(file: string): Promise<string> {
  return realpath(resolve(file)).catch(() => resolve(file));
}

function isInside(path: string, folder: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (rel.split(sep)[0] !== '..' && !isAbsolute(rel));
}
