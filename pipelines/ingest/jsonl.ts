/** Reads the normalized JSON Lines shape: one `{id, title, abstract, date, labels, source}` object per line. */
import { InputError, type ReportInputError } from '../errors.ts';
import { buildRawDoc, checkLabels } from './fields.ts';
import { escapeUnprintable } from './printable.ts';
import type { RawDoc } from './raw-doc.ts';
import { readTextLines } from './text-lines.ts';

export interface JsonlOptions {
  /** Latest acceptable date (ISO day); later dates are reported. */
  maxDate: string;
  report: ReportInputError;
}

/**
 * Yields one `RawDoc` per non-blank line. A record is reported (and not yielded) for malformed JSON, a non-object,
 * a missing or empty title, a non-string id (numbers are stringified), labels that are not an array of strings,
 * or a bad date. A missing id becomes `<file stem>:<line>`, a missing source the file stem, a missing abstract `""`.
 */
export function readJsonl(file: string, options: JsonlOptions): AsyncGenerator<RawDoc> {
  return readLineRecords(file, options, jsonlRecord);
}

/** Parses one line: its record, why it is bad, or null when blank. */
export type LineParser = (
  text: string,
  file: string,
  line: number,
  maxDate: string,
) => RawDoc | { error: string } | null;

/** One record per line of any one-object-a-line format: bad lines are reported, blank ones passed over. */
export async function* readLineRecords(file: string, options: JsonlOptions, parse: LineParser): AsyncGenerator<RawDoc> {
  const { report, maxDate } = options;
  for await (const { text, line } of readTextLines(file, report)) {
    const doc = parse(text, file, line, maxDate);
    if (doc === null) continue;
    if ('error' in doc) report(new InputError(file, line, doc.error));
    else yield doc;
  }
}

/** One line of a JSON Lines file: its record, why it is bad, or null when blank (so worker threads can parse). */
export function jsonlRecord(
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
      id: record.id ?? undefined,
      title: record.title,
      abstract: record.abstract,
      date: record.date,
      labels: checkLabels(record.labels),
      source: record.source,
    },
    file,
    line,
    maxDate,
  );
}

/** Null for a blank line; otherwise the parsed object or why the line is not one. */
export function parseJsonObject(text: string): { object: Record<string, unknown> } | { error: string } | null {
  if (text.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    // V8 quotes part of the line in its message: raw NUL bytes from a UTF-16 file, escape sequences, bidi overrides.
    return { error: `malformed JSON (${escapeUnprintable((error as Error).message)})` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {
      error: `expected a JSON object, got ${Array.isArray(value) ? 'an array' : escapeUnprintable(JSON.stringify(value).slice(0, 40))}`,
    };
  }
  return { object: value as Record<string, unknown> };
}
