import { describe, expect, test } from 'vitest';
import { isSafeRelativeDataPath, resolveDataUrl } from '../../../../src/lib/db/data-url.ts';

const PAGE = 'https://example.org/app/index.html';

describe('resolveDataUrl(search, buildDefault, pageUrl)', () => {
  test('defaults to ./data/ beside the page', () => {
    expect(resolveDataUrl('', undefined, PAGE).href).toBe('https://example.org/app/data/');
  });

  test('uses the build-time default when set', () => {
    expect(resolveDataUrl('', 'corpora/arxiv', PAGE).href).toBe('https://example.org/app/corpora/arxiv/');
  });

  test('accepts a relative ?data= path', () => {
    expect(resolveDataUrl('?data=../shared/run1/', undefined, PAGE).href).toBe('https://example.org/shared/run1/');
  });

  test.each([
    'https://evil.example/',
    '//evil.example/x',
    '/etc/',
    'javascript:alert(1)',
    'a\\b',
    'a?x=1',
    'data#x',
    '',
  ])('ignores ?data=%j and falls back to the default', (value) => {
    const search = `?${new URLSearchParams({ data: value }).toString()}`;
    expect(resolveDataUrl(search, undefined, PAGE).href).toBe('https://example.org/app/data/');
  });

  test('isSafeRelativeDataPath refuses schemes and hosts', () => {
    expect(isSafeRelativeDataPath('data')).toBe(true);
    expect(isSafeRelativeDataPath('http://x/')).toBe(false);
  });
});
