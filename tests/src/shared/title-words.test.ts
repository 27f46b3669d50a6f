import { describe, expect, test } from 'vitest';
import { searchWords, titleMatches, titleWords } from '../../../src/shared/title-words.ts';

describe('title words', () => {
  test('titleWords(title) are its distinct words: NFKC, lower case, runs of letters and digits', () => {
    expect(titleWords('GPT-4 and GPT-4o: State-of-the-Art ﬁne-tuning')).toEqual([
      'gpt',
      '4',
      'and',
      '4o',
      'state',
      'of',
      'the',
      'art',
      'fine',
      'tuning',
    ]);
    expect(titleWords('$\\alpha$-helix')).toEqual(['alpha', 'helix']);
  });

  test('searchWords(typed) has no words for symbols only', () => {
    expect(searchWords('  %_ -- ')).toEqual([]);
    expect(searchWords('Graph graph NEURAL')).toEqual(['graph', 'neural']);
  });

  test('titleMatches(words, title): every typed word begins a title word, in any order', () => {
    const title = 'Hypergraph Neural Networks for Learning';
    expect(titleMatches(['neural', 'learn'], title)).toBe(true);
    expect(titleMatches(['learn', 'neur'], title)).toBe(true);
    expect(titleMatches(['graph'], title)).toBe(false);
    expect(titleMatches(['hypergraph', 'vision'], title)).toBe(false);
    expect(titleMatches([], title)).toBe(true);
  });
});
