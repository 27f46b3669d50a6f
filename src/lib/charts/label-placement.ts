/**
 * Map labels that never overlap: greedy placement in priority order (the order given, e.g. selected topics
 * first), each label tried above its anchor, then below, right and left; the first position that stays inside
 * the bounds and clear of every label already placed wins, and a label with no free position is hidden (its
 * marker and hover still name the topic). O(n²) box tests, fine for the few dozen topics of a map. Deterministic:
 * the same anchors and texts give the same placement. Text width is estimated at `charPx` per character.
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
  /** Estimated text width per character; default 6.5 (11 px semibold sans-serif). */
  charPx?: number;
  /** Text height; default 12. */
  lineHeight?: number;
  /** Gap between the anchor and its label; default 9 (clears a 6 px marker). */
  gap?: number;
}

export function boxesIntersect(a: Box, b: Box): boolean {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

export function placeLabels(anchors: readonly LabelAnchor[], options: PlacementOptions): PlacedLabel[] {
  const { width, height, charPx = 6.5, lineHeight = 12, gap = 9 } = options;
  const placed: PlacedLabel[] = [];
  for (const a of anchors) {
    const w = a.text.length * charPx;
    // The baseline sits ~0.25 of the line above the box's bottom; boxes span the text's full height.
    const candidates: PlacedLabel[] = [
      {
        id: a.id,
        text: a.text,
        x: a.x,
        y: a.y - gap,
        anchor: 'middle',
        box: box(a.x - w / 2, a.y - gap - lineHeight, w),
      },
      {
        id: a.id,
        text: a.text,
        x: a.x,
        y: a.y + gap + lineHeight * 0.75,
        anchor: 'middle',
        box: box(a.x - w / 2, a.y + gap, w),
      },
      {
        id: a.id,
        text: a.text,
        x: a.x + gap,
        y: a.y + lineHeight * 0.35,
        anchor: 'start',
        box: box(a.x + gap, a.y - lineHeight / 2, w),
      },
      {
        id: a.id,
        text: a.text,
        x: a.x - gap,
        y: a.y + lineHeight * 0.35,
        anchor: 'end',
        box: box(a.x - gap - w, a.y - lineHeight / 2, w),
      },
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
