import { describe, expect, test } from 'vitest';
import { lineageEvents } from '../../../pipelines/lineage/lineage-events.ts';
import type { TopicMatch } from '../../../pipelines/lineage/match-topics.ts';

// Four previous topics (a, b, c, d), four new ones. New 0 continues a, new 1 continues b; new 2 and 3 match
// nothing. a's 100 papers: 70 stay, 30 (0.3 >= 0.25) go to new 2: a split, so new 2 is no birth. c matches
// nothing and sends 40 of its 45 papers to new 1: a merge. d has no paper in this run: a death. New 3: a birth.
const match: TopicMatch = {
  idOf: Int32Array.from([0, 1, 2, 3]),
  previousOf: Int32Array.from([0, 1, -1, -1]),
  // previous by new
  cosines: Float64Array.from([0.95, 0.1, 0.45, 0, 0.2, 0.9, 0, 0, 0.1, 0.4, 0.2, 0, 0, 0, 0, 0.3]),
};
const flows = [
  { previousId: 0, clusterId: 0, papers: 70 },
  { previousId: 0, clusterId: 2, papers: 30 },
  { previousId: 1, clusterId: 1, papers: 50 },
  { previousId: 2, clusterId: 0, papers: 5 },
  { previousId: 2, clusterId: 1, papers: 40 },
];

describe('lineageEvents({ match, flows, previousLabels, sizes })', () => {
  test('records continuations, a split, a merge, a death and a birth, by hand', () => {
    const rows = lineageEvents({ match, flows, previousLabels: ['a', 'b', 'c', 'd'], sizes: [90, 100, 60, 25] });
    expect(rows).toEqual([
      {
        event: 'continued',
        previous_cluster_id: 0,
        previous_label: 'a',
        cluster_id: 0,
        cosine: 0.95,
        papers: 70,
        share: 0.7,
      },
      {
        event: 'split',
        previous_cluster_id: 0,
        previous_label: 'a',
        cluster_id: 2,
        cosine: 0.45,
        papers: 30,
        share: 0.3,
      },
      {
        event: 'continued',
        previous_cluster_id: 1,
        previous_label: 'b',
        cluster_id: 1,
        cosine: 0.9,
        papers: 50,
        share: 1,
      },
      {
        event: 'merge',
        previous_cluster_id: 2,
        previous_label: 'c',
        cluster_id: 1,
        cosine: 0.4,
        papers: 40,
        share: 40 / 45,
      },
      {
        event: 'death',
        previous_cluster_id: 3,
        previous_label: 'd',
        cluster_id: null,
        cosine: null,
        papers: 0,
        share: null,
      },
      {
        event: 'birth',
        previous_cluster_id: null,
        previous_label: null,
        cluster_id: 3,
        cosine: null,
        papers: 25,
        share: null,
      },
    ]);
  });

  test('a flow under the minimum share records nothing', () => {
    const small = [
      { previousId: 0, clusterId: 0, papers: 80 },
      { previousId: 0, clusterId: 1, papers: 20 },
    ];
    const one: TopicMatch = {
      idOf: Int32Array.from([0, 1]),
      previousOf: Int32Array.from([0, -1]),
      cosines: Float64Array.from([0.9, 0.1]),
    };
    expect(
      lineageEvents({ match: one, flows: small, previousLabels: ['a'], sizes: [80, 30] }).map((r) => r.event),
    ).toEqual(['continued', 'birth']);
  });

  test('an unchanged run is all continuations', () => {
    const same: TopicMatch = {
      idOf: Int32Array.from([0, 1]),
      previousOf: Int32Array.from([0, 1]),
      cosines: Float64Array.from([1, 0, 0, 1]),
    };
    const rows = lineageEvents({
      match: same,
      flows: [
        { previousId: 0, clusterId: 0, papers: 3 },
        { previousId: 1, clusterId: 1, papers: 4 },
      ],
      previousLabels: ['a', 'b'],
      sizes: [3, 4],
    });
    expect(rows.map((r) => [r.event, r.previous_cluster_id, r.cluster_id, r.share])).toEqual([
      ['continued', 0, 0, 1],
      ['continued', 1, 1, 1],
    ]);
  });
});
