/**
 * Topic identity across two outputs (issue 15): of the papers in both (same doc_id), the share whose cluster_id is
 * the same, and the share an optimal one-to-one relabelling of the topics could keep at best (by paper counts).
 * Usage: npx tsx bench/lineage-retention.ts OLD_OUT NEW_OUT
 */
import { DuckDBInstance } from '@duckdb/node-api';
import { maximumAssignment } from '../pipelines/lineage/hungarian.ts';
import { parquetRelation } from '../pipelines/write/output-database.ts';

const [oldDir, newDir] = process.argv.slice(2);
if (oldDir === undefined || newDir === undefined) throw new Error('usage: lineage-retention.ts OLD_OUT NEW_OUT');
const instance = await DuckDBInstance.create(':memory:');
const connection = await instance.connect();
const reader = await connection.runAndReadAll(
  `SELECT o.cluster_id::INTEGER, n.cluster_id::INTEGER, count(*)::INTEGER FROM ${parquetRelation(oldDir, 'documents')} o
   JOIN ${parquetRelation(newDir, 'documents')} n USING (doc_id) GROUP BY ALL`,
);
const flows = reader.getRowsJson().map((row) => row.map(Number) as [number, number, number]);
const kOld = Math.max(...flows.map(([o]) => o)) + 1;
const kNew = Math.max(...flows.map(([, n]) => n)) + 1;
const counts = new Float64Array(kOld * kNew);
let both = 0;
let kept = 0;
for (const [o, n, papers] of flows) {
  counts[o * kNew + n] = papers;
  both += papers;
  if (o === n) kept += papers;
}
const columnOf = maximumAssignment(counts, kOld, kNew);
let best = 0;
columnOf.forEach((n, o) => (best += n < 0 ? 0 : counts[o * kNew + n]!));
const percent = (x: number): string => `${((100 * x) / both).toFixed(1)}%`;
console.log(
  `${oldDir} -> ${newDir}: ${both} papers in both; same id ${percent(kept)}; best relabelling ${percent(best)}`,
);
connection.closeSync();
instance.closeSync();
