/**
 * A project with 5,000 entries: its state item stays small (it keeps balances and what decide
 * needs, never a record per entry), and posting, reversing and verifying through the API still
 * work. The history is written straight to DynamoDB Local (batch writes of entries made by the
 * real decide, hash-chained), which is what thousands of API calls would have left behind.
 */
import { BatchWriteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { decide } from '../../domain/project/decide';
import type { Command } from '../../domain/project/commands';
import type { Entry, ProjectState } from '../../domain/project/types';
import { keys } from '../../functions/lib/storage/keys';
import { newProjectItem } from '../../functions/lib/storage/project-item';
import { rawClient } from './support/api';
import { expectOk, ledger, registration2023, useSeededApi } from './support/fixtures';

const ENTRIES = 5_000;
const api = useSeededApi();

/** allocate → confirm → transfer → the zone pays on: four entries per cycle, 1 yuan each. */
function cycle(i: number, state: ProjectState): Command[] {
  const allocationId = `${state.registration.projectId}.${state.version + 1}`;
  return [
    { kind: 'allocate', amountFen: 100, valueDate: '2023-07-15', reference: `苏财教〔2023〕${i}号` },
    { kind: 'confirm-match', allocationEntryId: allocationId, amountFen: 100, valueDate: '2023-07-16', reference: `ZC-${i}` },
    { kind: 'transfer', amountFen: 100, valueDate: '2023-07-17', reference: `TR-${i}` },
    { kind: 'disburse', funder: 'province', amountFen: 100, paidOn: '2023-07-18', reference: `PAY-${i}` },
  ];
}

const ACTORS = {
  allocate: { sub: 'bulk-finance', role: 'finance-officer' },
  'confirm-match': { sub: 'bulk-zone', role: 'zone-committee' },
  transfer: { sub: 'bulk-finance', role: 'finance-officer' },
  disburse: { sub: 'bulk-zone', role: 'zone-committee' },
} as const;

it('keeps a bounded state item, and posts, reverses and verifies after 5,000 entries', async () => {
  const l = ledger(api, 'NJ-HTZ');
  const reg = registration2023();
  expectOk(await l.register(reg));
  const client = rawClient();
  try {
    const item = (await client.send(new GetCommand({ TableName: api.tableName, Key: keys.projectState(reg.projectId) }))).Item!;
    let state = item.state as ProjectState;
    const entries: Entry[] = [];
    for (let i = 0; state.version < ENTRIES; i++) {
      for (const command of cycle(i, state)) {
        if (state.version >= ENTRIES) break;
        const d = decide(state, command, { actor: ACTORS[command.kind as keyof typeof ACTORS], now: '2024-01-02T02:00:00.000Z' });
        if (!d.ok) throw new Error(`bulk history: ${JSON.stringify(d)}`);
        entries.push(d.entry);
        state = d.after;
      }
    }
    for (let i = 0; i < entries.length; i += 25) {
      const batch = entries.slice(i, i + 25).map((entry) => ({ PutRequest: { Item: { ...keys.entry(reg.projectId, entry.seq), entry } } }));
      let request: Record<string, unknown[]> | undefined = { [api.tableName]: batch };
      while (request && Object.keys(request).length) {
        const out = await client.send(new BatchWriteCommand({ RequestItems: request as never }));
        request = out.UnprocessedItems as typeof request;
      }
    }
    await client.send(new PutCommand({ TableName: api.tableName, Item: newProjectItem(state, item.city ?? null, null) }));
    expect(state.version).toBe(ENTRIES);

    const stateItem = (await client.send(new GetCommand({ TableName: api.tableName, Key: keys.projectState(reg.projectId) }))).Item!;
    const bytes = Buffer.byteLength(JSON.stringify(stateItem));
    // A handful of KB, the same as after ten entries: nowhere near DynamoDB's 400 KB item limit.
    expect(bytes).toBeLessThan(16 * 1024);

    const posted = await l.allocate(reg.projectId, 1_000_000_00, '2023-08-01');
    expect(posted.status).toBe(201);
    expect(posted.body.entry.seq).toBe(ENTRIES + 1);
    const reversed = await l.reverse(reg.projectId, posted.body.entry.entryId);
    expect(reversed.status).toBe(201);
    expect(reversed.body.project.balances.province.pendingFen).toBe(0);
    expect(reversed.body.project.balances.province.disbursedFen).toBe(state.province.disbursedFen);
    expect(state.province.disbursedFen).toBe(1249 * 100); // 1,249 full cycles in 4,999 entries after the registration

    const verify = await api.request('GET', `/projects/${reg.projectId}/verify`, { token: api.token('auditor') });
    expect(verify.body).toEqual({ valid: true, entries: ENTRIES + 2, headHash: reversed.body.project.headHash });

    const after = (await client.send(new GetCommand({ TableName: api.tableName, Key: keys.projectState(reg.projectId) }))).Item!;
    expect(Buffer.byteLength(JSON.stringify(after))).toBeLessThan(16 * 1024);
  } finally {
    client.destroy();
  }
}, 120_000);
