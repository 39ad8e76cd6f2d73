/**
 * Histories written by the old code (test/fixtures/legacy-v1.json: format-1 entries and the state
 * items of commit 2d92e0d) loaded into a fresh table as they were stored, with programs, zones and
 * clusters set up through the API. The new code reads them — project views, /verify, history.csv —
 * and appends to them: a transfer, and the reversal of a legacy match confirmation (which, read with
 * its meaning then, confirmed its whole allocation).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BatchWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { rawClient, readPartition } from './support/api';
import { expectCreated, expectCsvSumsToBalances, expectOk, expectRule, fixtureIndicators, ledger, useTestApi } from './support/fixtures';
import { entryHash } from '../../domain/project/chain';

interface LegacyProject {
  projectId: string;
  entries: Record<string, any>[];
  stateItem: { state: Record<string, any>; version: number; headHash: string; openAlerts: unknown[] };
  balancesAtWrite: Record<'province' | 'zone', { allocatedFen: number; pendingFen: number; confirmedFen: number; disbursedFen: number }>;
}
const fixture = JSON.parse(readFileSync(join(__dirname, '..', 'fixtures', 'legacy-v1.json'), 'utf8')) as { programs: Record<string, unknown>[]; projects: LegacyProject[] };
const byId = (id: string) => fixture.projects.find((p) => p.projectId === id)!;

const api = useTestApi({ seeded: false });
const auditor = () => api.token('auditor');

/** Province and zone money each cluster's counters held when the old code stopped (pending included). */
function clusterCounters() {
  const out = new Map<string, { provinceAllocatedFen: number; zoneAllocatedFen: number; projectCount: number }>();
  for (const p of fixture.projects) {
    const reg = p.entries[0]!.details.registration;
    const c = out.get(reg.clusterId) ?? { provinceAllocatedFen: 0, zoneAllocatedFen: 0, projectCount: 0 };
    c.provinceAllocatedFen += p.balancesAtWrite.province.allocatedFen;
    c.zoneAllocatedFen += p.balancesAtWrite.zone.allocatedFen;
    c.projectCount += 1;
    out.set(reg.clusterId, c);
  }
  return out;
}

beforeAll(async () => {
  const admin = api.token('admin');
  for (const p of fixture.programs) expectOk(await api.request('POST', '/programs', { token: admin, body: p }));
  // The fixtures' new allocations name a budget indicator of their program and year (as on the seeded table).
  for (const p of fixture.programs) await fixtureIndicators(api, String(p.code));
  for (const z of [
    { zoneId: 'NJ-HTZ', name: '南京高新技术产业开发区', city: '南京市', level: 'national' },
    { zoneId: 'SZ-SIP', name: '苏州工业园区', city: '苏州市', level: 'national' },
  ]) expectOk(await api.request('POST', '/zones', { token: admin, body: z }));
  for (const c of [
    { clusterId: 'NJ-BIO-2023', programCode: 'JS-2023-C', zoneId: 'NJ-HTZ', name: '南京生物医药集群', industry: '生物医药' },
    { clusterId: 'SZ-NANO-2021', programCode: 'JS-2021-CLUSTER', zoneId: 'SZ-SIP', name: '苏州纳米技术集群', industry: '纳米技术' },
    { clusterId: 'NJ-CITY-AI', programCode: 'NJ-CITY-CLUSTER', zoneId: 'NJ-HTZ', name: '南京人工智能集群', industry: '人工智能' },
  ]) expectOk(await api.request('POST', '/clusters', { token: admin, body: c }));

  // The stored items, exactly as the old code left them: entries and state items.
  const items: Record<string, unknown>[] = [];
  for (const p of fixture.projects) {
    for (const entry of p.entries) items.push({ pk: `PROJECT#${p.projectId}`, sk: `ENTRY#${String(entry.seq).padStart(10, '0')}`, entry });
    items.push({ pk: `PROJECT#${p.projectId}`, sk: 'STATE', ...p.stateItem });
  }
  const client = rawClient();
  try {
    for (let i = 0; i < items.length; i += 25) {
      const out = await client.send(new BatchWriteCommand({ RequestItems: { [api.tableName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })) } }));
      expect(Object.keys(out.UnprocessedItems ?? {})).toEqual([]);
    }
    // The clusters' shared counters as the old code kept them.
    for (const [clusterId, c] of clusterCounters()) {
      await client.send(new UpdateCommand({
        TableName: api.tableName, Key: { pk: `CLUSTER#${clusterId}`, sk: 'META' },
        UpdateExpression: 'SET provinceAllocatedFen = :p, zoneAllocatedFen = :z, projectCount = :n',
        ExpressionAttributeValues: { ':p': c.provinceAllocatedFen, ':z': c.zoneAllocatedFen, ':n': c.projectCount },
      }));
    }
  } finally {
    client.destroy();
  }
}, 60_000);

