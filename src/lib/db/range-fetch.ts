/**
 * The HTTP range reads behind every Parquet file the page reads by range (hyparquet's `asyncBufferFromUrl`). Two
 * guarantees, because a short body decodes silently into missing values (a paper without its id and title):
 * - they bypass the browser's HTTP cache (`no-store`): Chromium, answering overlapping range requests for one URL
 *   from its cache, was seen to send a 206 with the right Content-Range and an empty body;
 * - a body whose length is not the range asked for is fetched once more, then refused with an error naming the file
 *   and the bytes, never handed to the decoder.
 */

/** Bytes a 206 answer must carry: its Content-Range's span, else the span the request asked for. */
export function expectedRangeLength(requested: string, contentRange: string | null): number | null {
  const span = /bytes[= ](\d+)-(\d+)/.exec(contentRange ?? requested);
  return span ? Number(span[2]) - Number(span[1]) + 1 : null;
}

const ATTEMPTS = 2;

/** `fetch` for range reads (pass as `asyncBufferFromUrl`'s `fetch`): uncached, and a short body is never returned. */
export async function rangeFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  const range = new Headers(init?.headers).get('Range');
  for (let attempt = 1; ; attempt++) {
    const response = await fetch(input, { ...init, cache: 'no-store' });
    // No range asked (the HEAD for the length) or none given (a 200 with the whole file): nothing to check.
    if (range === null || response.status !== 206) return response;
    const want = expectedRangeLength(range, response.headers.get('Content-Range'));
    const body = await response.arrayBuffer();
    if (want === null || body.byteLength === want) {
      return new Response(body, { status: 206, statusText: response.statusText, headers: response.headers });
    }
    if (attempt === ATTEMPTS) {
      const url = input instanceof Request ? input.url : String(input);
      throw new Error(
        `${new URL(url).pathname}: asked for ${range} and received ${body.byteLength.toLocaleString('en')} of ${want.toLocaleString('en')} bytes, ${ATTEMPTS} times.`,
      );
    }
  }
}
