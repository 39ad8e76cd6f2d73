/**
 * A project with 5,000 entries: its state item stays small (it keeps balances and what decide
 * needs, never a record per entry), and posting, reversing and verifying through the API still
 * work. The history is written straight to DynamoDB Local (batch writes of entries made by the
 * real decide, hash-chained), which is what thousands of API calls would have left behind.
 */
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from '../../functions/lib/storage/keys';
import { extendHistory } from '../support/long-history';
import { rawClient } from './support/api';
import { expectOk, ledger, registration2023, useSeededApi } from './support/fixtures';

const ENTRIES = 5_000;
const api = useSeededApi();

it('keeps a bounded state item, and posts, reverses and verifies after 5,000 entries', async () => {
  const l = ledger(api, 'NJ-HTZ');
  const reg = registration2023();
  expectOk(await l.register(reg));
  const client = rawClient();
  try {
    const state = await extendHistory(client, api.tableName, reg.projectId, ENTRIES);
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
    // What the history left pending: its one 5,000-yuan allocation less 1,666 confirmations of 1 yuan.
    expect(reversed.body.project.balances.province.pendingFen).toBe((5_000 - 1_666) * 100);
    expect(reversed.body.project.balances.province.disbursedFen).toBe(state.province.disbursedFen);
    expect(state.province.disbursedFen).toBe(1666 * 100); // an allocation and 1,666 full cycles of three in 4,999 entries after the registration

    const verify = await api.request('GET', `/projects/${reg.projectId}/verify`, { token: api.token('auditor') });
    expect(verify.body).toEqual({ valid: true, entries: ENTRIES + 2, headHash: reversed.body.project.headHash });

    const after = (await client.send(new GetCommand({ TableName: api.tableName, Key: keys.projectState(reg.projectId) }))).Item!;
    expect(Buffer.byteLength(JSON.stringify(after))).toBeLessThan(16 * 1024);
  } finally {
    client.destroy();
  }
}, 120_000);
