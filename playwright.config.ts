// End-to-end tests: the served Studio (`mosaic serve`) driven in Debian's Chromium.
import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { e2eApiToken, e2eAppCatalogUrl, e2ePort } from './tests/e2e/studio-page.js';

const port = e2ePort;
const home = mkdtempSync(join(tmpdir(), 'mosaic-e2e-'));

export default defineConfig({
  testDir: 'tests/e2e',
  outputDir: 'test-results',
  timeout: 30_000,
  workers: 1,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    viewport: { width: 1280, height: 800 },
    colorScheme: 'dark',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  webServer: {
    command: `node bin/mosaic.js serve --port ${port}`,
    // Ready once the inference host answers (this probe needs no token).
    url: `http://127.0.0.1:${port}/v2/health/ready`,
    // The app's own catalog is on loopback (served only while app-catalog.spec.ts runs; unreachable otherwise).
    env: {
      MOSAIC_HOME: home,
      MOSAIC_LOG_LEVEL: 'warn',
      MOSAIC_API_TOKEN: e2eApiToken,
      MOSAIC_APP_CATALOG: e2eAppCatalogUrl,
    },
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
