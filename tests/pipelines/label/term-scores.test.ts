import { expect, test } from 'vitest';
import { topicTermScores, topTermsByScore } from '../../../pipelines/label/term-scores.ts';

// Two topics, three terms. Row maxima: c-TF-IDF 0.4 and 0.2, centroid 0.8 and 0.6.
const ctfidf = Float64Array.from([0.4, 0.1, 0.2, 0, 0.2, 0.2]);
const centroids = Float64Array.from([0.8, 0.2, 0.2, -0.1, 0.6, 0.3]);

test('topicTermScores: geometric mean of the row-scaled weights, times the topic share of it', () => {
  const s = topicTermScores(ctfidf, centroids, 2, 3);
  // b(0,0) = 1 (its only topic); b(1,0) = sqrt(.25 · .25) = .25, b(1,1) = 1; b(2,0) = sqrt(.5 · .25), b(2,1) = sqrt(1 · .5).
  const b20 = Math.sqrt(0.125);
  const b21 = Math.sqrt(0.5);
  expect(s[0]).toBeCloseTo(1, 12);
  expect(s[1]).toBeCloseTo(0.25 ** 2 / 1.25, 12);
  expect(s[2]).toBeCloseTo(b20 ** 2 / (b20 + b21), 12);
  expect(s[3]).toBe(0); // absent from topic 1, and its centroid weight is negative
  expect(s[4]).toBeCloseTo(1 / 1.25, 12);
  expect(s[5]).toBeCloseTo(b21 ** 2 / (b20 + b21), 12);
});

test('a term common to both topics ranks below one that only this topic has', () => {
  const s = topicTermScores(Float64Array.from([0.5, 0.5, 0, 0.5]), Float64Array.from([1, 1, 0, 1]), 2, 2);
  expect(s[0]).toBeGreaterThan(s[1]!);
});

test('topTermsByScore keeps topN, positive scores only, ties by column index', () => {
  const scores = Float64Array.from([0.5, 0.5, 0.7, 0, 0, 0]);
  const docFreq = Int32Array.from([3, 2, 1, 0, 0, 0]);
  const [first, second] = topTermsByScore(scores, docFreq, 2, 3, 2);
  expect(first).toEqual([
    { term: 2, weight: 0.7, docFreq: 1 },
    { term: 0, weight: 0.5, docFreq: 3 },
  ]);
  expect(second).toEqual([]);
});
