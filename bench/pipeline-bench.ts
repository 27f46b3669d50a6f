/**
 * Ours against scikit-learn on real labelled corpora: wall time and peak RSS (median of `runs`), and quality
 * against the corpus labels (NMI, ARI, V-measure) plus the NPMI coherence of each cluster's top 10 terms.
 * Variants run round-robin within each repetition so a slow spell on the shared machine hits all of them.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { oursQuality } from './ours-quality.ts';
import { median, phaseSeconds, ROOT } from './lib/timed.ts';
import { PYTHON, runVariant, shellLine, VARIANTS, type CorpusRun, type VariantName } from './lib/variants.ts';

const run = promisify(execFile);

export interface BenchCorpus {
  name: string;
  file: string;
  k: number;
  dedupe: 'id+title' | 'id';
  labelMeaning: string;
}

export const FULL_CORPORA: readonly BenchCorpus[] = [
  { name: '20newsgroups-bydate', file: '20newsgroups-bydate.jsonl.gz', k: 20, dedupe: 'id', labelMeaning: 'newsgroup' },
  {
    name: 'arxiv-daily-cs',
    file: 'arxiv-daily-cs.jsonl.gz',
    k: 20,
    dedupe: 'id+title',
    labelMeaning: 'primary category',
  },
  {
    name: 'arxiv-cs-2013-2025',
    file: 'arxiv-cs-2013-2025.jsonl.gz',
    k: 20,
    dedupe: 'id+title',
    labelMeaning: 'primary category',
  },
];

export const QUICK_CORPORA: readonly BenchCorpus[] = [FULL_CORPORA[0]!];

export interface VariantResult {
  variant: VariantName;
  wallS: number[];
  peakRssMiB: number[];
  medianWallS: number;
  medianPeakRssMiB: number;
  sklearnPhases?: { readS: number; vectorizeS: number; clusterS: number; nIter: number; terms: number };
  /** Ours: seconds per pipeline phase in the last run, from its progress lines. */
  oursPhases?: Record<string, number>;
  quality: { docs: number; classes: number; nmi: number; ari: number; vMeasure: number };
  npmi: number;
  topTerms: string[][];
  command: string;
}

export type Quality = VariantResult['quality'];

