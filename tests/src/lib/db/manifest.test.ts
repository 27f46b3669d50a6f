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
