/**
 * How well a method's short labels tell topics apart, from the labels alone (each a list of terms):
 *
 * - unique share: of all label terms, the share whose spelling family (`spellingKey`: "llm"/"llms",
 *   "multi modal"/"multimodal") appears in no other topic's label;
 * - near duplicates: pairs of terms within one label of one family, or one inside the other ("language",
 *   "language models"), summed over labels.
 */
import { containsWords, spellingKey } from '../pipelines/label/spelling-key.ts';

export interface LabelDistinctness {
  uniqueShare: number;
  nearDuplicates: number;
}

export function labelDistinctness(labels: readonly (readonly string[])[]): LabelDistinctness {
  const keys = labels.map((terms) => terms.map(spellingKey));
  const topicsOf = new Map<string, number>();
  for (const topicKeys of keys) for (const key of new Set(topicKeys)) topicsOf.set(key, (topicsOf.get(key) ?? 0) + 1);
  let total = 0;
  let unique = 0;
  let nearDuplicates = 0;
  labels.forEach((terms, topic) => {
    for (const key of keys[topic]!) {
      total++;
      if (topicsOf.get(key) === 1) unique++;
    }
    const words = terms.map((term) =>
      term
        .toLowerCase()
        .split(/[\s-]+/)
        .join(' '),
    );
    for (let a = 0; a < terms.length; a++) {
      for (let b = a + 1; b < terms.length; b++) {
        const same = keys[topic]![a] === keys[topic]![b];
        if (same || containsWords(words[a]!, words[b]!) || containsWords(words[b]!, words[a]!)) nearDuplicates++;
      }
    }
  });
  return { uniqueShare: total === 0 ? 1 : unique / total, nearDuplicates };
}
