/**
 * How our pipeline's wall time and peak RSS grow with N, on corpora built by `make-scale-corpus.ts`; scikit-learn's
 * KMeans pipeline runs at the smallest N as the reference. Rows also cover the growing-vocabulary corpus and the
 * bounded-memory mode (`--fit-sample`). Writes a log-log SVG (hand-rolled: no DOM in Node).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { makeScaleCorpus, SCALE_SOURCES, type ScaleVocabulary } from './make-scale-corpus.ts';
import { median, phaseSeconds, ROOT, timed } from './lib/timed.ts';
import { oursQuality } from './ours-quality.ts';
import { phaseList, scoreLabels, type Quality } from './pipeline-bench.ts';
import { commandOf, shellLine, type VariantName } from './lib/variants.ts';

export interface ScalePoint {
  n: number;
  variant: VariantName;
  /** Absent in points measured before the growing-vocabulary corpus: repeated. */
  vocabulary?: ScaleVocabulary;
  /** `--fit-sample`, when the run used it. */
  fitSample?: number;
  real: number;
  copies: number;
  wallS: number[];
  peakRssMiB: number[];
  /** User + system CPU seconds of each run; absent in points measured before it was recorded. */
  cpuS?: number[];
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
  /** The corpus's vocabulary (`make-scale-corpus.ts`); default repeated. */
  vocabulary?: ScaleVocabulary;
  /** Ours only: run with `--fit-sample` this many documents (bounded memory). */
  fitSample?: number;
}

/** The bounded mode's sample in the scale rows: the size up to which `--algorithm auto` fits on all documents. */
const SCALE_FIT_SAMPLE = 200_000;

/** One row of the table: points with the same key replace each other. */
export function pointKey(p: Pick<ScalePoint, 'n' | 'variant' | 'vocabulary' | 'fitSample'>): string {
  return `${p.n} ${rowName(p)}`;
}

function rowName(p: Pick<ScalePoint, 'variant' | 'vocabulary' | 'fitSample'>): string {
  const growing = (p.vocabulary ?? 'repeated') === 'growing' ? ' growing' : '';
  return `${p.variant}${growing}${p.fitSample === undefined ? '' : ' --fit-sample'}`;
}

export const FULL_SCALE: readonly ScalePlan[] = [
  { n: 100_000, runs: 3, variants: ['ours-default', 'sklearn-kmeans'], quality: true },
  { n: 300_000, runs: 3, variants: ['ours-default'] },
  { n: 1_000_000, runs: 3, variants: ['ours-default'] },
  { n: 1_000_000, runs: 1, variants: ['ours-default'], vocabulary: 'growing' },
  // The bounded mode's slope: RSS and time at 250k, 500k and 1M before the 10M row.
  { n: 250_000, runs: 1, variants: ['ours-default'], vocabulary: 'growing', fitSample: SCALE_FIT_SAMPLE },
  { n: 500_000, runs: 1, variants: ['ours-default'], vocabulary: 'growing', fitSample: SCALE_FIT_SAMPLE },
  { n: 1_000_000, runs: 1, variants: ['ours-default'], vocabulary: 'growing', fitSample: SCALE_FIT_SAMPLE },
  { n: 10_000_000, runs: 1, variants: ['ours-default'], vocabulary: 'growing', fitSample: SCALE_FIT_SAMPLE },
];

