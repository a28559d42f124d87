import { defineConfig } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
// One host everywhere: the session cookie is bound to it (see PITFALLS.md 6).
const BASE_URL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: 'e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  forbidOnly: true,
  retries: 0,
  reporter: [['list'], ['json']],
  outputDir: 'test-results/playwright',
  use: {
    baseURL: BASE_URL,
    locale: 'id-ID',
    timezoneId: 'Asia/Jakarta',
    viewport: { width: 1366, height: 768 },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--no-sandbox', '--disable-gpu'],
    },
  },
  webServer: {
    // The same path a user takes with `npm start`, on a fresh data folder and the production build.
    command: 'node_modules/.bin/tsx scripts/start.ts --reset --no-build',
    url: `${BASE_URL}/api/health`,
    // A fresh data folder means a fresh demo: its ~780 specimen photos are read by OCR once (minutes on 2 cores; cached afterwards).
    timeout: 900_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      HOST: 'localhost',
      NEXTAUTH_URL: BASE_URL,
      DATA_DIR: `.data/e2e-${PORT}`,
      PG_PORT: String(process.env.E2E_PG_PORT ?? 54340),
      // e2e/intake.spec.ts registers a webhook receiver on 127.0.0.1: private addresses are for development only.
      WEBHOOK_ALLOW_PRIVATE: 'true',
      DATABASE_URL: process.env.E2E_DATABASE_URL ?? '',
    },
  },
});
