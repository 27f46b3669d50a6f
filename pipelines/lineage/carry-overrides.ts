/**
 * `--overrides FILE`: the names and merges chosen in the dashboard, read before any input and carried to this run's
 * topics. With `--previous`, the file's ids are the previous run's and follow `topic_lineage`'s `continued` rows to
 * their new ids; an override whose topic did not continue is dropped with a note. Without it, the file must be of
 * this very run (a rerun on the same input and options). Nothing is relabelled in the tables: the carried overrides
 * go into `manifest.overrides`, which the dashboard applies as it shows the topics.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import type { AppliedOverrides, TopicLineageRow } from '../../src/schema.ts';
import {
  OverridesError,
  parseOverridesText,
  parseOverrides,
  type TopicMerge,
  type TopicOverrides,
  type TopicRename,
} from '../../src/shared/topic-overrides.ts';
import { CliError } from '../errors.ts';

export async function readOverrides(file: string): Promise<TopicOverrides> {
  const text = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new CliError(
      `${file}: ${error.code === 'ENOENT' ? 'no such file' : `cannot read (${error.code ?? error.message})`}; give --overrides the JSON file the dashboard downloads`,
      2,
    );
  });
  return checked(() => parseOverridesText(text, file));
}

/**
 * The overrides in this run's ids. `lineage` is null without `--previous`; then the file must be of `runId`.
 * O(renames + merged topics + lineage rows).
 */
export function carryOverrides(
  overrides: TopicOverrides,
  file: string,
  run: { runId: string; k: number },
  previous: { runId: string; k: number; lineage: readonly TopicLineageRow[] } | null,
): AppliedOverrides {
  const name = basename(file);
  if (previous === null) {
    if (overrides.runId !== run.runId)
      throw new CliError(
        `${file}: made on run ${overrides.runId}, but this run is ${run.runId}; pass that run's output as --previous DIR so the topics are carried through its lineage`,
        2,
      );
    const own = checked(() => parseOverrides(overrides, file, run));
    return { file: name, sourceRunId: own.runId, renames: own.renames, merges: own.merges, notes: [] };
  }
  checked(() => parseOverrides(overrides, file, previous));
  const newIdOf = new Map<number, number>();
  const fateOf = new Map<number, string>();
  for (const row of previous.lineage) {
    if (row.previous_cluster_id === null) continue;
    if (row.event === 'continued' && row.cluster_id !== null) newIdOf.set(row.previous_cluster_id, row.cluster_id);
    else if (row.event === 'merge' && row.cluster_id !== null)
      fateOf.set(row.previous_cluster_id, `merged into topic ${row.cluster_id}`);
    else if (row.event === 'death') fateOf.set(row.previous_cluster_id, 'ended');
  }
  const notes: string[] = [];
  const ended = (id: number): string => fateOf.get(id) ?? 'ended';
  const renames: TopicRename[] = [];
  for (const rename of overrides.renames) {
    const id = newIdOf.get(rename.topic);
    if (id === undefined)
      notes.push(`name ${JSON.stringify(rename.name)} dropped: topic ${rename.topic} ${ended(rename.topic)}`);
    else renames.push({ topic: id, name: rename.name });
  }
  const merges: TopicMerge[] = [];
  for (const merge of overrides.merges) {
    const topics = merge.topics.flatMap((id) => newIdOf.get(id) ?? []);
    const gone = merge.topics.filter((id) => !newIdOf.has(id));
    if (gone.length === 0) {
      merges.push({ topics, name: merge.name });
      continue;
    }
    const fates = gone.map((id) => `topic ${id} ${ended(id)}`).join(', ');
    if (topics.length >= 2) {
      merges.push({ topics, name: merge.name });
      notes.push(`merge ${JSON.stringify(merge.name)} keeps topics ${topics.join(', ')}: ${fates}`);
    } else if (topics.length === 1) {
      renames.push({ topic: topics[0]!, name: merge.name });
      notes.push(`merge ${JSON.stringify(merge.name)} now names topic ${topics[0]!} alone: ${fates}`);
    } else notes.push(`merge ${JSON.stringify(merge.name)} dropped: ${fates}`);
  }
  const carried = checked(() =>
    parseOverrides({ version: overrides.version, runId: run.runId, renames, merges }, file, run),
  );
  return { file: name, sourceRunId: overrides.runId, renames: carried.renames, merges: carried.merges, notes };
}

function checked<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    if (error instanceof OverridesError) throw new CliError(error.message, 2, { cause: error });
    throw error;
  }
}
