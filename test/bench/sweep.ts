/** The daily sweep over 1,000 and 10,000 projects with the same 20 due: it should cost the 20. */
import { runSweep } from '../../functions/lib/alerts/sweep';
import { writeBulkProjects } from '../support/bulk-projects';
import { median, ms, now, type Database } from './harness';

export async function sweepScale(db: Database): Promise<void> {
  const silent = { publish: async () => undefined };
  const times: Record<number, number> = {};
  for (const total of [1_000, 10_000]) {
    await db.useNewTable(`sweep${total}`);
    await writeBulkProjects(db.doc, process.env.TABLE_NAME!, { total, late: 20, prefix: `S${total}` });
    const runs: number[] = [];
    // A fresh day each run, so that every run does the same work (20 projects, their alerts updated).
    for (const asOf of ['2024-06-15', '2024-06-16', '2024-06-17']) {
      const t0 = now();
      const r = await runSweep(asOf, new Date(), silent, { publishOlderThanMs: 0 });
      runs.push(now() - t0);
      if (r.examined !== 20) throw new Error(`the sweep examined ${r.examined} projects, not 20`);
    }
    times[total] = median(runs);
  }
  console.log('4. Daily sweep with 20 projects due (median of 3 days)');
  console.log(`   1,000 projects:  ${ms(times[1_000]!)}`);
  console.log(`   10,000 projects: ${ms(times[10_000]!)}`);
  console.log(`   ratio 10k/1k: ${(times[10_000]! / times[1_000]!).toFixed(2)}   (target ≤ 1.5)\n`);
}
