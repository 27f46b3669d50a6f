/**
 * The contract between the pipeline and the dashboard: every output table, its columns and their meaning,
 * declared once as data. The pipeline builds its Parquet writes from it, the dashboard names columns through it,
 * and a golden test compares `DESCRIBE` of every written file with it. Imports nothing.
 */

/** Bumped whenever a table or column changes shape or meaning; the dashboard refuses other versions. */
export const SCHEMA_VERSION = 8;

export type ColumnType = 'VARCHAR' | 'INTEGER' | 'BIGINT' | 'DOUBLE' | 'DATE' | 'VARCHAR[]';

export interface ColumnSpec {
  readonly name: string;
  readonly type: ColumnType;
  readonly nullable: boolean;
  readonly meaning: string;
  readonly unit?: string;
}

export interface TableSpec {
  /** Table name in SQL and the Parquet file's base name (`<name>.parquet`). */
  readonly name: string;
  readonly meaning: string;
  readonly columns: readonly ColumnSpec[];
  /** ORDER BY of the written file; makes output byte-identical across runs. */
  readonly sortKey: readonly string[];
  /**
   * Rows per Parquet row group, where the dashboard reads the table by range: sorted by `sortKey`, each group's
   * min/max statistics name the topics (and months) it holds, so one topic is a few range requests instead of the
   * whole file. Tables without it use DuckDB's default (65,536). The Spark job writes the same groups.
   */
  readonly rowGroupRows?: number;
}

export const DATE_PRECISIONS = ['day', 'month', 'year'] as const;
export type DatePrecision = (typeof DATE_PRECISIONS)[number];

export const GRANULARITIES = ['week', 'month', 'quarter', 'year'] as const;
export type Granularity = (typeof GRANULARITIES)[number];

// The enumerations a run records in the manifest (`RunParameters`, `inputs[].format`), each listed once; the
// pipeline's option parsing and its stages take their types from here.
export const INPUT_FORMATS = ['jsonl', 'csv', 'arxiv-snapshot', 'listing'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];
/** A manifest's `inputs[].format`: the pipeline's formats, or Parquet, which the Spark job also reads. */
export type ManifestInputFormat = InputFormat | 'parquet';

export const KMEANS_ALGORITHMS = ['lloyd', 'sampled', 'minibatch'] as const;
export type KMeansAlgorithm = (typeof KMEANS_ALGORITHMS)[number];

/** The term columns k-means clusters on (`--cluster-terms`); labels, term trends and the map use every column. */
export const CLUSTER_TERMS = ['unigrams', 'all'] as const;
export type ClusterTerms = (typeof CLUSTER_TERMS)[number];

export const ON_ERROR_MODES = ['skip', 'fail'] as const;
export type OnError = (typeof ON_ERROR_MODES)[number];

export const DEDUPE_MODES = ['id+title', 'id'] as const;
export type Dedupe = (typeof DEDUPE_MODES)[number];

