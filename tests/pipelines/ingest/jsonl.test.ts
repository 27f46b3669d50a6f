import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { readJsonl } from '../../../pipelines/ingest/jsonl.ts';
import { DATA_DIR, MAX_DATE, collect, recorder, tempDir } from './helpers.ts';

const { write } = tempDir();

async function read(file: string) {
  const { report, messages } = recorder();
  const docs = await collect(readJsonl(file, { maxDate: MAX_DATE, report }));
  return { docs, messages };
}

const good = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    id,
    title: `Title ${id}`,
    abstract: 'Abstract.',
    date: '2021-05-03',
    labels: ['x'],
    source: 's',
    ...extra,
  });

describe('readJsonl(file, options)', () => {
  it('yields the normalized shape with squashed whitespace, date precision, file and line', async () => {
    const file = write(
      'one.jsonl',
      `${JSON.stringify({ id: 'a1', title: ' A\n  title ', abstract: 'Some\n\tabstract ', date: '2021-05', labels: ['cs.CL', 'cs.AI'], source: 'src' })}\n`,
    );
    expect(await read(file)).toEqual({
      docs: [
        {
          id: 'a1',
          title: 'A title',
          abstract: 'Some abstract',
          date: '2021-05-01',
          datePrecision: 'month',
          labels: ['cs.CL', 'cs.AI'],
          source: 'src',
          file,
          line: 1,
        },
      ],
      messages: [],
    });
  });

  it('defaults a missing source to the file stem, missing labels to [], a null date to undated', async () => {
    const file = write('my-corpus.jsonl', `${JSON.stringify({ id: 'a', title: 'T', abstract: 'x', date: null })}\n`);
    const { docs } = await read(file);
    expect(docs.map((d) => [d.source, d.labels, d.date, d.datePrecision])).toEqual([['my-corpus', [], null, null]]);
  });

  it('stringifies a numeric id and numbers a missing id as <file stem>:<line>', async () => {
    const file = write('ids.jsonl', `${JSON.stringify({ id: 7, title: 'T1' })}\n${JSON.stringify({ title: 'T2' })}\n`);
    expect((await read(file)).docs.map((d) => d.id)).toEqual(['7', 'ids:2']);
  });

  it('keeps a record whose abstract is empty or whitespace only (title-only documents)', async () => {
    const file = write('title-only.jsonl', `${good('a', { abstract: '' })}\n${good('b', { abstract: ' \n\t ' })}\n`);
    expect(await read(file)).toEqual({
      docs: [expect.objectContaining({ id: 'a', abstract: '' }), expect.objectContaining({ id: 'b', abstract: '' })],
      messages: [],
    });
  });

  it('skips blank lines silently', async () => {
    const file = write('blank-lines.jsonl', `\n${good('a')}\n   \n${good('b')}\n`);
    expect(await read(file)).toEqual({
      docs: [expect.objectContaining({ line: 2 }), expect.objectContaining({ line: 4 })],
      messages: [],
    });
  });

  it('reports a malformed JSON line as file:line and keeps the records around it', async () => {
    const file = write('malformed.jsonl', `${good('a')}\n{"id": "b", "title": \n${good('c')}\n`);
    const { docs, messages } = await read(file);
    expect(docs.map((d) => d.id)).toEqual(['a', 'c']);
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(new RegExp(`^${file}:2: malformed JSON \\(.+\\)$`));
  });

  it('reports a line that is JSON but not an object', async () => {
    const file = write('non-object.jsonl', `[1,2]\n"text"\n${good('a')}\n`);
    expect(await read(file)).toEqual({
      docs: [expect.objectContaining({ id: 'a' })],
      messages: [`${file}:1: expected a JSON object, got an array`, `${file}:2: expected a JSON object, got "text"`],
    });
  });

  it('reports a missing or empty title', async () => {
    const file = write(
      'titles.jsonl',
      `${good('a', { title: '' })}\n${good('b', { title: undefined })}\n${good('c', { title: '  \n ' })}\n${good('d')}\n`,
    );
    expect(await read(file)).toEqual({
      docs: [expect.objectContaining({ id: 'd' })],
      messages: [`${file}:1: title is empty`, `${file}:2: title is missing`, `${file}:3: title is empty`],
    });
  });

  it('reports a non-string id, bad labels and a bad date, all problems of a record in one message', async () => {
    const file = write(
      'bad-fields.jsonl',
      `${good('a', { id: { x: 1 }, labels: 'cs.CL', date: '2021-02-30' })}\n${good('b')}\n`,
    );
    expect(await read(file)).toEqual({
      docs: [expect.objectContaining({ id: 'b' })],
      messages: [
        `${file}:1: id must be a string, got an object; labels must be an array of strings, got "cs.CL"; date "2021-02-30" is not a calendar date`,
      ],
    });
  });

  it('reports an unparseable date and a future date', async () => {
    const file = write(
      'dates.jsonl',
      `${good('a', { date: 'yesterday' })}\n${good('b', { date: '2999-01-01' })}\n${good('c')}\n`,
    );
    expect(await read(file)).toEqual({
      docs: [expect.objectContaining({ id: 'c' })],
      messages: [
        `${file}:1: date "yesterday" is not a date (expected YYYY-MM-DD, YYYY-MM, YYYY, ISO date-time or RFC 2822)`,
        `${file}:2: date "2999-01-01" is in the future (after ${MAX_DATE}); fix it or raise --max-date`,
      ],
    });
  });

  it('reads the seed papers file: 364 records, 84 dated, source seed-listing', async () => {
    const { docs, messages } = await read(join(DATA_DIR, 'seed-papers.jsonl'));
    expect(messages).toEqual([]);
    expect(docs).toHaveLength(364);
    expect(docs.filter((d) => d.date !== null)).toHaveLength(84);
    expect(new Set(docs.map((d) => d.source))).toEqual(new Set(['seed-listing']));
  });

  it('reads ACL dates at month and year precision (466 year-only records)', async () => {
    const { docs, messages } = await read(join(DATA_DIR, 'acl-anthology.jsonl.gz'));
    expect(messages).toEqual([]);
    expect(docs).toHaveLength(32_204);
    expect(docs.filter((d) => d.datePrecision === 'year')).toHaveLength(466);
    expect(docs.filter((d) => d.datePrecision === 'month')).toHaveLength(32_204 - 466);
  });
});

