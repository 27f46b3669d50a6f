"""Topic Trends on Apache Spark: places a corpus in the topics of a model fitted by the Node pipeline and writes
the same Parquet tables and manifest as a full run (src/schema.ts, read from build/spark/schema.json).

Every record goes through the project's own code on the executors: each partition is piped through
`assign-stream` (pipelines/assign/assign-stream.ts: record parsing, the analyzer, the saved vocabulary and idf,
nearest centroid), so terms and topics are those `assign` gives. Deduplication, trends (every granularity, dense
grid, coverage), growth, term trends, label trends, cluster summaries, cluster_term_months (and its topic totals,
`cluster_month_totals`) and the title search
index (`title_words`, `title_postings`, from each title's words as assign-stream gives them) are Spark SQL over
its output. Not written from a corpus: the word index (`words`, `word_postings`: empty, wordIndexMaxDocs 0) and
the topic map (`map_points` empty, mapSample 0); labels and top terms (`clusters.label`, `cluster_terms`), the
topic tree and the lineage (`topic_tree`, `topic_lineage`) are the
model's, as after `assign`.

    spark-submit pipelines/spark/topic_trends_job.py --model OUT_OF_A_FULL_RUN --input PATH... --out DIR

See docs/scale-out.md.
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import itertools
import json
import os
import re
import subprocess
import threading

from pyspark import SparkFiles
from pyspark.sql import DataFrame, SparkSession, Window
from pyspark.sql import functions as F
from pyspark.sql import types as T

SPARK_TYPES = {
    "VARCHAR": T.StringType(),
    "INTEGER": T.IntegerType(),
    "BIGINT": T.LongType(),
    "DOUBLE": T.DoubleType(),
    "DATE": T.DateType(),
    "VARCHAR[]": T.ArrayType(T.StringType()),
}

# What assign-stream writes per record (pipelines/assign/assign-stream.ts).
STREAM_SCHEMA = T.StructType(
    [
        T.StructField("file", T.StringType()),
        T.StructField("line", T.LongType()),
        T.StructField("id", T.StringType()),
        T.StructField("title", T.StringType()),
        T.StructField("abstract", T.StringType()),
        T.StructField("date", T.StringType()),
        T.StructField("precision", T.StringType()),
        T.StructField("labels", T.ArrayType(T.StringType())),
        T.StructField("source", T.StringType()),
        T.StructField("titleKey", T.StringType()),
        T.StructField("titleWords", T.ArrayType(T.StringType())),
        T.StructField("clusterId", T.IntegerType()),
        T.StructField("similarity", T.DoubleType()),
        T.StructField("termIds", T.ArrayType(T.IntegerType())),
        T.StructField("termCounts", T.ArrayType(T.IntegerType())),
        T.StructField("error", T.StringType()),
    ]
)

# Granularities a date of each precision counts at (pipelines/trends/periods.ts countsAt).
COUNTS_AT = {"day": {"week", "month", "quarter", "year"}, "month": {"month", "quarter", "year"}, "year": {"year"}}
PERIOD_STEP = {"week": "INTERVAL 7 DAYS", "month": "INTERVAL 1 MONTH", "quarter": "INTERVAL 3 MONTHS", "year": "INTERVAL 1 YEAR"}
# cluster_term_months candidates (pipelines/trends/cluster-term-months.ts).
CANDIDATES_PER_MONTH = 50
CANDIDATE_MIN_DOCS = 3
# Record fields read from CSV and Parquet inputs (pipelines/ingest/csv.ts DEFAULT_CSV_COLUMNS).
INPUT_FIELDS = ["id", "title", "abstract", "date", "labels", "source"]


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    spark = SparkSession.builder.appName("topic-trends").getOrCreate()
    spark.conf.set("spark.sql.session.timeZone", "UTC")
    # JavaScript semantics, as on the Node path: no ANSI errors on a guarded division or an empty label list.
    spark.conf.set("spark.sql.ansi.enabled", "false")
    contract = json.loads(read_text(spark, args.schema))
    job = Job(spark, contract, args)
    job.run()


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    here = os.path.dirname(os.path.abspath(__file__))
    build = os.path.join(here, "..", "..", "build", "spark")
    parser = argparse.ArgumentParser(description="Topic Trends on Spark: assign a corpus, write the dashboard's tables")
    parser.add_argument("--model", required=True, help="output directory of a full run (manifest.json, model/, clusters)")
    parser.add_argument("--input", required=True, nargs="+", help="corpus files or globs (JSON Lines, CSV, Parquet)")
    parser.add_argument("--format", choices=["jsonl", "csv", "parquet"], default="jsonl")
    parser.add_argument(
        "--label-separator", default=";", help="separator inside a CSV (or Parquet string) labels cell; default ;"
    )
    parser.add_argument("--out", required=True, help="output directory (replaced when the job succeeds)")
    parser.add_argument("--max-date", default=dt.date.today().isoformat(), help="later dates are errors (YYYY-MM-DD)")
    parser.add_argument("--schema", default=os.path.join(build, "schema.json"), help="build/spark/schema.json")
    parser.add_argument(
        "--stream",
        default=os.path.join(build, "assign-stream.js"),
        help="assign-stream bundle as executors see it: a path, or a file name shipped with --files",
    )
    parser.add_argument(
        "--executor-model",
        default=None,
        help="the model directory as executors see it (e.g. an --archives alias); default: --model",
    )
    parser.add_argument("--node", default="node", help="Node 20+ on the executors")
    return parser.parse_args(argv)


class Job:
    def __init__(self, spark: SparkSession, contract: dict, args: argparse.Namespace) -> None:
        self.spark = spark
        self.contract = contract
        self.args = args
        self.tables = contract["tables"]
        self.constants = contract["constants"]
        self.previous = json.loads(read_text(spark, f"{args.model}/{contract['manifestFile']}"))
        self.parameters = dict(self.previous["parameters"])
        model_json = json.loads(read_text(spark, f"{args.model}/model/model.json"))
        self.k = int(model_json["k"])
        self.written: dict[str, dict] = {}

    # ---- stages -------------------------------------------------------------------------------------------------

    def run(self) -> None:
        spark = self.spark
        records = self.placed_records().persist()
        records.createOrReplaceTempView("records")
        kept = self.deduplicated(records).persist()
        kept.createOrReplaceTempView("kept")
        vocabulary = self.vocabulary()
        vocabulary.createOrReplaceTempView("vocabulary")
        spark.sql(
            "SELECT doc_id, cluster_id, date, date_precision, term_id, term_counts[i] AS term_count FROM kept "
            "LATERAL VIEW posexplode(term_ids) t AS i, term_id"
        ).createOrReplaceTempView("doc_terms")

        fs_out = HadoopPaths(spark, self.args.out)
        staging = fs_out.staging()
        documents = self.documents()
        trends = self.trends().persist()
        trends.createOrReplaceTempView("trends")
        growth = self.growth(self.previous["defaultGranularity"])
        clusters = self.clusters(growth)
        term_trends, terms = self.term_trends()
        title_words, title_postings = self.title_index()
        cluster_term_months = self.cluster_term_months()
        outputs = {
            "documents": documents,
            "clusters": clusters,
            "clusterTerms": self.fitted_table("clusterTerms"),
            # Properties of the fitted topics, copied as `assign` copies them.
            "topicTree": self.fitted_table("topicTree"),
            "topicLineage": self.fitted_table("topicLineage"),
            "clusterTermMonths": cluster_term_months,
            # pipelines/trends/cluster-month-totals.ts: the topics' total rows of cluster_term_months, apart.
            "clusterMonthTotals": cluster_term_months.where("cluster_id IS NOT NULL AND stem IS NULL").select(
                "cluster_id", "period_start", "term_count", "doc_count"
            ),
            "trends": trends,
            "terms": terms,
            "termTrends": term_trends,
            "labelTrends": self.label_trends(),
            "titleWords": title_words,
            "titlePostings": title_postings,
        }
        for key, table in self.tables.items():
            frame = outputs[key] if key in outputs else spark.createDataFrame([], self.spark_schema(table))
            self.write_table(table, frame, staging)
        fs_out.copy_model(self.args.model, staging)
        manifest = self.manifest(records)
        fs_out.write_text(f"{staging}/{self.contract['manifestFile']}", json.dumps(manifest, indent=2) + "\n")
        fs_out.drop_checksums(staging)
        fs_out.replace_with(staging)
        # One session may run several jobs (tests/spark/): the next must not hold this one's cached frames.
        spark.catalog.clearCache()

    def fitted_table(self, key: str) -> DataFrame:
        """A table of the fitted run (`--model`), read as the full run wrote it."""
        return self.spark.read.parquet(f"{self.args.model}/{self.tables[key]['name']}.parquet")

    def placed_records(self) -> DataFrame:
        """Every non-blank record of the input, placed by assign-stream (or with the reason it is skipped)."""
        lines, first_line = self.input_records()
        # Line numbers as the Node readers count them: 1-based per file, in the file's order (a CSV's header is
        # line 1). A CSV row spanning lines in a quoted field counts one, where the Node reader counts each line.
        numbered = lines.withColumn("seq", F.monotonically_increasing_id()).withColumn(
            "line", F.row_number().over(Window.partitionBy("file").orderBy("seq")) + (first_line - 1)
        )
        envelopes = numbered.select(F.concat_ws("\t", "file", F.col("line").cast("string"), "record").alias("v"))
        command = [
            self.args.node,
            self.args.stream,
            "--model",
            self.args.executor_model or self.args.model,
            "--max-date",
            self.args.max_date,
            "--max-chars",
            str(self.parameters["maxChars"]),
        ]
        placed = envelopes.rdd.map(lambda row: row[0]).mapPartitions(lambda part: pipe_partition(part, command))
        return self.spark.read.schema(STREAM_SCHEMA).json(placed)

    def input_records(self) -> tuple[DataFrame, int]:
        """(file, record) rows, record the JSON object assign-stream parses; and each file's first record's line."""
        spark = self.spark
        if self.args.format == "jsonl":
            frame = spark.read.text(self.args.input)
            return frame.select(F.input_file_name().alias("file"), F.col("value").alias("record")), 1
        if self.args.format == "csv":
            # RFC 4180 as pipelines/ingest/csv-records.ts reads it: a quoted field may hold `,` and newlines and
            # writes a quote as `""`; a stray `"` in an unquoted field is text. Empty cells stay "" (Spark's
            # default reads them as null, which would turn an empty id into `<file stem>:<line>`).
            frame = (
                spark.read.option("header", True)
                .option("multiLine", True)
                .option("escape", '"')
                .option("nullValue", "\u0000")
                .csv(self.args.input)
            )
            frame = frame.toDF(*[name.strip() for name in frame.columns])
            first_line = 2
        else:
            frame = spark.read.parquet(*self.args.input)
            first_line = 1
        if "title" not in frame.columns:
            raise SystemExit(f"{self.args.input}: no `title` column (columns: {', '.join(frame.columns)})")
        fields = [F.col(c) for c in INPUT_FIELDS if c in frame.columns and c != "labels"]
        if "labels" in frame.columns:
            labels = F.col("labels")
            # A CSV cell, or a Parquet string column, holds labels joined by --label-separator, as in the CSV reader.
            if isinstance(frame.schema["labels"].dataType, T.StringType):
                labels = F.split(labels, label_pattern(self.args.label_separator))
            fields.append(labels.alias("labels"))
        return frame.select(F.input_file_name().alias("file"), F.to_json(F.struct(*fields)).alias("record")), first_line

    def deduplicated(self, records: DataFrame) -> DataFrame:
        """Kept records: the first of each id and (unless --dedupe id) each normalized title, in (file, line) order."""
        by_title = self.parameters["dedupe"] != "id"
        first_id = F.min(F.struct("file", "line")).over(Window.partitionBy("id"))
        first_title = F.min(F.struct("file", "line")).over(Window.partitionBy("titleKey"))
        here = F.struct("file", "line")
        ok = records.where(F.col("error").isNull())
        keep = first_id == here
        if by_title:
            keep = keep & ((F.col("titleKey") == "") | (first_title == here))
        return ok.withColumn("keep", keep).where("keep").select(
            F.col("id").alias("doc_id"),
            "title",
            "abstract",
            F.to_date("date").alias("date"),
            F.col("precision").alias("date_precision"),
            F.coalesce("labels", F.array().cast("array<string>")).alias("labels"),
            "source",
            F.col("clusterId").alias("cluster_id"),
            "similarity",
            F.col("termIds").alias("term_ids"),
            F.col("termCounts").alias("term_counts"),
            F.coalesce("titleWords", F.array().cast("array<string>")).alias("title_words"),
            "file",
            "line",
        )

    def vocabulary(self) -> DataFrame:
        vocab = json.loads(read_text(self.spark, f"{self.args.model}/model/vocabulary.json"))
        rows = list(zip(range(len(vocab["stems"])), vocab["stems"], vocab["surfaceForms"]))
        return self.spark.createDataFrame(rows, "term_id INT, stem STRING, term STRING")

    def documents(self) -> DataFrame:
        n = int(self.parameters["representatives"])
        rank = F.row_number().over(Window.partitionBy("cluster_id").orderBy(F.desc("similarity"), "doc_id"))
        return self.spark.table("kept").withColumn("representative_rank", F.when(rank <= n, rank))

    def trends(self) -> DataFrame:
        """pipelines/trends/volume.ts and coverage.ts in SQL: a dense grid from the first to the last dated period."""
        parts = []
        for g in self.contract["granularities"]:
            precisions = ", ".join(f"'{p}'" for p, gs in COUNTS_AT.items() if g in gs)
            last_day = (
                "CASE date_precision WHEN 'day' THEN date WHEN 'month' THEN last_day(date) "
                "ELSE make_date(year(date), 12, 31) END"
            )
            parts.append(
                f"""
                SELECT '{g}' AS granularity, grid.period_start, c.cluster_id,
                  CAST(coalesce(n.doc_count, 0) AS INT) AS doc_count,
                  CAST(coalesce(t.period_total, 0) AS INT) AS period_total,
                  CASE WHEN coalesce(t.period_total, 0) = 0 THEN 0D
                    ELSE CAST(coalesce(n.doc_count, 0) AS DOUBLE) / t.period_total END AS share,
                  CASE WHEN s.span_first IS NULL THEN 0D ELSE
                    greatest(0, least(datediff(grid.period_end, DATE'1970-01-01'), datediff(s.span_last, DATE'1970-01-01') + 1)
                      - greatest(datediff(grid.period_start, DATE'1970-01-01'), datediff(s.span_first, DATE'1970-01-01')))
                    / CAST(datediff(grid.period_end, grid.period_start) AS DOUBLE) END AS coverage
                FROM (
                  SELECT CAST(ts AS DATE) AS period_start, CAST(CAST(ts AS DATE) + {PERIOD_STEP[g]} AS DATE) AS period_end
                  FROM (SELECT explode(sequence(date_trunc('{g}', min(date)), date_trunc('{g}', max(date)), {PERIOD_STEP[g]})) AS ts
                        FROM kept WHERE date IS NOT NULL)
                ) grid
                CROSS JOIN (SELECT explode(sequence(0, {self.k - 1})) AS cluster_id) c
                CROSS JOIN (SELECT min(date) AS span_first, max({last_day}) AS span_last
                            FROM kept WHERE date_precision IN ({precisions})) s
                LEFT JOIN (SELECT CAST(date_trunc('{g}', date) AS DATE) AS period_start, cluster_id, count(*) AS doc_count
                           FROM kept WHERE date_precision IN ({precisions}) GROUP BY 1, 2) n
                  ON n.period_start = grid.period_start AND n.cluster_id = c.cluster_id
                LEFT JOIN (SELECT CAST(date_trunc('{g}', date) AS DATE) AS period_start, count(*) AS period_total
                           FROM kept WHERE date_precision IN ({precisions}) GROUP BY 1) t
                  ON t.period_start = grid.period_start
                """
            )
        return self.spark.sql(" UNION ALL ".join(parts))

    def growth(self, granularity: str) -> DataFrame:
        """src/shared/growth.ts clusterGrowth in SQL, the operations in its order so both give the same doubles."""
        window = int(self.parameters["growthWindow"])
        min_papers = int(self.parameters["growthMinPapers"])
        min_period = int(self.constants["minPeriodPapers"])
        z_critical = float(self.constants["zCritical"])
        return self.spark.sql(
            f"""
            WITH rows AS (SELECT * FROM trends WHERE granularity = '{granularity}' AND coverage >= 1
                          AND period_total >= {min_period}),
            periods AS (SELECT period_start, row_number() OVER (ORDER BY period_start DESC) AS back,
                               count(*) OVER () AS n_periods FROM (SELECT DISTINCT period_start FROM rows)),
            sums AS (
              SELECT r.cluster_id, max(p.n_periods) AS n_periods,
                sum(CASE WHEN p.back <= {window} THEN r.doc_count ELSE 0 END) AS x2,
                sum(CASE WHEN p.back <= {window} THEN r.period_total ELSE 0 END) AS n2,
                sum(CASE WHEN p.back > {window} AND p.back <= {2 * window} THEN r.doc_count ELSE 0 END) AS x1,
                sum(CASE WHEN p.back > {window} AND p.back <= {2 * window} THEN r.period_total ELSE 0 END) AS n1
              FROM rows r JOIN periods p USING (period_start) GROUP BY r.cluster_id),
            props AS (
              SELECT *, CAST(x1 AS DOUBLE) / n1 AS p1, CAST(x2 AS DOUBLE) / n2 AS p2,
                CAST(x1 + x2 AS DOUBLE) / (n1 + n2) AS pooled
              FROM sums WHERE n_periods >= {2 * window} AND n1 > 0 AND n2 > 0),
            z AS (
              SELECT *, 100 * (p2 - p1) AS growth,
                CASE WHEN pooled * (1 - pooled) = 0 THEN 0D
                  ELSE (p2 - p1) / sqrt(pooled * (1 - pooled) * (1D / n1 + 1D / n2)) END AS growth_z
              FROM props)
            SELECT cluster_id, growth, growth_z,
              CASE WHEN abs(growth_z) >= {z_critical} AND x1 + x2 >= {min_papers} AND n1 >= {min_papers}
                        AND n2 >= {min_papers}
                   THEN CASE WHEN growth_z > 0 THEN 'rising' ELSE 'falling' END ELSE 'steady' END AS trend_direction
            FROM z
            """
        )

    def clusters(self, growth: DataFrame) -> DataFrame:
        growth.createOrReplaceTempView("growth")
        labels = self.spark.read.parquet(f"{self.args.model}/{self.tables['clusters']['name']}.parquet")
        labels.select("cluster_id", "label").createOrReplaceTempView("model_labels")
        return self.spark.sql(
            f"""
            SELECT c.cluster_id, l.label, CAST(coalesce(s.size, 0) AS INT) AS size,
              CAST(coalesce(s.dated_size, 0) AS INT) AS dated_size, coalesce(s.mean_similarity, 0D) AS mean_similarity,
              s.first_date, s.last_date, g.growth, g.growth_z, coalesce(g.trend_direction, 'steady') AS trend_direction,
              CAST(NULL AS DOUBLE) AS map_x, CAST(NULL AS DOUBLE) AS map_y
            FROM (SELECT explode(sequence(0, {self.k - 1})) AS cluster_id) c
            JOIN model_labels l USING (cluster_id)
            LEFT JOIN (SELECT cluster_id, count(*) AS size, count(date) AS dated_size, avg(similarity) AS mean_similarity,
                              min(date) AS first_date, max(date) AS last_date FROM kept GROUP BY cluster_id) s USING (cluster_id)
            LEFT JOIN growth g USING (cluster_id)
            """
        )

    def term_trends(self) -> tuple[DataFrame, DataFrame]:
        """pipelines/trends/term-trends.ts: dated documents per term and month, and the index of each term's rows."""
        spark = self.spark
        min_df = int(self.parameters["termMinDf"])
        spark.sql(
            f"""
            SELECT v.stem, v.term, CAST(coalesce(d.doc_freq, 0) AS INT) AS doc_freq
            FROM vocabulary v LEFT JOIN (SELECT term_id, count(*) AS doc_freq FROM doc_terms GROUP BY term_id) d
              USING (term_id)
            WHERE coalesce(d.doc_freq, 0) >= {min_df}
            """
        ).createOrReplaceTempView("indexed_terms")
        term_trends = spark.sql(
            """
            SELECT v.stem, CAST(date_trunc('month', t.date) AS DATE) AS period_start, CAST(count(*) AS INT) AS doc_count
            FROM doc_terms t JOIN vocabulary v USING (term_id) JOIN indexed_terms i ON i.stem = v.stem
            WHERE t.date_precision IN ('day', 'month') GROUP BY 1, 2
            """
        ).persist()
        term_trends.createOrReplaceTempView("term_trends")
        terms = spark.sql(
            """
            SELECT i.stem, i.term, i.doc_freq,
              CAST(coalesce(sum(coalesce(c.n, 0)) OVER (ORDER BY i.stem ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
                   AS BIGINT) AS first_row,
              CAST(coalesce(c.n, 0) AS INT) AS row_count
            FROM indexed_terms i LEFT JOIN (SELECT stem, count(*) AS n FROM term_trends GROUP BY stem) c USING (stem)
            """
        )
        return term_trends, terms

    def title_index(self) -> tuple[DataFrame, DataFrame]:
        """pipelines/write/title-index.ts: each title's words (from assign-stream, src/shared/title-words.ts) with the
        document's rank in the papers list (newest first, undated last, then doc_id), its row in documents (in the
        contract's sort key, as write_table writes it) and its date; and where each word's postings lie."""
        documents_order = sort_columns(self.tables["documents"])
        docs = self.spark.table("kept").select(
            "title_words",
            "date",
            (F.row_number().over(Window.orderBy(*documents_order)) - 1).cast("int").alias("doc_row"),
            (F.row_number().over(Window.orderBy(F.col("date").desc_nulls_last(), F.col("doc_id").asc())) - 1)
            .cast("int")
            .alias("doc_rank"),
        )
        postings = docs.select(F.explode("title_words").alias("word"), "doc_rank", "doc_row", "date").persist()
        postings.createOrReplaceTempView("title_postings")
        words = self.spark.sql(
            """
            SELECT word, doc_freq,
              CAST(coalesce(sum(doc_freq) OVER (ORDER BY word ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0)
                   AS BIGINT) AS first_row
            FROM (SELECT word, CAST(count(*) AS INT) AS doc_freq FROM title_postings GROUP BY word)
            """
        )
        return words, postings

    def label_trends(self) -> DataFrame:
        no_label = self.constants["noLabel"].replace("'", "''")
        return self.spark.sql(
            f"""
            SELECT cluster_id, coalesce(nullif(try_element_at(labels, 1), ''), '{no_label}') AS label,
              CAST(date_trunc('month', date) AS DATE) AS period_start, CAST(count(*) AS INT) AS doc_count
            FROM kept WHERE date IS NOT NULL AND date_precision IN ('day', 'month') GROUP BY 1, 2, 3
            """
        )

    def cluster_term_months(self) -> DataFrame:
        """pipelines/trends/cluster-term-months.ts in SQL: candidate terms by c-TF-IDF per topic and month."""
        spark = self.spark
        spark.sql(
            """
            SELECT cluster_id, CAST(date_trunc('month', date) AS DATE) AS period_start, term_id,
              sum(term_count) AS term_count, count(*) AS doc_count
            FROM doc_terms WHERE date_precision IN ('day', 'month') GROUP BY 1, 2, 3
            """
        ).persist().createOrReplaceTempView("ctm_cells")
        spark.sql(
            """
            SELECT d.cluster_id, d.period_start, coalesce(c.term_count, 0) AS class_total, d.doc_count AS class_docs
            FROM (SELECT cluster_id, CAST(date_trunc('month', date) AS DATE) AS period_start, count(*) AS doc_count
                  FROM kept WHERE date_precision IN ('day', 'month') GROUP BY 1, 2) d
            LEFT JOIN (SELECT cluster_id, period_start, sum(term_count) AS term_count FROM ctm_cells GROUP BY 1, 2) c
              USING (cluster_id, period_start)
            """
        ).createOrReplaceTempView("ctm_classes")
        spark.sql(
            """
            SELECT period_start, term_id, sum(term_count) AS term_total, sum(doc_count) AS term_docs
            FROM ctm_cells GROUP BY 1, 2
            """
        ).createOrReplaceTempView("ctm_term_totals")
        spark.sql(
            f"""
            SELECT DISTINCT cluster_id, term_id FROM (
              SELECT cluster_id, term_id,
                row_number() OVER (PARTITION BY cluster_id, period_start ORDER BY w DESC, term_id) AS rank
              FROM (
                SELECT x.cluster_id, x.period_start, x.term_id,
                  (CAST(x.term_count AS DOUBLE) / k.class_total) * ln(1 + a.average_total / t.term_total) AS w
                FROM ctm_cells x
                JOIN ctm_classes k USING (cluster_id, period_start)
                JOIN ctm_term_totals t USING (period_start, term_id)
                JOIN (SELECT period_start, CAST(sum(class_total) AS DOUBLE) / count(*) AS average_total FROM ctm_classes
                      WHERE class_total > 0 GROUP BY 1) a USING (period_start)
                WHERE x.doc_count >= {CANDIDATE_MIN_DOCS})
              WHERE w > 0)
            WHERE rank <= {CANDIDATES_PER_MONTH}
            """
        ).persist().createOrReplaceTempView("ctm_candidates")
        return spark.sql(
            """
            SELECT x.cluster_id, x.period_start, v.stem, v.term, CAST(x.term_count AS INT) AS term_count,
              CAST(x.doc_count AS INT) AS doc_count
            FROM ctm_cells x JOIN ctm_candidates USING (cluster_id, term_id) JOIN vocabulary v USING (term_id)
            UNION ALL
            SELECT cluster_id, period_start, CAST(NULL AS STRING), CAST(NULL AS STRING), CAST(class_total AS INT),
              CAST(class_docs AS INT)
            FROM ctm_classes
            UNION ALL
            SELECT CAST(NULL AS INT), t.period_start, v.stem, v.term, CAST(t.term_total AS INT), CAST(t.term_docs AS INT)
            FROM ctm_term_totals t JOIN (SELECT DISTINCT term_id FROM ctm_candidates) USING (term_id)
              JOIN vocabulary v USING (term_id)
            """
        )

    # ---- output ------------------------------------------------------------------------------------------------

    def spark_schema(self, table: dict) -> T.StructType:
        return T.StructType(
            [T.StructField(c["name"], SPARK_TYPES[c["type"]], c["nullable"]) for c in table["columns"]]
        )

    def write_table(self, table: dict, frame: DataFrame, staging: str) -> None:
        """One Parquet file `<name>.parquet`, columns cast to the declared types, rows in the declared sort key.

        A table that declares `rowGroupRows` (documents, cluster_term_months) is written as the Node path writes it
        (pipelines/write/output-database.ts): row groups of that many rows, so that the dashboard reads one topic's
        groups by range. Parquet-java cuts row groups by bytes only, so the sorted partition is written as files of
        that many rows (Spark's maxRecordsPerFile, each file one row group) whose row groups are then concatenated
        unchanged into one file.
        """
        columns = [F.col(c["name"]).cast(SPARK_TYPES[c["type"]]).alias(c["name"]) for c in table["columns"]]
        order = sort_columns(table)
        frame = frame.select(*columns)
        part_dir = f"{staging}/_parts/{table['name']}"
        group_rows = table.get("rowGroupRows")
        writer = frame.repartition(1).sortWithinPartitions(*order).write.option("compression", "zstd")
        if group_rows is None:
            writer = writer.option("parquet.block.size", 8 * 1024 * 1024)
        else:
            # A block larger than any group of `group_rows` rows, so that each file holds exactly one row group.
            writer = writer.option("maxRecordsPerFile", group_rows).option("parquet.block.size", 1024 * 1024 * 1024)
        writer.mode("overwrite").parquet(part_dir)
        target = f"{staging}/{table['name']}.parquet"
        paths = HadoopPaths(self.spark, staging)
        if group_rows is None:
            paths.move_single_part(part_dir, target)
        else:
            paths.concatenate_parts(part_dir, target)
        rows = self.spark.read.parquet(target).count()  # from the footer, not a second pass
        self.written[table["name"]] = {"file": f"{table['name']}.parquet", "rows": rows}

    def manifest(self, records: DataFrame) -> dict:
        spark = self.spark
        per_file = {
            r["file"]: r["n"] for r in records.groupBy("file").agg(F.count("*").alias("n")).collect()
        }
        paths = HadoopPaths(spark, self.args.out)
        inputs = [
            {"file": f, "format": self.args.format, "bytes": paths.size(f), "records": per_file[f]}
            for f in sorted(per_file)
        ]
        read = sum(per_file.values())
        skipped = records.where("error IS NOT NULL").count()
        kept = spark.table("kept").count()
        undated = spark.table("kept").where("date IS NULL").count()
        skipped_records = [
            {"file": r["file"], "line": r["line"], "reason": r["error"]}
            for r in records.where("error IS NOT NULL").orderBy("file", "line").limit(int(self.constants["maxListedSkips"])).collect()
        ]
        dates = [
            (r["d"].isoformat(), r["n"])
            for r in spark.sql("SELECT date AS d, count(*) AS n FROM kept WHERE date IS NOT NULL GROUP BY 1").collect()
        ]
        parameters = {**self.parameters, "mapSample": 0, "wordIndexMaxDocs": 0}
        return {
            "schemaVersion": self.contract["schemaVersion"],
            "tool": self.contract["tool"],
            "inputs": inputs,
            "counts": {"read": read, "kept": kept, "skipped": skipped, "duplicates": read - kept - skipped, "undated": undated},
            "skippedRecords": skipped_records,
            "parameters": parameters,
            "runId": self.previous["runId"],
            "k": self.k,
            "kReduced": self.previous.get("kReduced"),
            "vocabularySize": self.previous["vocabularySize"],
            **date_spread(dates, self.constants),
            "defaultGranularity": self.previous["defaultGranularity"],
            "tables": self.written,
            "model": self.previous.get("model"),
        }


