import { describe, expect, test } from 'vitest';
import { clusterLabel } from '../../../pipelines/label/label-text.ts';

describe('clusterLabel(topTerms)', () => {
  test('joins the top 3 distinct terms with " · "', () => {
    expect(clusterLabel(['graph', 'node', 'embedding', 'network'])).toBe('graph · node · embedding');
  });

  test('prefers the bigram "language models" over an earlier "language"', () => {
    expect(clusterLabel(['language', 'language models', 'llm', 'prompt'])).toBe('language models · llm · prompt');
  });

  test('skips a unigram already inside a chosen bigram', () => {
    expect(clusterLabel(['reinforcement learning', 'learning', 'reward', 'policy'])).toBe(
      'reinforcement learning · reward · policy',
    );
  });

  test('lets one phrase replace two chosen terms it contains, keeping the first slot', () => {
    expect(clusterLabel(['neural', 'network', 'neural network', 'pruning', 'sparsity'])).toBe(
      'neural network · pruning · sparsity',
    );
  });

  test('keeps words that merely share letters ("net" is not inside "network")', () => {
    expect(clusterLabel(['network', 'net', 'traffic'])).toBe('network · net · traffic');
  });

  test('ignores case, extra spaces and duplicates', () => {
    expect(clusterLabel(['Quantum', 'quantum ', 'quantum  circuits', 'qubit'])).toBe('quantum circuits · qubit');
  });

  test('with fewer than 3 terms uses what there is, and "" for none', () => {
    expect(clusterLabel(['robotics'])).toBe('robotics');
    expect(clusterLabel([])).toBe('');
    expect(clusterLabel(['  '])).toBe('');
  });
});
