/**
 * Issue 12, "Term trends count what the user typed": on the real pipeline output of the default corpus, the term
 * view's CSV holds, for each of 20 words and phrases, the papers per month that a whole-word scan of the titles and
 * abstracts finds in Node DuckDB (the oracle below), not the stem's count. The oracle reads the raw text, the index
 * the analyzer's normalized text (TeX and URLs removed); the 20 terms are ones where that makes no difference on
 * this corpus ("llm" differs: "github.com/.../llm-..." is a URL, not a use of the word). The oracle does apply the
 * two normalizations that change these terms' counts: prose markup keeps its argument ("di\textbf{f}fusion") and
 * Latin ligatures are spelled out ("diﬀusion"), as the analyzer does. The term chart also reads periods honestly:
 * July 2026, which the corpus reaches on its 1st, is drawn and downloaded as partial.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, test } from 'vitest';
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../helpers/chromium.ts';
import type { DuckDBConnection } from '@duckdb/node-api';
import { parquetViews, runQuery } from '../src/node-duckdb.ts';
import { WORD_SEPARATOR } from '../../src/shared/words.ts';
import type { Manifest } from '../../src/schema.ts';

const baseUrl = inject('baseUrl');
const dataDir = inject('dataDir');

const TERMS = [
  'transformer',
  'transformers',
  'diffusion model',
  'diffusion models',
  'large language model',
  'reinforcement learning',
  'gpt 4',
  'graph neural network',
  'zero shot',
  'federated learning',
  'quantum',
  'robot',
  'retrieval augmented generation',
  'in context learning',
  'chain of thought',
  'vision language model',
  'attention',
  'convolutional neural networks',
  'mixture of experts',
  '3d',
];

let browser: Browser;
let context: BrowserContext;
let page: Page;
let db: DuckDBConnection;

beforeAll(async () => {
  browser = await launchChromium();
  db = await parquetViews(dataDir);
  // The scanned text, prepared once (the scans below take a second each over it).
  await db.run(
    `CREATE TABLE scanned AS SELECT strftime(date_trunc('month', date), '%Y-%m-%d') AS month, ${plain('title')} AS title, ${plain('abstract')} AS abstract FROM documents WHERE date_precision IN ('day', 'month')`,
  );
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  page = await context.newPage();
});

afterEach(async () => {
  await context.close();
});

/** `(^|SEP)w1 SEP w2 ...(SEP|$)`, each word one of `alternatives[i]`. */
function wholeWords(alternatives: readonly (readonly string[])[]): string {
  const slot = (forms: readonly string[]): string => (forms.length === 1 ? forms[0]! : `(${forms.join('|')})`);
  return `(^|${WORD_SEPARATOR})${alternatives.map(slot).join(WORD_SEPARATOR)}(${WORD_SEPARATOR}|$)`;
}

/** Latin ligatures as NFKC (the analyzer's normalization) spells them: "diﬀusion" is the word "diffusion". */
const LIGATURES: readonly [string, string][] = [
  ['\ufb00', 'ff'],
  ['\ufb01', 'fi'],
  ['\ufb02', 'fl'],
  ['\ufb03', 'ffi'],
  ['\ufb04', 'ffl'],
];
/** TeX markup whose argument is prose keeps it, as `normalize.ts` does: "di\\textbf{f}fusion" is "diffusion". */
const KEEP_ARGUMENT = String.raw`\\(emph|textbf|textit|textsc|textsl|textrm|textsf|texttt|textup|underline|mbox|text)\s*\{([^{}]*)\}`;
const plain = (column: string): string =>
  `lower(${LIGATURES.reduce((sql, [from, to]) => `replace(${sql}, '${from}', '${to}')`, `regexp_replace(${column}, '${KEEP_ARGUMENT}', '\\2', 'g')`)})`;

/** The oracle: papers dated to the day or month whose lower-cased title or abstract matches, per month. */
async function scannedCounts(pattern: string): Promise<Map<string, number>> {
  const rows = await runQuery(db, {
    text: `SELECT month, count(*)::INTEGER AS n FROM scanned
WHERE regexp_matches(title, ?) OR regexp_matches(abstract, ?)
GROUP BY 1`,
    params: [pattern, pattern],
    tables: [],
  });
  return new Map(rows.map((r) => [String(r['month']), Number(r['n'])]));
}

async function termCsv(search: string, lines: number): Promise<Record<string, string>[]> {
  await page.goto(`${baseUrl}?tab=terms&${search}`);
  await page.waitForSelector(`[data-testid=term-chart] path[data-cluster="${lines - 1}"]`, { timeout: 45_000 });
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click('[data-testid=term-title-row] [data-testid=download-csv]'),
  ]);
  return parse<Record<string, string>>(await readFile(await download.path(), 'utf8'), { columns: true });
}

