/**
 * One run's output directory: replaced atomically, filled through a scratch DuckDB database that lives inside the
 * temp directory and is removed before the rename, and closed by its manifest.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest } from '../../src/schema.ts';
import { replaceDirAtomically } from './atomic-dir.ts';
import { writeManifest } from './manifest.ts';
import { OutputDatabase } from './output-database.ts';
import { assertOnlyOurOutput } from './output-guard.ts';

export async function writeOutputDir<T extends { manifest: Manifest }>(
  outDir: string,
  fill: (database: OutputDatabase, tempDir: string) => Promise<T>,
): Promise<T> {
  return replaceDirAtomically(
    outDir,
    async (tempDir) => {
      const scratchDir = join(tempDir, '.scratch');
      await mkdir(scratchDir);
      const database = await OutputDatabase.open(scratchDir);
      try {
        const result = await fill(database, tempDir);
        database.close();
        await rm(scratchDir, { recursive: true, force: true });
        await writeManifest(result.manifest, tempDir);
        return result;
      } catch (error) {
        try {
          database.close();
        } catch {
          // The error being thrown is the one to report.
        }
        throw error;
      }
    },
    { beforeReplace: assertOnlyOurOutput },
  );
}
