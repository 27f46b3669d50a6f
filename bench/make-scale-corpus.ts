/**
 * Builds an N-document corpus for the scale benchmark from the real ones in ../shared/data: the arXiv CS files
 * and the ACL Anthology, deduplicated by id and by normalized title (the pipeline's own `normalizeTitle`), in
 * file order. When N exceeds the ~180k distinct real records (R), the list is repeated; copy r of a record gets id
 * `<id>#r<r>` and title `<title> [r<r>]`, so neither the id nor the title dedupe drops it. Two vocabularies:
 *
 * - `repeated`: abstracts and dates unchanged, so copies add volume, not vocabulary (the stemmer cache and the
 *   vocabulary stay warm: a real 1M-abstract corpus would have a larger vocabulary).
 * - `growing`: copies also rewrite some rare words into new word forms, so the number of distinct words keeps
 *   growing as Heaps' law V(N) = K·N^β with the β the real records show on their own (fitted on their first R
 *   documents, typically ~0.6). Copy r needs V_R·((r+1)^β − r^β) new words; it takes them from the real
 *   corpus's rare words (at most `RARE_MAX_COUNT` occurrences: new words in a real corpus are mostly rare), each
 *   rare word w rewritten in copy r when hash(w, r) < that need / the rare words. A rewritten word keeps its
 *   letters and gains a suffix `q` + three letters from the hash, the same in all of the copy's documents. Frequent
 *   (topical) words are never touched, so topics keep their words. The distinct words (lowercase letter runs, a
 *   proxy for the analyzer's words) at doubling N are written to the `.done.json` marker as `growth`.
 *
 * Usage: tsx bench/make-scale-corpus.ts N OUT.jsonl.gz [repeated|growing]   (skips the work when OUT is complete)
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

export type ScaleVocabulary = 'repeated' | 'growing';

/** Words seen at most this often in the real records are the ones a growing copy may rewrite. */
const RARE_MAX_COUNT = 5;
const WORD = /[A-Za-z]+/g;

interface Record {
  id: string;
  title: string;
  abstract: string;
  date: string | null;
  labels: string[];
  source: string;
}

export interface ScaleCorpusCounts {
  real: number;
  copies: number;
  /** Growing vocabulary: distinct words after the first n documents, and the fitted Heaps exponent. */
  growth?: { n: number; distinctWords: number }[];
  beta?: number;
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

/** Distinct lowercase words after each doubling of the document count (and at the end). */
class GrowthCurve {
  readonly #words = new Set<string>();
  readonly points: { n: number; distinctWords: number }[] = [];
  #docs = 0;
  #next = 1000;

