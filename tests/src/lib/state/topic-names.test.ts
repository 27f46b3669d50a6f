import { describe, expect, test } from 'vitest';
import { NAME_RULE, TopicNames } from '../../../../src/lib/state/topic-names.svelte.ts';
import { parseOverrides } from '../../../../src/shared/topic-overrides.ts';

describe('TopicNames', () => {
  test('merge(a, b, name) takes in merges already made and drops the names of the topics merged', () => {
    const names = new TopicNames();
    expect(names.rename(3, '  Vision ')).toBeNull();
    expect(names.rename(8, 'Speech')).toBeNull();
    expect(names.merge(3, 7, 'Vision and video')).toBeNull();
    expect(names.merge(3, 1, 'Perception')).toBeNull();
    expect(names.file('run')).toEqual({
      version: 1,
      runId: 'run',
      renames: [{ topic: 8, name: 'Speech' }],
      merges: [{ topics: [1, 3, 7], name: 'Perception' }],
    });
    expect(names.display.shownIdOf.get(7)).toBe(1);
    // The file it downloads is one the pipeline accepts.
    expect(parseOverrides(names.file('run'), 'o.json', { runId: 'run', k: 10 })).toEqual(names.file('run'));
  });

  test('renaming a merge renames it; undo removes it; bad names are refused with the rule', () => {
    const names = new TopicNames({ file: 'o.json', sourceRunId: 'a', renames: [], merges: [], notes: [] });
    names.merge(2, 5, 'Pair');
    expect(names.rename(2, 'Renamed pair')).toBeNull();
    expect(names.merges).toEqual([{ topics: [2, 5], name: 'Renamed pair' }]);
    expect(names.rename(2, ' ')).toBe(NAME_RULE);
    expect(names.rename(2, 'x'.repeat(81))).toBe(NAME_RULE);
    expect(names.merge(4, 4, 'Self')).toBe('Choose two different topics to merge.');
    names.undo(2);
    expect(names.file('a')).toEqual({ version: 1, runId: 'a', renames: [], merges: [] });
  });
});
