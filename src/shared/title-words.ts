/**
 * How the papers list's search finds titles, defined once: a title is found by its words (`typedWords`: NFKC, lower
 * case, maximal runs of letters and digits), and a search matches a title when every typed word begins one of the
 * title's words ("learn graph" finds "Graph Learning for ..." and "Learned graph-based ..."; "graph" does not find
 * "Hypergraphs", which starts no word with it). The pipeline indexes titles by these words (`title_words`,
 * `title_postings`), and the dashboard answers a search from that index, or from decoded titles within a topic: both
 * by this module, so both give the same papers.
 */
import { typedWords } from './words.ts';

/** The distinct words of a title, in order of first occurrence. */
export function titleWords(title: string): string[] {
  return [...new Set(typedWords(title))];
}

/** The words a search looks for: those of the typed text, each a prefix of some title word. Empty: no search. */
export function searchWords(typed: string): string[] {
  return [...new Set(typedWords(typed))];
}

/** Whether a title matches `words` (from `searchWords`): every one begins a word of the title. */
export function titleMatches(words: readonly string[], title: string): boolean {
  if (words.length === 0) return true;
  const own = titleWords(title);
  return words.every((w) => own.some((t) => t.startsWith(w)));
}
