/**
 * Map labels that never overlap: greedy placement in priority order (the order given, e.g. selected topics
 * first), each label tried above its anchor, then below, right and left; the first position that stays inside
 * the bounds and clear of every label already placed wins, and a label with no free position is hidden (its
 * marker and hover still name the topic). O(n²) box tests, fine for the few dozen topics of a map. Deterministic:
 * the same anchors and texts give the same placement. Text width comes from `textWidth` (the page measures the
 * rendered font) or, without it, `charPx` per character.
 */

export interface LabelAnchor {
  id: number;
  text: string;
  /** Anchor (marker centre) in pixels. */
  x: number;
  y: number;
}

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface PlacedLabel {
  id: number;
  text: string;
  /** Text position: `x` is the centre when `anchor` is "middle", else the start or end; `y` the baseline. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  box: Box;
}

export interface PlacementOptions {
  width: number;
  height: number;
  /** Estimated text width per character when `textWidth` is not given; default 6.5 (11 px semibold sans-serif). */
  charPx?: number;
  /** Measured width of a label in pixels; fonts differ between machines, so an estimate can let labels overlap. */
  textWidth?: (text: string) => number;
  /** Height of a label's box, ascent to descent; default 14 (11 px text). */
  lineHeight?: number;
  /** Gap between the anchor and its label; default 9 (clears a 6 px marker). */
  gap?: number;
}

const BASELINE = 0.75;

export function boxesIntersect(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

export function placeLabels(anchors: readonly LabelAnchor[], options: PlacementOptions): PlacedLabel[] {
  const { width, height, charPx = 6.5, lineHeight = 14, gap = 9 } = options;
  const textWidth = options.textWidth ?? ((text: string) => text.length * charPx);
  const placed: PlacedLabel[] = [];
  for (const a of anchors) {
    const w = textWidth(a.text);
    // Boxes span the text's full height, descenders included: the baseline sits BASELINE of the line below the
    // box's top (an 11 px font's ~10 px ascent and ~3 px descent fit a 14 px line).
    const label = (x: number, top: number, anchor: PlacedLabel['anchor']): PlacedLabel => {
      const left = anchor === 'middle' ? x - w / 2 : anchor === 'start' ? x : x - w;
      return { id: a.id, text: a.text, x, y: top + BASELINE * lineHeight, anchor, box: box(left, top, w) };
    };
    const candidates: PlacedLabel[] = [
      label(a.x, a.y - gap - lineHeight, 'middle'),
      label(a.x, a.y + gap, 'middle'),
      label(a.x + gap, a.y - lineHeight / 2, 'start'),
      label(a.x - gap, a.y - lineHeight / 2, 'end'),
    ];
    const fit = candidates.find(
      (c) =>
        c.box.left >= 0 &&
        c.box.top >= 0 &&
        c.box.right <= width &&
        c.box.bottom <= height &&
        placed.every((p) => !boxesIntersect(p.box, c.box)),
    );
    if (fit) placed.push(fit);
  }
  return placed;

  function box(left: number, top: number, w: number): Box {
    return { left, top, right: left + w, bottom: top + lineHeight };
  }
}
