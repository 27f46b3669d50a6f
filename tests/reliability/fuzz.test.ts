/**
 * Issue 5 (reliability): fuzz. Real arXiv lines, thousands of them corrupted at random (truncated, bytes flipped,
 * invalid UTF-8, braces dropped, types swapped, huge strings, nulls, duplicate ids with other text, future dates),
 * through the real CLI; then a CSV of real rows with bytes, quotes and delimiters corrupted (issue 10). The pipeline
 * must never crash with a stack trace, and the counts must add up. The PRNG is seeded (FUZZ_SEED overrides the fixed
 * default) and every assertion names the seed, so a failure can be replayed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parquet, query } from '../helpers/duckdb.ts';
import { runCli } from '../helpers/run-cli.ts';
import { SMALL_RUN, expectCountsAddUp, readManifest, realLines, scratch } from './helpers.ts';

const SEED = Number(process.env['FUZZ_SEED'] ?? 20_260_501);
const REAL_LINES = 2000;
const FUZZ_LINES = 5000;
const MAX_LISTED_SKIPS = 1000;
/** The reader's per-line limit (`DEFAULT_MAX_LINE_BYTES`); one line over it is generated. */
const MAX_LINE_BYTES = 8 * 1024 * 1024;
const why = `FUZZ_SEED=${SEED}`;

/** mulberry32: a tiny, well-known 32-bit PRNG; enough for picking mutations reproducibly. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

type Mutation = (line: Buffer, random: () => number, real: readonly string[]) => Buffer;
const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)]!;
const at = (line: Buffer, random: () => number): number => Math.floor(random() * Math.max(1, line.length));
const asRecord = (line: Buffer): Record<string, unknown> | null => {
  try {
    const value: unknown = JSON.parse(line.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
};
const withField = (line: Buffer, field: string, value: unknown): Buffer => {
  const record = asRecord(line);
  return record === null ? line : Buffer.from(JSON.stringify({ ...record, [field]: value }));
};
const FIELDS = ['id', 'title', 'abstract', 'date', 'labels', 'source'];
const ODD_VALUES: unknown[] = [null, 0, -1, 1.5e308, true, [], {}, [1, 'a'], '', ' ', '\u0000', 'x'.repeat(300)];

const MUTATIONS: Record<string, Mutation> = {
  truncate: (line, random) => line.subarray(0, at(line, random)),
  flipByte: (line, random) => {
    const copy = Buffer.from(line);
    copy[at(copy, random)] = Math.floor(random() * 256);
    return copy;
  },
  invalidUtf8: (line, random) => {
    const i = at(line, random);
    const bad = pick([[0xff], [0xc3], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82]], random);
    return Buffer.concat([line.subarray(0, i), Buffer.from(bad), line.subarray(i)]);
  },
  dropBrace: (line, random) => (random() < 0.5 ? line.subarray(1) : line.subarray(0, -1)),
  swapType: (line, random) => withField(line, pick(FIELDS, random), pick(ODD_VALUES, random)),
  nullField: (line, random) => withField(line, pick(FIELDS, random), null),
  hugeAbstract: (line) => withField(line, 'abstract', 'long '.repeat(50_000)),
  duplicateId: (line, random, real) =>
    withField(
      withField(line, 'title', `Other text ${random()}`),
      'id',
      asRecord(Buffer.from(pick(real, random)))?.['id'],
    ),
  futureDate: (line, random) => withField(line, 'date', pick(['2999-01-01', '2026-07-02', '3000'], random)),
  badDate: (line, random) =>
    withField(line, 'date', pick(['2025-02-30', 'yesterday', '1899-12-31', '20250101'], random)),
  emptyTitle: (line, random) => withField(line, 'title', pick(['', '   ', '\t\n'], random)),
  splitLine: (line, random) => {
    const i = at(line, random);
    return Buffer.concat([line.subarray(0, i), Buffer.from('\n'), line.subarray(i)]);
  },
  controlBytes: (line, random) => {
    const i = at(line, random);
    return Buffer.concat([
      line.subarray(0, i),
      Buffer.from(pick(['\r', '\u0000', '\u2028', '\ufeff'], random)),
      line.subarray(i),
    ]);
  },
  blank: (_line, random) => Buffer.from(pick(['', '   ', '\t'], random)),
};
const MUTATION_NAMES = Object.keys(MUTATIONS).sort();

const CSV_ROWS = 1000;
const quoteCsv = (value: unknown): string => `"${String(value).replaceAll('"', '""')}"`;
/** Removes or inserts one `byte` at a random place (removal picks one of the row's own occurrences). */
const dropByte = (byte: string) => (row: Buffer, random: () => number) => {
  const places = [...row.keys()].filter((i) => row[i] === byte.charCodeAt(0));
  if (places.length === 0) return row;
  const i = pick(places, random);
  return Buffer.concat([row.subarray(0, i), row.subarray(i + 1)]);
};
const insertBytes = (bytes: Buffer) => (row: Buffer, random: () => number) => {
  const i = at(row, random);
  return Buffer.concat([row.subarray(0, i), bytes, row.subarray(i)]);
};
/** Byte-level damage a CSV meets: the JSON Lines mutations that apply to any text, plus quotes and delimiters. */
const CSV_MUTATIONS: Record<string, Mutation> = {
  truncate: MUTATIONS['truncate']!,
  flipByte: MUTATIONS['flipByte']!,
  invalidUtf8: MUTATIONS['invalidUtf8']!,
  latin1: insertBytes(Buffer.from([0xe9])),
  splitLine: MUTATIONS['splitLine']!,
  controlBytes: MUTATIONS['controlBytes']!,
  dropQuote: dropByte('"'),
  addQuote: insertBytes(Buffer.from('"')),
  dropComma: dropByte(','),
  addComma: insertBytes(Buffer.from(',')),
  crlf: (row) => Buffer.concat([row, Buffer.from('\r')]),
};
const CSV_MUTATION_NAMES = Object.keys(CSV_MUTATIONS).sort();

