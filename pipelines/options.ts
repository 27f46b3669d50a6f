/**
 * Every pipeline option declared once: its flag, type, default, description and constraint. `--help` is printed
 * from this table and `resolveOptions` turns parsed argv into one complete, checked `PipelineOptions` value.
 */
import { availableParallelism } from 'node:os';
import {
  CLUSTER_TERMS,
  DEDUPE_MODES,
  GRANULARITIES,
  INPUT_FORMATS,
  KMEANS_ALGORITHMS,
  ON_ERROR_MODES,
  type ClusterTerms,
  type InputFormat,
  type KMeansAlgorithm,
  type RunParameters,
} from '../src/schema.ts';
import { DEFAULT_GROWTH_WINDOW } from '../src/shared/growth.ts';
import { CliError } from './errors.ts';
import { SAMPLED_ROWS } from './cluster/kmeans.ts';
import { DEFAULT_LABEL_SEPARATOR } from './ingest/csv.ts';
import { DEFAULT_LISTING_YEAR } from './ingest/listing-page.ts';
import { DEFAULT_MAX_ABSTRACT_CHARS } from './ingest/read-input.ts';
import { parseDate } from './ingest/dates.ts';
import { DEFAULT_WORD_INDEX_MAX_DOCS } from './trends/word-index.ts';

/** The latest day any date can name: `--max-date` itself is only checked for being a calendar day. */
const LATEST_DAY = '9999-12-31';

/** `--format`: a format, or `auto` to detect it per file. */
export const FORMAT_CHOICES = ['auto', ...INPUT_FORMATS] as const;
export type InputFormatOption = InputFormat | 'auto';

/**
 * `--algorithm auto` uses exact Lloyd up to this many documents and 'sampled' above (Lloyd on this many, then
 * refined on all): at 10^6 documents it took 30 s against mini-batch's 99 s, with lower inertia (bench/RESULTS.md).
 */
export const AUTO_SAMPLED_FROM_DOCS = SAMPLED_ROWS;

export const MAX_CORPUS_NOTE_CHARS = 500;

/** Default `--max-features`: the most frequent terms kept (as sklearn's max_features; reasons at the option). */
export const DEFAULT_MAX_FEATURES = 100_000;

/** The options the manifest records as they are (`RunParameters`); the others differ in shape or are not recorded. */
type RecordedAsIs =
  | 'format'
  | 'labelSeparator'
  | 'onError'
  | 'dedupe'
  | 'maxDate'
  | 'listingYear'
  | 'maxChars'
  | 'bigrams'
  | 'minDf'
  | 'maxFeatures'
  | 'sublinearTf'
  | 'seed'
  | 'maxIter'
  | 'tol'
  | 'nInit'
  | 'batchSize'
  | 'topTerms'
  | 'representatives'
  | 'granularity'
  | 'growthWindow'
  | 'termMinDf'
  | 'wordIndexMaxDocs'
  | 'mapSample'
  | 'corpusNote'
  | 'volumeIsSample';

export interface PipelineOptions extends Pick<RunParameters, RecordedAsIs> {
  inputs: string[];
  out: string;
  csvColumns: Record<string, string>;
  /** Infinity: no upper bound. */
  maxDf: number;
  k: number | 'auto';
  algorithm: KMeansAlgorithm | 'auto';
  clusterTerms: ClusterTerms;
  /** Threads that parse and analyse line formats; 1 = all in the main thread. Outputs do not depend on it. */
  workers: number;
  /** Themes the topics are grouped into (`--themes`); null: round(√k). */
  themes: number | null;
  /** An earlier output whose topics this run continues (`--previous`), or null. */
  previous: string | null;
  /** Names and merges chosen in the dashboard (`--overrides`), or null. */
  overrides: string | null;
  /** Fit on this many documents and stream the rest through the fitted model (`--fit-sample`); null: fit on all. */
  fitSample: number | null;
  quiet: boolean;
  debug: boolean;
}

interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** Shown in --help; also the value used when the flag is absent. */
  default?: string;
  valueName?: string;
  description: string;
}

export const OPTION_SPECS = {
  input: {
    type: 'string',
    short: 'i',
    multiple: true,
    valueName: 'FILE',
    description:
      'Input file (repeatable; positional arguments work too). .jsonl[.gz], .csv, arXiv snapshot, listing .txt',
  },
  out: {
    type: 'string',
    short: 'o',
    default: 'public/data',
    valueName: 'DIR',
    description: 'Output directory, replaced atomically',
  },
  format: { type: 'string', default: 'auto', description: FORMAT_CHOICES.join(' | ') },
  'csv-columns': {
    type: 'string',
    default: '',
    valueName: 'MAP',
    description:
      'CSV column mapping, e.g. "title=Title,abstract=Summary,date=Published" (fields: id,title,abstract,date,labels,source)',
  },
  'label-separator': {
    type: 'string',
    default: DEFAULT_LABEL_SEPARATOR,
    description: 'Separator of several labels in one CSV cell',
  },
  'on-error': {
    type: 'string',
    default: 'skip',
    description:
      'skip: report bad records, count them in the manifest and go on; fail: stop at the first, write nothing',
  },
  dedupe: {
    type: 'string',
    default: 'id+title',
    description:
      'id+title: drop repeats by id or case-folded title; id: by id only (for e-mail corpora with "Re:" subjects)',
  },
  'max-date': {
    type: 'string',
    valueName: 'YYYY-MM-DD',
    description: 'Dates after this are errors (default: today, UTC)',
  },
  'listing-year': {
    type: 'string',
    default: String(DEFAULT_LISTING_YEAR),
    description: 'Year for listing-page dates written without one',
  },
  'max-chars': {
    type: 'string',
    default: String(DEFAULT_MAX_ABSTRACT_CHARS),
    description: 'Records with a longer abstract are reported and skipped',
  },
  'no-bigrams': {
    type: 'boolean',
    description: 'Use single words only (bigrams such as "language model" are on by default)',
  },
  'min-df': {
    type: 'string',
    default: '5',
    description: 'Drop terms in fewer documents: an integer count, or a fraction < 1',
  },
  'max-df': {
    type: 'string',
    default: '0.5',
    description: 'Drop terms in more documents: a fraction < 1, an integer count, or none',
  },
  // 100,000 leaves corpora up to ~20k abstracts untouched (46k terms at 16k), and at 100k abstracts (249k terms)
  // it raised NMI vs arXiv category from 0.229 to 0.257 and roughly halved clustering time; at 10^6 it caps
  // 2.9 M columns, the k × nCols centroid arrays (460 MB each at k = 20) with them.
  'max-features': {
    type: 'string',
    default: String(DEFAULT_MAX_FEATURES),
    description: 'Keep only the N most frequent terms (none = all)',
  },
  'no-sublinear-tf': {
    type: 'boolean',
    description: 'Use raw term counts instead of 1 + ln(tf) (sublinear tf is on by default)',
  },
  k: {
    type: 'string',
    short: 'k',
    default: '20',
    description: 'Number of topics, or "auto" to choose from a small sweep',
  },
  seed: { type: 'string', default: '42', description: 'Random seed: the same input and seed give identical output' },
  themes: {
    type: 'string',
    valueName: 'N',
    description: 'Group the topics into N coarse themes (topic_tree; default: the square root of k, rounded)',
  },
  previous: {
    type: 'string',
    valueName: 'DIR',
    description:
      'An earlier output of this tool: start k-means from its topics and give each topic that continues one of them its id (topic_lineage records splits, merges, births, deaths)',
  },
  overrides: {
    type: 'string',
    valueName: 'FILE',
    description:
      "Topic names and merges downloaded from the dashboard, kept for this run's topics (through --previous's lineage when the file is of the previous run)",
  },
  algorithm: {
    type: 'string',
    default: 'auto',
    description: `k-means variant: lloyd (exact) | sampled (lloyd on ${SAMPLED_ROWS.toLocaleString('en-US')} documents, then refined on all) | minibatch | auto (lloyd up to ${AUTO_SAMPLED_FROM_DOCS.toLocaleString('en-US')} documents, sampled above)`,
  },
  // Unigrams: 62-77 % of the stored values, clustering 2-3x less CPU; mean NMI 0.269 -> 0.281 (25k arXiv) and
  // 0.271 -> 0.277 (100k), but 0.630 -> 0.618 (20 Newsgroups) and 0.259 -> 0.247 (arxiv-daily-cs): bench/RESULTS.md,
  // session 5. Labels and term trends use bigrams either way.
  'cluster-terms': {
    type: 'string',
    default: 'unigrams',
    description: 'Terms k-means clusters on: unigrams | all (labels and term trends keep bigrams either way)',
  },
  'max-iter': { type: 'string', default: '100', description: 'Maximum k-means iterations' },
  // 0.001 would save a third of the Lloyd iterations at the same NMI (bench/RESULTS.md, session 4), but a run
  // warm-started by --previous from such a loosely converged fit moved papers on an identical rerun.
  tol: {
    type: 'string',
    default: '0.0001',
    description: 'Lloyd k-means stops when the centroids move less than this (sum of squared shifts)',
  },
  'n-init': { type: 'string', default: '1', description: 'k-means restarts; the run with the lowest inertia wins' },
  'batch-size': { type: 'string', default: '4096', description: 'Mini-batch size' },
  'top-terms': { type: 'string', default: '10', description: 'Top terms kept per topic' },
  representatives: { type: 'string', default: '5', description: 'Representative papers marked per topic' },
  granularity: {
    type: 'string',
    default: 'month',
    description: 'Default period shown by the dashboard: week | month | quarter | year',
  },
  'growth-window': {
    type: 'string',
    default: String(DEFAULT_GROWTH_WINDOW),
    description: 'Periods (at --granularity) in each of the two windows compared for rising/falling topics',
  },
  'term-min-df': {
    type: 'string',
    default: '1',
    description: 'Term trends cover only terms in at least this many documents (bounds their size at scale)',
  },
  'word-index-max-docs': {
    type: 'string',
    default: String(DEFAULT_WORD_INDEX_MAX_DOCS),
    description:
      'Write the exact word and phrase index for term trends when there are at most this many dated documents; 0: never',
  },
  'map-sample': {
    type: 'string',
    default: '2500',
    description: 'Documents placed on the topic map (deterministic sample); 0 disables the map',
  },
  'corpus-note': {
    type: 'string',
    valueName: 'TEXT',
    description: `What the corpus is, in a sentence shown beside the charts (plain text, at most ${MAX_CORPUS_NOTE_CHARS} characters)`,
  },
  'volume-is-sample': {
    type: 'boolean',
    description:
      "The corpus is a sample: its volume shows the sampling, not the field's, so charts show share by default",
  },
  'fit-sample': {
    type: 'string',
    default: 'none',
    valueName: 'N',
    description:
      'Bounded memory: fit vocabulary, idf, topics and labels on a deterministic sample of N documents, then place every document in streaming batches; none: fit on all',
  },
  workers: {
    type: 'string',
    valueName: 'N',
    description:
      'Worker threads that parse and analyse JSON Lines input (default: available cores; 1: main thread only). Output does not depend on it',
  },
  quiet: { type: 'boolean', short: 'q', description: 'No progress output' },
  debug: { type: 'boolean', description: 'Show stack traces' },
  help: { type: 'boolean', short: 'h', description: 'Show this help' },
} as const satisfies Record<string, OptionSpec>;

