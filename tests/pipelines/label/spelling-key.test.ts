import { expect, test } from 'vitest';
import { containsWords, spellingKey } from '../../../pipelines/label/spelling-key.ts';

test('spellingKey joins spellings of one idea and keeps others apart', () => {
  expect(spellingKey('multi modal')).toBe(spellingKey('multimodal'));
  expect(spellingKey('multi-modal')).toBe(spellingKey('multimodal'));
  expect(spellingKey('llms')).toBe(spellingKey('llm'));
  expect(spellingKey('data set')).toBe(spellingKey('datasets'));
  expect(spellingKey('cross modal')).not.toBe(spellingKey('multimodal'));
  expect(spellingKey('network')).not.toBe(spellingKey('net'));
});

test('containsWords matches whole words in a contiguous run', () => {
  expect(containsWords('reinforc learn', 'learn')).toBe(true);
  expect(containsWords('larg languag model', 'languag model')).toBe(true);
  expect(containsWords('larg languag model', 'larg model')).toBe(false);
  expect(containsWords('network', 'net')).toBe(false);
});
