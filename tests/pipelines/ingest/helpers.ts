/** Test helpers for the ingest readers: temp files and a recording `report`. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { InputError } from '../../../pipelines/errors.ts';

export const DATA_DIR = '/work/shared/data';
export const MAX_DATE = '2026-12-31';

/** A temp directory removed after the test file; `write` puts a file in it and returns its path. */
export function tempDir(): { dir: string; write: (name: string, content: string | Uint8Array) => string } {
  const dir = mkdtempSync(join(tmpdir(), 'ingest-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return {
    dir,
    write: (name, content) => {
      const path = join(dir, name);
      writeFileSync(path, content);
      return path;
    },
  };
}

/** A `report` that records each error's message (`file:line: reason`). */
export function recorder(): { report: (error: InputError) => void; messages: string[]; errors: InputError[] } {
  const errors: InputError[] = [];
  const messages: string[] = [];
  return {
    errors,
    messages,
    report: (error) => {
      errors.push(error);
      messages.push(error.message);
    },
  };
}

export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