export type ParsedValues = {
  [K in keyof typeof OPTION_SPECS]?: (typeof OPTION_SPECS)[K] extends { multiple: true } ? string[] : string | boolean;
};

export function helpText(): string {
  const lines = ['Usage: npm run pipeline -- --input FILE... [--out DIR] [options]', '', 'Options:'];
  for (const [name, spec] of Object.entries(OPTION_SPECS) as [string, OptionSpec][]) {
    const flag = `${spec.short ? `-${spec.short}, ` : '    '}--${name}${spec.type === 'string' ? ` ${spec.valueName ?? 'VALUE'}` : ''}`;
    const fallback = spec.default !== undefined && spec.default !== '' ? ` (default: ${spec.default})` : '';
    lines.push(`  ${flag.padEnd(32)} ${spec.description}${fallback}`);
  }
  return lines.join('\n');
}

const CSV_FIELDS = ['id', 'title', 'abstract', 'date', 'labels', 'source'] as const;

export function resolveOptions(values: ParsedValues, positionals: readonly string[], today: string): PipelineOptions {
  const text = (name: keyof typeof OPTION_SPECS): string => {
    const value = values[name];
    if (typeof value === 'string') return value;
    const spec: OptionSpec = OPTION_SPECS[name];
    return spec.default ?? '';
  };
  const inputs = [...(values.input ?? []), ...positionals];
  if (inputs.length === 0) throw new CliError('no input: give at least one --input FILE (see --help)');

  return {
    inputs,
    out: text('out'),
    format: keyword(text('format'), 'format', FORMAT_CHOICES),
    csvColumns: csvColumns(text('csv-columns')),
    labelSeparator: nonEmpty(text('label-separator'), 'label-separator', 'e.g. ; or |'),
    onError: keyword(text('on-error'), 'on-error', ON_ERROR_MODES),
    dedupe: keyword(text('dedupe'), 'dedupe', DEDUPE_MODES),
    maxDate: calendarDay(values['max-date'] === undefined ? today : text('max-date'), 'max-date'),
    listingYear: integer(text('listing-year'), 'listing-year', 1900, 2100),
    maxChars: integer(text('max-chars'), 'max-chars', 1, 100_000_000),
    bigrams: values['no-bigrams'] !== true,
    minDf: documentFrequency(text('min-df'), 'min-df'),
    maxDf: text('max-df') === 'none' ? Infinity : documentFrequency(text('max-df'), 'max-df'),
    maxFeatures: text('max-features') === 'none' ? null : integer(text('max-features'), 'max-features', 1, 10_000_000),
    sublinearTf: values['no-sublinear-tf'] !== true,
    k: text('k') === 'auto' ? 'auto' : integer(text('k'), 'k', 1, 1000),
    seed: integer(text('seed'), 'seed', 0, 2 ** 32 - 1),
    algorithm: keyword(text('algorithm'), 'algorithm', ['auto', ...KMEANS_ALGORITHMS] as const),
    clusterTerms: keyword(text('cluster-terms'), 'cluster-terms', CLUSTER_TERMS),
    maxIter: integer(text('max-iter'), 'max-iter', 1, 10_000),
    tol: number(text('tol'), 'tol', 0, 1),
    nInit: integer(text('n-init'), 'n-init', 1, 100),
    batchSize: integer(text('batch-size'), 'batch-size', 1, 10_000_000),
    topTerms: integer(text('top-terms'), 'top-terms', 1, 100),
    representatives: integer(text('representatives'), 'representatives', 0, 1000),
    granularity: keyword(text('granularity'), 'granularity', GRANULARITIES),
    growthWindow: integer(text('growth-window'), 'growth-window', 1, 1000),
    termMinDf: integer(text('term-min-df'), 'term-min-df', 1, 100_000_000),
    wordIndexMaxDocs: integer(text('word-index-max-docs'), 'word-index-max-docs', 0, 100_000_000),
    mapSample: integer(text('map-sample'), 'map-sample', 0, 1_000_000),
    corpusNote: values['corpus-note'] === undefined ? null : corpusNote(text('corpus-note')),
    volumeIsSample: values['volume-is-sample'] === true,
    workers: values.workers === undefined ? availableParallelism() : integer(text('workers'), 'workers', 1, 64),
    themes: values.themes === undefined ? null : integer(text('themes'), 'themes', 1, 1000),
    previous: values.previous === undefined ? null : nonEmpty(text('previous'), 'previous', 'an output directory'),
    overrides: values.overrides === undefined ? null : nonEmpty(text('overrides'), 'overrides', 'a JSON file'),
    fitSample: text('fit-sample') === 'none' ? null : integer(text('fit-sample'), 'fit-sample', 1, 1_000_000_000),
    quiet: values.quiet === true,
    debug: values.debug === true,
  };
}

