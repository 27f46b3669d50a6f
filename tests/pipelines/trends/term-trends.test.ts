import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentMonths, forEachTermMonth, stageTermTrends } from '../../../pipelines/trends/term-trends.ts';
import { columnCounts } from '../../../pipelines/features/csr.ts';
import { OutputDatabase } from '../../../pipelines/write/output-database.ts';
import { parquet, query } from '../../helpers/duckdb.ts';
import { countsOf } from '../features/helpers.ts';

describe('documentMonths(dates, precisions)', () => {
  it('indexes day- and month-precision dates by month; undated and year-only documents get -1', () => {
    const { months, monthOfDoc } = documentMonths(
      ['2024-03-15', null, '2024-01-01', '2023-01-01', '2024-03-01'],
      ['day', null, 'month', 'year', 'month'],
    );
    expect(months).toEqual(['2024-01-01', '2024-03-01']);
    expect([...monthOfDoc]).toEqual([1, -1, 0, -1, 1]);
  });
});

describe('forEachTermMonth(counts, monthOfDoc, nMonths, emit)', () => {
  // Terms sort to columns: a=0, b=1, c=2.
  const { counts } = countsOf([['a', 'b', 'b'], ['b', 'c'], ['a'], ['c', 'c']]);

  function collect(monthOfDoc: number[], nMonths: number): Record<string, number>[] {
    const byMonth: Record<string, number>[] = [];
    forEachTermMonth(counts, Int32Array.from(monthOfDoc), nMonths, (month, termIds, docCounts) => {
      const entry: Record<string, number> = {};
      termIds.forEach((term, i) => (entry[`${month}:${'abc'[term]!}`] = docCounts[i]!));
      byMonth.push(entry);
    });
    return byMonth;
  }

  it('counts documents (not occurrences) per term and month, months ascending', () => {
    // month 0: docs 0 and 2 -> a in 2 docs, b in 1 (twice in doc 0 still counts once); month 1: docs 1 and 3.
    expect(collect([0, 1, 0, 1], 2)).toEqual([
      { '0:a': 2, '0:b': 1 },
      { '1:b': 1, '1:c': 2 },
    ]);
  });

  it('skips documents with month -1 and months without documents', () => {
    expect(collect([-1, 2, -1, -1], 3)).toEqual([{ '2:b': 1, '2:c': 1 }]);
  });
});

describe('stageTermTrends(connection, input) written through OutputDatabase', () => {
  /** `order: 'sort key'` writes with the schema's sort key instead of the relations' integer orders. */
  async function writeTermTrends(minDocFreq: number, order: 'ranks' | 'sort key' = 'ranks'): Promise<string> {
    const docs = [['zeta', 'alpha'], ['alpha'], ['alpha', 'beta'], ['beta'], ['éclair', 'alpha'], ['zeta']];
    const dates = ['2024-02-10', '2024-01-31', '2024-02-01', null, '2024-01-05', '2023-01-01'];
    const precisions = ['day', 'day', 'month', null, 'day', 'year'] as const;
    const { terms, counts } = countsOf(docs);
    const dir = mkdtempSync(join(tmpdir(), 'term-trends-'));
    const database = await OutputDatabase.open(dir);
    try {
      const sources = await database.stage((connection) =>
        stageTermTrends(connection, {
          counts,
          stems: terms,
          surfaceForm: (stem) => stem.toUpperCase(),
          docFreq: columnCounts(counts),
          months: documentMonths(dates, [...precisions]),
          minDocFreq,
        }),
      );
      const byRanks = order === 'ranks';
      await database.writeRelation(
        'termTrends',
        sources.termTrends,
        dir,
        byRanks ? sources.termTrendsOrder : undefined,
      );
      await database.writeRelation('terms', sources.terms, dir, byRanks ? sources.termsOrder : undefined);
    } finally {
      database.close();
    }
    return dir;
  }

  it('writes per-month document counts sorted by stem then month, zero months omitted', async () => {
    const dir = await writeTermTrends(1);
    expect(await query(`SELECT stem, period_start, doc_count FROM ${parquet(dir, 'term_trends')}`)).toEqual([
      { stem: 'alpha', period_start: '2024-01-01', doc_count: 2 },
      { stem: 'alpha', period_start: '2024-02-01', doc_count: 2 },
      { stem: 'beta', period_start: '2024-02-01', doc_count: 1 },
      { stem: 'zeta', period_start: '2024-02-01', doc_count: 1 },
      { stem: 'éclair', period_start: '2024-01-01', doc_count: 1 },
    ]);
  });

  it('indexes every term: doc_freq over all documents, and first_row/row_count slice exactly its rows', async () => {
    const dir = await writeTermTrends(1);
    const terms = await query<{ stem: string; term: string; doc_freq: number; first_row: string; row_count: number }>(
      `SELECT * FROM ${parquet(dir, 'terms')}`,
    );
    expect(terms).toEqual([
      { stem: 'alpha', term: 'ALPHA', doc_freq: 4, first_row: '0', row_count: 2 },
      { stem: 'beta', term: 'BETA', doc_freq: 2, first_row: '2', row_count: 1 },
      { stem: 'zeta', term: 'ZETA', doc_freq: 2, first_row: '3', row_count: 1 },
      { stem: 'éclair', term: 'ÉCLAIR', doc_freq: 1, first_row: '4', row_count: 1 },
    ]);
    for (const term of terms) {
      const sliced = await query(
        `SELECT stem, period_start FROM ${parquet(dir, 'term_trends')} LIMIT ${term.row_count} OFFSET ${term.first_row}`,
      );
      const filtered = await query(
        `SELECT stem, period_start FROM ${parquet(dir, 'term_trends')} WHERE stem = '${term.stem}' ORDER BY period_start`,
      );
      expect(sliced, term.stem).toEqual(filtered);
    }
  });

  it('sorting by stem ranks writes the same bytes as sorting by the sort key (stem, period_start)', async () => {
    const [byRanks, bySortKey] = [await writeTermTrends(1, 'ranks'), await writeTermTrends(1, 'sort key')];
    for (const table of ['term_trends', 'terms']) {
      const file = (dir: string): Buffer => readFileSync(join(dir, `${table}.parquet`));
      expect(file(byRanks).equals(file(bySortKey)), table).toBe(true);
    }
  });

  it('leaves out terms below minDocFreq from both tables', async () => {
    const dir = await writeTermTrends(2);
    expect(await query(`SELECT stem, first_row, row_count FROM ${parquet(dir, 'terms')}`)).toEqual([
      { stem: 'alpha', first_row: '0', row_count: 2 },
      { stem: 'beta', first_row: '2', row_count: 1 },
      { stem: 'zeta', first_row: '3', row_count: 1 },
    ]);
    expect(await query(`SELECT count(*)::INTEGER AS n FROM ${parquet(dir, 'term_trends')}`)).toEqual([{ n: 4 }]);
  });
});
