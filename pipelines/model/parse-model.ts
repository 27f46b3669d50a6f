/**
 * Turns the saved model's files, read as `unknown`, into typed values or a `CliError` naming the file, the
 * field, the value found and how to rebuild: a damaged or foreign model must stop `assign` with one clear line,
 * never with a TypeError or NaN similarities further on.
 */
import { CLUSTER_TERMS, type ClusterTerms } from '../../src/schema.ts';
import { CliError } from '../errors.ts';

/** 3 added `clusterTerms`; a version 2 model clustered on every column and is read as `clusterTerms: 'all'`. */
export const MODEL_FORMAT_VERSION = 3;
const READABLE_FORMAT_VERSIONS: readonly unknown[] = [2, MODEL_FORMAT_VERSION];

export interface ModelJson {
  formatVersion: number;
  /** The `runId` of the full run that wrote the model; equal to its manifest's. */
  runId: string;
  k: number;
  nTerms: number;
  analyzer: { bigrams: boolean };
  tfidf: { smoothIdf: boolean; sublinearTf: boolean; norm: 'l2' };
  clusterTerms: ClusterTerms;
  trainingMeanSimilarity: number;
}

export interface Vocabulary {
  stems: string[];
  surfaceForms: string[];
}

/** The message tail of every damaged-model error. */
export function rebuildHint(outDir: string): string {
  return `rebuild it with a full run: npm run pipeline -- --input FILE --out ${outDir}`;
}

export function parseModelJson(value: unknown, file: string, outDir: string): ModelJson {
  const fail = (problem: string): never => {
    throw new CliError(`${file}: ${problem}; ${rebuildHint(outDir)}`);
  };
  if (!isRecord(value)) return fail(`expected a JSON object, got ${describe(value)}`);
  if (!READABLE_FORMAT_VERSIONS.includes(value['formatVersion'])) {
    fail(
      `not a model this version can read (formatVersion ${describe(value['formatVersion'])}, expected ${READABLE_FORMAT_VERSIONS.join(' or ')})`,
    );
  }
  const field = <T>(name: string, test: (v: unknown) => v is T, expected: string, from = value): T => {
    const found = from[name];
    return test(found) ? found : fail(`field "${name}" must be ${expected}, got ${describe(found)}`);
  };
  const analyzer = field('analyzer', isRecord, 'an object');
  const tfidf = field('tfidf', isRecord, 'an object');
  const k = field('k', isPositiveInteger, 'an integer >= 1');
  const nTerms = field('nTerms', isPositiveInteger, 'an integer >= 1');
  const trainingMeanSimilarity = field('trainingMeanSimilarity', isFinite, 'a finite number');
  if (trainingMeanSimilarity < -1 || trainingMeanSimilarity > 1) {
    fail(`field "trainingMeanSimilarity" must be a cosine in [-1, 1], got ${trainingMeanSimilarity}`);
  }
  return {
    formatVersion: MODEL_FORMAT_VERSION,
    runId: field('runId', isNonEmptyString, 'a non-empty string'),
    k,
    nTerms,
    analyzer: { bigrams: field('bigrams', isBoolean, 'true or false', analyzer) },
    tfidf: {
      smoothIdf: field('smoothIdf', isBoolean, 'true or false', tfidf),
      sublinearTf: field('sublinearTf', isBoolean, 'true or false', tfidf),
      norm: field('norm', (v): v is 'l2' => v === 'l2', '"l2"', tfidf),
    },
    clusterTerms:
      value['formatVersion'] === 2
        ? 'all'
        : field('clusterTerms', (v): v is ClusterTerms => CLUSTER_TERMS.includes(v as ClusterTerms), 'unigrams or all'),
    trainingMeanSimilarity,
  };
}

export function parseVocabulary(value: unknown, file: string, nTerms: number, outDir: string): Vocabulary {
  const fail = (problem: string): never => {
    throw new CliError(`${file}: ${problem}; ${rebuildHint(outDir)}`);
  };
  if (!isRecord(value)) return fail(`expected a JSON object, got ${describe(value)}`);
  const list = (name: 'stems' | 'surfaceForms'): string[] => {
    const found = value[name];
    if (!Array.isArray(found)) return fail(`field "${name}" must be an array of strings, got ${describe(found)}`);
    const bad = found.findIndex((item) => typeof item !== 'string');
    if (bad >= 0) fail(`${name}[${bad}] must be a string, got ${describe(found[bad])}`);
    if (found.length !== nTerms) fail(`${found.length} ${name}, model.json says nTerms ${nTerms}`);
    return found as string[];
  };
  return { stems: list('stems'), surfaceForms: list('surfaceForms') };
}

/** Every value finite (and > 0 when `positive`: smooth idf is at least 1); else the first bad one, located. */
export function checkValues(values: Float64Array, file: string, outDir: string, positive: boolean): Float64Array {
  const bad = values.findIndex((v) => !Number.isFinite(v) || (positive && v <= 0));
  if (bad >= 0) {
    throw new CliError(
      `${file}: value ${bad} is ${values[bad]}, expected a finite${positive ? ' positive' : ''} number; ${rebuildHint(outDir)}`,
    );
  }
  return values;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
const isBoolean = (v: unknown): v is boolean => typeof v === 'boolean';
const isFinite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const isPositiveInteger = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 1;
const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v !== '';

function describe(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  if (Array.isArray(value)) return 'an array';
  if (isRecord(value)) return 'an object';
  return JSON.stringify(value);
}
