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
