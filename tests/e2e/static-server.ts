/**
 * A tiny static server for the built site: `dist/` at `/` (with its precompressed .br/.gz copies, as a static host
 * serves them), a data folder at `/data/`; missing files answer 404.
 */
import { createServer, type Server, type ServerResponse } from 'node:http';
import sirv from 'sirv';

export interface StaticServer {
  url: string;
  close(): Promise<void>;
}

export async function serveStatic(distDir: string, dataDir: string): Promise<StaticServer> {
  const site = sirv(distDir, { dev: false, etag: true, brotli: true, gzip: true });
  const data = sirv(dataDir, { dev: true, etag: true });
  const notFound = (res: ServerResponse): void => {
    res.statusCode = 404;
    res.end('not found');
  };
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (url.startsWith('/data/')) {
      req.url = url.slice('/data'.length);
      data(req, res, () => notFound(res));
    } else {
      site(req, res, () => notFound(res));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no port');
  return {
    url: `http://127.0.0.1:${address.port}/`,
    close: () => new Promise((resolve, reject) => server.close((e) => (e ? reject(e) : resolve()))),
  };
}
