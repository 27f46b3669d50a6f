/**
 * The Spark job in local mode against our single process, on the same 20,000 arXiv abstracts (the Spark test's
 * records): `assign` and the Spark job place them with the same model (a full run on the next 20,000 records of
 * the file, so none of them is a duplicate of a fitted document), and the full pipeline fits and writes them. Whole
 * processes: wall, and CPU as user + sys of the process tree (Spark's JVM, Python workers and the Node
 * `assign-stream` processes; the compiled CLI's worker threads), sampled from /proc. Docs/s per core is documents
 * / CPU seconds. Runs alternate (full, assign, Spark), so a busy spell on the shared machine hits all;
 * medians of `runs`.
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { gunzipSync } from 'node:zlib';
import { median, ROOT } from './lib/timed.ts';

const run = promisify(execFile);
const CORPUS = join(ROOT, '../shared/data/arxiv-cs-2013-2025.jsonl.gz');
const MAX_DATE = '2026-11-01';
export const SPARK_DOCUMENTS = 20_000;
const SPARK_CORES = 2;
// sysconf(_SC_CLK_TCK) on Linux.
const CLOCK_TICKS_PER_S = 100;
const SUBMIT_ARGS = `--master local[${SPARK_CORES}] --conf spark.sql.shuffle.partitions=4 --conf spark.ui.enabled=false pyspark-shell`;

export interface SparkRow {
  name: string;
  wallS: number[];
  cpuS: number[];
}

export interface SparkResult {
  documents: number;
  runs: number;
  rows: SparkRow[];
}

/**
 * Wall and CPU seconds of a command and every process under it. GNU time's children rusage misses Spark's JVM
 * (never waited for by the Python driver), so the tree is sampled from /proc every 100 ms: each process's own
 * utime + stime, last seen. A process that lives less than one interval, or the CPU of its last one, is missed.
 */
async function timedCpu(
  command: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv = {},
): Promise<[number, number]> {
  const startedMs = performance.now();
  const child = spawn(command, args, {
    cwd: ROOT,
    env: { ...process.env, DOTENV_CONFIG_QUIET: 'true', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-3000)));
  const ticks = new Map<number, number>();
  const sample = async (): Promise<void> => {
    const parents = new Map<number, number>();
    const own = new Map<number, number>();
    for (const name of await readdir('/proc').catch(() => [])) {
      if (!/^\d+$/.test(name)) continue;
      const stat = await readFile(`/proc/${name}/stat`, 'utf8').catch(() => null);
      if (stat === null) continue;
      // Fields after the command name in parentheses: state ppid ... utime (14th) stime (15th).
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parents.set(Number(name), Number(fields[1]));
      own.set(Number(name), Number(fields[11]) + Number(fields[12]));
    }
    const inTree = (pid: number): boolean => {
      for (let p: number | undefined = pid; p !== undefined && p > 1; p = parents.get(p))
        if (p === child.pid) return true;
      return false;
    };
    for (const [pid, used] of own) if (inTree(pid)) ticks.set(pid, used);
  };
  const timer = setInterval(() => void sample(), 100);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  clearInterval(timer);
  const wallS = (performance.now() - startedMs) / 1000;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} failed (${code}): ${stderr}`);
  let total = 0;
  for (const used of ticks.values()) total += used;
  return [wallS, total / CLOCK_TICKS_PER_S];
}

export async function benchSpark(runs: number): Promise<SparkResult> {
  const python = join(ROOT, '.venv-spark/bin/python');
  if (!existsSync(python)) {
    throw new Error(
      `bench spark: ${python} is missing; create it as .ci/run does (python3 -m venv .venv-spark, pip install -r pipelines/spark/requirements.txt)`,
    );
  }
  const cli = join(ROOT, 'build/pipeline/cli.js');
  await run(process.execPath, ['scripts/build-pipeline.js'], { cwd: ROOT });
  await run(process.execPath, ['pipelines/spark/build-spark.js'], { cwd: ROOT });
  const work = await mkdtemp(join(tmpdir(), 'spark-bench-'));
  try {
    const lines = gunzipSync(await readFile(CORPUS))
      .toString('utf8')
      .split('\n');
    const corpus = join(work, 'corpus.jsonl');
    const fitCorpus = join(work, 'fit.jsonl');
    await writeFile(corpus, `${lines.slice(0, SPARK_DOCUMENTS).join('\n')}\n`);
    await writeFile(fitCorpus, `${lines.slice(SPARK_DOCUMENTS, 2 * SPARK_DOCUMENTS).join('\n')}\n`);
    const model = join(work, 'model');
    await run(process.execPath, [cli, '--input', fitCorpus, '--out', model, '--max-date', MAX_DATE, '--quiet'], {
      cwd: ROOT,
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
    });
    const rows: SparkRow[] = [
      { name: 'full pipeline, one process (fit + write)', wallS: [], cpuS: [] },
      { name: '`assign` with the model, one process', wallS: [], cpuS: [] },
      { name: `Spark job with the model, \`local[${SPARK_CORES}]\``, wallS: [], cpuS: [] },
    ];
    const record = (row: SparkRow, [wall, cpu]: [number, number]): void => {
      row.wallS.push(wall);
      row.cpuS.push(cpu);
    };
    for (let r = 0; r < runs; r++) {
      console.log(`bench spark: run ${r + 1} of ${runs}`);
      const out = join(work, `full-${r}`);
      record(
        rows[0]!,
        await timedCpu(process.execPath, [cli, '--input', corpus, '--out', out, '--max-date', MAX_DATE, '--quiet']),
      );
      await rm(out, { recursive: true, force: true });
      const assigned = join(work, `assign-${r}`);
      await cp(model, assigned, { recursive: true });
      record(
        rows[1]!,
        await timedCpu(process.execPath, [
          cli,
          'assign',
          '--model',
          assigned,
          '--input',
          corpus,
          '--max-date',
          MAX_DATE,
          '--quiet',
        ]),
      );
      await rm(assigned, { recursive: true, force: true });
      const sparkOut = join(work, `spark-${r}`);
      record(
        rows[2]!,
        await timedCpu(
          python,
          [
            'pipelines/spark/topic_trends_job.py',
            '--model',
            model,
            '--input',
            corpus,
            '--out',
            sparkOut,
            '--max-date',
            MAX_DATE,
          ],
          { PYSPARK_SUBMIT_ARGS: SUBMIT_ARGS },
        ),
      );
      await rm(sparkOut, { recursive: true, force: true });
    }
    return { documents: SPARK_DOCUMENTS, runs, rows };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

export function sparkMarkdown(result: SparkResult): string {
  const lines = [
    `${result.documents.toLocaleString('en-US')} arXiv abstracts (the first of \`arxiv-cs-2013-2025.jsonl.gz\`), model fitted on the next ${result.documents.toLocaleString('en-US')}; whole processes, medians of ${result.runs}. Per core = documents / CPU seconds (user + sys of the whole process tree, sampled from /proc).`,
    '',
    '| what | wall | CPU | docs/s (wall) | docs/s per core |',
    '| --- | --: | --: | --: | --: |',
  ];
  for (const row of result.rows) {
    const wall = median(row.wallS);
    const cpu = median(row.cpuS);
    lines.push(
      `| ${row.name} | ${wall.toFixed(1)} s | ${cpu.toFixed(1)} s | ${Math.round(result.documents / wall).toLocaleString('en-US')} | ${Math.round(result.documents / cpu).toLocaleString('en-US')} |`,
    );
  }
  return lines.join('\n');
}
