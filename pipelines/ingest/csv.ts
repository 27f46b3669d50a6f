/** Reads CSV with a header row, streaming, mapping named columns onto the record fields. */
import { InputError, type ReportInputError } from '../errors.ts';
import { CsvRecordSplitter, type CsvRecord } from './csv-records.ts';
import { buildRawDoc, splitLabels } from './fields.ts';
import type { RawDoc } from './raw-doc.ts';
import { DEFAULT_MAX_LINE_BYTES, openTextStream } from './text-lines.ts';

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
  /** Rows longer than this many bytes are reported and skipped without being kept whole. Default 8 MiB, as lines. */
  maxRecordBytes?: number;
}

/**
 * Yields one `RawDoc` per data row; line numbers are the row's first line in the file (rows may span lines in
 * quoted fields). A missing mapped column or an unreadable header is one file-level error (nothing is read). A row
 * with the wrong number of fields, a CSV syntax error, an unclosed quote, invalid UTF-8, more than
 * `maxRecordBytes` bytes or a bad field value is reported at its line, and reading continues (see `csv-records.ts`).
 */
export async function* readCsv(file: string, options: CsvOptions): AsyncGenerator<RawDoc> {
  const { report, maxDate } = options;
  const separator = options.labelSeparator ?? DEFAULT_LABEL_SEPARATOR;
  const stream = await openTextStream(file, report);
  if (stream === null) return;

  const splitter = new CsvRecordSplitter(options.maxRecordBytes ?? DEFAULT_MAX_LINE_BYTES);
  let header: string[] | null = null;
  let mapping: Partial<Record<CsvField, number>> = {};
  /** Turns one record into a doc, or reports it; false once the file cannot be read further. */
  const toDoc = (record: CsvRecord): RawDoc | boolean => {
    const { line } = record;
    if ('error' in record) {
      if (header !== null) {
        report(new InputError(file, line, record.error));
        return true;
      }
      report(new InputError(file, line, `${record.error}; without its header row the file cannot be read`));
      return false;
    }
    const { fields } = record;
    if (header === null) {
      header = fields.map((name) => name.trim());
      const resolved = resolveColumns(header, options.columns ?? {});
      if ('error' in resolved) {
        report(new InputError(file, line, resolved.error));
        return false;
      }
      mapping = resolved.mapping;
      return true;
    }
    if (fields.length !== header.length) {
      report(new InputError(file, line, `row has ${fields.length} fields, the header has ${header.length}`));
      return true;
    }
    const cell = (field: CsvField): string | undefined => {
      const index = mapping[field];
      return index === undefined ? undefined : fields[index];
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
    if (!('error' in doc)) return doc;
    report(new InputError(file, line, doc.error));
    return true;
  };

  const chunks = (stream as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  try {
    for (;;) {
      let step: IteratorResult<Buffer>;
      // Only stream failures are caught here: a throwing `report` (--on-error fail) must propagate unchanged.
      try {
        step = await chunks.next();
      } catch (error) {
        report(
          new InputError(
            file,
            splitter.currentRecordLine,
            `the file is corrupt or truncated here (${(error as Error).message}); the rows before it were kept, the rest of the file is skipped`,
            { cause: error },
          ),
        );
        return;
      }
      for (const record of step.done === true ? splitter.end() : splitter.push(step.value)) {
        const doc = toDoc(record);
        if (doc === false) return;
        if (doc !== true) yield doc;
      }
      if (step.done === true) return;
    }
  } finally {
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
