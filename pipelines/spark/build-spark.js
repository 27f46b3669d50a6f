/**
 * Builds what the Spark job (`topic_trends_job.py`) ships to its cluster, into build/spark/ (git-ignored):
 *
 *   assign-stream.js  the `assign-stream` command with every package inlined: executors need Node 20 and this file
 *   schema.json       src/schema.ts's TABLES and SCHEMA_VERSION, plus the constants the job's SQL must share with
 *                     the Node path (growth, label trends, manifest caps, date outliers), generated from the modules
 *                     that define them: the one contract stays schema.ts, never a hand copy
 *
 * Plain JavaScript (esbuild only), like scripts/build-pipeline.js. Usage: node pipelines/spark/build-spark.js
 */
import { build } from 'esbuild';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '../..');
export const SPARK_BUILD_DIR = join(ROOT, 'build/spark');

const CONTRACT_SOURCE = `
export { SCHEMA_VERSION, TABLES, GRANULARITIES, MANIFEST_FILE } from './src/schema.ts';
export { DEFAULT_GROWTH_WINDOW, DEFAULT_GROWTH_MIN_PAPERS, MIN_PERIOD_PAPERS, Z_CRITICAL } from './src/shared/growth.ts';
export { MIN_DATED, MAX_LISTED_OUTLIERS } from './src/shared/date-outliers.ts';
export { NO_LABEL } from './pipelines/trends/label-trends.ts';
export { MAX_LISTED_SKIPS } from './pipelines/write/manifest.ts';
export { DOCUMENTS_ROW_GROUP_ROWS } from './pipelines/write/output-database.ts';
`;

/** The contract as the job reads it; also what tests/spark/schema-json.test.ts compares with schema.ts. */
export async function contractJson() {
  const result = await build({
    stdin: { contents: CONTRACT_SOURCE, resolveDir: ROOT, loader: 'ts', sourcefile: 'contract.ts' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    packages: 'external',
    write: false,
    logLevel: 'warning',
  });
  const code = result.outputFiles[0].text.replace(
    /new URL\("\.\.\/\.\.\/package\.json", import\.meta\.url\)/g,
    JSON.stringify(join(ROOT, 'package.json')),
  );
  const module = await import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  return {
    schemaVersion: module.SCHEMA_VERSION,
    tool: { name: pkg.name, version: pkg.version },
    manifestFile: module.MANIFEST_FILE,
    granularities: module.GRANULARITIES,
    tables: module.TABLES,
    constants: {
      growthWindow: module.DEFAULT_GROWTH_WINDOW,
      growthMinPapers: module.DEFAULT_GROWTH_MIN_PAPERS,
      minPeriodPapers: module.MIN_PERIOD_PAPERS,
      zCritical: module.Z_CRITICAL,
      minDated: module.MIN_DATED,
      maxListedOutliers: module.MAX_LISTED_OUTLIERS,
      noLabel: module.NO_LABEL,
      maxListedSkips: module.MAX_LISTED_SKIPS,
      documentsRowGroupRows: module.DOCUMENTS_ROW_GROUP_ROWS,
    },
  };
}

export async function buildSpark() {
  await mkdir(SPARK_BUILD_DIR, { recursive: true });
  await build({
    absWorkingDir: ROOT,
    entryPoints: ['pipelines/spark/assign-stream-main.ts'],
    outfile: join(SPARK_BUILD_DIR, 'assign-stream.js.tmp'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  await rename(join(SPARK_BUILD_DIR, 'assign-stream.js.tmp'), join(SPARK_BUILD_DIR, 'assign-stream.js'));
  const temp = join(SPARK_BUILD_DIR, 'schema.json.tmp');
  await writeFile(temp, `${JSON.stringify(await contractJson(), null, 2)}\n`);
  await rename(temp, join(SPARK_BUILD_DIR, 'schema.json'));
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === import.meta.filename) {
  await buildSpark();
  console.error('build-spark: build/spark/assign-stream.js, build/spark/schema.json');
}
