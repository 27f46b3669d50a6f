/**
 * Worker threads that place batches of documents (`place-worker.ts`, each with its own `BatchPlacer` on the same
 * saved model), so that analysing, vectorising and placing use every core while the calling thread reads text
 * from DuckDB and adds up counts. A batch goes to the worker with the fewest outstanding; `place` resolves with
 * the batch's own result, so the caller consumes results in the order it sent them, whatever the timing.
 */
import { RequestPool, startWorker } from '../worker-threads.ts';
import type { PlacedBatch } from './batch-placer.ts';

/**
 * A worker's live set is the model's vocabulary map, the analyzer's caches (bounded by `BatchPlacer`) and a batch:
 * well under 100 MB at 100k terms (the centroids live outside V8's heap). Left to itself V8 let each worker's heap
 * fill with garbage to several hundred MB between collections (RSS swung 1.4-2.1 GB while placing at 10^6
 * documents); a cap makes it collect sooner.
 */
const WORKER_OLD_GENERATION_MB = 512;

export class PlacePool {
  readonly #pool: RequestPool<string[], PlacedBatch>;

  /** Starts `size` (>= 1) workers on the model saved in `modelDir` (an output directory). */
  constructor(size: number, modelDir: string) {
    const workers = Array.from({ length: size }, () =>
      startWorker('place-worker', import.meta.url, {
        workerData: { modelDir },
        resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB },
      }),
    );
    this.#pool = new RequestPool(workers, 'placing worker');
  }

  /** Batches sent and not yet resolved, over all workers. */
  get outstanding(): number {
    return this.#pool.outstanding;
  }

  place(texts: string[]): Promise<PlacedBatch> {
    return this.#pool.request(texts).reply;
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
