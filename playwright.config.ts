/**
 * Browser tests of the web console (test/e2e), run by `npm test` after jest.
 *
 * - Browser: Debian's Chromium at /usr/bin/chromium (Playwright's own download does not work
 *   here); test/e2e/ensure-chromium.sh installs it, with a CJK font, or says how.
 * - Server: the whole local stack in memory with demo data (local/start.ts --in-memory) on a free
 *   port, the console built first when console/dist is stale. FUNDLEDGER_E2E_URL=<url> uses a
 *   stack that is already running instead.
 * - The browser runs in New York time on purpose: dates must still show in China time.
 */
import { execFileSync } from 'node:child_process';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from './test/e2e/chromium';

/** A port free right now on 127.0.0.1 (synchronously: the config cannot await). */
function freePortSync(): number {
  const script = "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})";
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }));
}

const external = process.env.FUNDLEDGER_E2E_URL;
// Workers load this file again: choose the port once, in the runner; workers inherit it.
if (!external) process.env.FUNDLEDGER_E2E_PORT ??= String(freePortSync());
const baseURL = external ?? `http://127.0.0.1:${process.env.FUNDLEDGER_E2E_PORT}`;

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test/e2e/.results',
  // After the web server is up: the indicators the suite's allocations draw on.
  globalSetup: './test/e2e/global-setup.ts',
  // One local stack, two shared CPU cores: one worker, tests in file order.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL,
    browserName: 'chromium',
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    timezoneId: 'America/New_York',
    launchOptions: { executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS },
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  ...(external
    ? {}
    : {
        webServer: {
          // local/start.ts builds the console first when console/dist is stale.
          command: 'node_modules/.bin/tsx local/start.ts --in-memory',
          // Ready when the banner is printed: after the demo data and the sweep (until then the port
          // answers 503). Not a URL: Playwright takes the first of url/wait.
          wait: { stdout: /FundLedger local stack is up/ },
          // An empty DYNAMODB_PORT means "a free one"; nothing persisted, so no data-directory lock.
          env: { PORT: process.env.FUNDLEDGER_E2E_PORT!, DYNAMODB_PORT: '' },
          reuseExistingServer: false,
          timeout: 240_000,
          stdout: 'ignore',
          stderr: 'pipe',
        },
      }),
});
