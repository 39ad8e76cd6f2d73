/**
 * The console's project page, ready after a full reload: the whole local stack in memory with
 * the demo data (local/start.ts --in-memory, the console built first when it is stale), Debian's
 * Chromium through Playwright, signed in as the auditor. Each round reloads
 * /projects/BA2023-0101 and waits until the page is usable: the title, the balances and the
 * ledger table are on screen and nothing is loading. A figure, not an assertion; target ≤ 600 ms.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { CHROMIUM_FLAGS, CHROMIUM_PATH } from '../e2e/chromium';
import { load, median, ms, percentile } from './harness';

const ROOT = join(__dirname, '..', '..');
const PROJECT = 'BA2023-0101';
const WARM_UP = 2;
const ROUNDS = 15;
const TARGET_MS = 600;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts the local stack and resolves when its banner says it is up. */
async function startStack(port: number): Promise<ChildProcess> {
  const tsx = join(ROOT, 'node_modules', '.bin', 'tsx');
  const built = spawnSync(tsx, [join(ROOT, 'console', 'scripts', 'ensure-built.ts')], { cwd: ROOT, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`the console could not be built: ${built.stderr}`);
  const stack = spawn(tsx, [join(ROOT, 'local', 'start.ts'), '--in-memory'], { cwd: ROOT, env: { ...process.env, PORT: String(port), DYNAMODB_PORT: '' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  await new Promise<void>((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`the local stack did not come up in 240 s:\n${output.slice(-2000)}`)), 240_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('FundLedger local stack is up')) {
        clearTimeout(timer);
        resolve();
      }
    };
    stack.stdout!.on('data', read);
    stack.stderr!.on('data', read);
    stack.once('exit', (code) => reject(new Error(`the local stack exited (${code}):\n${output.slice(-2000)}`)));
  });
  return stack;
}

/** The project page is usable: its title, balances and ledger rows shown, no spinner left. */
async function ready(page: Page): Promise<void> {
  await page.getByRole('heading', { level: 1 }).filter({ hasNotText: PROJECT }).waitFor();
  await page.locator('.ant-card', { hasText: '资金到位情况' }).locator('td[data-col="disbursedFen"]').first().waitFor();
  await page.locator('.ant-card', { hasText: '台账记录' }).locator('tr.ant-table-row').first().waitFor();
  await page.waitForFunction(() => (globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }).document.querySelectorAll('.ant-spin-spinning').length === 0);
}

interface Phases {
  documentMs: number;
  projectAskedMs: number;
  projectAnsweredMs: number;
  historyAnsweredMs: number;
}

/** Navigation and resource timing of the last load, in the page (a string: it runs in the browser). */
const PHASES = `(() => {
  const nav = performance.getEntriesByType('navigation')[0];
  const reads = performance.getEntriesByType('resource');
  const read = (suffix) => reads.find((r) => new URL(r.name).pathname.endsWith(suffix)) ?? { startTime: NaN, responseEnd: NaN };
  const project = read('/projects/${PROJECT}');
  const history = read('/projects/${PROJECT}/history');
  return { documentMs: nav.responseEnd, projectAskedMs: project.startTime, projectAnsweredMs: project.responseEnd, historyAnsweredMs: history.responseEnd };
})()`;

export async function consolePage(): Promise<void> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  console.log(`console: project page ready after a full reload (${PROJECT}, local stack in memory, Chromium) — starting the stack…`);
  const stack = await startStack(port);
  const browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
  try {
    const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN' })).newPage();
    const session = await (await page.request.post(`${url}/local/tokens`, { data: { identityId: 'auditor' } })).text();
    await page.goto(`${url}/config.json`);
    await page.evaluate((value) => (globalThis as unknown as { sessionStorage: { setItem(k: string, v: string): void } }).sessionStorage.setItem('fundledger.session', value), session);
    await page.goto(`${url}/projects/${PROJECT}`);
    await ready(page);
    const times: number[] = [];
    const phases: Phases[] = [];
    for (let i = 0; i < WARM_UP + ROUNDS; i++) {
      const t0 = performance.now();
      await page.reload();
      await ready(page);
      if (i < WARM_UP) continue;
      times.push(performance.now() - t0);
      phases.push(await page.evaluate(PHASES));
    }
    const med = median(times);
    const phase = (k: keyof Phases) => ms(median(phases.map((p) => p[k])));
    console.log(
      `  ready after reload: median ${ms(med)}, p90 ${ms(percentile(times, 90))}, best ${ms(Math.min(...times))} over ${ROUNDS} reloads (target ≤ ${TARGET_MS} ms: ${med <= TARGET_MS ? 'met' : 'NOT met'}); load average ${load()}`,
    );
    console.log(
      `  where it goes (medians, from navigation start): document ${phase('documentMs')}, scripts until the project is asked for ${phase('projectAskedMs')}, project answered ${phase('projectAnsweredMs')}, history answered ${phase('historyAnsweredMs')}\n`,
    );
  } finally {
    await browser.close();
    if (stack.pid) process.kill(-stack.pid, 'SIGINT'); // its own process group: the API and DynamoDB Local with it
    await new Promise((resolve) => stack.once('exit', resolve));
  }
}
