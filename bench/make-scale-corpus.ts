/**
 * Builds an N-document corpus for the scale benchmark from the real ones in ../shared/data: the arXiv CS files
 * and the ACL Anthology, deduplicated by id and by normalized title (the pipeline's own `normalizeTitle`), in
 * file order. When N exceeds the ~180k distinct real records, the list is repeated; copy r of a record gets id
 * `<id>#r<r>` and title `<title> [r<r>]`, so neither the id nor the title dedupe drops it. Abstracts and dates
 * are unchanged, so copies add volume, not vocabulary: a real 1M-abstract corpus would have a larger vocabulary.
 *
 * Usage: tsx bench/make-scale-corpus.ts N OUT.jsonl.gz   (skips the work when OUT exists and is complete)
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { access, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGunzip, createGzip } from 'node:zlib';
import { normalizeTitle } from '../pipelines/ingest/dedupe.ts';
import { ROOT } from './lib/timed.ts';

export const SCALE_SOURCES = ['arxiv-cs-2013-2025.jsonl.gz', 'arxiv-daily-cs.jsonl.gz', 'acl-anthology.jsonl.gz'];

interface Record {
  id: string;
  title: string;
  abstract: string;
  date: string | null;
  labels: string[];
  source: string;
}

async function distinctRealRecords(): Promise<Record[]> {
  const ids = new Set<string>();
  const titles = new Set<string>();
  const records: Record[] = [];
  for (const file of SCALE_SOURCES) {
    const lines = createInterface({ input: createReadStream(join(ROOT, '../shared/data', file)).pipe(createGunzip()) });
    for await (const line of lines) {
      if (line.trim() === '') continue;
      const record = JSON.parse(line) as Record;
      const title = normalizeTitle(record.title);
      if (ids.has(record.id) || titles.has(title)) continue;
      ids.add(record.id);
      titles.add(title);
      records.push(record);
    }
  }
  return records;
}

/** Writes the corpus (if not already there) and returns how many of its records are real, not copies. */
export async function makeScaleCorpus(n: number, out: string): Promise<{ real: number; copies: number }> {
  const marker = `${out}.done.json`;
  try {
    await access(marker);
    return JSON.parse(await readFile(marker, 'utf8')) as { real: number; copies: number };
  } catch {
    // not built yet
  }
  const records = await distinctRealRecords();
  function* lines(): Generator<string> {
    for (let i = 0; i < n; i++) {
      const record = records[i % records.length]!;
      const r = Math.floor(i / records.length);
      const copy = r === 0 ? record : { ...record, id: `${record.id}#r${r}`, title: `${record.title} [r${r}]` };
      yield `${JSON.stringify(copy)}\n`;
    }
  }
  await pipeline(Readable.from(lines()), createGzip({ level: 1 }), createWriteStream(`${out}.partial`));
  await rename(`${out}.partial`, out);
  const counts = { real: Math.min(n, records.length), copies: Math.max(0, n - records.length) };
  await writeFile(marker, JSON.stringify(counts));
  return counts;
}

if (import.meta.filename === process.argv[1]) {
  const [n, out] = process.argv.slice(2);
  if (n === undefined || out === undefined) throw new Error('usage: tsx bench/make-scale-corpus.ts N OUT.jsonl.gz');
  console.log(await makeScaleCorpus(Number(n), out));
}
