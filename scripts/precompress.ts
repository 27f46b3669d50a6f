/**
 * Compressed serving, a Vite plugin. DuckDB-WASM's two wasm builds (34 MB and 39 MB) are nearly all of a first
 * load, and `vite preview` compresses on the fly only what its filter `/text|javascript|\/json|xml/` matches
 * (@polka/compression), never `application/wasm`. So the build writes `<file>.br` and `<file>.gz` beside each file
 * of the bundle that shrinks by at least a tenth, for static hosts that serve precompressed files (nginx
 * `gzip_static`/`brotli_static`, Caddy `precompressed`, sirv), and `vite preview` answers with them.
 *
 * Only the bundle's own files get copies, never those copied from `public/` (such as `data/`): a user may replace
 * them after the build, and a stale `.gz` would then be served in place of the new file. Range requests get the
 * file as it is. Brotli quality 9: 5.9 MB for the 34 MB wasm in ~11 s, against 5.2 MB in ~110 s at 11.
 */
import { createReadStream } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

/** Encodings in order of preference, with the suffix of their copies. */
export const ENCODINGS = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

const COMPRESSIBLE = new Set(['.wasm', '.js', '.mjs', '.css', '.html', '.svg', '.json', '.txt']);
const CONTENT_TYPES: Record<string, string> = {
  '.wasm': 'application/wasm',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.html': 'text/html',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.txt': 'text/plain',
};
const MIN_BYTES = 1024;
const MAX_RATIO = 0.9;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Writes the `.br` and `.gz` copies of `files` (paths relative to `outDir`) that pay; returns the paths written. */
export async function writeCompressedCopies(outDir: string, files: readonly string[]): Promise<string[]> {
  const written: string[] = [];
  await Promise.all(
    files
      .filter((file) => COMPRESSIBLE.has(extname(file)))
      .map(async (file) => {
        const path = join(outDir, file);
        const original = await readFile(path);
        if (original.length < MIN_BYTES) return;
        const copies = await Promise.all([
          brotli(original, {
            params: {
              [constants.BROTLI_PARAM_QUALITY]: 9,
              [constants.BROTLI_PARAM_SIZE_HINT]: original.length,
            },
          }),
          gzipAsync(original, { level: 9 }),
        ]);
        for (const [i, { suffix }] of ENCODINGS.entries()) {
          const copy = copies[i]!;
          if (copy.length > original.length * MAX_RATIO) continue;
          await writeFile(path + suffix, copy);
          written.push(path + suffix);
        }
      }),
  );
  return written.sort();
}

/** Whether `header` (an Accept-Encoding value) accepts `encoding` (a q=0 entry refuses it). */
export function acceptsEncoding(header: string, encoding: string): boolean {
  return header.split(',').some((part) => {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    return (name === encoding || name === '*') && (q === undefined || Number(q.slice(2)) > 0);
  });
}

/** Middleware: a precompressed copy of the requested file under `root` when there is one and the client takes it. */
export function servePrecompressed(root: string, base = '/') {
  const rootDir = resolve(root);
  return (req: IncomingMessage, res: ServerResponse, next: () => void): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || req.headers.range !== undefined) return next();
    let pathname: string;
    try {
      pathname = decodeURIComponent(new URL(req.url ?? '/', 'http://host').pathname);
    } catch {
      return next();
    }
    if (!pathname.startsWith(base)) return next();
    const file = resolve(rootDir, `.${sep}${pathname.slice(base.length)}`);
    const type = CONTENT_TYPES[extname(file)];
    if (type === undefined || !file.startsWith(rootDir + sep)) return next();
    const accept = String(req.headers['accept-encoding'] ?? '');
    const choices = ENCODINGS.filter(({ encoding }) => acceptsEncoding(accept, encoding));
    void (async () => {
      for (const { encoding, suffix } of choices) {
        const info = await stat(file + suffix).catch(() => null);
        if (info === null || !info.isFile()) continue;
        res.statusCode = 200;
        res.setHeader('Content-Type', type);
        res.setHeader('Content-Encoding', encoding);
        res.setHeader('Content-Length', info.size);
        res.setHeader('Vary', 'Accept-Encoding');
        if (req.method === 'HEAD') res.end();
        else createReadStream(file + suffix).pipe(res);
        return;
      }
      next();
    })().catch(next);
  };
}

/** The plugin: copies at `vite build`, served by `vite preview`. */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'topic-trends:precompress',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    async writeBundle(options, bundle) {
      await writeCompressedCopies(options.dir ?? outDir, Object.keys(bundle));
    },
    configurePreviewServer(server) {
      const base = server.config.base.startsWith('/') ? server.config.base : '/';
      server.middlewares.use(servePrecompressed(resolve(server.config.root, server.config.build.outDir), base));
    },
  };
}
