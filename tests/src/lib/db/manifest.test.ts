import { describe, expect, test } from 'vitest';
import { DataError, parseManifest } from '../../../../src/lib/db/manifest.ts';
import { SCHEMA_VERSION, TABLES } from '../../../../src/schema.ts';

/** The fields parseManifest checks, valid, plus `extra`. */
function manifest(extra: Record<string, unknown>): Record<string, unknown> {
  return {
    schemaVersion: SCHEMA_VERSION,
    tables: Object.fromEntries(
      Object.values(TABLES).map((spec) => [spec.name, { file: `${spec.name}.parquet`, rows: 1 }]),
    ),
    parameters: { growthWindow: 6, growthMinPapers: 20 },
    dateRange: { first: '1900-01-01', last: '2025-06-03' },
    ...extra,
  };
}

describe('parseManifest(value, where): coreDateRange and dateOutliers', () => {
  test('reads valid fields as they are', () => {
    const fields = {
      coreDateRange: { first: '2022-01-03', last: '2025-06-03' },
      dateOutliers: { count: 1, dates: ['1900-01-01'] },
    };
    expect(parseManifest(manifest(fields), 'manifest.json')).toMatchObject(fields);
    const undated = { coreDateRange: null, dateOutliers: { count: 0, dates: [] } };
    expect(parseManifest(manifest(undated), 'manifest.json')).toMatchObject(undated);
  });

  test('a manifest written before the fields existed reads as having no outliers', () => {
    expect(parseManifest(manifest({}), 'manifest.json')).toMatchObject({
      coreDateRange: null,
      dateOutliers: { count: 0, dates: [] },
    });
  });

  test.each([
    ['a reversed core range', { coreDateRange: { first: '2025-01-01', last: '2024-01-01' } }, 'coreDateRange'],
    ['a core range that is not dates', { coreDateRange: { first: "1'; DROP", last: '2024-01-01' } }, 'coreDateRange'],
    ['a negative count', { dateOutliers: { count: -1, dates: [] } }, 'dateOutliers'],
    ['dates that are not dates', { dateOutliers: { count: 1, dates: [1900] } }, 'dateOutliers'],
  ])('refuses %s, naming the field', (_, fields, name) => {
    const value = manifest({
      coreDateRange: { first: '2022-01-03', last: '2025-06-03' },
      dateOutliers: { count: 0, dates: [] },
      ...fields,
    });
    expect(() => parseManifest(value, 'data/manifest.json')).toThrow(DataError);
    expect(() => parseManifest(value, 'data/manifest.json')).toThrow(`data/manifest.json has "${name}"`);
  });
});

describe('parseManifest(value, where): corpus note and sample flag', () => {
  const parameters = { growthWindow: 6, growthMinPapers: 20 };
  test('reads them as given; a manifest without them has no note and a volume that is not a sample', () => {
    const given = { ...parameters, corpusNote: 'A 1-in-8 sample.', volumeIsSample: true };
    expect(parseManifest(manifest({ parameters: given }), 'm.json').parameters).toMatchObject({
      corpusNote: 'A 1-in-8 sample.',
      volumeIsSample: true,
    });
    expect(parseManifest(manifest({}), 'm.json').parameters).toMatchObject({ corpusNote: null, volumeIsSample: false });
  });

  test.each([
    ['a note that is not text', { corpusNote: ['<b>'] }, 'parameters.corpusNote'],
    ['a flag that is not a boolean', { volumeIsSample: 'yes' }, 'parameters.volumeIsSample'],
  ])('%s is a corrupt-data error naming the field', (_case, extra, field) => {
    expect(() => parseManifest(manifest({ parameters: { ...parameters, ...extra } }), 'm.json')).toThrow(
      expect.objectContaining({ kind: 'corrupt', message: expect.stringContaining(field) as string }) as Error,
    );
  });
});

describe('parseManifest(value, where): overrides', () => {
  const applied = (extra: Record<string, unknown> = {}): Record<string, unknown> => ({
    file: 'overrides.json',
    sourceRunId: 'old',
    renames: [{ topic: 1, name: '<script>alert(1)</script>' }],
    merges: [{ topics: [4, 2], name: 'Two and four' }],
    notes: ['name "x" dropped: topic 9 ended'],
    ...extra,
  });

  test('reads them with the overrides file parser, names kept as the text they are', () => {
    const parsed = parseManifest(manifest({ runId: 'run', k: 5, overrides: applied() }), 'm.json');
    expect(parsed.overrides).toEqual({
      ...applied(),
      merges: [{ topics: [2, 4], name: 'Two and four' }],
    });
    expect(parseManifest(manifest({ runId: 'run', k: 5 }), 'm.json').overrides).toBeUndefined();
  });

  test('refuses a topic the run does not have, a bad name and bad notes, naming the field', () => {
    const bad = (overrides: unknown): string => {
      try {
        parseManifest(manifest({ runId: 'run', k: 5, overrides }), 'm.json');
      } catch (error) {
        expect(error).toBeInstanceOf(DataError);
        return (error as Error).message;
      }
      throw new Error('expected a DataError');
    };
    expect(bad(applied({ renames: [{ topic: 5, name: 'x' }] }))).toBe(
      'm.json has invalid "overrides": overrides: renames[0].topic is 5, but run run has topics 0..4.',
    );
    expect(bad(applied({ merges: [{ topics: [1, 2], name: '' }] }))).toMatch(/merges\[0\]\.name must be/);
    expect(bad(applied({ notes: [1] }))).toMatch(/"notes" as a list of text/);
    expect(bad('x')).toMatch(/expected an object/);
  });
});
