import { describe, expect, test } from 'vitest';
import { distinctLabels, type LabelCandidate } from '../../../pipelines/label/distinct-labels.ts';

/** A candidate whose stem is its surface form (enough here: the rules compare stems' words). */
const term = (surface: string, score: number, docFreq = 10): LabelCandidate => ({
  stem: surface,
  surface,
  score,
  docFreq,
});

describe('distinctLabels(candidates)', () => {
  test('takes the three best terms of a topic alone', () => {
    expect(distinctLabels([[term('graph', 4), term('node', 3), term('embedding', 2), term('edge', 1)]])).toEqual([
      ['graph', 'node', 'embedding'],
    ]);
  });

  test('a term two topics share goes to the topic that scores it higher; the other takes its next term', () => {
    const labels = distinctLabels([
      [term('llms', 0.9), term('agent', 0.8), term('tools', 0.5), term('planning', 0.4)],
      [term('llms', 0.95), term('reasoning', 0.9), term('math', 0.6)],
    ]);
    expect(labels).toEqual([
      ['agent', 'tools', 'planning'],
      ['llms', 'reasoning', 'math'],
    ]);
  });

  test('an equal score goes to the lower topic', () => {
    const labels = distinctLabels([
      [term('shared', 1), term('a', 0.5), term('b', 0.4), term('c', 0.3)],
      [term('shared', 1), term('x', 0.5), term('y', 0.4), term('z', 0.3)],
    ]);
    expect(labels[0]).toContain('shared');
    expect(labels[1]).not.toContain('shared');
  });

  test('spellings of one family count as one term across topics ("llm" and "llms")', () => {
    const labels = distinctLabels([
      [term('llm', 0.5), term('a', 0.4), term('b', 0.3), term('c', 0.2)],
      [term('llms', 0.9), term('x', 0.4), term('y', 0.3)],
    ]);
    expect(labels).toEqual([
      ['a', 'b', 'c'],
      ['llms', 'x', 'y'],
    ]);
  });

  test('"multi modal" and "multimodal" never share a label ("cross modal" shares a word, so it waits too)', () => {
    const labels = distinctLabels([
      [
        term('multi modal', 0.9),
        term('multimodal', 0.8),
        term('cross modal', 0.7),
        term('vision', 0.6),
        term('image', 0.5),
      ],
    ]);
    expect(labels).toEqual([['multi modal', 'vision', 'image']]);
  });

  test('a phrase that dominates its word replaces it, and the word is not taken again', () => {
    // "gaussian splatting" is in 40 of the 50 papers with "gaussian": it dominates.
    const labels = distinctLabels([
      [
        term('gaussian', 0.9, 50),
        term('splatting', 0.8, 42),
        term('rendering', 0.7, 30),
        term('gaussian splatting', 0.6, 40),
        term('3dgs', 0.5, 20),
      ],
    ]);
    expect(labels).toEqual([['gaussian splatting', 'rendering', '3dgs']]);
  });

  test('a phrase that does not dominate its word is skipped after it', () => {
    // "multi agent" is in 10 of the 80 papers with "agent".
    const labels = distinctLabels([
      [term('agent', 0.9, 80), term('multi agent', 0.8, 10), term('tools', 0.7), term('planning', 0.6)],
    ]);
    expect(labels).toEqual([['agent', 'tools', 'planning']]);
  });

  test('two chosen words a listed phrase joins show as the phrase, even where it does not dominate', () => {
    // "multi modal" is in 10 of the 50 papers with "modal" (most say "cross-modal"), yet "modal · fusion · multi"
    // would read as three ideas.
    const labels = distinctLabels([
      [
        term('modal', 0.9, 50),
        term('fusion', 0.8),
        term('multi', 0.7, 30),
        term('multi modal', 0.6, 10),
        term('image', 0.5),
      ],
    ]);
    expect(labels).toEqual([['multi modal', 'fusion', 'image']]);
  });

  test('no two terms of a label share a word', () => {
    const labels = distinctLabels([
      [term('gaussian splatting', 0.9), term('3d gaussian', 0.8), term('rendering', 0.7), term('view', 0.6)],
    ]);
    expect(labels).toEqual([['gaussian splatting', 'rendering', 'view']]);
  });

  test('when a topic owns too few terms it falls back to shared ones, in order', () => {
    const labels = distinctLabels([
      [term('model', 0.9), term('data', 0.8), term('learning', 0.7)],
      [term('model', 0.5), term('data', 0.4), term('rare', 0.3)],
    ]);
    expect(labels).toEqual([
      ['model', 'data', 'learning'],
      ['rare', 'model', 'data'],
    ]);
  });

  test('no candidates give an empty label', () => {
    expect(distinctLabels([[]])).toEqual([[]]);
  });
});
