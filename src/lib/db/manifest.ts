/** Fetches and checks `manifest.json` and the Parquet files it names; every failure becomes a `DataError`. */
import {
  MANIFEST_FILE,
  SCHEMA_VERSION,
  TABLES,
  parquetFileOf,
  type Manifest,
  type RunParameters,
} from '../../schema.ts';
import { OVERRIDES_VERSION, parseOverrides } from '../../shared/topic-overrides.ts';
import { rangeFetch } from './range-fetch.ts';

export type DataErrorKind = 'missing' | 'corrupt' | 'version';

export class DataError extends Error {
  constructor(
    readonly kind: DataErrorKind,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'DataError';
  }
}

export const REBUILD_HINT = 'npm run pipeline -- --input data/arxiv-cs-sample.jsonl.gz --out public/data';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Narrows parsed JSON to the fields the dashboard relies on; the rest of the manifest is informational. */
export function parseManifest(value: unknown, where: string): Manifest {
  if (!isRecord(value)) throw new DataError('corrupt', `${where} is not a JSON object.`);
  const version = value['schemaVersion'];
  if (version !== SCHEMA_VERSION) {
    throw new DataError(
      'version',
      `${where} has schemaVersion ${JSON.stringify(version)}, this dashboard reads version ${SCHEMA_VERSION}.`,
    );
  }
  const tables = value['tables'];
  if (!isRecord(tables)) throw new DataError('corrupt', `${where} has no "tables" object.`);
  for (const spec of Object.values(TABLES)) {
    if (!isRecord(tables[spec.name])) throw new DataError('corrupt', `${where} does not list table "${spec.name}".`);
  }
  const parameters = value['parameters'];
  if (!isRecord(parameters)) throw new DataError('corrupt', `${where} has no "parameters" object.`);
  for (const name of ['growthWindow', 'growthMinPapers'] as const satisfies (keyof RunParameters)[]) {
    const n = parameters[name];
    const min = name === 'growthWindow' ? 1 : 0;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < min) {
      throw new DataError(
        'corrupt',
        `${where} has "parameters.${name}" ${JSON.stringify(n)}, expected an integer >= ${min}.`,
      );
    }
  }
  const manifest = value as unknown as Manifest;
  return {
    ...manifest,
    parameters: { ...manifest.parameters, ...corpusOf(parameters, where) },
    ...dateSpreadOf(value, where),
    ...overridesOf(value, where),
  };
}

/** `overrides`, checked by the overrides file's own parser against this run's id and topics (names are plain text). */
function overridesOf(value: Record<string, unknown>, where: string): Pick<Manifest, 'overrides'> {
  const applied = value['overrides'];
  if (applied === undefined) return {};
  const runId = value['runId'];
  const k = value['k'];
  try {
    if (!isRecord(applied) || typeof runId !== 'string' || typeof k !== 'number') throw new Error('expected an object');
    const { file, sourceRunId, notes } = applied;
    if (typeof file !== 'string' || typeof sourceRunId !== 'string')
      throw new Error('expected "file" and "sourceRunId" as text');
    if (!Array.isArray(notes) || !notes.every((n) => typeof n === 'string'))
      throw new Error('expected "notes" as a list of text');
    const own = parseOverrides(
      { version: OVERRIDES_VERSION, runId, renames: applied['renames'], merges: applied['merges'] },
      'overrides',
      { runId, k },
    );
    return { overrides: { file, sourceRunId, renames: own.renames, merges: own.merges, notes } };
  } catch (error) {
    throw new DataError('corrupt', `${where} has invalid "overrides": ${(error as Error).message}.`);
  }
}