/** Every CSV row's doc_count equals the oracle's, and no month the CSV covers misses a paper the oracle found. */
function expectCounts(rows: readonly Record<string, string>[], term: string, oracle: Map<string, number>): void {
  const mine = rows.filter((r) => r['term'] === term);
  expect(mine.length, term).toBeGreaterThan(0);
  for (const r of mine)
    expect(Number(r['doc_count']), `${term} ${r['period_start']}`).toBe(oracle.get(r['period_start']!) ?? 0);
  const months = mine.map((r) => r['period_start']!);
  const [first, last] = [months[0]!, months.at(-1)!];
  const inRange = [...oracle].filter(([m]) => m >= first && m <= last).reduce((sum, [, n]) => sum + n, 0);
  expect(
    mine.reduce((sum, r) => sum + Number(r['doc_count']), 0),
    term,
  ).toBe(inRange);
}

describe('term trends count what the user typed (issue 12)', () => {
  test('20 words and phrases: the CSV of the term view equals a whole-word scan in Node DuckDB', async () => {
    for (let from = 0; from < TERMS.length; from += 8) {
      const batch = TERMS.slice(from, from + 8);
      const rows = await termCsv(`terms=${encodeURIComponent(batch.join(','))}`, batch.length);
      for (const term of batch) {
        expectCounts(rows, term, await scannedCounts(wholeWords(term.split(' ').map((w) => [w]))));
        expect(rows.find((r) => r['term'] === term)?.['forms']).toBe(term);
      }
    }
  }, 180_000);

  test('"transformer" counts the word, not the stem; the family switch lists and counts the forms it adds', async () => {
    const exact = await scannedCounts(wholeWords([['transformer']]));
    const total = [...exact.values()].reduce((a, b) => a + b, 0);
    expect(total).toBeGreaterThan(1000);
    const [stem] = await runQuery(db, {
      text: "SELECT sum(doc_count)::INTEGER AS n FROM term_trends WHERE stem = 'transform'",
      params: [],
      tables: [],
    });
    expect(Number(stem?.['n'])).toBeGreaterThan(total);

    const family = (
      await runQuery(db, {
        text: "SELECT word FROM words WHERE stem = (SELECT stem FROM words WHERE word = 'transformer') ORDER BY word",
        params: [],
        tables: [],
      })
    ).map((r) => String(r['word']));
    expect(family).toEqual(expect.arrayContaining(['transform', 'transformer', 'transformers']));
    const rows = await termCsv('terms=transformer&family=1', 1);
    const forms = page.locator('[data-testid=term-family-forms]');
    for (const word of family.filter((w) => w !== 'transformer'))
      await expect.poll(() => forms.textContent()).toContain(word);
    expect(rows[0]?.['forms']?.split('|').sort()).toEqual(family);
    expectCounts(rows, 'transformer', await scannedCounts(wholeWords([family])));
  });

  test('a miss names the word and suggests close ones; nothing is called missing before the index has loaded', async () => {
    await page.addInitScript(() => {
      const w = window as unknown as { sawMissing: boolean };
      w.sawMissing = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid=term-missing]')) w.sawMissing = true;
      }).observe(document, { childList: true, subtree: true });
    });
    await termCsv('terms=transformer,diffusion%20model', 2);
    expect(await page.evaluate(() => (window as unknown as { sawMissing: boolean }).sawMissing)).toBe(false);

    await page.fill('[data-testid=term-input]', 'difusion models');
    await page.press('[data-testid=term-input]', 'Enter');
    await expect.poll(() => page.locator('[data-testid=term-missing]').textContent()).toContain('difusion');
    const close = page.locator('[data-testid=term-close]', { hasText: 'diffusion models' });
    await close.first().click();
    await page.waitForURL(
      /terms=transformer%2Cdiffusion\+model%2Cdiffusion\+models|terms=transformer%2Cdiffusion%20model%2Cdiffusion%20models/,
    );
    await page.waitForSelector('[data-testid=term-chart] path[data-cluster="2"]');
    expect(await page.locator('[data-testid=term-missing]').count()).toBe(0);
  });
});