/** What the old code's balances did not have: transfers implied by province payments inside the zone. */
const transferredAtWrite: Record<string, number> = { 'LEGACY-2023': 150_000_000, 'LEGACY-2021': 400_000_000, 'LEGACY-NJ': 0, 'LEGACY-OUT': 0 };

describe.each(fixture.projects.map((p) => [p.projectId] as const))('%s as the old code left it', (projectId) => {
  const legacy = () => byId(projectId);

  test('GET /projects/{id}: the balances at write time, the version and head of the chain', async () => {
    const view = expectOk(await api.request('GET', `/projects/${projectId}`, { token: auditor() })).body;
    const last = legacy().entries[legacy().entries.length - 1]!;
    expect(view).toMatchObject({ projectId, status: 'active', version: legacy().stateItem.version, headHash: last.hash, openAlerts: [], proposals: [], hold: null, acceptance: null });
    for (const funder of ['province', 'zone'] as const) {
      expect({ funder, balance: view.balances[funder] }).toMatchObject({ funder, balance: { ...legacy().balancesAtWrite[funder], decommittedFen: 0, recoveredFen: 0 } });
    }
    // Province payments inside the zone passed through it the same day: transferred and paid on.
    expect(view.balances.province).toMatchObject({ transferredFen: transferredAtWrite[projectId], heldAtZoneFen: 0 });
    expect(view.registeredContract).toEqual(legacy().entries[0]!.details.registration.contract);
  });

  test('GET /verify: the old chain is valid', async () => {
    const verify = expectOk(await api.request('GET', `/projects/${projectId}/verify`, { token: auditor() })).body;
    expect(verify).toEqual({ valid: true, entries: legacy().entries.length, headHash: legacy().stateItem.headHash });
  });

  test('GET /history: every entry exactly as stored (no format field: format 1), so each re-hashes; history.csv sums to the balances', async () => {
    const history = expectOk(await api.request('GET', `/projects/${projectId}/history?limit=500`, { token: auditor() })).body.entries as any[];
    expect(history.map((e) => [e.seq, e.type, e.amountFen, e.hash])).toEqual(legacy().entries.map((e) => [e.seq, e.type, e.amountFen, e.hash]));
    expect(history).toEqual(legacy().entries);
    expect(history.every((e) => !('format' in e) && entryHash(e) === e.hash)).toBe(true);
    const { rows } = await expectCsvSumsToBalances(api, projectId);
    expect(rows).toHaveLength(legacy().entries.length);
  });
});

test('asOf on a legacy history replays its entries up to that day', async () => {
  const then = expectOk(await api.request('GET', '/projects/LEGACY-2023?asOf=2023-08-31', { token: auditor() })).body;
  expect(then.balances.province).toMatchObject({ allocatedFen: 300_000_000, pendingFen: 0, confirmedFen: 300_000_000, disbursedFen: 0 });
  expect(then.balances.zone).toMatchObject({ confirmedFen: 360_000_000, disbursedFen: 0 });
  expect(then.version).toBe(3);
});

