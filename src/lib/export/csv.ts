/**
 * RFC 4180 CSV with formula-injection defence (OWASP "CSV Injection"): a text cell starting with =, +, -, @, tab or
 * carriage return gets a leading apostrophe so spreadsheets show it as text. Numbers are written as numbers: a
 * negative growth stays -0.05, which spreadsheets do not evaluate as a formula.
 */

export type CsvValue = string | number | boolean | null | undefined | readonly string[];

const FORMULA_START = /^[=+\-@\t\r]/;

export function escapeCsvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = typeof value === 'string' ? value : value.join(';');
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header row then one line per record, CRLF line ends; `columns` fixes the order. */
export function toCsv(records: readonly Record<string, CsvValue>[], columns: readonly string[]): string {
  const lines = [columns.map(escapeCsvCell).join(',')];
  for (const r of records) lines.push(columns.map((c) => escapeCsvCell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
