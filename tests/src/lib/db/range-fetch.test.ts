/**
 * Range reads against a real HTTP server that can answer a range with a short body, as Chromium's cache was seen to
 * (a 206 with the right Content-Range and no bytes): the short body is fetched again, and refused if it stays short.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createServer, type Server } from 'node:http';
import { asyncBufferFromUrl } from 'hyparquet';
import { expectedRangeLength, rangeFetch } from '../../../../src/lib/db/range-fetch.ts';

const FILE = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 31 + 7) % 251);

/** How many more range answers at each path come with an empty body; `/whole` ignores ranges. */
const shortAnswersLeft = new Map<string, number>();
let requests: string[] = [];
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push(`${req.method} ${path} ${req.headers.range ?? ''}`);
    const range = /bytes=(\d+)-(\d+)/.exec(req.headers.range ?? '');
    if (req.method === 'HEAD' || !range || path === '/whole') {
      res.writeHead(200, { 'Content-Length': FILE.length });
      res.end(req.method === 'HEAD' ? undefined : FILE);
      return;
    }
    const [start, end] = [Number(range[1]), Math.min(Number(range[2]), FILE.length - 1)];
    const left = shortAnswersLeft.get(path) ?? 0;
    shortAnswersLeft.set(path, left - 1);
    res.writeHead(206, { 'Content-Range': `bytes ${start}-${end}/${FILE.length}` });
    res.end(left > 0 ? undefined : FILE.subarray(start, end + 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  base = `http://127.0.0.1:${address.port}`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function readRange(path: string, start: number, end: number): Promise<Uint8Array> {
  requests = [];
  const file = await asyncBufferFromUrl({ url: `${base}${path}`, fetch: rangeFetch });
  return new Uint8Array(await file.slice(start, end));
}

describe('rangeFetch', () => {
  test('a full answer is passed on byte for byte, in one request', async () => {
    expect(await readRange('/full.parquet', 1_000, 4_000)).toEqual(FILE.subarray(1_000, 4_000));
    expect(requests.filter((r) => r.startsWith('GET'))).toEqual(['GET /full.parquet bytes=1000-3999']);
  });

  test('an empty body is fetched again, and the second answer is used', async () => {
    shortAnswersLeft.set('/once.parquet', 1);
    expect(await readRange('/once.parquet', 5, 2_005)).toEqual(FILE.subarray(5, 2_005));
    expect(requests.filter((r) => r.startsWith('GET'))).toHaveLength(2);
  });

  test('a body that stays short is refused, naming the file and the bytes', async () => {
    shortAnswersLeft.set('/broken.parquet', 10);
    await expect(readRange('/broken.parquet', 100, 200)).rejects.toThrow(
      '/broken.parquet: asked for bytes=100-199 and received 0 of 100 bytes, 2 times.',
    );
  });

  test('a server that ignores ranges sends the whole file, and the slice is cut from it', async () => {
    expect(await readRange('/whole', 9_000, 9_500)).toEqual(FILE.subarray(9_000, 9_500));
  });

  test('the length expected comes from Content-Range, else from the range asked for', () => {
    expect(expectedRangeLength('bytes=0-99', 'bytes 0-49/50')).toBe(50);
    expect(expectedRangeLength('bytes=10-19', null)).toBe(10);
    expect(expectedRangeLength('bytes=10-', null)).toBeNull();
  });
});
