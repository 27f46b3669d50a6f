/**
 * Issue 5 (reliability): every kind of bad input through the real CLI, under `--on-error skip` (reported in the
 * manifest at file:line, good records kept, counts add up) and `--on-error fail` (exit 2, `error: file:line:
 * reason`, nothing written, the previous output byte-identical). The readers' own unit tests are in
 * tests/pipelines/ingest/; these check what a user sees from the whole pipeline.
 */
import { createWriteStream, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../src/schema.ts';
import { runCli } from '../helpers/run-cli.ts';
import {
  SMALL_RUN,
  expectCleanError,
  expectCountsAddUp,
  leftovers,
  readManifest,
  realLines,
  scratch,
  snapshot,
} from './helpers.ts';

type Json = Record<string, unknown>;

let good: string[];
const record = (i: number): Json => JSON.parse(good[i]!) as Json;
const line = (value: unknown): Buffer => Buffer.from(`${JSON.stringify(value)}\n`);
const INVALID_UTF8 = Buffer.concat([
  Buffer.from('{"id":"utf8-bad","title":"Bad '),
  Buffer.from([0xff, 0xfe]),
  Buffer.from(' bytes","abstract":"x"}\n'),
]);

/** Each bad record, the line it lands on after 60 good ones, and the reason the manifest must give. */
function badRecords(): { kind: string; bytes: Buffer; reason: RegExp | null }[] {
  return [
    { kind: 'malformed JSON', bytes: Buffer.from('{"id": "x1", "title": "Truncated\n'), reason: /^malformed JSON \(/ },
    { kind: 'invalid UTF-8', bytes: INVALID_UTF8, reason: /^invalid UTF-8 at byte 31 of the line$/ },
    { kind: 'empty title', bytes: line({ ...record(60), title: '' }), reason: /^title is empty$/ },
    { kind: 'whitespace-only title', bytes: line({ ...record(61), title: ' \t ' }), reason: /^title is empty$/ },
    { kind: 'empty abstract (kept)', bytes: line({ ...record(62), abstract: '' }), reason: null },
    { kind: 'whitespace-only abstract (kept)', bytes: line({ ...record(63), abstract: ' \n ' }), reason: null },
    {
      kind: '1 MB abstract',
      bytes: line({ ...record(64), abstract: 'word '.repeat(210_000) }),
      reason: /^abstract is 1,049,999 characters, over the limit of 200,000; raise --max-chars to keep it$/,
    },
    {
      kind: 'unparseable date',
      bytes: line({ ...record(65), date: 'not a date' }),
      reason: /^date "not a date" is not a date \(expected YYYY-MM-DD/,
    },
    {
      kind: 'future date',
      bytes: line({ ...record(66), date: '2999-01-01' }),
      reason: /^date "2999-01-01" is in the future \(after 2026-07-01\); fix it or raise --max-date$/,
    },
    {
      kind: 'duplicate id, other text (a duplicate)',
      bytes: line({ ...record(67), id: record(0)['id'], title: 'Another paper entirely' }),
      reason: null,
    },
    { kind: 'JSON array', bytes: Buffer.from('[1,2,3]\n'), reason: /^expected a JSON object, got an array$/ },
    {
      kind: 'title of the wrong type',
      bytes: line({ ...record(68), title: 42 }),
      reason: /^title must be a string, got number 42$/,
    },
    {
      kind: 'labels of the wrong type',
      bytes: line({ ...record(69), labels: 'cs.AI' }),
      reason: /^labels must be an array of strings/,
    },
    { kind: 'null title', bytes: line({ ...record(70), title: null }), reason: /^title is missing$/ },
  ];
}

describe('--on-error skip through the CLI', () => {
  let dir: string;
  let mixed: string;
  let manifest: Manifest;
  let out: string;

  beforeAll(async () => {
    good = await realLines(80);
    dir = scratch('skip');
    mixed = join(dir, 'mixed.jsonl');
    // A blank line is not a record: it is neither read nor skipped.
    const body = [...good.slice(0, 60).map((l) => Buffer.from(`${l}\n`)), Buffer.from('\n')];
    writeFileSync(mixed, Buffer.concat([...body, ...badRecords().map((b) => b.bytes)]));
    out = join(dir, 'out');
    const result = await runCli(['--input', mixed, '--out', out, ...SMALL_RUN]);
    expect(result.code, result.stderr).toBe(0);
    manifest = readManifest(out);
  });

  it('lists every bad record with file, line and reason, in input order', () => {
    const expected = badRecords()
      .map((bad, i) => ({ line: 62 + i, reason: bad.reason }))
      .filter((bad) => bad.reason !== null);
    expect(manifest.skippedRecords.map((s) => s.file)).toEqual(expected.map(() => mixed));
    expect(manifest.skippedRecords.map((s) => s.line)).toEqual(expected.map((e) => e.line));
    manifest.skippedRecords.forEach((skipped, i) => expect(skipped.reason).toMatch(expected[i]!.reason!));
  });

  it('keeps the 60 good records and the two with an empty abstract; one duplicate; counts add up', () => {
    expect(manifest.counts).toEqual({ read: 74, kept: 62, skipped: 11, duplicates: 1, undated: 0 });
    expectCountsAddUp(manifest);
    expect(manifest.inputs).toEqual([
      { file: mixed, format: 'jsonl', bytes: expect.any(Number) as number, records: 74 },
    ]);
  });

  it('gives byte-identical output on a second run of the same dirty input', async () => {
    const again = join(dir, 'again');
    const result = await runCli(['--input', mixed, '--out', again, ...SMALL_RUN]);
    expect(result.code, result.stderr).toBe(0);
    expect(snapshot(again)).toEqual(snapshot(out));
  });

  it('keeps the records before the break of a truncated gzip and reports the break once', async () => {
    const zipped = gzipSync(`${good.join('\n')}\n`);
    const truncated = join(dir, 'truncated.jsonl.gz');
    writeFileSync(truncated, zipped.subarray(0, Math.floor(zipped.length * 0.6)));
    const result = await runCli(['--input', truncated, '--out', join(dir, 'truncated-out'), ...SMALL_RUN]);
    expect(result.code, result.stderr).toBe(0);
    const { counts, skippedRecords } = readManifest(join(dir, 'truncated-out'));
    expect(skippedRecords).toHaveLength(1);
    expect(skippedRecords[0]).toMatchObject({
      file: truncated,
      reason: expect.stringMatching(/corrupt or truncated/) as string,
    });
    expect(counts.kept).toBe(skippedRecords[0]!.line! - 1);
    expect(counts.skipped).toBe(1);
    expectCountsAddUp(readManifest(join(dir, 'truncated-out')));
  });

  it('reports ragged CSV rows at their lines and keeps the rest', async () => {
    const csv = join(dir, 'ragged.csv');
    const rows = good.slice(0, 40).map((l) => {
      const r = JSON.parse(l) as { id: string; title: string; abstract: string; date: string };
      return [r.id, r.title, r.abstract, r.date].map((v) => `"${v.replaceAll('"', '""')}"`);
    });
    rows[10] = rows[10]!.slice(0, 2);
    rows[11] = [...rows[11]!, 'extra'];
    writeFileSync(csv, `id,title,abstract,date\n${rows.map((r) => r.join(',')).join('\n')}\n`);
    const result = await runCli(['--input', csv, '--out', join(dir, 'csv-out'), ...SMALL_RUN]);
    expect(result.code, result.stderr).toBe(0);
    const manifest = readManifest(join(dir, 'csv-out'));
    expect(manifest.skippedRecords).toEqual([
      { file: csv, line: 12, reason: 'row has 2 fields, the header has 4' },
      { file: csv, line: 13, reason: 'row has 5 fields, the header has 4' },
    ]);
    expect(manifest.counts).toMatchObject({ read: 40, kept: 38, skipped: 2 });
  });

  it('skips a CSV missing a mapped column as one file-level record and still uses the other input', async () => {
    const csv = join(dir, 'no-headline.csv');
    writeFileSync(csv, 'id,title\n1,A paper\n');
    const jsonl = join(dir, 'good.jsonl');
    writeFileSync(jsonl, `${good.join('\n')}\n`);
    const out = join(dir, 'missing-column-out');
    const args = ['--input', csv, '--input', jsonl, '--csv-columns', 'title=Headline', '--out', out, ...SMALL_RUN];
    const result = await runCli(args);
    expect(result.code, result.stderr).toBe(0);
    const manifest = readManifest(out);
    expect(manifest.skippedRecords).toEqual([
      {
        file: csv,
        line: 1,
        reason: expect.stringMatching(/^the header has no title column "Headline"; columns present/) as string,
      },
    ]);
    expect(manifest.counts).toMatchObject({ read: 81, kept: 80, skipped: 1 });
  });

  it('stops with a clear message when nothing is left: whitespace-only input', async () => {
    const blank = join(dir, 'blank.jsonl');
    writeFileSync(blank, '  \n\t\n\n');
    const out = join(dir, 'blank-out');
    const result = await runCli(['--input', blank, '--out', out, ...SMALL_RUN]);
    expectCleanError(result, 1, /^error: no documents to cluster: read 0 records from .*blank\.jsonl/m);
    expect(leftovers(out)).toEqual([]);
  });

  it('stops with exit 2 for a directory as input even under skip: a usage error, not a bad record', async () => {
    const result = await runCli(['--input', dir, '--on-error', 'skip', '--out', join(dir, 'dir-out'), ...SMALL_RUN]);
    expectCleanError(result, 2, /^error: .*: is a directory, expected a file\n$/);
  });
});

describe('--on-error fail through the CLI', () => {
  let dir: string;
  let previous: string;
  let before: Record<string, string>;

  beforeAll(async () => {
    good ??= await realLines(80);
    dir = scratch('fail');
    previous = join(dir, 'out');
    const input = join(dir, 'good.jsonl');
    writeFileSync(input, `${good.join('\n')}\n`);
    const result = await runCli(['--input', input, '--out', previous, ...SMALL_RUN]);
    expect(result.code, result.stderr).toBe(0);
    before = snapshot(previous);
  });

  const FATAL_KINDS = [
    'malformed JSON',
    'invalid UTF-8',
    'empty title',
    'whitespace-only title',
    '1 MB abstract',
    'unparseable date',
    'future date',
    'JSON array',
    'title of the wrong type',
    'labels of the wrong type',
    'null title',
  ];

  it('FATAL_KINDS lists every bad record that is an error', () => {
    expect(
      badRecords()
        .filter((bad) => bad.reason !== null)
        .map((bad) => bad.kind),
    ).toEqual(FATAL_KINDS);
  });

  it.each(FATAL_KINDS)(
    '%s stops the run at file:line with exit 2 and leaves the previous output byte-identical',
    async (kind) => {
      const bad = badRecords().find((candidate) => candidate.kind === kind)!;
      const input = join(dir, `${kind.replaceAll(/\W+/g, '-')}.jsonl`);
      writeFileSync(input, Buffer.concat([Buffer.from(`${good.slice(0, 5).join('\n')}\n`), bad.bytes]));
      const result = await runCli(['--input', input, '--on-error', 'fail', '--out', previous, ...SMALL_RUN]);
      expectCleanError(result, 2, new RegExp(`^error: ${input}:6: `));
      expect(result.stderr.replace(/^error: [^:]+:6: /, '').trimEnd()).toMatch(bad.reason!);
      expect(snapshot(previous)).toEqual(before);
      expect(leftovers(previous)).toEqual([]);
    },
  );

  it('a truncated gzip stops the run at the line it broke in', async () => {
    const zipped = gzipSync(`${good.join('\n')}\n`);
    const input = join(dir, 'truncated.jsonl.gz');
    writeFileSync(input, zipped.subarray(0, Math.floor(zipped.length * 0.6)));
    const result = await runCli(['--input', input, '--on-error', 'fail', '--out', previous, ...SMALL_RUN]);
    expectCleanError(result, 2, new RegExp(`^error: ${input}:\\d+: the file is corrupt or truncated here`));
    expect(snapshot(previous)).toEqual(before);
  });

  it('a ragged CSV row stops the run at its line; no output directory is created', async () => {
    const input = join(dir, 'ragged.csv');
    writeFileSync(input, 'id,title,abstract\n1,A,x\n2,B\n');
    const out = join(dir, 'never');
    const result = await runCli(['--input', input, '--on-error', 'fail', '--out', out, ...SMALL_RUN]);
    expectCleanError(result, 2, new RegExp(`^error: ${input}:3: row has 2 fields, the header has 3\n$`));
    expect(readdirSync(dir)).not.toContain('never');
    expect(leftovers(out)).toEqual([]);
  });

  it('a CSV missing a mapped column stops the run at its header', async () => {
    const input = join(dir, 'no-headline.csv');
    writeFileSync(input, 'id,title\n1,A paper\n');
    const result = await runCli([
      '--input',
      input,
      '--csv-columns',
      'title=Headline',
      '--on-error',
      'fail',
      '--out',
      previous,
      ...SMALL_RUN,
    ]);
    expectCleanError(result, 2, new RegExp(`^error: ${input}:1: the header has no title column "Headline"`));
    expect(snapshot(previous)).toEqual(before);
  });

  it('duplicates and empty abstracts are not errors: the run succeeds', async () => {
    const input = join(dir, 'dup.jsonl');
    const extra = [
      { ...record(1), title: 'Other text, same id' },
      { ...record(70), abstract: '' },
    ];
    writeFileSync(input, `${[...good.slice(0, 60), ...extra.map((r) => JSON.stringify(r))].join('\n')}\n`);
    const out = join(dir, 'dup-out');
    const result = await runCli(['--input', input, '--on-error', 'fail', '--out', out, ...SMALL_RUN]);
    expect(result.code, result.stderr).toBe(0);
    expect(readManifest(out).counts).toMatchObject({ read: 62, kept: 61, skipped: 0, duplicates: 1 });
  });
});

describe('CSV input through the CLI: record bound, strict UTF-8, unclosed quotes (issue 10)', () => {
  const HEADER = 'id,title,abstract,date';
  const MAX_RECORD_BYTES = 8 * 1024 * 1024;
  const quoteCsv = (value: unknown): string => `"${String(value).replace(/\s+/g, ' ').replaceAll('"', '""')}"`;
  const LATIN1_PREFIX = '"latin-1","Caf';
  const LATIN1_ROW = Buffer.concat([
    Buffer.from(LATIN1_PREFIX),
    Buffer.from([0xe9]),
    Buffer.from(' au lait","x","2024-01-01"'),
  ]);
  /** The date's closing quote is missing: the quote runs into the next row. */
  const UNCLOSED_ROW = '"open-quote","A title","An abstract","2024-01-01';
  const HUGE_CELL_BYTES = 64 * 1024 * 1024;
  const HUGE_PREFIX = '"huge","Huge cell","';
  const HUGE_SUFFIX = '","2024-01-01"';
  const HUGE_ROW_BYTES = HUGE_PREFIX.length + HUGE_CELL_BYTES + HUGE_SUFFIX.length;
  let dir: string;
  /** 60 real records, one line each. */
  let rows: string[];

  /** A .csv.gz of `parts` (a part 'HUGE' is the 64 MiB cell's row), written streaming so the cell is never whole. */
  function writeCsvGz(name: string, parts: readonly (string | Buffer)[]): Promise<string> {
    const file = join(dir, name);
    function* generate(): Generator<string | Buffer> {
      yield `${HEADER}\n`;
      for (const part of parts) {
        if (part === 'HUGE') {
          yield HUGE_PREFIX;
          const block = 'word '.repeat((1024 * 1024) / 5 + 1).slice(0, 1024 * 1024);
          for (let written = 0; written < HUGE_CELL_BYTES; written += block.length) yield block;
          yield HUGE_SUFFIX;
        } else yield part;
        yield '\n';
      }
    }
    return pipeline(Readable.from(generate()), createGzip({ level: 1 }), createWriteStream(file)).then(() => file);
  }

  beforeAll(async () => {
    good ??= await realLines(80);
    dir = scratch('csv');
    rows = good.slice(0, 60).map((l) => {
      const r = JSON.parse(l) as Json;
      return [r['id'], r['title'], r['abstract'], r['date']].map(quoteCsv).join(',');
    });
  });

  it('skips a 64 MiB cell, a Latin-1 row and an unclosed quote at their own lines and keeps all 60 good rows', async () => {
    const input = await writeCsvGz('dirty.csv.gz', [
      ...rows.slice(0, 20),
      LATIN1_ROW, // line 22
      ...rows.slice(20, 40),
      UNCLOSED_ROW, // line 43; swallows line 44 until the quote that opens its id
      ...rows.slice(40, 50),
      'HUGE', // line 54
      ...rows.slice(50),
    ]);
    const out = join(dir, 'dirty-out');
    const result = await runCli(['--input', input, '--out', out, ...SMALL_RUN]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).not.toMatch(/^\s+at /m);
    const manifest = readManifest(out);
    expect(manifest.skippedRecords).toEqual([
      { file: input, line: 22, reason: `invalid UTF-8 at byte ${LATIN1_PREFIX.length + 1} of the row` },
      {
        file: input,
        line: 43,
        reason: expect.stringMatching(
          /^unclosed quote: field 4, opened at line 43, reaches a quote at line 44 followed by ".+"; the rows from line 44 on are read again$/,
        ) as string,
      },
      {
        file: input,
        line: 54,
        reason: `row is ${HUGE_ROW_BYTES.toLocaleString('en-US')} bytes, over the limit of ${MAX_RECORD_BYTES.toLocaleString('en-US')}`,
      },
    ]);
    expect(manifest.counts).toMatchObject({ read: 63, kept: 60, skipped: 3, duplicates: 0 });
    expectCountsAddUp(manifest);
  }, 60_000);

  it.each([
    [
      'an unclosed quote',
      'unclosed.csv.gz',
      UNCLOSED_ROW,
      /unclosed quote: field 4, opened at line 12, reaches a quote at line 13/,
    ],
    ['a Latin-1 row', 'latin1.csv.gz', LATIN1_ROW, /invalid UTF-8 at byte 15 of the row/],
    ['a 64 MiB cell', 'huge.csv.gz', 'HUGE', /row is [\d,]+ bytes, over the limit of 8,388,608/],
  ])(
    '--on-error fail: %s stops the run at its own line with exit 2; nothing is written',
    async (_kind, name, bad, reason) => {
      const input = await writeCsvGz(name, [...rows.slice(0, 10), bad, ...rows.slice(10)]);
      const out = join(dir, `never-${name}`);
      const result = await runCli(['--input', input, '--on-error', 'fail', '--out', out, ...SMALL_RUN]);
      expectCleanError(result, 2, new RegExp(`^error: ${input}:12: ${reason.source}.*\n$`));
      expect(readdirSync(dir)).not.toContain(`never-${name}`);
      expect(leftovers(out)).toEqual([]);
    },
    60_000,
  );
});