export const TABLES = {
  documents: {
    name: 'documents',
    meaning: 'One row per kept (deduplicated) input record, with its cluster assignment.',
    columns: [
      { name: 'doc_id', type: 'VARCHAR', nullable: false, meaning: 'Identifier from the input (e.g. arXiv id).' },
      { name: 'title', type: 'VARCHAR', nullable: false, meaning: 'Title, whitespace squashed; plain text.' },
      { name: 'abstract', type: 'VARCHAR', nullable: false, meaning: 'Abstract, whitespace squashed; may be empty.' },
      {
        name: 'date',
        type: 'DATE',
        nullable: true,
        meaning: 'Publication date; first day of the month or year when only that is known. Null when undated.',
      },
      {
        name: 'date_precision',
        type: 'VARCHAR',
        nullable: true,
        meaning: "'day', 'month' or 'year'; null when undated.",
      },
      {
        name: 'labels',
        type: 'VARCHAR[]',
        nullable: false,
        meaning: 'Input labels (e.g. arXiv categories, primary first).',
      },
      { name: 'source', type: 'VARCHAR', nullable: false, meaning: 'Corpus name the record came from.' },
      { name: 'cluster_id', type: 'INTEGER', nullable: false, meaning: 'Assigned cluster, 0..k-1.' },
      {
        name: 'similarity',
        type: 'DOUBLE',
        nullable: false,
        meaning: "Cosine similarity of the document's TF-IDF vector to its cluster centroid.",
        unit: 'cosine, -1..1',
      },
      {
        name: 'representative_rank',
        type: 'INTEGER',
        nullable: true,
        meaning:
          "1 for the cluster's most representative paper (closest to the centroid), 2 for the next, ...; null beyond the top N.",
      },
    ],
    sortKey: ['cluster_id', 'similarity DESC', 'doc_id'],
    // At 1M documents a topic is ~50k rows: ~12 groups.
    rowGroupRows: 4096,
  },
  clusters: {
    name: 'clusters',
    meaning: 'One row per cluster (topic).',
    columns: [
      { name: 'cluster_id', type: 'INTEGER', nullable: false, meaning: 'Cluster number, 0..k-1.' },
      {
        name: 'label',
        type: 'VARCHAR',
        nullable: false,
        meaning: 'Short human-readable label built from the top terms.',
      },
      {
        name: 'size',
        type: 'INTEGER',
        nullable: false,
        meaning: 'Number of documents in the cluster.',
        unit: 'documents',
      },
      {
        name: 'dated_size',
        type: 'INTEGER',
        nullable: false,
        meaning: 'Number of documents in the cluster that have a date.',
        unit: 'documents',
      },
      {
        name: 'mean_similarity',
        type: 'DOUBLE',
        nullable: false,
        meaning: 'Mean cosine similarity of members to the centroid (cohesion).',
        unit: 'cosine',
      },
      { name: 'first_date', type: 'DATE', nullable: true, meaning: 'Earliest member date; null when none is dated.' },
      { name: 'last_date', type: 'DATE', nullable: true, meaning: 'Latest member date; null when none is dated.' },
      {
        name: 'growth',
        type: 'DOUBLE',
        nullable: true,
        meaning:
          "Change of the cluster's share of papers between the last `growthWindow` periods (default granularity) and the window before; null when there are too few periods.",
        unit: 'percentage points',
      },
      {
        name: 'growth_z',
        type: 'DOUBLE',
        nullable: true,
        meaning: 'Two-proportion z statistic of that change; guards against noise from small counts.',
      },
      {
        name: 'trend_direction',
        type: 'VARCHAR',
        nullable: false,
        meaning: "'rising' or 'falling' when |growth_z| >= 1.96 and both windows hold enough papers, else 'steady'.",
      },
      { name: 'map_x', type: 'DOUBLE', nullable: true, meaning: 'Centroid position on the topic map.' },
      { name: 'map_y', type: 'DOUBLE', nullable: true, meaning: 'Centroid position on the topic map.' },
    ],
    sortKey: ['cluster_id'],
  },
  clusterTerms: {
    name: 'cluster_terms',
    meaning:
      "Top terms per cluster by their topic score (pipelines/label/term-scores.ts: c-TF-IDF and centroid weight, times the topic's share of the term).",
    columns: [
      { name: 'cluster_id', type: 'INTEGER', nullable: false, meaning: 'Cluster number.' },
      { name: 'rank', type: 'INTEGER', nullable: false, meaning: '1 for the highest-weighted term.' },
      {
        name: 'term',
        type: 'VARCHAR',
        nullable: false,
        meaning: 'Readable surface form (most frequent spelling of the stem).',
      },
      {
        name: 'stem',
        type: 'VARCHAR',
        nullable: false,
        meaning: 'Vocabulary key (Porter stem; bigrams joined by a space).',
      },
      {
        name: 'weight',
        type: 'DOUBLE',
        nullable: false,
        meaning:
          "The term's topic score: the geometric mean of its c-TF-IDF and centroid weights (each scaled to the topic's best term) times the topic's share of that mean over all topics.",
      },
      {
        name: 'doc_freq',
        type: 'INTEGER',
        nullable: false,
        meaning: 'Number of cluster members containing the term.',
        unit: 'documents',
      },
    ],
    sortKey: ['cluster_id', 'rank'],
  },
  clusterTermMonths: {
    name: 'cluster_term_months',
    meaning:
      "Term counts per topic and month, for c-TF-IDF over any range of whole months (the detail's range-local terms). Candidate terms only: a topic's 50 best terms by c-TF-IDF over each month alone (among those in 3 or more of its papers that month), with every month they occur in. Rows with a null stem hold the topic's total over all terms; rows with a null cluster_id the term's total over all topics. Only documents dated to the day or month count.",
    columns: [
      {
        name: 'cluster_id',
        type: 'INTEGER',
        nullable: true,
        meaning: 'Cluster number; null for the row of a term over all clusters.',
      },
      { name: 'period_start', type: 'DATE', nullable: false, meaning: 'First day of the month.' },
      {
        name: 'stem',
        type: 'VARCHAR',
        nullable: true,
        meaning: "Vocabulary key; null for the row of a cluster's total over all terms.",
      },
      { name: 'term', type: 'VARCHAR', nullable: true, meaning: 'Readable surface form; null when stem is null.' },
      {
        name: 'term_count',
        type: 'INTEGER',
        nullable: false,
        meaning: 'Occurrences of the term (or of all terms) in the documents of the cluster (or of all clusters).',
        unit: 'occurrences',
      },
      {
        name: 'doc_count',
        type: 'INTEGER',
        nullable: false,
        meaning: 'Those documents that contain the term (or all of them for a total row).',
        unit: 'documents',
      },
    ],
    sortKey: ['cluster_id', 'period_start', 'stem'],
    rowGroupRows: 8192,
  },
  clusterMonthTotals: {
    name: 'cluster_month_totals',
    meaning:
      "Every topic's total over all terms per month: the rows of cluster_term_months with a null stem, apart, so the range-local terms of one topic read these k × months rows instead of a pass over every topic's rows. Only documents dated to the day or month count.",
    columns: [
      { name: 'cluster_id', type: 'INTEGER', nullable: false, meaning: 'Cluster number.' },
      { name: 'period_start', type: 'DATE', nullable: false, meaning: 'First day of the month.' },
      {
        name: 'term_count',
        type: 'INTEGER',
        nullable: false,
        meaning: 'Occurrences of all terms in the documents of the cluster in the month.',
        unit: 'occurrences',
      },
      {
        name: 'doc_count',
        type: 'INTEGER',
        nullable: false,
        meaning: 'Documents of the cluster in the month.',
        unit: 'documents',
      },
    ],
    sortKey: ['cluster_id', 'period_start'],
  },
  trends: {
    name: 'trends',
    meaning:
      'Documents per cluster and period, for every granularity; a dense grid (zero counts included) from the first to the last dated period. Documents whose date precision is coarser than the granularity are left out of it (a year-only date counts only in yearly trends).',
    columns: [
      { name: 'granularity', type: 'VARCHAR', nullable: false, meaning: "'week', 'month', 'quarter' or 'year'." },
      {
        name: 'period_start',
        type: 'DATE',
        nullable: false,
        meaning: 'First day of the period (ISO weeks start on Monday).',
      },
      { name: 'cluster_id', type: 'INTEGER', nullable: false, meaning: 'Cluster number.' },
      {
        name: 'doc_count',
        type: 'INTEGER',
        nullable: false,
        meaning: 'Documents of the cluster in the period.',
        unit: 'documents',
      },
      {
        name: 'period_total',
        type: 'INTEGER',
        nullable: false,
        meaning: 'Documents of all clusters in the period (same granularity).',
        unit: 'documents',
      },
      {
        name: 'share',
        type: 'DOUBLE',
        nullable: false,
        meaning: 'doc_count / period_total; 0 when the period is empty.',
        unit: 'fraction 0..1',
      },
      {
        name: 'coverage',
        type: 'DOUBLE',
        nullable: false,
        meaning:
          "Days of the period inside the corpus's dated span (first to last dated day among the documents counted at this granularity; a month- or year-only date covers its whole month or year) over the period's days. Below 1 only at the edges: a partial period, drawn apart and left out of growth.",
        unit: 'fraction 0..1',
      },
    ],
    sortKey: ['granularity', 'period_start', 'cluster_id'],
  },
  terms: {
    name: 'terms',
    meaning:
      'Vocabulary index for term trends: one row per term, with where its rows lie in term_trends (sorted by stem), so a reader fetches only those rows.',
    columns: [
      {
        name: 'stem',
        type: 'VARCHAR',
        nullable: false,
        meaning: 'Vocabulary key (Porter stem; bigrams joined by a space).',
      },
      { name: 'term', type: 'VARCHAR', nullable: false, meaning: 'Readable surface form, lower case.' },
      {
        name: 'doc_freq',
        type: 'INTEGER',
        nullable: false,
        meaning: 'Documents containing the term.',
        unit: 'documents',
      },
      {
        name: 'first_row',
        type: 'BIGINT',
        nullable: false,
        meaning: 'Row number (0-based) of its first term_trends row.',
      },
      { name: 'row_count', type: 'INTEGER', nullable: false, meaning: 'Number of its term_trends rows.' },
    ],
    sortKey: ['stem'],
  },
  termTrends: {
    name: 'term_trends',
    meaning:
      'Documents containing each term per month (Ngram-viewer style); months with zero are omitted. Divide by the month total (trends) for a share.',
    columns: [
      { name: 'stem', type: 'VARCHAR', nullable: false, meaning: 'Vocabulary key.' },
      { name: 'period_start', type: 'DATE', nullable: false, meaning: 'First day of the month.' },
      {
        name: 'doc_count',
        type: 'INTEGER',
        nullable: false,
        meaning: 'Dated documents of the month containing the term.',
        unit: 'documents',
      },
    ],
    sortKey: ['stem', 'period_start'],
  },
  words: {
    name: 'words',
    meaning:
      'Word index for term trends: one row per distinct word of the dated titles and abstracts (a word as defined in src/shared/words.ts), with where its rows lie in word_postings (sorted by word). Empty when the run had more dated documents than --word-index-max-docs.',
    columns: [
      {
        name: 'word',
        type: 'VARCHAR',
        nullable: false,
        meaning: 'The word as written, lower case (stop words and numbers included, not stemmed).',
      },
      {
        name: 'stem',
        type: 'VARCHAR',
        nullable: false,
        meaning: "Its Porter stem, as the vocabulary stems: words sharing it form the word's family.",
      },
      {
        name: 'doc_freq',
        type: 'INTEGER',
        nullable: false,
        meaning: 'Dated documents containing the word.',
        unit: 'documents',
      },
      {
        name: 'first_row',
        type: 'BIGINT',
        nullable: false,
        meaning: 'Row number (0-based) of its first word_postings row.',
      },
      { name: 'row_count', type: 'INTEGER', nullable: false, meaning: 'Number of its word_postings rows.' },
    ],
    sortKey: ['word'],
  },
  wordPostings: {
    name: 'word_postings',
    meaning:
      'Every occurrence of every word in the titles and abstracts of documents dated to the day or month, for exact word and phrase counts. Read by row range (see words).',
    columns: [
      { name: 'word', type: 'VARCHAR', nullable: false, meaning: 'The word, lower case.' },
      { name: 'period_start', type: 'DATE', nullable: false, meaning: "First day of the document's month." },
      {
        name: 'doc',
        type: 'INTEGER',
        nullable: false,
        meaning: 'Document number within the index, 0..n-1 by month then doc_id.',
      },
      {
        name: 'position',
        type: 'INTEGER',
        nullable: false,
        meaning:
          "Word position: title words from 0, abstract words from the title's length + 1 (no phrase spans both).",
      },
    ],
    sortKey: ['word', 'doc', 'position'],
  },
  titleWords: {
    name: 'title_words',
    meaning:
      "Title search index: one row per distinct word of the documents' titles (src/shared/title-words.ts), with where its rows lie in title_postings (sorted by word), so a search reads a few row groups, never every title. Words sharing a prefix are adjacent, and so are their postings.",
    columns: [
      {
        name: 'word',
        type: 'VARCHAR',
        nullable: false,
        meaning: 'A title word: NFKC, lower case, a maximal run of letters and digits (stop words and numbers too).',
      },
      {
        name: 'doc_freq',
        type: 'INTEGER',
        nullable: false,
        meaning: 'Documents whose title holds the word: its number of title_postings rows.',
        unit: 'documents',
      },
      {
        name: 'first_row',
        type: 'BIGINT',
        nullable: false,
        meaning: 'Row number (0-based) of its first title_postings row.',
      },
    ],
    sortKey: ['word'],
    rowGroupRows: 8192,
  },
  titlePostings: {
    name: 'title_postings',
    meaning:
      'One row per title word and document (every document, dated or not), in the papers list order within a word. Read by row range (see title_words).',
    columns: [
      { name: 'word', type: 'VARCHAR', nullable: false, meaning: 'The title word.' },
      {
        name: 'doc_rank',
        type: 'INTEGER',
        nullable: false,
        meaning: "The document's place in the papers list (0-based): newest date first, undated last, then by doc_id.",
      },
      {
        name: 'doc_row',
        type: 'INTEGER',
        nullable: false,
        meaning: "The document's row in documents.parquet (0-based, in documents' sort order).",
      },
      {
        name: 'date',
        type: 'DATE',
        nullable: true,
        meaning: "The document's date, for the date filter without reading documents; null when undated.",
      },
    ],
    sortKey: ['word', 'doc_rank'],
    // A prefix's rows are one contiguous range; small groups keep the read of a rare word small.
    rowGroupRows: 16384,
  },
  labelTrends: {
    name: 'label_trends',
    meaning:
      "Documents per cluster, primary label (the record's first label) and month, to split a topic's trend by label.",
    columns: [
      { name: 'cluster_id', type: 'INTEGER', nullable: false, meaning: 'Cluster number.' },
      {
        name: 'label',
        type: 'VARCHAR',
        nullable: false,
        meaning: "The document's first label; '(none)' when it has none.",
      },
      { name: 'period_start', type: 'DATE', nullable: false, meaning: 'First day of the month.' },
      { name: 'doc_count', type: 'INTEGER', nullable: false, meaning: 'Documents.', unit: 'documents' },
    ],
    sortKey: ['cluster_id', 'label', 'period_start'],
  },
  mapPoints: {
    name: 'map_points',
    meaning: 'Topic map: 2D positions of a deterministic sample of documents (TF-IDF -> truncated SVD -> UMAP).',
    columns: [
      { name: 'doc_id', type: 'VARCHAR', nullable: false, meaning: 'Document identifier.' },
      { name: 'cluster_id', type: 'INTEGER', nullable: false, meaning: 'Cluster number.' },
      { name: 'x', type: 'DOUBLE', nullable: false, meaning: 'Map position.' },
      { name: 'y', type: 'DOUBLE', nullable: false, meaning: 'Map position.' },
      { name: 'date', type: 'DATE', nullable: true, meaning: 'Document date, for the date filter.' },
      { name: 'title', type: 'VARCHAR', nullable: false, meaning: 'Title, shown on hover; plain text.' },
    ],
    sortKey: ['doc_id'],
  },
  topicLineage: {
    name: 'topic_lineage',
    meaning:
      "How this run's topics descend from those of the run given as --previous (empty without it). Topics are matched one-to-one by the cosine of their centroids (optimal matching, pairs at or above the threshold in the manifest's lineage.matchThreshold); a matched topic keeps its cluster_id. One row per event: 'continued' (old topic -> its match), 'split' (a continuing old topic sent at least lineage.minShare of its papers to another new topic), 'merge' (an old topic without a match sent at least that share to a new topic), 'death' (an old topic without a match or merge), 'birth' (a new topic without a match that no split fed).",
    columns: [
      {
        name: 'event',
        type: 'VARCHAR',
        nullable: false,
        meaning: "'continued', 'split', 'merge', 'birth' or 'death'.",
      },
      {
        name: 'previous_cluster_id',
        type: 'INTEGER',
        nullable: true,
        meaning: "The topic's cluster_id in the previous run; null for a birth.",
      },
      {
        name: 'previous_label',
        type: 'VARCHAR',
        nullable: true,
        meaning: "The previous topic's label in the previous run; null for a birth.",
      },
      {
        name: 'cluster_id',
        type: 'INTEGER',
        nullable: true,
        meaning: "The topic's cluster_id in this run; null for a death.",
      },
      {
        name: 'cosine',
        type: 'DOUBLE',
        nullable: true,
        meaning:
          "Cosine between the previous centroid (mapped into this run's vocabulary by term) and the new one; null for a birth or death.",
        unit: 'cosine, -1..1',
      },
      {
        name: 'papers',
        type: 'INTEGER',
        nullable: false,
        meaning:
          "Papers (same doc_id) in the previous topic then and in the new topic now; for a birth, the new topic's papers; for a death, the previous topic's papers that are in this run.",
        unit: 'documents',
      },
      {
        name: 'share',
        type: 'DOUBLE',
        nullable: true,
        meaning:
          "papers / the previous topic's papers that are also in this run; null for a birth, or when none of them is.",
        unit: 'fraction 0..1',
      },
    ],
    // DuckDB and the Spark job both put NULLs last.
    sortKey: ['previous_cluster_id', 'cluster_id', 'event'],
  },
  topicTree: {
    name: 'topic_tree',
    meaning:
      "Coarse themes over the topics: one row per topic with its theme, from average-linkage agglomerative clustering of the centroids on cosine (deterministic; --themes, default round(sqrt(k))). A theme's trend is the sum of its topics' trends rows (doc_count and share add up exactly, as each paper has one topic).",
    columns: [
      { name: 'cluster_id', type: 'INTEGER', nullable: false, meaning: 'Cluster number, 0..k-1.' },
      {
        name: 'theme_id',
        type: 'INTEGER',
        nullable: false,
        meaning: 'Theme number, 0..themes-1, numbered by the smallest cluster_id in the theme.',
      },
      {
        name: 'theme_label',
        type: 'VARCHAR',
        nullable: false,
        meaning: "The theme's three heaviest terms in the size-weighted sum of its topics' centroids.",
      },
    ],
    sortKey: ['cluster_id'],
  },
} as const satisfies Record<string, TableSpec>;

