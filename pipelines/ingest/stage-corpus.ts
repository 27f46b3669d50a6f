/**
 * The full run's reading stage: one streaming pass that stages each kept record's text in the output database and
 * counts its terms into the vocabulary (the same terms and surface forms as TextAnalyzer +
 * VocabularyBuilder.addDocument, as integer ids). Line formats are parsed and encoded in worker threads, results
 * taken in file order (see `parallel/`).
 */
import type { DatePrecision } from '../../src/schema.ts';
import { CliError } from '../errors.ts';
import { TermBuilder } from '../features/term-builder.ts';
import type { PipelineOptions } from '../options.ts';
import type { Progress } from '../progress.ts';
import { isIndexedDate, WordIndexBuilder } from '../trends/word-index-builder.ts';
import type { OutputDatabase } from '../write/output-database.ts';
import { Deduplicator } from './dedupe.ts';
import { DocumentReader } from './parallel/document-reader.ts';
import { readCorpus, type CorpusOptions, type CorpusTally } from './read-corpus.ts';

export interface StagedCorpus extends CorpusTally {
  /** Holds the counted terms until `features` builds the vocabulary, then the surface forms. */
  analyzer: TermBuilder;
  /** The word index collected while reading (null when `--word-index-max-docs` is 0). */
  wordIndex: WordIndexBuilder | null;
  /** Per kept document, in staging order. */
  dates: (string | null)[];
  precisions: (DatePrecision | null)[];
}

/** Throws a CliError when no record is kept: there is nothing to cluster. */
export async function stageCorpus(
  options: PipelineOptions,
  database: OutputDatabase,
  progress: Progress,
): Promise<StagedCorpus> {
  const analyzer = new TermBuilder({ bigrams: options.bigrams });
  const wordIndex =
    options.wordIndexMaxDocs > 0 ? await WordIndexBuilder.open(database, options.wordIndexMaxDocs) : null;
  const reader = new DocumentReader(options.workers, analyzer, wordIndex);
  const dates: (string | null)[] = [];
  const precisions: (DatePrecision | null)[] = [];
  const tally = await readCorpus(
    options.inputs,
    readingOptions(options),
    new Deduplicator({ byTitle: options.dedupe === 'id+title' }),
    (file, ingest) => reader.read(file, ingest),
    async ({ doc, words, from, to, map, surface, surfaceFrom, surfaceTo, surfaceMap }) => {
      const docIndex = await database.stageDocument(doc);
      analyzer.addDocument(words, from, to, map);
      if (wordIndex !== null && isIndexedDate(doc.date, doc.datePrecision)) {
        await wordIndex.addDocument(docIndex, surface, surfaceFrom, surfaceTo, surfaceMap!);
      }
      dates.push(doc.date);
      precisions.push(doc.datePrecision);
    },
    progress,
  ).finally(() => reader.close());
  const { counts } = tally;
  if (counts.kept === 0) {
    throw new CliError(
      `no documents to cluster: read ${counts.read} records from ${options.inputs.join(', ')}, ${counts.skipped} skipped, ${counts.duplicates} duplicates`,
    );
  }
  return { ...tally, analyzer, wordIndex, dates, precisions };
}

/** The reading options of a full run, as given. */
export function readingOptions(options: PipelineOptions): CorpusOptions {
  return {
    format: options.format,
    onError: options.onError,
    csvColumns: options.csvColumns,
    labelSeparator: options.labelSeparator,
    maxDate: options.maxDate,
    listingYear: options.listingYear,
    maxAbstractChars: options.maxChars,
  };
}
