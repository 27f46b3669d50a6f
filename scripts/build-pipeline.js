/**
 * Compiles the pipeline to plain JavaScript in build/pipeline/ (git-ignored), so a run starts without a
 * TypeScript compiler: pipelines/cli.ts and every worker-thread entry (`pipelines/**\/*-worker.ts`, found here, so
 * a new or moved worker needs no edit) become one ES module each, flat beside cli.js, which is where
 * `pipelines/worker-threads.ts` looks for them. Packages stay imports of node_modules.
 *
 * Skips the build when build/pipeline/inputs.json lists the same entries and every source file it read still has
 * the same size and mtime (~50 ms), so `npm run pipeline` can run it first every time. Each output file is written
 * beside its target and renamed over it, so a test or a run that starts the CLI meanwhile never reads half a file.
 *
 * Plain JavaScript so that it runs on a bare `node` (npm ci's `prepare`, before anything is compiled).
 * Usage: node scripts/build-pipeline.js [--force]
 */
import { build } from 'esbuild';
import { mkdir, readdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { basename, join, relative, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
const OUT_DIR = join(ROOT, 'build/pipeline');
const STAMP = join(OUT_DIR, 'inputs.json');

/** @returns {Promise<string[]>} worker entries, relative to the root, sorted */
async function workerEntries() {
  const files = await readdir(join(ROOT, 'pipelines'), { recursive: true });
  return files
    .filter((file) => file.endsWith('-worker.ts'))
    .map((file) => join('pipelines', file))
    .sort();
}

/** @param {string} file */
async function fingerprint(file) {
  const info = await stat(join(ROOT, file));
  return `${info.size}:${info.mtimeMs}`;
}

/**
 * @param {string[]} entries
 * @returns {Promise<boolean>}
 */
async function upToDate(entries) {
  try {
    /** @type {{ entries: string[], inputs: Record<string, string> }} */
    const stamp = JSON.parse(await readFile(STAMP, 'utf8'));
    if (stamp.entries.join('\n') !== entries.join('\n')) return false;
    for (const [file, print] of Object.entries(stamp.inputs)) {
      if ((await fingerprint(file)) !== print) return false;
    }
    return true;
  } catch {
    return false;
  }
}

/**
 * @param {{ force?: boolean, quiet?: boolean }} [options]
 * @returns {Promise<{ built: boolean, entries: string[] }>}
 */
export async function buildPipeline({ force = false, quiet = false } = {}) {
  const workers = await workerEntries();
  const entries = ['pipelines/cli.ts', ...workers];
  const names = entries.map((file) => basename(file, '.ts'));
  const clash = names.find((name, i) => names.indexOf(name) !== i);
  if (clash !== undefined) throw new Error(`build-pipeline: two entry files are named ${clash}.ts; rename one`);
  const self = relative(ROOT, import.meta.filename);
  if (!force && (await upToDate(entries))) return { built: false, entries };

  const startedMs = performance.now();
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: Object.fromEntries(entries.map((file, i) => [names[i], file])),
    outdir: OUT_DIR,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    // Names stay as written: the k-means assignment workers are built from their kernels' source text
    // (cluster/assignment-pool.ts), which calls the other kernels by name.
    minify: false,
    keepNames: false,
    sourcemap: 'linked',
    metafile: true,
    write: false,
    logLevel: 'warning',
  });
  await mkdir(OUT_DIR, { recursive: true });
  for (const file of result.outputFiles) await replaceFile(file.path, file.contents);
  const inputs = [...Object.keys(result.metafile.inputs).filter((file) => !file.startsWith('node_modules/')), self];
  const prints = Object.fromEntries(await Promise.all(inputs.map(async (file) => [file, await fingerprint(file)])));
  await replaceFile(STAMP, JSON.stringify({ entries, inputs: prints }, null, 1));
  if (!quiet) {
    const ms = Math.round(performance.now() - startedMs);
    console.error(`build-pipeline: ${entries.length} entries -> ${relative(ROOT, OUT_DIR)}/ in ${ms} ms`);
  }
  return { built: true, entries };
}

/**
 * @param {string} path
 * @param {Uint8Array | string} contents
 */
async function replaceFile(path, contents) {
  const temp = `${path}.${process.pid}.tmp`;
  await writeFile(temp, contents);
  await rename(temp, path);
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) {
  await buildPipeline({ force: process.argv.includes('--force') });
}
