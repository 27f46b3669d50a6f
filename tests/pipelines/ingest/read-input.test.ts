import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../pipelines/errors.ts';
import { ingestOptions, readInput, type IngestOptions } from '../../../pipelines/ingest/read-input.ts';
import { DATA_DIR, MAX_DATE, collect, recorder, tempDir } from './helpers.ts';

const { dir, write } = tempDir();

async function read(file: string, options: Partial<IngestOptions> = {}) {
  const { report, messages } = recorder();
  const docs = await collect(readInput(file, ingestOptions({ maxDate: MAX_DATE, report, ...options })));
  return { docs, messages };
}

/** Counts records without keeping them (the big corpora), checking every one has a title. */
async function count(file: string) {
  const { report, messages } = recorder();
  let n = 0;
  for await (const doc of readInput(file, ingestOptions({ maxDate: MAX_DATE, report }))) {
    expect(doc.title).not.toBe('');
    n += 1;
  }
  return { n, messages };
}

const doc = (id: string, abstract = 'A.') =>
  JSON.stringify({ id, title: `T ${id}`, abstract, date: '2020-01-01', labels: [] });

describe('readInput(file, options) on the real corpora (README record counts)', () => {
  it.each([
    ['arxiv-daily-cs.jsonl.gz', 59_805],
    ['acl-anthology.jsonl.gz', 32_204],
    ['reuters21578.jsonl.gz', 19_043],
    ['hackernews-posts-2015-2016.jsonl.gz', 20_100],
    ['arxiv-oai-snapshot-sample.jsonl.gz', 200],
    ['seed-papers.jsonl', 364],
  ])('reads every record of %s (%i)', async (name, expected) => {
    expect(await count(join(DATA_DIR, name))).toEqual({ n: expected, messages: [] });
  });

  it('reads arxiv-cs-2013-2025.jsonl.gz: 116,120 records', async () => {
    expect(await count(join(DATA_DIR, 'arxiv-cs-2013-2025.jsonl.gz'))).toEqual({ n: 116_120, messages: [] });
  });

  it('reads the default corpus data/arxiv-cs-sample.jsonl.gz: 15,989 records', async () => {
    expect(await count('data/arxiv-cs-sample.jsonl.gz')).toEqual({ n: 15_989, messages: [] });
  });

  it('reads 20newsgroups: 18,814 lines, of which one real record has an empty Subject (reported)', async () => {
    const file = join(DATA_DIR, '20newsgroups-bydate.jsonl.gz');
    expect(await count(file)).toEqual({ n: 18_813, messages: [`${file}:11344: title is empty`] });
  });

  it('keeps the Hacker News records, all with an empty abstract', async () => {
    const { docs } = await read(join(DATA_DIR, 'hackernews-posts-2015-2016.jsonl.gz'));
    expect(docs.every((d) => d.abstract === '')).toBe(true);
  });

  it('reads all five listing pages as 441 entries', async () => {
    let n = 0;
    for (const page of ['000', '001', '002', '003', '004'])
      n += (await count(join(DATA_DIR, 'listing-pages', `page-${page}.txt`))).n;
    expect(n).toBe(441);
  });
});

describe('readInput(file, options) on bad input', () => {
  it('reports an abstract over maxAbstractChars (a 1 MiB abstract) and keeps the records around it', async () => {
    const file = write('huge.jsonl', `${doc('a')}\n${doc('b', 'x'.repeat(1_048_576))}\n${doc('c')}\n`);
    expect(await read(file)).toEqual({
      docs: [expect.objectContaining({ id: 'a' }), expect.objectContaining({ id: 'c' })],
      messages: [
        `${file}:2: abstract is 1,048,576 characters, over the limit of 200,000; raise --max-chars to keep it`,
      ],
    });
  });

  it('keeps a 1 MiB abstract when maxAbstractChars allows it', async () => {
    const file = write('huge-allowed.jsonl', `${doc('b', 'x'.repeat(1_048_576))}\n`);
    expect((await read(file, { maxAbstractChars: 2_000_000 })).docs.map((d) => d.abstract.length)).toEqual([1_048_576]);
  });

  it('reports a missing file as `file: no such file`', async () => {
    const missing = join(dir, 'nope.jsonl.gz');
    expect(await read(missing)).toEqual({ docs: [], messages: [`${missing}: no such file`] });
  });

  it('reports a directory as `dir: is a directory, expected a file`, for every format', async () => {
    const sub = join(dir, 'folder.csv');
    mkdirSync(sub);
    expect(await read(sub)).toEqual({ docs: [], messages: [`${sub}: is a directory, expected a file`] });
    expect((await read(sub, { format: 'listing' })).messages).toEqual([`${sub}: is a directory, expected a file`]);
  });

  it('yields nothing and reports nothing for an empty file', async () => {
    expect(await read(write('empty.jsonl', ''))).toEqual({ docs: [], messages: [] });
  });

  it('reports a truncated real gzip at the line it broke in and keeps the records before it', async () => {
    const whole = readFileSync(join(DATA_DIR, 'acl-anthology.jsonl.gz'));
    const file = write('acl-truncated.jsonl.gz', whole.subarray(0, whole.length - 1000));
    const { docs, messages } = await read(file);
    expect(docs.length).toBeGreaterThan(30_000);
    expect(docs.length).toBeLessThan(32_204);
    expect(messages).toEqual([
      expect.stringMatching(new RegExp(`^${file}:${docs.length + 1}: the file is corrupt or truncated here`)),
    ]);
  });

  it('reports invalid UTF-8 bytes at their line and keeps the other records', async () => {
    const file = write(
      'latin1.jsonl',
      Buffer.concat([
        Buffer.from(`${doc('a')}\n{"id":"b","title":"caf`),
        Buffer.from([0xe9]),
        Buffer.from(`"}\n${doc('c')}\n`),
      ]),
    );
    expect(await read(file)).toEqual({
      docs: [expect.objectContaining({ id: 'a' }), expect.objectContaining({ id: 'c' })],
      messages: [`${file}:2: invalid UTF-8 at byte 23 of the line`],
    });
  });

  it('uses the forced format instead of detecting', async () => {
    const file = write('forced.data', 'title,abstract\nT,A\n');
    expect((await read(file, { format: 'csv' })).docs.map((d) => d.title)).toEqual(['T']);
  });

  it('lets a throwing report (--on-error fail) stop the read', async () => {
    const file = write('fail.jsonl', `${doc('a')}\nnot json\n${doc('c')}\n`);
    const seen: string[] = [];
    const fail = (error: InputError): never => {
      throw error;
    };
    await expect(
      (async () => {
        for await (const d of readInput(file, ingestOptions({ maxDate: MAX_DATE, report: fail }))) seen.push(d.id);
      })(),
    ).rejects.toBeInstanceOf(InputError);
    expect(seen).toEqual(['a']);
  });
});
