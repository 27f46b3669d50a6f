import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { describe, expect, test } from 'vitest';
import { detectFormat } from '../../../pipelines/ingest/detect-format.ts';
import { ingestOptions, readInput } from '../../../pipelines/ingest/read-input.ts';
import { DocumentEncoder } from '../../../pipelines/text/document-encoder.ts';
import { CachedStemmer, MAX_STEM_CHARS } from '../../../pipelines/text/stem.ts';
import { IntBuffer } from '../../../pipelines/text/word-encoder.ts';
import { DATA_DIR } from '../ingest/helpers.ts';

const WORDS = [
  'models',
  'modeling',
  'language',
  'languages',
  'generalization',
  'learning',
  'networks',
  'lévy',
  'a',
  'ai',
];

describe('CachedStemmer.stem(word)', () => {
  test('equals the uncached Porter stemmer, on first and repeated calls', () => {
    const stemmer = new CachedStemmer();
    const uncached = WORDS.map((word) => PorterStemmer.stem(word));
    expect(WORDS.map((word) => stemmer.stem(word))).toEqual(uncached);
    expect(WORDS.map((word) => stemmer.stem(word))).toEqual(uncached);
    expect(stemmer.cacheSize).toBe(WORDS.length);
  });

  test('Porter stems of typical abstract words', () => {
    const stemmer = new CachedStemmer();
    expect(['models', 'language', 'generalization'].map((word) => stemmer.stem(word))).toEqual([
      'model',
      'languag',
      'gener',
    ]);
  });
});

/** Every corpus file of the shared data folder (gzipped JSON Lines, the arXiv snapshot sample, seed papers). */
function sharedCorpusFiles(): string[] {
  return readdirSync(DATA_DIR)
    .filter((name) => name.endsWith('.jsonl.gz') || name.endsWith('.jsonl'))
    .map((name) => join(DATA_DIR, name));
}

describe('stems the reading pass hands on (DocumentEncoder: vocabulary words and word-index words)', () => {
  test("equal natural's PorterStemmer on every distinct word of every shared corpus", async () => {
    const files = sharedCorpusFiles();
    expect(files.length).toBeGreaterThanOrEqual(5);
    const encoder = new DocumentEncoder();
    const words = new IntBuffer();
    const surface = new IntBuffer();
    const stems = new Map<string, string>();
    const offer = (newWords: ({ stems: string[] } & ({ surfaces: string[] } | { words: string[] })) | null): void => {
      if (newWords === null) return;
      const spellings = 'surfaces' in newWords ? newWords.surfaces : newWords.words;
      spellings.forEach((word, i) => stems.set(word, newWords.stems[i]!));
    };
    for (const file of files) {
      const options = ingestOptions({ maxDate: '2100-01-01', report: () => undefined });
      for await (const doc of readInput(file, { ...options, format: await detectFormat(file) })) {
        words.clear();
        surface.clear();
        encoder.encode(doc.title, doc.abstract, words, surface);
        offer(encoder.words.drainNewWords());
        offer(encoder.surfaces.drainNewWords());
      }
    }
    // Hundreds of thousands of distinct words, not a sample.
    expect(stems.size).toBeGreaterThan(200_000);
    const differing: string[] = [];
    for (const [word, stem] of stems) {
      const expected = word.length > MAX_STEM_CHARS ? word : PorterStemmer.stem(word);
      if (stem !== expected) differing.push(`${word}: ${stem} != ${expected}`);
    }
    expect(differing).toEqual([]);
  }, 600_000);
});
