import { defineConfig } from 'vitest/config';
import { svelte } from '@sveltejs/vite-plugin-svelte';
import { precompress } from './scripts/precompress.ts';

export default defineConfig({
  plugins: [svelte(), precompress()],
  // Relative base so `vite build` output works from any static host path.
  base: './',
  build: { target: 'es2022', chunkSizeWarningLimit: 2000 },
  test: {
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/e2e/**', 'node_modules/**'],
    globalSetup: ['tests/helpers/scratch-root.ts', 'tests/helpers/build-pipeline.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: { TZ: 'America/Sao_Paulo', DOTENV_CONFIG_QUIET: 'true' },
  },
});
