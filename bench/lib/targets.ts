/**
 * Issue 13's targets, checked against the latest raw results in bench/out/*.json (whichever exist): the versus
 * comparison at 25k and 100k, the 1M scale rows, and the dashboard's first loads and interactions. A target without
 * a result says so rather than vanishing from the table.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DashboardResult } from '../dashboard-bench.ts';
import type { ScalePoint } from '../scale-bench.ts';
import type { VersusResult } from '../versus-bench.ts';
import { median, percentile } from './timed.ts';

async function readJson<T>(path: string): Promise<T | null> {
  return readFile(path, 'utf8').then(
    (text) => JSON.parse(text) as T,
    () => null,
  );
}

const verdict = (ok: boolean): string => (ok ? 'met' : '**missed**');
const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
const NOT_MEASURED = 'not measured | -';

/** Wall-time ratio to the classic unigram script and mean NMI over the seeds, at each versus size. */
function versusRows(versus: VersusResult[] | null): string[] {
  return [25_000, 100_000].flatMap((n) => {
    const result = versus?.find((r) => r.n === n);
    const ours = result?.variants.find((v) => v.variant === 'ours-default');
    const classic = result?.variants.find((v) => v.variant === 'sklearn-classic');
    const size = n.toLocaleString('en');
    if (!ours || !classic)
      return [`| ${size} docs: wall <= 0.5 x the classic unigram scikit-learn script | ${NOT_MEASURED} |`];
    const ratio = median(ours.wallS) / median(classic.wallS);
    const [oursNmi, classicNmi] = [mean(ours.nmi), mean(classic.nmi)];
    return [
      `| ${size} docs: wall <= 0.5 x the classic unigram scikit-learn script | ${median(ours.wallS).toFixed(1)} s vs ${median(classic.wallS).toFixed(1)} s = ${ratio.toFixed(2)} x (medians of ${ours.wallS.length}) | ${verdict(ratio <= 0.5)} |`,
      `| ${size} docs: mean NMI over the seeds >= the classic script's | ${oursNmi.toFixed(3)} vs ${classicNmi.toFixed(3)} | ${verdict(oursNmi >= classicNmi)} |`,
    ];
  });
}

/** Under 60 s and 3 GiB at 1M, for each 1M row: repeated and growing vocabulary, fitted on all or on a sample. */
function oneMillionRows(scale: ScalePoint[] | null): string[] {
  const points = (scale ?? []).filter((p) => p.n === 1_000_000 && p.variant === 'ours-default');
  if (points.length === 0) return [`| 1,000,000 docs: < 60 s and < 3 GiB | ${NOT_MEASURED} |`];
  return points.map((point) => {
    const fit = point.fitSample === undefined ? 'fit on all' : `--fit-sample ${point.fitSample.toLocaleString('en')}`;
    const gib = point.medianPeakRssMiB / 1024;
    const cpu = point.cpuS === undefined ? '' : `, ${median(point.cpuS).toFixed(0)} s CPU`;
    const runs = `${point.wallS.length} run${point.wallS.length === 1 ? '' : 's'}`;
    return `| 1,000,000 docs (${point.vocabulary ?? 'repeated'} vocabulary, ${fit}): < 60 s and < 3 GiB | ${point.medianWallS.toFixed(0)} s${cpu}, ${gib.toFixed(2)} GiB (${runs}) | ${verdict(point.medianWallS < 60 && gib < 3)} |`;
  });
}

/** Cold first interactions under 1 s at every size measured; first chart under 1 s; brush and toggle p95 under 25 ms at 1M. */
function dashboardRows(dashboard: DashboardResult[] | null): string[] {
  if (!dashboard || dashboard.length === 0)
    return [`| dashboard: cold interactions, first chart, updates | ${NOT_MEASURED} |`];
  const rows: string[] = [];
  const underASecond = (what: string, times: readonly number[]): string =>
    times.length === 0
      ? `| ${what} < 1 s | ${NOT_MEASURED} |`
      : `| ${what} < 1 s | ${(median(times) / 1000).toFixed(2)} s (median of ${times.length}) | ${verdict(median(times) < 1000)} |`;
  for (const r of [...dashboard].sort((a, b) => a.n - b.n)) {
    const at = `dashboard at ${r.n.toLocaleString('en')} docs:`;
    rows.push(
      underASecond(`${at} first chart`, r.firstChartMs),
      underASecond(`${at} first drill-in`, r.firstDrillInMs),
      underASecond(`${at} first title search`, r.firstSearchMs),
      underASecond(`${at} first term lookup`, r.firstTermMs),
    );
    if (r.n === 1_000_000) {
      for (const [what, times] of [
        ['brush', r.brushMs],
        ['toggle', r.toggleMs],
      ] as const) {
        const p95 = percentile(times, 95);
        rows.push(`| ${at} ${what} update p95 < 25 ms | ${p95.toFixed(1)} ms | ${verdict(p95 < 25)} |`);
      }
    }
  }
  return rows;
}

export async function targetsMarkdown(outDir: string): Promise<string> {
  const [versus, scale, dashboard] = await Promise.all([
    readJson<VersusResult[]>(join(outDir, 'versus.json')),
    readJson<ScalePoint[]>(join(outDir, 'scale.json')),
    readJson<DashboardResult[]>(join(outDir, 'dashboard.json')),
  ]);
  const rows = [
    '| target (issue 13) | measured | verdict |',
    '| --- | --- | --- |',
    ...versusRows(versus),
    ...oneMillionRows(scale),
    ...dashboardRows(dashboard),
  ];
  return `${rows.join('\n')}\n`;
}
