/**
 * Start-up of the pipeline CLI, compiled (`node build/pipeline/cli.js`, what `npm run pipeline` runs) against
 * from source under tsx: wall time of `--help`, and of a 300-paper run, whole and outside the run's own timer
 * (wall minus the `wrote ... in N s` the CLI reports: loading code, exiting). Runs alternate so a busy spell on the shared machine hits all; medians of `--runs` (default 9). `--before
 * DIR` adds an older tree (e.g. `git archive <commit> pipelines src package.json | tar -x -C DIR`, with a
 * node_modules link) run as it was then, under tsx.
 *
 * Usage: npx tsx bench/startup-bench.ts [--runs N] [--before DIR]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile, readFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { median, ROOT } from './lib/timed.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '9' }, before: { type: 'string' } } });
const COMMANDS: Record<string, string[]> = {
  compiled: [join(ROOT, 'build/pipeline/cli.js')],
  tsx: ['--import', 'tsx', join(ROOT, 'pipelines/cli.ts')],
  ...(values.before === undefined ? {} : { before: ['--import', 'tsx', join(values.before, 'pipelines/cli.ts')] }),
};

interface Timing {
  /** Wall time minus the seconds the CLI reports for its run (none for `--help`). */
  outsideMs: number;
  totalMs: number;
}

function timeRun(prefix: readonly string[], args: readonly string[]): Promise<Timing> {
  return new Promise((resolve, reject) => {
    const startedMs = performance.now();
    let stderr = '';
    const child = spawn(process.execPath, [...prefix, ...args], {
      cwd: ROOT,
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.resume();
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const totalMs = performance.now() - startedMs;
      const runS = Number(/^wrote .* in ([\d.]+) s$/m.exec(stderr)?.[1] ?? 0);
      if (code === 0) resolve({ outsideMs: totalMs - runS * 1000, totalMs });
      else reject(new Error(`exit ${code}: ${stderr}`));
    });
  });
}

const runs = Number(values.runs);
const work = await mkdtemp(join(tmpdir(), 'startup-bench-'));
const corpus = join(work, 'tiny.jsonl');
const sample = gunzipSync(await readFile(join(ROOT, 'data/arxiv-cs-sample.jsonl.gz'))).toString('utf8');
await writeFile(corpus, `${sample.split('\n').slice(0, 300).join('\n')}\n`);
const load = loadavg();
const results: Record<string, { help: number[]; outside: number[]; total: number[] }> = {};
for (let r = 0; r < runs; r++) {
  for (const [name, prefix] of Object.entries(COMMANDS)) {
    const row = (results[name] ??= { help: [], outside: [], total: [] });
    row.help.push((await timeRun(prefix, ['--help'])).totalMs);
    const out = join(work, `out-${name}`);
    await rm(out, { recursive: true, force: true });
    const tiny = await timeRun(prefix, ['--input', corpus, '--out', out, '--k', '5']);
    row.outside.push(tiny.outsideMs);
    row.total.push(tiny.totalMs);
  }
}
await rm(work, { recursive: true, force: true });
const loadText = (xs: number[]): string => xs.map((x) => x.toFixed(1)).join(' ');
console.log(`| runner | --help | 300 papers: outside the run's timer | 300 papers: whole run |`);
console.log(`| --- | --: | --: | --: |`);
for (const [name, row] of Object.entries(results)) {
  const ms = (xs: number[]): string => `${Math.round(median(xs))} ms`;
  console.log(`| ${name} | ${ms(row.help)} | ${ms(row.outside)} | ${ms(row.total)} |`);
}
console.log(`\nmedians of ${runs}; load average ${loadText(load)} at start, ${loadText(loadavg())} at end`);
