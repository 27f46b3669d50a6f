/** The issue's targets, checked against the latest raw results in bench/out/*.json (whichever exist). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DashboardResult } from '../dashboard-bench.ts';
import type { CorpusResult } from '../pipeline-bench.ts';
import type { ScalePoint } from '../scale-bench.ts';
import { median, percentile } from './timed.ts';

async function readJson<T>(path: string): Promise<T | null> {
  return readFile(path, 'utf8').then(
    (text) => JSON.parse(text) as T,
    () => null,
  );
}

const verdict = (ok: boolean): string => (ok ? 'met' : '**missed**');

export async function targetsMarkdown(outDir: string): Promise<string> {
  const pipeline = await readJson<CorpusResult[]>(join(outDir, 'pipeline.json'));
  const scale = await readJson<ScalePoint[]>(join(outDir, 'scale.json'));
  const dashboard = await readJson<DashboardResult[]>(join(outDir, 'dashboard.json'));
  const rows: string[] = ['| target | measured | verdict |', '| --- | --- | --- |'];

  const at100k = (variant: string): ScalePoint | undefined =>
    scale?.find((p) => p.n === 100_000 && p.variant === variant);
  const ours100k = at100k('ours-default');
  const sk100k = at100k('sklearn-kmeans');
  if (ours100k && sk100k) {
    const ratio = ours100k.medianWallS / sk100k.medianWallS;
    rows.push(
      `| wall time at 100k docs <= 0.5 x scikit-learn's KMeans pipeline (scale corpus, our defaults) | ${ours100k.medianWallS.toFixed(1)} s vs ${sk100k.medianWallS.toFixed(1)} s = ${ratio.toFixed(2)} x | ${verdict(ratio <= 0.5)} |`,
    );
    if (ours100k.quality && sk100k.quality) {
      const [ours, sk] = [ours100k.quality.nmi, sk100k.quality.nmi];
      rows.push(
        `| ... with NMI no lower than scikit-learn KMeans' (same run, arXiv primary category) | ${ours.toFixed(3)} vs ${sk.toFixed(3)} | ${verdict(ours >= sk)} |`,
      );
    }
  }
  const arxiv = pipeline?.find((r) => r.corpus.name === 'arxiv-cs-2013-2025');
  if (arxiv) {
    const ours = arxiv.variants.find((v) => v.variant === 'ours-lloyd')!; // our default below 200k docs
    const sk = arxiv.variants.find((v) => v.variant === 'sklearn-kmeans')!;
    const ratio = ours.medianWallS / sk.medianWallS;
    rows.push(
      `| wall time on arxiv-cs-2013-2025 (${sk.quality.docs.toLocaleString('en-US')} docs) <= 0.5 x scikit-learn's KMeans pipeline (ours-lloyd: our default at this size) | ${ours.medianWallS.toFixed(1)} s vs ${sk.medianWallS.toFixed(1)} s = ${ratio.toFixed(2)} x | ${verdict(ratio <= 0.5)} |`,
      `| NMI on arxiv-cs-2013-2025 no lower than scikit-learn KMeans | ${ours.quality.nmi.toFixed(3)} vs ${sk.quality.nmi.toFixed(3)} | ${verdict(ours.quality.nmi >= sk.quality.nmi)} |`,
    );
  }
  const oneM = scale?.find((p) => p.n === 1_000_000 && p.variant === 'ours-default');
  if (oneM) {
    rows.push(
      `| 1,000,000 docs end to end < 120 s | ${oneM.medianWallS.toFixed(1)} s (${oneM.wallS.length} run${oneM.wallS.length === 1 ? '' : 's'}) | ${verdict(oneM.medianWallS < 120)} |`,
      `| 1,000,000 docs peak memory < 4 GiB | ${(oneM.medianPeakRssMiB / 1024).toFixed(2)} GiB | ${verdict(oneM.medianPeakRssMiB < 4096)} |`,
    );
  }
  const dash1M = dashboard?.find((r) => r.n === 1_000_000);
  if (dash1M) {
    const first = median(dash1M.firstChartMs);
    const brush = percentile(dash1M.brushMs, 95);
    const toggle = percentile(dash1M.toggleMs, 95);
    rows.push(
      `| dashboard at 1M: first chart < 1.5 s | ${(first / 1000).toFixed(2)} s (median) | ${verdict(first < 1500)} |`,
      `| dashboard at 1M: brush update p95 < 50 ms | ${brush.toFixed(1)} ms | ${verdict(brush < 50)} |`,
      `| dashboard at 1M: cluster toggle p95 < 50 ms | ${toggle.toFixed(1)} ms | ${verdict(toggle < 50)} |`,
    );
  }
  return rows.length === 2 ? 'No results yet: run `npm run bench`.\n' : `${rows.join('\n')}\n`;
}
