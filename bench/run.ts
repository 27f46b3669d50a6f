/**
 * `npm run bench -- [pipeline|scale|dashboard|labels|versus|spark|all] [--quick]`: runs the benchmarks and
 * rewrites their generated sections of bench/RESULTS.md (between `<!-- bench:NAME:begin -->` and `<!-- bench:NAME:end -->`; the prose
 * around them is left alone). Raw figures go to bench/out/*.json (git-ignored). `--quick` is a smoke run on
 * small N that writes bench/out/quick/ (RESULTS.quick.md and its raw figures) instead of touching RESULTS.md. The dashboard benchmark uses
 * the pipeline outputs the scale benchmark left in bench/out/scale/.
 */
import { readFile, writeFile, mkdir, copyFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { format, resolveConfig } from 'prettier';
import { benchDashboard, buildSampleOutput, dashboardMarkdown, type DashboardResult } from './dashboard-bench.ts';
import { benchCorpus, FULL_CORPORA, pipelineMarkdown, QUICK_CORPORA, type CorpusResult } from './pipeline-bench.ts';
import {
  benchScale,
  FULL_SCALE,
  pointKey,
  QUICK_SCALE,
  scaleMarkdown,
  writeScaleSvg,
  type ScalePoint,
} from './scale-bench.ts';
import { benchLabels, LABEL_CORPORA, labelsMarkdown, type LabelResult } from './label-bench.ts';
import { benchVersus, VERSUS_SIZES, versusMarkdown, type VersusResult } from './versus-bench.ts';
import { benchSpark, sparkMarkdown } from './spark-bench.ts';
import { ensureTools } from './lib/setup.ts';
import { targetsMarkdown } from './lib/targets.ts';
import { ROOT } from './lib/timed.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    quick: { type: 'boolean', default: false },
    runs: { type: 'string' },
    corpus: { type: 'string', multiple: true },
    n: { type: 'string', multiple: true },
    help: { type: 'boolean', short: 'h', default: false },
  },
});

if (values.help) {
  console.log(`Usage: npm run bench -- [pipeline|scale|dashboard|all] [--quick] [--runs N]

  pipeline   ours vs scikit-learn on 20newsgroups, arxiv-daily-cs, arxiv-cs-2013-2025 (time, memory, NMI/ARI/V, NPMI)
  scale      ours at N = 100k, 300k, 1M (and sklearn KMeans at 100k); log-log SVG
  dashboard  headless Chromium on the bundled sample (~16k) and the 1M scale output (needs 'scale --n 1000000' first)
  labels     label quality, ours beside scikit-learn: top-10 NPMI and label distinctness (not part of 'all')
  versus     issue 13: our default run vs the classic unigram scikit-learn script (and bigrams) at 25k and 100k
             arXiv papers, seeds 1-3 (not part of 'all'; --n picks sizes)
  spark      the Spark job in local[2] against 'assign' and the full pipeline on 20,000 arXiv abstracts, docs/s per
             core (not part of 'all'; needs Java 17 and .venv-spark as .ci/run makes it)
  all        the three, in that order (default)
  report     only redraw bench/scale.svg from bench/out/scale.json and re-check the targets
  --quick    small N, one run: checks the harness; writes bench/out/quick/RESULTS.quick.md
  --runs N   repetitions for the pipeline comparison (default 3); also caps the scale runs (default 3, 1 at 1M)
  --corpus NAME  only this corpus in 'pipeline' (repeatable)
  --n N      only this N in 'scale' and 'dashboard' (repeatable)`);
  process.exit(0);
}

const what = positionals[0] ?? 'all';
if (!['pipeline', 'scale', 'dashboard', 'labels', 'versus', 'spark', 'all', 'report'].includes(what)) {
  console.error(`bench: unknown benchmark '${what}'; use pipeline, scale, dashboard, labels, versus, spark or all`);
  process.exit(2);
}
const quick = values.quick;
const runs = values.runs === undefined ? (quick ? 1 : 3) : Number(values.runs);
// A quick run keeps its raw figures apart, so it never overwrites those of a full run.
const outDir = join(ROOT, quick ? 'bench/out/quick' : 'bench/out');
const resultsFile = quick ? join(outDir, 'RESULTS.quick.md') : join(ROOT, 'bench/RESULTS.md');
await mkdir(outDir, { recursive: true });
if (quick) await copyFile(join(ROOT, 'bench/RESULTS.md'), resultsFile);

