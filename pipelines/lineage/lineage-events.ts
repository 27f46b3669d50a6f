/**
 * The `topic_lineage` rows: from the matching (`match-topics.ts`) and the flows of papers (how many papers, by
 * doc_id, were in previous topic p and are in new topic c), one row per continuation, split, merge, birth and
 * death. Definitions, with share = flow(p, c) / papers of p present in this run:
 *   continued  p is matched to c;
 *   split      p continues (as c' ≠ c) and share(p, c) >= MIN_SHARE;
 *   merge      p has no match and share(p, c) >= MIN_SHARE;
 *   death      p has no match and no merge;
 *   birth      c has no match and no split feeds it.
 */
import type { TopicLineageRow } from '../../src/schema.ts';
import type { TopicMatch } from './match-topics.ts';

/** Share of an old topic's papers that must go to another new topic to record a split or a merge. */
export const MIN_SHARE = 0.25;

export interface PaperFlow {
  previousId: number;
  clusterId: number;
  papers: number;
}

export interface LineageInput {
  match: TopicMatch;
  flows: readonly PaperFlow[];
  previousLabels: readonly string[];
  /** Papers per new topic (all of them, in the previous run or not). */
  sizes: readonly number[];
}

export function lineageEvents({ match, flows, previousLabels, sizes }: LineageInput): TopicLineageRow[] {
  const k = match.previousOf.length;
  const kPrevious = previousLabels.length;
  const flow = new Float64Array(kPrevious * k);
  const present = new Float64Array(kPrevious);
  for (const { previousId, clusterId, papers } of flows) {
    flow[previousId * k + clusterId]! += papers;
    present[previousId]! += papers;
  }
  const matchOf = new Int32Array(kPrevious).fill(-1);
  match.previousOf.forEach((p, c) => {
    if (p >= 0) matchOf[p] = c;
  });
  const rows: TopicLineageRow[] = [];
  const fed = new Uint8Array(k);
  const row = (event: TopicLineageRow['event'], p: number, c: number): TopicLineageRow => ({
    event,
    previous_cluster_id: p,
    previous_label: previousLabels[p]!,
    cluster_id: c,
    cosine: match.cosines[p * k + c]!,
    papers: flow[p * k + c]!,
    share: present[p] === 0 ? null : flow[p * k + c]! / present[p]!,
  });
  for (let p = 0; p < kPrevious; p++) {
    const continues = matchOf[p]! >= 0;
    if (continues) rows.push(row('continued', p, matchOf[p]!));
    let merged = false;
    for (let c = 0; c < k; c++) {
      if (c === matchOf[p] || present[p] === 0 || flow[p * k + c]! / present[p]! < MIN_SHARE) continue;
      rows.push(row(continues ? 'split' : 'merge', p, c));
      if (continues) fed[c] = 1;
      else merged = true;
    }
    if (!continues && !merged) {
      rows.push({
        event: 'death',
        previous_cluster_id: p,
        previous_label: previousLabels[p]!,
        cluster_id: null,
        cosine: null,
        papers: present[p]!,
        share: null,
      });
    }
  }
  for (let c = 0; c < k; c++) {
    if (match.previousOf[c]! >= 0 || fed[c]) continue;
    rows.push({
      event: 'birth',
      previous_cluster_id: null,
      previous_label: null,
      cluster_id: c,
      cosine: null,
      papers: sizes[c]!,
      share: null,
    });
  }
  return rows;
}