/** The fuzzed corpus, and how many of its lines the reader counts as records (all but valid blank lines). */
function fuzzCorpus(real: readonly string[]): { bytes: Buffer; mutated: number } {
  const random = prng(SEED);
  const lines: Buffer[] = [];
  let mutated = 0;
  for (let i = 0; i < FUZZ_LINES; i++) {
    let line: Buffer = Buffer.from(pick(real, random));
    if (random() < 0.7) {
      mutated++;
      const steps = 1 + Math.floor(random() * 3);
      for (let step = 0; step < steps; step++) {
        const name = pick(MUTATION_NAMES, random);
        // Huge strings are costly; keep them to ~1 % of mutations.
        if (name === 'hugeAbstract' && random() < 0.85) continue;
        line = MUTATIONS[name]!(line, random, real);
      }
    }
    lines.push(line);
  }
  // One line over the reader's 8 MiB line limit: skipped without being buffered whole.
  lines.splice(
    FUZZ_LINES / 2,
    0,
    Buffer.from(`{"id":"giant","title":"Giant","abstract":"${'a'.repeat(MAX_LINE_BYTES)}"}`),
  );
  return { bytes: Buffer.concat(lines.flatMap((line) => [line, Buffer.from('\n')])), mutated };
}

/** What the reader counts as a record: every line but a blank one (after a trailing \r and a line-1 BOM go). */
function expectedRecords(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let records = 0;
  let start = 0;
  let lineNumber = 1;
  while (start < bytes.length) {
    let end = bytes.indexOf(0x0a, start);
    if (end === -1) end = bytes.length;
    const raw = bytes.subarray(start, end);
    if (raw.length > MAX_LINE_BYTES) records++;
    else {
      try {
        let text = decoder.decode(raw).replace(/\r$/, '');
        if (lineNumber === 1) text = text.replace(/^\ufeff/, '');
        if (text.trim() !== '') records++;
      } catch {
        records++;
      }
    }
    start = end + 1;
    lineNumber++;
  }
  return records;
}

