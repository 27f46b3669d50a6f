/**
 * Vitest global setup: compiles the pipeline (scripts/build-pipeline.js, a no-op when nothing changed), so the
 * tests that start the CLI run `build/pipeline/cli.js`, the JavaScript `npm run pipeline` runs.
 */
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';

export default function setup(): void {
  const root = resolve(import.meta.dirname, '../..');
  execFileSync(process.execPath, ['scripts/build-pipeline.js'], { cwd: root, stdio: 'inherit' });
}
