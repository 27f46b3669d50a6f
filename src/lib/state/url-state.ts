/**
 * The shareable view as URL parameters, declared once in `URL_PARAMS`: each field's parameter name, strict
 * parser, text form and default. The view's type, the defaults, reading and writing the URL are derived from it.
 * Parsing is strict: a value that is not a real calendar date, a small integer or an allowed word is dropped (and
 * reported), so nothing from the URL reaches a query unchecked.
 */
import { GRANULARITIES, type Granularity } from '../../schema.ts';
import { CHART_MODES, type ChartMode } from '../charts/stack-layout.ts';
import { MEASURES, type Measure } from '../charts/series-table.ts';

export const TABS = ['time', 'terms', 'map'] as const;
export type Tab = (typeof TABS)[number];
/** What the chart and the topic list show: topics, or the themes of `topic_tree` (sums of their topics). */
export const LEVELS = ['topic', 'theme'] as const;
export type Level = (typeof LEVELS)[number];
export const MAX_TERMS = 8;
export const MAX_TERM_LENGTH = 60;

export const MAX_SMOOTHING = 12;
export const MAX_SEARCH_LENGTH = 200;
const MAX_LIST = 500;

/** `YYYY-MM-DD` naming a real day (no 2021-02-30), years 1000..9999. */
export function maybeIsoDate(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return y >= 1000 && t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? value : null;
}

export function maybeInt(value: string, min: number, max: number): number | null {
  if (!/^\d{1,6}$/.test(value)) return null;
  const n = Number.parseInt(value, 10);
  return n >= min && n <= max ? n : null;
}

export function keyword<T extends string>(value: string, allowed: readonly T[]): T | null {
  return (allowed as readonly string[]).includes(value) ? (value as T) : null;
}

function maybeIdList(value: string): number[] | null {
  if (value === '') return [];
  const parts = value.split(',');
  if (parts.length > MAX_LIST) return null;
  const ids = parts.map((p) => maybeInt(p, 0, 1_000_000));
  if (ids.some((id) => id === null)) return null;
  return [...new Set(ids as number[])];
}

