import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { classTfidf } from '../../../pipelines/label/ctfidf.ts';
import {
  countClusterTermMonths,
  forEachClusterTermMonthRow,
  sliceCandidates,
  stageClusterTermMonths,
  type ClusterTermMonthInput,
  type ClusterTermMonthRow,
} from '../../../pipelines/trends/cluster-term-months.ts';
import { rankSliceTerms, type SliceClassTotal, type SliceTermCount } from '../../../src/lib/queries/slice-terms.ts';
import { OutputDatabase } from '../../../pipelines/write/output-database.ts';
import { parquet, query } from '../../helpers/duckdb.ts';
import { csrFromDense } from '../cluster/fixtures.ts';

// Terms: 0 "graph", 1 "node", 2 "model", 3 "grpo". Months 0 = 2024-01, 1 = 2024-02; doc 4 is undated.
const GRAPH = 0;
const MODEL = 2;
const GRPO = 3;
const input: ClusterTermMonthInput = {
  counts: csrFromDense(
    [
      [2, 1, 0, 0], // month 0, topic 0
      [0, 0, 3, 0], // month 0, topic 1
      [1, 0, 1, 0], // month 1, topic 0
      [0, 0, 1, 2], // month 1, topic 1: "grpo" first occurs here
      [5, 0, 0, 0], // undated, topic 0: in no month
    ],
    false,
  ),
  clusterIds: Int32Array.from([0, 1, 0, 1, 0]),
  k: 2,
  months: { months: ['2024-01-01', '2024-02-01'], monthOfDoc: Int32Array.from([0, 0, 1, 1, -1]) },
};

function rowsOf(candidates: Uint8Array): ClusterTermMonthRow[] {
  const rows: ClusterTermMonthRow[] = [];
  forEachClusterTermMonthRow(input, candidates, (row) => rows.push({ ...row }));
  // Month, then topic, then term; the totals (null) last.
  const n = (v: number | null): number => v ?? Infinity;
  return rows.sort((a, b) => a.month - b.month || n(a.clusterId) - n(b.clusterId) || n(a.term) - n(b.term));
}

test('sliceCandidates(input, 1, 1) takes each topic-month best term by c-TF-IDF over that month alone', () => {
  // Month 0: class totals 3 and 3, A = 3, f = [2, 1, 3, 0].
  //   topic 0: graph (2/3)·ln(1 + 3/2) = 0.611 > node (1/3)·ln(1 + 3/1) = 0.462; topic 1: model, its only term.
  // Month 1: class totals 2 and 3, A = 2.5, f = [1, 0, 2, 2].
  //   topic 0: graph (1/2)·ln(1 + 2.5) = 0.626 > model (1/2)·ln(1 + 1.25) = 0.405
  //   topic 1: grpo (2/3)·ln(1 + 1.25) = 0.541 > model (1/3)·ln(1 + 1.25) = 0.270
  expect([...sliceCandidates(input, 1, 1)]).toEqual([1, 0, 0, 0, 0, 0, 1, 1]);
});

test('forEachClusterTermMonthRow(input, candidates) counts candidates, topic totals and term totals per month', () => {
  const c = (clusterId: number | null, month: number, term: number | null, termCount: number, docCount: number) => ({
    clusterId,
    month,
    term,
    termCount,
    docCount,
  });
  expect(rowsOf(sliceCandidates(input, 1, 1))).toEqual([
    c(0, 0, GRAPH, 2, 1),
    c(0, 0, null, 3, 1), // topic 0's total: graph 2 + node 1 (node is no candidate, but counts in the total)
    c(1, 0, MODEL, 3, 1),
    c(1, 0, null, 3, 1),
    c(null, 0, GRAPH, 2, 1),
    c(null, 0, MODEL, 3, 1), // no "grpo" row before month 1; the undated doc 4 counts nowhere
    c(0, 1, GRAPH, 1, 1),
    c(0, 1, null, 2, 1), // topic 0's "model" is no candidate of topic 0: no row of its own
    c(1, 1, MODEL, 1, 1),
    c(1, 1, GRPO, 2, 1),
    c(1, 1, null, 3, 1),
    c(null, 1, GRAPH, 1, 1),
    c(null, 1, MODEL, 2, 2),
    c(null, 1, GRPO, 2, 1),
  ]);
});

/** What the dashboard does: sum the rows of the months, then rank (src/lib/queries/slice-terms.ts). */
function sliceTerms(rows: readonly ClusterTermMonthRow[], months: readonly number[], clusterId: number) {
  const inSlice = rows.filter((r) => months.includes(r.month));
  const classes = new Map<number, SliceClassTotal>();
  const own = new Map<number, SliceTermCount>();
  for (const r of inSlice) {
    if (r.clusterId !== null && r.term === null) {
      const total = classes.get(r.clusterId) ?? { cluster_id: r.clusterId, term_total: 0, doc_count: 0 };
      classes.set(r.clusterId, { ...total, term_total: total.term_total + r.termCount });
    } else if (r.clusterId === clusterId && r.term !== null) {
      const t = own.get(r.term) ?? {
        stem: String(r.term),
        term: String(r.term),
        term_count: 0,
        doc_count: 0,
        term_total: 0,
      };
      own.set(r.term, { ...t, term_count: t.term_count + r.termCount, doc_count: t.doc_count + r.docCount });
    }
  }
  for (const r of inSlice) {
    const t = r.clusterId === null && r.term !== null ? own.get(r.term) : undefined;
    if (t) t.term_total += r.termCount;
  }
  return rankSliceTerms([...own.values()], [...classes.values()], clusterId, 10);
}

