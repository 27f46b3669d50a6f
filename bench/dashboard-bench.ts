/**
 * The dashboard in headless Chromium on pipeline outputs of the scale benchmark: time from navigation to the
 * first chart drawn, bytes downloaded on that first load, the first (cold) drill-in into a topic, title search and
 * term lookup, each in a fresh browser context (empty HTTP cache) right after its first chart, and the latency of a
 * date-brush update and of a legend toggle (30 repetitions each; median and p95). Times are read inside the page with `performance.now()`:
 * a first-load time is measured from navigation start (`performance.timeOrigin`); an update from the capture-phase
 * `mouseup`/`click` that starts it until the first frame painted with the change (checked in each frame's
 * requestAnimationFrame, then a task queued there: that frame has been produced by then; work the page defers until
 * after its paint is not counted).
 */
import { execFile } from 'node:child_process';
import { cp, mkdir, readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import type { Browser, CDPSession, Page, Request } from 'playwright-core';
import { launchChromium } from '../tests/helpers/chromium.ts';
import { build } from 'vite';
import { serveStatic } from '../tests/e2e/static-server.ts';
import { scaleDir } from './scale-bench.ts';
import { median, percentile, ROOT } from './lib/timed.ts';
import { CLI_JS } from './lib/variants.ts';

export interface DashboardResult {
  n: number;
  dataDir: string;
  firstChartMs: number[];
  firstLoadBytes: number[];
  bytesByFile: Record<string, number>;
  /** The page's own `performance.measure` entries of the last first load (decode and load of tables). */
  measures: { name: string; startMs: number; durationMs: number }[];
  brushMs: number[];
  toggleMs: number[];
  /** Main-thread CPU per brush gesture and per toggle (mean over the repetitions); absent in earlier results. */
  updateCpuMs?: { brush: number; toggle: number };
  /** Click on a topic in the list until its representatives, top terms and first page of papers are painted. */
  firstDrillInMs: number[];
  /** A word typed into the title search until the first page of matching papers is painted. */
  firstSearchMs: number[];
  /** Enter in the term view's box until the term's line is painted. */
  firstTermMs: number[];
  /** The CPU time of each cold interaction (same order as the times); absent in results of earlier versions. */
  coldCpu?: Record<ColdKind, CpuMs[]>;
  /** Bytes each cold interaction fetched, by file (same order); absent in results of earlier versions. */
  coldBytes?: Record<ColdKind, Record<string, number>[]>;
}

const COLD_KINDS = ['drillIn', 'search', 'term'] as const;
type ColdKind = (typeof COLD_KINDS)[number];

/** What the cold interactions do (the same on every output size). */
export const COLD_SEARCH = 'learning';
export const COLD_TERM = 'graph';

/**
 * The bundled sample (`data/arxiv-cs-sample.jsonl.gz`, what `npm start` shows), run through the pipeline with its
 * defaults: the dashboard's small size beside the scale outputs. Returns its document count and output folder.
 */
export async function buildSampleOutput(): Promise<{ n: number; dir: string }> {
  const dir = join(ROOT, 'bench/out/dashboard/sample-out');
  await rm(dir, { recursive: true, force: true });
  await promisify(execFile)(
    process.execPath,
    [CLI_JS, '--input', join(ROOT, 'data/arxiv-cs-sample.jsonl.gz'), '--out', dir, '--quiet'],
    { env: { ...process.env, DOTENV_CONFIG_QUIET: 'true' }, maxBuffer: 64 * 1024 * 1024 },
  );
  const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { counts: { kept: number } };
  return { n: manifest.counts.kept, dir };
}

const CHART_SERIES = '[data-testid=trend-chart] path[data-cluster]';

async function buildSite(): Promise<string> {
  const distDir = join(ROOT, 'bench/out/dashboard/dist');
  await rm(distDir, { recursive: true, force: true });
  await mkdir(distDir, { recursive: true });
  delete process.env['VITE_DATA_URL'];
  await build({
    root: ROOT,
    configFile: join(ROOT, 'vite.config.ts'),
    logLevel: 'warn',
    publicDir: false,
    build: { outDir: distDir, emptyOutDir: true },
  });
  return distDir;
}

/** Registered before any page script: stamps the first frame painted with a chart series in it. */
function firstChartProbe(): void {
  const w = window as unknown as { __firstChartMs?: number };
  const observer = new MutationObserver(() => {
    if (w.__firstChartMs !== undefined || !document.querySelector('[data-testid=trend-chart] path[data-cluster]'))
      return;
    w.__firstChartMs = -1;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (w.__firstChartMs = performance.now())));
  });
  observer.observe(document, { childList: true, subtree: true });
}

