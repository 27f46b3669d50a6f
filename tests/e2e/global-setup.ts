/**
 * Once per e2e run: builds the corpus (default sample + hostile records), runs the REAL pipeline into a temp dir,
 * builds the site with Vite, and serves both on 127.0.0.1. `E2E_DATA_DIR=<pipeline output>` skips the pipeline
 * run (faster iteration on the dashboard; the CI path always runs it).
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import type { TestProject } from 'vitest/node';
import { build } from 'vite';
import { serveStatic } from './static-server.ts';
import { HOSTILE_RECORDS } from './hostile-records.ts';
import { CLI } from '../helpers/run-cli.ts';
import buildPipeline from '../helpers/build-pipeline.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    dataDir: string;
    distDir: string;
  }
}

async function runPipeline(workDir: string, outDir: string): Promise<void> {
  const corpus = join(workDir, 'corpus.jsonl');
  const sample = gunzipSync(await readFile(join(ROOT, 'data/arxiv-cs-sample.jsonl.gz'))).toString('utf8');
  await writeFile(corpus, `${sample.trimEnd()}\n${HOSTILE_RECORDS.map((r) => JSON.stringify(r)).join('\n')}\n`);
  await run(process.execPath, [...CLI, '--input', corpus, '--out', outDir, '--k', '12', '--quiet'], {
    cwd: ROOT,
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
  });
}

/** Extra data folders under /data/ for the error journeys. */
async function addBrokenFolders(dataRoot: string, dataDir: string): Promise<void> {
  const wrong = join(dataRoot, 'wrong-version');
  await cp(dataDir, wrong, { recursive: true });
  const manifest = JSON.parse(await readFile(join(wrong, 'manifest.json'), 'utf8')) as Record<string, unknown>;
  await writeFile(join(wrong, 'manifest.json'), JSON.stringify({ ...manifest, schemaVersion: 999 }));
  const corrupt = join(dataRoot, 'corrupt');
  await cp(dataDir, corrupt, { recursive: true });
  await writeFile(join(corrupt, 'trends.parquet'), 'this is not parquet');
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const workDir = await mkdtemp(join(tmpdir(), 'topic-trends-e2e-'));
  const dataRoot = join(workDir, 'served-data');
  await mkdir(dataRoot, { recursive: true });
  const dataDir = join(dataRoot, 'main');
  buildPipeline();
  const given = process.env['E2E_DATA_DIR'];
  if (given) await cp(given, dataDir, { recursive: true });
  else await runPipeline(workDir, dataDir);
  await addBrokenFolders(dataRoot, dataDir);

  const distDir = join(workDir, 'dist');
  // Exercises the build-time data folder setting; the page then reads /data/main/.
  process.env['VITE_DATA_URL'] = './data/main/';
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    // The pipeline output stands in for ./data/; nothing of the developer's public/data is copied.
    publicDir: false,
    build: { outDir: distDir, emptyOutDir: true },
  });
  const server = await serveStatic(distDir, dataRoot);
  project.provide('baseUrl', server.url);
  project.provide('dataDir', dataDir);
  project.provide('distDir', distDir);
  return async () => {
    await server.close();
    await rm(workDir, { recursive: true, force: true });
  };
}