export type TableKey = keyof typeof TABLES;

type TsTypeOf<T extends ColumnType> = T extends 'VARCHAR'
  ? string
  : T extends 'INTEGER' | 'DOUBLE'
    ? number
    : T extends 'BIGINT'
      ? bigint
      : T extends 'DATE'
        ? string
        : T extends 'VARCHAR[]'
          ? string[]
          : never;

/**
 * The row type of a table, derived from its declaration. DATE columns are ISO `YYYY-MM-DD` strings here;
 * readers that receive another representation convert at the boundary.
 */
export type RowOf<K extends TableKey> = {
  -readonly [C in (typeof TABLES)[K]['columns'][number] as C['name']]: C['nullable'] extends true
    ? TsTypeOf<C['type']> | null
    : TsTypeOf<C['type']>;
};

export type DocumentRow = RowOf<'documents'>;
export type ClusterRow = RowOf<'clusters'>;
export type ClusterTermRow = RowOf<'clusterTerms'>;
export type TrendRow = RowOf<'trends'>;
export type TopicLineageRow = RowOf<'topicLineage'>;
export type TopicTreeRow = RowOf<'topicTree'>;

/** Counts of what happened to the input records; read = kept + skipped + duplicates always holds. */
export interface RecordCounts {
  read: number;
  kept: number;
  skipped: number;
  duplicates: number;
  /** Kept records without a date: clustered, but not in the trend counts. */
  undated: number;
}

