/**
 * RFC 4180 CSV with formula-injection defence (OWASP "CSV Injection"): a text cell that a spreadsheet could read
 * as a formula gets a leading apostrophe so it is shown as text. Numbers are written as numbers: a negative growth
 * stays -0.05, which spreadsheets do not evaluate as a formula.
 *
 * "Could read as a formula" looks past what a reader does not see: a cell is escaped when, after its leading
 * control, format (zero-width, bidi override, BOM), space and combining characters, its first character, as
 * written or NFKC-normalized (full-width `＝＋－＠｜`), is one of `= + - @ |` (or U+2212 minus), or when that
 * invisible lead holds a tab, carriage return or line feed. A text that already starts with `'` gets one more, so
 * the escape is reversible: drop one leading apostrophe and the original text is back.
 */

export type CsvValue = string | number | boolean | null | undefined | readonly string[];

/** `|` and line feed go beyond OWASP's list (=, +, -, @, tab, CR): LibreOffice DDE and multi-line pastes use them. */
const FORMULA_START = /^[=+\-@|\u2212]/u;
const INVISIBLE_LEAD = /^[\p{Cc}\p{Cf}\p{Z}\p{M}\p{Default_Ignorable_Code_Point}]*/u;
const LINE_CONTROL = /[\t\r\n]/;
// Cells holding the separators of other locales (`;` in much of Europe, tab) are quoted too, so a list cell
// `a;=1+1` stays one cell wherever it is opened.
const NEEDS_QUOTES = /[",;\t\r\n]/;

function afterInvisibleLead(text: string): string {
  return text.slice(INVISIBLE_LEAD.exec(text)?.[0].length ?? 0);
}

/** True when a spreadsheet could take `text` for a formula (or it starts with `'`); see the module comment. */
export function needsFormulaEscape(text: string): boolean {
  if (text.startsWith("'")) return true;
  const lead = INVISIBLE_LEAD.exec(text)?.[0] ?? '';
  if (LINE_CONTROL.test(lead)) return true;
  const visible = text.slice(lead.length);
  if (visible === '') return false;
  // Normalizing can compose (`=` + U+0338 is `≠`) or expose a lead (U+00A8 is a space + a mark): check both forms.
  return FORMULA_START.test(visible) || FORMULA_START.test(afterInvisibleLead(visible.normalize('NFKC')));
}

/** The text with a leading apostrophe when it needs one; reversed by dropping one leading `'`. */
export function escapeFormula(text: string): string {
  return needsFormulaEscape(text) ? `'${text}` : text;
}

export function escapeCsvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  // Each part of a list is escaped, not just the first: "Text to Columns" on `;` would make every part a cell.
  const text = typeof value === 'string' ? escapeFormula(value) : value.map(escapeFormula).join(';');
  return NEEDS_QUOTES.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header row then one line per record, CRLF line ends; `columns` fixes the order. */
export function toCsv(records: readonly Record<string, CsvValue>[], columns: readonly string[]): string {
  const lines = [columns.map(escapeCsvCell).join(',')];
  for (const r of records) lines.push(columns.map((c) => escapeCsvCell(r[c])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}