const { sklearn } = await ensureTools({ dashboard: what === 'dashboard' || what === 'all' });
const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'CPU'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, scikit-learn ${sklearn} (Debian python3-sklearn)`;

async function readJsonOr<T>(path: string): Promise<T | null> {
  return readFile(path, 'utf8').then(
    (text) => JSON.parse(text) as T,
    () => null,
  );
}

/** The load average when each part started (a section is rewritten as its part goes on, and at its end). */
const startLoad = new Map<string, number[]>([['targets', loadavg()]]);
const markStart = (name: string): void => void startLoad.set(name, loadavg());

async function replaceSection(name: string, body: string, command: string): Promise<void> {
  let text = await readFile(resultsFile, 'utf8').catch(() => '');
  const begin = `<!-- bench:${name}:begin -->`;
  const end = `<!-- bench:${name}:end -->`;
  const stamp = `_Generated by \`${command}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC; ${machine}; load average at start ${(
    startLoad.get(name) ?? loadavg()
  )
    .map((x) => x.toFixed(1))
    .join(' ')}._`;
  const section = `${begin}\n${stamp}\n\n${body}\n${end}`;
  const from = text.indexOf(begin);
  const to = text.indexOf(end);
  text = from >= 0 && to > from ? text.slice(0, from) + section + text.slice(to + end.length) : `${text}\n${section}\n`;
  // Formatted as `npm run format:check` expects (Prettier aligns Markdown tables).
  const config = (await resolveConfig(resultsFile)) ?? {};
  await writeFile(resultsFile, await format(text, { ...config, filepath: resultsFile }));
  console.log(`bench: wrote the ${name} section of ${resultsFile.replace(`${ROOT}/`, '')}`);
}

const onlyN = values.n?.map(Number);
const command = (name: string): string =>
  [
    `npm run bench -- ${name}`,
    quick ? ' --quick' : '',
    values.runs ? ` --runs ${runs}` : '',
    ...(name === 'pipeline' ? (values.corpus ?? []).map((c) => ` --corpus ${c}`) : []),
    ...(name === 'pipeline' ? [] : (values.n ?? []).map((n) => ` --n ${n}`)),
  ].join('');

if (what === 'pipeline' || what === 'all') {
  markStart('pipeline');
  // With --corpus, earlier results for the other corpora stay in the report.
  const earlier =
    values.corpus === undefined ? [] : ((await readJsonOr<CorpusResult[]>(join(outDir, 'pipeline.json'))) ?? []);
  const results: CorpusResult[] = [];
  const corpora = (quick ? QUICK_CORPORA : FULL_CORPORA).filter(
    (c) => values.corpus === undefined || values.corpus.includes(c.name),
  );
  for (const corpus of corpora) {
    console.log(`bench: pipeline comparison on ${corpus.name}`);
    results.push(await benchCorpus(corpus, runs));
    const merged = [...earlier.filter((r) => !results.some((x) => x.corpus.name === r.corpus.name)), ...results];
    // Written after each corpus, so an interrupted run keeps what it measured.
    await writeFile(join(outDir, 'pipeline.json'), JSON.stringify(merged, null, 1));
    await replaceSection('pipeline', pipelineMarkdown(merged), command('pipeline'));
  }
}

