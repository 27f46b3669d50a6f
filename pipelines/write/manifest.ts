/** Writes `manifest.json`: what went in, what came out, and every parameter needed to reproduce the run. */
import { createHash } from 'node:crypto';
import { createReadStream, readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MANIFEST_FILE, SCHEMA_VERSION, type Manifest } from '../../src/schema.ts';

export const TOOL_VERSION: string = (
  JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }
).version;

/** At most this many skipped records are listed individually; the count covers all of them. */
export const MAX_LISTED_SKIPS = 1000;

export async function writeManifest(manifest: Manifest, outDir: string): Promise<void> {
  // No timestamps or absolute paths: two runs on the same input and seed must produce identical bytes.
  await writeFile(join(outDir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
}

/**
 * The run id of a full run: the first 16 hex digits of SHA-256 over the tool version, the schema version, each
 * input's content hash (`inputHashes`) and format (not its path: the same bytes elsewhere are the same run) and the
 * resolved parameters. Deterministic by construction: no clock, no randomness.
 */
export function runIdOf(
  inputs: readonly { sha256: string; format: string }[],
  parameters: Manifest['parameters'],
): string {
  const contents = inputs.map(({ sha256, format }) => ({ sha256, format }));
  const key = JSON.stringify({ tool: TOOL_VERSION, schemaVersion: SCHEMA_VERSION, inputs: contents, parameters });
  return createHash('sha256').update(key).digest('hex').slice(0, 16);
}

/**
 * SHA-256 (hex) of each file's content. Mostly waiting on reads (43 MB, the 100k-paper corpus: ~70 ms of CPU), so a
 * run starts it early and lets it interleave with other waits.
 */
export async function inputHashes(files: readonly string[]): Promise<string[]> {
  const hashes = [];
  for (const file of files) hashes.push(await fileSha256(file));
  return hashes;
}

async function fileSha256(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Lines for the run summary about what the manifest flags: topics dropped as empty, far date outliers. */
export function manifestNotes(manifest: Pick<Manifest, 'kReduced' | 'coreDateRange' | 'dateOutliers'>): string[] {
  const notes: string[] = [];
  if (manifest.kReduced !== null) {
    notes.push(
      `  note: ${manifest.kReduced.to} topics instead of ${manifest.kReduced.from}: ${manifest.kReduced.reason}`,
    );
  }
  const { count, dates } = manifest.dateOutliers;
  if (count > 0 && manifest.coreDateRange !== null) {
    notes.push(
      `  note: ${count} document${count === 1 ? '' : 's'} dated far outside the rest (${dates.join(', ')}${dates.length < count ? ', ...' : ''}); most dates lie in ${manifest.coreDateRange.first} .. ${manifest.coreDateRange.last} (manifest coreDateRange); check the dates if they are placeholders`,
    );
  }
  return notes;
}
