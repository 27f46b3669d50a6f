import { describe, expect, it } from 'vitest';
import { Deduplicator, normalizeTitle, tallyRecord } from '../../../pipelines/ingest/dedupe.ts';
import type { RawDoc } from '../../../pipelines/ingest/raw-doc.ts';

const doc = (id: string, title: string): RawDoc => ({
  id,
  title,
  abstract: '',
  date: null,
  datePrecision: null,
  labels: [],
  source: 's',
  file: 'f',
  line: 1,
});

describe('normalizeTitle(title)', () => {
  it('case-folds, applies NFKC and squashes punctuation, symbols and whitespace', () => {
    expect(normalizeTitle('  Attention   Is All You Need!  ')).toBe('attention is all you need');
    expect(normalizeTitle('BERT: Pre-training of Deep\nTransformers')).toBe('bert pre training of deep transformers');
    expect(normalizeTitle('ﬁne-tuning “LLMs”')).toBe('fine tuning llms');
  });
});

describe('Deduplicator.accept(doc)', () => {
  it('accepts the first occurrence and rejects a repeated id', () => {
    const dedupe = new Deduplicator();
    expect([dedupe.accept(doc('1', 'A')), dedupe.accept(doc('1', 'B')), dedupe.accept(doc('2', 'C'))]).toEqual([
      true,
      false,
      true,
    ]);
  });

  it('rejects a different id whose title normalizes the same', () => {
    const dedupe = new Deduplicator();
    expect([
      dedupe.accept(doc('1', 'Deep Learning: A Survey')),
      dedupe.accept(doc('2', 'deep learning - a survey')),
    ]).toEqual([true, false]);
  });

  it('does not confuse an id with an equal title', () => {
    const dedupe = new Deduplicator();
    expect([dedupe.accept(doc('x', 'first')), dedupe.accept(doc('first', 'second'))]).toEqual([true, true]);
  });

  it('with byTitle false, keeps equal titles and still rejects a repeated id', () => {
    const dedupe = new Deduplicator({ byTitle: false });
    expect([
      dedupe.accept(doc('1', 'Re: shuttle')),
      dedupe.accept(doc('2', 'Re: shuttle')),
      dedupe.accept(doc('2', 'x')),
    ]).toEqual([true, true, false]);
  });

  it('does not dedupe by a title that is only punctuation', () => {
    const dedupe = new Deduplicator();
    expect([dedupe.accept(doc('1', '???')), dedupe.accept(doc('2', '!!!'))]).toEqual([true, true]);
  });

  it('keeps exact answers past many table growths (50,000 distinct docs, then all repeated)', () => {
    const dedupe = new Deduplicator();
    let accepted = 0;
    for (let i = 0; i < 50_000; i++) if (dedupe.accept(doc(`id${i}`, `title ${i}`))) accepted += 1;
    let repeated = 0;
    for (let i = 0; i < 50_000; i++) if (!dedupe.accept(doc(`id${i}`, `other ${i}`))) repeated += 1;
    expect([accepted, repeated]).toEqual([50_000, 50_000]);
  });
});

describe('tallyRecord', () => {
  it('counts every record read, keeps the first of repeats, and counts kept records without a date as undated', () => {
    const counts = { read: 0, kept: 0, skipped: 0, duplicates: 0, undated: 0 };
    const deduplicator = new Deduplicator();
    const dated = { ...doc('b', 'Other'), date: '2024-01-01', datePrecision: 'day' as const };
    const kept = [doc('a', 'Title'), doc('a', 'Title'), dated, doc('c', 'title')].map((d) =>
      tallyRecord(counts, deduplicator, d),
    );
    expect(kept).toEqual([true, false, true, false]);
    expect(counts).toEqual({ read: 4, kept: 2, skipped: 0, duplicates: 2, undated: 1 });
  });
});
