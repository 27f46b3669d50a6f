/**
 * Vitest global setup: points `os.tmpdir()` (TMPDIR) of the test workers, and of every CLI they start, at one fresh
 * directory for this run, and removes it when the run ends, so a test run leaves nothing behind in the system's
 * temporary directory (the tests make hundreds of scratch outputs). KEEP_TEST_SCRATCH=1 keeps it to look at.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export default function setup(): () => void {
  const root = mkdtempSync(join(tmpdir(), 'topic-trends-tests-'));
  const previous = process.env.TMPDIR;
  process.env.TMPDIR = root;
  return () => {
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
    if (process.env.KEEP_TEST_SCRATCH === '1') console.log(`test scratch kept in ${root}`);
    else rmSync(root, { recursive: true, force: true });
  };
}
