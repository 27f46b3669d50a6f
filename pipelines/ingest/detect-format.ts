/** Guesses an input file's format from its extension and a sniff of its first non-blank line. */
import type { InputFormat } from '../../src/schema.ts';
import { readTextLines } from './text-lines.ts';

/**
 * `.csv[.gz]` -> csv, `.txt[.gz]` -> listing; otherwise the first non-blank line decides: a JSON object with a
 * `versions` array or a `categories` string is the arXiv snapshot, anything else jsonl. Never throws: an unreadable
 * file is `jsonl`, and the reader then reports why it cannot be read.
 */
export async function detectFormat(file: string): Promise<InputFormat> {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  if (name.endsWith('.csv')) return 'csv';
  if (name.endsWith('.txt')) return 'listing';
  for await (const { text } of readTextLines(file, () => {})) {
    if (text.trim() === '') continue;
    return isArxivSnapshotLine(text) ? 'arxiv-snapshot' : 'jsonl';
  }
  return 'jsonl';
}

function isArxivSnapshotLine(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return false;
    const record = value as { versions?: unknown; categories?: unknown };
    return Array.isArray(record.versions) || typeof record.categories === 'string';
  } catch {
    return false;
  }
}
