/** A SQL text with `?` placeholders and its parameters: user values never enter the text. */
import { TABLES, type TableKey } from '../../schema.ts';

export type SqlParam = string | number | boolean | null;

export interface SqlQuery {
  readonly text: string;
  readonly params: readonly SqlParam[];
  /** Tables the query reads; the database loads any that are not yet loaded. */
  readonly tables: readonly TableKey[];
}

type ColumnName<K extends TableKey> = (typeof TABLES)[K]['columns'][number]['name'];

/** Column names of a table, read from `schema.ts`, so a renamed column fails type checking here. */
export function columnsOf<K extends TableKey>(key: K): { readonly [C in ColumnName<K>]: C } {
  return Object.fromEntries(TABLES[key].columns.map((c) => [c.name, c.name])) as { [C in ColumnName<K>]: C };
}

export function tableName(key: TableKey): string {
  return TABLES[key].name;
}

/** `?, ?, ?` for a list of parameters. */
export function placeholders(n: number): string {
  return Array.from({ length: n }, () => '?').join(', ');
}

/** A date range; either end may be open. Dates are validated `YYYY-MM-DD` strings. */
export interface DateRange {
  readonly from: string | null;
  readonly to: string | null;
}

/** `AND column >= ? AND column <= ?` for the bounds that are set, with their parameters. */
export function dateBounds(column: string, range: DateRange): { text: string; params: SqlParam[] } {
  let text = '';
  const params: SqlParam[] = [];
  if (range.from !== null) {
    text += ` AND ${column} >= CAST(? AS DATE)`;
    params.push(range.from);
  }
  if (range.to !== null) {
    text += ` AND ${column} <= CAST(? AS DATE)`;
    params.push(range.to);
  }
  return { text, params };
}

/** `dateBounds` for a value in memory: ISO dates compare as strings. */
export function inRange(day: string, range: DateRange): boolean {
  return (range.from === null || day >= range.from) && (range.to === null || day <= range.to);
}
