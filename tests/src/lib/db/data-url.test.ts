import { describe, expect, test } from 'vitest';
import { isSafeRelativeDataPath, resolveDataSource, resolveDataUrl } from '../../../../src/lib/db/data-url.ts';

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

describe('resolveDataSource(search, buildDefault, pageUrl)', () => {
  test('refuses nothing without ?data= or with a safe one', () => {
    expect(resolveDataSource('', undefined, PAGE).refused).toBeNull();
    expect(resolveDataSource('?data=runs/a/', undefined, PAGE).refused).toBeNull();
  });

  test.each([
    ['https://evil.example/', /https: address/],
    ['javascript:alert(1)', /javascript: address/],
    ['//evil.example/x', /another host/],
    ['/etc/', /absolute path/],
    ['a\\b', /backslash/],
    ['a?x=1', /query or fragment/],
    ['data#x', /query or fragment/],
    ['', /empty/],
    ['a b/', /folder names of letters/],
    ['x'.repeat(201), /longer than 200/],
  ])('says why ?data=%j was refused and names the folder used instead', (value, reason) => {
    const search = `?${new URLSearchParams({ data: value }).toString()}`;
    const source = resolveDataSource(search, 'corpora/main/', PAGE);
    expect(source.url.href).toBe('https://example.org/app/corpora/main/');
    expect(source.refused?.reason).toMatch(reason);
    expect(source.refused?.fallback).toBe('corpora/main/');
  });

  test('the reason never repeats the refused value (it is shown in the page)', () => {
    const value = 'https://evil.example/<b>call-this-number</b>';
    const search = `?${new URLSearchParams({ data: value }).toString()}`;
    expect(resolveDataSource(search, undefined, PAGE).refused?.reason).not.toContain('evil');
  });
});
