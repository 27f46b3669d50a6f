import PorterStemmer from 'natural/lib/natural/stemmers/porter_stemmer.js';
import { describe, expect, test } from 'vitest';
import { CachedStemmer } from '../../../pipelines/text/stem.ts';

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
