import { fc, test as propertyTest } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { denseRow, rowL2Norm, type Csr } from '../../../pipelines/features/csr.ts';
import { tfidf, type TfidfOptions } from '../../../pipelines/features/tfidf.ts';
import { countsOf } from './helpers.ts';

const SKLEARN_DEFAULTS: TfidfOptions = { smoothIdf: true, sublinearTf: false, norm: 'l2' };

// Columns: bird, cat, dog, fish. df: bird 1, cat 1, dog 3, fish 1; n = 3.
const TOY = [
  ['cat', 'dog', 'dog'],
  ['dog', 'fish'],
  ['dog', 'bird'],
];
const RARE = Math.log(4 / 2) + 1; // smooth idf of a term in 1 of 3 documents
const EVERYWHERE = Math.log(4 / 4) + 1; // smooth idf of a term in 3 of 3 documents

function rows(matrix: Csr): number[][] {
  return Array.from({ length: matrix.nRows }, (_, row) => denseRow(matrix, row));
}

function expectRowsClose(actual: number[][], expected: number[][]): void {
  expect(actual.length).toBe(expected.length);
  actual.forEach((row, r) => row.forEach((value, c) => expect(value).toBeCloseTo(expected[r]![c]!, 6)));
}

describe('tfidf(counts, options)', () => {
  test('smooth idf is ln((1 + n) / (1 + df)) + 1', () => {
    const { counts, terms } = countsOf(TOY);
    expect(terms).toEqual(['bird', 'cat', 'dog', 'fish']);
    expect([...tfidf(counts, SKLEARN_DEFAULTS).idf]).toEqual([RARE, RARE, EVERYWHERE, RARE]);
  });

  test('idf without smoothing is ln(n / df) + 1', () => {
    const { counts } = countsOf(TOY);
    const { idf } = tfidf(counts, { ...SKLEARN_DEFAULTS, smoothIdf: false });
    expect([...idf]).toEqual([Math.log(3 / 1) + 1, Math.log(3 / 1) + 1, Math.log(3 / 3) + 1, Math.log(3 / 1) + 1]);
  });

  test('raw tf times idf, rows divided by their L2 norm', () => {
    const { matrix } = tfidf(countsOf(TOY).counts, SKLEARN_DEFAULTS);
    const n0 = Math.hypot(1 * RARE, 2 * EVERYWHERE);
    const n1 = Math.hypot(1 * EVERYWHERE, 1 * RARE);
    expectRowsClose(rows(matrix), [
      [0, RARE / n0, (2 * EVERYWHERE) / n0, 0],
      [0, 0, EVERYWHERE / n1, RARE / n1],
      [RARE / n1, 0, EVERYWHERE / n1, 0],
    ]);
  });

  test('sublinearTf replaces tf with 1 + ln(tf)', () => {
    const { matrix } = tfidf(countsOf(TOY).counts, { ...SKLEARN_DEFAULTS, sublinearTf: true });
    const dog = (1 + Math.log(2)) * EVERYWHERE;
    const n0 = Math.hypot(RARE, dog);
    expectRowsClose(rows(matrix).slice(0, 1), [[0, RARE / n0, dog / n0, 0]]);
  });

  test('norm null leaves tf * idf unscaled', () => {
    const { matrix } = tfidf(countsOf(TOY).counts, { ...SKLEARN_DEFAULTS, norm: null });
    expectRowsClose(rows(matrix), [
      [0, RARE, 2 * EVERYWHERE, 0],
      [0, 0, EVERYWHERE, RARE],
      [RARE, 0, EVERYWHERE, 0],
    ]);
  });

  test('a term in every document keeps weight (idf 1, not 0)', () => {
    const { matrix, idf } = tfidf(countsOf([['dog'], ['dog']]).counts, { ...SKLEARN_DEFAULTS, smoothIdf: false });
    expect([...idf]).toEqual([Math.log(2 / 2) + 1]);
    expect(rows(matrix)).toEqual([[1], [1]]);
  });

  test('an empty document (or one that had only stop words) stays an all-zero row', () => {
    const { matrix } = tfidf(countsOf([['dog'], [], ['cat']]).counts, SKLEARN_DEFAULTS);
    expect(rows(matrix)[1]).toEqual([0, 0]);
    expect(matrix.indptr[2]! - matrix.indptr[1]!).toBe(0);
  });

  test('one document: every weight is tf * 1, normalized', () => {
    const { matrix, idf } = tfidf(countsOf([['cat', 'dog', 'dog']]).counts, SKLEARN_DEFAULTS);
    expect([...idf]).toEqual([1, 1]);
    expectRowsClose(rows(matrix), [[1 / Math.sqrt(5), 2 / Math.sqrt(5)]]);
  });

  test('shares the sparsity pattern with the counts and stores Float32', () => {
    const { counts } = countsOf(TOY);
    const { matrix } = tfidf(counts, SKLEARN_DEFAULTS);
    expect(matrix.indices).toBe(counts.indices);
    expect(matrix.indptr).toBe(counts.indptr);
    expect(matrix.data).toBeInstanceOf(Float32Array);
  });
});

const corpus = fc
  .array(fc.array(fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f', 'g', 'h b', 'c d'), { maxLength: 30 }), {
    minLength: 1,
    maxLength: 30,
  })
  .filter((documents) => documents.some((terms) => terms.length > 0));
const options = fc.record({ smoothIdf: fc.boolean(), sublinearTf: fc.boolean(), norm: fc.constant('l2' as const) });

describe('tfidf properties', () => {
  propertyTest.prop([corpus, options], { seed: 20240601, numRuns: 200 })(
    'rows are unit-norm or zero, values non-negative, indices ascending',
    (documents, opts) => {
      const { matrix } = tfidf(countsOf(documents).counts, opts);
      for (let row = 0; row < matrix.nRows; row++) {
        const start = matrix.indptr[row]!;
        const end = matrix.indptr[row + 1]!;
        const norm = rowL2Norm(matrix, row);
        if (end > start) expect(norm).toBeCloseTo(1, 6);
        else expect(norm).toBe(0);
        for (let k = start; k < end; k++) {
          expect(matrix.data[k]!).toBeGreaterThanOrEqual(0);
          if (k > start) expect(matrix.indices[k]!).toBeGreaterThan(matrix.indices[k - 1]!);
        }
      }
    },
  );
});
