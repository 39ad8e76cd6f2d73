/**
 * The console's size budgets, on the build these tests run against (the web server builds
 * console/dist first when it is stale): the initial JavaScript at most INITIAL_JS_BUDGET_KB gzip,
 * no chunk over CHUNK_BUDGET_KB minified. `npm run build:console` prints the same figures and
 * fails past them too.
 */
import { expect, test } from '@playwright/test';
import { CHUNK_BUDGET_KB, CONSOLE_DIST, INITIAL_JS_BUDGET_KB, measure } from '../../console/scripts/build';

test('the console keeps to its size budgets', () => {
  const report = measure(CONSOLE_DIST);
  expect(report.initialJsGzipBytes, 'initial JavaScript, gzip').toBeLessThanOrEqual(INITIAL_JS_BUDGET_KB * 1024);
  const js = report.chunks.filter((c) => c.file.endsWith('.js'));
  expect(js.length).toBeGreaterThan(1); // pages are split off the entry
  for (const chunk of js) expect(chunk.bytes, `${chunk.file} (${chunk.name}), minified`).toBeLessThanOrEqual(CHUNK_BUDGET_KB * 1024);
  expect(report.overBudget).toEqual([]);
});
