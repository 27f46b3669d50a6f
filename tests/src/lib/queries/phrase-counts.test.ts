import { describe, expect, it } from 'vitest';
import { phraseMonthCounts, type Posting } from '../../../../src/lib/queries/phrase-counts.ts';

const JAN = '2024-01-01';
const FEB = '2024-02-01';
const at = (period_start: string, doc: number, ...positions: number[]): Posting[] =>
  positions.map((position) => ({ period_start, doc, position }));

describe('phraseMonthCounts(slots)', () => {
  it('counts a word once per paper however often the paper uses it', () => {
    expect(phraseMonthCounts([[...at(JAN, 0, 1, 5, 9), ...at(JAN, 1, 0), ...at(FEB, 2, 3)]])).toEqual([
      { period_start: JAN, doc_count: 2 },
      { period_start: FEB, doc_count: 1 },
    ]);
  });

  it('counts a phrase only where its words are consecutive, in order, in the same paper', () => {
    const diffusion = [...at(JAN, 0, 4), ...at(JAN, 1, 2), ...at(FEB, 2, 7)];
    // doc 0: "diffusion models" (4, 5); doc 1: "models ... diffusion" (1 before 2); doc 2: "models" in doc 3 only.
    const models = [...at(JAN, 0, 5), ...at(JAN, 1, 1), ...at(FEB, 3, 8)];
    expect(phraseMonthCounts([diffusion, models])).toEqual([{ period_start: JAN, doc_count: 1 }]);
  });

  it('a slot may hold several forms (a word family): any of them fills the position', () => {
    const diffusion = [...at(JAN, 0, 0), ...at(FEB, 1, 0)];
    const modelOrModels = [...at(JAN, 0, 1), ...at(FEB, 1, 1)];
    expect(phraseMonthCounts([diffusion, modelOrModels])).toEqual([
      { period_start: JAN, doc_count: 1 },
      { period_start: FEB, doc_count: 1 },
    ]);
  });

  it('a repeated word matches itself at successive positions ("the the" needs two)', () => {
    const the = [...at(JAN, 0, 3), ...at(JAN, 1, 3, 4)];
    expect(phraseMonthCounts([the, the])).toEqual([{ period_start: JAN, doc_count: 1 }]);
  });

  it('is empty for no slots or a slot without postings', () => {
    expect(phraseMonthCounts([])).toEqual([]);
    expect(phraseMonthCounts([at(JAN, 0, 0), []])).toEqual([]);
  });
});
