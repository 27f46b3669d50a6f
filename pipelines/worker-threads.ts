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
