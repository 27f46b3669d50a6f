/**
 * scripts/precompress.ts on real files: a real vite preview with the plugin serves a wasm file's precompressed
 * copy (Content-Encoding br or gzip, as the client accepts), the copies decompress to the original bytes, range
 * requests and clients that take no encoding get the file as it is.
 */
import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { preview, type PreviewServer } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptsEncoding, precompress, writeCompressedCopies } from '../../scripts/precompress.ts';

const WASM = 'node_modules/playwright-core/lib/webp_codec.wasm';
let dir: string;
let server: PreviewServer;
let base: string;
let written: string[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'precompress-'));
  await copyFile(WASM, join(dir, 'codec.wasm'));
  await writeFile(join(dir, 'tiny.js'), 'export const x = 1;\n');
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>t</title>');
  written = await writeCompressedCopies(dir, ['codec.wasm', 'tiny.js']);
  server = await preview({
    configFile: false,
    root: dir,
    base: './',
    logLevel: 'silent',
    plugins: [precompress()],
    build: { outDir: dir },
    preview: { host: '127.0.0.1', port: 0, strictPort: false },
  });
  base = server.resolvedUrls!.local[0]!;
});

afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe('precompress', () => {
  it('writeCompressedCopies(outDir, files) writes .br and .gz that decompress to the original; skips tiny files', async () => {
    expect(written).toEqual([join(dir, 'codec.wasm.br'), join(dir, 'codec.wasm.gz')]);
    const original = await readFile(join(dir, 'codec.wasm'));
    expect(brotliDecompressSync(await readFile(join(dir, 'codec.wasm.br'))).equals(original)).toBe(true);
    expect(gunzipSync(await readFile(join(dir, 'codec.wasm.gz'))).equals(original)).toBe(true);
  });

  it.each([
    ['gzip, deflate, br', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
  ])('vite preview answers Accept-Encoding %s with the wasm in %s', async (accept, encoding) => {
    const response = await fetch(`${base}codec.wasm`, { headers: { 'accept-encoding': accept } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-encoding')).toBe(encoding);
    expect(response.headers.get('content-type')).toBe('application/wasm');
    expect(response.headers.get('vary')).toBe('Accept-Encoding');
    // fetch decodes the body: it must be the original file.
    expect(Buffer.from(await response.arrayBuffer()).equals(await readFile(WASM))).toBe(true);
  });

  it('vite preview sends the file as it is to a client taking no encoding, and to a range request', async () => {
    const plain = await fetch(`${base}codec.wasm`, { headers: { 'accept-encoding': 'identity' } });
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await plain.arrayBuffer()).equals(await readFile(WASM))).toBe(true);
    const range = await fetch(`${base}codec.wasm`, { headers: { 'accept-encoding': 'br', range: 'bytes=0-3' } });
    expect(range.status).toBe(206);
    expect(range.headers.get('content-encoding')).toBeNull();
    expect(Buffer.from(await range.arrayBuffer())).toEqual((await readFile(WASM)).subarray(0, 4));
  });

  it('acceptsEncoding(header, encoding) reads q=0 as a refusal and * as any', () => {
    expect(acceptsEncoding('gzip, br', 'br')).toBe(true);
    expect(acceptsEncoding('gzip;q=0.5', 'gzip')).toBe(true);
    expect(acceptsEncoding('br;q=0', 'br')).toBe(false);
    expect(acceptsEncoding('*', 'gzip')).toBe(true);
    expect(acceptsEncoding('', 'gzip')).toBe(false);
  });
});