/** True when `value` holds a C0 control character or DEL: they have no place in a title search. */
export function hasControlCharacter(value: string): boolean {
  for (let i = 0; i < value.length; i++) {
    const code = value.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

function maybeFlag(value: string): boolean | null {
  return value === '1' ? true : value === '0' ? false : null;
}

function maybeSearch(value: string): string | null {
  return value.length <= MAX_SEARCH_LENGTH && !hasControlCharacter(value) ? value : null;
}

/**
 * Comma-separated words or phrases: each normalized, non-empty, at most MAX_TERM_LENGTH characters without control
 * characters, at most MAX_TERMS of them, duplicates dropped.
 */
export function maybeTermList(value: string): string[] | null {
  if (value.length > MAX_TERMS * (MAX_TERM_LENGTH + 1) || hasControlCharacter(value)) return null;
  const terms = [...new Set(value.split(',').map((t) => t.toLowerCase().replace(/\s+/g, ' ').trim()))];
  if (terms.length > MAX_TERMS || terms.some((t) => t === '' || t.length > MAX_TERM_LENGTH)) return null;
  return terms;
}

/** How one view field lives in the URL. */
export interface ParamSpec<V> {
  /** The URL parameter's name. */
  readonly param: string;
  /** The value of the parameter's text, or null when it is not allowed (then reported, and the default kept). */
  readonly parse: (raw: string) => V | null;
  /** The parameter's text; a value written like the default is left out, so links stay short. */
  readonly format: (value: V) => string;
  readonly default: V;
}

const spec = <V>(s: ParamSpec<V>): ParamSpec<V> => s;
const orEmpty = (value: string | null): string => value ?? '';

const PARAMS = {
  from: spec<string | null>({ param: 'from', parse: maybeIsoDate, format: orEmpty, default: null }),
  to: spec<string | null>({ param: 'to', parse: maybeIsoDate, format: orEmpty, default: null }),
  /** null: the manifest's `defaultGranularity`. */
  granularity: spec<Granularity | null>({
    param: 'g',
    parse: (v) => keyword(v, GRANULARITIES),
    format: orEmpty,
    default: null,
  }),
  mode: spec<ChartMode>({ param: 'mode', parse: (v) => keyword(v, CHART_MODES), format: String, default: 'stacked' }),
  /** null: the run's default measure (share when the manifest says the volume is a sample, else count). */
  measure: spec<Measure | null>({
    param: 'measure',
    parse: (v) => keyword(v, MEASURES),
    format: orEmpty,
    default: null,
  }),
  /** Lines mode draws each series' 95% interval as a band. */
  band: spec<boolean>({ param: 'band', parse: maybeFlag, format: (on) => (on ? '1' : '0'), default: false }),
  /** Moving-average window in periods, 1..MAX_SMOOTHING; 1 = none. */
  smoothing: spec<number>({ param: 'smooth', parse: (v) => maybeInt(v, 1, MAX_SMOOTHING), format: String, default: 1 }),
  /** Hidden topics; written sorted, since their order means nothing. */
  hidden: spec<number[]>({
    param: 'hide',
    parse: maybeIdList,
    format: (ids) => [...ids].sort((a, b) => a - b).join(','),
    default: [],
  }),
  /** Selected topics, in the order they were picked. */
  selected: spec<number[]>({ param: 'sel', parse: maybeIdList, format: (ids) => ids.join(','), default: [] }),
  search: spec<string>({ param: 'q', parse: maybeSearch, format: String, default: '' }),
  tab: spec<Tab>({ param: 'tab', parse: (v) => keyword(v, TABS), format: String, default: 'time' }),
  /** Topics or themes; `hide` and `sel` hold ids of this level. */
  level: spec<Level>({ param: 'level', parse: (v) => keyword(v, LEVELS), format: String, default: 'topic' }),
  /** Words or phrases of the term-trends view, normalized (lower case, single spaces). */
  terms: spec<string[]>({ param: 'terms', parse: maybeTermList, format: (terms) => terms.join(','), default: [] }),
  /** Term trends also count each word's family (the forms sharing its stem), not just the word as typed. */
  family: spec<boolean>({ param: 'family', parse: maybeFlag, format: (on) => (on ? '1' : '0'), default: false }),
};

type ValueOf<S> = S extends ParamSpec<infer V> ? V : never;
export type UrlView = { [K in keyof typeof PARAMS]: ValueOf<(typeof PARAMS)[K]> };

/**
 * The table, typed as a mapped type so that `URL_PARAMS[key]` for a generic key is `ParamSpec<UrlView[key]>`.
 * Its order is the order of parameters in a written URL and of rejected names.
 */
export const URL_PARAMS: { readonly [K in keyof UrlView]: ParamSpec<UrlView[K]> } = PARAMS;
const FIELDS = Object.keys(URL_PARAMS) as (keyof UrlView)[];

/** The defaults, with lists of its own (the caller may keep them). */
function defaultView(): UrlView {
  const view = {} as UrlView;
  const put = <K extends keyof UrlView>(key: K): void => {
    const value = URL_PARAMS[key].default;
    view[key] = (Array.isArray(value) ? [...(value as unknown[])] : value) as UrlView[K];
  };
  FIELDS.forEach(put);
  return view;
}

export const DEFAULT_VIEW: Readonly<UrlView> = defaultView();

/** The URL's fields of `source` (a `ViewState`, say), as a plain value. */
export function pickUrlView(source: UrlView): UrlView {
  const view = {} as UrlView;
  const put = <K extends keyof UrlView>(key: K): void => {
    view[key] = source[key];
  };
  FIELDS.forEach(put);
  return view;
}

export interface ParsedUrlView {
  view: UrlView;
  /** URL parameter names whose values were invalid and ignored. */
  rejected: string[];
}

export function parseUrlView(search: string): ParsedUrlView {
  const params = new URLSearchParams(search);
  const view = defaultView();
  const rejected: string[] = [];
  const take = <K extends keyof UrlView>(key: K): void => {
    const { param, parse } = URL_PARAMS[key];
    const raw = params.get(param);
    if (raw === null) return;
    const value = parse(raw);
    if (value === null) rejected.push(param);
    else view[key] = value;
  };
  FIELDS.forEach(take);
  if (view.from !== null && view.to !== null && view.from > view.to) {
    rejected.push(URL_PARAMS.from.param, URL_PARAMS.to.param);
    view.from = null;
    view.to = null;
  }
  return { view, rejected };
}

/**
 * Writes the view into `search`, keeping parameters this module does not own (e.g. `data`) and leaving out
 * defaults, so links stay short.
 */
export function serializeUrlView(view: UrlView, search = ''): string {
  const params = new URLSearchParams(search);
  for (const key of FIELDS) params.delete(URL_PARAMS[key].param);
  const put = <K extends keyof UrlView>(key: K): void => {
    const { param, format, default: fallback } = URL_PARAMS[key];
    const text = format(view[key]);
    if (text !== format(fallback)) params.set(param, text);
  };
  FIELDS.forEach(put);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
