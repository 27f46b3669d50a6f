/**
 * Splits assignment passes over worker threads that share X, the centroids and the outputs through
 * SharedArrayBuffers; the calling thread takes the first slice and blocks (Atomics.wait) until the workers
 * are done, so `sphericalKMeans` stays synchronous. Rows are independent, so output is bit-identical to
 * one thread. Costs a shared copy of X.
 *
 * Workers are `eval` workers built from the kernels' own source (`Function.prototype.toString`): Node 20
 * cannot load a .ts worker entry under tsx or vitest (ERR_UNKNOWN_FILE_EXTENSION), and this keeps one
 * implementation of the kernels.
 */

import { Worker } from 'node:worker_threads';
import type { Csr } from '../features/csr.ts';
import { assignRow, assignRows, assignRowsBounded, BOUND_MARGIN, type BoundedCounts } from './assign.ts';

const GENERATION = 0;
const COMMAND = 1;
const DONE = 2;
const FAILED = 3;
const FULL = 1;
const BOUNDED = 2;
const STOP = 3;

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const BOUND_MARGIN = ${BOUND_MARGIN};
${assignRow.toString()}
${assignRowsBounded.toString()}
const d = workerData;
const X = { nRows: d.nRows, nCols: d.nCols, indptr: new Int32Array(d.indptr), indices: new Int32Array(d.indices), data: new Float32Array(d.data) };
const out = { labels: new Int32Array(d.labels), sims: new Float64Array(d.sims), second: new Float64Array(d.second) };
const centroidsT = new Float64Array(d.centroidsT), centroids = new Float64Array(d.centroids), upperShift = new Float64Array(d.upperShift);
const control = new Int32Array(d.control), counts = new Int32Array(d.counts);
const scores = new Float64Array(d.k);
let generation = 0;
for (;;) {
  Atomics.wait(control, ${GENERATION}, generation);
  generation = Atomics.load(control, ${GENERATION});
  const command = control[${COMMAND}];
  if (command === ${STOP}) break;
  try {
    let nChanged = 0, nFull = d.end - d.start;
    if (command === ${FULL}) {
      for (let i = d.start; i < d.end; i++) if (assignRow(X, centroidsT, null, d.k, i, i, out, scores)) nChanged++;
    } else {
      ({ nChanged, nFull } = assignRowsBounded(X, centroidsT, centroids, d.k, d.start, d.end, out, upperShift));
    }
    counts[2 * d.part] = nChanged;
    counts[2 * d.part + 1] = nFull;
  } catch (error) {
    // The caller is blocked in Atomics.wait and cannot receive an 'error' event: report through memory.
    Atomics.store(control, ${FAILED}, 1);
    console.error(error);
  }
  Atomics.add(control, ${DONE}, 1);
  Atomics.notify(control, ${DONE});
}
`;

export class AssignPool {
  readonly X: Csr;
  readonly out: { labels: Int32Array; sims: Float64Array; second: Float64Array };
  /** Term-major centroids the next pass reads; write before `run`. */
  readonly centroidsT: Float64Array;
  /** Row-major centroids, read by bounded passes. */
  readonly centroids: Float64Array;
  readonly upperShift: Float64Array;
  private readonly k: number;
  private readonly control = new Int32Array(new SharedArrayBuffer(4 * 4));
  private readonly counts: Int32Array;
  private readonly workers: Worker[] = [];
  private readonly firstEnd: number;

  constructor(X: Csr, k: number, nWorkers: number) {
    const n = X.nRows;
    this.k = k;
    this.X = {
      nRows: n,
      nCols: X.nCols,
      indptr: shared(Int32Array, X.indptr),
      indices: shared(Int32Array, X.indices),
      data: shared(Float32Array, X.data),
    };
    this.out = {
      labels: new Int32Array(new SharedArrayBuffer(n * 4)),
      sims: new Float64Array(new SharedArrayBuffer(n * 8)),
      second: new Float64Array(new SharedArrayBuffer(n * 8)),
    };
    this.centroidsT = new Float64Array(new SharedArrayBuffer(X.nCols * k * 8));
    this.centroids = new Float64Array(new SharedArrayBuffer(X.nCols * k * 8));
    this.upperShift = new Float64Array(new SharedArrayBuffer(k * 8));
    const parts = nWorkers + 1;
    this.counts = new Int32Array(new SharedArrayBuffer(parts * 2 * 4));
    const cut = (p: number) => Math.round((n * p) / parts);
    this.firstEnd = cut(1);
    for (let part = 1; part < parts; part++) {
      const buffers = { ...this.X, ...this.out, centroidsT: this.centroidsT, centroids: this.centroids };
      const workerData = Object.fromEntries(
        Object.entries({ ...buffers, upperShift: this.upperShift, control: this.control, counts: this.counts }).map(
          ([name, value]) => [name, typeof value === 'number' ? value : value.buffer],
        ),
      );
      const worker = new Worker(WORKER_SOURCE, {
        eval: true,
        workerData: { ...workerData, k, part, start: cut(part), end: cut(part + 1) },
      });
      worker.unref();
      this.workers.push(worker);
    }
  }

  /** One assignment pass over all rows, `full` (every centroid) or `bounded` (see `assignRowsBounded`). */
  run(mode: 'full' | 'bounded'): BoundedCounts {
    const { control } = this;
    control[COMMAND] = mode === 'full' ? FULL : BOUNDED;
    Atomics.store(control, DONE, 0);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
    const mine =
      mode === 'full'
        ? {
            nChanged: assignRows(this.X, this.centroidsT, null, this.k, null, 0, this.firstEnd, this.out),
            nFull: this.firstEnd,
          }
        : assignRowsBounded(
            this.X,
            this.centroidsT,
            this.centroids,
            this.k,
            0,
            this.firstEnd,
            this.out,
            this.upperShift,
          );
    for (let done = Atomics.load(control, DONE); done < this.workers.length; done = Atomics.load(control, DONE)) {
      Atomics.wait(control, DONE, done);
    }
    if (Atomics.load(control, FAILED) !== 0) throw new Error('an assignment worker thread failed (see stderr)');
    let { nChanged, nFull } = mine;
    for (let part = 1; part <= this.workers.length; part++) {
      nChanged += this.counts[2 * part]!;
      nFull += this.counts[2 * part + 1]!;
    }
    return { nChanged, nFull };
  }

  close(): void {
    this.control[COMMAND] = STOP;
    Atomics.add(this.control, GENERATION, 1);
    Atomics.notify(this.control, GENERATION);
    for (const worker of this.workers) void worker.terminate();
  }
}

function shared<T extends Int32Array | Float32Array>(
  Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  source: T,
): T {
  const copy = new Type(new SharedArrayBuffer(source.length * Type.BYTES_PER_ELEMENT));
  copy.set(source);
  return copy;
}
