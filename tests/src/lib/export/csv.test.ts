import { fc, test as propertyTest } from '@fast-check/vitest';
import { parse } from 'csv-parse/sync';
import { describe, expect, test } from 'vitest';
import { escapeCsvCell, toCsv } from '../../../../src/lib/export/csv.ts';

/** The one cell `escapeCsvCell` wrote, read back as RFC 4180 says (written here, not taken from the module). */
function unquote(cell: string): string {
  if (!cell.startsWith('"')) return cell;
  expect(cell.endsWith('"') && cell.length >= 2).toBe(true);
  const inner = cell.slice(1, -1);
  expect(inner.replace(/""/g, '')).not.toContain('"');
  return inner.replace(/""/g, '"');
}

const dropApostrophe = (text: string): string => (text.startsWith("'") ? text.slice(1) : text);

// What a reader does not see before the first visible character, defined independently of the module: control
// and format characters (NUL, zero-width, bidi, BOM) and separators (spaces).
const INVISIBLE = /^[\p{Cc}\p{Cf}\p{Z}]*/u;
const TRIGGER = /^[=+\-@|]/;

/** True when a spreadsheet could read `text` as a formula: a trigger after the invisible lead, raw or NFKC. */
function looksLikeFormula(text: string): boolean {
  const lead = INVISIBLE.exec(text)?.[0] ?? '';
  if (/[\t\r\n]/.test(lead)) return true;
  const rest = text.slice(lead.length);
  const nfkc = rest.normalize('NFKC');
  return TRIGGER.test(rest) || TRIGGER.test(nfkc.slice(INVISIBLE.exec(nfkc)?.[0].length ?? 0));
}

const TRICKY = [
  '=',
  '+',
  '-',
  '@',
  '|',
  "'",
  '\t',
  '\r',
  '\n',
  '\0',
  '\u0001',
  '\u007f',
  '\u0085',
  '\uff1d',
  '\uff0b',
  '\uff0d',
  '\uff20',
  '\uff5c',
  '\ufe66',
  '\ufe62',
  '\ufe63',
  '\ufe6b',
  '\u207c',
  '\u208a',
  '\u200b',
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u200e',
  '\u200f',
  '\u202a',
  '\u202b',
  '\u202c',
  '\u202d',
  '\u202e',
  '\u2066',
  '\u2067',
  '\u2068',
  '\u2069',
  '\u00ad',
  '\u00a0',
  '\u3000',
  '\u2028',
  '\u0338',
  '\u00a8',
  ' ',
  '"',
  ',',
  ';',
  'a',
  '1',
  'é',
];
const hostileText = fc.oneof(
  fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc
    .tuple(fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 4 }), fc.string({ unit: 'binary' }))
    .map(([a, b]) => a + b),
);

