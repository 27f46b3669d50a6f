/**
 * Splits assignment passes over worker threads that share X, the centroids and the outputs through
 * SharedArrayBuffers; every thread, the calling one included, claims chunks of CHUNK_ROWS rows until none is
 * left, and the calling thread then blocks (Atomics.wait) until the last chunk is done, so `sphericalKMeans`
 * stays synchronous. Rows are independent, so output is bit-identical to one thread. Costs a shared copy of X unless X already lives in shared memory (`sharedInt32Array`).
 *
 * Workers are `eval` workers built from the kernels' own source (`Function.prototype.toString`): Node 20
 * cannot load a .ts worker entry under tsx or vitest (ERR_UNKNOWN_FILE_EXTENSION), and this keeps one
 * implementation of the kernels.
 */

import { Worker } from 'node:worker_threads';
import type { Csr } from '../features/csr.ts';
import {
  assignPassChunk,
  assignRow,
  assignRowsBounded,
  exactSimilarities,
  rowScoresKernel,
  BOUND_CAP,
  BOUND_MARGIN,
  BOUND_SLACK,
  type BoundedCounts,
  type PassKind,
} from './assignment-step.ts';

// Control slots. GENERATION is odd while the calling thread rewrites a pass's fields (a seqlock): a worker acts only
// on fields read between two equal even readings, so a worker that wakes late never mixes two passes.
const GENERATION = 0;
const COMMAND = 1;
const DONE = 2;
const FAILED = 3;
const NEXT = 4;
const BASE = 5;
const END = 6;
/** COMMAND values: a pass's index here, or STOP. */
const PASSES = ['stop', 'full', 'bounded', 'exact'] as const;
const STOP = 0;

/**
 * Rows a thread claims at a time. Threads take chunks until none is left instead of owning a fixed share, so a
 * thread the OS deschedules (the topic map's worker shares the cores during clustering, and so may anything else)
 * delays a pass by one chunk, not by its whole share. ~2 ms of work at 100 nonzeros a row and k = 20.
 */
export const CHUNK_ROWS = 1024;

/**
 * Every thread's share of a pass: claim chunks below `end` from NEXT by compare-and-swap (so a worker holding a
 * stale pass's `end` cannot take the next pass's chunks), run each, add its counts, count it in DONE. It is
 * copied into the workers as source, so it names control slots by number (NEXT = 4, FAILED = 3, DONE = 2): the
 * bundler may rename module constants.
 */
function claimChunks(
  control: Int32Array,
  end: number,
  base: number,
  nRows: number,
  chunkRows: number,
  runChunk: (start: number, end: number) => { nChanged: number; nFull: number },
  counts: Int32Array,
): void {
  for (;;) {
    const chunk = Atomics.load(control, 4);
    if (chunk >= end) return;
    if (Atomics.compareExchange(control, 4, chunk, chunk + 1) !== chunk) continue;
    const start = (chunk - base) * chunkRows;
    try {
      const result = runChunk(start, Math.min(nRows, start + chunkRows));
      Atomics.add(counts, 0, result.nChanged);
      Atomics.add(counts, 1, result.nFull);
    } catch (error) {
      // The caller is blocked in Atomics.wait and cannot receive an 'error' event: report through memory.
      Atomics.store(control, 3, 1);
      console.error(error);
    }
    Atomics.add(control, 2, 1);
    Atomics.notify(control, 2);
  }
}

