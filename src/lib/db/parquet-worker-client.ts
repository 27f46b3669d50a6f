/** Runs `ParquetJob`s in one worker started on first use; each call's answer comes back by its id. */
import { DataError } from './manifest.ts';
import type { ParquetJob, ParquetJobResult } from './parquet-jobs.ts';
import type { JobReply, JobRequest } from './parquet-worker.ts';

export class ParquetWorker {
  #worker: Worker | undefined;
  #nextId = 0;
  readonly #pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();

  run<J extends ParquetJob>(job: J): Promise<ParquetJobResult[J['kind']]> {
    const worker = (this.#worker ??= this.#start());
    const id = this.#nextId++;
    return new Promise((resolve, reject) => {
      this.#pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      const request: JobRequest = { id, job };
      worker.postMessage(request);
    });
  }

  #start(): Worker {
    const worker = new Worker(new URL('./parquet-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<JobReply>) => {
      const reply = event.data;
      const pending = this.#pending.get(reply.id);
      if (!pending) return;
      this.#pending.delete(reply.id);
      if ('value' in reply) pending.resolve(reply.value);
      else {
        const { message, dataErrorKind } = reply.error;
        pending.reject(dataErrorKind === null ? new Error(message) : new DataError(dataErrorKind, message));
      }
    };
    worker.onerror = (event) => {
      const error = new Error(`The Parquet worker failed: ${event.message}`);
      for (const p of this.#pending.values()) p.reject(error);
      this.#pending.clear();
    };
    return worker;
  }
}
