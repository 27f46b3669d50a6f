/** Setup for every browser test: a failing test prints what its pages reported (tests/helpers/chromium.ts). */
import { beforeEach } from 'vitest';
import { pageProblems } from '../helpers/chromium.ts';

beforeEach(({ onTestFailed }) => {
  pageProblems.length = 0;
  onTestFailed(() => {
    if (pageProblems.length > 0) console.error(`What the pages reported:\n${pageProblems.join('\n')}`);
  });
});