export interface SkippedRecord {
  file: string;
  /** 1-based line (record) number; null for a file-level problem. */
  line: number | null;
  reason: string;
}

/** `manifest.json`, written beside the Parquet files. */
export interface Manifest {
  schemaVersion: number;
  tool: { name: 'topic-trends'; version: string };
  inputs: { file: string; format: ManifestInputFormat; bytes: number; records: number }[];
  counts: RecordCounts;
  /** The first skipped records (up to a cap) with the reason, so a user can fix the input. */
  skippedRecords: SkippedRecord[];
  /** Every option that shaped the output, resolved to its final value, so the run can be reproduced. */
  parameters: RunParameters;
  /**
   * Identifies the full run: a hash of the inputs' contents, the resolved parameters and the tool version, so
   * the same input, options and seed give the same id. The saved model carries it too; `assign` refuses a
   * model whose id differs.
   */
  runId: string;
  k: number;
  /** Set when k-means left topics empty: they were dropped and `k` (< `from`) topics renumbered 0..k-1. */
  kReduced: { from: number; to: number; reason: string } | null;
  vocabularySize: number;
  dateRange: { first: string; last: string } | null;
  /**
   * `dateRange` without far outliers (at most 0.1 % of the dated documents on each side, separated from the
   * rest by a gap of more than a year and more than the rest's span; see `src/shared/date-outliers.ts`): the
   * dashboard's default date range. Equal to `dateRange` when there are none.
   */
  coreDateRange: { first: string; last: string } | null;
  /** Dated documents outside `coreDateRange`: how many, and their distinct dates (the first 10). */
  dateOutliers: { count: number; dates: string[] };
  defaultGranularity: Granularity;
  tables: Record<string, { file: string; rows: number }>;
  /** The saved model (vocabulary, idf, centroids) that `npm run pipeline -- assign` places new documents with. */
  model?: { files: string[]; trainingMeanSimilarity: number };
  /** Incremental `assign` runs applied since the full run, oldest first. */
  updates?: ManifestUpdate[];
  /** Set when the run was given `--previous`: what it was matched against and how (see `topic_lineage`). */
  lineage?: LineageSummary;
  /** Set when the run was given `--overrides`: the names and merges the dashboard shows. */
  overrides?: AppliedOverrides;
  /**
   * Set when the run was given `--fit-sample`: vocabulary, idf, topics and labels were fitted on `documents`
   * (min(requested, kept)) documents, a deterministic sample by hash of the id, and every kept document was then
   * placed at its nearest topic.
   */
  fitSample?: { requested: number; documents: number };
}

