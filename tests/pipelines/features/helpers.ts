import { VocabularyBuilder, type Vocabulary } from '../../../pipelines/features/vocabulary.ts';

/** Count matrix of `documents` with every term kept (minDf 1, no maxDf). */
export function countsOf(documents: readonly (readonly string[])[]): Vocabulary {
  const builder = new VocabularyBuilder();
  for (const terms of documents) builder.addDocument(terms);
  return builder.build({ minDf: 1, maxDf: Infinity, maxFeatures: null });
}
