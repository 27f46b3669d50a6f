import { describe, expect, test } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import {
  DEFAULT_VIEW,
  hasControlCharacter,
  maybeIsoDate,
  maybeTermList,
  parseUrlView,
  serializeUrlView,
  type UrlView,
} from '../../../../src/lib/state/url-state.ts';

describe('parseUrlView(search)', () => {
  test('reads every parameter of a valid link', () => {
    const { view, rejected } = parseUrlView(
      '?from=2022-01-01&to=2023-06-30&g=quarter&mode=stream&measure=share&band=1&smooth=3&hide=2,5&sel=7&q=graph%20neural&tab=terms&level=theme&terms=Transformer,graph%20%20neural&family=1',
    );
    expect(rejected).toEqual([]);
    expect(view).toEqual({
      from: '2022-01-01',
      to: '2023-06-30',
      granularity: 'quarter',
      mode: 'stream',
      measure: 'share',
      band: true,
      smoothing: 3,
      hidden: [2, 5],
      selected: [7],
      search: 'graph neural',
      tab: 'terms',
      level: 'theme',
      terms: ['transformer', 'graph neural'],
      family: true,
    });
  });

  test('rejects an SQL injection in a date and keeps the defaults', () => {
    const { view, rejected } = parseUrlView(`?from=${encodeURIComponent("2020-01-01'; DROP TABLE trends;--")}`);
    expect(view.from).toBeNull();
    expect(rejected).toEqual(['from']);
  });

  test.each([
    ['from', '2021-02-30'],
    ['from', '21-02-03'],
    ['to', '2021-13-01'],
    ['g', 'day'],
    ['mode', 'pie'],
    ['measure', 'COUNT'],
    ['band', 'yes'],
    ['smooth', '0'],
    ['smooth', '13'],
    ['smooth', '2.5'],
    ['smooth', '1e3'],
    ['hide', '1,two'],
    ['sel', '-1'],
    ['q', 'a\u0000b'],
    ['q', 'x'.repeat(201)],
  ])('rejects %s=%j', (key, value) => {
    const { view, rejected } = parseUrlView(`?${new URLSearchParams({ [key]: value }).toString()}`);
    expect(rejected).toEqual([key]);
    expect(view).toEqual(DEFAULT_VIEW);
  });

  test('drops a reversed date range', () => {
    const { view, rejected } = parseUrlView('?from=2024-01-01&to=2023-01-01');
    expect([view.from, view.to]).toEqual([null, null]);
    expect(rejected).toEqual(['from', 'to']);
  });

  test('reads the level, topic by default, and rejects any other word', () => {
    expect(parseUrlView('').view.level).toBe('topic');
    expect(parseUrlView('?level=theme').view.level).toBe('theme');
    expect(parseUrlView('?level=<b>')).toMatchObject({ view: { level: 'topic' }, rejected: ['level'] });
  });

  test('deduplicates id lists', () => {
    expect(parseUrlView('?sel=3,3,1').view.selected).toEqual([3, 1]);
  });
});

describe('maybeIsoDate(value)', () => {
  test('accepts a leap day only in a leap year', () => {
    expect(maybeIsoDate('2024-02-29')).toBe('2024-02-29');
    expect(maybeIsoDate('2023-02-29')).toBeNull();
  });
});

describe('serializeUrlView(view, search)', () => {
  test('leaves out defaults and keeps foreign parameters such as data', () => {
    expect(serializeUrlView(DEFAULT_VIEW, '?data=other/&from=2020-01-01')).toBe('?data=other%2F');
    expect(serializeUrlView({ ...DEFAULT_VIEW, mode: 'lines' }, '')).toBe('?mode=lines');
  });
});

const day = fc
  .date({ min: new Date(Date.UTC(1000, 0, 1)), max: new Date(Date.UTC(9999, 11, 31)), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const views: fc.Arbitrary<UrlView> = fc.record({
  from: fc.option(day, { nil: null }),
  to: fc.constant(null),
  granularity: fc.constantFrom(null, 'week', 'month', 'quarter', 'year' as const),
  mode: fc.constantFrom('stacked', 'stream', 'lines' as const),
  measure: fc.constantFrom(null, 'count', 'share' as const),
  band: fc.boolean(),
  smoothing: fc.integer({ min: 1, max: 12 }),
  hidden: fc.uniqueArray(fc.nat({ max: 1000 }), { maxLength: 30 }).map((a) => a.sort((x, y) => x - y)),
  selected: fc.uniqueArray(fc.nat({ max: 1000 }), { maxLength: 30 }),
  // Hostile text: quotes, SQL, HTML, unicode; control characters are refused by design.
  search: fc.string({ maxLength: 200, unit: 'grapheme' }).filter((s) => !hasControlCharacter(s) && s.length <= 200),
  tab: fc.constantFrom('time', 'terms', 'map' as const),
  level: fc.constantFrom('topic', 'theme' as const),
  terms: fc.uniqueArray(
    fc
      .string({ minLength: 1, maxLength: 60, unit: 'grapheme' })
      .map((t) => t.toLowerCase().replace(/\s+/g, ' ').trim())
      .filter(
        (t) => t !== '' && t.length <= 60 && !t.includes(',') && !hasControlCharacter(t) && t === t.toLowerCase(),
      ),
    { maxLength: 8 },
  ),
  family: fc.boolean(),
});

describe('maybeTermList(value)', () => {
  test('normalizes each term and drops duplicates', () => {
    expect(maybeTermList(' LLM ,large  language model,llm')).toEqual(['llm', 'large language model']);
  });

  test.each([
    ['an empty term', 'a,,b'],
    ['too many terms', 'a,b,c,d,e,f,g,h,i'],
    ['a term over 60 characters', 'x'.repeat(61)],
    ['a control character', 'a\u0000b'],
  ])('refuses %s', (_, value) => {
    expect(maybeTermList(value)).toBeNull();
  });

  test('a hostile tab or term list is ignored and reported', () => {
    const { view, rejected } = parseUrlView(`?tab=%3Cscript%3E&terms=${encodeURIComponent('a,'.repeat(20))}`);
    expect(view.tab).toBe('time');
    expect(view.terms).toEqual([]);
    expect(rejected).toEqual(['tab', 'terms']);
  });
});

describe('URL state round trip', () => {
  fcTest.prop([views], { seed: 20240601 })('parseUrlView(serializeUrlView(view)) gives the view back', (view) => {
    const parsed = parseUrlView(serializeUrlView(view));
    expect(parsed.rejected).toEqual([]);
    expect(parsed.view).toEqual(view);
  });

  fcTest.prop([fc.string(), fc.string()], { seed: 7 })(
    'any key=value never throws and yields only valid values',
    (k, v) => {
      const { view } = parseUrlView(`?${new URLSearchParams([[k, v]]).toString()}`);
      expect(view.from === null || maybeIsoDate(view.from) === view.from).toBe(true);
      expect(Number.isInteger(view.smoothing)).toBe(true);
    },
  );
});
