/**
 * Degenerate corpora for the dashboard's axes, built from real records: the first `size` papers of one month of
 * ../shared/data/arxiv-daily-cs.jsonl.gz, optionally with one more real paper re-dated 1900-01-01, run through the
 * REAL pipeline into a folder the e2e server serves.
 */
import { execFile } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { createGunzip } from 'node:zlib';
import { CLI } from '../helpers/run-cli.ts';

const run = promisify(execFile);
const ROOT = resolve(import.meta.dirname, '../..');
export const DAILY_CS = resolve(ROOT, '../shared/data/arxiv-daily-cs.jsonl.gz');

/** The first `size` records dated in `month` (YYYY-MM), and the first record of another month. */
export async function realRecordsOfMonth(
  month: string,
  size: number,
): Promise<{ records: Record<string, unknown>[]; other: Record<string, unknown> }> {
  const records: Record<string, unknown>[] = [];
  let other: Record<string, unknown> | undefined;
  const lines = createInterface({ input: createReadStream(DAILY_CS).pipe(createGunzip()), crlfDelay: Infinity });
  for await (const line of lines) {
    const record = JSON.parse(line) as Record<string, unknown>;
    const date = typeof record['date'] === 'string' ? record['date'] : '';
    if (date.startsWith(month)) {
      if (records.length < size) records.push(record);
    } else if (other === undefined && date !== '') other = record;
    if (records.length >= size && other !== undefined) break;
  }
  lines.close();
  if (records.length < size || other === undefined)
    throw new Error(`${DAILY_CS}: fewer than ${size} papers in ${month}`);
  return { records, other };
}

/** Runs the pipeline on `records` into `outDir` (which must not exist yet or be an earlier output). */
export async function runPipelineOn(records: readonly Record<string, unknown>[], outDir: string): Promise<void> {
  const workDir = await mkdtemp(join(tmpdir(), 'topic-trends-one-month-'));
  try {
    const corpus = join(workDir, 'corpus.jsonl');
    await writeFile(corpus, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    await run(process.execPath, [...CLI, '--input', corpus, '--out', outDir, '--k', '5', '--quiet'], {
      cwd: ROOT,
      maxBuffer: 64 * 1024 * 1024,
      env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' },
    });
  } finally {
    await rm(workDir, { recursive: true, force: true });
  }
}
