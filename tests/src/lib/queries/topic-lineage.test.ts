import { describe, expect, test } from 'vitest';
import type { TopicLineageRow } from '../../../../src/schema.ts';
import { lineageOverview } from '../../../../src/lib/queries/topic-lineage.ts';

const row = (
  event: string,
  previous: number | null,
  cluster: number | null,
  previousLabel: string | null = previous === null ? null : `old ${previous}`,
): TopicLineageRow => ({
  event,
  previous_cluster_id: previous,
  previous_label: previousLabel,
  cluster_id: cluster,
  cosine: null,
  papers: 1,
  share: null,
});

describe('lineageOverview(rows, labelOf)', () => {
  test('writes one line per split, merge, birth and death', () => {
    const rows = [
      row('continued', 0, 0),
      row('continued', 7, 7),
      row('split', 7, 21),
      row('split', 7, 3),
      row('merge', 4, 0),
      row('merge', 9, 0),
      row('death', 5, null),
      row('birth', null, 12),
    ];
    expect(lineageOverview(rows, (id) => `label ${id}`)).toEqual({
      continued: 2,
      previousTopics: 5,
      lines: [
        { kind: 'split', text: 'Topic 7 split into 3, 7 and 21' },
        { kind: 'merge', text: 'Topics 0, 4 and 9 merged into 0: label 0' },
        { kind: 'birth', text: 'New topic 12: label 12' },
        { kind: 'death', text: 'Topic 5 ended: old 5' },
      ],
    });
  });

  test('an unchanged run has no lines', () => {
    const overview = lineageOverview([row('continued', 0, 0), row('continued', 1, 1)], String);
    expect(overview).toEqual({ continued: 2, previousTopics: 2, lines: [] });
  });

  test('a merge into a new topic without a continuing parent names only the merged', () => {
    expect(lineageOverview([row('merge', 2, 5)], () => 'x').lines).toEqual([
      { kind: 'merge', text: 'Topic 2 merged into 5: x' },
    ]);
  });
});
