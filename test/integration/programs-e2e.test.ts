/**
 * Both seed cluster programs end to end: register → allocate → confirm → disburse → history →
 * verify, then the auditors' exports and tamper detection on the stored entries.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { rawClient, readItem } from './support/api';
import { YUAN, expectOk, ledger, registration2021, registration2023, useSeededApi } from './support/fixtures';
import { GENESIS_HASH, entryHash } from '../../domain/project/chain';

const api = useSeededApi();

const auditor = () => api.token('auditor');

async function fullFlow(reg: ReturnType<typeof registration2023>, provinceFen: number, zoneFen: number, dates: { alloc: string; confirm: string; pay: string }) {
  const l = ledger(api, reg.zoneId);
  const registered = expectOk(await l.register(reg));
  expect(registered.status).toBe(201);
  expect(registered.body.entry).toMatchObject({ seq: 1, type: 'registration', prevHash: GENESIS_HASH });

  const alloc = expectOk(await l.allocate(reg.projectId, provinceFen, dates.alloc));
  expect(alloc.body.entry).toMatchObject({ seq: 2, type: 'allocation', funder: 'province', amountFen: provinceFen, status: 'pending-match' });
  expect(alloc.body.project.balances.province).toEqual({ allocatedFen: provinceFen, pendingFen: provinceFen, confirmedFen: 0, disbursedFen: 0 });

  const conf = expectOk(await l.confirm(reg.projectId, alloc.body.entry.entryId, zoneFen, dates.confirm));
  expect(conf.body.entry).toMatchObject({ seq: 3, type: 'match-confirmation', funder: 'zone', refersTo: alloc.body.entry.entryId });
  expect(conf.body.project.balances.province).toEqual({ allocatedFen: provinceFen, pendingFen: 0, confirmedFen: provinceFen, disbursedFen: 0 });
  expect(conf.body.project.balances.zone).toEqual({ allocatedFen: zoneFen, pendingFen: 0, confirmedFen: zoneFen, disbursedFen: 0 });

  const half = provinceFen / 2;
  const pay = expectOk(await l.disburse(reg.projectId, 'province', half, dates.pay, 'P1'));
  expect(pay.body.project.balances.province.disbursedFen).toBe(half);
  const zpay = expectOk(await l.disburse(reg.projectId, 'zone', zoneFen, dates.pay));
  expect(zpay.body.entry.seq).toBe(5);

  const history = await api.request('GET', `/projects/${reg.projectId}/history`, { token: auditor() });
  expect(history.status).toBe(200);
  expect(history.body.entries.map((e: { seq: number }) => e.seq)).toEqual([1, 2, 3, 4, 5]);
  expect(history.body.entries.map((e: { type: string }) => e.type)).toEqual(['registration', 'allocation', 'match-confirmation', 'disbursement', 'disbursement']);
  // Every link recomputes from the stored fields.
  let prev = GENESIS_HASH;
  for (const e of history.body.entries) {
    expect(e.prevHash).toBe(prev);
    expect(entryHash(e)).toBe(e.hash);
    prev = e.hash;
  }
  const verify = await api.request('GET', `/projects/${reg.projectId}/verify`, { token: auditor() });
  expect(verify.body).toEqual({ valid: true, entries: 5, headHash: prev });
  const project = await api.request('GET', `/projects/${reg.projectId}`, { token: auditor() });
  expect(project.body).toMatchObject({ version: 5, headHash: prev, projectId: reg.projectId });
  return { l, history: history.body.entries };
}

test('2021 cluster program (exact 1:1): the full flow', async () => {
  const reg = registration2021();
  await fullFlow(reg, 4_000_000 * YUAN, 4_000_000 * YUAN, { alloc: '2021-07-15', confirm: '2021-08-01', pay: '2021-09-15' });
  const project = await api.request('GET', `/projects/${reg.projectId}`, { token: auditor() });
  const joint = project.body.limits.find((x: { rule: string }) => x.rule === 'joint-share-of-new-investment');
  expect(joint).toMatchObject({ limitFen: 800_000_000, usedFen: 800_000_000, headroomFen: 0 });
  const perCluster = project.body.limits.find((x: { rule: string }) => x.rule === 'province-per-cluster');
  expect(perCluster.limitFen).toBe(3_000_000_000);
});

test('2023 class-C program (zone ≥ province): the full flow, with more zone money than the minimum', async () => {
  const reg = registration2023({ contract: { ...registration2023().contract, zoneGrantFen: 9_000_000 * YUAN } });
  reg.schedule = [
    { trancheId: 'P1', funder: 'province', dueOn: '2023-09-30', amountFen: 6_000_000 * YUAN },
    { trancheId: 'Z1', funder: 'zone', dueOn: '2023-10-31', amountFen: 9_000_000 * YUAN },
  ];
  const { history } = await fullFlow(reg, 6_000_000 * YUAN, 9_000_000 * YUAN, { alloc: '2023-07-15', confirm: '2023-08-01', pay: '2023-09-15' });

  // Paging walks the same entries with no gaps.
  const seen: number[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { entries: { seq: number }[]; nextCursor: string | null } } = await api.request('GET', `/projects/${reg.projectId}/history?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: auditor() });
    seen.push(...page.body.entries.map((e) => e.seq));
    cursor = page.body.nextCursor;
  } while (cursor);
  expect(seen).toEqual([1, 2, 3, 4, 5]);
  const disb = await api.request('GET', `/projects/${reg.projectId}/history?type=disbursement`, { token: auditor() });
  expect(disb.body.entries.map((e: { seq: number }) => e.seq)).toEqual([4, 5]);
  const dated = await api.request('GET', `/projects/${reg.projectId}/history?from=2023-07-01&to=2023-08-31`, { token: auditor() });
  expect(dated.body.entries.map((e: { seq: number }) => e.seq)).toEqual([2, 3]);

  // CSV for Excel: BOM, header, one CRLF row per entry, yuan with two decimals, Chinese intact.
  const csv = await api.request('GET', `/projects/${reg.projectId}/history.csv`, { token: auditor() });
  expect(csv.status).toBe(200);
  expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
  // fetch's text() drops a BOM, so read the bytes as Excel would.
  const raw = await fetch(`${api.url}/projects/${reg.projectId}/history.csv`, { headers: { authorization: `Bearer ${auditor()}` } });
  const bytes = Buffer.from(await raw.arrayBuffer());
  expect(bytes.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  const rows = bytes.subarray(3).toString('utf8').trimEnd().split('\r\n');
  expect(rows).toHaveLength(6);
  expect(rows[0]!.startsWith('seq,entryId,type,funder,amountYuan')).toBe(true);
  expect(rows[2]).toContain(',allocation,province,6000000.00,2023-07-15,');
  expect(rows[2]).toContain('苏财教〔2023〕');
  expect(rows[4]).toContain(',disbursement,province,3000000.00,');

  // asOf: the position at the end of a past business day.
  const asOf = await api.request('GET', `/projects/${reg.projectId}?asOf=2023-07-31`, { token: auditor() });
  expect(asOf.body.balances.province).toEqual({ allocatedFen: 600_000_000, pendingFen: 600_000_000, confirmedFen: 0, disbursedFen: 0 });
  expect(asOf.body.version).toBe(2);
  expect(history[1].hash).toBe(asOf.body.headHash);
});

test('verify detects a tampered, a re-linked, and a missing stored entry', async () => {
  const reg = registration2023();
  const l = ledger(api, reg.zoneId);
  expectOk(await l.register(reg));
  for (let i = 0; i < 4; i++) expectOk(await l.allocate(reg.projectId, 100_000 * YUAN));
  const pk = `PROJECT#${reg.projectId}`;
  const sk = (seq: number) => `ENTRY#${String(seq).padStart(10, '0')}`;
  const client = rawClient();
  const verify = async () => (await api.request('GET', `/projects/${reg.projectId}/verify`, { token: auditor() })).body;
  try {
    expect((await verify()).valid).toBe(true);
    const original = (await readItem(api.tableName, pk, sk(3)))!.entry.amountFen;
    await client.send(new UpdateCommand({ TableName: api.tableName, Key: { pk, sk: sk(3) }, UpdateExpression: 'SET entry.amountFen = :a', ExpressionAttributeValues: { ':a': original + 1 } }));
    expect(await verify()).toMatchObject({ valid: false, brokenAtSeq: 3 });
    await client.send(new UpdateCommand({ TableName: api.tableName, Key: { pk, sk: sk(3) }, UpdateExpression: 'SET entry.amountFen = :a', ExpressionAttributeValues: { ':a': original } }));
    expect((await verify()).valid).toBe(true);

    // Re-hashing a changed entry does not help: the next entry's link breaks.
    const e2 = (await readItem(api.tableName, pk, sk(2)))!.entry;
    const forged = { ...e2, memo: '篡改' };
    forged.hash = entryHash(forged);
    await client.send(new UpdateCommand({ TableName: api.tableName, Key: { pk, sk: sk(2) }, UpdateExpression: 'SET entry = :e', ExpressionAttributeValues: { ':e': forged } }));
    expect(await verify()).toMatchObject({ valid: false, brokenAtSeq: 3 });
    await client.send(new UpdateCommand({ TableName: api.tableName, Key: { pk, sk: sk(2) }, UpdateExpression: 'SET entry = :e', ExpressionAttributeValues: { ':e': e2 } }));
    expect((await verify()).valid).toBe(true);

    // The state item claims 5 entries: hide the last one and the chain no longer reaches the head.
    await client.send(new UpdateCommand({ TableName: api.tableName, Key: { pk, sk: 'STATE' }, UpdateExpression: 'SET version = :v', ExpressionAttributeValues: { ':v': 6 } }));
    expect((await verify()).valid).toBe(false);
  } finally {
    client.destroy();
  }
});

test('a Nanjing city project (no match rule): province money is confirmed at once, the zone contributes on its own', async () => {
  const reg = registration2023({
    programCode: 'NJ-CITY-CLUSTER',
    clusterId: 'NJ-CITY-AI',
    contract: { signedOn: '2023-06-01', startsOn: '2023-07-01', endsOn: '2026-06-30', provinceGrantFen: 2_000_000 * YUAN, zoneGrantFen: 1_000_000 * YUAN },
    schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: '2023-09-30', amountFen: 2_000_000 * YUAN },
      { trancheId: 'Z1', funder: 'zone', dueOn: '2023-10-31', amountFen: 1_000_000 * YUAN },
    ],
  });
  const l = ledger(api, reg.zoneId);
  expectOk(await l.register(reg));
  const alloc = expectOk(await l.allocate(reg.projectId, 2_000_000 * YUAN));
  expect(alloc.body.entry.status).toBe('confirmed');
  const zone = expectOk(await l.confirm(reg.projectId, null, 1_000_000 * YUAN));
  expect(zone.body.project.balances.zone.confirmedFen).toBe(1_000_000 * YUAN);
  expect((await l.disburse(reg.projectId, 'zone', 1_000_000 * YUAN)).status).toBe(201);
});

test('GET /projects pages by cursor through every project, and filters by zone, program and cluster', async () => {
  const auditor = api.token('auditor');
  const walk = async (query: string) => {
    const ids: string[] = [];
    let cursor: string | null = null;
    for (let pages = 0; pages < 200; pages++) {
      const res: { status: number; body: { projects: { projectId: string }[]; nextCursor: string | null } } =
        await api.request('GET', `/projects?limit=2${query}${cursor ? `&cursor=${cursor}` : ''}`, { token: auditor });
      expect(res.status).toBe(200);
      ids.push(...res.body.projects.map((p) => p.projectId));
      cursor = res.body.nextCursor;
      if (!cursor) break;
    }
    return ids;
  };
  const all = await walk('');
  expect(new Set(all).size).toBe(all.length);
  const byZone = await walk('&zoneId=SZ-SIP');
  const byProgram = await walk('&programCode=JS-2023-C');
  const byCluster = await walk('&clusterId=NJ-CITY-AI');
  expect(byZone.length).toBeGreaterThan(0);
  expect(byProgram.length).toBeGreaterThan(0);
  expect(byCluster.length).toBeGreaterThan(0);
  expect(byZone.length + byProgram.length).toBeLessThanOrEqual(all.length);
  const detail = async (id: string) => (await api.request('GET', `/projects/${id}`, { token: auditor })).body;
  for (const id of byZone) expect((await detail(id)).zoneId).toBe('SZ-SIP');
  for (const id of byProgram) expect((await detail(id)).programCode).toBe('JS-2023-C');
  for (const id of byCluster) expect((await detail(id)).clusterId).toBe('NJ-CITY-AI');
  expect(new Set([...byZone, ...byProgram, ...byCluster]).size).toBe(byZone.length + byProgram.length + byCluster.length);
});
