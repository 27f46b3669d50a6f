import { describe, expect, test } from 'vitest';
import { CachedStemmer } from '../../../pipelines/text/stem.ts';
import { normalizeText } from '../../../pipelines/text/normalize.ts';
import { stopWordSet } from '../../../pipelines/text/stopwords.ts';
import { tokenize } from '../../../pipelines/text/tokenize.ts';
import { IntBuffer, PHRASE_BREAK, WordEncoder } from '../../../pipelines/text/word-encoder.ts';
import { readCorpusTexts } from './corpus-texts.ts';

/** The encoded stream of `text` as phrases of surface words. */
function phrasesOf(encoder: WordEncoder, text: string): string[][] {
  const out = new IntBuffer();
  encoder.encode(text, out);
  const phrases: string[][] = [[]];
  for (const id of out.toArray()) {
    if (id === PHRASE_BREAK) phrases.push([]);
    else phrases[phrases.length - 1]!.push(encoder.surfaceOf(id));
  }
  return phrases.filter((phrase) => phrase.length > 0);
}

const STOP = stopWordSet();

describe('WordEncoder.encode(text, out)', () => {
  test('gives the words and phrases of tokenize(normalizeText(text)) on hand-picked edge cases', () => {
    const encoder = new WordEncoder();
    for (const text of [
      'Large language models. Language models, retrieval',
      'state-of-the-art transformer-based self-supervised models; e.g. resnet',
      'a macro-F1 of 0.55 with 3d cnn, e.g. resnet.',
      'ends with a dot.',
      'tab\tseparated.\tand "quoted" (parenthesised) [bracketed] {braced} words!? yes: no',
      'Schrödinger équations with càdlàg paths — and ﬁne ligatures',
      '-gpt-4- --- 2023 x-y-z',
      '',
      'We show that it is also the one.',
    ]) {
      expect(phrasesOf(encoder, text), text).toEqual(tokenize(normalizeText(text), STOP));
    }
  });

  test('gives the same words and phrases as tokenize on 3,000 real abstracts, ASCII and not', async () => {
    const texts = [
      ...(await readCorpusTexts('data/arxiv-cs-sample.jsonl.gz', 1500)),
      ...(await readCorpusTexts('../shared/data/acl-anthology.jsonl.gz', 1500)),
    ];
    const encoder = new WordEncoder();
    let mismatches = 0;
    for (const text of texts) {
      const expected = tokenize(normalizeText(text), STOP);
      if (JSON.stringify(phrasesOf(encoder, text)) !== JSON.stringify(expected)) mismatches++;
    }
    expect(texts.length).toBe(3000);
    expect(mismatches).toBe(0);
  });

  test('drainNewWords lists each new word once, with its Porter stem, then null', () => {
    const encoder = new WordEncoder();
    encoder.encode('Models model modeling', new IntBuffer());
    const words = encoder.drainNewWords();
    const stemmer = new CachedStemmer();
    expect(words).toEqual({
      firstId: 0,
      surfaces: ['models', 'model', 'modeling'],
      stems: ['models', 'model', 'modeling'].map((word) => stemmer.stem(word)),
    });
    expect(encoder.drainNewWords()).toBeNull();
    encoder.encode('models graphs', new IntBuffer());
    expect(encoder.drainNewWords()).toEqual({ firstId: 3, surfaces: ['graphs'], stems: ['graph'] });
  });
});