/**
 * A request that finishes as its context closes (a range read still under way after the first load) has no sizes:
 * its rejection is not counted, rather than left unhandled, which ended the whole benchmark process.
 */
function ignoreClosed(): void {}

export async function firstLoad(
  browser: Browser,
  url: string,
): Promise<{ ms: number; bytes: number; byFile: Map<string, number>; measures: DashboardResult['measures'] }> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  try {
    await context.addInitScript(firstChartProbe);
    const page = await context.newPage();
    const byFile = new Map<string, number>();
    let bytes = 0;
    const pending: Promise<void>[] = [];
    // Context-wide, so the DuckDB-WASM worker's own fetches count too (a page CDP session misses them).
    context.on('requestfinished', (request) => {
      pending.push(
        request.sizes().then((sizes) => {
          const size = sizes.responseBodySize + sizes.responseHeadersSize;
          bytes += size;
          const file = request
            .url()
            .replace(/^https?:\/\/[^/]+\//, '')
            .replace(/\?.*$/, '');
          const key = file.startsWith('assets/') ? 'site assets (JS, CSS, WASM)' : file === '' ? 'index.html' : file;
          byFile.set(key, (byFile.get(key) ?? 0) + size);
        }, ignoreClosed),
      );
    });
    await page.goto(url);
    await page.waitForFunction(
      () => ((window as unknown as { __firstChartMs?: number }).__firstChartMs ?? -1) > 0,
      null,
      {
        timeout: 120_000,
        polling: 50,
      },
    );
    const ms = await page.evaluate(() => (window as unknown as { __firstChartMs: number }).__firstChartMs);
    const measures = await page.evaluate(() =>
      performance
        .getEntriesByType('measure')
        .map((m) => ({ name: m.name, startMs: m.startTime, durationMs: m.duration })),
    );
    // The first load ends when the network is quiet after the chart (the lazy reads that follow it count too: why
    // topics rise). DuckDB-WASM is no longer started by the first screen, so its wasm is not in these bytes.
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    await Promise.all(pending);
    return { ms, bytes, byFile, measures };
  } finally {
    await context.close();
  }
}

/** Arms an in-page timer: starts at the next capture-phase `startEvent`, stops after the first frame painted with `done()`. */
/** When an update is on screen: the element's `d` differs from `before`, the element is (not) there, or all are. */
type Done = { selector: string; before: string | null } | { selector: string; present: boolean } | { all: string[] };

// A string, not a function: tsx (esbuild keepNames) would wrap the inner functions in a `__name` helper that
// does not exist in the page. No eval inside either: the condition travels as data (the page may have a CSP).
const ARM_TIMER = `([event, when]) => {
  window.__latency = undefined;
  const done = () => {
    if ('all' in when) return when.all.every((selector) => document.querySelector(selector) !== null);
    const element = document.querySelector(when.selector);
    if ('present' in when) return (element !== null) === when.present;
    return element !== null && element.getAttribute('d') !== when.before;
  };
  let t0 = 0;
  // Checked in each frame's animation callbacks, which run before that frame's style, layout and paint: the first
  // frame whose DOM shows the change is painted with it, and the task queued there reads the clock after that frame.
  // The loop starts in the capture listener, before the page's handlers, so that task is queued ahead of work the
  // page schedules for after its paint (the panels beside the chart follow the chart's frame): the frame is timed,
  // not that work.
  const frame = () => {
    if (done()) setTimeout(() => (window.__latency = performance.now() - t0));
    else requestAnimationFrame(frame);
  };
  window.addEventListener(event, () => {
    t0 = performance.now();
    requestAnimationFrame(frame);
  }, { capture: true, once: true });
}`;