export function keyword<T extends string>(input: string, name: string, allowed: readonly T[]): T {
  if ((allowed as readonly string[]).includes(input)) return input as T;
  throw new CliError(`invalid --${name}: ${JSON.stringify(input)}; expected one of ${allowed.join(', ')}`);
}

function integer(input: string, name: string, min: number, max: number): number {
  const value = Number(input);
  if (!/^-?\d+$/.test(input.trim()) || value < min || value > max) {
    throw new CliError(`invalid --${name}: ${JSON.stringify(input)}; expected an integer from ${min} to ${max}`);
  }
  return value;
}

function number(input: string, name: string, min: number, max: number): number {
  const value = Number(input);
  if (input.trim() === '' || !Number.isFinite(value) || value < min || value > max) {
    throw new CliError(`invalid --${name}: ${JSON.stringify(input)}; expected a number from ${min} to ${max}`);
  }
  return value;
}

/** A fraction in (0, 1) is a proportion of documents; a whole number >= 1 a document count (cf. sklearn's min_df). */
function documentFrequency(input: string, name: string): number {
  const value = number(input, name, 0, Number.MAX_SAFE_INTEGER);
  if (value === 0 || (value >= 1 && !Number.isInteger(value))) {
    throw new CliError(`invalid --${name}: ${JSON.stringify(input)}; expected a count >= 1 or a fraction in (0, 1)`);
  }
  return value;
}

