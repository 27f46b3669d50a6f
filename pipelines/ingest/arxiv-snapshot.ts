/**
 * Reads the original arXiv metadata snapshot (Kaggle `arxiv-metadata-oai-snapshot.json`): one object per line
 * with a space-separated `categories` string (primary first) and `versions[0].created` (RFC 2822) as the
 * submission date. `update_date` is the last revision, so it is ignored.
 */
import { describeType } from './dates.ts';
import { buildRawDoc, splitLabels, type Checked } from './fields.ts';
import { parseJsonObject, readLineRecords, type JsonlOptions } from './jsonl.ts';
import type { RawDoc } from './raw-doc.ts';

export const ARXIV_SNAPSHOT_SOURCE = 'arxiv-snapshot';

export type ArxivSnapshotOptions = JsonlOptions;

/** Yields one `RawDoc` per snapshot line (source `arxiv-snapshot`, day precision); bad lines are reported. */
export function readArxivSnapshot(file: string, options: ArxivSnapshotOptions): AsyncGenerator<RawDoc> {
  return readLineRecords(file, options, arxivSnapshotRecord);
}

/** One snapshot line: its record, why it is bad, or null when blank (so worker threads can parse). */
export function arxivSnapshotRecord(
  text: string,
  file: string,
  line: number,
  maxDate: string,
): RawDoc | { error: string } | null {
  const value = parseJsonObject(text);
  if (value === null || 'error' in value) return value;
  const record = value.object;
  return buildRawDoc(
    {
      id: record.id ?? null,
      title: record.title,
      abstract: record.abstract,
      date: submissionDate(record.versions),
      labels: categoryLabels(record.categories),
      source: ARXIV_SNAPSHOT_SOURCE,
    },
    file,
    line,
    maxDate,
  );
}

function categoryLabels(raw: unknown): Checked<string[]> {
  if (raw === null || raw === undefined) return { value: [] };
  if (typeof raw !== 'string')
    return { error: `categories must be a space-separated string, got ${describeType(raw)}` };
  return { value: splitLabels(raw, ' ') };
}

/** `versions[0].created`, or null (undated) when there are no versions. */
function submissionDate(versions: unknown): unknown {
  if (!Array.isArray(versions) || versions.length === 0) return null;
  const first: unknown = versions[0];
  return typeof first === 'object' && first !== null ? (first as { created?: unknown }).created : first;
}
