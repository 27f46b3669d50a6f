/** Writes `manifest.json`: what went in, what came out, and every parameter needed to reproduce the run. */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, type Manifest } from '../../src/schema.ts';

export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** At most this many skipped records are listed individually; the count covers all of them. */
export const MAX_LISTED_SKIPS = 1000;

export async function writeManifest(manifest: Manifest, outDir: string): Promise<void> {
  // No timestamps or absolute paths: two runs on the same input and seed must produce identical bytes.
  await writeFile(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}
