/** Reads CSV with a header row (via csv-parse, streaming), mapping named columns onto the record fields. */
import { pipeline } from 'node:stream';
import { parse, type CsvError } from 'csv-parse';
import { InputError, type ReportInputError } from '../errors.ts';
import { buildRawDoc, splitLabels } from './fields.ts';
import type { RawDoc } from './raw-doc.ts';
import { openTextStream } from './text-lines.ts';

/** Header names of the columns that hold each field. */
export interface CsvColumns {
  id: string;
  title: string;
  abstract: string;
  date: string;
  labels: string;
  source: string;
}

export type CsvField = keyof CsvColumns;

export const DEFAULT_CSV_COLUMNS: CsvColumns = {
  id: 'id',
  title: 'title',
  abstract: 'abstract',
  date: 'date',
  labels: 'labels',
  source: 'source',
};

export const DEFAULT_LABEL_SEPARATOR = ';';

export interface CsvOptions {
  /**
   * Column names chosen by the user; each must be in the header. Fields left out use the default name
   * (`DEFAULT_CSV_COLUMNS`) when the header has it and are otherwise absent, except `title`, which is required.
   * Absent: id -> `<file stem>:<line>`, abstract -> `""`, date -> null, labels -> `[]`, source -> file stem.
   */
  columns?: Partial<CsvColumns>;
  /** Separator inside the labels cell. Default `;`. */
  labelSeparator?: string;
  /** Latest acceptable date (ISO day). */
  maxDate: string;
  report: ReportInputError;
}

/**
 * Yields one `RawDoc` per data row; line numbers are the row's first line in the file (rows may span lines in
 * quoted fields). A missing mapped column is one file-level error (nothing is read). A row with the wrong number
 * of fields, a CSV syntax error or a bad field value is reported at its line, and reading continues.
 */
export async function* readCsv(file: string, options: CsvOptions): AsyncGenerator<RawDoc> {
  const { report, maxDate } = options;
  const separator = options.labelSeparator ?? DEFAULT_LABEL_SEPARATOR;
  const stream = await openTextStream(file, report);
  if (stream === null) return;

  const skipped: CsvError[] = [];
  // pipeline(), unlike pipe(), forwards a gunzip error into the parser; otherwise a truncated .csv.gz hangs forever.
  const parser = pipeline(
    stream,
    parse({
      info: true,
      bom: true,
      relax_column_count: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        if (error !== undefined) skipped.push(error);
      },
    }),
    () => {},
  );
  let lastEndLine = 0;
  // csv-parse counts a CRLF inside a quoted field as two lines; subtract what it over-counted so far.
  let crlfDrift = 0;
  // csv-parse calls on_skip while it parses ahead of the records we have consumed, so queue and report in order;
  // one bad record can raise several errors (a bad closing quote, then an unclosed quote): report the first.
  let lastSkipLine = 0;
  const reportSkipped = (beforeLine: number): void => {
    while (skipped.length > 0 && lineOf(skipped[0]!) - crlfDrift < beforeLine) {
      const error = skipped.shift()!;
      const line = lineOf(error) - crlfDrift;
      if (line !== lastSkipLine) report(new InputError(file, line, `CSV syntax error: ${error.message}`));
      lastSkipLine = line;
    }
  };

  let header: string[] | null = null;
  let mapping: Partial<Record<CsvField, number>> = {};
  const iterator = (parser as AsyncIterable<{ record: string[]; info: { lines: number } }>)[Symbol.asyncIterator]();
  try {
    for (;;) {
      let step: IteratorResult<{ record: string[]; info: { lines: number } }>;
      try {
        step = await iterator.next();
      } catch (error) {
        report(
          new InputError(
            file,
            lastEndLine + 1,
            `the file is corrupt or truncated here (${(error as Error).message}); the rows before it were kept, the rest of the file is skipped`,
            { cause: error },
          ),
        );
        return;
      }
      if (step.done === true) {
        reportSkipped(Infinity);
        break;
      }
      const { record, info } = step.value;
      const crlf = countInFields(record, '\r\n');
      const endLine = info.lines - crlfDrift - crlf;
      crlfDrift += crlf;
      const line = endLine - countInFields(record, '\n');
      reportSkipped(line);
      lastEndLine = endLine;
      if (record.length === 1 && record[0] === '') continue;
      if (header === null) {
        header = record.map((name) => name.trim());
        const resolved = resolveColumns(header, options.columns ?? {});
        if ('error' in resolved) {
          report(new InputError(file, line, resolved.error));
          return;
        }
        mapping = resolved.mapping;
        continue;
      }
      if (record.length !== header.length) {
        report(new InputError(file, line, `row has ${record.length} fields, the header has ${header.length}`));
        continue;
      }
      const cell = (field: CsvField): string | undefined => {
        const index = mapping[field];
        return index === undefined ? undefined : record[index];
      };
      const doc = buildRawDoc(
        {
          id: cell('id'),
          title: cell('title'),
          abstract: cell('abstract'),
          date: cell('date'),
          labels: { value: splitLabels(cell('labels') ?? '', separator) },
          source: cell('source'),
        },
        file,
        line,
        maxDate,
      );
      if ('error' in doc) report(new InputError(file, line, doc.error));
      else yield doc;
    }
  } finally {
    parser.destroy();
    stream.destroy();
  }
}

/** Maps each field to its column index; a user-chosen column (or `title`) missing from the header is an error. */
export function resolveColumns(
  header: readonly string[],
  columns: Partial<CsvColumns>,
): { mapping: Partial<Record<CsvField, number>> } | { error: string } {
  const mapping: Partial<Record<CsvField, number>> = {};
  const missing: string[] = [];
  for (const field of Object.keys(DEFAULT_CSV_COLUMNS) as CsvField[]) {
    const chosen = columns[field];
    const name = chosen ?? DEFAULT_CSV_COLUMNS[field];
    const index = findColumn(header, name);
    if (index !== -1) mapping[field] = index;
    else if (chosen !== undefined || field === 'title') missing.push(`${field} column ${JSON.stringify(name)}`);
  }
  if (missing.length === 0) return { mapping };
  return {
    error: `the header has no ${missing.join(' and no ')}; columns present: ${header.map((name) => JSON.stringify(name)).join(', ')}; map them with --csv-columns FIELD=COLUMN,...`,
  };
}

function findColumn(header: readonly string[], name: string): number {
  const exact = header.indexOf(name);
  if (exact !== -1) return exact;
  const folded = name.toLowerCase();
  return header.findIndex((column) => column.toLowerCase() === folded);
}

function lineOf(error: CsvError): number {
  return typeof error.lines === 'number' ? error.lines : 0;
}

function countInFields(record: readonly string[], needle: string): number {
  let count = 0;
  for (const field of record) {
    for (let at = field.indexOf(needle); at !== -1; at = field.indexOf(needle, at + needle.length)) count += 1;
  }
  return count;
}
