/**
 * The names and merges people choose for topics: the overrides file the dashboard downloads and the pipeline reads
 * (`--overrides FILE`), its one parser, and the display grouping both sides derive from it. The file is data only:
 * names are plain text (never HTML, never evaluated); every value is checked here, each failure naming the file, the
 * field and the rule.
 */

import type { TopicMerge, TopicOverrides, TopicRename } from '../schema.ts';

export type { TopicMerge, TopicOverrides, TopicRename };

export const OVERRIDES_VERSION = 1;
/** Longest name, in characters (code points). */
export const MAX_NAME_LENGTH = 80;
/** Most renames, and most merges, a file may hold. */
export const MAX_ENTRIES = 1000;
/** Largest file read, in characters: 1,000 names of 80 characters with their JSON fit many times over. */
export const MAX_OVERRIDES_CHARS = 1_000_000;

export class OverridesError extends Error {
  override readonly name = 'OverridesError';
}

/** What the file's ids must name: the run's id and its number of topics (ids 0..k-1). */
export interface OverridesTarget {
  runId: string;
  k: number;
}

/** JSON text -> overrides; `source` names the file in every message. */
export function parseOverridesText(text: string, source: string, target?: OverridesTarget): TopicOverrides {
  if (text.length > MAX_OVERRIDES_CHARS)
    throw new OverridesError(`${source}: larger than ${MAX_OVERRIDES_CHARS.toLocaleString('en')} characters`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new OverridesError(`${source}: not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  return parseOverrides(value, source, target);
}

/**
 * A parsed JSON value -> overrides, or an `OverridesError` such as
 * `overrides.json: renames[2].name must be a non-empty string of at most 80 characters`. With `target`, the runId
 * must be the target's and every topic one of its 0..k-1.
 */
export function parseOverrides(value: unknown, source: string, target?: OverridesTarget): TopicOverrides {
  const fail = (problem: string): never => {
    throw new OverridesError(`${source}: ${problem}`);
  };
  const root = record(value, 'the file', fail, ['version', 'runId', 'renames', 'merges']);
  if (root['version'] !== OVERRIDES_VERSION)
    fail(`version must be ${OVERRIDES_VERSION} (found ${short(root['version'])})`);
  const runId = root['runId'];
  if (typeof runId !== 'string' || !/^[A-Za-z0-9._-]{1,128}$/.test(runId))
    return fail('runId must be the run id of the output the names were made on (letters, digits, . _ -)');
  if (target !== undefined && runId !== target.runId)
    fail(`runId is ${runId}, but the topics are those of run ${target.runId}`);
  const topic = (input: unknown, where: string): number => {
    if (!Number.isSafeInteger(input) || (input as number) < 0)
      return fail(`${where} must be a topic id (an integer >= 0)`);
    const id = input as number;
    if (target !== undefined && id >= target.k)
      fail(`${where} is ${id}, but run ${target.runId} has topics 0..${target.k - 1}`);
    return id;
  };
  const list = (key: 'renames' | 'merges'): unknown[] => {
    const items = root[key];
    if (!Array.isArray(items)) return fail(`${key} must be an array`);
    if (items.length > MAX_ENTRIES) fail(`${key} has ${items.length} entries; at most ${MAX_ENTRIES}`);
    return items;
  };

  const mergedIn = new Map<number, number>();
  const merges = list('merges').map((item, i): TopicMerge => {
    const where = `merges[${i}]`;
    const entry = record(item, where, fail, ['topics', 'name']);
    const ids = entry['topics'];
    if (!Array.isArray(ids) || ids.length < 2 || ids.length > MAX_ENTRIES)
      return fail(`${where}.topics must be an array of two or more topic ids`);
    const topics = ids.map((id, j) => topic(id, `${where}.topics[${j}]`)).sort((a, b) => a - b);
    for (const id of topics) {
      const earlier = mergedIn.get(id);
      if (earlier === i) fail(`${where}.topics names topic ${id} twice`);
      if (earlier !== undefined) fail(`${where}.topics: topic ${id} is already in merges[${earlier}]`);
      mergedIn.set(id, i);
    }
    return { topics, name: name(entry['name'], `${where}.name`, fail) };
  });
  const renamed = new Map<number, number>();
  const renames = list('renames').map((item, i): TopicRename => {
    const where = `renames[${i}]`;
    const entry = record(item, where, fail, ['topic', 'name']);
    const id = topic(entry['topic'], `${where}.topic`);
    const earlier = renamed.get(id);
    if (earlier !== undefined) fail(`${where}.topic: topic ${id} is already renamed by renames[${earlier}]`);
    const merge = mergedIn.get(id);
    if (merge !== undefined) fail(`${where}.topic: topic ${id} is in merges[${merge}], whose name it takes`);
    renamed.set(id, i);
    return { topic: id, name: name(entry['name'], `${where}.name`, fail) };
  });
  return canonicalOverrides({ version: OVERRIDES_VERSION, runId, renames, merges });
}

/** The same overrides in one order (renames by topic, merges by their smallest topic): equal files compare equal. */
export function canonicalOverrides(overrides: TopicOverrides): TopicOverrides {
  return {
    version: OVERRIDES_VERSION,
    runId: overrides.runId,
    renames: [...overrides.renames].sort((a, b) => a.topic - b.topic),
    merges: overrides.merges
      .map((m) => ({ topics: [...m.topics].sort((a, b) => a - b), name: m.name }))
      .sort((a, b) => a.topics[0]! - b.topics[0]!),
  };
}

/** The file's text: canonical order, two-space indent, a final newline. */
export function serializeOverrides(overrides: TopicOverrides): string {
  return `${JSON.stringify(canonicalOverrides(overrides), null, 2)}\n`;
}

/**
 * How the topics show: each cluster_id's shown id (a merge shows under its smallest topic) and the names chosen,
 * by shown id. Topics without an override map to themselves and have no name here.
 */
export interface TopicDisplay {
  shownIdOf: ReadonlyMap<number, number>;
  nameOf: ReadonlyMap<number, string>;
}

export function topicDisplay(overrides: Pick<TopicOverrides, 'renames' | 'merges'>): TopicDisplay {
  const shownIdOf = new Map<number, number>();
  const nameOf = new Map<number, string>();
  for (const merge of overrides.merges) {
    const shown = Math.min(...merge.topics);
    for (const id of merge.topics) shownIdOf.set(id, shown);
    nameOf.set(shown, merge.name);
  }
  for (const rename of overrides.renames) nameOf.set(rename.topic, rename.name);
  return { shownIdOf, nameOf };
}

/** Control characters (C0, DEL, C1) and the bidi embedding, override and isolate marks, which reorder what follows. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/u;

/** A name: plain text, trimmed, 1..MAX_NAME_LENGTH characters, no control or bidi-override characters. */
export function checkTopicName(input: unknown): string | null {
  if (typeof input !== 'string') return null;
  const trimmed = input.trim();
  const length = [...trimmed].length;
  if (length === 0 || length > MAX_NAME_LENGTH || UNSAFE.test(trimmed)) return null;
  return trimmed;
}

function name(input: unknown, where: string, fail: (problem: string) => never): string {
  return (
    checkTopicName(input) ??
    fail(
      `${where} must be a non-empty string of at most ${MAX_NAME_LENGTH} characters without control characters (found ${short(input)})`,
    )
  );
}

function record(
  input: unknown,
  where: string,
  fail: (problem: string) => never,
  keys: readonly string[],
): Record<string, unknown> {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) return fail(`${where} must be an object`);
  const entry = input as Record<string, unknown>;
  const unknownKey = Object.keys(entry).find((key) => !keys.includes(key));
  if (unknownKey !== undefined) fail(`${where} has an unknown field ${short(unknownKey)}; expected ${keys.join(', ')}`);
  return entry;
}

/** A value quoted for a message, cut so a huge string cannot flood the terminal. */
function short(value: unknown): string {
  // The values come from JSON.parse, so only undefined has no JSON text.
  const text = JSON.stringify(value) ?? 'nothing';
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}
