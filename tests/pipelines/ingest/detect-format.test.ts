import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../pipelines/ingest/detect-format.ts';
import { DATA_DIR, tempDir } from './helpers.ts';

const { dir, write } = tempDir();

describe('detectFormat(file)', () => {
  it('detects the real files', async () => {
    const files = [
      'acl-anthology.jsonl.gz',
      'arxiv-oai-snapshot-sample.jsonl.gz',
      'seed-papers.jsonl',
      'listing-pages/page-004.txt',
    ];
    expect(await Promise.all(files.map((f) => detectFormat(join(DATA_DIR, f))))).toEqual([
      'jsonl',
      'arxiv-snapshot',
      'jsonl',
      'listing',
    ]);
  });

  it('goes by extension for .csv, .csv.gz and .txt', async () => {
    expect(await Promise.all(['a.csv', 'a.CSV.gz', 'a.txt'].map((f) => detectFormat(join(dir, f))))).toEqual([
      'csv',
      'csv',
      'listing',
    ]);
  });

  it('sniffs the first non-blank line: a categories string or versions array means arXiv snapshot', async () => {
    const snapshot = write('snap.data', `\n\n${JSON.stringify({ id: '1', categories: 'cs.CL', title: 'T' })}\n`);
    const versions = write('snap2.json', gzipSync(`${JSON.stringify({ id: '1', versions: [], title: 'T' })}\n`));
    const normalized = write('norm.json', `${JSON.stringify({ id: '1', title: 'T', labels: ['cs.CL'] })}\n`);
    expect(await Promise.all([snapshot, versions, normalized].map(detectFormat))).toEqual([
      'arxiv-snapshot',
      'arxiv-snapshot',
      'jsonl',
    ]);
  });

  it('falls back to jsonl for empty, non-JSON and missing files, without reporting or throwing', async () => {
    const files = [write('empty.jsonl', ''), write('garbage.dat', 'not json\n'), join(dir, 'missing.jsonl')];
    expect(await Promise.all(files.map(detectFormat))).toEqual(['jsonl', 'jsonl', 'jsonl']);
  });
});
