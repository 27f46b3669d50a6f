import { describe, expect, test } from 'vitest';
import {
  MAX_NAME_LENGTH,
  OverridesError,
  parseOverrides,
  parseOverridesText,
  serializeOverrides,
  topicDisplay,
  type TopicOverrides,
} from '../../../src/shared/topic-overrides.ts';

const target = { runId: 'run-a', k: 12 };
const base = (extra: Partial<Record<keyof TopicOverrides, unknown>> = {}): unknown => ({
  version: 1,
  runId: 'run-a',
  renames: [],
  merges: [],
  ...extra,
});
const problem = (value: unknown): string => {
  try {
    parseOverrides(value, 'overrides.json', target);
  } catch (error) {
    expect(error).toBeInstanceOf(OverridesError);
    return (error as Error).message;
  }
  throw new Error('expected an OverridesError');
};

describe('parseOverrides(value, source, target)', () => {
  test('reads renames and merges in canonical order (renames by topic, merge topics ascending)', () => {
    const parsed = parseOverrides(
      base({
        renames: [
          { topic: 5, name: '  Agents  ' },
          { topic: 1, name: 'Vision' },
        ],
        merges: [{ topics: [9, 3], name: 'Speech and audio' }],
      }),
      'overrides.json',
      target,
    );
    expect(parsed).toEqual({
      version: 1,
      runId: 'run-a',
      renames: [
        { topic: 1, name: 'Vision' },
        { topic: 5, name: 'Agents' },
      ],
      merges: [{ topics: [3, 9], name: 'Speech and audio' }],
    });
    expect(parseOverridesText(serializeOverrides(parsed), 'again.json', target)).toEqual(parsed);
  });

  test('keeps HTML and script as the plain text they are (the dashboard shows them as text, never as markup)', () => {
    const name = '<img src=x onerror=alert(1)><script>x</script>';
    const parsed = parseOverrides(base({ renames: [{ topic: 0, name }] }), 'overrides.json', target);
    expect(parsed.renames[0]!.name).toBe(name);
  });

  test('names the file, the field and the rule for a bad name', () => {
    const renames = [
      { topic: 0, name: 'a' },
      { topic: 1, name: 'b' },
      { topic: 2, name: '' },
    ];
    expect(problem(base({ renames }))).toBe(
      'overrides.json: renames[2].name must be a non-empty string of at most 80 characters without control characters (found "")',
    );
    expect(problem(base({ renames: [{ topic: 0, name: 'x'.repeat(MAX_NAME_LENGTH + 1) }] }))).toMatch(
      /^overrides\.json: renames\[0\]\.name must be .* \(found "x{30,}\.\.\.\)$/,
    );
    expect(problem(base({ renames: [{ topic: 0, name: 42 }] }))).toMatch(/renames\[0\]\.name must be/);
    expect(problem(base({ renames: [{ topic: 0, name: 'a\u0000b' }] }))).toMatch(/renames\[0\]\.name must be/);
    expect(problem(base({ renames: [{ topic: 0, name: 'abc\u202edcb' }] }))).toMatch(/renames\[0\]\.name must be/);
  });

  test('accepts 80 characters counted as characters, not UTF-16 units', () => {
    const name = '🙂'.repeat(MAX_NAME_LENGTH);
    expect(parseOverrides(base({ renames: [{ topic: 0, name }] }), 'o.json', target).renames[0]!.name).toBe(name);
  });

  test('refuses a huge file before parsing it, and invalid JSON with its reason', () => {
    expect(() => parseOverridesText(' '.repeat(1_000_001), 'big.json')).toThrow(/^big\.json: larger than 1,000,000/);
    expect(() => parseOverridesText('{"version": 1,', 'bad.json')).toThrow(/^bad\.json: not valid JSON/);
  });

  test('refuses unknown topics, a wrong runId, unknown fields and other versions', () => {
    expect(problem(base({ renames: [{ topic: 12, name: 'x' }] }))).toBe(
      'overrides.json: renames[0].topic is 12, but run run-a has topics 0..11',
    );
    expect(problem(base({ renames: [{ topic: -1, name: 'x' }] }))).toMatch(/renames\[0\]\.topic must be a topic id/);
    expect(problem(base({ renames: [{ topic: 1.5, name: 'x' }] }))).toMatch(/renames\[0\]\.topic must be a topic id/);
    expect(problem(base({ merges: [{ topics: [1, 40], name: 'x' }] }))).toMatch(/merges\[0\]\.topics\[1\] is 40/);
    expect(problem(base({ runId: 'run-b' }))).toBe(
      'overrides.json: runId is run-b, but the topics are those of run run-a',
    );
    expect(problem(base({ runId: '<b>' }))).toMatch(/^overrides\.json: runId must be/);
    expect(problem(base({ version: 2 }))).toBe('overrides.json: version must be 1 (found 2)');
    expect(problem({ ...(base() as object), __proto__x: 1 })).toMatch(/unknown field "__proto__x"/);
    expect(problem(base({ renames: [{ topic: 0, name: 'x', html: true }] }))).toMatch(
      /renames\[0\] has an unknown field "html"/,
    );
    expect(problem(null)).toBe('overrides.json: the file must be an object');
    expect(problem(base({ renames: {} }))).toBe('overrides.json: renames must be an array');
  });

  test('refuses duplicate merges, a topic in two merges or twice in one, one-topic merges and double renames', () => {
    const merge = { topics: [3, 7], name: 'm' };
    expect(problem(base({ merges: [merge, merge] }))).toBe(
      'overrides.json: merges[1].topics: topic 3 is already in merges[0]',
    );
    expect(problem(base({ merges: [{ topics: [3, 3], name: 'm' }] }))).toBe(
      'overrides.json: merges[0].topics names topic 3 twice',
    );
    expect(problem(base({ merges: [{ topics: [3], name: 'm' }] }))).toMatch(/two or more topic ids/);
    expect(
      problem(
        base({
          renames: [
            { topic: 3, name: 'a' },
            { topic: 3, name: 'b' },
          ],
        }),
      ),
    ).toBe('overrides.json: renames[1].topic: topic 3 is already renamed by renames[0]');
    expect(problem(base({ renames: [{ topic: 7, name: 'a' }], merges: [merge] }))).toBe(
      'overrides.json: renames[0].topic: topic 7 is in merges[0], whose name it takes',
    );
    expect(problem(base({ renames: Array.from({ length: 1001 }, (_, i) => ({ topic: i, name: 'x' })) }))).toMatch(
      /renames has 1001 entries; at most 1000/,
    );
  });
});

describe('topicDisplay(overrides)', () => {
  test('shows a merge under its smallest topic with its name, and renamed topics under their own id', () => {
    const display = topicDisplay({
      renames: [{ topic: 1, name: 'One' }],
      merges: [{ topics: [4, 2, 9], name: 'Merged' }],
    });
    expect([...display.shownIdOf]).toEqual([
      [4, 2],
      [2, 2],
      [9, 2],
    ]);
    expect([...display.nameOf]).toEqual([
      [2, 'Merged'],
      [1, 'One'],
    ]);
  });
});