describe('term trends read periods honestly (issue 12)', () => {
  /** What the served trends file says of a month: its papers and the fraction of its days the corpus covers. */
  async function month(start: string): Promise<{ total: number; coverage: number }> {
    const [row] = await runQuery(db, {
      text: `SELECT any_value(period_total)::INTEGER AS total, any_value(coverage) AS coverage FROM trends
        WHERE granularity = 'month' AND period_start = ?::DATE`,
      params: [start],
      tables: [],
    });
    return { total: Number(row?.['total']), coverage: Number(row?.['coverage']) };
  }

  test('"agent": July 2026 (the corpus ends on the 1st) is hatched and dashed; its hover says partial, with the denominator and a Wilson interval', async () => {
    const july = await month('2026-07-01');
    expect(july.coverage).toBe(1 / 31);
    await page.goto(`${baseUrl}?tab=terms&terms=agent`);
    const chart = page.locator('[data-testid=term-chart]');
    await chart.locator('path[data-cluster="0"]').waitFor({ timeout: 45_000 });
    await expect(chart.locator('[data-testid=partial-period][data-period="2026-07-01"]').count()).resolves.toBe(1);
    await expect(chart.locator('[data-testid=partial-period][data-period="2026-06-01"]').count()).resolves.toBe(0);
    await expect(chart.locator('[data-testid=partial-line]').getAttribute('stroke-dasharray')).resolves.toBe('4 3');
    await expect(chart.locator('[data-role=y-title]').textContent()).resolves.toBe(
      "% of the month's papers with the term",
    );
    await expect(page.locator('[data-testid=term-quality-note]').textContent()).resolves.toContain('only in part');

    const box = (await chart.boundingBox())!;
    await page.mouse.move(box.x + box.width - 16, box.y + box.height / 2);
    const tip = page.locator('[data-testid=chart-tip]');
    await expect.poll(() => tip.textContent()).toContain('2026-07-01');
    await expect(tip.locator('[data-testid=tip-partial]').textContent()).resolves.toBe(
      `partial: ${july.total} papers so far (1 of 31 days)`,
    );
    const totalText = (await tip.locator('[data-testid=tip-total]').textContent()) ?? '';
    const m = /^(\d+) of (\d+) papers in the month$/.exec(totalText);
    expect(m, totalText).not.toBeNull();
    expect(Number(m![2])).toBe(july.total);
    const agent = await scannedCounts(wholeWords([['agent']]));
    expect(Number(m![1])).toBe(agent.get('2026-07-01') ?? 0);
    await expect(tip.locator('[data-testid=tip-interval]').textContent()).resolves.toMatch(
      /^share [\d.]+%, 95% interval [\d.]+%–[\d.]+% \(Wilson\)$/,
    );
  });

  test('the term CSV and JSON: a name saying the view, the run id, partial periods marked, a meta block', async () => {
    const manifest = JSON.parse(await readFile(`${dataDir}/manifest.json`, 'utf8')) as Manifest;
    await page.goto(`${baseUrl}?tab=terms&terms=agent&from=2026-01-01`);
    await page.waitForSelector('[data-testid=term-chart] path[data-cluster="0"]', { timeout: 45_000 });
    const row = page.locator('[data-testid=term-title-row]');
    const [csvFile] = await Promise.all([
      page.waitForEvent('download'),
      row.locator('[data-testid=download-csv]').click(),
    ]);
    expect(csvFile.suggestedFilename()).toBe('topic-trends_terms_month_share_2026-01_2026-07.csv');
    const rows = parse<Record<string, string>>(await readFile(await csvFile.path(), 'utf8'), { columns: true });
    expect(Object.keys(rows[0]!)).toEqual([
      'period_start',
      'term',
      'forms',
      'doc_count',
      'period_total',
      'share',
      'partial',
      'run_id',
    ]);
    expect(rows.map((r) => [r['period_start'], r['partial']])).toEqual([
      ['2026-01-01', 'false'],
      ['2026-02-01', 'false'],
      ['2026-03-01', 'false'],
      ['2026-04-01', 'false'],
      ['2026-05-01', 'false'],
      ['2026-06-01', 'false'],
      ['2026-07-01', 'true'],
    ]);
    expect(new Set(rows.map((r) => r['run_id']))).toEqual(new Set([manifest.runId]));

    const [jsonFile] = await Promise.all([
      page.waitForEvent('download'),
      row.locator('[data-testid=download-json]').click(),
    ]);
    expect(jsonFile.suggestedFilename()).toBe('topic-trends_terms_month_share_2026-01_2026-07.json');
    const json = JSON.parse(await readFile(await jsonFile.path(), 'utf8')) as { meta: unknown; rows: unknown[] };
    expect(json.meta).toMatchObject({
      view: 'term trends',
      granularity: 'month',
      measure: 'share',
      dateRange: { from: '2026-01-01', to: manifest.dateRange!.last },
      series: [{ id: 'agent', label: 'agent' }],
      runId: manifest.runId,
    });
    expect(json.rows).toHaveLength(rows.length);
  });
});