def sort_columns(table: dict) -> list:
    """The table's declared sort key as Spark sort columns; DuckDB, which writes the Node path's files, puts NULLs
    last both ways."""
    order = []
    for key in table["sortKey"]:
        name, _, direction = key.partition(" ")
        order.append(F.col(name).desc_nulls_last() if direction.upper() == "DESC" else F.col(name).asc_nulls_last())
    return order


def part_counter(name: str) -> int:
    """The write order of a part file one task wrote, `part-<task>-<uuid>-c<counter>.<codec>.parquet`: the counter
    is the "-c<digits>" before the extensions, never the first match (a uuid segment can start with "c" and digits)."""
    match = re.search(r"-c(\d+)\.[^-]*$", name)
    if match is None:
        raise RuntimeError(f"{name}: not a part file name of the form part-<task>-<uuid>-c<counter>.<ext>")
    return int(match.group(1))


def date_spread(histogram: list[tuple[str, int]], constants: dict) -> dict:
    """src/shared/date-outliers.ts dateSpread over a (date, count) histogram: O(distinct dates), not O(documents)."""
    histogram = sorted(histogram)
    n = sum(count for _, count in histogram)
    if n == 0:
        return {"dateRange": None, "coreDateRange": None, "dateOutliers": {"count": 0, "dates": []}}
    date_range = {"first": histogram[0][0], "last": histogram[-1][0]}
    if n < constants["minDated"]:
        return {"dateRange": date_range, "coreDateRange": date_range, "dateOutliers": {"count": 0, "dates": []}}

    ends = list(itertools.accumulate(count for _, count in histogram))
    ordinals = [dt.date.fromisoformat(date).toordinal() for date, _ in histogram]

    def day(i: int) -> int:
        """Day number of the i-th date in sorted order (0-based)."""
        return ordinals[bisect.bisect_right(ends, i)]

    tail = max(1, int(0.001 * n))  # the rule's default maxShare, 0.1 % a side
    gap_days = max(365, day(n - 1 - tail) - day(tail))
    low = max([i for i in range(1, tail + 1) if day(i) - day(i - 1) >= gap_days], default=0)
    high = max([i for i in range(1, tail + 1) if day(n - i) - day(n - i - 1) >= gap_days], default=0)

    def date_at(i: int) -> str:
        return dt.date.fromordinal(day(i)).isoformat()

    outliers = [date_at(i) for i in range(low)] + [date_at(i) for i in range(n - high, n)]
    distinct = sorted(set(outliers))[: constants["maxListedOutliers"]]
    return {
        "dateRange": date_range,
        "coreDateRange": {"first": date_at(low), "last": date_at(n - 1 - high)},
        "dateOutliers": {"count": len(outliers), "dates": distinct},
    }


