/**
 * Issue 13's comparison: our default run (labels, trends, term trends, map: everything `npm run pipeline` does)
 * against the classic scikit-learn script (`TfidfVectorizer(sublinear_tf=True, min_df=5, max_df=0.5,
 * stop_words='english')` + `KMeans(n_init=1)`, unigrams, labels out) and against scikit-learn with our vocabulary
 * settings (bigrams, 100,000 terms), at k = 20 on evenly spaced subsets of the public arXiv CS file. Each side is
 * one whole process under GNU time, once per seed (1, 2, 3), variants round-robin; the table gives the median wall
 * time, the ratio ours / scikit-learn, and the mean NMI over the seeds against the arXiv primary category.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, rename } from 'node:fs/promises';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { oursQuality } from './ours-quality.ts';
import { scoreLabels } from './pipeline-bench.ts';
import { median, ROOT } from './lib/timed.ts';
import { runVariant, shellLine, type CorpusRun, type VariantName } from './lib/variants.ts';

export const VERSUS_SOURCE = 'arxiv-cs-2013-2025.jsonl.gz';
export const VERSUS_SIZES = [25_000, 100_000] as const;
const VERSUS_VARIANTS: readonly VariantName[] = ['ours-default', 'sklearn-classic', 'sklearn-kmeans'];
const SEEDS = [1, 2, 3];

export interface VersusResult {
  n: number;
  corpus: string;
  variants: {
    variant: VariantName;
    wallS: number[];
    peakRssMiB: number[];
    nmi: number[];
    command: string;
  }[];
  /** Load average (1, 5, 15 min) when each run started, in run order. */
  loads: number[][];
}

async function lineCount(file: string): Promise<number> {
  let n = 0;
  for await (const line of createInterface({ input: createReadStream(file).pipe(createGunzip()) }))
    if (line.trim()) n++;
  return n;
}

/** `n` records evenly spaced through `source` (record i kept when floor((i + 1) n / total) > floor(i n / total)). */
export async function evenSubset(source: string, n: number, out: string): Promise<void> {
  if (
    await access(out).then(
      () => true,
      () => false,
    )
  )
    return;
  const total = await lineCount(source);
  if (n > total) throw new Error(`${source} has ${total} records, fewer than ${n}`);
  let i = 0;
  const lines = async function* () {
    for await (const line of createInterface({ input: createReadStream(source).pipe(createGunzip()) })) {
      if (!line.trim()) continue;
      if (Math.floor(((i + 1) * n) / total) > Math.floor((i * n) / total)) yield `${line}\n`;
      i++;
    }
  };
  await pipeline(lines, createGzip(), createWriteStream(`${out}.tmp`));
  await rename(`${out}.tmp`, out);
}

export async function benchVersus(n: number, variants = VERSUS_VARIANTS): Promise<VersusResult> {
  const dir = join(ROOT, 'bench/out/versus');
  await mkdir(dir, { recursive: true });
  const corpus = join(dir, `arxiv-cs-${n}.jsonl.gz`);
  await evenSubset(join(ROOT, '../shared/data', VERSUS_SOURCE), n, corpus);
  const runOf = (variant: VariantName, seed: number): CorpusRun => ({
    input: corpus,
    k: 20,
    seed,
    dedupe: 'id+title',
    out: join(dir, `n${n}`, `${variant}-seed${seed}`),
  });
  const rows = variants.map((variant) => ({
    variant,
    wallS: [] as number[],
    peakRssMiB: [] as number[],
    nmi: [] as number[],
    command: shellLine(variant, {
      ...runOf(variant, 1),
      input: `bench/out/versus/arxiv-cs-${n}.jsonl.gz`,
      out: `bench/out/versus/n${n}/${variant}-seed1`,
    }),
  }));
  const loads: number[][] = [];
  for (const seed of SEEDS) {
    const labelFiles = new Map<VariantName, string>();
    for (const row of rows) {
      loads.push(loadavg());
      const run = runOf(row.variant, seed);
      const measured = await runVariant(row.variant, run);
      row.wallS.push(measured.wallS);
      row.peakRssMiB.push(measured.peakRssMiB);
      console.log(
        `  versus n=${n} ${row.variant} seed ${seed}: ${measured.wallS.toFixed(1)} s, ${measured.peakRssMiB.toFixed(0)} MiB (load ${loadavg()[0]!.toFixed(1)})`,
      );
      labelFiles.set(
        row.variant,
        row.variant.startsWith('ours')
          ? (await oursQuality(run.out, `${run.out}-quality`)).labelsCsv
          : join(run.out, 'labels.csv'),
      );
    }
    const quality = await scoreLabels(corpus, labelFiles);
    for (const row of rows) row.nmi.push(quality[row.variant].nmi);
  }
  return {
    n,
    corpus: `${n.toLocaleString('en-US')} records evenly spaced through ${VERSUS_SOURCE}`,
    variants: rows,
    loads,
  };
}

const NAMES: Partial<Record<VariantName, string>> = {
  'ours-default': 'ours, default run (labels, trends, term trends, map)',
  'sklearn-classic': 'scikit-learn, classic script (unigrams, no cap)',
  'sklearn-kmeans': 'scikit-learn, bigrams, 100,000 terms',
};

export function versusMarkdown(results: readonly VersusResult[]): string {
  const lines = [
    '| N | side | wall time (median of 3) | ours / this | peak RSS | NMI (mean of seeds 1-3) | NMI per seed |',
    '| --: | --- | --: | --: | --: | --: | --- |',
  ];
  for (const result of results) {
    const ours = result.variants.find((v) => v.variant === 'ours-default');
    for (const v of result.variants) {
      const wall = median(v.wallS);
      const ratio = ours === undefined || v === ours ? '' : `${(median(ours.wallS) / wall).toFixed(2)}x`;
      const mean = v.nmi.reduce((a, b) => a + b, 0) / v.nmi.length;
      lines.push(
        `| ${result.n.toLocaleString('en-US')} | ${NAMES[v.variant] ?? v.variant} | ${wall.toFixed(1)} s | ${ratio} | ${median(v.peakRssMiB).toFixed(0)} MiB | ${mean.toFixed(3)} | ${v.nmi.map((x) => x.toFixed(3)).join(', ')} |`,
      );
    }
  }
  lines.push('', 'Load average (1 min) at the start of each run, in run order:', '');
  for (const result of results) {
    lines.push(`- N = ${result.n.toLocaleString('en-US')}: ${result.loads.map((l) => l[0]!.toFixed(1)).join(', ')}`);
  }
  lines.push('', 'Commands (seed 1; corpora built by `evenSubset` in bench/versus-bench.ts):', '');
  for (const result of results) for (const v of result.variants) lines.push(`- \`${v.command}\``);
  return lines.join('\n');
}
