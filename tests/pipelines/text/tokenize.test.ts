import { describe, expect, test } from 'vitest';
import { ABSTRACT_STOP_WORDS, ENGLISH_STOP_WORDS, stopWordSet } from '../../../pipelines/text/stopwords.ts';
import { keptParts, tokenize } from '../../../pipelines/text/tokenize.ts';

const STOP = stopWordSet();

describe('tokenize(text, stopWords)', () => {
  test('lower-cases, drops stop words, numbers and 1-character tokens, cuts phrases at punctuation', () => {
    // Real arXiv sentence (2201.00614).
    expect(
      tokenize(
        'We prepare two new tweet datasets comprising over 236,000 politically tinted tweets from two demographics (US and India).',
        STOP,
      ),
    ).toEqual([
      ['prepare', 'tweet', 'datasets', 'comprising'],
      ['politically', 'tinted', 'tweets', 'demographics'],
      ['india'],
    ]);
  });

  test('keeps accented words whole (natural WordTokenizer would cut "Lévy" into "l", "vy")', () => {
    expect(tokenize('signature models based on an augmented Lévy process; càdlàg paths', STOP)).toEqual([
      ['signature', 'models', 'augmented', 'lévy', 'process'],
      ['càdlàg', 'paths'],
    ]);
  });

  test('splits hyphenated words into parts, but drops a hyphenated stop word whole', () => {
    expect(tokenize('state-of-the-art transformer-based self-supervised models', STOP)).toEqual([
      ['transformer', 'self', 'supervised', 'models'],
    ]);
  });

  test('a "." inside a token splits words, not phrases ("e.g." before a space does); letters+digits stay', () => {
    expect(tokenize('a macro-F1 of 0.55 with 3d cnn, e.g. resnet', STOP)).toEqual([
      ['macro', 'f1', '3d', 'cnn'],
      ['resnet'],
    ]);
  });

  test('an all-stop-word text gives no phrases', () => {
    expect(tokenize('We propose that this is also the one.', STOP)).toEqual([]);
  });
});

describe('keptParts(rawToken, stopWords)', () => {
  test('edge hyphens are trimmed, digit-only parts dropped', () => {
    expect(keptParts('-gpt-4-', STOP)).toEqual(['gpt']);
    expect(keptParts('2023', STOP)).toEqual([]);
  });
});

describe('stop word lists', () => {
  test('English list is natural + sklearn minus topic words such as "system" and "computer"', () => {
    expect(ENGLISH_STOP_WORDS).toContain('the');
    expect(ENGLISH_STOP_WORDS).toContain('whereupon');
    expect(ENGLISH_STOP_WORDS).not.toContain('system');
    expect(ENGLISH_STOP_WORDS).not.toContain('computer');
  });

  test('the abstract-genre list drops genre words but keeps topic words like "model"', () => {
    expect(ABSTRACT_STOP_WORDS).toContain('propose');
    expect(ABSTRACT_STOP_WORDS).not.toContain('model');
    expect(ABSTRACT_STOP_WORDS.length).toBeGreaterThanOrEqual(50);
    expect(ABSTRACT_STOP_WORDS.length).toBeLessThanOrEqual(130);
  });

  test('extra stop words are added lower-cased', () => {
    expect(stopWordSet(['Tweet']).has('tweet')).toBe(true);
  });
});
