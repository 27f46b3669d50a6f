/**
 * Topic colours: 24 categorical colours chosen for distance, not taken from a named scheme (the previous mix of
 * Tableau 10 and a darkened ColorBrewer Set3 had pairs 2.8 ΔE00 apart: two oranges, two reds).
 *
 * How the list was made (fixed here so it never changes between builds): every sRGB colour on a grid of step 9
 * whose WCAG contrast ratio is >= 3 (the WCAG 1.4.11 minimum for graphical objects) against all four theme
 * backgrounds of app.css (#ffffff, #fbfbfa light; #1d2127, #15181c dark), so each colour reads on both themes
 * and the list need not change with the theme; then greedy farthest-point selection under CIEDE2000, started
 * from the neutral grey `OTHER_COLOR`, and coordinate-wise improvement until no colour could move farther from
 * its nearest neighbour. Every pair, grey included, is at least 15.5 ΔE00 apart (tests/src/lib/charts/palette.test.ts
 * checks >= 15); ΔE00 ~ 1 is a just-noticeable difference. Earlier colours are the most distinct from each other.
 *
 * Assignment: topic `id` gets `PALETTE[id]`, the same colour in every view and whatever is hidden, so a topic is
 * recognised across filters; topics 0..23 therefore never share a colour. With more than 24 topics, topics 24 and
 * up are all drawn in `OTHER_COLOR` (a grey no palette colour is close to) rather than reusing a colour that
 * would make two topics look like one; the legend and hover still name each of them.
 */

export const PALETTE: readonly string[] = [
  '#fc2dea',
  '#cf2400',
  '#0063fc',
  '#00a209',
  '#bd8700',
  '#cf1b51',
  '#00a287',
  '#7563a2',
  '#0999ea',
  '#b48775',
  '#487551',
  '#90632d',
  '#6c7500',
  '#007590',
  '#8790b4',
  '#991bfc',
  '#ea6c00',
  '#999063',
  '#cf7599',
  '#6c99a2',
  '#b43699',
  '#a275fc',
  '#fc5a5a',
  '#87636c',
];

/** The colour of topics past the palette's end. */
export const OTHER_COLOR = '#7a7a7a';

export function colorOf(clusterId: number): string {
  return Number.isInteger(clusterId) && clusterId >= 0 && clusterId < PALETTE.length
    ? PALETTE[clusterId]!
    : OTHER_COLOR;
}
