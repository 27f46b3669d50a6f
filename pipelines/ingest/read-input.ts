/** Reads one input file of any supported format as `RawDoc`s, applying the checks every format shares. */
import { InputError, type ReportInputError } from '../errors.ts';
import { readArxivSnapshot } from './arxiv-snapshot.ts';
import { DEFAULT_LABEL_SEPARATOR, readCsv, type CsvColumns } from './csv.ts';
import type { InputFormat } from '../../src/schema.ts';
import { detectFormat } from './detect-format.ts';
import { readJsonl } from './jsonl.ts';
import { DEFAULT_LISTING_YEAR, readListingPage } from './listing-page.ts';
import type { RawDoc } from './raw-doc.ts';
import { formatCount } from './text-lines.ts';

export interface IngestOptions {
  /** `auto` detects per file (`detectFormat`). Default `auto`. */
  format: InputFormat | 'auto';
  /** CSV columns chosen by the user (each must exist); unnamed fields use `DEFAULT_CSV_COLUMNS` if present. Default `{}`. */
  csvColumns: Partial<CsvColumns>;
  /** Separator of several labels in one CSV cell. Default `;`. */
  labelSeparator: string;
  /** Latest acceptable date, ISO `YYYY-MM-DD`; later dates are errors. No default: the caller passes today (UTC). */
  maxDate: string;
  /** Year of listing-page dates written without one. Default 2025. */
  listingYear: number;
  /** Records whose abstract has more characters are reported and skipped. Default 200,000. */
  maxAbstractChars: number;
  /** Receives every problem; the record (or the rest of the file) is then not yielded. May throw to stop the run. */
  report: ReportInputError;
}

export const DEFAULT_MAX_ABSTRACT_CHARS = 200_000;

/** The defaults above, completed with the two options that have none. */
export function ingestOptions(
  required: Pick<IngestOptions, 'maxDate' | 'report'> & Partial<IngestOptions>,
): IngestOptions {
  return {
    format: 'auto',
    csvColumns: {},
    labelSeparator: DEFAULT_LABEL_SEPARATOR,
    listingYear: DEFAULT_LISTING_YEAR,
    maxAbstractChars: DEFAULT_MAX_ABSTRACT_CHARS,
    ...required,
  };
}

/**
 * Yields the valid records of `file`. Every problem goes to `options.report` and the record is not yielded;
 * file-level problems (missing file, directory, missing CSV column) have `line` null or the header line; a
 * corrupt or truncated file is reported once at the line it broke in, keeping the records before it.
 * Nothing is thrown for bad data except what `report` itself throws.
 */
export async function* readInput(file: string, options: IngestOptions): AsyncGenerator<RawDoc> {
  const { report, maxDate } = options;
  const format = options.format === 'auto' ? await detectFormat(file) : options.format;
  let docs: AsyncIterable<RawDoc>;
  switch (format) {
    case 'jsonl':
      docs = readJsonl(file, { maxDate, report });
      break;
    case 'arxiv-snapshot':
      docs = readArxivSnapshot(file, { maxDate, report });
      break;
    case 'csv':
      docs = readCsv(file, { columns: options.csvColumns, labelSeparator: options.labelSeparator, maxDate, report });
      break;
    case 'listing':
      docs = readListingPage(file, { listingYear: options.listingYear, maxDate, report });
      break;
  }
  for await (const doc of docs) {
    const tooLong = abstractTooLong(doc, options.maxAbstractChars);
    if (tooLong !== null) {
      report(new InputError(file, doc.line, tooLong));
      continue;
    }
    yield doc;
  }
}

/** Why a record's abstract is over `maxAbstractChars`, or null. */
export function abstractTooLong(doc: RawDoc, maxAbstractChars: number): string | null {
  if (doc.abstract.length <= maxAbstractChars) return null;
  return `abstract is ${formatCount(doc.abstract.length)} characters, over the limit of ${formatCount(maxAbstractChars)}; raise --max-chars to keep it`;
}

export type { CsvColumns, InputFormat, ReportInputError };
