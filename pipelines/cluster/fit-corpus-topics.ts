/**
 * The clustering stage of a full run: checks `--k` against the documents kept, resolves `--algorithm auto`
 * (exact Lloyd up to AUTO_SAMPLED_FROM_DOCS documents, sampled above) and fits the topics (`fit-topics.ts`).
 */
import type { KMeansAlgorithm } from '../../src/schema.ts';
import { CliError } from '../errors.ts';
import type { Csr } from '../features/csr.ts';
import { AUTO_SAMPLED_FROM_DOCS, type PipelineOptions } from '../options.ts';
import { fitTopics, type TopicFit } from './fit-topics.ts';

export interface CorpusTopics extends TopicFit {
  /** The algorithm that ran (`auto` resolved). */
  algorithm: KMeansAlgorithm;
}

export function fitCorpusTopics(
  matrix: Csr,
  options: Pick<PipelineOptions, 'k' | 'algorithm' | 'seed' | 'maxIter' | 'tol' | 'nInit' | 'batchSize' | 'workers'>,
  /** Start k-means here instead of k-means++ (`--previous`: `lineage/continue-topics.ts` `warmStart`). */
  initialCentroids?: Float64Array,
): CorpusTopics {
  const nDocs = matrix.nRows;
  if (options.k !== 'auto' && options.k > nDocs) {
    throw new CliError(`--k ${options.k} is more than the ${nDocs} documents kept; use a smaller --k`);
  }
  const algorithm =
    options.algorithm !== 'auto' ? options.algorithm : nDocs > AUTO_SAMPLED_FROM_DOCS ? 'sampled' : 'lloyd';
  const fit = fitTopics(matrix, options.k, {
    seed: options.seed,
    maxIter: options.maxIter,
    tol: options.tol,
    nInit: options.nInit,
    algorithm,
    batchSize: options.batchSize,
    workers: options.workers,
    ...(initialCentroids !== undefined && { initialCentroids }),
  });
  return { ...fit, algorithm };
}
