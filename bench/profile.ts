/**
 * Where our pipeline's time goes: runs the compiled pipeline (`build/pipeline/cli.js`, built by `npm run
 * build:pipeline`) once under `node --cpu-prof` (one profile per thread, workers included) and sums the sampled self
 * time per function across the profiles, top 20.
 *
 * Usage: npx tsx bench/profile.ts INPUT [pipeline options...]   e.g. bench/out/scale/corpus-100000.jsonl.gz
 */
import { execFile } from 'node:child_process';
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { ROOT } from './lib/timed.ts';
import { CLI_JS } from './lib/variants.ts';

const run = promisify(execFile);

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export async function profilePipeline(input: string, extra: readonly string[]): Promise<string> {
  const dir = join(ROOT, 'bench/out/profile');
  await rm(dir, { recursive: true, force: true });
  await mkdir(dir, { recursive: true });
  await run(
    process.execPath,
    [
      '--cpu-prof',
      '--cpu-prof-dir',
      dir,
      // The compiled pipeline, as users and the benchmarks run it (tsx's compiling would show as loader work).
      CLI_JS,
      '--input',
      input,
      '--out',
      join(dir, 'out'),
      '--quiet',
      ...extra,
    ],
    { cwd: ROOT, env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' }, maxBuffer: 64 * 1024 * 1024 },
  );
  const selfMs = new Map<string, number>();
  let totalMs = 0;
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.cpuprofile'))) {
    const profile = JSON.parse(await readFile(join(dir, file), 'utf8')) as CpuProfile;
    const nameOf = new Map(
      profile.nodes.map((n) => {
        const url = n.callFrame.url.replace(/^file:\/\//, '');
        const where =
          url === '' ? '' : ` ${url.startsWith(ROOT) ? relative(ROOT, url) : url}:${n.callFrame.lineNumber + 1}`;
        return [n.id, `${n.callFrame.functionName || '(anonymous)'}${where}`];
      }),
    );
    profile.samples.forEach((id, i) => {
      const ms = (profile.timeDeltas[i] ?? 0) / 1000;
      const name = nameOf.get(id) ?? '?';
      // Idle samples are threads waiting (workers between passes, the main thread on I/O): not work.
      if (name === '(idle)') return;
      totalMs += ms;
      selfMs.set(name, (selfMs.get(name) ?? 0) + ms);
    });
  }
  const top = [...selfMs].sort((a, b) => b[1] - a[1]).slice(0, 20);
  return [
    `| self time s | share | function |`,
    `| ---: | ---: | --- |`,
    ...top.map(([name, ms]) => `| ${(ms / 1000).toFixed(1)} | ${((100 * ms) / totalMs).toFixed(1)} % | \`${name}\` |`),
    '',
    `Busy sampled time over all threads: ${(totalMs / 1000).toFixed(1)} s (idle samples left out).`,
  ].join('\n');
}

if (import.meta.filename === process.argv[1]) {
  const [input, ...extra] = process.argv.slice(2);
  if (input === undefined) throw new Error('usage: npx tsx bench/profile.ts INPUT [pipeline options...]');
  console.log(await profilePipeline(input, extra));
}
