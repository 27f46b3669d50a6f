import { describe, expect, test } from 'vitest';
import type { TopicLineageRow } from '../../../src/schema.ts';
import { carryOverrides } from '../../../pipelines/lineage/carry-overrides.ts';
import type { TopicOverrides } from '../../../src/shared/topic-overrides.ts';

const row = (event: TopicLineageRow['event'], previous: number | null, id: number | null): TopicLineageRow => ({
  event,
  previous_cluster_id: previous,
  previous_label: previous === null ? null : `old ${previous}`,
  cluster_id: id,
  cosine: null,
  papers: 1,
  share: null,
});
// Previous run 'old' (k = 4): 0 -> 2, 1 -> 0, 2 merged into 0, 3 died; new topic 1 born.
const lineage = [
  row('continued', 0, 2),
  row('continued', 1, 0),
  row('merge', 2, 0),
  row('death', 3, null),
  row('birth', null, 1),
];
const file: TopicOverrides = {
  version: 1,
  runId: 'old',
  renames: [
    { topic: 0, name: 'Kept' },
    { topic: 3, name: 'Gone' },
  ],
  merges: [{ topics: [1, 2], name: 'Half' }],
};

describe('carryOverrides(overrides, file, run, previous)', () => {
  test('moves names along continued topics and notes those whose topic ended', () => {
    const applied = carryOverrides(
      file,
      '/tmp/x/overrides.json',
      { runId: 'new', k: 3 },
      {
        runId: 'old',
        k: 4,
        lineage,
      },
    );
    expect(applied).toEqual({
      file: 'overrides.json',
      sourceRunId: 'old',
      renames: [
        { topic: 0, name: 'Half' },
        { topic: 2, name: 'Kept' },
      ],
      merges: [],
      notes: [
        'name "Gone" dropped: topic 3 ended',
        'merge "Half" now names topic 0 alone: topic 2 merged into topic 0',
      ],
    });
  });

  test('refuses a file of another run than --previous, and one of another run without --previous', () => {
    expect(() =>
      carryOverrides({ ...file, runId: 'other' }, 'o.json', { runId: 'new', k: 3 }, { runId: 'old', k: 4, lineage }),
    ).toThrow('o.json: runId is other, but the topics are those of run old');
    expect(() => carryOverrides(file, 'o.json', { runId: 'new', k: 3 }, null)).toThrow(
      "o.json: made on run old, but this run is new; pass that run's output as --previous DIR",
    );
  });

  test('without --previous keeps a file of this very run as it is', () => {
    const own = { ...file, runId: 'new' };
    expect(carryOverrides(own, 'o.json', { runId: 'new', k: 4 }, null)).toMatchObject({
      renames: own.renames,
      merges: own.merges,
      notes: [],
    });
  });
});
