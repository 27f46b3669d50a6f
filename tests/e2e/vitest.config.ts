import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/e2e/**/*.e2e.test.ts'],
    globalSetup: ['tests/helpers/scratch-root.ts', 'tests/e2e/global-setup.ts'],
    setupFiles: ['tests/e2e/print-page-problems.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 300_000,
    env: { TZ: 'America/Sao_Paulo', DOTENV_CONFIG_QUIET: 'true' },
  },
});
