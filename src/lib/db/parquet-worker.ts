/**
 * The page's Parquet worker: decodes and aggregates off the main thread, so the chart, brush and clicks never wait
 * behind a table being decoded (at 1M documents `cluster_term_months` alone took the main thread 20-55 s).
 */
import { runParquetJob, type ParquetJob } from './parquet-jobs.ts';
import { DataError } from './manifest.ts';

export interface JobRequest {
  id: number;
  job: ParquetJob;
}

export type JobReply =
  { id: number; value: unknown } | { id: number; error: { message: string; dataErrorKind: DataError['kind'] | null } };

/** `self` of a dedicated worker (the project's types are the DOM's, where `postMessage` takes an origin). */
const scope = self as unknown as {
  onmessage: (event: MessageEvent<JobRequest>) => void;
  postMessage(message: JobReply, transfer?: Transferable[]): void;
};

scope.onmessage = (event) => {
  const { id, job } = event.data;
  runParquetJob(job).then(
    (value) => {
      const reply: JobReply = { id, value };
      scope.postMessage(reply, value instanceof Uint8Array || value instanceof Int32Array ? [value.buffer] : []);
    },
    (error: unknown) => {
      const reply: JobReply = {
        id,
        error: {
          message: error instanceof Error ? error.message : String(error),
          dataErrorKind: error instanceof DataError ? error.kind : null,
        },
      };
      scope.postMessage(reply);
    },
  );
};