async function armTimer(
  page: Page,
  startEvent: 'mouseup' | 'click' | 'input' | 'keydown',
  doneWhen: Done,
): Promise<void> {
  await page.evaluate(`(${ARM_TIMER})(${JSON.stringify([startEvent, doneWhen])})`);
}

async function readLatency(page: Page, timeoutMs = 60_000): Promise<number> {
  await page.waitForFunction(() => (window as unknown as { __latency?: number }).__latency !== undefined, null, {
    timeout: timeoutMs,
    polling: 20,
  });
  return page.evaluate(() => (window as unknown as { __latency: number }).__latency);
}

async function brushLatencies(page: Page, reps: number): Promise<number[]> {
  const ranges: [number, number][] = [
    [0.55, 0.8],
    [0.7, 0.95],
  ];
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const [a, b] = ranges[i % 2]!;
    // Measured each time: a brush can move the timeline (a note above it appears or goes).
    const box = await page.locator('[data-testid=timeline]').boundingBox();
    if (!box) throw new Error('timeline not visible');
    const y = box.y + box.height / 2 - 6;
    const before = await page.locator(CHART_SERIES).first().getAttribute('d');
    // Done when the first series' path differs from the one drawn for the previous range.
    await armTimer(page, 'mouseup', { selector: CHART_SERIES, before });
    await page.mouse.move(box.x + box.width * a, y);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width * ((a + b) / 2), y, { steps: 2 });
    await page.mouse.move(box.x + box.width * b, y, { steps: 2 });
    await page.mouse.up();
    out.push(await readLatency(page));
  }
  return out;
}

async function toggleLatencies(page: Page, reps: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const shown = (await page.locator(`${CHART_SERIES}[data-cluster="0"]`).count()) > 0;
    await armTimer(page, 'click', { selector: `${CHART_SERIES}[data-cluster="0"]`, present: !shown });
    await page.click('[data-testid=legend-item][data-cluster="0"]');
    out.push(await readLatency(page));
  }
  return out;
}

/** CPU time the page spent: its main thread, and its renderer process (workers included), from CDP metrics. */
export interface CpuMs {
  mainThread: number;
  process: number;
}

async function cpuNow(cdp: CDPSession): Promise<CpuMs> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const of = (name: string): number => (metrics.find((m) => m.name === name)?.value ?? 0) * 1000;
  return { mainThread: of('ThreadTime'), process: of('ProcessTime') };
}

/** A cold interaction's wall latency, and the CPU the page spent from its start to the painted answer. */
export interface ColdTiming {
  ms: number;
  cpu: CpuMs;
  /** Bytes of the responses to requests made from its start to the painted answer (bodies and headers), by file. */
  bytesByFile: Record<string, number>;
}

/**
 * A first interaction on a cold page: a fresh context (empty cache), the first chart drawn, then `act`, timed in the
 * page (wall) and by the renderer's CPU time (the host is shared: under load the wall time stretches, CPU time less).
 */
