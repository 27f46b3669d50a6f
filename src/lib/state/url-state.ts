/**
 * The shareable view as URL parameters. Parsing is strict: a value that is not a real calendar date, a small
 * integer or an allowed word is dropped (and reported), so nothing from the URL reaches a query unchecked.
 */
import { GRANULARITIES, type Granularity } from '../../schema.ts';
import { CHART_MODES, type ChartMode } from '../charts/stack-layout.ts';
import { MEASURES, type Measure } from '../charts/series-table.ts';

export interface UrlView {
  from: string | null;
  to: string | null;
  granularity: Granularity | null;
  mode: ChartMode;
  measure: Measure;
  /** Moving-average window in periods, 1..MAX_SMOOTHING; 1 = none. */
  smoothing: number;
  hidden: number[];
  selected: number[];
  search: string;
  tab: Tab;
  /** Words or phrases of the term-trends view, normalized (lower case, single spaces). */
  terms: string[];
}

export const TABS = ['time', 'terms', 'map'] as const;
export type Tab = (typeof TABS)[number];
export const MAX_TERMS = 8;
export const MAX_TERM_LENGTH = 60;

export const MAX_SMOOTHING = 12;
export const MAX_SEARCH_LENGTH = 200;
const MAX_LIST = 500;

export const DEFAULT_VIEW: Readonly<UrlView> = {
  from: null,
  to: null,
  granularity: null,
  mode: 'stacked',
  measure: 'count',
  smoothing: 1,
  hidden: [],
  selected: [],
  search: '',
  tab: 'time',
  terms: [],
};

const KEYS = {
  from: 'from',
  to: 'to',
  granularity: 'g',
  mode: 'mode',
  measure: 'measure',
  smoothing: 'smooth',
  hidden: 'hide',
  selected: 'sel',
  search: 'q',
  tab: 'tab',
  terms: 'terms',
} as const satisfies Record<keyof UrlView, string>;

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

export interface ParsedUrlView {
  view: UrlView;
  /** URL parameter names whose values were invalid and ignored. */
  rejected: string[];
}

export function parseUrlView(search: string): ParsedUrlView {
  const params = new URLSearchParams(search);
  const view: UrlView = { ...DEFAULT_VIEW, hidden: [], selected: [], terms: [] };
  const rejected: string[] = [];
  function take<V>(key: string, parse: (raw: string) => V | null, apply: (v: V) => void): void {
    const raw = params.get(key);
    if (raw === null) return;
    const v = parse(raw);
    if (v === null) rejected.push(key);
    else apply(v);
  }
  take(KEYS.from, maybeIsoDate, (v) => (view.from = v));
  take(KEYS.to, maybeIsoDate, (v) => (view.to = v));
  take(
    KEYS.granularity,
    (v) => keyword(v, GRANULARITIES),
    (v) => (view.granularity = v),
  );
  take(
    KEYS.mode,
    (v) => keyword(v, CHART_MODES),
    (v) => (view.mode = v),
  );
  take(
    KEYS.measure,
    (v) => keyword(v, MEASURES),
    (v) => (view.measure = v),
  );
  take(
    KEYS.smoothing,
    (v) => maybeInt(v, 1, MAX_SMOOTHING),
    (v) => (view.smoothing = v),
  );
  take(KEYS.hidden, maybeIdList, (v) => (view.hidden = v));
  take(KEYS.selected, maybeIdList, (v) => (view.selected = v));
  take(KEYS.search, maybeSearch, (v) => (view.search = v));
  take(
    KEYS.tab,
    (v) => keyword(v, TABS),
    (v) => (view.tab = v),
  );
  take(KEYS.terms, maybeTermList, (v) => (view.terms = v));
  if (view.from !== null && view.to !== null && view.from > view.to) {
    rejected.push(KEYS.from, KEYS.to);
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
  for (const key of Object.values(KEYS)) params.delete(key);
  const set = (key: string, value: string, isDefault: boolean): void => {
    if (!isDefault) params.set(key, value);
  };
  set(KEYS.from, view.from ?? '', view.from === null);
  set(KEYS.to, view.to ?? '', view.to === null);
  set(KEYS.granularity, view.granularity ?? '', view.granularity === null);
  set(KEYS.mode, view.mode, view.mode === DEFAULT_VIEW.mode);
  set(KEYS.measure, view.measure, view.measure === DEFAULT_VIEW.measure);
  set(KEYS.smoothing, String(view.smoothing), view.smoothing === DEFAULT_VIEW.smoothing);
  set(KEYS.hidden, [...view.hidden].sort((a, b) => a - b).join(','), view.hidden.length === 0);
  set(KEYS.selected, view.selected.join(','), view.selected.length === 0);
  set(KEYS.search, view.search, view.search === '');
  set(KEYS.tab, view.tab, view.tab === DEFAULT_VIEW.tab);
  set(KEYS.terms, view.terms.join(','), view.terms.length === 0);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
