/**
 * The features stage of a full run: the vocabulary (minDf, maxDf, maxFeatures) from the counted terms, then
 * TF-IDF with smooth idf, the chosen tf and L2 rows. Releases the builder's counting state once built.
 */
import type { PipelineOptions } from '../options.ts';
import type { Csr } from './csr.ts';
import type { TermBuilder } from './term-builder.ts';
import { tfidf, type TfidfOptions } from './tfidf.ts';

export interface CorpusFeatures {
  /** Kept terms (stems), sorted; column j of `counts` and `matrix` is stems[j]. */
  stems: string[];
  surfaceForm: (stem: string) => string;
  /** Raw term counts, documents in staging order. */
  counts: Csr;
  matrix: Csr;
  idf: Float64Array;
  tfidf: TfidfOptions & { norm: 'l2' };
}

export function corpusFeatures(
  analyzer: TermBuilder,
  options: Pick<PipelineOptions, 'minDf' | 'maxDf' | 'maxFeatures' | 'sublinearTf'>,
): CorpusFeatures {
  const { terms, counts } = analyzer.vocabulary.build({
    minDf: options.minDf,
    maxDf: options.maxDf,
    maxFeatures: options.maxFeatures,
  });
  analyzer.releaseCounting();
  const weighting = { smoothIdf: true, sublinearTf: options.sublinearTf, norm: 'l2' } as const;
  const { matrix, idf } = tfidf(counts, weighting);
  return { stems: terms, surfaceForm: (stem) => analyzer.surfaceForm(stem), counts, matrix, idf, tfidf: weighting };
}
