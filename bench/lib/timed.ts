/**
 * Runs a command under GNU time (`/usr/bin/time -f '%e %M %U %S'`), which reports the wall time, the peak resident
 * set and the CPU time (user + system) of the process: worker threads live in the same process, so their memory is counted; a command whose
 * children do the work (npm, shells) would be under-counted, which is why callers run node or python directly.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export const GNU_TIME = '/usr/bin/time';

export interface TimedRun {
  wallS: number;
  peakRssMiB: number;
  /** User + system CPU seconds of the process and its threads: comparable when other work shares the cores. */
  cpuS: number;
  /** The command's own stderr (ours: its progress lines, which carry per-phase times). */
  stderr: string;
}

export async function timed(command: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<TimedRun> {
  const dir = await mkdtemp(join(tmpdir(), 'bench-time-'));
  const report = join(dir, 'time.txt');
  try {
    const { stderr } = await run(GNU_TIME, ['-f', '%e %M %U %S', '-o', report, command, ...args], {
      cwd: ROOT,
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true', ...env },
      maxBuffer: 256 * 1024 * 1024,
    }).catch((error: Error & { stderr?: string }) => {
      throw new Error(`${command} ${args.join(' ')} failed: ${error.stderr?.slice(-2000) ?? error.message}`, {
        cause: error,
      });
    });
    const fields = (await readFile(report, 'utf8')).trim().split('\n').pop()!.split(' ').map(Number);
    const [wall, rssKiB, user, system] = fields;
    if (
      fields.length !== 4 ||
      wall === undefined ||
      rssKiB === undefined ||
      user === undefined ||
      system === undefined ||
      !fields.every(Number.isFinite)
    ) {
      throw new Error(`${report}: cannot parse GNU time output`);
    }
    return { wallS: wall, peakRssMiB: rssKiB / 1024, cpuS: user + system, stderr };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const ROOT = join(import.meta.dirname, '../..');

/** Median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Nearest-rank percentile (p in 0..100) of a non-empty list. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Per-phase seconds from the pipeline's plain progress lines (`reading: done, 15,989 in 4.8 s`, `features: done in 3.2 s`). */
export function phaseSeconds(stderr: string): Record<string, number> {
  const phases: Record<string, number> = {};
  for (const match of stderr.matchAll(/^([\w -]+): done(?:, [\d,]+)? in ([\d.]+) s$/gm)) {
    phases[match[1]!] = (phases[match[1]!] ?? 0) + Number(match[2]);
  }
  return phases;
}
