/**
 * How our pipeline's wall time and peak RSS grow with N, on corpora built by `make-scale-corpus.ts`; scikit-learn's
 * KMeans pipeline runs at the smallest N as the reference. Writes a log-log SVG (hand-rolled: no DOM in Node).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { makeScaleCorpus, SCALE_SOURCES } from './make-scale-corpus.ts';
import { median, phaseSeconds, ROOT } from './lib/timed.ts';
import { oursQuality } from './ours-quality.ts';
import { phaseList, scoreLabels, type Quality } from './pipeline-bench.ts';
import { runVariant, shellLine, type VariantName } from './lib/variants.ts';

export interface ScalePoint {
  n: number;
  variant: VariantName;
  real: number;
  copies: number;
  wallS: number[];
  peakRssMiB: number[];
  medianWallS: number;
  medianPeakRssMiB: number;
  /** Ours: seconds per pipeline phase in the last run. */
  phases: Record<string, number>;
  /** Against the first label of each record (arXiv primary category), when the plan asked for it. */
  quality?: Quality;
  command: string;
}

export interface ScalePlan {
  n: number;
  runs: number;
  variants: readonly VariantName[];
  /** Score each variant's clusters against the records' labels (the 100k target compares NMI). */
  quality?: boolean;
}

export const FULL_SCALE: readonly ScalePlan[] = [
  { n: 100_000, runs: 3, variants: ['ours-default', 'sklearn-kmeans'], quality: true },
  { n: 300_000, runs: 3, variants: ['ours-default'] },
  { n: 1_000_000, runs: 3, variants: ['ours-default'] },
];

export const QUICK_SCALE: readonly ScalePlan[] = [
  { n: 5_000, runs: 1, variants: ['ours-default', 'sklearn-kmeans'], quality: true },
  { n: 20_000, runs: 1, variants: ['ours-default'] },
];

export const scaleDir = join(ROOT, 'bench/out/scale');

/** The pipeline output of `ours-default` at N, kept for the dashboard benchmark. */
export const scaleOutput = (n: number): string => join(scaleDir, `out-${n}`);

export async function benchScale(
  plans: readonly ScalePlan[],
  onPoint: (pointsSoFar: readonly ScalePoint[]) => Promise<void>,
  k = 20,
  seed = 42,
): Promise<ScalePoint[]> {
  await mkdir(scaleDir, { recursive: true });
  const points: ScalePoint[] = [];
  for (const plan of plans) {
    const input = join(scaleDir, `corpus-${plan.n}.jsonl.gz`);
    const { real, copies } = await makeScaleCorpus(plan.n, input);
    for (const variant of plan.variants) {
      const corpusRun = {
        input,
        k,
        seed,
        dedupe: 'id+title' as const,
        out: variant === 'ours-default' ? scaleOutput(plan.n) : join(scaleDir, `${variant}-${plan.n}`),
        noQuality: plan.quality !== true,
      };
      const wallS: number[] = [];
      const peakRssMiB: number[] = [];
      let phases: Record<string, number> = {};
      for (let rep = 0; rep < plan.runs; rep++) {
        const measured = await runVariant(variant, corpusRun);
        wallS.push(measured.wallS);
        peakRssMiB.push(measured.peakRssMiB);
        phases = phaseSeconds(measured.stderr);
        console.log(
          `  scale N=${plan.n} ${variant} run ${rep + 1}/${plan.runs}: ${measured.wallS.toFixed(1)} s, ${measured.peakRssMiB.toFixed(0)} MiB`,
        );
      }
      const point: ScalePoint = {
        n: plan.n,
        variant,
        real,
        copies,
        wallS,
        peakRssMiB,
        medianWallS: median(wallS),
        medianPeakRssMiB: median(peakRssMiB),
        phases,
        command: shellLine(variant, {
          ...corpusRun,
          input: `bench/out/scale/corpus-${plan.n}.jsonl.gz`,
          out: corpusRun.out.replace(`${ROOT}/`, ''),
        }),
      };
      if (plan.quality === true) {
        const labels = variant.startsWith('ours')
          ? (await oursQuality(corpusRun.out, `${corpusRun.out}-quality`)).labelsCsv
          : join(corpusRun.out, 'labels.csv');
        point.quality = (await scoreLabels(input, new Map([[variant, labels]])))[variant];
      }
      points.push(point);
      await onPoint(points);
    }
  }
  return points;
}

export function scaleMarkdown(points: readonly ScalePoint[], svgName: string): string {
  const lines = [
    `Corpus: the distinct records of ${SCALE_SOURCES.join(', ')} (deduplicated by id and normalized title), then repeated with ids \`<id>#r<r>\` and titles \`<title> [r<r>]\`; built by \`npx tsx bench/make-scale-corpus.ts N bench/out/scale/corpus-N.jsonl.gz\`.`,
    '',
    '| N | pipeline | real records | repeated copies | runs | wall s (median) | docs/s | peak RSS MiB (median) | all runs (s) | NMI |',
    '| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
  ];
  for (const p of points) {
    lines.push(
      `| ${p.n.toLocaleString('en-US')} | ${p.variant} | ${p.real.toLocaleString('en-US')} | ${p.copies.toLocaleString('en-US')} | ${p.wallS.length} | ${p.medianWallS.toFixed(1)} | ${Math.round(p.n / p.medianWallS).toLocaleString('en-US')} | ${p.medianPeakRssMiB.toFixed(0)} | ${p.wallS.map((w) => w.toFixed(1)).join(', ')} | ${p.quality ? p.quality.nmi.toFixed(3) : ''} |`,
    );
  }
  const ours = points.filter((p) => p.variant === 'ours-default');
  if (ours.length >= 2) {
    const a = ours[0]!;
    const b = ours[ours.length - 1]!;
    const slope = (y: (p: ScalePoint) => number): string => (Math.log(y(b) / y(a)) / Math.log(b.n / a.n)).toFixed(2);
    lines.push(
      '',
      `Log-log slope from N = ${a.n.toLocaleString('en-US')} to ${b.n.toLocaleString('en-US')}: wall time ${slope((p) => p.medianWallS)}, peak RSS ${slope((p) => p.medianPeakRssMiB)} (1 = linear).`,
    );
  }
  lines.push('', 'Where the time goes (our pipeline, last run at each N, from its progress lines):', '');
  for (const p of ours) lines.push(`- N = ${p.n.toLocaleString('en-US')}: ${phaseList(p.phases)}`);
  lines.push('', `![Wall time and peak RSS against N, log-log](${svgName})`, '', 'Commands:', '', '```sh');
  for (const p of points) lines.push(p.command);
  lines.push('```', '');
  return lines.join('\n');
}