/** The corpus note is shown as text and the sample flag picks the default measure; absent means none and false. */
function corpusOf(
  parameters: Record<string, unknown>,
  where: string,
): Pick<RunParameters, 'corpusNote' | 'volumeIsSample'> {
  const note = parameters['corpusNote'] ?? null;
  const sample = parameters['volumeIsSample'] ?? false;
  if (note !== null && typeof note !== 'string') {
    throw new DataError(
      'corrupt',
      `${where} has "parameters.corpusNote" ${JSON.stringify(note)}, expected text or null.`,
    );
  }
  if (typeof sample !== 'boolean') {
    throw new DataError(
      'corrupt',
      `${where} has "parameters.volumeIsSample" ${JSON.stringify(sample)}, expected true or false.`,
    );
  }
  return { corpusNote: note, volumeIsSample: sample };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const isDay = (v: unknown): v is string => typeof v === 'string' && DAY.test(v);

/**
 * `coreDateRange` and `dateOutliers`, which set the default date range and the header. Outputs of the same version
 * written before these fields existed read as having no outliers (the full range), as they were shown then.
 */
function dateSpreadOf(value: Record<string, unknown>, where: string): Pick<Manifest, 'coreDateRange' | 'dateOutliers'> {
  if (!('coreDateRange' in value) && !('dateOutliers' in value)) {
    return { coreDateRange: null, dateOutliers: { count: 0, dates: [] } };
  }
  const core = value['coreDateRange'];
  const first = isRecord(core) ? core['first'] : undefined;
  const last = isRecord(core) ? core['last'] : undefined;
  const coreDateRange = isDay(first) && isDay(last) && first <= last ? { first, last } : null;
  if (core !== null && coreDateRange === null) {
    throw new DataError(
      'corrupt',
      `${where} has "coreDateRange" ${JSON.stringify(core)}, expected null or {"first": "YYYY-MM-DD", "last": "YYYY-MM-DD"} with first <= last.`,
    );
  }
  const outliers = value['dateOutliers'];
  const count = isRecord(outliers) ? outliers['count'] : undefined;
  const dates = isRecord(outliers) ? outliers['dates'] : undefined;
  if (
    typeof count !== 'number' ||
    !Number.isInteger(count) ||
    count < 0 ||
    !Array.isArray(dates) ||
    !dates.every(isDay)
  ) {
    throw new DataError(
      'corrupt',
      `${where} has "dateOutliers" ${JSON.stringify(outliers)}, expected {"count": integer >= 0, "dates": ["YYYY-MM-DD", ...]}.`,
    );
  }
  return { coreDateRange, dateOutliers: { count, dates } };
}

export async function fetchManifest(dataUrl: URL): Promise<Manifest> {
  const url = new URL(MANIFEST_FILE, dataUrl);
  let response: Response;
  try {
    response = await fetch(url, { cache: 'no-cache' });
  } catch (cause) {
    throw new DataError('missing', `Could not fetch ${url.pathname}.`, { cause });
  }
  if (!response.ok) throw new DataError('missing', `${url.pathname} answered HTTP ${response.status}.`);
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    // Static servers with an SPA fallback (e.g. `vite preview`) answer a missing file with index.html and 200.
    const kind = /^\s*</.test(text) ? 'missing' : 'corrupt';
    throw new DataError(kind, `${url.pathname} is ${kind === 'missing' ? 'missing' : 'not valid JSON'}.`, { cause });
  }
  return parseManifest(json, url.pathname);
}

const PARQUET_MAGIC = 'PAR1';

/** Checks the first four bytes of each Parquet file, so an HTML fallback page is reported as a missing file. */
export async function checkParquetFiles(dataUrl: URL): Promise<void> {
  await Promise.all(
    Object.values(TABLES).map(async (spec) => {
      const url = new URL(parquetFileOf(spec), dataUrl);
      const response = await rangeFetch(url, { headers: { Range: 'bytes=0-3' } }).catch((cause: unknown) => {
        throw new DataError('missing', `Could not fetch ${url.pathname}.`, { cause });
      });
      if (!response.ok) throw new DataError('missing', `${url.pathname} answered HTTP ${response.status}.`);
      const head = await firstBytes(response, 4);
      const magic = String.fromCharCode(...head);
      if (magic !== PARQUET_MAGIC) {
        const kind = magic.startsWith('<') ? 'missing' : 'corrupt';
        throw new DataError(kind, `${url.pathname} is ${kind === 'missing' ? 'missing' : 'not a Parquet file'}.`);
      }
    }),
  );
}

/** Reads only the first bytes, in case the server ignores the Range header and sends the whole file. */
async function firstBytes(response: Response, n: number): Promise<Uint8Array> {
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array();
  const out = new Uint8Array(n);
  let filled = 0;
  while (filled < n) {
    const { done, value } = await reader.read();
    if (done) break;
    const take = value.subarray(0, n - filled);
    out.set(take, filled);
    filled += take.length;
  }
  await reader.cancel();
  return out.subarray(0, filled);
}