describe('escapeCsvCell(value)', () => {
  test.each([
    ['=1+1', "'=1+1"],
    ['+SUM(A1)', "'+SUM(A1)"],
    ['-2+3', "'-2+3"],
    ['@cmd', "'@cmd"],
    ['\tx', '"\'\tx"'],
    ['\rx', '"\'\rx"'],
    ['\nx', '"\'\nx"'],
    ['|calc', "'|calc"],
  ])('prefixes the formula starter in %j with an apostrophe', (input, expected) => {
    expect(escapeCsvCell(input)).toBe(expected);
  });

  test.each([
    ['a leading NUL', '\0=1+1'],
    ['full-width equals U+FF1D', '\uff1d1+1'],
    ['full-width plus U+FF0B', '\uff0bSUM(A1)'],
    ['full-width minus U+FF0D', '\uff0d2+3'],
    ['full-width at U+FF20', '\uff20SUM(A1)'],
    ['small equals U+FE66', '\ufe661+1'],
    ['zero-width space U+200B', '\u200b=1+1'],
    ['zero-width non-joiner U+200C', '\u200c=1+1'],
    ['zero-width joiner U+200D', '\u200d=1+1'],
    ['word joiner U+2060', '\u2060=1+1'],
    ['byte-order mark U+FEFF', '\ufeff=1+1'],
    ['left-to-right mark U+200E', '\u200e=1+1'],
    ['right-to-left mark U+200F', '\u200f=1+1'],
    ['LRE U+202A', '\u202a=1+1'],
    ['RLO U+202E', '\u202e=1+1'],
    ['LRI U+2066', '\u2066=1+1'],
    ['PDI U+2069', '\u2069=1+1'],
    ['several invisible characters and a space', '\u202e\u200b \0\ufeff+1'],
    ['an invisible prefix then a full-width sign', '\u200b\uff1d1+1'],
    ['a NUL then a tab', '\0\tx'],
  ])('escapes a formula behind %s', (_, input) => {
    const cell = escapeCsvCell(input);
    expect(unquote(cell)).toBe(`'${input}`);
  });

  test('escapes every part of a list, not only the first: <b>f+</b>;=1+1', () => {
    expect(escapeCsvCell(['<b>f+</b>', '=1+1'])).toBe('"<b>f+</b>;\'=1+1"');
    expect(escapeCsvCell(['cs.LG', '\u200b\uff0bcs.AI', '@x'])).toBe('"cs.LG;\'\u200b\uff0bcs.AI;\'@x"');
    expect(escapeCsvCell(['=cs.AI'])).toBe("'=cs.AI");
  });

  test('quotes cells with commas, semicolons, tabs, quotes and newlines, doubling quotes', () => {
    expect(escapeCsvCell('a,b')).toBe('"a,b"');
    expect(escapeCsvCell('a;b')).toBe('"a;b"');
    expect(escapeCsvCell('a\tb')).toBe('"a\tb"');
    expect(escapeCsvCell('say "hi"')).toBe('"say ""hi"""');
    expect(escapeCsvCell('two\nlines')).toBe('"two\nlines"');
  });

  test('escapes a formula that is also quoted: =HYPERLINK("x")', () => {
    expect(escapeCsvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
  });

  test('doubles a leading apostrophe so that dropping one always gives the text back', () => {
    expect(escapeCsvCell("'quoted")).toBe("''quoted");
  });

  test('writes numbers as numbers, so negative values stay numeric', () => {
    expect(escapeCsvCell(-0.05)).toBe('-0.05');
    expect(escapeCsvCell(-3)).toBe('-3');
    expect(escapeCsvCell(12)).toBe('12');
    expect(escapeCsvCell(Number.NaN)).toBe('');
  });

  test('writes null and undefined as empty', () => {
    expect(escapeCsvCell(null)).toBe('');
    expect(escapeCsvCell(undefined)).toBe('');
  });

  test('leaves plain text, inner formula characters and invisible characters before plain text alone', () => {
    expect(escapeCsvCell('a = b + c')).toBe('a = b + c');
    expect(escapeCsvCell('<script>alert(1)</script>')).toBe('<script>alert(1)</script>');
    expect(escapeCsvCell('\u200bword')).toBe('\u200bword');
    expect(escapeCsvCell('e-mail')).toBe('e-mail');
  });

  propertyTest.prop([hostileText])(
    'escapeCsvCell(text): once unquoted, never starts as a formula without the apostrophe; and round-trips',
    (text) => {
      const unquoted = unquote(escapeCsvCell(text));
      if (!unquoted.startsWith("'")) expect(looksLikeFormula(unquoted)).toBe(false);
      expect(dropApostrophe(unquoted)).toBe(text);
    },
  );

  propertyTest.prop([
    fc.array(
      hostileText.filter((t) => !t.includes(';')),
      { minLength: 1, maxLength: 4 },
    ),
  ])('escapeCsvCell(list): every part is escaped on its own and round-trips', (parts) => {
    const back = unquote(escapeCsvCell(parts)).split(';');
    expect(back).toHaveLength(parts.length);
    back.forEach((part, i) => {
      if (!part.startsWith("'")) expect(looksLikeFormula(part)).toBe(false);
      expect(dropApostrophe(part)).toBe(parts[i]);
    });
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

  propertyTest.prop([
    fc.array(fc.tuple(hostileText, fc.double({ noNaN: true, noDefaultInfinity: true })), { maxLength: 8 }),
  ])('toCsv(records) parses back, with csv-parse, to the same titles and numbers', (rows) => {
    const csv = toCsv(
      rows.map(([title, growth]) => ({ title, growth })),
      ['title', 'growth'],
    );
    const parsed: string[][] = parse(csv, { relax_column_count: false });
    expect(parsed.slice(1).map(([t, g]) => [dropApostrophe(t ?? ''), Number(g)])).toEqual(
      rows.map(([t, g]) => [t, g === 0 ? 0 : g]),
    );
  });
});
