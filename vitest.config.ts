// Unit and integration tests (Playwright runs the end-to-end ones); main is built first so tests can fork the real host.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.{ts,tsx}', 'tests/integration/**/*.test.ts'],
    environment: 'node',
    globalSetup: ['tests/support/build-app.ts'],
    // Engines started by tests (and the CLIs they run) list no app catalog unless a test names one: no outside calls.
    env: { MOSAIC_APP_CATALOG: '' },
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Two cores: integration tests fork processes, so keep the pool small.
    maxWorkers: 2,
  },
});