describe('readJsonl(file, options): messages quote input printably (issue 10)', () => {
  it('escapes the NUL bytes of a gzipped UTF-16 file (not sniffed: the check reads plain files) in every message', async () => {
    const utf16 = Buffer.from(`${good('a')}\n${good('b')}\n`, 'utf16le');
    const { docs, messages } = await read(write('utf16.jsonl.gz', gzipSync(utf16)));
    expect(docs).toEqual([]);
    expect(messages.length).toBeGreaterThan(0);
    for (const message of messages) expect(message).not.toContain('\u0000');
    expect(messages.some((message) => message.includes('\\u0000'))).toBe(true);
  });

  it('escapes an escape sequence and a bidi override that V8 quotes from a malformed line', async () => {
    const { messages } = await read(write('hostile.jsonl', '\u001b[2J\u202e{"id": oops}\n'));
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatch(/malformed JSON \(.*\\u001b\[2J\\u202e/);
  });

  it('cuts a 100,000-character bad date to an excerpt', async () => {
    const { messages } = await read(write('long-date.jsonl', `${good('a', { date: '9'.repeat(100_000) })}\n`));
    expect(messages).toHaveLength(1);
    expect(messages[0]!.length).toBeLessThan(300);
    expect(messages[0]).toContain(`date "${'9'.repeat(80)}..." is not a date`);
  });
});
