/**
 * Screenshots of every page and dialog per role, for people to look at (not a test of behaviour:
 * the suite's specs assert that). `npx playwright test -c test/e2e/screens` writes them to
 * test/e2e/screenshots/screens/ (git-ignored); nothing is posted, so the demo data stays as it is.
 * Same browser, server and settings as the suite (../../../playwright.config.ts).
 */
import { defineConfig } from '@playwright/test';
import base from '../../../playwright.config';

export default defineConfig({
  ...base,
  testDir: '.',
  testMatch: '*.screens.ts',
  outputDir: '../.results-screens',
  timeout: 600_000,
});
