/**
 * Makes sure the benchmark's outside tools are there: GNU time, Debian's scikit-learn for /usr/bin/python3, and
 * Chromium for the dashboard. Missing ones are installed with apt-get (the machine's user is root), saying so.
 * Also compiles the pipeline (scripts/build-pipeline.js): the benchmarks time `build/pipeline/cli.js`.
 */
import { execFile, spawnSync } from 'node:child_process';
import { access } from 'node:fs/promises';
import { promisify } from 'node:util';
import { GNU_TIME, ROOT } from './timed.ts';
import { PYTHON } from './variants.ts';

const run = promisify(execFile);

async function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}

function aptInstall(packages: string[]): void {
  console.log(`bench: installing ${packages.join(', ')} with apt-get (Debian packages)`);
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', ...packages]]) {
    const result = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0)
      throw new Error(
        `apt-get ${args.join(' ')} failed (exit ${result.status}); install ${packages.join(' ')} by hand`,
      );
  }
}

export async function sklearnVersion(): Promise<string | null> {
  return run(PYTHON, ['-c', 'import sklearn; print(sklearn.__version__)']).then(
    ({ stdout }) => stdout.trim(),
    () => null,
  );
}

export async function ensureTools(options: { dashboard: boolean }): Promise<{ sklearn: string }> {
  const missing: string[] = [];
  if (!(await exists(GNU_TIME))) missing.push('time');
  if ((await sklearnVersion()) === null) missing.push('python3-sklearn');
  if (options.dashboard && !(await exists('/usr/bin/chromium'))) missing.push('chromium');
  if (missing.length > 0) aptInstall(missing);
  spawnSync(process.execPath, ['scripts/build-pipeline.js'], { cwd: ROOT, stdio: 'inherit' });
  const sklearn = await sklearnVersion();
  if (sklearn === null) throw new Error(`${PYTHON} still cannot import sklearn after installing python3-sklearn`);
  return { sklearn };
}
