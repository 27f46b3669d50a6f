/**
 * Starts the topic map's layout (SVD + UMAP of the sampled rows, `topic-map.ts`) in a worker thread, so it runs
 * while the calling thread clusters and labels; `finish` joins it and places the clusters. Only the sampled rows
 * travel to the worker. The positions are the same as on one thread (same code, same seed), so the output does
 * not depend on `--workers`; with one worker the layout runs on this thread when `finish` is called.
 */
import type { Csr } from '../features/csr.ts';
import { startWorker } from '../worker-threads.ts';
import {
  layoutRows,
  mapSample,
  selectRows,
  withClusterPositions,
  type TopicMap,
  type TopicMapOptions,
} from './topic-map.ts';

export interface PendingTopicMap {
  /** Waits for the layout and places each cluster at the mean of its sampled members. */
  finish(labels: Int32Array, k: number): Promise<TopicMap>;
}

export function startTopicMap(matrix: Csr, options: TopicMapOptions & { workers: number }): PendingTopicMap {
  const docs = mapSample(matrix.nRows, options);
  const layoutOptions = {
    seed: options.seed,
    nComponents: options.nComponents,
    nNeighbors: options.nNeighbors,
    nEpochs: options.nEpochs,
  };
  if (docs.length === 0 || options.workers <= 1) {
    return {
      finish: (labels, k) => {
        const positions = docs.length === 0 ? new Float64Array(0) : layoutRows(selectRows(matrix, docs), options);
        return Promise.resolve(withClusterPositions(docs, positions, labels, k));
      },
    };
  }
  const rows = selectRows(matrix, docs);
  const worker = startWorker('map-worker', import.meta.url, { workerData: { rows, options: layoutOptions } });
  const positions = new Promise<Float64Array>((resolve, reject) => {
    worker.once('message', (value: Float64Array) => resolve(value));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`topic map worker exited with code ${code}`)));
  });
  // A run that fails elsewhere must not wait for the map (`finish` holds the process open while it waits), and
  // its rejection is reported by `finish`.
  worker.unref();
  positions.catch(() => {});
  return {
    finish: async (labels, k) => {
      worker.ref();
      const done = await positions.finally(() => void worker.terminate());
      return withClusterPositions(docs, done, labels, k);
    },
  };
}