async function coldInteraction(
  browser: Browser,
  url: string,
  prepare: (page: Page) => Promise<void>,
  startEvent: 'click' | 'input' | 'keydown',
  done: Done,
  act: (page: Page) => Promise<void>,
): Promise<ColdTiming> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    // A cold page's main thread can be busy for a minute at 1M documents (DuckDB-WASM loading a table).
    page.setDefaultTimeout(600_000);
    await page.goto(url);
    await page.waitForSelector(CHART_SERIES, { timeout: 120_000 });
    await prepare(page);
    await armTimer(page, startEvent, done);
    // Context-wide, so the Parquet worker's range requests count too.
    const bytesByFile: Record<string, number> = {};
    const sizes: Promise<void>[] = [];
    const count = (request: Request): void => {
      const file = request
        .url()
        .replace(/^https?:\/\/[^/]+\/(data\/n\d+\/)?/, '')
        .replace(/\?.*$/, '');
      sizes.push(
        request.response().then(async (response) => {
          if (response === null) return;
          const { responseBodySize, responseHeadersSize } = await request.sizes();
          bytesByFile[file] = (bytesByFile[file] ?? 0) + responseBodySize + responseHeadersSize;
        }, ignoreClosed),
      );
    };
    context.on('requestfinished', count);
    const before = await cpuNow(cdp);
    await act(page);
    const ms = await readLatency(page, 600_000);
    const after = await cpuNow(cdp);
    context.off('requestfinished', count);
    // A size that never comes (a request cut off by the page) must not hold the benchmark: 10 s at most.
    await Promise.race([Promise.all(sizes), new Promise((resolve) => setTimeout(resolve, 10_000))]);
    return {
      ms,
      cpu: { mainThread: after.mainThread - before.mainThread, process: after.process - before.process },
      bytesByFile,
    };
  } finally {
    await context.close();
  }
}

const DRILL_IN_DONE: Done = {
  all: [
    '[data-testid=cluster-detail] [data-testid=representatives] li',
    '[data-testid=cluster-detail] [data-testid=global-terms] svg g[data-term]',
    '[data-testid=papers] tbody tr',
  ],
};

const firstDrillIn = (browser: Browser, url: string): Promise<ColdTiming> =>
  coldInteraction(
    browser,
    url,
    async () => {},
    'click',
    DRILL_IN_DONE,
    // The list's first topic, the one with the most papers in the range: the heaviest drill-in (until session 8 the
    // bench clicked topic 0, whatever its size).
    (page) => page.locator('[data-testid=cluster-list] button[data-cluster]').first().click(),
  );

const firstSearch = (browser: Browser, url: string): Promise<ColdTiming> =>
  coldInteraction(
    browser,
    url,
    async () => {},
    'input',
    { all: ['[data-testid=papers] tbody tr'] },
    (page) => page.fill('[data-testid=title-search]', COLD_SEARCH),
  );

const firstTerm = (browser: Browser, url: string): Promise<ColdTiming> =>
  coldInteraction(
    browser,
    url,
    async (page) => {
      await page.click('[data-testid=tab-terms]');
      await page.fill('[data-testid=term-input]', COLD_TERM);
    },
    'keydown',
    { all: ['[data-testid=term-chart] path[data-cluster="0"]'] },
    (page) => page.press('[data-testid=term-input]', 'Enter'),
  );

export interface DashboardBenchOptions {
  /** A site already built (e.g. of an earlier commit, for a before/after); default: build this tree's. */
  distDir?: string;
  /** Pipeline output to serve for each N; default: the scale benchmark's `out-N`. */
  dataDirs?: ReadonlyMap<number, string>;
  /** Which cold interactions to time; default: all. */
  cold?: readonly ColdKind[];
}

