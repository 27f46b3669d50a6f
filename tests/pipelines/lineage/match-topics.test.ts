import { describe, expect, test } from 'vitest';
import { MATCH_THRESHOLD, matchTopics, renumberClustering } from '../../../pipelines/lineage/match-topics.ts';
import { hasZeroRow, mapCentroids } from '../../../pipelines/lineage/warm-start.ts';

const s = Math.SQRT1_2;

describe('matchTopics(previous, current, nCols)', () => {
  test('gives each continuing topic its previous id, whatever order k-means found them in', () => {
    const previous = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const current = Float64Array.from([0, 0, 1, 1, 0, 0, 0, 1, 0]);
    const match = matchTopics(previous, current, 3);
    expect([...match.idOf]).toEqual([2, 0, 1]);
    expect([...match.previousOf]).toEqual([0, 1, 2]);
    expect([...match.cosines]).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
  });

  test(`leaves an optimal pair below the threshold (${MATCH_THRESHOLD}) unmatched`, () => {
    // The only pair: cosine 1/√5 ≈ 0.447 between e0 and (e0 + 2·e1)/√5.
    const match = matchTopics(Float64Array.from([1, 0]), Float64Array.from([1 / Math.sqrt(5), 2 / Math.sqrt(5)]), 2);
    expect([...match.idOf]).toEqual([0]);
    expect([...match.previousOf]).toEqual([-1]);
    expect(match.cosines[0]).toBeCloseTo(1 / Math.sqrt(5), 12);
  });

  test('gives an extra new topic a free id', () => {
    // Previous topics along e0 and e1; new ones along e2 (cosine 0 to both), e1 and (e0 + e2)/√2 (√½ to e0).
    const previous = Float64Array.from([1, 0, 0, 0, 1, 0]);
    const current = Float64Array.from([0, 0, 1, 0, 1, 0, s, 0, s]);
    const match = matchTopics(previous, current, 3);
    expect([...match.idOf]).toEqual([2, 1, 0]);
    expect([...match.previousOf]).toEqual([0, 1, -1]);
  });

  test('keeps ids dense when k shrinks: a topic matched to an id >= k takes a free one', () => {
    const previous = Float64Array.from([1, 0, 0, 1]);
    const current = Float64Array.from([0, 1]);
    const match = matchTopics(previous, current, 2);
    expect([...match.idOf]).toEqual([0]);
    expect([...match.previousOf]).toEqual([1]);
  });
});

describe('renumberClustering(clustering, idOf)', () => {
  test('rewrites labels and moves centroid rows', () => {
    const clustering = {
      labels: Int32Array.from([0, 1, 1, 0]),
      centroids: Float64Array.from([1, 0, 0, 1]),
      similarities: Float32Array.from([1, 1, 1, 1]),
      inertia: 0,
      nIter: 1,
    };
    const renumbered = renumberClustering(clustering, Int32Array.from([1, 0]));
    expect([...renumbered.labels]).toEqual([1, 0, 0, 1]);
    expect([...renumbered.centroids]).toEqual([0, 1, 1, 0]);
  });
});

describe('mapCentroids(previous, stems)', () => {
  test('maps by term string, gives new terms 0, drops vanished terms and renormalises', () => {
    const previous = { stems: ['graph', 'neural', 'old'], centroids: Float64Array.from([0.6, 0, 0.8, 0, 1, 0]) };
    const mapped = mapCentroids(previous, ['new', 'graph', 'neural']);
    // Row 0 keeps only 'graph' (0.6), renormalised to 1; row 1 is 'neural'.
    expect([...mapped]).toEqual([0, 1, 0, 0, 0, 1]);
    expect(hasZeroRow(mapped, 3)).toBe(false);
    expect(hasZeroRow(mapCentroids(previous, ['new']), 1)).toBe(true);
  });
});
