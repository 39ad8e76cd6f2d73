/**
 * A long history written straight to the table: entries made by the real decide, hash-chained,
 * batch-written, and the state item they leave behind — what thousands of API calls would have
 * left, in seconds. Used by the 5,000-entry integration test and by `npm run bench`.
 */
import { BatchWriteCommand, GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { decide } from '../../domain/project/decide';
import type { Command } from '../../domain/project/commands';
import type { Entry, ProjectState } from '../../domain/project/types';
import { keys } from '../../functions/lib/storage/keys';
import { newProjectItem } from '../../functions/lib/storage/project-item';

/**
 * allocate → confirm → transfer → the zone pays on: four entries per cycle, 1 yuan each, all on
 * one day, so that no entry is dated before those already recorded (each such decision would
 * replay the whole history so far: history-check.ts).
 */
function cycle(i: number, state: ProjectState): Command[] {
  const allocationId = `${state.registration.projectId}.${state.version + 1}`;
  return [
    { type: 'allocation', amountFen: 100, valueDate: DAY, reference: `苏财教〔2023〕${i}号` },
    { type: 'match-confirmation', allocationEntryId: allocationId, amountFen: 100, valueDate: DAY, reference: `ZC-${i}` },
    { type: 'transfer', amountFen: 100, valueDate: DAY, reference: `TR-${i}` },
    { type: 'disbursement', funder: 'province', amountFen: 100, paidOn: DAY, reference: `PAY-${i}` },
  ];
}
const DAY = '2023-07-15';

const ACTORS = {
  allocation: { sub: 'bulk-finance', role: 'finance-officer' },
  'match-confirmation': { sub: 'bulk-zone', role: 'zone-committee' },
  transfer: { sub: 'bulk-finance', role: 'finance-officer' },
  disbursement: { sub: 'bulk-zone', role: 'zone-committee' },
} as const;

/**
 * Extends a registered project's history to `entries` entries (cycles of 1-yuan allocations,
 * confirmations, transfers and payments) and writes the state item that history leads to.
 */
export async function extendHistory(client: DynamoDBDocumentClient, tableName: string, projectId: string, entries: number): Promise<ProjectState> {
  const item = (await client.send(new GetCommand({ TableName: tableName, Key: keys.projectState(projectId), ConsistentRead: true }))).Item;
  if (!item) throw new Error(`extendHistory: no project ${projectId}`);
  let state = item.state as ProjectState;
  const made: Entry[] = [];
  for (let i = 0; state.version < entries; i++) {
    for (const command of cycle(i, state)) {
      if (state.version >= entries) break;
      const d = decide(state, command, { actor: ACTORS[command.type as keyof typeof ACTORS], now: '2024-01-02T02:00:00.000Z' });
      if (!d.ok) throw new Error(`extendHistory: ${JSON.stringify(d)}`);
      made.push(d.entry);
      state = d.after;
    }
  }
  for (let i = 0; i < made.length; i += 25) {
    const batch = made.slice(i, i + 25).map((entry) => ({ PutRequest: { Item: { ...keys.entry(projectId, entry.seq), entry } } }));
    let request: Record<string, unknown[]> | undefined = { [tableName]: batch };
    while (request && Object.keys(request).length) {
      const out = await client.send(new BatchWriteCommand({ RequestItems: request as never }));
      request = out.UnprocessedItems as typeof request;
    }
  }
  await client.send(new PutCommand({ TableName: tableName, Item: newProjectItem(state, (item.city as string | undefined) ?? null, null) }));
  return state;
}
