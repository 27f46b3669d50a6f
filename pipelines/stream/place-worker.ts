/**
 * Worker thread of `PlacePool`: loads the saved model from `workerData.modelDir` (so whatever the model holds
 * reaches `BatchPlacer` as it reaches the calling thread) and places each batch of texts it is sent, in order.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadModel } from '../model/model-files.ts';
import { BatchPlacer } from './batch-placer.ts';

const { modelDir } = workerData as { modelDir: string };
// Listening before the model is loaded: batches that arrive meanwhile wait on the same promise, in order.
const placer = loadModel(modelDir).then((model) => new BatchPlacer(model));

parentPort!.on('message', (texts: string[]) => {
  // An error rejects this promise unhandled, which ends the worker with it: the pool reports it.
  void placer.then((batchPlacer) => {
    const placed = batchPlacer.place(texts);
    const { clusterIds, similarities, counts } = placed;
    const buffers = [clusterIds, similarities, counts.indptr, counts.indices, counts.data].map((array) => array.buffer);
    const transfer = [...new Set(buffers)].filter((buffer): buffer is ArrayBuffer => buffer instanceof ArrayBuffer);
    parentPort!.postMessage(placed, transfer);
  });
});
