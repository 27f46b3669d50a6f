/**
 * Worker threads that place batches of documents (`place-worker.ts`, each with its own `BatchPlacer` on the same
 * saved model), so that analysing, vectorising and placing use every core while the calling thread reads text
 * from DuckDB and adds up counts. A batch goes to the worker with the fewest outstanding; `place` resolves with
 * the batch's own result, so the caller consumes results in the order it sent them, whatever the timing.
 */
import type { Worker } from 'node:worker_threads';
import { startWorker } from '../worker-threads.ts';
import type { PlacedBatch } from './batch-placer.ts';

/**
 * A worker's live set is the model's vocabulary map, the analyzer's caches (bounded by `BatchPlacer`) and a batch:
 * well under 100 MB at 100k terms (the centroids live outside V8's heap). Left to itself V8 let each worker's heap
 * fill with garbage to several hundred MB between collections (RSS swung 1.4-2.1 GB while placing at 10^6
 * documents); a cap makes it collect sooner.
 */
const WORKER_OLD_GENERATION_MB = 512;

interface PoolWorker {
  worker: Worker;
  waiting: { resolve: (result: PlacedBatch) => void; reject: (error: unknown) => void }[];
}

export class PlacePool {
  readonly #workers: PoolWorker[] = [];
  #failure: Error | null = null;

  /** Starts `size` (>= 1) workers on the model saved in `modelDir` (an output directory). */
  constructor(size: number, modelDir: string) {
    for (let i = 0; i < size; i++) {
      const entry: PoolWorker = {
        worker: startWorker('place-worker', import.meta.url, {
          workerData: { modelDir },
          resourceLimits: { maxOldGenerationSizeMb: WORKER_OLD_GENERATION_MB },
        }),
        waiting: [],
      };
      entry.worker.on('message', (result: PlacedBatch) => entry.waiting.shift()?.resolve(result));
      const fail = (error: Error): void => {
        this.#failure ??= error;
        for (const waiter of entry.waiting.splice(0)) waiter.reject(error);
      };
      entry.worker.on('error', fail);
      entry.worker.on('exit', (code) => fail(new Error(`placing worker exited with code ${code}`)));
      this.#workers.push(entry);
    }
  }

  /** Batches sent and not yet resolved, over all workers. */
  get outstanding(): number {
    return this.#workers.reduce((sum, entry) => sum + entry.waiting.length, 0);
  }

  place(texts: string[]): Promise<PlacedBatch> {
    const entry = this.#workers.reduce((best, next) => (next.waiting.length < best.waiting.length ? next : best));
    const result = new Promise<PlacedBatch>((resolve, reject) => {
      if (this.#failure !== null) return reject(this.#failure);
      entry.waiting.push({ resolve, reject });
      entry.worker.postMessage(texts);
    });
    // The caller awaits results in order; this keeps a later batch's rejection from being "unhandled" meanwhile.
    result.catch(() => undefined);
    return result;
  }

  async close(): Promise<void> {
    await Promise.all(
      this.#workers.map(async (entry) => {
        entry.worker.removeAllListeners('exit');
        await entry.worker.terminate();
      }),
    );
  }
}
