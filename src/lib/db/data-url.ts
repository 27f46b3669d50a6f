/** Where the Parquet files live: `?data=` (same-origin relative paths only), else `VITE_DATA_URL`, else `./data/`. */

export const DEFAULT_DATA_URL = './data/';

const SAFE_RELATIVE_PATH = /^(?:\.{1,2}\/)*[A-Za-z0-9_\-.]+(?:\/[A-Za-z0-9_\-.]+)*\/?$/;

/** A relative path of plain segments: no scheme, no `//` host, no backslash, no query or fragment. */
export function isSafeRelativeDataPath(value: string): boolean {
  return value.length <= 200 && SAFE_RELATIVE_PATH.test(value) && !value.startsWith('/');
}

function withSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

/**
 * Resolves the data folder against the page.
 * @param search the page's `location.search`
 * @param buildDefault `import.meta.env.VITE_DATA_URL`; trusted (set by whoever builds the site)
 */
export function resolveDataUrl(search: string, buildDefault: string | undefined, pageUrl: string): URL {
  const fromQuery = new URLSearchParams(search).get('data');
  const chosen = fromQuery !== null && isSafeRelativeDataPath(fromQuery) ? fromQuery : buildDefault || DEFAULT_DATA_URL;
  const resolved = new URL(withSlash(chosen), pageUrl);
  const page = new URL(pageUrl);
  if (fromQuery !== null && resolved.origin !== page.origin) return new URL(DEFAULT_DATA_URL, pageUrl);
  return resolved;
}
