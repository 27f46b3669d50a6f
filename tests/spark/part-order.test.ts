/**
 * The Spark job concatenates the part files of one task in write order (`part_counter` in topic_trends_job.py),
 * which the dashboard's range reads rely on. A uuid segment such as "c41b" once took the place of the counter and
 * put row groups out of order in a run whose uuid happened to hold one.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const PYTHON =
  process.env.TOPIC_TRENDS_PYTHON ??
  (existsSync(join(ROOT, '.venv-spark/bin/python')) ? join(ROOT, '.venv-spark/bin/python') : 'python3');
const sparkReady = spawnSync(PYTHON, ['-c', 'import pyspark'], { stdio: 'ignore' }).status === 0;

function partCounters(names: string[]): { code: number | null; out: string } {
  const script = `import json, sys\nfrom topic_trends_job import part_counter\nprint(json.dumps([part_counter(n) for n in json.loads(sys.argv[1])]))`;
  const result = spawnSync(PYTHON, ['-c', script, JSON.stringify(names)], {
    cwd: join(ROOT, 'pipelines/spark'),
    encoding: 'utf8',
  });
  return { code: result.status, out: result.status === 0 ? result.stdout.trim() : result.stderr };
}

describe.skipIf(!sparkReady)('part_counter (Spark part files in write order)', () => {
  it('reads the counter before the extensions, not a uuid segment that looks like one', () => {
    const names = [
      'part-00000-5c3e9a7d-c41b-4f1d-8123-0a1b2c3d4e5f-c000.zstd.parquet',
      'part-00000-5c3e9a7d-c41b-4f1d-8123-0a1b2c3d4e5f-c002.zstd.parquet',
      'part-00000-5c3e9a7d-c41b-4f1d-8123-0a1b2c3d4e5f-c010.zstd.parquet',
      'part-00000-0f9e8d7c-6b5a-4c3d-c2e1-000000000000-c001.parquet',
    ];
    expect(partCounters(names)).toEqual({ code: 0, out: '[0, 2, 10, 1]' });
  });

  it('refuses a name that is not a part file, rather than guessing an order', () => {
    const result = partCounters(['_SUCCESS.parquet']);
    expect(result.code).not.toBe(0);
    expect(result.out).toContain('not a part file name');
  });
});
