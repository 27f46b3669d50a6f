import { describe, expect, test } from 'vitest';
import { isPlainText, normalizeText } from '../../../pipelines/text/normalize.ts';
import { readCorpusTexts } from './corpus-texts.ts';

const squash = (text: string): string => normalizeText(text).replace(/\s+/g, ' ').trim();

describe('normalizeText(text)', () => {
  test('keeps the words of \\emph{} and \\textbf{} (real arXiv sentence)', () => {
    expect(
      squash(
        'we demonstrate the idea of \\emph{acoustic domain identification} (ADI) for \\textbf{speaker diarization}.',
      ),
    ).toBe('we demonstrate the idea of acoustic domain identification (ADI) for speaker diarization.');
  });

  test('drops inline, display and \\( \\) math', () => {
    expect(squash('Two words $u$ and $v$ with $$\\sum_i x_i$$ and \\(m \\neq 1\\) here')).toBe(
      'Two words and with and here',
    );
  });

  test('drops other commands with their arguments, keeps TeX-accented letters', () => {
    expect(squash("as shown in \\cite{smith2020} by Bal\\'azs, complexity \\mathcal{O} holds")).toBe(
      'as shown in by Balazs, complexity holds',
    );
  });

  test('drops URLs and e-mail addresses', () => {
    expect(squash('Code: https://github.com/x/y and www.example.org/page, contact a.b@uni-x.edu.')).toBe(
      'Code: and contact .',
    );
  });

  test('applies NFKC (ligatures, full-width) and keeps accents', () => {
    expect(normalizeText('ﬁne-tuning ＢＥＲＴ on Lévy processes')).toBe('fine-tuning BERT on Lévy processes');
  });

  test('maps Unicode hyphens to "-"', () => {
    expect(normalizeText('self‐supervised')).toBe('self-supervised');
  });

  test('returns plain ASCII text unchanged', () => {
    const text = 'Detecting and labeling stance in social media text.';
    expect(normalizeText(text)).toBe(text);
  });
});

describe('isPlainText(text)', () => {
  test('plain texts, and their joins with ". ", are what normalizeText returns; real abstracts are mostly plain', async () => {
    const texts = await readCorpusTexts('data/arxiv-cs-sample.jsonl.gz', 3000);
    const plain = texts.filter(isPlainText);
    expect(plain.length).toBeGreaterThan(texts.length / 2);
    for (let i = 0; i < plain.length; i++) {
      expect(normalizeText(plain[i]!)).toBe(plain[i]);
      const joined = `${plain[i]!}. ${plain[(i + 1) % plain.length]!}`;
      expect(normalizeText(joined)).toBe(joined);
    }
  });

  test('a plain title joined with ". " to any text normalizes as the title joined to the normalized text', async () => {
    const texts = await readCorpusTexts('data/arxiv-cs-sample.jsonl.gz', 3000);
    const titles = texts.filter(isPlainText).slice(0, 50);
    const others = [
      ...texts.filter((text) => !isPlainText(text)),
      ...['@b.org x', '://x.org/a', 'www.x.org', 'w.x.org', '$x$ y', '$$x$$', '\\emph{a} b', '\\(x\\) y'],
      ...['\u0301a', 'Σ b', 'ΑΣ', 'ﬁne', 'a\u2010b', 'x@y', 'http://a.b c'],
    ];
    expect(others.length).toBeGreaterThan(100);
    for (const [i, other] of others.entries()) {
      for (const title of [titles[i % titles.length]!, 'ww', 'a', 'go.']) {
        expect(normalizeText(`${title}. ${other}`), `${title}. ${other}`).toBe(`${title}. ${normalizeText(other)}`);
      }
    }
  });

  test('is false wherever normalizing may change the text, including a join that completes "www."', () => {
    for (const text of ['$x$', 'a \\emph{b}', 'see http://x.org', 'a@b.org', 'Schrödinger', 'ﬁ', 'go www']) {
      expect(isPlainText(text)).toBe(false);
    }
    expect(isPlainText('Plain words, numbers 3.5 and (brackets).')).toBe(true);
  });
});
