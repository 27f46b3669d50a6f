import { describe, expect, it } from 'vitest';
import { checkId, checkLabels, fileStem, splitLabels, squashWhitespace } from '../../../pipelines/ingest/fields.ts';

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