  add(text: string): void {
    for (const match of text.matchAll(WORD)) this.#words.add(match[0].toLowerCase());
    if (++this.#docs === this.#next) {
      this.points.push({ n: this.#docs, distinctWords: this.#words.size });
      this.#next *= 2;
    }
  }

  finish(): { n: number; distinctWords: number }[] {
    if (this.points.at(-1)?.n !== this.#docs) this.points.push({ n: this.#docs, distinctWords: this.#words.size });
    return this.points;
  }
}

/** Least-squares slope of log V against log N over `points` (Heaps' β). */
function heapsBeta(points: readonly { n: number; distinctWords: number }[]): number {
  const xs = points.map((p) => Math.log(p.n));
  const ys = points.map((p) => Math.log(p.distinctWords));
  const mx = xs.reduce((a, b) => a + b, 0) / xs.length;
  const my = ys.reduce((a, b) => a + b, 0) / ys.length;
  let num = 0;
  let den = 0;
  xs.forEach((x, i) => {
    num += (x - mx) * (ys[i]! - my);
    den += (x - mx) ** 2;
  });
  return num / den;
}

/** A 32-bit FNV-1a hash of the word and the copy number. */
function hashOf(word: string, copy: number): number {
  let h = 0x811c9dc5 ^ copy;
  for (let i = 0; i < word.length; i++) h = Math.imul(h ^ word.charCodeAt(i), 16777619);
  h = Math.imul(h ^ (h >>> 15), 2246822507);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Rewrites copy r's rare words (see the module comment); `share` is the fraction of rare words to rewrite. */
function rewriter(rare: ReadonlySet<string>, copy: number, share: number): (text: string) => string {
  const threshold = share * 2 ** 32;
  return (text) =>
    text.replace(WORD, (word) => {
      const key = word.toLowerCase();
      if (!rare.has(key)) return word;
      const h = hashOf(key, copy);
      if (h >= threshold) return word;
      const letter = (shift: number): string => String.fromCharCode(97 + ((h >>> shift) % 26));
      return `${word}q${letter(3)}${letter(11)}${letter(19)}`;
    });
}

/** Writes the corpus (if not already there) and returns how many of its records are real, not copies. */
export async function makeScaleCorpus(
  n: number,
  out: string,
  vocabulary: ScaleVocabulary = 'repeated',
): Promise<ScaleCorpusCounts> {
  const marker = `${out}.done.json`;
  try {
    await access(marker);
    return JSON.parse(await readFile(marker, 'utf8')) as ScaleCorpusCounts;
  } catch {
    // not built yet
  }
  const records = await distinctRealRecords();
  const counts: ScaleCorpusCounts = {
    real: Math.min(n, records.length),
    copies: Math.max(0, n - records.length),
  };
  let rewrite: (copy: number, text: string) => string = (_copy, text) => text;
  const curve = new GrowthCurve();
  if (vocabulary === 'growing') {
    const frequency = new Map<string, number>();
    const real = new GrowthCurve();
    for (const record of records) {
      const text = `${record.title} ${record.abstract}`;
      real.add(text);
      for (const match of text.matchAll(WORD)) {
        const key = match[0].toLowerCase();
        frequency.set(key, (frequency.get(key) ?? 0) + 1);
      }
    }
    const realPoints = real.finish();
    const beta = heapsBeta(realPoints.filter((p) => p.n >= 8000));
    const distinct = realPoints.at(-1)!.distinctWords;
    const rare = new Set([...frequency].filter(([, count]) => count <= RARE_MAX_COUNT).map(([word]) => word));
    const rewriters = new Map<number, (text: string) => string>();
    rewrite = (copy, text) => {
      let apply = rewriters.get(copy);
      if (apply === undefined) {
        const needed = distinct * ((copy + 1) ** beta - copy ** beta);
        apply = rewriter(rare, copy, Math.min(1, needed / rare.size));
        rewriters.set(copy, apply);
      }
      return apply(text);
    };
    counts.beta = Number(beta.toFixed(3));
  }
  function* lines(): Generator<string> {
    for (let i = 0; i < n; i++) {
      const record = records[i % records.length]!;
      const r = Math.floor(i / records.length);
      const copy =
        r === 0
          ? record
          : {
              ...record,
              id: `${record.id}#r${r}`,
              title: `${rewrite(r, record.title)} [r${r}]`,
              abstract: rewrite(r, record.abstract),
            };
      if (vocabulary === 'growing') curve.add(`${copy.title} ${copy.abstract}`);
      yield `${JSON.stringify(copy)}\n`;
    }
  }
  await pipeline(Readable.from(lines()), createGzip({ level: 1 }), createWriteStream(`${out}.partial`));
  await rename(`${out}.partial`, out);
  if (vocabulary === 'growing') counts.growth = curve.finish();
  await writeFile(marker, JSON.stringify(counts));
  return counts;
}

if (import.meta.filename === process.argv[1]) {
  const [n, out, vocabulary = 'repeated'] = process.argv.slice(2);
  if (n === undefined || out === undefined || (vocabulary !== 'repeated' && vocabulary !== 'growing')) {
    throw new Error('usage: tsx bench/make-scale-corpus.ts N OUT.jsonl.gz [repeated|growing]');
  }
  console.log(JSON.stringify(await makeScaleCorpus(Number(n), out, vocabulary)));
}
