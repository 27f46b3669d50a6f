import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCsv, type CsvOptions } from '../../../pipelines/ingest/csv.ts';
import { MAX_DATE, collect, recorder, tempDir } from './helpers.ts';

const { write } = tempDir();

async function read(file: string, options: Partial<CsvOptions> = {}) {
  const { report, messages } = recorder();
  const docs = await collect(readCsv(file, { maxDate: MAX_DATE, report, ...options }));
  return { docs, messages };
}

describe('readCsv(file, options)', () => {
  it('maps the default columns, splits labels on ";" and parses the date', async () => {
    const file = write(
      'papers.csv',
      'id,title,abstract,date,labels,source\np1,A title,An abstract.,2021-05,cs.CL; cs.AI,mine\n',
    );
    expect(await read(file)).toEqual({
      docs: [
        {
          id: 'p1',
          title: 'A title',
          abstract: 'An abstract.',
          date: '2021-05-01',
          datePrecision: 'month',
          labels: ['cs.CL', 'cs.AI'],
          source: 'mine',
          file,
          line: 2,
        },
      ],
      messages: [],
    });
  });

  it('numbers rows as <file stem>:<line> without an id column, and defaults the absent fields', async () => {
    const file = write('titles.csv', 'title\nFirst\nSecond\n');
    const { docs } = await read(file);
    expect(docs.map((d) => [d.id, d.abstract, d.date, d.labels, d.source])).toEqual([
      ['titles:2', '', null, [], 'titles'],
      ['titles:3', '', null, [], 'titles'],
    ]);
  });

  it('uses user-chosen column names, case-insensitively, and a custom label separator', async () => {
    const file = write('custom.csv', 'Paper,Name,Summary,Tags\n9,T,S,a|b\n');
    const { docs } = await read(file, {
      columns: { id: 'paper', title: 'Name', abstract: 'Summary', labels: 'Tags' },
      labelSeparator: '|',
    });
    expect(docs.map((d) => [d.id, d.title, d.abstract, d.labels])).toEqual([['9', 'T', 'S', ['a', 'b']]]);
  });

  it('numbers a multi-line quoted row by its first line, strips a BOM and reads CRLF', async () => {
    const file = write('multiline.csv', '\ufefftitle,abstract\r\n"Two\r\nline title","Multi\r\nline"\r\nNext,x\r\n');
    const { docs, messages } = await read(file);
    expect(messages).toEqual([]);
    expect(docs.map((d) => [d.line, d.title, d.abstract])).toEqual([
      [2, 'Two line title', 'Multi line'],
      [5, 'Next', 'x'],
    ]);
  });

  it('reads a gzipped CSV', async () => {
    const file = write('zipped.csv.gz', gzipSync('title,abstract\nT,A\n'));
    expect((await read(file)).docs.map((d) => d.title)).toEqual(['T']);
  });

  it('reports a ragged row at its line and keeps the rows around it', async () => {
    const file = write('ragged.csv', 'id,title,abstract\n1,One,a\n2,Two\n3,Three,c,extra\n4,Four,d\n');
    expect(await read(file)).toEqual({
      docs: [expect.objectContaining({ id: '1' }), expect.objectContaining({ id: '4' })],
      messages: [`${file}:3: row has 2 fields, the header has 3`, `${file}:4: row has 4 fields, the header has 3`],
    });
  });

  it('skips blank lines silently', async () => {
    const file = write('blank.csv', 'title\n\nA\n\nB\n');
    expect(await read(file)).toEqual({
      docs: [expect.objectContaining({ title: 'A', line: 3 }), expect.objectContaining({ title: 'B', line: 5 })],
      messages: [],
    });
  });

  it('reports a missing mapped column once, naming it and the columns present, and reads nothing', async () => {
    const file = write('missing-column.csv', 'name,summary\nA,b\n');
    expect(await read(file, { columns: { abstract: 'summary', date: 'published' } })).toEqual({
      docs: [],
      messages: [
        `${file}:1: the header has no title column "title" and no date column "published"; columns present: "name", "summary"; map them with --csv-columns FIELD=COLUMN,...`,
      ],
    });
  });

  it("reports a CSV syntax error (bad quote) with csv-parse's reason and keeps the rows before it", async () => {
    const file = write('bad-quote.csv', 'id,title\n1,One\n2,"Tw"o\n');
    const { docs, messages } = await read(file);
    expect(docs.map((d) => d.id)).toEqual(['1']);
    expect(messages).toEqual([
      expect.stringMatching(new RegExp(`^${file}:3: CSV syntax error: Invalid Closing Quote`)),
    ]);
  });

  it('reports an empty title and a bad date, keeping the good rows', async () => {
    const file = write('bad-values.csv', 'id,title,date\n1,,2020\n2,Two,2021-02-30\n3,Three,2021\n');
    expect(await read(file)).toEqual({
      docs: [expect.objectContaining({ id: '3', date: '2021-01-01', datePrecision: 'year' })],
      messages: [`${file}:2: title is empty`, `${file}:3: date "2021-02-30" is not a calendar date`],
    });
  });

  it('reports a truncated gzipped CSV once and keeps the rows before it', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `${i},Title number ${i},${'abstract words '.repeat(5)}${i}`);
    const whole = gzipSync(`id,title,abstract\n${rows.join('\n')}\n`);
    const file = write('truncated.csv.gz', whole.subarray(0, Math.floor(whole.length / 2)));
    const { docs, messages } = await read(file);
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.length).toBeLessThan(20_000);
    expect(docs.map((d) => d.id)).toEqual(docs.map((_, i) => String(i)));
    expect(messages).toEqual([
      expect.stringMatching(
        new RegExp(`^${file}:\\d+: the file is corrupt or truncated here \\(unexpected end of file\\)`),
      ),
    ]);
  });

  it('yields nothing and reports nothing for an empty file', async () => {
    expect(await read(write('empty.csv', ''))).toEqual({ docs: [], messages: [] });
  });
});
