/** The one record shape every input reader yields, whatever the file format. */
import type { DatePrecision } from '../../src/schema.ts';

export interface RawDoc {
  id: string;
  /** Whitespace squashed to single spaces; never empty. */
  title: string;
  /** Whitespace squashed; may be empty. */
  abstract: string;
  /** ISO `YYYY-MM-DD`; the first day of the month or year for coarser precisions; null when undated. */
  date: string | null;
  datePrecision: DatePrecision | null;
  labels: string[];
  source: string;
  /** Where the record came from, for error messages and the manifest. */
  file: string;
  line: number;
}