if (what === 'scale' || what === 'all') {
  console.log('bench: scale');
  markStart('scale');
  const plans = (quick ? QUICK_SCALE : FULL_SCALE)
    .filter((plan) => onlyN === undefined || onlyN.includes(plan.n))
    .map((plan) => (values.runs === undefined ? plan : { ...plan, runs: Math.min(plan.runs, runs) }));
  const svgName = quick ? 'scale.quick.svg' : 'scale.svg';
  // Written after each point, so an interrupted run keeps what it measured.
  // With --n, earlier points at other sizes stay in the report.
  const earlier = onlyN === undefined ? [] : ((await readJsonOr<ScalePoint[]>(join(outDir, 'scale.json'))) ?? []);
  await benchScale(plans, async (measured) => {
    const points = [...earlier.filter((p) => !measured.some((m) => pointKey(m) === pointKey(p))), ...measured].sort(
      (a, b) => a.n - b.n,
    );
    await writeFile(join(outDir, 'scale.json'), JSON.stringify(points, null, 1));
    await writeScaleSvg(points, join(quick ? outDir : ROOT, quick ? svgName : `bench/${svgName}`));
    await replaceSection('scale', scaleMarkdown(points, svgName), command('scale'));
  });
}

if (what === 'dashboard' || what === 'all') {
  console.log('bench: dashboard');
  markStart('dashboard');
  // Issue 13's sizes: the bundled sample (~16k, as `npm start` shows it) and the 1M scale output.
  const sample = await buildSampleOutput();
  const sizes = (quick ? QUICK_SCALE.map((p) => p.n) : [sample.n, 1_000_000]).filter(
    (n) => onlyN === undefined || onlyN.includes(n),
  );
  const measured = await benchDashboard(sizes, quick ? 2 : 5, quick ? 5 : 30, {
    dataDirs: new Map([[sample.n, sample.dir]]),
  });
  // With --n, earlier results at other sizes stay in the report.
  const earlier =
    onlyN === undefined ? [] : ((await readJsonOr<DashboardResult[]>(join(outDir, 'dashboard.json'))) ?? []);
  const results = [...earlier.filter((r) => !measured.some((m) => m.n === r.n)), ...measured].sort((a, b) => a.n - b.n);
  await writeFile(join(outDir, 'dashboard.json'), JSON.stringify(results, null, 1));
  await replaceSection('dashboard', dashboardMarkdown(results), command('dashboard'));
}

if (what === 'labels') {
  markStart('labels');
  const results: LabelResult[] = [];
  for (const corpus of quick ? LABEL_CORPORA.slice(0, 1) : LABEL_CORPORA) {
    console.log(`bench: label quality on ${corpus.name}`);
    results.push(await benchLabels(corpus));
  }
  await writeFile(join(outDir, 'labels.json'), JSON.stringify(results, null, 1));
  await replaceSection('labels', labelsMarkdown(results), command('labels'));
}

if (what === 'versus') {
  markStart('versus');
  const earlier = (await readJsonOr<VersusResult[]>(join(outDir, 'versus.json'))) ?? [];
  const measured: VersusResult[] = [];
  for (const n of VERSUS_SIZES.filter((size) => onlyN === undefined || onlyN.includes(size))) {
    console.log(`bench: versus at ${n}`);
    measured.push(await benchVersus(n));
    // Written after each size, so an interrupted run keeps what it measured; other sizes stay in the report.
    const results = [...earlier.filter((r) => !measured.some((m) => m.n === r.n)), ...measured].sort(
      (a, b) => a.n - b.n,
    );
    await writeFile(join(outDir, 'versus.json'), JSON.stringify(results, null, 1));
    await replaceSection('versus', versusMarkdown(results), command('versus'));
  }
}

if (what === 'spark') {
  markStart('spark');
  const result = await benchSpark(runs);
  await writeFile(join(outDir, 'spark.json'), JSON.stringify(result, null, 1));
  await replaceSection('spark', sparkMarkdown(result), command('spark'));
}

if (what === 'report') {
  const points = JSON.parse(await readFile(join(outDir, 'scale.json'), 'utf8')) as ScalePoint[];
  await writeScaleSvg(points, join(ROOT, 'bench/scale.svg'));
}

// Every run re-checks the targets against whatever results bench/out holds (labels has no target).
if (what !== 'labels' && what !== 'spark')
  await replaceSection('targets', await targetsMarkdown(outDir), 'npm run bench (any part)');