/**
 * The overrides file (`--overrides FILE`, downloaded by the dashboard; parsed by `src/shared/topic-overrides.ts`):
 * names and merges people chose, in the topic ids of the run `runId`.
 */
export interface TopicOverrides {
  version: 1;
  runId: string;
  renames: TopicRename[];
  merges: TopicMerge[];
}

export interface TopicRename {
  /** A cluster_id of the run `runId`. */
  topic: number;
  /** Plain text, 1..80 characters, never rendered as HTML. */
  name: string;
}

export interface TopicMerge {
  /** Two or more distinct cluster_ids, ascending: shown as one topic under the smallest, its series their sum. */
  topics: number[];
  name: string;
}

/**
 * `manifest.overrides`: the `--overrides` file carried to this run's ids (through `topic_lineage` when the run had
 * `--previous`). The tables are not relabelled; the dashboard shows these names and merges.
 */
export interface AppliedOverrides {
  /** The file's name, without its folder. */
  file: string;
  /** The run the file was made on. */
  sourceRunId: string;
  renames: TopicRename[];
  merges: TopicMerge[];
  /** One sentence per override dropped or changed because its topic did not continue. */
  notes: string[];
}

/** `manifest.lineage`: the previous run a `--previous` run continues, and the constants its matching used. */
export interface LineageSummary {
  previousRunId: string;
  previousK: number;
  /** Whether k-means started from the previous centroids (only when k equals the previous k). */
  warmStart: boolean;
  /** Topics pair only at or above this centroid cosine. */
  matchThreshold: number;
  /** A split or merge is recorded when at least this share of an old topic's papers went to the new topic. */
  minShare: number;
  /** Papers in both runs (same doc_id), and those of them whose cluster_id is the same in both. */
  papersInBoth: number;
  papersKeptId: number;
}

