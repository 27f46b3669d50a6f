/** Field checks shared by the readers: each turns one raw value into a `RawDoc` field or a reason it is bad. */
import { basename } from 'node:path';
import { describeType, parseDate } from './dates.ts';
import { escapeUnprintable } from './printable.ts';
import type { RawDoc } from './raw-doc.ts';
import { formatCount } from './text-lines.ts';

export type Checked<T> = { value: T } | { error: string };

/** Collapses every run of whitespace (including line breaks and no-break spaces) to one space and trims. */
export function squashWhitespace(text: string): string {
  // Replacing only runs of 2+ and non-space whitespace is ~3x faster than /\s+/g on prose, where most gaps are one space.
  return text.replace(/\s{2,}|[^\S ]/g, ' ').trim();
}

/** `data/acl.jsonl.gz` -> `acl`: the base name without `.gz` and a data extension; used as the default source. */
export function fileStem(file: string): string {
  return basename(file)
    .replace(/\.gz$/i, '')
    .replace(/\.(jsonl|ndjson|json|csv|tsv|txt)$/i, '');
}

/** A string, or a finite number written as a string; blank is an error. */
export function checkId(raw: unknown): Checked<string> {
  if (typeof raw === 'number' && Number.isFinite(raw)) return { value: String(raw) };
  if (typeof raw !== 'string') return { error: `id must be a string, got ${describeType(raw)}` };
  const id = raw.trim();
  return id === '' ? { error: 'id is empty' } : { value: id };
}

/**
 * Longest title kept, in characters (after squashing whitespace). The longest of the 282,075 titles in the bundled
 * and shared corpora has 512 (ACL Anthology; arXiv's longest 240); a field much longer is another text in the
 * title column, and without a limit a 100,000-character title cost a run 23 s (issue 10).
 */
export const MAX_TITLE_CHARS = 2000;

/** Characters that draw nothing: whitespace, controls (Cc) and format characters (Cf: zero-width, bidi, BOM). */
const DRAWS_NOTHING = /^[\s\p{Cc}\p{Cf}]*$/u;

/** True when `text` would show as nothing: empty, or only whitespace, zero-width or bidi characters. */
export function isBlank(text: string): boolean {
  return DRAWS_NOTHING.test(text);
}

export function checkTitle(raw: unknown): Checked<string> {
  if (raw === null || raw === undefined) return { error: 'title is missing' };
  if (typeof raw !== 'string') return { error: `title must be a string, got ${describeType(raw)}` };
  const title = squashWhitespace(raw);
  if (isBlank(title)) return { error: 'title is empty' };
  const tooLong = titleTooLong(title);
  return tooLong === null ? { value: title } : { error: tooLong };
}

/** Why a title is over `MAX_TITLE_CHARS`, or null. */
export function titleTooLong(title: string): string | null {
  if (title.length <= MAX_TITLE_CHARS) return null;
  return `title is ${formatCount(title.length)} characters, over the limit of ${formatCount(MAX_TITLE_CHARS)}`;
}

/** Missing, null or blank-looking (see `isBlank`) is an empty abstract (title-only documents are kept). */
export function checkAbstract(raw: unknown): Checked<string> {
  if (raw === null || raw === undefined) return { value: '' };
  if (typeof raw !== 'string') return { error: `abstract must be a string, got ${describeType(raw)}` };
  const abstract = squashWhitespace(raw);
  return { value: isBlank(abstract) ? '' : abstract };
}

/** Missing or null is no labels; blank labels are dropped, the rest trimmed, order kept. */
export function checkLabels(raw: unknown): Checked<string[]> {
  if (raw === null || raw === undefined) return { value: [] };
  if (!Array.isArray(raw) || !raw.every((label) => typeof label === 'string')) {
    return { error: `labels must be an array of strings, got ${escapeUnprintable(JSON.stringify(raw).slice(0, 80))}` };
  }
  return { value: splitLabelList(raw) };
}

/** Splits `text` on `separator` (or on whitespace when it is `' '`), trimming and dropping blanks. */
export function splitLabels(text: string, separator: string): string[] {
  return splitLabelList(separator === ' ' ? text.split(/\s+/) : text.split(separator));
}

function splitLabelList(labels: readonly string[]): string[] {
  const out: string[] = [];
  for (const label of labels) {
    const trimmed = label.trim();
    if (trimmed !== '') out.push(trimmed);
  }
  return out;
}

export function checkSource(raw: unknown, file: string): Checked<string> {
  if (raw === null || raw === undefined) return { value: fileStem(file) };
  if (typeof raw !== 'string') return { error: `source must be a string, got ${describeType(raw)}` };
  const source = raw.trim();
  return { value: source === '' ? fileStem(file) : source };
}

export interface RawFields {
  /** Undefined: the reader has no id for the record, so it becomes `<file stem>:<line>`. */
  id: unknown;
  title: unknown;
  abstract: unknown;
  date: unknown;
  labels: Checked<string[]>;
  source: unknown;
}

/** Checks every field and builds the record, or returns all its problems joined by `; `. */
export function buildRawDoc(
  fields: RawFields,
  file: string,
  line: number,
  maxDate: string,
): RawDoc | { error: string } {
  const errors: string[] = [];
  const take = <T>(checked: Checked<T>, fallback: T): T => {
    if ('error' in checked) {
      errors.push(checked.error);
      return fallback;
    }
    return checked.value;
  };
  const id = fields.id === undefined ? `${fileStem(file)}:${line}` : take(checkId(fields.id), '');
  const title = take(checkTitle(fields.title), '');
  const abstract = take(checkAbstract(fields.abstract), '');
  const labels = take(fields.labels, []);
  const source = take(checkSource(fields.source, file), '');
  const date = parseDate(fields.date, maxDate);
  if (date !== null && 'error' in date) errors.push(date.error);
  if (errors.length > 0) return { error: errors.join('; ') };
  return {
    id,
    title,
    abstract,
    date: date === null || 'error' in date ? null : date.date,
    datePrecision: date === null || 'error' in date ? null : date.precision,
    labels,
    source,
    file,
    line,
  };
}
