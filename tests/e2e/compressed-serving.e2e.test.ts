/**
 * Issue 13 (`issues show 13`): the built site's DuckDB wasm goes over the wire compressed. The build wrote .br and
 * .gz copies that decompress to the originals, `vite preview` as `npm start` runs it sends the wasm with
 * Content-Encoding, and the page, served precompressed by the e2e server, still opens DuckDB.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { preview } from 'vite';
import { describe, expect, inject, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

describe('compressed serving of the built site', () => {
  it('the build writes .br and .gz copies of each wasm that decompress to it', async () => {
    const assets = join(inject('distDir'), 'assets');
    const wasm = (await readdir(assets)).filter((file) => file.endsWith('.wasm'));
    expect(wasm.length).toBeGreaterThanOrEqual(1);
    for (const file of wasm) {
      const original = await readFile(join(assets, file));
      const br = await readFile(join(assets, `${file}.br`));
      const gz = await readFile(join(assets, `${file}.gz`));
      expect(br.length).toBeLessThan(original.length / 4);
      expect(brotliDecompressSync(br).equals(original)).toBe(true);
      expect(gunzipSync(gz).equals(original)).toBe(true);
    }
  });

  it('vite preview (npm start) sends the wasm with Content-Encoding br or gzip', async () => {
    const distDir = inject('distDir');
    const server = await preview({
      root: ROOT,
      configFile: join(ROOT, 'vite.config.ts'),
      logLevel: 'silent',
      build: { outDir: distDir },
      preview: { host: '127.0.0.1', port: 0, strictPort: false },
    });
    try {
      const base = server.resolvedUrls!.local[0]!;
      const file = (await readdir(join(distDir, 'assets'))).find((f) => f.endsWith('.wasm'))!;
      for (const encoding of ['br', 'gzip']) {
        const response = await fetch(`${base}assets/${file}`, { headers: { 'accept-encoding': encoding } });
        expect(response.headers.get('content-encoding')).toBe(encoding);
        expect(response.headers.get('content-type')).toBe('application/wasm');
        const body = Buffer.from(await response.arrayBuffer());
        expect(body.equals(await readFile(join(distDir, 'assets', file)))).toBe(true);
      }
    } finally {
      await server.close();
    }
  });

  it('the e2e server sends the wasm precompressed too', async () => {
    const distDir = inject('distDir');
    const file = (await readdir(join(distDir, 'assets'))).find((f) => f.endsWith('.wasm'))!;
    const response = await fetch(`${inject('baseUrl')}assets/${file}`, { headers: { 'accept-encoding': 'br' } });
    expect(response.headers.get('content-encoding')).toBe('br');
    await response.arrayBuffer();
  });
});
