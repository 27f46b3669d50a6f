/** Counts in words for user-facing text: "1 paper", "2,161 papers", never "1 papers". */

/**
 * `n` formatted with thousands separators (en) and the noun in the singular for exactly 1, else the plural.
 * @param plural the plural form; default the singular + "s"
 */
export function plural(n: number, singular: string, pluralForm = `${singular}s`): string {
  return `${n.toLocaleString('en')} ${n === 1 ? singular : pluralForm}`;
}
