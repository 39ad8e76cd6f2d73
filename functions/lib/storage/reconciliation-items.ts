import { accountId, type Account, type LedgerMovement } from '../../../domain/reconciliation/types';
import { accountOfMovement, movementKeys } from '../../../domain/reconciliation/keys';
import type { Entry, ProjectState } from '../../../domain/project/types';
import { tableName } from './client';
import { reconIndex, reconKeys } from './reconciliation-keys';
import type { TxItem } from './transaction-items';

/**
 * What reconciliation needs of a ledger event, written in the event's own TransactWriteItems
 * (planAppend): a transfer or a payment is recorded once as a movement of the account its money
 * left, and once under each key a statement line finds it by (amount + reference; amount + the
 * owner's credit code, sorted by value date). A reversal of one marks its movement reversed and
 * takes it out of the unmatched list: it is no candidate any more. Nothing else is written, and
 * none of these items has a condition: they can never refuse a ledger event.
 */

/** A movement as stored (the D item): what matching, the views and the alerts read. */
export interface StoredMovement extends LedgerMovement {
  account: string;
  zoneId: string;
  city: string | null;
  funder: 'province' | 'zone' | null;
  /** The statement line it is matched to now, or null. */
  matchedBy: MatchRef | null;
  /** The reversal that took it back, or null: a reversed movement is never a candidate. */
  reversedBy: string | null;
}

/** Where a movement is matched: the line, and what the line says (duplicates are told by it). */
export interface MatchRef {
  statementId: string;
  lineNo: number;
  how: 'voucher' | 'payee-date' | 'manual';
  line: { date: string; amountFen: number; payeeCreditCode: string | null; voucherNo: string | null };
}

const put = (Item: Record<string, unknown>): TxItem => ({ tag: 'reconciliation', item: { Put: { TableName: tableName(), Item } } });

/** The account a project's movement left, by the project's registration. */
export function accountOf(type: 'transfer' | 'disbursement', state: ProjectState): Account {
  return accountOfMovement({ type, insideZone: state.registration.insideZone, zoneId: state.registration.zoneId });
}

export function movementOf(entry: Entry, state: ProjectState): LedgerMovement | null {
  if (entry.type !== 'transfer' && entry.type !== 'disbursement') return null;
  return {
    entryId: entry.entryId,
    projectId: entry.projectId,
    type: entry.type,
    amountFen: entry.amountFen ?? 0,
    valueDate: entry.valueDate,
    reference: entry.reference,
    ownerCreditCode: entry.type === 'disbursement' ? state.registration.owner.creditCode : null,
  };
}

export function reconciliationItems(entry: Entry, after: ProjectState, city: string | null): TxItem[] {
  if (entry.type === 'reversal') {
    const undo = entry.details.undo;
    if (undo.type !== 'transfer' && undo.type !== 'disbursement') return [];
    // A reversal is dated as its target, so the target's movement is found under the same month.
    const valueDate = undo.type === 'transfer' ? undo.valueDate : entry.valueDate;
    const account = accountId(accountOf(undo.type, after));
    return [{
      tag: 'reconciliation',
      item: {
        Update: {
          TableName: tableName(),
          Key: reconKeys.movement(account, valueDate, undo.entryId),
          UpdateExpression: 'SET reversedBy = :by REMOVE attnPk, attnSk',
          ExpressionAttributeValues: { ':by': entry.entryId },
        },
      },
    }];
  }
  const movement = movementOf(entry, after);
  if (!movement) return [];
  return movementItems({
    ...movement,
    account: accountId(accountOf(movement.type, after)),
    zoneId: after.registration.zoneId,
    city,
    funder: entry.funder === 'province' || entry.funder === 'zone' ? entry.funder : null,
  }).map(put);
}

/** A new movement's items: itself (in the unmatched partition), and its voucher and payee keys. */
export function movementItems(stored: Omit<StoredMovement, 'matchedBy' | 'reversedBy'>): Record<string, unknown>[] {
  const { account } = stored;
  const sk = reconKeys.lookupSk(stored.valueDate, stored.entryId);
  const keys = movementKeys(stored);
  const lookup = { entryId: stored.entryId, valueDate: stored.valueDate };
  const items: Record<string, unknown>[] = [
    { ...reconKeys.movement(account, stored.valueDate, stored.entryId), ...stored, attnPk: reconIndex.open(account), attnSk: reconIndex.openSk(stored.valueDate, stored.entryId) },
  ];
  if (keys.voucher !== null) items.push({ pk: reconKeys.byVoucher(account, keys.voucher), sk, ...lookup });
  if (keys.payee !== null) items.push({ pk: reconKeys.byPayee(account, keys.payee), sk, ...lookup });
  return items;
}
