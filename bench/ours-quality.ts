/**
 * Our side of the quality comparison, from a finished pipeline output: `labels.csv` (doc_id,cluster_id) for
 * `quality.py`, and the NPMI coherence of each cluster's top terms over our own binary doc-term matrix.
 *
 * NPMI(a, b) = ln(P(a, b) / (P(a) P(b))) / -ln P(a, b), with P(x) = docs containing x / N over the N kept docs;
 * -1 when a and b never share a document. A cluster's score is the mean over the 45 pairs of its top 10 terms
 * (`cluster_terms` stems, rank order). "Containing" means the term is among the terms `TextAnalyzer` gives for
 * `title + ". " + abstract` with the run's bigram setting: the pipeline's own doc-term matrix before pruning, and
 * every top term survived pruning, so presence is the same as in the pruned matrix.
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { TextAnalyzer } from '../pipelines/text/analyze.ts';

export interface OursQuality {
  labelsCsv: string;
  topTerms: string[][];
  npmiPerCluster: number[];
  npmiMean: number;
}

const sqlPath = (path: string): string => `'${path.replaceAll("'", "''")}'`;

export async function oursQuality(outDir: string, workDir: string, bigrams = true): Promise<OursQuality> {
  await mkdir(workDir, { recursive: true });
  const connection = await (await DuckDBInstance.create(':memory:')).connect();
  const labelsCsv = join(workDir, 'labels.csv');
  await connection.run(
    `COPY (SELECT doc_id, cluster_id FROM read_parquet(${sqlPath(join(outDir, 'documents.parquet'))}) ORDER BY doc_id) TO ${sqlPath(labelsCsv)} (HEADER, DELIMITER ',')`,
  );
  const termRows = (
    await connection.runAndReadAll(
      `SELECT cluster_id, stem, term FROM read_parquet(${sqlPath(join(outDir, 'cluster_terms.parquet'))}) WHERE rank <= 10 ORDER BY cluster_id, rank`,
    )
  ).getRowObjectsJson() as { cluster_id: number; stem: string; term: string }[]; // INTEGER, VARCHAR, VARCHAR NOT NULL
  const stemsByCluster = new Map<number, string[]>();
  const surfaceByCluster = new Map<number, string[]>();
  for (const row of termRows) {
    const id = row.cluster_id;
    stemsByCluster.set(id, [...(stemsByCluster.get(id) ?? []), row.stem]);
    surfaceByCluster.set(id, [...(surfaceByCluster.get(id) ?? []), row.term]);
  }
  const topics = [...stemsByCluster.keys()].sort((a, b) => a - b).map((id) => stemsByCluster.get(id)!);

  const column = new Map<string, number>();
  for (const stem of topics.flat()) if (!column.has(stem)) column.set(stem, column.size);
  const m = column.size;
  const docFreq = new Float64Array(m);
  const coFreq = new Float64Array(m * m);
  const analyzer = new TextAnalyzer({ bigrams });
  const reader = await connection.runAndReadAll(
    `SELECT title, abstract FROM read_parquet(${sqlPath(join(outDir, 'documents.parquet'))})`,
  );
  let nDocs = 0;
  for (const [title, abstract] of reader.getRows()) {
    nDocs++;
    const present = new Set<number>();
    for (const term of analyzer.analyze(`${String(title)}. ${String(abstract)}`)) {
      const c = column.get(term);
      if (c !== undefined) present.add(c);
    }
    const cols = [...present];
    for (const a of cols) {
      docFreq[a]!++;
      for (const b of cols) coFreq[a * m + b]!++;
    }
  }
  const npmiPerCluster = topics.map((stems) =>
    meanPairNpmi(
      stems.map((s) => column.get(s)!),
      docFreq,
      coFreq,
      m,
      nDocs,
    ),
  );
  const npmiMean = npmiPerCluster.reduce((sum, x) => sum + x, 0) / npmiPerCluster.length;
  const topTerms = [...surfaceByCluster.keys()].sort((a, b) => a - b).map((id) => surfaceByCluster.get(id)!);
  await writeFile(join(workDir, 'npmi.json'), JSON.stringify({ perCluster: npmiPerCluster, mean: npmiMean }));
  await writeFile(join(workDir, 'top_terms.json'), JSON.stringify(topTerms));
  return { labelsCsv, topTerms, npmiPerCluster, npmiMean };
}

function meanPairNpmi(cols: number[], docFreq: Float64Array, coFreq: Float64Array, m: number, n: number): number {
  let sum = 0;
  let pairs = 0;
  for (let i = 0; i < cols.length; i++) {
    for (let j = i + 1; j < cols.length; j++) {
      const a = cols[i]!;
      const b = cols[j]!;
      const joint = coFreq[a * m + b]!;
      pairs++;
      if (joint === 0) {
        sum -= 1;
        continue;
      }
      const pAB = joint / n;
      if (pAB === 1) {
        sum += 1;
        continue;
      }
      sum += Math.log(pAB / ((docFreq[a]! / n) * (docFreq[b]! / n))) / -Math.log(pAB);
    }
  }
  return pairs === 0 ? 0 : sum / pairs;
}
