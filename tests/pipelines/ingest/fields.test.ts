import { describe, expect, it } from 'vitest';
import {
  MAX_TITLE_CHARS,
  checkAbstract,
  checkId,
  checkLabels,
  checkTitle,
  fileStem,
  isBlank,
  splitLabels,
  squashWhitespace,
} from '../../../pipelines/ingest/fields.ts';

describe('squashWhitespace(text)', () => {
  it('collapses runs of spaces, tabs, line breaks and no-break spaces to one space and trims', () => {
    expect(squashWhitespace('  A fully\n  differential\t\tcalculation\u00a0 here\n')).toBe(
      'A fully differential calculation here',
    );
  });

  it('leaves single-spaced text unchanged', () => {
    expect(squashWhitespace('already clean text')).toBe('already clean text');
  });
});

describe('fileStem(file)', () => {
  it('drops the directory, .gz and the data extension', () => {
    expect(['data/acl.jsonl.gz', '/x/papers.csv', 'page-001.txt', 'corpus'].map(fileStem)).toEqual([
      'acl',
      'papers',
      'page-001',
      'corpus',
    ]);
  });
});

describe('checkId(raw)', () => {
  it('stringifies numbers and trims strings', () => {
    expect([checkId(42), checkId(' 0704.0001 ')]).toEqual([{ value: '42' }, { value: '0704.0001' }]);
  });

  it('rejects empty strings and non-strings', () => {
    expect([checkId(''), checkId(['a'])]).toEqual([
      { error: 'id is empty' },
      { error: 'id must be a string, got an array' },
    ]);
  });
});

describe('checkLabels(raw) and splitLabels(text, separator)', () => {
  it('treats missing labels as none and drops blank ones', () => {
    expect([checkLabels(undefined), checkLabels(null), checkLabels(['cs.CL', ' ', 'cs.AI'])]).toEqual([
      { value: [] },
      { value: [] },
      { value: ['cs.CL', 'cs.AI'] },
    ]);
  });

  it('rejects labels that are not an array of strings', () => {
    expect(checkLabels('cs.CL')).toEqual({ error: 'labels must be an array of strings, got "cs.CL"' });
    expect(checkLabels(['a', 1])).toEqual({ error: 'labels must be an array of strings, got ["a",1]' });
  });

  it('splits on the separator, or on any whitespace for a space', () => {
    expect(splitLabels(' a; b ;;c', ';')).toEqual(['a', 'b', 'c']);
    expect(splitLabels('math.CO  cs.CG', ' ')).toEqual(['math.CO', 'cs.CG']);
    expect(splitLabels('', ';')).toEqual([]);
  });
});

describe('checkTitle(raw) and checkAbstract(raw): issue 10', () => {
  // Zero-width space, left-to-right mark, right-to-left override, word joiner, byte order mark.
  const INVISIBLE = ['\u200b', '\u200e', '\u202e', '\u2060', '\ufeff'];

  it.each(INVISIBLE.map((char) => [`U+${char.charCodeAt(0).toString(16).toUpperCase()}`, char]))(
    'a title of only %s (also repeated, with spaces) is empty',
    (_name, char) => {
      expect(checkTitle(char)).toEqual({ error: 'title is empty' });
      expect(checkTitle(` ${char}${char} \u200b `)).toEqual({ error: 'title is empty' });
    },
  );

  it('keeps a title with an invisible character among visible ones, as written', () => {
    expect(checkTitle('\u200bAttention Is All You Need')).toEqual({ value: '\u200bAttention Is All You Need' });
  });

  it('treats an abstract of only zero-width or bidi characters as empty (a title-only document)', () => {
    expect(checkAbstract(INVISIBLE.join(' '))).toEqual({ value: '' });
    expect(checkAbstract('\u202eReal text')).toEqual({ value: '\u202eReal text' });
  });

  it(`keeps a title of MAX_TITLE_CHARS (${MAX_TITLE_CHARS}) characters and rejects one character more`, () => {
    expect(checkTitle('a'.repeat(MAX_TITLE_CHARS))).toEqual({ value: 'a'.repeat(MAX_TITLE_CHARS) });
    expect(checkTitle('a'.repeat(MAX_TITLE_CHARS + 1))).toEqual({
      error: 'title is 2,001 characters, over the limit of 2,000',
    });
  });

  it('measures the title after squashing whitespace', () => {
    expect(checkTitle(`${'a'.repeat(1000)}${' '.repeat(5000)}${'b'.repeat(999)}`)).toHaveProperty('value');
  });

  it('isBlank(text) is true for nothing but whitespace, controls and format characters', () => {
    expect(['', ' \t\n', '\u0000\u0007', '\u200b\u200c\u200d', '\u2066\u2069', '\u00ad'].map(isBlank)).toEqual(
      Array(6).fill(true),
    );
    expect(['a', '\u200ba', '.', '\u3164x'].map(isBlank)).toEqual(Array(4).fill(false));
  });
});

describe('checkLabels(raw): the excerpt of a bad value is printable', () => {
  it('escapes NUL and bidi overrides in the quoted value', () => {
    const checked = checkLabels({ a: 'x\u0000y\u202ez' });
    expect(checked).toEqual({ error: 'labels must be an array of strings, got {"a":"x\\u0000y\\u202ez"}' });
  });
});