describe(`fuzzed arXiv corpus (${why})`, () => {
  let dir: string;
  let input: string;
  let corpus: { bytes: Buffer; mutated: number };

  beforeAll(async () => {
    const real = await realLines(REAL_LINES);
    corpus = fuzzCorpus(real);
    dir = scratch('fuzz');
    input = join(dir, 'fuzzed.jsonl');
    writeFileSync(input, corpus.bytes);
  });

  it('--on-error skip: exits 0 without a stack trace; read = kept + skipped + duplicates = the non-blank lines', async () => {
    expect(corpus.mutated, why).toBeGreaterThan(3000);
    const out = join(dir, 'out');
    const result = await runCli(['--input', input, '--out', out, ...SMALL_RUN]);
    expect(result.code, `${why}\n${result.stderr.slice(-2000)}`).toBe(0);
    expect(result.stderr, why).not.toMatch(/^\s+at /m);
    const manifest = readManifest(out);
    expectCountsAddUp(manifest);
    expect(manifest.counts.read, why).toBe(expectedRecords(corpus.bytes));
    expect(manifest.counts.skipped, why).toBeGreaterThan(1000);
    expect(manifest.counts.duplicates, why).toBeGreaterThan(0);
    expect(manifest.counts.kept, why).toBeGreaterThan(500);
    expect(manifest.skippedRecords.length, why).toBe(Math.min(manifest.counts.skipped, MAX_LISTED_SKIPS));
    const lines = corpus.bytes.toString('latin1').split('\n').length;
    for (const skipped of manifest.skippedRecords) {
      expect(skipped.file, why).toBe(input);
      expect(skipped.line, why).toBeGreaterThanOrEqual(1);
      expect(skipped.line, why).toBeLessThanOrEqual(lines);
      expect(skipped.reason.length, why).toBeGreaterThan(0);
    }
    const listed = manifest.skippedRecords.map((s) => s.line!);
    expect(listed, `${why}: listed in input order`).toEqual([...listed].sort((a, b) => a - b));
  }, 120_000);

  it('--on-error fail: exits 2 at the first bad line with file:line and no stack trace, writing nothing', async () => {
    const out = join(dir, 'fail-out');
    const result = await runCli(['--input', input, '--out', out, '--on-error', 'fail', ...SMALL_RUN]);
    expect(result.code, `${why}\n${result.stderr}`).toBe(2);
    expect(result.stderr, why).toMatch(new RegExp(`^error: ${input}:\\d+: .+\n$`));
    expect(result.stderr, why).not.toMatch(/^\s+at /m);
  });

  it('a CSV of 1,000 real rows, half with bytes, quotes and delimiters corrupted, plus an 8 MiB cell: exits 0, counts add up, every intact row kept', async () => {
    const random = prng(SEED + 1);
    const real = await realLines(CSV_ROWS);
    const rows = real.map((line) => {
      const r = JSON.parse(line) as Record<string, unknown>;
      const row = Buffer.from([r['id'], r['title'], r['abstract'], r['date']].map(quoteCsv).join(','));
      if (random() >= 0.5) return { row, intactId: String(r['id']) };
      let mutated: Buffer = row;
      const steps = 1 + Math.floor(random() * 3);
      for (let step = 0; step < steps; step++)
        mutated = CSV_MUTATIONS[pick(CSV_MUTATION_NAMES, random)]!(mutated, random, real);
      return { row: mutated, intactId: null };
    });
    rows.splice(CSV_ROWS / 2, 0, {
      row: Buffer.from(`"giant","Giant","${'a'.repeat(MAX_LINE_BYTES)}","2024-01-01"`),
      intactId: null,
    });
    const bytes = Buffer.concat([
      Buffer.from('id,title,abstract,date\n'),
      ...rows.flatMap(({ row }) => [row, Buffer.from('\n')]),
    ]);
    const csv = join(dir, 'fuzzed.csv');
    writeFileSync(csv, bytes);
    const out = join(dir, 'csv-out');
    const result = await runCli(['--input', csv, '--out', out, ...SMALL_RUN]);
    expect(result.code, `${why}\n${result.stderr.slice(-2000)}`).toBe(0);
    expect(result.stderr, why).not.toMatch(/^\s+at /m);
    const manifest = readManifest(out);
    expectCountsAddUp(manifest);
    const intact = rows.flatMap(({ intactId }) => (intactId === null ? [] : [intactId]));
    const lines = bytes.toString('latin1').split('\n').length;
    // Each intact row is one record; every other record starts on a line of its own (after the header).
    expect(manifest.counts.read, why).toBeGreaterThan(intact.length);
    expect(manifest.counts.read, why).toBeLessThan(lines - 1);
    expect(manifest.counts.skipped, why).toBeGreaterThan(CSV_ROWS / 4);
    const kept = new Set(
      (await query<{ doc_id: string }>(`SELECT doc_id FROM ${parquet(out, 'documents')}`)).map((d) => d.doc_id),
    );
    const lost = intact.filter((id) => !kept.has(id));
    expect(lost.length, `${why}: intact rows not kept: ${lost.slice(0, 5).join(', ')}`).toBeLessThanOrEqual(
      manifest.counts.duplicates,
    );
    const listed = manifest.skippedRecords.map((s) => s.line!);
    expect(listed, `${why}: listed in input order`).toEqual([...listed].sort((a, b) => a - b));
    for (const line of listed) expect(line, why).toBeLessThanOrEqual(lines);
    expect(
      manifest.skippedRecords.filter((s) => /^row is [\d,]+ bytes, over the limit of 8,388,608$/.test(s.reason)),
      why,
    ).toHaveLength(1);
  }, 120_000);
});
