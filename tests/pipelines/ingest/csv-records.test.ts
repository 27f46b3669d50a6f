import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { CsvRecordSplitter, type CsvRecord } from '../../../pipelines/ingest/csv-records.ts';

function split(bytes: Buffer, maxRecordBytes: number, cuts: readonly number[] = []): CsvRecord[] {
  const splitter = new CsvRecordSplitter(maxRecordBytes);
  const records: CsvRecord[] = [];
  let from = 0;
  for (const cut of [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b)) {
    records.push(...splitter.push(bytes.subarray(from, cut)));
    from = cut;
  }
  records.push(...splitter.push(bytes.subarray(from)), ...splitter.end());
  return records;
}

const quote = (field: string): string => `"${field.replaceAll('"', '""')}"`;
/** Bytes that matter to the grammar, plus a valid and an invalid UTF-8 sequence. */
const hostileBytes = fc
  .array(fc.constantFrom('a', ',', '"', '\n', '\r', 'é', '\xff'), { maxLength: 80 })
  .map((parts) => Buffer.concat(parts.map((p) => (p === '\xff' ? Buffer.from([0xff]) : Buffer.from(p)))));

describe('CsvRecordSplitter(maxRecordBytes)', () => {
  test.prop([fc.array(fc.array(fc.string({ unit: 'grapheme' }), { minLength: 1, maxLength: 4 }), { maxLength: 8 })], {
    seed: 10,
  })('splits well-formed CSV (every field quoted) back into its fields, on their lines', (rows) => {
    const text = rows.map((row) => row.map(quote).join(',')).join('\n');
    const records = split(Buffer.from(text), 1 << 20);
    expect(records.map((r) => ('fields' in r ? r.fields : r.error))).toEqual(rows);
    let line = 1;
    expect(records.map((r) => r.line)).toEqual(
      rows.map((row) => {
        const start = line;
        line += row.join('').split('\n').length;
        return start;
      }),
    );
  });

  test.prop([hostileBytes, fc.array(fc.nat(), { maxLength: 6 }), fc.integer({ min: 4, max: 40 })], { seed: 10 })(
    'gives the same records however the bytes are chunked, in line order, each line inside the input',
    (bytes, cuts, maxRecordBytes) => {
      const whole = split(bytes, maxRecordBytes);
      expect(split(bytes, maxRecordBytes, cuts)).toEqual(whole);
      const lines = whole.map((r) => r.line);
      expect(lines).toEqual([...lines].sort((a, b) => a - b));
      expect(new Set(lines).size).toBe(lines.length);
      // A bare CR ends a line in a classic Mac file, so count both as an upper bound.
      for (const line of lines) expect(line).toBeLessThanOrEqual(bytes.toString('latin1').split(/\r|\n/).length);
    },
  );

  it('reads the lines an unclosed quote swallowed again, once each, when they also open quotes', () => {
    const records = split(Buffer.from('a,"b\nc,"d\ne,f\n'), 1 << 20);
    expect(records).toEqual([
      {
        line: 1,
        error:
          'unclosed quote: field 2, opened at line 1, reaches a quote at line 2 followed by "d"; the rows from line 2 on are read again',
      },
      {
        line: 2,
        error:
          'unclosed quote: field 2, opened at line 2, runs to the end of the file; the rows from line 3 on are read again',
      },
      { line: 3, fields: ['e', 'f'] },
    ]);
  });
});
