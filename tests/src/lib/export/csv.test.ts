import { describe, expect, test } from 'vitest';
import { escapeCsvCell, toCsv } from '../../../../src/lib/export/csv.ts';

describe('escapeCsvCell(value)', () => {
  test.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tx', "'\tx"],
    ['\rx', '"\'\rx"'],
  ])('prefixes the formula starter in %j with an apostrophe', (input, expected) => {
    expect(escapeCsvCell(input)).toBe(expected);
  });

  test('quotes cells with commas, quotes and newlines, doubling quotes', () => {
    expect(escapeCsvCell('a,b')).toBe('"a,b"');
    expect(escapeCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvCell('two\nlines')).toBe('"two\nlines"');
  });

  test('escapes a formula that is also quoted: =HYPERLINK("x")', () => {
    expect(escapeCsvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });

  test('writes numbers as numbers, so negative values stay numeric', () => {
    expect(escapeCsvCell(-0.05)).toBe('-0.05');
    expect(escapeCsvCell(12)).toBe('12');
    expect(escapeCsvCell(Number.NaN)).toBe('');
  });

  test('writes null and undefined as empty, lists joined by semicolons', () => {
    expect(escapeCsvCell(null)).toBe('');
    expect(escapeCsvCell(undefined)).toBe('');
    expect(escapeCsvCell(['cs.LG', '=cs.AI'])).toBe('cs.LG;=cs.AI');
    expect(escapeCsvCell(['=cs.AI'])).toBe("'=cs.AI");
  });

  test('leaves plain text and inner formula characters alone', () => {
    expect(escapeCsvCell('a = b + c')).toBe('a = b + c');
    expect(escapeCsvCell('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
  });
});

describe('toCsv(records, columns)', () => {
  test('writes a header then one CRLF line per record in column order', () => {
    const csv = toCsv(
      [
        { b: 1, a: 'x' },
        { a: '=evil()', b: -2 },
      ],
      ['a', 'b'],
    );
    expect(csv).toBe("a,b\r\nx,1\r\n'=evil(),-2\r\n");
  });

  test('an empty record list gives only the header', () => {
    expect(toCsv([], ['period_start', 'count'])).toBe('period_start,count\r\n');
  });
});
