import { describe, expect, it } from 'vitest';
import { createRng } from '../../../pipelines/cluster/random.ts';
import { exactNeighbours } from '../../../pipelines/map/topic-map.ts';
import { fuzzyGraph, umapLayout } from '../../../pipelines/map/umap-layout.ts';

// Two groups of 30 points on a line, far apart: 0..29 and 1000..1029.
const points = Float64Array.from({ length: 60 }, (_, i) => (i < 30 ? i : 1000 + i));
const knn = exactNeighbours(points, 1, 8);

describe('fuzzyGraph(knn)', () => {
  it('is symmetric, weights in (0, 1], with no self edge and no edge between the far groups', () => {
    const { tails, heads, weights } = fuzzyGraph(knn);
    const weight = new Map<string, number>();
    tails.forEach((tail, e) => weight.set(`${tail},${heads[e]}`, weights[e]!));
    expect(weight.size).toBeGreaterThan(0);
    for (const [key, w] of weight) {
      const [tail, head] = key.split(',').map(Number) as [number, number];
      expect(tail).not.toBe(head);
      expect(tail < 30).toBe(head < 30);
      expect(w).toBeGreaterThan(0);
      expect(w).toBeLessThanOrEqual(1);
      expect(weight.get(`${head},${tail}`)).toBe(w);
    }
  });
});

describe('umapLayout(knn, options)', () => {
  const layout = (seed: number): Float64Array => {
    const rng = createRng(seed);
    return umapLayout(knn, { nEpochs: 50, random: () => rng.next() });
  };

  it('gives identical bits for the same seed', () => {
    expect(layout(3)).toEqual(layout(3));
  });

  it('keeps each group together: every point is nearer its own group than the other on average', () => {
    const positions = layout(3);
    const distance = (i: number, j: number): number =>
      Math.hypot(positions[2 * i]! - positions[2 * j]!, positions[2 * i + 1]! - positions[2 * j + 1]!);
    for (let i = 0; i < 60; i++) {
      let own = 0;
      let other = 0;
      for (let j = 0; j < 60; j++) {
        if (i < 30 === j < 30) own += distance(i, j) / 29;
        else other += distance(i, j) / 30;
      }
      expect(own, `point ${i}`).toBeLessThan(other);
    }
  });
});
