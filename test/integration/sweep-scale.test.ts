/**
 * The sweep reads the attention index, not the table: among 5,000 projects of which 20 have a
 * tranche past its grace period, it loads the 20.
 */
import { rawClient } from './support/api';
import { useTestApi } from './support/fixtures';
import { writeBulkProjects } from '../support/bulk-projects';

const api = useTestApi({ seeded: false });

test('a sweep over 5,000 projects with 20 lagging examines those 20', async () => {
  const client = rawClient();
  let late: string[];
  try {
    late = await writeBulkProjects(client, api.tableName, { total: 5_000, late: 20, prefix: 'SCALE' });
  } finally {
    client.destroy();
  }
  const sweep = await api.request('POST', '/alerts/sweep', { token: api.token('admin'), body: { asOf: '2024-06-15' } });
  expect(sweep.status).toBe(200);
  expect(sweep.body.examined).toBe(20);
  // Each late project lags for both funders.
  expect(sweep.body).toMatchObject({ raised: 40, open: 40, resolved: 0, skipped: 0 });
  // The same day again: nothing is due any more, nothing changes.
  const again = await api.request('POST', '/alerts/sweep', { token: api.token('admin'), body: { asOf: '2024-06-15' } });
  expect(again.body).toMatchObject({ examined: 0, raised: 0, updated: 0, resolved: 0, open: 40 });
  const lagging = await api.request('GET', '/alerts?status=open&kind=disbursement-lag&limit=500', { token: api.token('auditor') });
  expect(new Set(lagging.body.alerts.map((a: { projectId: string }) => a.projectId))).toEqual(new Set(late));
  // Tomorrow the same 20 are looked at again (their alerts are open), still not the other 4,980.
  const next = await api.request('POST', '/alerts/sweep', { token: api.token('admin'), body: { asOf: '2024-06-16' } });
  expect(next.body).toMatchObject({ examined: 20, raised: 0, updated: 40, open: 40 });
  // A guard, not a timing assert: alone this takes about 50 s; late in a full run, with DynamoDB Local
  // holding every earlier file's data, 150 s was measured.
}, 420_000);
