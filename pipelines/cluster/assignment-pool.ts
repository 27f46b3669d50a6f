/**
 * Splits assignment passes over worker threads that share X, the centroids and the outputs through
 * SharedArrayBuffers; the calling thread takes the first slice and blocks (Atomics.wait) until the workers
 * are done, so `sphericalKMeans` stays synchronous. Rows are independent, so output is bit-identical to
 * one thread. Costs a shared copy of X unless X already lives in shared memory (`sharedInt32Array`).
 *
 * Workers are `eval` workers built from the kernels' own source (`Function.prototype.toString`): Node 20
 * cannot load a .ts worker entry under tsx or vitest (ERR_UNKNOWN_FILE_EXTENSION), and this keeps one
 * implementation of the kernels.
 */

import { Worker } from 'node:worker_threads';
import type { Csr } from '../features/csr.ts';
import {
  assignRow,
  assignRows,
  assignRowsBounded,
  exactSimilarities,
  rowScoresKernel,
  BOUND_CAP,
  BOUND_MARGIN,
  BOUND_SLACK,
  type BoundedCounts,
} from './assignment-step.ts';

const GENERATION = 0;
const COMMAND = 1;
const DONE = 2;
const FAILED = 3;
const FULL = 1;
const BOUNDED = 2;
const EXACT = 3;
const STOP = 4;

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
const BOUND_MARGIN = ${BOUND_MARGIN}, BOUND_SLACK = ${BOUND_SLACK}, BOUND_CAP = ${BOUND_CAP};
const rowScoresKernels = new Map();
${rowScoresKernel.toString()}
${assignRow.toString()}
${assignRowsBounded.toString()}
${exactSimilarities.toString()}
const d = workerData;
const X = { nRows: d.nRows, nCols: d.nCols, indptr: new Int32Array(d.indptr), indices: new Int32Array(d.indices), data: new Float32Array(d.data) };
const out = { labels: new Int32Array(d.labels), sims: new Float64Array(d.sims), upper: new Float32Array(d.upper) };
const centroidsT = new Float32Array(d.centroidsT), shifts = new Float64Array(d.shifts);
const control = new Int32Array(d.control), counts = new Int32Array(d.counts);
const scores = new Float64Array(d.k);
let generation = 0;
for (;;) {
  Atomics.wait(control, ${GENERATION}, generation);
  generation = Atomics.load(control, ${GENERATION});
  const command = control[${COMMAND}];
  if (command === ${STOP}) break;
  try {
    let nChanged = 0, nFull = command === ${FULL} ? d.end - d.start : 0;
    if (command === ${FULL}) {
      for (let i = d.start; i < d.end; i++) if (assignRow(X, centroidsT, null, d.k, i, i, out, scores)) nChanged++;
    } else if (command === ${BOUNDED}) {
      ({ nChanged, nFull } = assignRowsBounded(X, centroidsT, d.k, d.start, d.end, out, shifts));
    } else {
      exactSimilarities(X, centroidsT, d.k, d.start, d.end, out);
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
  readonly out: { labels: Int32Array; sims: Float64Array; upper: Float32Array };
  /** Term-major centroids the next pass reads; write before `run`. */
  readonly centroidsT: Float32Array;
  /** Each centroid's last shift, read by bounded passes. */
  readonly shifts: Float64Array;
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
      upper: new Float32Array(new SharedArrayBuffer(n * k * 4)),
    };
    this.centroidsT = new Float32Array(new SharedArrayBuffer(X.nCols * k * 4));
    this.shifts = new Float64Array(new SharedArrayBuffer(k * 8));
    const parts = nWorkers + 1;
    this.counts = new Int32Array(new SharedArrayBuffer(parts * 2 * 4));
    const cut = (p: number) => Math.round((n * p) / parts);
    this.firstEnd = cut(1);
    for (let part = 1; part < parts; part++) {
      const buffers = { ...this.X, ...this.out, centroidsT: this.centroidsT };
      const workerData = Object.fromEntries(
        Object.entries({ ...buffers, shifts: this.shifts, control: this.control, counts: this.counts }).map(
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

  /**
   * One pass over all rows: `full` (every centroid), `bounded` (see `assignRowsBounded`) or `exact` (own
   * centroid's similarity only, see `exactSimilarities`; counts are zero).
   */
  run(mode: 'full' | 'bounded' | 'exact'): BoundedCounts {
    const { control, X, k, firstEnd, out } = this;
    control[COMMAND] = mode === 'full' ? FULL : mode === 'bounded' ? BOUNDED : EXACT;
    Atomics.store(control, DONE, 0);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
    let mine: BoundedCounts = { nChanged: 0, nFull: 0 };
    if (mode === 'full')
      mine = { nChanged: assignRows(X, this.centroidsT, null, k, null, 0, firstEnd, out), nFull: firstEnd };
    else if (mode === 'bounded') mine = assignRowsBounded(X, this.centroidsT, k, 0, firstEnd, out, this.shifts);
    else exactSimilarities(X, this.centroidsT, k, 0, firstEnd, out);
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

/** `source` itself when it already lives in shared memory (the pipeline's matrices do), else a shared copy. */
function shared<T extends Int32Array | Float32Array>(
  Type: { new (buffer: SharedArrayBuffer): T; BYTES_PER_ELEMENT: number },
  source: T,
): T {
  if (source.buffer instanceof SharedArrayBuffer) return source;
  const copy = new Type(new SharedArrayBuffer(source.length * Type.BYTES_PER_ELEMENT));
  copy.set(source);
  return copy;
}
