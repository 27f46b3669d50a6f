/**
 * Reads a scraped "Daily Papers" listing page (plain text; see the seed-papers section of the data README):
 * boilerplate lines are dropped, the remaining lines alternate title and abstract, and a metadata block
 * (`• N authors`, an organisation line, `·`, `Mon D[, YYYY] [upvotes]`) after an abstract belongs to that paper.
 */
import { createHash } from 'node:crypto';
import { InputError, type ReportInputError } from '../errors.ts';
import { parseDate } from './dates.ts';
import { isBlank, squashWhitespace, titleTooLong } from './fields.ts';
import { quoteExcerpt } from './printable.ts';
import type { RawDoc } from './raw-doc.ts';
import { readTextLines } from './text-lines.ts';

export const LISTING_SOURCE = 'seed-listing';
export const DEFAULT_LISTING_YEAR = 2025;

export interface ListingOptions {
  /** Year for dates written without one (`Oct 9`). Default 2025 (see the data README). */
  listingYear?: number;
  /** Latest acceptable date (ISO day). */
  maxDate: string;
  report: ReportInputError;
}

const BOILERPLATE = new Set([
  'new',
  'Subscribe',
  'Daily Papers',
  'byAK and the research community',
  'Get trending papers in your email inbox!',
  'Get trending papers in your email inbox once a day!',
]);
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
// `Jun 13`, `Jun 6, 2024`, optionally followed by an upvote count: `Jun 13 3`, `Jun 6, 2024 2`.
const DATE_LINE = /^(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2})(?:, (\d{4}))?(?: \d+)?$/;
const AUTHORS_LINE = /^•\s*\d+ authors?$/;
const SEPARATOR_LINE = '·';

/** `seed:` + the first 12 hex digits of sha1(case-folded, whitespace-squashed title): the seed-papers id. */
export function listingId(title: string): string {
  return `seed:${createHash('sha1').update(squashWhitespace(title).toLowerCase()).digest('hex').slice(0, 12)}`;
}

interface Entry {
  title: string;
  line: number;
  abstract: string;
  dateLine: { text: string; line: number } | null;
}

/** Yields one `RawDoc` per paper entry, in page order (no dedupe); a bad date line is reported with its paper. */
export async function* readListingPage(file: string, options: ListingOptions): AsyncGenerator<RawDoc> {
  const { report, maxDate } = options;
  const year = options.listingYear ?? DEFAULT_LISTING_YEAR;
  let current: Entry | null = null;
  // A title waiting for its abstract; if `·` comes next it was an organisation line instead.
  let heldTitle: { text: string; line: number } | null = null;

  const finish = (entry: Entry): RawDoc | null => {
    const tooLong = titleTooLong(entry.title);
    if (tooLong !== null) {
      report(new InputError(file, entry.line, tooLong));
      return null;
    }
    let date: string | null = null;
    if (entry.dateLine !== null) {
      const m = DATE_LINE.exec(entry.dateLine.text)!;
      const month = String(MONTHS.indexOf(m[1]!) + 1).padStart(2, '0');
      const iso = `${m[3] ?? year}-${month}-${m[2]!.padStart(2, '0')}`;
      const parsed = parseDate(iso, maxDate);
      if (parsed !== null && 'error' in parsed) {
        report(
          new InputError(
            file,
            entry.dateLine.line,
            `${parsed.error} (listing date ${quoteExcerpt(entry.dateLine.text)})`,
          ),
        );
        return null;
      }
      date = parsed?.date ?? null;
    }
    return {
      id: listingId(entry.title),
      title: entry.title,
      abstract: entry.abstract,
      date,
      datePrecision: date === null ? null : 'day',
      labels: [],
      source: LISTING_SOURCE,
      file,
      line: entry.line,
    };
  };

  for await (const { text: rawText, line } of readTextLines(file, report)) {
    let text = squashWhitespace(rawText);
    // A line of only zero-width or bidi characters is as blank as an empty one.
    if (isBlank(text) || BOILERPLATE.has(text)) continue;
    if (text.startsWith('Subscribe')) text = text.slice('Subscribe'.length).trimStart();

    if (heldTitle === null && (DATE_LINE.test(text) || AUTHORS_LINE.test(text) || text === SEPARATOR_LINE)) {
      // Before the first paper a date line is the page date; never a paper date.
      if (current !== null && DATE_LINE.test(text)) current.dateLine = { text, line };
      continue;
    }
    if (heldTitle !== null && text === SEPARATOR_LINE) {
      heldTitle = null;
      continue;
    }
    if (heldTitle === null) {
      heldTitle = { text, line };
      continue;
    }
    if (current !== null) {
      const doc = finish(current);
      if (doc !== null) yield doc;
    }
    current = { title: heldTitle.text, line: heldTitle.line, abstract: text, dateLine: null };
    heldTitle = null;
  }
  if (current !== null) {
    const doc = finish(current);
    if (doc !== null) yield doc;
  }
  if (heldTitle !== null) {
    const doc = finish({ title: heldTitle.text, line: heldTitle.line, abstract: '', dateLine: null });
    if (doc !== null) yield doc;
  }
}