/** NMI, ARI and V-measure of each variant's doc_id,cluster_id CSV against the corpus labels (`quality.py`). */
export async function scoreLabels(
  input: string,
  labelFiles: ReadonlyMap<VariantName, string>,
): Promise<Record<VariantName, Quality>> {
  const { stdout } = await run(
    PYTHON,
    [join(ROOT, 'bench/quality.py'), input, ...[...labelFiles].map(([v, file]) => `${v}=${file}`)],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return JSON.parse(stdout) as Record<VariantName, Quality>;
}

export interface CorpusResult {
  corpus: BenchCorpus;
  runs: number;
  variants: VariantResult[];
}

export async function benchCorpus(corpus: BenchCorpus, runs: number, seed = 42): Promise<CorpusResult> {
  const input = join(ROOT, '../shared/data', corpus.file);
  const dir = join(ROOT, 'bench/out/pipeline', corpus.name);
  await mkdir(dir, { recursive: true });
  const runOf = (variant: VariantName): CorpusRun => ({
    input,
    k: corpus.k,
    seed,
    dedupe: corpus.dedupe,
    out: join(dir, variant),
  });
  const times = new Map<VariantName, { wallS: number[]; peakRssMiB: number[] }>(
    VARIANTS.map((v) => [v, { wallS: [], peakRssMiB: [] }]),
  );
  const oursPhases = new Map<VariantName, Record<string, number>>();
  for (let rep = 0; rep < runs; rep++) {
    for (const variant of VARIANTS) {
      const measured = await runVariant(variant, runOf(variant));
      const t = times.get(variant)!;
      t.wallS.push(measured.wallS);
      t.peakRssMiB.push(measured.peakRssMiB);
      if (variant.startsWith('ours')) oursPhases.set(variant, phaseSeconds(measured.stderr));
      console.log(
        `  ${corpus.name} ${variant} run ${rep + 1}/${runs}: ${measured.wallS.toFixed(1)} s, ${measured.peakRssMiB.toFixed(0)} MiB`,
      );
    }
  }

  const labelFiles = new Map<VariantName, string>();
  const npmi = new Map<VariantName, number>();
  const topTerms = new Map<VariantName, string[][]>();
  for (const variant of VARIANTS) {
    const out = runOf(variant).out;
    if (variant.startsWith('ours')) {
      const q = await oursQuality(out, `${out}-quality`);
      labelFiles.set(variant, q.labelsCsv);
      npmi.set(variant, q.npmiMean);
      topTerms.set(variant, q.topTerms);
    } else {
      labelFiles.set(variant, join(out, 'labels.csv'));
      npmi.set(variant, (JSON.parse(await readFile(join(out, 'npmi.json'), 'utf8')) as { mean: number }).mean);
      topTerms.set(variant, JSON.parse(await readFile(join(out, 'top_terms.json'), 'utf8')) as string[][]);
    }
  }
  const quality = await scoreLabels(input, labelFiles);

  const variants: VariantResult[] = [];
  for (const variant of VARIANTS) {
    const t = times.get(variant)!;
    const result: VariantResult = {
      variant,
      ...t,
      medianWallS: median(t.wallS),
      medianPeakRssMiB: median(t.peakRssMiB),
      quality: quality[variant],
      npmi: npmi.get(variant)!,
      topTerms: topTerms.get(variant)!,
      command: shellLine(variant, {
        ...runOf(variant),
        input: `../shared/data/${corpus.file}`,
        out: `bench/out/pipeline/${corpus.name}/${variant}`,
      }),
    };
    const phases = oursPhases.get(variant);
    if (phases) result.oursPhases = phases;
    if (variant.startsWith('sklearn')) {
      const phases = JSON.parse(
        await readFile(join(runOf(variant).out, 'timings.json'), 'utf8'),
      ) as VariantResult['sklearnPhases'] & object;
      result.sklearnPhases = phases;
    }
    variants.push(result);
  }
  return { corpus, runs, variants };
}

const f1 = (x: number): string => x.toFixed(1);
const f3 = (x: number): string => x.toFixed(3);

export function pipelineMarkdown(results: readonly CorpusResult[]): string {
  const out: string[] = [];
  for (const { corpus, runs, variants } of results) {
    const byName = new Map(variants.map((v) => [v.variant, v]));
    const skKMeans = byName.get('sklearn-kmeans')!;
    const skMini = byName.get('sklearn-minibatch')!;
    out.push(
      `#### ${corpus.name} (k = ${corpus.k}, dedupe ${corpus.dedupe}, labels: ${corpus.labelMeaning}, ${skKMeans.quality.docs.toLocaleString('en-US')} labelled docs, ${skKMeans.quality.classes} classes; median of ${runs} run${runs === 1 ? '' : 's'})`,
      '',
      '| pipeline | wall s | peak RSS MiB | wall ours/sklearn KMeans | wall ours/sklearn MiniBatch | RSS ours/sklearn KMeans | NMI | ARI | V-measure | mean NPMI top 10 |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const v of variants) {
      const ours = v.variant.startsWith('ours');
      out.push(
        `| ${v.variant} | ${f1(v.medianWallS)} | ${v.medianPeakRssMiB.toFixed(0)} | ${ours ? (v.medianWallS / skKMeans.medianWallS).toFixed(2) : ''} | ${ours ? (v.medianWallS / skMini.medianWallS).toFixed(2) : ''} | ${ours ? (v.medianPeakRssMiB / skKMeans.medianPeakRssMiB).toFixed(2) : ''} | ${f3(v.quality.nmi)} | ${f3(v.quality.ari)} | ${f3(v.quality.vMeasure)} | ${f3(v.npmi)} |`,
      );
    }
    out.push('', 'All runs (wall s / peak MiB):', '');
    for (const v of variants) {
      out.push(`- ${v.variant}: ${v.wallS.map((w, i) => `${f1(w)} / ${v.peakRssMiB[i]!.toFixed(0)}`).join(', ')}`);
    }
    out.push('', 'Where the time goes (last run; ours from its progress lines, sklearn timed inside the process):', '');
    for (const v of variants.filter((v) => v.oursPhases)) {
      out.push(`- ${v.variant}: ${phaseList(v.oursPhases!)}`);
    }
    for (const v of variants.filter((v) => v.sklearnPhases)) {
      const p = v.sklearnPhases!;
      out.push(
        `- ${v.variant}: read+dedupe ${f1(p.readS)} s, TfidfVectorizer ${f1(p.vectorizeS)} s (${p.terms.toLocaleString('en-US')} terms), clustering ${f1(p.clusterS)} s (${p.nIter} iterations)`,
      );
    }
    out.push('', 'Commands:', '', '```sh', ...variants.map((v) => v.command), '```', '');
    out.push('<details><summary>Top 5 terms of the first 5 clusters</summary>', '');
    for (const v of variants) {
      out.push(
        `- ${v.variant}: ${v.topTerms
          .slice(0, 5)
          .map((t) => t.slice(0, 5).join(', '))
          .join(' | ')}`,
      );
    }
    out.push('', '</details>', '');
  }
  return out.join('\n');
}

export function phaseList(phases: Record<string, number>): string {
  return Object.entries(phases)
    .map(([name, seconds]) => `${name} ${seconds.toFixed(1)} s`)
    .join(', ');
}