test('slice c-TF-IDF from the rows equals classTfidf over the documents of those months', () => {
  const candidates = sliceCandidates(input, 1, 1);
  const rows = rowsOf(candidates);
  // Both months: documents 0-3 (the undated one is in no month).
  const direct = classTfidf(csrFromDense(denseOf([0, 1, 2, 3]), false), Int32Array.from([0, 1, 0, 1]), 2);
  for (const clusterId of [0, 1]) {
    const fromRows = sliceTerms(rows, [0, 1], clusterId);
    expect(fromRows.length).toBeGreaterThan(0);
    for (const t of fromRows) expect(t.weight).toBe(direct.weights[clusterId * 4 + Number(t.stem)]);
  }
});

test('a term that first occurs after the slice never ranks in it', () => {
  const rows = rowsOf(sliceCandidates(input, 1, 1));
  expect(sliceTerms(rows, [0], 1).map((t) => Number(t.stem))).toEqual([MODEL]);
  expect(sliceTerms(rows, [1], 1).map((t) => Number(t.stem))).toEqual([GRPO, MODEL]);
});

test('sliceCandidates(input, perMonth, minDocs) skips terms in fewer than minDocs of the topic-month papers', () => {
  // Every term of the fixture is in exactly one paper of its topic-month.
  expect([...sliceCandidates(input, 50, 2)].every((v) => v === 0)).toBe(true);
  expect([...sliceCandidates(input, 50, 1)]).toEqual([1, 1, 1, 0, 0, 0, 1, 1]);
});

test('sliceCandidates and the rows are empty when no document is dated to a month', () => {
  const undated = { ...input, months: { months: [], monthOfDoc: Int32Array.from([-1, -1, -1, -1, -1]) } };
  const candidates = sliceCandidates(undated, 5, 1);
  expect(candidates.every((v) => v === 0)).toBe(true);
  let rows = 0;
  forEachClusterTermMonthRow(undated, candidates, () => rows++);
  expect(rows).toBe(0);
});

/** Writes the fixture's table; `order: 'sort key'` sorts by the schema's key instead of the staged integer order. */
async function writeTable(order: 'ranks' | 'sort key'): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'cluster-term-months-'));
  const database = await OutputDatabase.open(dir);
  try {
    const stems = ['graph', 'node', 'model', 'grpo'];
    const sources = await database.stage((connection) =>
      stageClusterTermMonths(connection, countClusterTermMonths(input, sliceCandidates(input, 1, 1)), input.months, {
        stems,
        surfaceForm: (stem) => stem.toUpperCase(),
      }),
    );
    await database.writeRelation(
      'clusterTermMonths',
      sources.relation,
      dir,
      order === 'ranks' ? sources.order : undefined,
    );
  } finally {
    database.close();
  }
  return dir;
}

test('stageClusterTermMonths(...) sorted by its integer order writes the sort key order, the same bytes', async () => {
  const [byRanks, bySortKey] = [await writeTable('ranks'), await writeTable('sort key')];
  const file = (dir: string): Buffer => readFileSync(join(dir, 'cluster_term_months.parquet'));
  expect(file(byRanks).equals(file(bySortKey))).toBe(true);
  const rows = await query(
    `SELECT cluster_id, period_start, stem, term FROM ${parquet(byRanks, 'cluster_term_months')}`,
  );
  // Topics, then months, then stems; the topic totals (stem NULL) and the term totals (cluster NULL) last.
  expect(rows.map((r) => `${String(r.cluster_id)} ${String(r.period_start)} ${String(r.stem)}`)).toEqual([
    '0 2024-01-01 graph',
    '0 2024-01-01 null',
    '0 2024-02-01 graph',
    '0 2024-02-01 null',
    '1 2024-01-01 model',
    '1 2024-01-01 null',
    '1 2024-02-01 grpo',
    '1 2024-02-01 model',
    '1 2024-02-01 null',
    'null 2024-01-01 graph',
    'null 2024-01-01 model',
    'null 2024-02-01 graph',
    'null 2024-02-01 grpo',
    'null 2024-02-01 model',
  ]);
});

function denseOf(docs: readonly number[]): number[][] {
  return docs.map((doc) => {
    const row = [0, 0, 0, 0];
    const { indptr, indices, data } = input.counts;
    for (let j = indptr[doc]!; j < indptr[doc + 1]!; j++) row[indices[j]!] = data[j]!;
    return row;
  });
}
