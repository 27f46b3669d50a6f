import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readArxivSnapshot } from '../../../pipelines/ingest/arxiv-snapshot.ts';
import { DATA_DIR, MAX_DATE, collect, recorder, tempDir } from './helpers.ts';

const { write } = tempDir();
const SAMPLE = join(DATA_DIR, 'arxiv-oai-snapshot-sample.jsonl.gz');

async function read(file: string) {
  const { report, messages } = recorder();
  const docs = await collect(readArxivSnapshot(file, { maxDate: MAX_DATE, report }));
  return { docs, messages };
}

describe('readArxivSnapshot(file, options)', () => {
  it('reads all 200 sample lines without a problem', async () => {
    const { docs, messages } = await read(SAMPLE);
    expect(messages).toEqual([]);
    expect(docs).toHaveLength(200);
    expect(docs[0]!.id).toBe('0704.0001');
    expect(docs[199]!.id).toBe('0704.0200');
    expect(new Set(docs.map((d) => d.source))).toEqual(new Set(['arxiv-snapshot']));
  });

  it('squashes hard line breaks and takes versions[0].created as the day of submission', async () => {
    const { docs } = await read(SAMPLE);
    const first = docs[0]!;
    expect(first.title).toBe('Calculation of prompt diphoton production cross sections at Tevatron and LHC energies');
    expect(
      first.abstract.startsWith(
        'A fully differential calculation in perturbative quantum chromodynamics is presented for',
      ),
    ).toBe(true);
    expect(first.abstract.endsWith('judicious selection of events.')).toBe(true);
    expect([first.date, first.datePrecision, first.labels]).toEqual(['2007-04-02', 'day', ['hep-ph']]);
    for (const doc of docs) {
      expect(doc.title).not.toMatch(/\s\s|\n/);
      expect(doc.abstract).not.toMatch(/\s\s|\n/);
    }
  });

  it('splits the categories string into labels, primary first', async () => {
    const file = write(
      'cats.jsonl',
      `${JSON.stringify({ id: '0704.0002', title: 'T', abstract: 'A', categories: 'math.CO cs.CG', versions: [{ version: 'v1', created: 'Sat, 31 Mar 2007 02:26:18 GMT' }] })}\n`,
    );
    expect((await read(file)).docs.map((d) => [d.labels, d.date])).toEqual([[['math.CO', 'cs.CG'], '2007-03-31']]);
  });

  it('leaves a record without versions undated', async () => {
    const file = write(
      'no-versions.jsonl',
      `${JSON.stringify({ id: 'x', title: 'T', abstract: 'A', categories: 'hep-th' })}\n`,
    );
    expect((await read(file)).docs.map((d) => [d.date, d.datePrecision])).toEqual([[null, null]]);
  });

  it('reports a missing id, a non-string categories value, a bad created date and malformed JSON', async () => {
    const lines = [
      { title: 'No id', categories: 'a' },
      { id: 'y', title: 'T', categories: ['a'] },
      { id: 'z', title: 'T', versions: [{ created: 'not a date' }] },
    ].map((record) => JSON.stringify(record));
    const file = write('bad.jsonl', `${lines.join('\n')}\n{"id": "0704.0001", "title"\n`);
    const { docs, messages } = await read(file);
    expect(docs).toEqual([]);
    expect(messages).toEqual([
      `${file}:1: id must be a string, got null`,
      `${file}:2: categories must be a space-separated string, got an array`,
      `${file}:3: date "not a date" is not a date (expected YYYY-MM-DD, YYYY-MM, YYYY, ISO date-time or RFC 2822)`,
      expect.stringMatching(new RegExp(`^${file}:4: malformed JSON \\(.+\\)$`)),
    ]);
  });
});