/** Two log-log panels (wall time, peak RSS) with one polyline per variant. */
export function scaleSvg(points: readonly ScalePoint[]): string {
  const width = 780;
  const height = 300;
  const panelWidth = 300;
  const margin = { top: 30, left: 60, bottom: 44 };
  const ns = points.map((p) => p.n);
  const [nMin, nMax] = [Math.min(...ns) / 1.3, Math.max(...ns) * 1.3];
  const colors: Record<string, string> = { 'ours-default': '#1f77b4', 'sklearn-kmeans': '#d62728' };
  const panels = [
    { title: 'wall time (s)', value: (p: ScalePoint) => p.medianWallS, x0: margin.left },
    { title: 'peak RSS (MiB)', value: (p: ScalePoint) => p.medianPeakRssMiB, x0: margin.left + panelWidth + 60 },
  ];
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
  ];
  const plotHeight = height - margin.top - margin.bottom;
  const logScale = (lo: number, hi: number, r0: number, r1: number) => (v: number) =>
    r0 + ((Math.log10(v) - Math.log10(lo)) / (Math.log10(hi) - Math.log10(lo))) * (r1 - r0);
  const decades = (lo: number, hi: number): number[] => {
    const ticks: number[] = [];
    for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
      for (const m of [1, 2, 3, 5]) {
        const t = m * 10 ** e;
        if (t >= lo && t <= hi) ticks.push(t);
      }
    }
    return ticks;
  };
  for (const panel of panels) {
    const values = points.map(panel.value);
    const [vMin, vMax] = [Math.min(...values) / 1.5, Math.max(...values) * 1.5];
    const x = logScale(nMin, nMax, panel.x0, panel.x0 + panelWidth);
    const y = logScale(vMin, vMax, margin.top + plotHeight, margin.top);
    parts.push(
      `<text x="${panel.x0 + panelWidth / 2}" y="16" text-anchor="middle" font-weight="bold">${panel.title}</text>`,
    );
    parts.push(
      `<rect x="${panel.x0}" y="${margin.top}" width="${panelWidth}" height="${plotHeight}" fill="none" stroke="#999"/>`,
    );
    for (const t of decades(nMin, nMax)) {
      parts.push(
        `<line x1="${x(t)}" x2="${x(t)}" y1="${margin.top}" y2="${margin.top + plotHeight}" stroke="#eee"/>`,
        `<text x="${x(t)}" y="${margin.top + plotHeight + 14}" text-anchor="middle">${t >= 1e6 ? `${t / 1e6}M` : `${t / 1e3}k`}</text>`,
      );
    }
    for (const t of decades(vMin, vMax)) {
      parts.push(
        `<line x1="${panel.x0}" x2="${panel.x0 + panelWidth}" y1="${y(t)}" y2="${y(t)}" stroke="#eee"/>`,
        `<text x="${panel.x0 - 4}" y="${y(t) + 4}" text-anchor="end">${t}</text>`,
      );
    }
    parts.push(
      `<text x="${panel.x0 + panelWidth / 2}" y="${height - 8}" text-anchor="middle">documents N (log)</text>`,
    );
    for (const variant of new Set(points.map((p) => p.variant))) {
      const series = points.filter((p) => p.variant === variant);
      const color = colors[variant] ?? '#333';
      const d = series.map((p) => `${x(p.n).toFixed(1)},${y(panel.value(p)).toFixed(1)}`).join(' ');
      parts.push(`<polyline points="${d}" fill="none" stroke="${color}" stroke-width="2"/>`);
      for (const p of series) {
        parts.push(
          `<circle cx="${x(p.n).toFixed(1)}" cy="${y(panel.value(p)).toFixed(1)}" r="3.5" fill="${color}"/>`,
          `<text x="${(x(p.n) + 6).toFixed(1)}" y="${(y(panel.value(p)) - 6).toFixed(1)}" fill="${color}">${panel.value(p).toFixed(panel.value(p) < 10 ? 1 : 0)}</text>`,
        );
      }
    }
  }
  [...new Set(points.map((p) => p.variant))].forEach((variant, i) => {
    const color = colors[variant] ?? '#333';
    parts.push(
      `<rect x="${margin.left + 8}" y="${margin.top + 8 + i * 16}" width="10" height="10" fill="${color}"/>`,
      `<text x="${margin.left + 22}" y="${margin.top + 17 + i * 16}">${variant}</text>`,
    );
  });
  parts.push('</svg>');
  return parts.join('\n');
}

export async function writeScaleSvg(points: readonly ScalePoint[], path: string): Promise<void> {
  await writeFile(path, `${scaleSvg(points)}\n`);
}
