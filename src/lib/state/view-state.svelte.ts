/** The user's view (filters, chart options, selection), mirrored in the URL. */
import type { Granularity } from '../../schema.ts';
import type { Measure } from '../charts/series-table.ts';
import type { DateRange } from '../queries/sql.ts';
import { effectiveRange, FULL_RANGE, type DefaultRange } from '../charts/default-range.ts';
import { DEFAULT_VIEW, pickUrlView, serializeUrlView, type Level, type UrlView } from './url-state.ts';

/**
 * The view's fields: the URL's (`URL_PARAMS`), with the granularity and the measure resolved (the URL leaves the
 * run's defaults out).
 */
export type ViewFields = Omit<UrlView, 'granularity' | 'measure'> & { granularity: Granularity; measure: Measure };

/** The run's defaults for the fields the URL leaves open. */
export interface RunDefaults {
  granularity: Granularity;
  /** 'share' when the corpus volume is a sample (manifest `parameters.volumeIsSample`), else 'count'. */
  measure: Measure;
}

export class ViewState implements ViewFields {
  // Svelte tracks class fields one by one, so each is declared here; types and start values come from URL_PARAMS.
  from = $state(DEFAULT_VIEW.from);
  to = $state(DEFAULT_VIEW.to);
  granularity: Granularity = $state('month');
  mode = $state(DEFAULT_VIEW.mode);
  measure: Measure = $state('count');
  band = $state(DEFAULT_VIEW.band);
  smoothing = $state(DEFAULT_VIEW.smoothing);
  hidden = $state(DEFAULT_VIEW.hidden);
  selected = $state(DEFAULT_VIEW.selected);
  search = $state(DEFAULT_VIEW.search);
  tab = $state(DEFAULT_VIEW.tab);
  level = $state(DEFAULT_VIEW.level);
  terms = $state(DEFAULT_VIEW.terms);
  family = $state(DEFAULT_VIEW.family);

  /** The range shown while the user leaves an end open: the data's, less a far sparse tail (`defaultDateRange`). */
  readonly defaultRange: DefaultRange = $derived.by(() => this.defaultRangeOf(this.granularity));
  /** The range every view shows: the user's `from`/`to`, each open end taken from `defaultRange`. */
  readonly range: DateRange = $derived(effectiveRange(this.defaultRange, { from: this.from, to: this.to }));

  private readonly defaultRangeOf: (granularity: Granularity) => DefaultRange;
  private readonly defaults: RunDefaults;

  constructor(
    initial: UrlView,
    defaults: RunDefaults,
    defaultRangeOf: (granularity: Granularity) => DefaultRange = () => FULL_RANGE,
  ) {
    this.defaultRangeOf = defaultRangeOf;
    this.defaults = defaults;
    const fields: ViewFields = {
      ...initial,
      granularity: initial.granularity ?? defaults.granularity,
      measure: initial.measure ?? defaults.measure,
    };
    Object.assign(this, fields);
  }

  toggleHidden(id: number): void {
    this.hidden = this.hidden.includes(id) ? this.hidden.filter((h) => h !== id) : [...this.hidden, id];
  }

  /** Topic and theme ids name different things: the selection and hidden series start afresh at another level. */
  setLevel(level: Level): void {
    if (level === this.level) return;
    this.level = level;
    this.selected = [];
    this.hidden = [];
  }

  toggleSelected(id: number): void {
    this.selected = this.selected.includes(id) ? this.selected.filter((s) => s !== id) : [...this.selected, id];
  }

  /** URL search string for the current view, keeping foreign parameters of `search`. */
  toSearch(search: string): string {
    const view = pickUrlView(this);
    if (view.granularity === this.defaults.granularity) view.granularity = null;
    if (view.measure === this.defaults.measure) view.measure = null;
    return serializeUrlView(view, search);
  }
}
