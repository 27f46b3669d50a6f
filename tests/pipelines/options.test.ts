/** resolveOptions: the declarative checks of the option table (issue 10: empty separator, impossible dates). */
import { describe, expect, it } from 'vitest';
import { CliError } from '../../pipelines/errors.ts';
import { resolveAssignOptions } from '../../pipelines/assign/assign-options.ts';
import { resolveOptions, type ParsedValues } from '../../pipelines/options.ts';
import { runCli } from '../helpers/run-cli.ts';

const TODAY = '2026-11-01';
const resolve = (values: ParsedValues) => resolveOptions({ input: ['papers.jsonl'], ...values }, [], TODAY);
const errorOf = (run: () => unknown): CliError => {
  try {
    run();
  } catch (error) {
    if (error instanceof CliError) return error;
    throw error;
  }
  throw new Error('expected a CliError');
};

describe('resolveOptions(values, positionals, today)', () => {
  it('refuses an empty --label-separator, which would split every label into characters', () => {
    const error = errorOf(() => resolve({ 'label-separator': '' }));
    expect(error.message).toBe('invalid --label-separator: "" (empty); expected at least one character, e.g. ; or |');
    expect(error.exitCode).toBe(1);
  });

  it('records --corpus-note with its whitespace squashed and --volume-is-sample; neither given: null and false', () => {
    const given = resolve({ 'corpus-note': '  A 1-in-8\n sample.  ', 'volume-is-sample': true });
    expect([given.corpusNote, given.volumeIsSample]).toEqual(['A 1-in-8 sample.', true]);
    expect([resolve({}).corpusNote, resolve({}).volumeIsSample]).toEqual([null, false]);
  });

  it.each(['', '   ', 'x'.repeat(501), 'bell\u0007'])('refuses --corpus-note %j', (note) => {
    expect(errorOf(() => resolve({ 'corpus-note': note })).message).toMatch(/^invalid --corpus-note: .*plain text$/);
  });

  it('reads --fit-sample N as a document count; absent or none: null (fit on all); refuses 0 and fractions', () => {
    expect(resolve({ 'fit-sample': '200000' }).fitSample).toBe(200_000);
    expect([resolve({}).fitSample, resolve({ 'fit-sample': 'none' }).fitSample]).toEqual([null, null]);
    for (const bad of ['0', '0.5', 'all']) {
      expect(errorOf(() => resolve({ 'fit-sample': bad })).message).toMatch(/^invalid --fit-sample/);
    }
  });

  it('keeps a one-character or multi-character --label-separator as given', () => {
    expect(resolve({ 'label-separator': ' ' }).labelSeparator).toBe(' ');
    expect(resolve({ 'label-separator': ' | ' }).labelSeparator).toBe(' | ');
    expect(resolve({}).labelSeparator).toBe(';');
  });

  it.each([
    ['2025-02-30', 'is not a calendar date'],
    ['2023-02-29', 'is not a calendar date'],
    ['2025-13-01', 'is not a calendar date'],
    ['2025-04-31', 'is not a calendar date'],
    ['1899-12-31', 'is before 1900'],
  ])('refuses --max-date %s, which names no calendar day (%s)', (value, reason) => {
    expect(errorOf(() => resolve({ 'max-date': value })).message).toBe(
      `invalid --max-date: "${value}": date "${value}" ${reason}; expected a calendar day as YYYY-MM-DD`,
    );
  });

  it.each(['2025-02', '2025-2-3', '25-02-03', '2025-02-03T00:00', 'today'])(
    'refuses --max-date %s (not YYYY-MM-DD)',
    (value) => {
      expect(errorOf(() => resolve({ 'max-date': value })).message).toBe(
        `invalid --max-date: ${JSON.stringify(value)}; expected a calendar day as YYYY-MM-DD`,
      );
    },
  );

  it('accepts a leap day and defaults to today', () => {
    expect(resolve({ 'max-date': '2024-02-29' }).maxDate).toBe('2024-02-29');
    expect(resolve({}).maxDate).toBe(TODAY);
  });

  it('assign checks --max-date the same way', () => {
    expect(
      errorOf(() => resolveAssignOptions({ model: 'out', input: ['new.jsonl'], 'max-date': '2025-02-30' }, [], TODAY))
        .message,
    ).toMatch(/^invalid --max-date: "2025-02-30": date "2025-02-30" is not a calendar date/);
  });
});

describe('the CLI', () => {
  it('exits 1 with one error line for --label-separator "" and --max-date 2025-02-30, writing nothing', async () => {
    for (const args of [
      ['--label-separator', ''],
      ['--max-date', '2025-02-30'],
    ]) {
      const result = await runCli([
        '--input',
        '../shared/data/seed-papers.jsonl',
        '--out',
        '/nonexistent/out',
        ...args,
      ]);
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toMatch(/^error: invalid --(label-separator|max-date): /);
      expect(result.stderr.trim().split('\n')).toHaveLength(1);
    }
  }, 60_000);
});
