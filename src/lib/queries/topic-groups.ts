/**
 * Topics shown as groups: a merge chosen by the user, or a theme of `topic_tree`. A group's trend rows are the sums of
 * its topics' rows (doc_count added as integers, share recomputed as doc_count / period_total, so shares add up
 * exactly as counts do), and its cluster row sums their sizes under the group's name. O(rows).
 */
import type { ClusterRow, TopicTreeRow, TrendRow } from '../../schema.ts';

/** Each topic's shown id (topics not in the map show as themselves) and the names of the shown ids that have one. */
export interface TopicGrouping {
  shownIdOf: ReadonlyMap<number, number>;
  nameOf: ReadonlyMap<number, string>;
}

export function groupTrendRows(rows: readonly TrendRow[], shownIdOf: ReadonlyMap<number, number>): TrendRow[] {
  if (shownIdOf.size === 0) return rows as TrendRow[];
  const groups = new Map<string, TrendRow>();
  for (const row of rows) {
    const shown = shownIdOf.get(row.cluster_id) ?? row.cluster_id;
    const key = `${row.granularity}|${row.period_start}|${shown}`;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, { ...row, cluster_id: shown });
    else group.doc_count += row.doc_count;
  }
  const grouped = [...groups.values()];
  for (const row of grouped) row.share = row.period_total === 0 ? 0 : row.doc_count / row.period_total;
  return grouped;
}

/**
 * One cluster row per shown id, named by `nameOf` when it has a name. A group of several topics has no stored growth
 * (the dashboard recomputes it from the grouped trends) and sits at its first topic's map position.
 */
export function groupClusterRows(rows: readonly ClusterRow[], grouping: TopicGrouping): ClusterRow[] {
  if (grouping.shownIdOf.size === 0 && grouping.nameOf.size === 0) return rows as ClusterRow[];
  const groups = new Map<number, ClusterRow>();
  for (const row of [...rows].sort((a, b) => a.cluster_id - b.cluster_id)) {
    const shown = grouping.shownIdOf.get(row.cluster_id) ?? row.cluster_id;
    const group = groups.get(shown);
    if (group === undefined) {
      groups.set(shown, { ...row, cluster_id: shown, label: grouping.nameOf.get(shown) ?? row.label });
      continue;
    }
    group.size += row.size;
    group.growth = null;
    group.growth_z = null;
  }
  return [...groups.values()];
}

/** The topics behind each shown id. */
export function topicsOf(shownId: number, grouping: TopicGrouping): number[] {
  const members = [...grouping.shownIdOf].filter(([, shown]) => shown === shownId).map(([id]) => id);
  // A topic absent from the map shows as itself (as in groupTrendRows).
  if (!grouping.shownIdOf.has(shownId)) members.push(shownId);
  return members.sort((a, b) => a - b);
}

/** Themes as groups: each topic shown under its `theme_id`, named by the theme's label. */
export function themeGrouping(
  tree: readonly Pick<TopicTreeRow, 'cluster_id' | 'theme_id' | 'theme_label'>[],
): TopicGrouping {
  return {
    shownIdOf: new Map(tree.map((r) => [r.cluster_id, r.theme_id])),
    nameOf: new Map(tree.map((r) => [r.theme_id, r.theme_label])),
  };
}
