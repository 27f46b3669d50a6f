/**
 * Bytes on the wire of a first load of the built site (dist/, with its data/ from `npm start`) in headless
 * Chromium, served by `vite preview` as `npm start` runs it: stock (no precompressed copies served: what it did
 * before scripts/precompress.ts) against the project's config (precompressed .br/.gz). Medians of `--loads`.
 *
 * Usage: npm start (or npm run pipeline + vite build) once, then npx tsx bench/first-load-bytes.ts [--loads N]
 */
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { launchChromium } from '../tests/helpers/chromium.ts';
import { preview } from 'vite';
import { firstLoad } from './dashboard-bench.ts';
import { median, ROOT } from './lib/timed.ts';

const { values } = parseArgs({ options: { loads: { type: 'string', default: '3' } } });
const loads = Number(values.loads);

const SERVERS = {
  'vite preview, stock': { configFile: false as const, base: './' },
  'vite preview + precompress': { configFile: join(ROOT, 'vite.config.ts') },
};

const browser = await launchChromium();
const load = loadavg();
const rows: string[] = [];
try {
  for (const [name, config] of Object.entries(SERVERS)) {
    const server = await preview({
      ...config,
      root: ROOT,
      logLevel: 'warn',
      preview: { host: '127.0.0.1', port: 0, strictPort: false },
    });
    const url = server.resolvedUrls?.local[0];
    if (url === undefined) throw new Error('vite preview has no URL');
    const bytes: number[] = [];
    const ms: number[] = [];
    let byFile = new Map<string, number>();
    for (let i = 0; i < loads; i++) {
      const result = await firstLoad(browser, url);
      bytes.push(result.bytes);
      ms.push(result.ms);
      byFile = result.byFile;
      console.error(`${name}: ${(result.bytes / 2 ** 20).toFixed(2)} MiB, first chart ${result.ms.toFixed(0)} ms`);
    }
    await server.close();
    const assets = byFile.get('site assets (JS, CSS, WASM)') ?? 0;
    rows.push(
      `| ${name} | ${(median(bytes) / 2 ** 20).toFixed(2)} MiB | ${(assets / 2 ** 20).toFixed(2)} MiB | ${Math.round(median(ms))} ms |`,
    );
  }
} finally {
  await browser.close();
}
console.log('| server | first load, bytes on the wire | of which site assets | first chart |');
console.log('| --- | --: | --: | --: |');
for (const row of rows) console.log(row);
console.log(`\nmedians of ${loads}; load average ${load.map((x) => x.toFixed(1)).join(' ')} at start`);