export const QUICK_SCALE: readonly ScalePlan[] = [
  { n: 5_000, runs: 1, variants: ['ours-default', 'sklearn-kmeans'], quality: true },
  { n: 20_000, runs: 1, variants: ['ours-default'] },
  { n: 20_000, runs: 1, variants: ['ours-default'], fitSample: 5_000 },
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
    const vocabulary = plan.vocabulary ?? 'repeated';
    const corpusName = `corpus-${vocabulary === 'growing' ? 'growing-' : ''}${plan.n}`;
    const input = join(scaleDir, `${corpusName}.jsonl.gz`);
    const { real, copies } = await makeScaleCorpus(plan.n, input, vocabulary);
    // The dashboard benchmark reads `scaleOutput(n)`: the plain default run's.
    const plain = vocabulary === 'repeated' && plan.fitSample === undefined;
    const extraArgs = plan.fitSample === undefined ? [] : ['--fit-sample', String(plan.fitSample)];
    for (const variant of plan.variants) {
      const corpusRun = {
        input,
        k,
        seed,
        dedupe: 'id+title' as const,
        out:
          variant === 'ours-default' && plain
            ? scaleOutput(plan.n)
            : join(scaleDir, `${variant}-${vocabulary}${plan.fitSample === undefined ? '' : '-fit'}-${plan.n}`),
        noQuality: plan.quality !== true,
      };
      const wallS: number[] = [];
      const peakRssMiB: number[] = [];
      const cpuS: number[] = [];
      let phases: Record<string, number> = {};
      for (let rep = 0; rep < plan.runs; rep++) {
        const { command, args } = commandOf(variant, corpusRun);
        const measured = await timed(command, [...args, ...extraArgs]);
        wallS.push(measured.wallS);
        peakRssMiB.push(measured.peakRssMiB);
        cpuS.push(measured.cpuS);
        phases = phaseSeconds(measured.stderr);
        console.log(
          `  scale N=${plan.n} ${variant} run ${rep + 1}/${plan.runs}: ${measured.wallS.toFixed(1)} s, ${measured.cpuS.toFixed(0)} CPU s, ${measured.peakRssMiB.toFixed(0)} MiB (load ${loadavg()[0]!.toFixed(1)})`,
        );
      }
      const point: ScalePoint = {
        n: plan.n,
        variant,
        vocabulary,
        ...(plan.fitSample !== undefined && { fitSample: plan.fitSample }),
        real,
        copies,
        wallS,
        peakRssMiB,
        cpuS,
        medianWallS: median(wallS),
        medianPeakRssMiB: median(peakRssMiB),
        phases,
        command: [
          shellLine(variant, {
            ...corpusRun,
            input: `bench/out/scale/${corpusName}.jsonl.gz`,
            out: corpusRun.out.replace(`${ROOT}/`, ''),
          }),
          ...extraArgs,
        ].join(' '),
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
    `Corpus: the distinct records of ${SCALE_SOURCES.join(', ')} (deduplicated by id and normalized title), then repeated with ids \`<id>#r<r>\` and titles \`<title> [r<r>]\`; built by \`npx tsx bench/make-scale-corpus.ts N bench/out/scale/corpus-N.jsonl.gz\`. Vocabulary "growing": the copies also rewrite rare words into new forms so distinct words keep growing as Heaps' law with the real records' own exponent (\`make-scale-corpus.ts ... growing\`); "repeated": copies add no new word.`,
    '',
    '| N | pipeline | vocabulary | fit sample | real records | repeated copies | runs | wall s (median) | docs/s | CPU s (median) | peak RSS MiB (median) | all runs (s) | NMI |',
    '| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |',
  ];
  for (const p of points) {
    lines.push(
      `| ${p.n.toLocaleString('en-US')} | ${p.variant} | ${p.vocabulary ?? 'repeated'} | ${p.fitSample?.toLocaleString('en-US') ?? 'all'} | ${p.real.toLocaleString('en-US')} | ${p.copies.toLocaleString('en-US')} | ${p.wallS.length} | ${p.medianWallS.toFixed(1)} | ${Math.round(p.n / p.medianWallS).toLocaleString('en-US')} | ${p.cpuS === undefined ? '' : median(p.cpuS).toFixed(0)} | ${p.medianPeakRssMiB.toFixed(0)} | ${p.wallS.map((w) => w.toFixed(1)).join(', ')} | ${p.quality ? p.quality.nmi.toFixed(3) : ''} |`,
    );
  }
  for (const series of new Set(points.map(rowName))) {
    const ours = points.filter((p) => p.variant === 'ours-default' && rowName(p) === series);
    if (ours.length < 2) continue;
    const a = ours[0]!;
    const b = ours[ours.length - 1]!;
    const slope = (y: (p: ScalePoint) => number): string => (Math.log(y(b) / y(a)) / Math.log(b.n / a.n)).toFixed(2);
    const cpuSlope = a.cpuS === undefined || b.cpuS === undefined ? '' : `, CPU time ${slope((p) => median(p.cpuS!))}`;
    lines.push(
      '',
      `Log-log slope of ${series} from N = ${a.n.toLocaleString('en-US')} to ${b.n.toLocaleString('en-US')}: wall time ${slope((p) => p.medianWallS)}${cpuSlope}, peak RSS ${slope((p) => p.medianPeakRssMiB)} (1 = linear).`,
    );
  }
  lines.push('', 'Where the time goes (our pipeline, last run at each N, from its progress lines):', '');
  // Points transcribed from earlier reports may lack their progress lines.
  for (const p of points.filter((q) => q.variant.startsWith('ours') && Object.keys(q.phases).length > 0)) {
    lines.push(
      `- N = ${p.n.toLocaleString('en-US')}, ${rowName(p)}, ${p.vocabulary ?? 'repeated'}: ${phaseList(p.phases)}`,
    );
  }
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
  const colors: Record<string, string> = {
    'ours-default': '#1f77b4',
    'sklearn-kmeans': '#d62728',
    'ours-default growing': '#ff7f0e',
    'ours-default --fit-sample': '#2ca02c',
    'ours-default growing --fit-sample': '#2ca02c',
  };
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
    for (const variant of new Set(points.map(rowName))) {
      const series = points.filter((p) => rowName(p) === variant);
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
  [...new Set(points.map(rowName))].forEach((variant, i) => {
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