describe('new events on old histories', () => {
  const nj = () => ledger(api, 'NJ-HTZ');

  test('a transfer: at most confirmed minus what the old payments already passed on', async () => {
    const l = nj();
    expectRule(await l.transfer('LEGACY-2023', 150_000_000 + 1, '2024-01-05'), 'insufficient-confirmed-funds', { limitFen: 300_000_000, usedFen: 150_000_000, attemptedFen: 150_000_001 });
    const t = expectCreated(await l.transfer('LEGACY-2023', 100_000_000, '2024-01-05'));
    const head = byId('LEGACY-2023').stateItem.headHash;
    expect(t.body.entry).toMatchObject({ seq: 13, entryId: 'LEGACY-2023.13', format: 2, type: 'transfer', prevHash: head });
    expect(t.body.project.balances.province).toMatchObject({ confirmedFen: 300_000_000, transferredFen: 250_000_000, heldAtZoneFen: 100_000_000, disbursedFen: 150_000_000 });
    // The zone pays it on.
    const paid = expectCreated(await l.disburse('LEGACY-2023', 'province', 100_000_000, '2024-01-20', 'P2'));
    expect(paid.body.project.balances.province).toMatchObject({ transferredFen: 250_000_000, heldAtZoneFen: 0, disbursedFen: 250_000_000 });
    // Outside the zone there is nothing to transfer, old history or not.
    expectRule(await l.transfer('LEGACY-OUT', 1, '2024-01-05'), 'transfer-not-applicable');
    expect(expectOk(await api.request('GET', '/projects/LEGACY-2023/verify', { token: auditor() })).body).toEqual({ valid: true, entries: 14, headHash: paid.body.entry.hash });
    // Written by the new code, the state item is listed again.
    const listed = expectOk(await api.request('GET', '/projects?zoneId=NJ-HTZ&limit=500', { token: auditor() })).body.projects.map((p: any) => p.projectId);
    expect(listed).toContain('LEGACY-2023');
  });

  test('the reversal of a legacy match confirmation takes its whole allocation back to pending', async () => {
    const l = nj();
    // The province money it confirmed has reached the zone: it cannot be undone while nothing else covers it.
    expectRule(await l.reverse('LEGACY-2023', 'LEGACY-2023.3', l.zone2), 'reversal-not-allowed');
    // The poster may never reverse it (four-eyes), whatever else holds.
    const poster = api.token('zone-committee', 'NJ-HTZ', 'zc-NJ-HTZ');
    expectRule(await l.reverse('LEGACY-2023', 'LEGACY-2023.3', poster), 'four-eyes');
    // New money confirmed alongside covers what was passed on, on every day it was passed on: the
    // legacy payments through the zone from 2023-09-20 (test/unit/legacy-replay.test.ts shows the
    // refusal when the new money is confirmed only later).
    const alloc = l.entryIdOf(await l.allocate('LEGACY-2023', 300_000_000, '2023-07-20'));
    expectCreated(await l.confirm('LEGACY-2023', alloc, 300_000_000, '2023-08-01'));
    const before = expectOk(await api.request('GET', '/projects/LEGACY-2023', { token: auditor() })).body;
    expect(before.balances.province).toMatchObject({ allocatedFen: 600_000_000, pendingFen: 0, confirmedFen: 600_000_000 });
    expect(before.balances.zone).toMatchObject({ confirmedFen: 660_000_000 });
    const reversal = expectCreated(await l.reverse('LEGACY-2023', 'LEGACY-2023.3', l.zone2));
    expect(reversal.body.entry).toMatchObject({ type: 'reversal', refersTo: 'LEGACY-2023.3', format: 2, actor: { role: 'zone-committee' } });
    expect(reversal.body.entry.details.undo).toMatchObject({ type: 'match-confirmation', zoneFen: 360_000_000, provinceFen: 300_000_000, allocation: { entryId: 'LEGACY-2023.2' } });
    // Read with its meaning then: it had confirmed all of LEGACY-2023.2, which is pending again.
    expect(reversal.body.project.balances.province).toMatchObject({ allocatedFen: 600_000_000, pendingFen: 300_000_000, confirmedFen: 300_000_000, transferredFen: 250_000_000 });
    expect(reversal.body.project.balances.zone).toMatchObject({ confirmedFen: 300_000_000, pendingFen: 300_000_000 });
    // Never twice; the reopened allocation can be matched again, in part.
    expectRule(await l.reverse('LEGACY-2023', 'LEGACY-2023.3', l.zone2), 'reversal-not-allowed');
    const again = expectCreated(await l.confirm('LEGACY-2023', 'LEGACY-2023.2', 100_000_000, '2024-02-10'));
    expect(again.body.project.balances.province).toMatchObject({ pendingFen: 200_000_000, confirmedFen: 400_000_000 });
    expect(expectOk(await api.request('GET', '/projects/LEGACY-2023/verify', { token: auditor() })).body).toMatchObject({ valid: true });
    await expectCsvSumsToBalances(api, 'LEGACY-2023');
    expect((await readPartition(api.tableName, 'PROJECT#LEGACY-2023', 'REVERSED#')).map((i) => i.sk)).toEqual(['REVERSED#0000000003']);
  });

  test('Nanjing: a legacy zone payment and the zone confirmation under it are reversed, in that order', async () => {
    const l = nj();
    expectRule(await l.reverse('LEGACY-NJ', 'LEGACY-NJ.3', l.zone2), 'reversal-not-allowed');
    expectCreated(await l.reverse('LEGACY-NJ', 'LEGACY-NJ.6', l.zone2));
    const undone = expectCreated(await l.reverse('LEGACY-NJ', 'LEGACY-NJ.3', l.zone2));
    expect(undone.body.project.balances.zone).toMatchObject({ allocatedFen: 0, confirmedFen: 0, disbursedFen: 0 });
    expect(undone.body.project.balances.province).toMatchObject({ confirmedFen: 100_000_000 });
    const cluster = expectOk(await api.request('GET', '/clusters/NJ-CITY-AI', { token: auditor() })).body;
    expect(cluster.usage.zone.allocatedFen).toBe(0);
    expect(expectOk(await api.request('GET', '/projects/LEGACY-NJ/verify', { token: auditor() })).body).toMatchObject({ valid: true, entries: 8 });
    await expectCsvSumsToBalances(api, 'LEGACY-NJ');
  });

  test('2021: the old one-step payment inside the zone can be reversed with its implied transfer', async () => {
    const l = ledger(api, 'SZ-SIP');
    const undone = expectCreated(await l.reverse('LEGACY-2021', 'LEGACY-2021.4', l.finance2));
    expect(undone.body.project.balances.province).toMatchObject({ confirmedFen: 400_000_000, transferredFen: 0, disbursedFen: 0, heldAtZoneFen: 0 });
    // Now the zone receives the money and pays it, the new way.
    expectCreated(await l.transfer('LEGACY-2021', 400_000_000, '2024-03-01'));
    const paid = expectCreated(await l.disburse('LEGACY-2021', 'province', 400_000_000, '2024-03-10', 'P1'));
    expect(paid.body.project.balances.province).toMatchObject({ transferredFen: 400_000_000, disbursedFen: 400_000_000, heldAtZoneFen: 0 });
    expect(expectOk(await api.request('GET', '/projects/LEGACY-2021/verify', { token: auditor() })).body).toMatchObject({ valid: true, entries: 8 });
    await expectCsvSumsToBalances(api, 'LEGACY-2021');
  });

  test('an entry the old code already reversed (itself, or as the match of its allocation) is never reversed again', async () => {
    const fo = ledger(api, 'NJ-HTZ');
    // Old reversals wrote no marker: the history says what was reversed.
    const outcomes: { entryId: string; status: number | string; rule: unknown; unchanged: boolean }[] = [];
    for (const [projectId, entryId, token] of [
      ['LEGACY-2023', 'LEGACY-2023.4', fo.finance2], // a province payment, reversed by .11
      ['LEGACY-2023', 'LEGACY-2023.6', fo.finance2], // a pending allocation, reversed by .7
      ['LEGACY-2023', 'LEGACY-2023.8', fo.finance2], // a matched allocation, reversed by .10 with its match
      ['LEGACY-2023', 'LEGACY-2023.9', fo.zone2], // that match
      ['LEGACY-NJ', 'LEGACY-NJ.4', fo.zone2], // a zone confirmation, reversed by .5
    ] as const) {
      const before = expectOk(await api.request('GET', `/projects/${projectId}`, { token: auditor() })).body;
      // Every outcome is collected (a response that breaks the contract too) so that one run shows them all.
      const res = await fo.reverse(projectId, entryId, token).catch((err: Error) => ({ status: err.message.split('\n').slice(0, 2).join(' '), body: {} as any }));
      const after = expectOk(await api.request('GET', `/projects/${projectId}`, { token: auditor() })).body;
      outcomes.push({ entryId, status: res.status, rule: res.body.rule, unchanged: after.version === before.version && JSON.stringify(after.balances) === JSON.stringify(before.balances) });
    }
    expect(outcomes).toEqual(outcomes.map(({ entryId }) => ({ entryId, status: 422, rule: 'reversal-not-allowed', unchanged: true })));
  });
});