/** The corpus note is shown as one line of text: no control characters, whitespace squashed. */
function corpusNote(input: string): string {
  const note = input.replace(/\s+/g, ' ').trim();
  // eslint-disable-next-line no-control-regex -- control characters are what is refused here
  if (note === '' || note.length > MAX_CORPUS_NOTE_CHARS || /[\u0000-\u001f\u007f]/.test(note)) {
    throw new CliError(
      `invalid --corpus-note: ${JSON.stringify(input.slice(0, 80))}; expected 1 to ${MAX_CORPUS_NOTE_CHARS} characters of plain text`,
    );
  }
  return note;
}

/** An empty separator would split every label cell into single characters. */
function nonEmpty(input: string, name: string, example: string): string {
  if (input === '') throw new CliError(`invalid --${name}: "" (empty); expected at least one character, ${example}`);
  return input;
}

/** A `YYYY-MM-DD` that names a calendar day (`2025-02-30` does not), by the ingest stage's own date parser. */
export function calendarDay(input: string, name: string): string {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(input) ? parseDate(input, LATEST_DAY) : null;
  if (parsed === null || 'error' in parsed) {
    const reason = parsed !== null && 'error' in parsed ? `: ${parsed.error}` : '';
    throw new CliError(`invalid --${name}: ${JSON.stringify(input)}${reason}; expected a calendar day as YYYY-MM-DD`);
  }
  return parsed.date;
}

function csvColumns(input: string): Record<string, string> {
  const mapping: Record<string, string> = {};
  if (input.trim() === '') return mapping;
  for (const pair of input.split(',')) {
    const [field, column] = pair.split('=').map((part) => part.trim());
    if (
      field === undefined ||
      column === undefined ||
      column === '' ||
      !(CSV_FIELDS as readonly string[]).includes(field)
    ) {
      throw new CliError(
        `invalid --csv-columns entry ${JSON.stringify(pair)}; expected FIELD=COLUMN with FIELD one of ${CSV_FIELDS.join(', ')}`,
      );
    }
    mapping[field] = column;
  }
  return mapping;
}
