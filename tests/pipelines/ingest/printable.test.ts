import { describe, expect, it } from 'vitest';
import { cut, escapeUnprintable, quoteExcerpt } from '../../../pipelines/ingest/printable.ts';

describe('escapeUnprintable(text)', () => {
  it('writes NUL, ESC, DEL, C1, zero-width, bidi and line separators as \\uXXXX', () => {
    expect(escapeUnprintable('a\u0000b\u001b[31mc\u007fd\u0085e\u200bf\u202eg\u2028h')).toBe(
      'a\\u0000b\\u001b[31mc\\u007fd\\u0085e\\u200bf\\u202eg\\u2028h',
    );
  });

  it('leaves printable text, accents and astral letters alone; escapes lone surrogates and astral format characters', () => {
    expect(escapeUnprintable('Lévy 𝒪(n) ✓')).toBe('Lévy 𝒪(n) ✓');
    expect(escapeUnprintable('x\ud800y\u{e0001}')).toBe('x\\ud800y\\u{e0001}');
  });
});

describe('quoteExcerpt(text, maxChars)', () => {
  it('reads like JSON.stringify for short printable text', () => {
    expect(quoteExcerpt('not a date')).toBe('"not a date"');
  });

  it('cuts long text to maxChars and says so', () => {
    expect(quoteExcerpt('x'.repeat(200_000), 5)).toBe('"xxxxx..."');
  });

  it('never splits a surrogate pair when cutting', () => {
    expect(cut('ab𝒪cd', 3)).toBe('ab...');
  });

  it('escapes NUL and the bidi override', () => {
    expect(quoteExcerpt('2\u00000\u202e24')).toBe('"2\\u00000\\u202e24"');
  });
});
