/**
 * The names and merges the user chooses, held in memory from the run's `manifest.overrides` on; the dashboard shows
 * them at once and downloads them as the overrides file (`src/shared/topic-overrides.ts`) for `--overrides`.
 */
import type { AppliedOverrides, TopicMerge, TopicOverrides, TopicRename } from '../../schema.ts';
import {
  MAX_NAME_LENGTH,
  OVERRIDES_VERSION,
  canonicalOverrides,
  checkTopicName,
  topicDisplay,
  type TopicDisplay,
} from '../../shared/topic-overrides.ts';

export const NAME_RULE = `A name is 1 to ${MAX_NAME_LENGTH} characters of plain text.`;

export class TopicNames {
  renames: TopicRename[] = $state([]);
  merges: TopicMerge[] = $state([]);
  readonly display: TopicDisplay = $derived(topicDisplay({ renames: this.renames, merges: this.merges }));

  constructor(applied?: AppliedOverrides) {
    this.renames = applied?.renames ?? [];
    this.merges = applied?.merges ?? [];
  }

  /** The topics shown under `shownId`: a merge's, or the topic alone. */
  topicsOf(shownId: number): number[] {
    return this.merges.find((m) => Math.min(...m.topics) === shownId)?.topics ?? [shownId];
  }

  /** Names what is shown under `shownId` (a topic or a merge); returns the rule broken, or null. */
  rename(shownId: number, input: string): string | null {
    const name = checkTopicName(input);
    if (name === null) return NAME_RULE;
    const merge = this.merges.find((m) => Math.min(...m.topics) === shownId);
    if (merge !== undefined) this.merges = this.merges.map((m) => (m === merge ? { ...m, name } : m));
    else this.renames = [...this.renames.filter((r) => r.topic !== shownId), { topic: shownId, name }];
    return null;
  }

  /** Shows the topics under `a` and `b` (topics or merges) as one, named `input`; their own names give way. */
  merge(a: number, b: number, input: string): string | null {
    const name = checkTopicName(input);
    if (name === null) return NAME_RULE;
    if (a === b) return 'Choose two different topics to merge.';
    const topics = [...this.topicsOf(a), ...this.topicsOf(b)].sort((x, y) => x - y);
    this.merges = [...this.merges.filter((m) => !m.topics.some((t) => topics.includes(t))), { topics, name }];
    this.renames = this.renames.filter((r) => !topics.includes(r.topic));
    return null;
  }

  /** Undoes the name or merge shown under `shownId`. */
  undo(shownId: number): void {
    this.merges = this.merges.filter((m) => Math.min(...m.topics) !== shownId);
    this.renames = this.renames.filter((r) => r.topic !== shownId);
  }

  file(runId: string): TopicOverrides {
    return canonicalOverrides({ version: OVERRIDES_VERSION, runId, renames: this.renames, merges: this.merges });
  }
}
