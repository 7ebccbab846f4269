import { defineConfig } from '@playwright/test';
import { findChromium } from './scripts/chromium.mjs';

const chromium = findChromium();
// PLAYWRIGHT_PORT and PLAYWRIGHT_DIST let parallel runs each serve their own build.
const port = Number(process.env.PLAYWRIGHT_PORT ?? 4173);
const dist = process.env.PLAYWRIGHT_DIST ?? 'dist';

export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 30_000,
  fullyParallel: true,
  workers: 2,
  reporter: process.env.CI ? 'line' : 'list',
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1280, height: 720 },
    // The service worker caches the whole build; only the offline tests need it (they allow it).
    serviceWorkers: 'block',
    launchOptions: {
      ...(chromium ? { executablePath: chromium } : {}),
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
  projects: [
    { name: 'playground', testIgnore: /longTasks\.spec\.ts$/ },
    // Timing measurements run last and alone: no other test shares the cores with them. On a
    // shared 2-core machine one run in ten or so meets a stray 200-230 ms task (a garbage
    // collection, the clipboard read): a measurement is taken again once before it fails.
    {
      name: 'long tasks',
      testMatch: /longTasks\.spec\.ts$/,
      dependencies: ['playground'],
      fullyParallel: false,
      retries: 1,
    },
  ],
  webServer: {
    command: `npx vite preview --port ${port} --strictPort --host 127.0.0.1 --outDir ${dist}`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
