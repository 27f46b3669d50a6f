/**
 * Starts a worker thread on `<name>.ts`, a module beside the calling one. Compiled (`npm run pipeline`), the
 * caller is `build/pipeline/cli.js` and scripts/build-pipeline.js has bundled every `*-worker.ts` to
 * `build/pipeline/<name>.js` beside it. From source (vitest, tsx) Node 20 does not give a worker the TypeScript
 * loader for its entry module, so a tiny bootstrap registers tsx first.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** @param callerUrl the caller's `import.meta.url` */
export function startWorker(name: `${string}-worker`, callerUrl: string, options: WorkerOptions = {}): Worker {
  if (callerUrl.endsWith('.js')) return new Worker(new URL(`./${name}.js`, callerUrl), options);
  const entry = new URL(`./${name}.ts`, callerUrl).href;
  const bootstrap = `import(${JSON.stringify(tsxApiUrl())}).then((tsx) => { tsx.register(); return import(${JSON.stringify(entry)}); });`;
  return new Worker(bootstrap, { ...options, eval: true });
}

function tsxApiUrl(): string {
  try {
    return import.meta.resolve('tsx/esm/api');
  } catch {
    // Hosts without import.meta.resolve (vite-node): the CommonJS entry sits beside the ES module one.
    const commonJs = createRequire(import.meta.url).resolve('tsx/esm/api');
    return pathToFileURL(commonJs.replace(/\.cjs$/, '.mjs')).href;
  }
}

interface Waiter<Reply> {
  resolve: (reply: Reply) => void;
  reject: (error: unknown) => void;
}

/**
 * Worker threads that answer every message with exactly one reply, in the order received. A message goes to the
 * worker with the fewest outstanding; `request` resolves with that message's own reply, so a caller can await
 * replies in the order it sent them whatever the timing. The first error or exit of any worker rejects every
 * outstanding request and every later one, so a run fails loudly instead of waiting forever.
 */
export class RequestPool<Request, Reply> {
  readonly #workers: { worker: Worker; waiting: Waiter<Reply>[] }[] = [];
  #failure: Error | null = null;

  /** @param role names the workers in the error a lost worker gives, e.g. "placing worker" */
  constructor(workers: readonly Worker[], role: string) {
    for (const worker of workers) {
      const entry = { worker, waiting: [] as Waiter<Reply>[] };
      worker.on('message', (reply: Reply) => entry.waiting.shift()?.resolve(reply));
      const fail = (error: Error): void => {
        this.#failure ??= error;
        for (const waiter of entry.waiting.splice(0)) waiter.reject(error);
      };
      worker.on('error', fail);
      worker.on('exit', (code) => fail(new Error(`${role} exited with code ${code}`)));
      this.#workers.push(entry);
    }
  }

  get size(): number {
    return this.#workers.length;
  }

  /** Requests sent and not yet answered, over all workers. */
  get outstanding(): number {
    return this.#workers.reduce((sum, entry) => sum + entry.waiting.length, 0);
  }

  /** Sends `message`; `worker` is the index of the worker that answers it. */
  request(message: Request): { worker: number; reply: Promise<Reply> } {
    let worker = 0;
    this.#workers.forEach((entry, i) => {
      if (entry.waiting.length < this.#workers[worker]!.waiting.length) worker = i;
    });
    const entry = this.#workers[worker]!;
    const reply = new Promise<Reply>((resolve, reject) => {
      if (this.#failure !== null) return reject(this.#failure);
      entry.waiting.push({ resolve, reject });
      entry.worker.postMessage(message);
    });
    // Callers await replies in order; this keeps a later request's rejection from being "unhandled" meanwhile.
    reply.catch(() => undefined);
    return { worker, reply };
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