const WORKER_SOURCE = `
const { workerData } = require('node:worker_threads');
// A worker's console output goes through the calling thread's event loop, which is blocked in Atomics.wait: write
// errors straight to the stderr descriptor, or they are lost when the failed pass throws.
console.error = (error) => require('node:fs').writeSync(2, String((error && error.stack) || error) + '\\n');
const BOUND_MARGIN = ${BOUND_MARGIN}, BOUND_SLACK = ${BOUND_SLACK}, BOUND_CAP = ${BOUND_CAP};
const rowScoresKernels = new Map();
${rowScoresKernel.toString()}
${assignRow.toString()}
${assignRowsBounded.toString()}
${exactSimilarities.toString()}
${claimChunks.toString()}
${assignPassChunk.toString()}
const PASSES = ${JSON.stringify(PASSES)};
const d = workerData;
const X = { nRows: d.nRows, nCols: d.nCols, indptr: new Int32Array(d.indptr), indices: new Int32Array(d.indices), data: new Float32Array(d.data) };
const out = { labels: new Int32Array(d.labels), sims: new Float64Array(d.sims), upper: new Float32Array(d.upper) };
const centroidsT = new Float32Array(d.centroidsT), shifts = new Float64Array(d.shifts);
const control = new Int32Array(d.control), counts = new Int32Array(d.counts);
const scores = new Float64Array(d.k);
let generation = 0;
for (;;) {
  Atomics.wait(control, ${GENERATION}, generation);
  let command, base, end;
  for (;;) {
    generation = Atomics.load(control, ${GENERATION});
    if (generation % 2 === 1) continue;
    command = Atomics.load(control, ${COMMAND});
    base = Atomics.load(control, ${BASE});
    end = Atomics.load(control, ${END});
    if (Atomics.load(control, ${GENERATION}) === generation) break;
  }
  if (command === ${STOP}) break;
  claimChunks(control, end, base, X.nRows, ${CHUNK_ROWS}, (start, stop) =>
    assignPassChunk(PASSES[command], X, centroidsT, d.k, out, shifts, scores, start, stop), counts);
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
  private readonly control = new Int32Array(new SharedArrayBuffer(8 * 4));
  /** nChanged and nFull of the current pass, summed over chunks (integer sums: any order gives the same). */
  private readonly counts = new Int32Array(new SharedArrayBuffer(2 * 4));
  private readonly scores: Float64Array;
  private readonly workers: Worker[] = [];

  constructor(X: Csr, k: number, nWorkers: number) {
    const n = X.nRows;
    this.k = k;
    this.scores = new Float64Array(k);
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
    const buffers = { ...this.X, ...this.out, centroidsT: this.centroidsT };
    const workerData = Object.fromEntries(
      Object.entries({ ...buffers, shifts: this.shifts, control: this.control, counts: this.counts }).map(
        ([name, value]) => [name, typeof value === 'number' ? value : value.buffer],
      ),
    );
    for (let w = 0; w < nWorkers; w++) {
      const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { ...workerData, k } });
      worker.unref();
      this.workers.push(worker);
    }
  }

  /**
   * One pass over all rows: `full` (every centroid), `bounded` (see `assignRowsBounded`) or `exact` (own
   * centroid's similarity only, see `exactSimilarities`; counts are zero).
   */
  run(mode: PassKind): BoundedCounts {
    const { control, counts, X, k, out, scores } = this;
    const command = PASSES.indexOf(mode);
    const base = Atomics.load(control, NEXT);
    const nChunks = Math.ceil(X.nRows / CHUNK_ROWS);
    this.publish(command, base, base + nChunks);
    claimChunks(
      control,
      base + nChunks,
      base,
      X.nRows,
      CHUNK_ROWS,
      (start, end) => assignPassChunk(mode, X, this.centroidsT, k, out, this.shifts, scores, start, end),
      counts,
    );
    for (let done = Atomics.load(control, DONE); done < nChunks; done = Atomics.load(control, DONE)) {
      Atomics.wait(control, DONE, done);
    }
    if (Atomics.load(control, FAILED) !== 0) throw new Error('an assignment worker thread failed (see stderr)');
    return { nChanged: Atomics.load(counts, 0), nFull: Atomics.load(counts, 1) };
  }

  close(): void {
    const next = Atomics.load(this.control, NEXT);
    this.publish(STOP, next, next);
    for (const worker of this.workers) void worker.terminate();
  }

  /** Writes a pass's fields under the seqlock and wakes the workers. */
  private publish(command: number, base: number, end: number): void {
    const { control, counts } = this;
    Atomics.add(control, GENERATION, 1);
    Atomics.store(control, COMMAND, command);
    Atomics.store(control, BASE, base);
    Atomics.store(control, END, end);
    Atomics.store(control, DONE, 0);
    Atomics.store(counts, 0, 0);
    Atomics.store(counts, 1, 0);
    Atomics.add(control, GENERATION, 1);
    Atomics.notify(control, GENERATION);
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