/**
 * `manifest.parameters`: the resolved value of every option that shaped the output (named as the literature
 * names them: `minDf`, `nInit`, ...), so a run can be reproduced and `assign` reads new data the same way.
 */
export interface RunParameters {
  format: InputFormat | 'auto';
  /** JSON of the CSV field -> column mapping, e.g. `{"title":"Title"}`. */
  csvColumns: string;
  labelSeparator: string;
  onError: OnError;
  dedupe: Dedupe;
  /** YYYY-MM-DD; later dates were errors. */
  maxDate: string;
  listingYear: number;
  maxChars: number;
  bigrams: boolean;
  /** A document count (>= 1) or a fraction of the documents (< 1). */
  minDf: number;
  /** As `minDf`; null: no upper bound (JSON has no Infinity). */
  maxDf: number | null;
  /** null: every term kept. */
  maxFeatures: number | null;
  sublinearTf: boolean;
  smoothIdf: true;
  norm: 'l2';
  kRequested: number | 'auto';
  /** The k the topics were fitted with (`--k auto` resolved). */
  k: number;
  seed: number;
  algorithmRequested: KMeansAlgorithm | 'auto';
  algorithm: KMeansAlgorithm;
  /** Absent in outputs written before `--cluster-terms` (they clustered on all terms). */
  clusterTerms?: ClusterTerms;
  maxIter: number;
  tol: number;
  nInit: number;
  batchSize: number;
  topTerms: number;
  representatives: number;
  granularity: Granularity;
  /** Periods in each of the two windows compared for rising and falling topics. */
  growthWindow: number;
  /** The growth guard: fewest papers for a verdict (see `src/shared/growth.ts`). */
  growthMinPapers: number;
  termMinDf: number;
  /** Dated documents up to which the word index (`words`, `word_postings`) is written; 0: never. */
  wordIndexMaxDocs: number;
  mapSample: number;
  /** What the corpus is, in a sentence shown beside the charts (`--corpus-note`); null when none was given. */
  corpusNote: string | null;
  /** The corpus is a sample (`--volume-is-sample`): its volume shows the sampling, so share is the default measure. */
  volumeIsSample: boolean;
  /** Themes the topics are grouped into (`--themes`; default round(sqrt(k))); absent in outputs written before them. */
  themes?: number;
  /** The `runId` of the output given as `--previous`, whose topics this run continues; absent without it. */
  previousRunId?: string;
  /** `--fit-sample`: documents the model was fitted on before every document was placed; absent: fitted on all. */
  fitSample?: number;
}

/** One incremental `assign` run: new documents placed into the existing clusters without re-clustering. */
export interface ManifestUpdate {
  inputs: { file: string; format: ManifestInputFormat; bytes: number; records: number }[];
  counts: RecordCounts;
  /** Mean cosine of the kept new documents to their centroids; null when none was kept. */
  meanSimilarity: number | null;
  /** Below this mean similarity the new data no longer fits the clusters (refit ratio × training mean). */
  refitThreshold: number;
  /** True when meanSimilarity fell below refitThreshold: a full re-run is advised. */
  refitAdvised: boolean;
}

export const MANIFEST_FILE = 'manifest.json';

export function parquetFileOf(table: TableSpec): string {
  return `${table.name}.parquet`;
}
