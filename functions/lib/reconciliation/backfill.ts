import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { accountId } from '../../../domain/reconciliation/types';
import type { Entry } from '../../../domain/project/types';
import { isTransactionCanceled } from '../storage/cancellation';
import { doc, tableName } from '../storage/client';
import { TYPE } from '../storage/keys';
import { getProject, type StoredProject } from '../storage/ledger-store';
import { queryPages } from '../storage/query-pages';
import { accountOf, movementItems, movementOf } from '../storage/reconciliation-items';
import { INDEX } from '../storage/table-definition';

export interface BackfillCounts {
  entries: number;
  movements: number;
  written: number;
  reversed: number;
}

/** Marks a table whose entries have all been backfilled once (every later entry writes its own items). */
const DONE = { pk: 'RECON#BACKFILL', sk: 'DONE' };
const MAX_CONFLICT_RETRIES = 5;

/**
 * The movement items of transfers and payments recorded before reconciliation kept them (a table
 * of an earlier release). Every entry is read once from the activity partition of the type index;
 * reversals are known before anything is written, so a reversed movement is written reversed and
 * is never a candidate, not even for a moment. Each movement and its voucher and payee keys are one
 * transaction, the movement's Put conditional on its absence: one already there (maybe matched) is
 * left alone, and a crash leaves no movement without its keys. Safe to run again, and beside a live
 * ledger: an entry written meanwhile has its items from its own transaction.
 */
export async function backfillMovements(log: (line: string) => void = () => undefined): Promise<BackfillCounts> {
  const projects = new Map<string, StoredProject | null>();
  const project = async (id: string) => {
    if (!projects.has(id)) projects.set(id, await getProject(id));
    return projects.get(id) ?? null;
  };
  const movements: Entry[] = [];
  const reversedBy = new Map<string, string>();
  const counts: BackfillCounts = { entries: 0, movements: 0, written: 0, reversed: 0 };
  for await (const page of queryPages({ IndexName: INDEX.byType, KeyConditionExpression: 'gsi2pk = :pk', ExpressionAttributeValues: { ':pk': TYPE.entry } })) {
    for (const item of page.Items ?? []) {
      const entry = item.entry as Entry;
      counts.entries++;
      if (entry.type === 'reversal') reversedBy.set(entry.details.undo.entryId, entry.entryId);
      if (entry.type === 'transfer' || entry.type === 'disbursement') movements.push(entry);
    }
  }
  for (const entry of movements) {
    const stored = await project(entry.projectId);
    const movement = stored ? movementOf(entry, stored.state) : null;
    if (!stored || !movement) continue;
    counts.movements++;
    const [own, ...lookups] = movementItems({
      ...movement,
      account: accountId(accountOf(movement.type, stored.state)),
      zoneId: stored.state.registration.zoneId,
      city: stored.city,
      funder: entry.funder === 'province' || entry.funder === 'zone' ? entry.funder : null,
    });
    const reversal = reversedBy.get(entry.entryId);
    // Reversed: no candidate and not in the unmatched list (as a reversal's own transaction leaves it).
    const item = reversal === undefined ? own! : { ...withoutAttention(own!), reversedBy: reversal };
    if (await writeMissing(item, lookups)) {
      counts.written++;
      if (reversal !== undefined) counts.reversed++;
    }
  }
  log(`backfill: ${counts.entries} entries read, ${counts.movements} transfers and payments, ${counts.written} movements written (${counts.reversed} of them reversed)`);
  return counts;
}

/** Runs the backfill unless it has run on this table to the end before (npm start, at every start). */
export async function backfillMovementsOnce(log: (line: string) => void = () => undefined): Promise<BackfillCounts | null> {
  const done = await doc.send(new GetCommand({ TableName: tableName(), Key: DONE, ConsistentRead: true }));
  if (done.Item) return null;
  const counts = await backfillMovements(log);
  await doc.send(new PutCommand({ TableName: tableName(), Item: { ...DONE, at: new Date().toISOString(), ...counts } }));
  return counts;
}

function withoutAttention(item: Record<string, unknown>): Record<string, unknown> {
  const { attnPk: _pk, attnSk: _sk, ...rest } = item;
  return rest;
}

/**
 * The movement and its keys in one transaction, only where the movement is not there yet. A
 * reversal recorded after this release of an entry recorded before it leaves a stub (the key and
 * `reversedBy`, no `entryId`), maybe while this runs: the movement then takes that reversal.
 */
async function writeMissing(movement: Record<string, unknown>, lookups: Record<string, unknown>[]): Promise<boolean> {
  let own = movement;
  for (let attempt = 0; ; attempt++) {
    const TransactItems = [
      { Put: { TableName: tableName(), Item: own, ConditionExpression: 'attribute_not_exists(entryId) AND (attribute_not_exists(reversedBy) OR reversedBy = :r)', ExpressionAttributeValues: { ':r': own.reversedBy ?? null } } },
      ...lookups.map((Item) => ({ Put: { TableName: tableName(), Item } })),
    ];
    try {
      await doc.send(new TransactWriteCommand({ TransactItems }));
      return true;
    } catch (err) {
      if (!isTransactionCanceled(err)) throw err;
      const codes = (err.CancellationReasons ?? []).map((r) => r.Code ?? 'None');
      if (codes[0] === 'ConditionalCheckFailed') {
        const there = (await doc.send(new GetCommand({ TableName: tableName(), Key: { pk: own.pk, sk: own.sk }, ConsistentRead: true }))).Item;
        // A whole movement is there (written with its entry, or by an earlier run): leave it alone.
        if (!there || there.entryId !== undefined || typeof there.reversedBy !== 'string' || attempt >= MAX_CONFLICT_RETRIES) return false;
        own = { ...withoutAttention(own), reversedBy: there.reversedBy };
        continue;
      }
      // A live writer touched one of the items (a reversal marking this movement): try again.
      if (codes.some((c) => c !== 'None' && c !== 'TransactionConflict') || attempt >= MAX_CONFLICT_RETRIES) throw err;
      await new Promise((r) => setTimeout(r, Math.random() * 20 * 2 ** attempt));
    }
  }
}
