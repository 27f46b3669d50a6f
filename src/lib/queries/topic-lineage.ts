/** "Since the previous run": the `topic_lineage` rows, and the short sentences the dashboard lists from them. */
import type { TopicLineageRow } from '../../schema.ts';
import { columnsOf, tableName, type SqlQuery } from './sql.ts';

const L = columnsOf('topicLineage');

export function topicLineageQuery(): SqlQuery {
  return {
    text: `SELECT ${L.event}, ${L.previous_cluster_id}, ${L.previous_label}, ${L.cluster_id}, ${L.cosine}, ${L.papers}, ${L.share}
FROM ${tableName('topicLineage')} ORDER BY ${L.previous_cluster_id}, ${L.cluster_id}, ${L.event}`,
    params: [],
    tables: ['topicLineage'],
  };
}

export interface LineageLine {
  kind: 'split' | 'merge' | 'birth' | 'death';
  text: string;
}

export interface LineageOverview {
  /** Previous topics that continue under the same id. */
  continued: number;
  previousTopics: number;
  lines: LineageLine[];
}

/**
 * One line per change, in the order of the ids: "Topic 7 split into 7 and 21", "Topics 4 and 9 merged into 4",
 * "New topic 12: ...", "Topic 5 ended: ...". `labelOf` names this run's topics; previous topics keep the label
 * the previous run gave them.
 */
export function lineageOverview(rows: readonly TopicLineageRow[], labelOf: (id: number) => string): LineageOverview {
  const previous = new Set<number>();
  const continuedAs = new Map<number, number>();
  const splits = new Map<number, number[]>();
  const merges = new Map<number, number[]>();
  const lines: LineageLine[] = [];
  for (const row of rows) {
    if (row.previous_cluster_id !== null) previous.add(row.previous_cluster_id);
    if (row.event === 'continued') continuedAs.set(row.previous_cluster_id!, row.cluster_id!);
    if (row.event === 'split') push(splits, row.previous_cluster_id!, row.cluster_id!);
    if (row.event === 'merge') push(merges, row.cluster_id!, row.previous_cluster_id!);
  }
  for (const [p, parts] of splits) {
    const into = [continuedAs.get(p)!, ...parts].sort((a, b) => a - b);
    lines.push({ kind: 'split', text: `Topic ${p} split into ${list(into)}` });
  }
  const continuedInto = new Map([...continuedAs].map(([p, c]) => [c, p]));
  for (const [c, from] of [...merges].sort(([a], [b]) => a - b)) {
    const parent = continuedInto.get(c);
    const all = [...from, ...(parent === undefined ? [] : [parent])].sort((a, b) => a - b);
    lines.push({
      kind: 'merge',
      text: `${all.length === 1 ? 'Topic' : 'Topics'} ${list(all)} merged into ${c}: ${labelOf(c)}`,
    });
  }
  for (const row of rows.filter((r) => r.event === 'birth')) {
    lines.push({ kind: 'birth', text: `New topic ${row.cluster_id}: ${labelOf(row.cluster_id!)}` });
  }
  for (const row of rows.filter((r) => r.event === 'death')) {
    lines.push({ kind: 'death', text: `Topic ${row.previous_cluster_id} ended: ${row.previous_label}` });
  }
  return { continued: [...continuedAs].filter(([p, c]) => p === c).length, previousTopics: previous.size, lines };
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const values = map.get(key);
  if (values) values.push(value);
  else map.set(key, [value]);
}

/** "7", "7 and 21", "3, 7 and 21". */
function list(ids: readonly number[]): string {
  return ids.length === 1 ? String(ids[0]) : `${ids.slice(0, -1).join(', ')} and ${ids[ids.length - 1]}`;
}
