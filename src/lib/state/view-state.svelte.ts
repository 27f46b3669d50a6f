/** The user's view (filters, chart options, selection), mirrored in the URL. */
import type { Granularity } from '../../schema.ts';
import type { ChartMode } from '../charts/stack-layout.ts';
import type { Measure } from '../charts/series-table.ts';
import type { DateRange } from '../queries/sql.ts';
import { effectiveRange, FULL_RANGE, type DefaultRange } from '../charts/default-range.ts';
import { serializeUrlView, type Tab, type UrlView } from './url-state.ts';

export class ViewState {
  from = $state<string | null>(null);
  to = $state<string | null>(null);
  granularity = $state<Granularity>('month');
  mode = $state<ChartMode>('stacked');
  measure = $state<Measure>('count');
  smoothing = $state(1);
  hidden = $state<number[]>([]);
  selected = $state<number[]>([]);
  search = $state('');
  tab = $state<Tab>('time');
  terms = $state<string[]>([]);

  /** The range shown while the user leaves an end open: the data's, less a far sparse tail (`defaultDateRange`). */
  readonly defaultRange: DefaultRange = $derived.by(() => this.defaultRangeOf(this.granularity));
  /** The range every view shows: the user's `from`/`to`, each open end taken from `defaultRange`. */
  readonly range: DateRange = $derived(effectiveRange(this.defaultRange, { from: this.from, to: this.to }));

  private readonly defaultRangeOf: (granularity: Granularity) => DefaultRange;

  constructor(
    initial: UrlView,
    defaultGranularity: Granularity,
    defaultRangeOf: (granularity: Granularity) => DefaultRange = () => FULL_RANGE,
  ) {
    this.defaultRangeOf = defaultRangeOf;
    this.from = initial.from;
    this.to = initial.to;
    this.granularity = initial.granularity ?? defaultGranularity;
    this.mode = initial.mode;
    this.measure = initial.measure;
    this.smoothing = initial.smoothing;
    this.hidden = initial.hidden;
    this.selected = initial.selected;
    this.search = initial.search;
    this.tab = initial.tab;
    this.terms = initial.terms;
  }

  toggleHidden(id: number): void {
    this.hidden = this.hidden.includes(id) ? this.hidden.filter((h) => h !== id) : [...this.hidden, id];
  }

  toggleSelected(id: number): void {
    this.selected = this.selected.includes(id) ? this.selected.filter((s) => s !== id) : [...this.selected, id];
  }

  /** URL search string for the current view, keeping foreign parameters of `search`. */
  toSearch(search: string, defaultGranularity: Granularity): string {
    return serializeUrlView(
      {
        from: this.from,
        to: this.to,
        granularity: this.granularity === defaultGranularity ? null : this.granularity,
        mode: this.mode,
        measure: this.measure,
        smoothing: this.smoothing,
        hidden: this.hidden,
        selected: this.selected,
        search: this.search,
        tab: this.tab,
        terms: this.terms,
      },
      search,
    );
  }
}
