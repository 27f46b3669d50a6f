/** The manifest's record of a full run's resolved parameters (`RunParameters`), from its options and what it chose. */
import type { KMeansAlgorithm, RunParameters } from '../../src/schema.ts';
import { DEFAULT_GROWTH_MIN_PAPERS } from '../../src/shared/growth.ts';
import { defaultThemes } from '../cluster/topic-tree.ts';
import type { PipelineOptions } from '../options.ts';

export function runParameters(options: PipelineOptions, k: number, algorithm: KMeansAlgorithm): RunParameters {
  return {
    format: options.format,
    csvColumns: JSON.stringify(options.csvColumns),
    labelSeparator: options.labelSeparator,
    onError: options.onError,
    dedupe: options.dedupe,
    maxDate: options.maxDate,
    listingYear: options.listingYear,
    maxChars: options.maxChars,
    bigrams: options.bigrams,
    minDf: options.minDf,
    // JSON writes Infinity as null anyway; said here so the value matches its type.
    maxDf: Number.isFinite(options.maxDf) ? options.maxDf : null,
    maxFeatures: options.maxFeatures,
    sublinearTf: options.sublinearTf,
    smoothIdf: true,
    norm: 'l2',
    kRequested: options.k === 'auto' ? 'auto' : options.k,
    k,
    seed: options.seed,
    algorithmRequested: options.algorithm,
    algorithm,
    clusterTerms: options.clusterTerms,
    maxIter: options.maxIter,
    tol: options.tol,
    nInit: options.nInit,
    batchSize: options.batchSize,
    topTerms: options.topTerms,
    representatives: options.representatives,
    granularity: options.granularity,
    growthWindow: options.growthWindow,
    growthMinPapers: DEFAULT_GROWTH_MIN_PAPERS,
    termMinDf: options.termMinDf,
    wordIndexMaxDocs: options.wordIndexMaxDocs,
    mapSample: options.mapSample,
    corpusNote: options.corpusNote,
    volumeIsSample: options.volumeIsSample,
    themes: options.themes ?? defaultThemes(k),
    ...(options.fitSample !== null && { fitSample: options.fitSample }),
  };
}