def label_pattern(separator: str) -> str:
    """The Java regex F.split needs for pipelines/ingest/fields.ts splitLabels: a space means any run of spaces."""
    return r"\s+" if separator == " " else rf"\Q{separator}\E"


def pipe_partition(lines, command: list[str]):
    """Runs assign-stream over one partition's envelope lines; yields its JSON lines. Fails the task on exit != 0."""
    command = list(command)
    if not os.path.exists(command[1]):
        command[1] = SparkFiles.get(os.path.basename(command[1]))
    process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    errors: list[bytes] = []

    def feed() -> None:
        try:
            for line in lines:
                process.stdin.write(line.encode("utf-8") + b"\n")
        finally:
            process.stdin.close()

    writer = threading.Thread(target=feed, daemon=True)
    reader = threading.Thread(target=lambda: errors.append(process.stderr.read()), daemon=True)
    writer.start()
    reader.start()
    for out in process.stdout:
        yield out.decode("utf-8").rstrip("\n")
    writer.join()
    reader.join()
    if process.wait() != 0:
        raise RuntimeError(f"assign-stream exited with {process.returncode}: {b''.join(errors).decode('utf-8', 'replace')}")


def read_text(spark: SparkSession, path: str) -> str:
    """A whole small file on any Hadoop file system (the model, the contract)."""
    return spark.read.text(path, wholetext=True).first()[0]


