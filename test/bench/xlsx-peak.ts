/**
 * Run by scale.ts in a process of its own: GET /reports/portfolio.xlsx through the read function
 * against the table in TABLE_NAME, then its size and the process's peak resident memory.
 */
import { AUDITOR, loadApi, now } from './harness';

async function main(): Promise<void> {
  const api = await loadApi();
  const rssBefore = process.resourceUsage().maxRSS;
  const t0 = now();
  for (const groupBy of ['program', 'zone', 'cluster', 'city']) {
    await api.call('GET', '/reports/portfolio.xlsx', '/reports/portfolio.xlsx', AUDITOR, 200, { query: { groupBy } });
  }
  const took = now() - t0;
  const peakMb = process.resourceUsage().maxRSS / 1024;
  console.log(`GET /reports/portfolio.xlsx at 50,000 projects, all four groupings: ${took.toFixed(0)} ms, peak RSS ${peakMb.toFixed(0)} MB (process start ${(rssBefore / 1024).toFixed(0)} MB; the read function has 512 MB)`);
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
