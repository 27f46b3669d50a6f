/**
 * A value that follows its source once the frame after a change has been painted. The panels beside the trend chart
 * (topic list, growth, why topics rise, papers, a topic's detail) read the view through one, so a brush or a date
 * change draws the chart in its own frame and they follow in the next task; a burst of changes settles once. Must be
 * constructed while a component initializes (it owns an effect).
 */
import { untrack } from 'svelte';
import { afterPaint } from './resource.svelte.ts';

export class Settled<T> {
  current: T = $state.raw() as T;

  constructor(source: () => T) {
    this.current = source();
    $effect(() => {
      const next = source();
      if (next === untrack(() => this.current)) return;
      return afterPaint(() => (this.current = next));
    });
  }
}