class HadoopPaths:
    """File moves on the output's file system (local, HDFS, S3A, GCS) through Spark's own Hadoop client."""

    def __init__(self, spark: SparkSession, root: str) -> None:
        self.jvm = spark.sparkContext._jvm
        self.conf = spark.sparkContext._jsc.hadoopConfiguration()
        self.root = root
        self.fs = self.path(root).getFileSystem(self.conf)

    def path(self, p: str):
        return self.jvm.org.apache.hadoop.fs.Path(p)

    def size(self, p: str) -> int:
        return self.path(p).getFileSystem(self.conf).getFileStatus(self.path(p)).getLen()

    def staging(self) -> str:
        staging = f"{self.root.rstrip('/')}.tmp-{os.getpid()}"
        self.fs.delete(self.path(staging), True)
        self.fs.mkdirs(self.path(staging))
        return staging

    def move_single_part(self, part_dir: str, target: str) -> None:
        parts = [s.getPath() for s in self.fs.listStatus(self.path(part_dir)) if s.getPath().getName().endswith(".parquet")]
        if len(parts) != 1:
            raise RuntimeError(f"{part_dir}: expected one Parquet part, found {len(parts)}")
        self.fs.rename(parts[0], self.path(target))
        self.drop_parts(part_dir)

    def concatenate_parts(self, part_dir: str, target: str) -> None:
        """The part files one task wrote (`part-00000-<uuid>-c<counter>`, in write order) as one Parquet file: their
        row groups, statistics included, copied unchanged by parquet-java's ParquetFileWriter.appendFile."""
        parts = [s.getPath() for s in self.fs.listStatus(self.path(part_dir)) if s.getPath().getName().endswith(".parquet")]
        tasks = {str(p.getName()).split("-")[1] for p in parts}
        if len(tasks) != 1:
            raise RuntimeError(f"{part_dir}: expected the parts of one task, found tasks {sorted(tasks)}")
        parts.sort(key=lambda p: part_counter(str(p.getName())))
        parquet = self.jvm.org.apache.parquet.hadoop
        inputs = [parquet.util.HadoopInputFile.fromPath(p, self.conf) for p in parts]
        reader = parquet.ParquetFileReader.open(inputs[0])
        metadata = reader.getFooter().getFileMetaData()
        reader.close()
        writer = parquet.ParquetFileWriter(
            parquet.util.HadoopOutputFile.fromPath(self.path(target), self.conf),
            metadata.getSchema(),
            parquet.ParquetFileWriter.Mode.CREATE,
            parquet.ParquetWriter.DEFAULT_BLOCK_SIZE,
            parquet.ParquetWriter.MAX_PADDING_SIZE_DEFAULT,
        )
        writer.start()
        for part in inputs:
            writer.appendFile(part)
        writer.end(metadata.getKeyValueMetaData())
        self.drop_parts(part_dir)

    def drop_parts(self, part_dir: str) -> None:
        self.fs.delete(self.path(part_dir), True)
        parent = self.path(part_dir).getParent()
        if len(self.fs.listStatus(parent)) == 0:
            self.fs.delete(parent, True)

    def copy_model(self, model_root: str, staging: str) -> None:
        source = self.path(f"{model_root}/model")
        self.jvm.org.apache.hadoop.fs.FileUtil.copy(
            source.getFileSystem(self.conf), source, self.fs, self.path(f"{staging}/model"), False, self.conf
        )

    def write_text(self, p: str, text: str) -> None:
        stream = self.fs.create(self.path(p), True)
        stream.write(bytearray(text.encode("utf-8")))
        stream.close()

    def drop_checksums(self, directory: str) -> None:
        """Hadoop's local file system writes a `.name.crc` beside each file; the output holds only its own files."""
        for status in self.fs.listStatus(self.path(directory)):
            if status.isDirectory():
                self.drop_checksums(status.getPath().toString())
            elif status.getPath().getName().endswith(".crc"):
                self.fs.delete(status.getPath(), False)

    def replace_with(self, staging: str) -> None:
        """The finished output takes the place of --out; a failed job leaves the last good output."""
        out = self.path(self.root)
        old = self.path(f"{self.root.rstrip('/')}.old-{os.getpid()}")
        had_old = self.fs.exists(out)
        if had_old:
            self.fs.rename(out, old)
        self.fs.rename(self.path(staging), out)
        if had_old:
            self.fs.delete(old, True)


if __name__ == "__main__":
    main()
