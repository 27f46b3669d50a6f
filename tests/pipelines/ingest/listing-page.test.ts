import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { listingId, readListingPage } from '../../../pipelines/ingest/listing-page.ts';
import type { RawDoc } from '../../../pipelines/ingest/raw-doc.ts';
import { DATA_DIR, MAX_DATE, collect, recorder, tempDir } from './helpers.ts';

const { write } = tempDir();
const PAGES_DIR = join(DATA_DIR, 'listing-pages');

async function read(file: string, listingYear?: number) {
  const { report, messages } = recorder();
  const options =
    listingYear === undefined ? { maxDate: MAX_DATE, report } : { maxDate: MAX_DATE, report, listingYear };
  const docs = await collect(readListingPage(file, options));
  return { docs, messages };
}

const HEADER =
  'new\n\nGet trending papers in your email inbox!\n\nSubscribe\n\nDaily Papers\n\nbyAK and the research community\n\n';

describe('readListingPage(file, options)', () => {
  it('drops boilerplate and the page date, and alternates title and abstract across blank lines', async () => {
    const file = write(
      'blank-lines.txt',
      `${HEADER}Jul 30\n\nFirst  title\n\nFirst abstract.\n\nSecond title\n\nSecond abstract.\n`,
    );
    const { docs, messages } = await read(file);
    expect(messages).toEqual([]);
    expect(docs.map((d) => [d.line, d.title, d.abstract, d.date])).toEqual([
      [13, 'First title', 'First abstract.', null],
      [17, 'Second title', 'Second abstract.', null],
    ]);
  });

  it('reads a page without blank lines and cuts a Subscribe glued to the first title', async () => {
    const file = write(
      'no-blank-lines.txt',
      'Get trending papers in your email inbox once a day!\nSubscribeReal Title\nIts abstract.\nNext\nNext abstract.\n',
    );
    expect((await read(file)).docs.map((d) => [d.title, d.abstract])).toEqual([
      ['Real Title', 'Its abstract.'],
      ['Next', 'Next abstract.'],
    ]);
  });

  it('gives a paper the date of its metadata block: year-less dates take listingYear, upvote counts are ignored', async () => {
    const page = `${HEADER}Nov 21\n\nT1\n\nA1\n\n  • 4 authors\n·\nAug 16\n\nT2\n\nA2\n\n  • 1 authors\n·\nJun 6, 2024 2\n\nT3\n\nA3\n\nT4\n\nA4\n  • 5 authors\n·\nJun 13 3\n`;
    const file = write('metadata.txt', page);
    const { docs, messages } = await read(file);
    expect(messages).toEqual([]);
    expect(docs.map((d) => [d.title, d.date, d.datePrecision])).toEqual([
      ['T1', '2025-08-16', 'day'],
      ['T2', '2024-06-06', 'day'],
      ['T3', null, null],
      ['T4', '2025-06-13', 'day'],
    ]);
    expect((await read(file, 2023)).docs.map((d) => d.date)).toEqual(['2023-08-16', '2024-06-06', null, '2023-06-13']);
  });

  it('drops an organisation line that stands right before the · separator', async () => {
    const file = write(
      'org.txt',
      `T1\n\nA1\n\napple Apple\n·\nOct 29 1\n\nT2\n\nA2\n\nfacebook AI at Meta\n·\nOct 9 2\n`,
    );
    expect((await read(file)).docs.map((d) => [d.title, d.abstract, d.date])).toEqual([
      ['T1', 'A1', '2025-10-29'],
      ['T2', 'A2', '2025-10-09'],
    ]);
  });

  it('reports an impossible listing date at its line and drops that paper only', async () => {
    const file = write('bad-date.txt', 'T1\nA1\n·\nFeb 30\nT2\nA2\n');
    expect(await read(file)).toEqual({
      docs: [expect.objectContaining({ title: 'T2' })],
      messages: [`${file}:4: date "2025-02-30" is not a calendar date (listing date "Feb 30")`],
    });
  });

  it('keeps a trailing title without abstract as a title-only paper', async () => {
    const file = write('dangling.txt', 'T1\nA1\nT2\n');
    expect((await read(file)).docs.map((d) => [d.title, d.abstract])).toEqual([
      ['T1', 'A1'],
      ['T2', ''],
    ]);
  });

  it('listingId(title) is seed: + 12 hex of sha1 of the case-folded, squashed title', () => {
    // sha1("a b") from `printf 'a b' | sha1sum`.
    expect(listingId(' A \n B ')).toBe('seed:7dbde9350412');
  });

  it('reads the five real pages: 441 entries, 84 dated, all from page 001', async () => {
    const counts: number[] = [];
    let dated = 0;
    for (const name of readdirSync(PAGES_DIR).sort()) {
      const { docs, messages } = await read(join(PAGES_DIR, name));
      expect(messages).toEqual([]);
      counts.push(docs.length);
      dated += docs.filter((d) => d.date !== null).length;
    }
    expect(counts.reduce((a, b) => a + b)).toBe(441);
    expect(dated).toBe(84);
  });

  it('reproduces seed-papers.jsonl: deduped by title, the same 364 ids, dates and abstracts', async () => {
    const byId = new Map<string, RawDoc>();
    for (const name of readdirSync(PAGES_DIR).sort()) {
      for (const doc of (await read(join(PAGES_DIR, name))).docs) {
        const first = byId.get(doc.id);
        if (first === undefined) byId.set(doc.id, { ...doc });
        else {
          // The README's merge rule: a later copy fills a missing date, a longer abstract replaces a shorter one.
          if (first.date === null) first.date = doc.date;
          if (doc.abstract.length > first.abstract.length) first.abstract = doc.abstract;
        }
      }
    }
    const seed = readFileSync(join(DATA_DIR, 'seed-papers.jsonl'), 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { id: string; title: string; abstract: string; date: string | null });
    expect(byId.size).toBe(364);
    expect(new Set([...byId.values()].map((d) => `${d.id} ${d.date}`))).toEqual(
      new Set(seed.map((s) => `${s.id} ${s.date}`)),
    );
    expect(new Set([...byId.values()].map((d) => d.title))).toEqual(new Set(seed.map((s) => s.title)));
    for (const s of seed) expect(byId.get(s.id)?.abstract).toBe(s.abstract);
  });
});
