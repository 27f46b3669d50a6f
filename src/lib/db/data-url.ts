/** Where the Parquet files live: `?data=` (same-origin relative paths only), else `VITE_DATA_URL`, else `./data/`. */

export const DEFAULT_DATA_URL = './data/';
export const MAX_DATA_PATH_LENGTH = 200;

const SAFE_RELATIVE_PATH = /^(?:\.{1,2}\/)*[A-Za-z0-9_\-.]+(?:\/[A-Za-z0-9_\-.]+)*\/?$/;

/**
 * Why `value` is not a relative path of plain segments (no scheme, no `//` host, no backslash, no query or
 * fragment), or null when it is one. The reason names the rule, never echoes the value: it is shown in the page.
 */
export function dataPathProblem(value: string): string | null {
  if (value === '') return 'it is empty';
  if (value.length > MAX_DATA_PATH_LENGTH) return `it is longer than ${MAX_DATA_PATH_LENGTH} characters`;
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]{0,15}):/.exec(value);
  if (scheme) return `it is a ${scheme[1]!.toLowerCase()}: address, and only paths relative to this page are allowed`;
  if (value.startsWith('//')) return 'it names another host, and only paths relative to this page are allowed';
  if (value.startsWith('/')) return 'it is an absolute path, and only paths relative to this page are allowed';
  if (value.includes('\\')) return 'it contains a backslash';
  if (/[?#]/.test(value)) return 'it contains a query or fragment (? or #)';
  if (!SAFE_RELATIVE_PATH.test(value))
    return 'only folder names of letters, digits, _ - and . separated by / are allowed';
  return null;
}

/** A relative path of plain segments: no scheme, no `//` host, no backslash, no query or fragment. */
export function isSafeRelativeDataPath(value: string): boolean {
  return dataPathProblem(value) === null;
}

function withSlash(path: string): string {
  return path.endsWith('/') ? path : `${path}/`;
}

export interface DataSource {
  url: URL;
  /** Set when the link's `?data=` was not used: why, and the folder read instead (as configured, e.g. `./data/`). */
  refused: { reason: string; fallback: string } | null;
}

/**
 * Resolves the data folder against the page, saying why a `?data=` value was refused.
 * @param search the page's `location.search`
 * @param buildDefault `import.meta.env.VITE_DATA_URL`; trusted (set by whoever builds the site)
 */
export function resolveDataSource(search: string, buildDefault: string | undefined, pageUrl: string): DataSource {
  const fromQuery = new URLSearchParams(search).get('data');
  const fallback = buildDefault || DEFAULT_DATA_URL;
  const defaultSource = (reason: string | null): DataSource => ({
    url: new URL(withSlash(fallback), pageUrl),
    refused: reason === null ? null : { reason, fallback },
  });
  if (fromQuery === null) return defaultSource(null);
  const problem = dataPathProblem(fromQuery);
  if (problem !== null) return defaultSource(problem);
  const resolved = new URL(withSlash(fromQuery), pageUrl);
  // Unreachable with the pattern above; kept so a looser pattern can never send requests elsewhere.
  if (resolved.origin !== new URL(pageUrl).origin)
    return {
      url: new URL(DEFAULT_DATA_URL, pageUrl),
      refused: { reason: 'it leaves this site', fallback: DEFAULT_DATA_URL },
    };
  return { url: resolved, refused: null };
}

/** The data folder alone; see `resolveDataSource`. */
export function resolveDataUrl(search: string, buildDefault: string | undefined, pageUrl: string): URL {
  return resolveDataSource(search, buildDefault, pageUrl).url;
}
