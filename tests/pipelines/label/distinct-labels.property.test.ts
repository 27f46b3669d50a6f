import { fc, test as propertyTest } from '@fast-check/vitest';
import { expect } from 'vitest';
import { distinctLabels } from '../../../pipelines/label/distinct-labels.ts';
import { spellingKey } from '../../../pipelines/label/spelling-key.ts';
import { LABEL_CANDIDATES } from '../../../pipelines/label/topic-labels.ts';
import { topicTermScores, topTermsByScore } from '../../../pipelines/label/term-scores.ts';

// Vocabulary of one-word terms with distinct spelling families ("w0".."w59" stem to themselves).
const N_TERMS = 60;
const words = Array.from({ length: N_TERMS }, (_, t) => `w${t}`);

/** Random k × N_TERMS c-TF-IDF and centroid matrices; each topic gets at least 3 terms only it has. */
const matrices = fc.integer({ min: 2, max: 8 }).chain((k) =>
  fc.record({
    k: fc.constant(k),
    ctfidf: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: k * N_TERMS, maxLength: k * N_TERMS }),
    centroids: fc.array(fc.double({ min: -0.1, max: 1, noNaN: true }), {
      minLength: k * N_TERMS,
      maxLength: k * N_TERMS,
    }),
  }),
);

propertyTest.prop([matrices])(
  'no term appears in two labels when each topic has enough candidates',
  ({ k, ctfidf, centroids }) => {
    const w = Float64Array.from(ctfidf);
    const m = Float64Array.from(centroids);
    // Terms 3c..3c+2 belong to topic c alone, so every topic owns at least three candidates.
    for (let c = 0; c < k; c++) {
      for (let other = 0; other < k; other++) {
        for (let t = 3 * c; t < 3 * c + 3; t++) {
          w[other * N_TERMS + t] = other === c ? 1 : 0;
          m[other * N_TERMS + t] = other === c ? 1 : 0;
        }
      }
    }
    const scores = topicTermScores(w, m, k, N_TERMS);
    const docFreq = new Int32Array(k * N_TERMS).fill(5);
    const ranked = topTermsByScore(scores, docFreq, k, N_TERMS, LABEL_CANDIDATES);
    const labels = distinctLabels(
      ranked.map((terms) =>
        terms.map(({ term, weight }) => ({ stem: words[term]!, surface: words[term]!, score: weight, docFreq: 5 })),
      ),
    );
    const seen = new Set<string>();
    for (const label of labels) {
      expect(label).toHaveLength(3);
      for (const t of label) {
        expect(seen.has(spellingKey(t))).toBe(false);
        seen.add(spellingKey(t));
      }
    }
  },
);

propertyTest.prop([matrices])('labels are the same on a second run (deterministic)', ({ k, ctfidf, centroids }) => {
  const run = (): string[][] => {
    const scores = topicTermScores(Float64Array.from(ctfidf), Float64Array.from(centroids), k, N_TERMS);
    const ranked = topTermsByScore(scores, new Int32Array(k * N_TERMS).fill(1), k, N_TERMS, LABEL_CANDIDATES);
    return distinctLabels(
      ranked.map((terms) =>
        terms.map(({ term, weight }) => ({ stem: words[term]!, surface: words[term]!, score: weight, docFreq: 1 })),
      ),
    );
  };
  expect(run()).toEqual(run());
});
