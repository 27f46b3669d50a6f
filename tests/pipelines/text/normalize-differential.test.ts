/**
 * Issue 10: the linear scanners that replaced the quadratic regexes of `normalize.ts` and `tokenize.ts` give the
 * same output as those regexes (`legacy-normalize.ts`), on real TeX-heavy abstracts and on generated strings
 * made mostly of the characters the patterns care about.
 */
import { fc, test as propertyTest } from '@fast-check/vitest';
import { beforeAll, describe, expect, test } from 'vitest';
import { stripEmails } from '../../../pipelines/text/emails.ts';
import { stripDelimited, stripParenMath } from '../../../pipelines/text/tex-math.ts';
import { trimHyphens } from '../../../pipelines/text/tokenize.ts';
import { stripUrls } from '../../../pipelines/text/urls.ts';
import { readCorpusTexts } from './corpus-texts.ts';
import {
  legacyStripDisplayMath,
  legacyStripEmails,
  legacyStripInlineMath,
  legacyStripParenMath,
  legacyStripUrls,
  legacyTrimHyphens,
} from './legacy-normalize.ts';

/** Each scanner and the regex it replaces. */
const PAIRS: [string, (text: string) => string, (text: string) => string][] = [
  ['stripDelimited(text, "$$")', (text) => stripDelimited(text, '$$'), legacyStripDisplayMath],
  ['stripDelimited(text, "$")', (text) => stripDelimited(text, '$'), legacyStripInlineMath],
  ['stripParenMath(text)', stripParenMath, legacyStripParenMath],
  ['stripUrls(text)', stripUrls, legacyStripUrls],
  ['stripEmails(text)', stripEmails, legacyStripEmails],
  ['trimHyphens(token)', trimHyphens, legacyTrimHyphens],
];

/** Pieces the patterns react to, plus letters, digits, spaces and a few non-ASCII and space-like characters. */
const PIECES = [
  '@',
  '.',
  '$',
  '$$',
  '\\',
  '\\(',
  '\\)',
  '\\[',
  '\\]',
  '{',
  '}',
  '://',
  'www.',
  'WWW.',
  'http',
  'x',
  'a',
  'Z',
  '1',
  '_',
  '-',
  '+',
  ':',
  '/',
  ' ',
  '\n',
  '\t',
  '\u00a0',
  '\u2003',
  '\ufeff',
  'é',
  'ab',
  'e.g.',
  '@x.y',
  '-a-',
];
const hostileString = fc
  .array(fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...PIECES) }, { weight: 1, arbitrary: fc.string() }), {
    maxLength: 40,
  })
  .map((pieces) => pieces.join(''));

describe('linear text scanners = the regexes they replaced', () => {
  let abstracts: string[];
  beforeAll(async () => {
    // The first 3,000 arXiv texts of 2013-2025 (~1,000 with `$`, ~170 with a URL), plus every text among the first
    // 30,000 holding an `@` (~190) or `\(` / `\[` math (2), which the first 3,000 lack.
    const texts = await readCorpusTexts('../shared/data/arxiv-cs-2013-2025.jsonl.gz', 30_000);
    abstracts = texts.filter((text, i) => i < 3000 || /@|\\[([]/.test(text));
  });

  test.each(PAIRS)('%s on real abstracts', (name, linear, legacy) => {
    let changed = 0;
    for (const text of abstracts) {
      const expected = legacy(text);
      expect(linear(text)).toBe(expected);
      if (expected !== text) changed++;
    }
    // The comparison means something only if the regex did change some of them (or, for hyphens, none exist).
    if (name !== 'trimHyphens(token)') expect(changed).toBeGreaterThan(0);
  });

  for (const [name, linear, legacy] of PAIRS) {
    propertyTest.prop([hostileString], { seed: 10, numRuns: 3000 })(`${name} on generated strings`, (text) => {
      expect(linear(text)).toBe(legacy(text));
    });
  }

  test('hand-checked cases where the regexes behave subtly', () => {
    // The regex resumes after a match, so the second local part starts at the first address's end.
    expect(stripEmails('a@b.c.@d.e')).toBe(legacyStripEmails('a@b.c.@d.e'));
    expect(stripEmails('a@b@c.d')).toBe('a@ ');
    // A scheme needs a word boundary: `_http://x` has none before `h`.
    expect(stripUrls('_http://x ok')).toBe('_http://x ok');
    expect(stripUrls('see (https://a.b/c) now')).toBe('see (  now');
    expect(stripUrls('www.x:// y')).toBe('  y');
    expect(stripParenMath('\\( a \\[ b \\] c')).toBe('\\( a   c');
    expect(stripDelimited('$$a$$b$$', '$$')).toBe(' b$$');
  });
});
