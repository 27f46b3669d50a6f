/**
 * The dashboard in headless Chromium on pipeline outputs of the scale benchmark: time from navigation to the
 * first chart drawn, bytes downloaded on that first load, and the latency of a date-brush update and of a legend
 * toggle (30 repetitions each; median and p95). Times are read inside the page with `performance.now()`:
 * a first-load time is measured from navigation start (`performance.timeOrigin`); an update from the capture-phase
 * `mouseup`/`click` that starts it until the chart's DOM shows the change and the next frame has been painted
 * (requestAnimationFrame, then a task: the frame with the change has been produced by then).
 */
import { cp, mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../tests/helpers/chromium.ts';
import { build } from 'vite';
import { serveStatic } from '../tests/e2e/static-server.ts';
import { scaleDir } from './scale-bench.ts';
import { median, percentile, ROOT } from './lib/timed.ts';

export interface DashboardResult {
  n: number;
  dataDir: string;
  firstChartMs: number[];
  firstLoadBytes: number[];
  bytesByFile: Record<string, number>;
  /** The page's own `performance.measure` entries of the last first load (open duckdb, decode/insert/load tables). */
  measures: { name: string; startMs: number; durationMs: number }[];
  brushMs: number[];
  toggleMs: number[];
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
        }),
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
    // The first load ends when DuckDB-WASM has started (its wasm is most of the bytes; it starts after the
    // chart, sometimes after a quiet spell that ended the wait for network idle early) and the network is
    // quiet again (lazy loads that follow the chart count too).
    await page.waitForFunction(() => performance.getEntriesByName('open duckdb').length > 0, null, {
      timeout: 120_000,
      polling: 100,
    });
    await page.waitForLoadState('networkidle');
    await page.waitForTimeout(1000);
    await Promise.all(pending);
    return { ms, bytes, byFile, measures };
  } finally {
    await context.close();
  }
}

/** Arms an in-page timer: starts at the next capture-phase `startEvent`, stops a painted frame after `done()` holds. */
/** When an update is on screen: the element's `d` differs from `before`, or the element is (not) there. */
type Done = { selector: string; before: string | null } | { selector: string; present: boolean };

// A string, not a function: tsx (esbuild keepNames) would wrap the inner functions in a `__name` helper that
// does not exist in the page. No eval inside either: the condition travels as data (the page may have a CSP).
const ARM_TIMER = `([event, when]) => {
  window.__latency = undefined;
  const done = () => {
    const element = document.querySelector(when.selector);
    if ('present' in when) return (element !== null) === when.present;
    return element !== null && element.getAttribute('d') !== when.before;
  };
  let t0 = 0;
  const check = () => {
    if (!done()) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (window.__latency = performance.now() - t0)));
  };
  const observer = new MutationObserver(check);
  window.addEventListener(event, () => {
    t0 = performance.now();
    observer.observe(document.body, { childList: true, subtree: true, attributes: true, characterData: true });
    check();
  }, { capture: true, once: true });
}`;

async function armTimer(page: Page, startEvent: 'mouseup' | 'click', doneWhen: Done): Promise<void> {
  await page.evaluate(`(${ARM_TIMER})(${JSON.stringify([startEvent, doneWhen])})`);
}

async function readLatency(page: Page): Promise<number> {
  await page.waitForFunction(() => (window as unknown as { __latency?: number }).__latency !== undefined, null, {
    timeout: 60_000,
    polling: 20,
  });
  return page.evaluate(() => (window as unknown as { __latency: number }).__latency);
}

async function brushLatencies(page: Page, reps: number): Promise<number[]> {
  const box = await page.locator('[data-testid=timeline]').boundingBox();
  if (!box) throw new Error('timeline not visible');
  const y = box.y + box.height / 2 - 6;
  const ranges: [number, number][] = [
    [0.55, 0.8],
    [0.7, 0.95],
  ];
  const out: number[] = [];
  for (let i = 0; i < reps; i++) {
    const [a, b] = ranges[i % 2]!;
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

export async function benchDashboard(
  sizes: readonly number[],
  loads: number,
  reps: number,
): Promise<DashboardResult[]> {
  const distDir = await buildSite();
  const dataRoot = join(ROOT, 'bench/out/dashboard/data');
  await rm(dataRoot, { recursive: true, force: true });
  await mkdir(dataRoot, { recursive: true });
  for (const n of sizes) await cp(join(scaleDir, `out-${n}`), join(dataRoot, `n${n}`), { recursive: true });
  const server = await serveStatic(distDir, dataRoot);
  const browser = await launchChromium();
  const results: DashboardResult[] = [];
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
      const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
      const page = await context.newPage();
      await page.goto(url);
      await page.waitForSelector(CHART_SERIES, { timeout: 120_000 });
      // Interactions are timed once the page has finished starting (DuckDB-WASM open); the start is the first load's.
      await page.waitForFunction(() => performance.getEntriesByName('open duckdb').length > 0, null, {
        timeout: 120_000,
      });
      await page.waitForLoadState('networkidle');
      const brushMs = await brushLatencies(page, reps);
      console.log(
        `  dashboard N=${n} brush: median ${median(brushMs).toFixed(0)} ms, p95 ${percentile(brushMs, 95).toFixed(0)} ms`,
      );
      const toggleMs = await toggleLatencies(page, reps);
      console.log(
        `  dashboard N=${n} toggle: median ${median(toggleMs).toFixed(0)} ms, p95 ${percentile(toggleMs, 95).toFixed(0)} ms`,
      );
      await context.close();
      results.push({
        n,
        measures,
        dataDir: `bench/out/scale/out-${n}`,
        firstChartMs,
        firstLoadBytes,
        // By file for the load whose total is the median one (a single load can be an outlier).
        bytesByFile: byFileOfLoads[firstLoadBytes.indexOf(nearestToMedian(firstLoadBytes))]!,
        brushMs,
        toggleMs,
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
    '| N | first chart ms (median) | first chart ms (all loads) | first-load MiB | brush ms median | brush ms p95 | toggle ms median | toggle ms p95 |',
    '| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of results) {
    lines.push(
      `| ${r.n.toLocaleString('en-US')} | ${median(r.firstChartMs).toFixed(0)} | ${r.firstChartMs.map((x) => x.toFixed(0)).join(', ')} | ${mib(median(r.firstLoadBytes))} | ${median(r.brushMs).toFixed(1)} | ${percentile(r.brushMs, 95).toFixed(1)} | ${median(r.toggleMs).toFixed(1)} | ${percentile(r.toggleMs, 95).toFixed(1)} |`,
    );
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
