import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readCsv, type CsvOptions } from '../../../pipelines/ingest/csv.ts';
import { MAX_DATE, collect, recorder, tempDir } from './helpers.ts';

const { dir, write } = tempDir();

/** Writes a gzip file from generated parts without holding the whole text: a huge cell stays cheap to make. */
function writeGzip(file: string, parts: () => Iterable<string>): Promise<void> {
  return pipeline(Readable.from(parts()), createGzip({ level: 1 }), createWriteStream(file));
}

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

  it('reads a classic Mac CSV, whose lines end in a bare CR, numbering those lines', async () => {
    const file = write('mac.csv', 'id,title\r1,One\r2,"Two\rlines"\r3,Three\r');
    const { docs, messages } = await read(file);
    expect(messages).toEqual([]);
    expect(docs.map((d) => [d.line, d.id, d.title])).toEqual([
      [2, '1', 'One'],
      [3, '2', 'Two lines'],
      [5, '3', 'Three'],
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

  it('reports a bad closing quote at its line and keeps the rows before and after it', async () => {
    const file = write('bad-quote.csv', 'id,title\n1,One\n2,"Tw"o\n3,Three\n');
    const { docs, messages } = await read(file);
    expect(docs.map((d) => d.id)).toEqual(['1', '3']);
    expect(messages).toEqual([
      `${file}:3: CSV syntax error: "o" after the closing quote of field 2; write a quote inside a quoted field as ""`,
    ]);
  });

  it('keeps a quote inside an unquoted field as text, as csv-parse does with relax_quotes', async () => {
    const file = write('inner-quote.csv', 'id,title\n1,A 5" display\n');
    expect(await read(file)).toEqual({ docs: [expect.objectContaining({ title: 'A 5" display' })], messages: [] });
  });

  it('reports an unclosed quote at the line it opens on and reads the rows it swallowed again', async () => {
    // Field 2 of line 2 never closes: the quote before "Quoted" at line 4 would close it, followed by "Q".
    const file = write('unclosed.csv', 'id,title,abstract\n1,"Unclosed,a\n2,Good,b\n3,"Quoted, fine",c\n');
    const { docs, messages } = await read(file);
    expect(messages).toEqual([
      `${file}:2: unclosed quote: field 2, opened at line 2, reaches a quote at line 4 followed by "Q"; the rows from line 3 on are read again`,
    ]);
    expect(docs.map((d) => [d.line, d.id, d.title])).toEqual([
      [3, '2', 'Good'],
      [4, '3', 'Quoted, fine'],
    ]);
  });

  it('reports a quote left open to the end of the file at its line and keeps the rows after it', async () => {
    const file = write('open-to-eof.csv', 'id,title\n1,One\n2,"Never closed\n3,Three\n4,Four\n');
    const { docs, messages } = await read(file);
    expect(messages).toEqual([
      `${file}:3: unclosed quote: field 2, opened at line 3, runs to the end of the file; the rows from line 4 on are read again`,
    ]);
    expect(docs.map((d) => [d.line, d.id])).toEqual([
      [2, '1'],
      [4, '3'],
      [5, '4'],
    ]);
  });

  it('ends an open quote at maxRecordBytes and reads the rows after its line again', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i + 2},Row ${i + 2}`);
    const file = write('open-past-bound.csv', `id,title\n1,"Open\n${rows.join('\n')}\n`);
    const { docs, messages } = await read(file, { maxRecordBytes: 64 });
    expect(messages).toEqual([
      `${file}:2: unclosed quote: field 2, opened at line 2, runs past the limit of 64 bytes a row; the rows from line 3 on are read again`,
    ]);
    expect(docs.map((d) => d.id)).toEqual(rows.map((row) => row.split(',')[0]));
  });

  it('skips a row over maxRecordBytes at its line and keeps a row of exactly the limit', async () => {
    const file = write('bound.csv', 'title\n123456789a\n123456789ab\nlast\n');
    expect(await read(file, { maxRecordBytes: 10 })).toEqual({
      docs: [expect.objectContaining({ title: '123456789a' }), expect.objectContaining({ title: 'last', line: 4 })],
      messages: [`${file}:3: row is 11 bytes, over the limit of 10`],
    });
  });

  it('skips a 20 MB cell of a .csv.gz at its line without keeping it, and reads the rows after it', async () => {
    const file = join(dir, 'huge-cell.csv.gz');
    const cell = 20_000_000;
    await writeGzip(file, function* () {
      yield 'id,title,abstract\n1,First,a\n2,"';
      const block = 'x'.repeat(1_000_000);
      for (let written = 0; written < cell; written += block.length) yield block;
      yield '",b\n3,Third,c\n';
    });
    const { docs, messages } = await read(file, { maxRecordBytes: 1024 * 1024 });
    expect(messages).toEqual([`${file}:3: row is 20,000,006 bytes, over the limit of 1,048,576`]);
    expect(docs.map((d) => [d.line, d.id])).toEqual([
      [2, '1'],
      [4, '3'],
    ]);
  });

  it('reports invalid UTF-8 and Latin-1 bytes at the row, as JSON Lines does, instead of keeping U+FFFD', async () => {
    const latin1 = Buffer.concat([
      Buffer.from('id,title\n1,Caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n2,Good\n3,"Multi\nline '),
      Buffer.from([0xff]),
      Buffer.from('"\n4,Last\n'),
    ]);
    const file = write('latin1.csv', latin1);
    expect(await read(file)).toEqual({
      docs: [expect.objectContaining({ id: '2', line: 3 }), expect.objectContaining({ id: '4', line: 6 })],
      messages: [`${file}:2: invalid UTF-8 at byte 6 of the row`, `${file}:4: invalid UTF-8 at byte 15 of the row`],
    });
  });

  it('stops at an unreadable header row, as one file-level error', async () => {
    const file = write(
      'bad-header.csv',
      Buffer.concat([Buffer.from('id,t'), Buffer.from([0xff]), Buffer.from('\n1,A\n')]),
    );
    expect(await read(file)).toEqual({
      docs: [],
      messages: [`${file}:1: invalid UTF-8 at byte 5 of the row; without its header row the file cannot be read`],
    });
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
