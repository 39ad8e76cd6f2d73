import { startTestApi, type TestApi } from './support/api';
import { ledger, registration2023, seedReferenceData, YUAN } from './support/fixtures';

let api: TestApi;
beforeAll(async () => {
  api = await startTestApi({ log: (l) => { if (l.startsWith('ERROR')) console.log(l); } });
  await seedReferenceData(api);
}, 60_000);
afterAll(() => api?.close());

test('smoke', async () => {
  const l = ledger(api, 'NJ-HTZ');
  const reg = registration2023();
  const r = await l.register(reg);
  console.log(r.status, JSON.stringify(r.body).slice(0, 600));
  const a = await l.allocate(reg.projectId, 6_000_000 * YUAN);
  console.log(a.status, JSON.stringify(a.body).slice(0, 300));
  const c = await l.confirm(reg.projectId, a.body.entry?.entryId, 6_000_000 * YUAN);
  console.log(c.status, JSON.stringify(c.body).slice(0, 300));
  const d = await l.disburse(reg.projectId, 'province', 3_000_000 * YUAN);
  console.log(d.status, JSON.stringify(d.body.project?.balances));
  const h = await api.request('GET', `/projects/${reg.projectId}/verify`, { token: api.token('auditor') });
  console.log(h.status, h.body);
  expect(h.body.valid).toBe(true);
});
