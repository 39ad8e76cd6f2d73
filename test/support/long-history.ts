/**
 * A long history written straight to the table: entries made by the real decide, hash-chained,
 * batch-written, and the state item they leave behind — what thousands of API calls would have
 * left, in seconds. Used by the 5,000-entry integration test and by `npm run bench`.
 */
import { GetCommand, PutCommand, QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { putItems } from './put-items';
import { decide } from '../../domain/project/decide';
import type { Command } from '../../domain/project/commands';
import type { Entry, ProjectState } from '../../domain/project/types';
import { keys } from '../../functions/lib/storage/keys';
import { newProjectItem } from '../../functions/lib/storage/project-item';
import { projectionOf } from '../../domain/project/summary';
import { flowsOfHistory } from '../../domain/budget/entries';

/** The entries already stored (the registration and whatever came after it). */
async function allEntries(client: DynamoDBDocumentClient, tableName: string, projectId: string): Promise<Entry[]> {
  const out = await client.send(new QueryCommand({
    TableName: tableName, KeyConditionExpression: 'pk = :pk AND begins_with(sk, :entry)',
    ExpressionAttributeValues: { ':pk': keys.projectState(projectId).pk, ':entry': 'ENTRY#' }, ConsistentRead: true,
  }));
  return (out.Items ?? []).map((i) => i.entry as Entry);
}

/**
 * One allocation of 5,000 yuan, then confirm → transfer → the zone pays on, 1 yuan each: three
 * entries per cycle, all on one day, so that no entry is dated before those already recorded
 * (each such decision would replay the whole history so far: history-check.ts). One allocation,
 * not one per cycle: a project keeps a record per allocation for the budget (at most
 * MAX_BUDGET_ALLOCATIONS), as real projects do with a handful of allocations and many payments.
 */
const ALLOCATED_FEN = 5_000 * 100;
function cycle(i: number, state: ProjectState): Command[] {
  const allocation = state.openAllocations[0];
  if (!allocation) return [{ type: 'allocation', amountFen: ALLOCATED_FEN, valueDate: DAY, reference: '苏财教〔2023〕1号' }];
  return [
    { type: 'match-confirmation', allocationEntryId: allocation.entryId, amountFen: 100, valueDate: DAY, reference: `ZC-${i}` },
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
 * Extends a registered project's history to `entries` entries (an allocation, then cycles of
 * 1-yuan confirmations, transfers and payments) and writes the state item that history leads to,
 * with the budget's flows (the allocation names no indicator: it is written here, not decided
 * under the program's budgetControl).
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
  await putItems(client, tableName, made.map((entry) => ({ ...keys.entry(projectId, entry.seq), entry })), 1);
  const history = [...(await allEntries(client, tableName, projectId)), ...made];
  await client.send(new PutCommand({ TableName: tableName, Item: newProjectItem(state, (item.city as string | undefined) ?? null, null, projectionOf(state, (item.city as string | undefined) ?? null, []), flowsOfHistory(history)) }));
  return state;
}
