/**
 * Short labels (default 3 terms) that tell topics apart, chosen from each topic's best-scored candidates:
 *
 * - Across topics, a spelling family (`spellingKey`) belongs to the one topic that scores it highest among those
 *   listing it (ties: the lower topic); a topic first takes only terms it owns, so no two labels share a term
 *   unless a topic owns fewer than `size` usable candidates; only then it fills up with the others, in order.
 * - Within a label: no two spellings of one family ("multi modal"/"multimodal", "llm"/"llms"), no term whose words
 *   lie inside a chosen one ("learning" after "reinforcement learning"), and no two terms sharing a word
 *   ("gaussian splatting", "3d gaussian"): three terms, three ideas.
 * - A phrase replaces its word where it dominates it: "gaussian" is taken as "gaussian splatting" when at least
 *   half (`PHRASE_DOMINANCE`) of the topic's papers with the word also have the phrase; a phrase reached after
 *   its chosen words replaces them only then, else it is skipped.
 * - Two chosen words that a listed phrase joins ("multi" and "modal", "multi modal") are shown as that phrase, even
 *   when it does not dominate: "modal · fusion · multi" reads as three ideas where there are two.
 *
 * Deterministic: only candidate order and the tie rules above decide.
 */
import { containsWords, spellingKey } from './spelling-key.ts';

export interface LabelCandidate {
  /** Vocabulary key: Porter stems, bigrams joined by a space. */
  stem: string;
  /** What the label shows. */
  surface: string;
  score: number;
  /** Topic members containing the term. */
  docFreq: number;
}

export const PHRASE_DOMINANCE = 0.5;

/** `candidates[c]`: topic c's terms, best first. Returns each topic's label terms (surface forms), in order. */
export function distinctLabels(candidates: readonly (readonly LabelCandidate[])[], size = 3): string[][] {
  const owner = new Map<string, { topic: number; score: number }>();
  candidates.forEach((list, topic) => {
    for (const { surface, score } of list) {
      const key = spellingKey(surface);
      const held = owner.get(key);
      if (held === undefined || score > held.score) owner.set(key, { topic, score });
    }
  });
  return candidates.map((list, topic) => {
    const chosen: LabelCandidate[] = [];
    const owned = (term: LabelCandidate): boolean => owner.get(spellingKey(term.surface))!.topic === topic;
    for (const onlyOwned of [true, false]) {
      for (const candidate of list) {
        if (chosen.length >= size) break;
        const allowed = (term: LabelCandidate): boolean => !onlyOwned || owned(term);
        const phrase = list.find(
          (p) =>
            p !== candidate &&
            allowed(p) &&
            containsWords(p.stem, candidate.stem) &&
            p.docFreq >= PHRASE_DOMINANCE * candidate.docFreq,
        );
        const term = phrase ?? candidate;
        if (!allowed(term)) continue;
        const joined = joiningPhrase(chosen, term, list.filter(allowed));
        if (joined === undefined) addTerm(chosen, term);
        else chosen.splice(chosen.indexOf(joined.word), 1, joined.phrase);
      }
    }
    return chosen.map((term) => term.surface);
  });
}

/** A chosen word that `term` (a word) forms a listed phrase with, either way round, and that phrase. */
function joiningPhrase(
  chosen: readonly LabelCandidate[],
  term: LabelCandidate,
  list: readonly LabelCandidate[],
): { word: LabelCandidate; phrase: LabelCandidate } | undefined {
  if (term.stem.includes(' ')) return undefined;
  for (const word of chosen) {
    if (word.stem.includes(' ')) continue;
    const stems = [`${word.stem} ${term.stem}`, `${term.stem} ${word.stem}`];
    const phrase = list.find((p) => stems.includes(p.stem));
    const key = phrase === undefined ? undefined : spellingKey(phrase.surface);
    if (phrase !== undefined && !chosen.some((c) => c !== word && spellingKey(c.surface) === key)) {
      return { word, phrase };
    }
  }
  return undefined;
}

/** Adds `term` to `chosen` under the within-label rules, in place. */
function addTerm(chosen: LabelCandidate[], term: LabelCandidate): void {
  const key = spellingKey(term.surface);
  if (chosen.some((c) => spellingKey(c.surface) === key || containsWords(c.stem, term.stem))) return;
  const inside = chosen.filter((c) => containsWords(term.stem, c.stem));
  if (inside.some((c) => term.docFreq < PHRASE_DOMINANCE * c.docFreq)) return;
  const words = new Set(term.stem.split(' '));
  const sharesWord = (c: LabelCandidate): boolean => c.stem.split(' ').some((word) => words.has(word));
  if (chosen.some((c) => !inside.includes(c) && sharesWord(c))) return;
  if (inside.length === 0) {
    chosen.push(term);
    return;
  }
  chosen.splice(chosen.indexOf(inside[0]!), 1, term);
  for (const c of inside.slice(1)) chosen.splice(chosen.indexOf(c), 1);
}
