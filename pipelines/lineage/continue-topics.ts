/**
 * The `--previous` stage, in three calls around clustering: `warmStart` before it (the previous centroids in this
 * vocabulary, when k is the previous k), `continueTopics` after it (new topics renumbered so continuing ones keep
 * their ids), and `writeTopicLineage` once `documents` is written (the lineage rows and the manifest's summary).
 * Without `--previous` only the last runs, writing an empty `topic_lineage`.
 */
import type { LineageSummary, TopicLineageRow } from '../../src/schema.ts';
import type { ClusterSpace } from '../cluster/cluster-space.ts';
import type { KMeansResult } from '../cluster/kmeans.ts';
import type { OutputDatabase } from '../write/output-database.ts';
import { lineageEvents, MIN_SHARE } from './lineage-events.ts';
import { MATCH_THRESHOLD, matchTopics, renumberClustering, type TopicMatch } from './match-topics.ts';
import { paperFlows, type PreviousRun } from './previous-run.ts';
import { hasZeroRow, mapCentroids } from './warm-start.ts';

/**
 * The previous centroids mapped into `stems` and into this run's clustering space, or undefined (start cold) when k
 * differs or a topic lost every term there.
 */
export function warmStart(
  previous: PreviousRun,
  stems: readonly string[],
  space: ClusterSpace,
  k: number | 'auto',
): Float64Array | undefined {
  if (k !== previous.k) return undefined;
  const mapped = previousCentroids(previous, stems, space);
  return hasZeroRow(mapped, stems.length) ? undefined : mapped;
}

export interface Continuation {
  clustering: KMeansResult;
  match: TopicMatch;
  warmStarted: boolean;
}

export function continueTopics(
  previous: PreviousRun,
  stems: readonly string[],
  space: ClusterSpace,
  clustering: KMeansResult,
  warmStarted: boolean,
): Continuation {
  const match = matchTopics(previousCentroids(previous, stems, space), clustering.centroids, stems.length);
  return { clustering: renumberClustering(clustering, match.idOf), match, warmStarted };
}

/** The previous run's saved centroids in this run's columns and clustering space, where its centroids live. */
function previousCentroids(previous: PreviousRun, stems: readonly string[], space: ClusterSpace): Float64Array {
  return space.centroids(mapCentroids({ stems: previous.model.stems, centroids: previous.model.centroids }, stems));
}

/** Writes `topic_lineage` (empty without a previous run); returns its rows and the manifest's `lineage`, or undefined. */
export async function writeTopicLineage(
  database: OutputDatabase,
  documents: string,
  outDir: string,
  continued: { previous: PreviousRun; continuation: Continuation; sizes: readonly number[] } | null,
): Promise<{ summary: LineageSummary; rows: TopicLineageRow[] } | undefined> {
  if (continued === null) {
    await database.writeRows('topicLineage', [], outDir);
    return undefined;
  }
  const { previous, continuation, sizes } = continued;
  const flows = await database.stage((connection) => paperFlows(connection, previous.dir, documents));
  const rows = lineageEvents({ match: continuation.match, flows, previousLabels: previous.labels, sizes });
  await database.writeRows('topicLineage', rows, outDir);
  let papersInBoth = 0;
  let papersKeptId = 0;
  for (const flow of flows) {
    papersInBoth += flow.papers;
    if (flow.previousId === flow.clusterId) papersKeptId += flow.papers;
  }
  const summary: LineageSummary = {
    previousRunId: previous.runId,
    previousK: previous.k,
    warmStart: continuation.warmStarted,
    matchThreshold: MATCH_THRESHOLD,
    minShare: MIN_SHARE,
    papersInBoth,
    papersKeptId,
  };
  return { summary, rows };
}
