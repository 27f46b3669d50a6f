import { describe, expect, test } from 'vitest';
import { CachedStemmer } from '../../../pipelines/text/stem.ts';
import { TextAnalyzer } from '../../../pipelines/text/analyze.ts';
import { normalizeText } from '../../../pipelines/text/normalize.ts';
import { stopWordSet } from '../../../pipelines/text/stopwords.ts';
import { tokenize } from '../../../pipelines/text/tokenize.ts';

describe('TextAnalyzer.analyze(text)', () => {
  test('unigram stems only without bigrams', () => {
    expect(new TextAnalyzer({ bigrams: false }).analyze('Large language models.')).toEqual([
      'larg',
      'languag',
      'model',
    ]);
  });

  test('bigrams join adjacent kept tokens (across stop words) but not across punctuation', () => {
    const terms = new TextAnalyzer({ bigrams: true }).analyze('Detection of objects. Language models, retrieval');
    expect(terms).toEqual(['detect', 'object', 'detect object', 'languag', 'model', 'languag model', 'retriev']);
  });

  test('an all-stop-word or empty text has no terms', () => {
    const analyzer = new TextAnalyzer({ bigrams: true });
    expect(analyzer.analyze('')).toEqual([]);
    expect(analyzer.analyze('We show that it is also the one.')).toEqual([]);
  });

  test('extraStopWords are removed too', () => {
    expect(new TextAnalyzer({ bigrams: false, extraStopWords: ['Tweets'] }).analyze('tweets about cats')).toEqual([
      'cat',
    ]);
  });

  test('equals the plain path: tokenize, then stem, then pair neighbours within a phrase', () => {
    const text =
      'We present SANDS, a new semi-supervised stance detector. SANDS starts from very few labeled tweets; ' +
      'it builds multiple deep feature views of \\emph{tweets} with $O(n)$ cost (see https://x.org).';
    const stemmer = new CachedStemmer();
    const expected = tokenize(normalizeText(text), stopWordSet()).flatMap((phrase) =>
      phrase.flatMap((word, i) => {
        const stem = stemmer.stem(word);
        return i === 0 ? [stem] : [stem, `${stemmer.stem(phrase[i - 1]!)} ${stem}`];
      }),
    );
    expect(new TextAnalyzer({ bigrams: true }).analyze(text)).toEqual(expected);
  });
});

describe('TextAnalyzer.surfaceForm(term)', () => {
  test('most frequent spelling for stems and bigrams; ties alphabetical; unknown terms unchanged', () => {
    const analyzer = new TextAnalyzer({ bigrams: true });
    analyzer.analyze('Language models. Language models. Language model. Modeling.');
    expect(analyzer.surfaceForm('model')).toBe('models');
    expect(analyzer.surfaceForm('languag model')).toBe('language models');
    expect(analyzer.surfaceForm('unseen')).toBe('unseen');
    analyzer.analyze('Language model.');
    expect(analyzer.surfaceForm('languag model')).toBe('language model');
  });
});