export async function benchDashboard(
  sizes: readonly number[],
  loads: number,
  reps: number,
  options: DashboardBenchOptions = {},
): Promise<DashboardResult[]> {
  const distDir = options.distDir ?? (await buildSite());
  const dataRoot = join(ROOT, 'bench/out/dashboard/data');
  const dataDirOf = (n: number): string => options.dataDirs?.get(n) ?? join(scaleDir, `out-${n}`);
  await rm(dataRoot, { recursive: true, force: true });
  await mkdir(dataRoot, { recursive: true });
  for (const n of sizes) await cp(dataDirOf(n), join(dataRoot, `n${n}`), { recursive: true });
  const server = await serveStatic(distDir, dataRoot);
  const browser = await launchChromium();
  const results: DashboardResult[] = [];
  async function updateLatencies(
    n: number,
    url: string,
  ): Promise<{ brushMs: number[]; toggleMs: number[]; updateCpuMs: { brush: number; toggle: number } }> {
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable', { timeDomain: 'threadTicks' });
    await page.goto(url);
    await page.waitForSelector(CHART_SERIES, { timeout: 120_000 });
    // Interactions are timed once the page has finished starting (the network quiet after the why-rising reads).
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    const beforeBrush = await cpuNow(cdp);
    const brushMs = await brushLatencies(page, reps);
    const afterBrush = await cpuNow(cdp);
    console.log(
      `  dashboard N=${n} brush: median ${median(brushMs).toFixed(0)} ms, p95 ${percentile(brushMs, 95).toFixed(0)} ms`,
    );
    const toggleMs = await toggleLatencies(page, reps);
    const afterToggle = await cpuNow(cdp);
    const updateCpuMs = {
      brush: (afterBrush.mainThread - beforeBrush.mainThread) / reps,
      toggle: (afterToggle.mainThread - afterBrush.mainThread) / reps,
    };
    console.log(
      `  dashboard N=${n} main-thread CPU per update: brush ${updateCpuMs.brush.toFixed(1)} ms, toggle ${updateCpuMs.toggle.toFixed(1)} ms`,
    );
    console.log(
      `  dashboard N=${n} toggle: median ${median(toggleMs).toFixed(0)} ms, p95 ${percentile(toggleMs, 95).toFixed(0)} ms`,
    );
    await context.close();
    return { brushMs, toggleMs, updateCpuMs };
  }
  try {
    for (const n of sizes) {
      const url = `${server.url}?data=./data/n${n}/`;
      const firstChartMs: number[] = [];
      const firstLoadBytes: number[] = [];
      const byFileOfLoads: Record<string, number>[] = [];
      let measures: DashboardResult['measures'] = [];
      for (let i = 0; i < loads; i++) {
        const load = await firstLoad(browser, url);
        firstChartMs.push(load.ms);
        firstLoadBytes.push(load.bytes);
        byFileOfLoads.push(Object.fromEntries(load.byFile));
        measures = load.measures;
        console.log(
          `  dashboard N=${n} first load ${i + 1}/${loads}: ${load.ms.toFixed(0)} ms, ${(load.bytes / 2 ** 20).toFixed(1)} MiB`,
        );
      }
      const firstDrillInMs: number[] = [];
      const firstSearchMs: number[] = [];
      const firstTermMs: number[] = [];
      const coldCpu: Record<'drillIn' | 'search' | 'term', CpuMs[]> = { drillIn: [], search: [], term: [] };
      const coldBytes: Record<ColdKind, Record<string, number>[]> = {
        drillIn: [],
        search: [],
        term: [],
      };
      const cold = async (
        what: keyof typeof coldCpu,
        into: number[],
        run: (b: Browser, u: string) => Promise<ColdTiming>,
        i: number,
      ): Promise<void> => {
        const timing = await run(browser, url);
        into.push(timing.ms);
        coldCpu[what].push(timing.cpu);
        coldBytes[what].push(timing.bytesByFile);
        const files = Object.entries(timing.bytesByFile)
          .sort((a, b) => b[1] - a[1])
          .map(([file, bytes]) => `${file} ${(bytes / 2 ** 10).toFixed(0)} KiB`)
          .join(', ');
        console.log(
          `  dashboard N=${n} cold ${i + 1}/${loads}: ${what} ${timing.ms.toFixed(0)} ms (CPU: main thread ${timing.cpu.mainThread.toFixed(0)} ms, renderer ${timing.cpu.process.toFixed(0)} ms; read ${files})`,
        );
      };
      const only = options.cold ?? COLD_KINDS;
      for (let i = 0; i < loads; i++) {
        if (only.includes('drillIn')) await cold('drillIn', firstDrillInMs, firstDrillIn, i);
        if (only.includes('search')) await cold('search', firstSearchMs, firstSearch, i);
        if (only.includes('term')) await cold('term', firstTermMs, firstTerm, i);
      }
      // --reps 0: first loads and first interactions only.
      const { brushMs, toggleMs, updateCpuMs } =
        reps > 0 ? await updateLatencies(n, url) : { brushMs: [], toggleMs: [], updateCpuMs: undefined };
      results.push({
        n,
        measures,
        dataDir: dataDirOf(n).replace(`${ROOT}/`, ''),
        firstChartMs,
        firstLoadBytes,
        // By file for the load whose total is the median one (a single load can be an outlier).
        bytesByFile:
          firstLoadBytes.length === 0 ? {} : byFileOfLoads[firstLoadBytes.indexOf(nearestToMedian(firstLoadBytes))]!,
        brushMs,
        toggleMs,
        firstDrillInMs,
        firstSearchMs,
        firstTermMs,
        coldCpu,
        coldBytes,
        ...(updateCpuMs === undefined ? {} : { updateCpuMs }),
      });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return results;
}

function nearestToMedian(values: readonly number[]): number {
  const m = median(values);
  return values.reduce((best, v) => (Math.abs(v - m) < Math.abs(best - m) ? v : best));
}

const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(2);

export function dashboardMarkdown(results: readonly DashboardResult[]): string {
  const lines = [
    '| N | first chart ms (median) | first chart ms (all loads) | first-load MiB | first drill-in ms | first title search ms | first term lookup ms | brush ms median | brush ms p95 | toggle ms median | toggle ms p95 |',
    '| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const cold = (values: readonly number[] | undefined): string =>
    values === undefined || values.length === 0
      ? '–'
      : `${median(values).toFixed(0)} (${values.map((x) => x.toFixed(0)).join(', ')})`;
  const p95 = (values: readonly number[]): number => percentile(values, 95);
  const update = (values: readonly number[], stat: (v: readonly number[]) => number): string =>
    values.length === 0 ? '–' : stat(values).toFixed(1);
  for (const r of results) {
    lines.push(
      `| ${r.n.toLocaleString('en-US')} | ${median(r.firstChartMs).toFixed(0)} | ${r.firstChartMs.map((x) => x.toFixed(0)).join(', ')} | ${mib(median(r.firstLoadBytes))} | ${cold(r.firstDrillInMs)} | ${cold(r.firstSearchMs)} | ${cold(r.firstTermMs)} | ${update(r.brushMs, median)} | ${update(r.brushMs, p95)} | ${update(r.toggleMs, median)} | ${update(r.toggleMs, p95)} |`,
    );
  }
  lines.push(
    '',
    `First interactions, each in a fresh browser context right after its first chart: drill-in = click on the first topic of the list until its representatives, top terms and first page of papers are painted; title search = "${COLD_SEARCH}" typed until the first page of papers is painted; term lookup = "${COLD_TERM}" entered in the term view until its line is painted. Median (all runs).`,
  );
  lines.push(
    '',
    "CPU time of the cold interactions (median over runs; ms): the page's main thread / its renderer process (workers included), from the CDP `ThreadTime` and `ProcessTime` metrics.",
    '',
    '| N | drill-in | title search | term lookup | brush (main thread, mean) | toggle (main thread, mean) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  for (const r of results) {
    const cpu = (values: readonly CpuMs[] = []): string =>
      values.length === 0
        ? '–'
        : `${median(values.map((v) => v.mainThread)).toFixed(0)} / ${median(values.map((v) => v.process)).toFixed(0)}`;
    lines.push(
      `| ${r.n.toLocaleString('en-US')} | ${cpu(r.coldCpu?.drillIn)} | ${cpu(r.coldCpu?.search)} | ${cpu(r.coldCpu?.term)} | ${r.updateCpuMs?.brush.toFixed(1) ?? '–'} | ${r.updateCpuMs?.toggle.toFixed(1) ?? '–'} |`,
    );
  }
  lines.push(
    '',
    'Data read by each cold interaction (MiB, median over runs; site assets excluded): drill-in / title search / term lookup.',
    '',
  );
  for (const r of results) {
    const read = (runs: readonly Record<string, number>[] = []): string => {
      if (runs.length === 0) return '–';
      const data = runs.map((byFile) =>
        Object.entries(byFile)
          .filter(([file]) => file.endsWith('.parquet') || file.endsWith('.json'))
          .reduce((sum, [, bytes]) => sum + bytes, 0),
      );
      return mib(median(data));
    };
    const c = r.coldBytes;
    lines.push(`- N = ${r.n.toLocaleString('en-US')}: ${read(c?.drillIn)} / ${read(c?.search)} / ${read(c?.term)}`);
  }
  lines.push('', 'Bytes downloaded on the first load, by file (the load with the median total):', '');
  for (const r of results) {
    const files = Object.entries(r.bytesByFile)
      .sort((a, b) => b[1] - a[1])
      .map(([file, bytes]) => `${file.replace(/^data\/n\d+\//, '')} ${mib(bytes)} MiB`);
    lines.push(`- N = ${r.n.toLocaleString('en-US')} (${r.dataDir}): ${files.join(', ')}`);
  }
  lines.push(
    '',
    "Where the first load's time goes (the page's own `performance.measure` entries, last load; ms from navigation):",
    '',
  );
  for (const r of results) {
    const entries = [...r.measures]
      .sort((a, b) => a.startMs - b.startMs)
      .map((m) => `${m.name} ${m.startMs.toFixed(0)}+${m.durationMs.toFixed(0)}`);
    lines.push(
      `- N = ${r.n.toLocaleString('en-US')}: ${entries.join(', ')}; first chart at ${median(r.firstChartMs).toFixed(0)} (median)`,
    );
  }
  lines.push('');
  return lines.join('\n');
}

/**
 * `npx tsx bench/dashboard-bench.ts [--site DIST] [--loads N] [--reps N] [--cold drillIn,search,term] N=DIR...`: this benchmark alone on the given
 * outputs (and a site built elsewhere, e.g. of an earlier commit for a before/after); prints the markdown and JSON.
 */
async function main(args: readonly string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      site: { type: 'string' },
      loads: { type: 'string', default: '3' },
      reps: { type: 'string', default: '30' },
      cold: { type: 'string', default: COLD_KINDS.join(',') },
    },
  });
  const dataDirs = new Map(
    positionals.map((p) => {
      const [n, dir] = p.split('=');
      if (!n || !dir || !/^\d+$/.test(n)) throw new Error(`dashboard-bench: expected N=DIR, got "${p}"`);
      return [Number(n), resolve(dir)] as const;
    }),
  );
  const options: DashboardBenchOptions = { dataDirs };
  if (values.site !== undefined) options.distDir = resolve(values.site);
  options.cold = values.cold.split(',').map((kind) => {
    if (!(COLD_KINDS as readonly string[]).includes(kind))
      throw new Error(`dashboard-bench: --cold takes ${COLD_KINDS.join(',')}, got "${kind}"`);
    return kind as ColdKind;
  });
  const results = await benchDashboard([...dataDirs.keys()], Number(values.loads), Number(values.reps), options);
  console.log(dashboardMarkdown(results));
  console.log(JSON.stringify(results));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href)
  await main(process.argv.slice(2));
