/**
 * Debian's Chromium, headless, as every browser test and the dashboard benchmark start it. Background networking
 * and component updates are off because this machine's closed network refuses their connections, many at a time.
 */
import { chromium, type Browser, type BrowserContext } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
];

/**
 * What the pages of the browsers started here reported: uncaught errors, console errors and warnings, failed
 * requests. A browser test that fails prints them (tests/e2e/print-page-problems.ts): an assertion alone says what
 * the page did not show, not why.
 */
export const pageProblems: string[] = [];

function recordProblems(context: BrowserContext): void {
  const at = (): string => new Date().toISOString().slice(11, 23);
  context.on('weberror', (e) => pageProblems.push(`${at()} uncaught: ${e.error().stack ?? e.error().message}`));
  context.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') pageProblems.push(`${at()} console.${m.type()}: ${m.text()}`);
  });
  context.on('requestfailed', (r) => pageProblems.push(`${at()} request failed: ${r.url()} ${r.failure()?.errorText}`));
}

export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => {
    const context = await newContext(options);
    recordProblems(context);
    return context;
  };
  return browser;
}
