import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import type { IdempotencyRecord, TxItem } from './transaction-items';
import { idempotencyRecordFrom } from './idempotency-record';

/** What a refused ledger transaction means, read item by item from its cancellation reasons. */
export type AppendOutcome =
  | { kind: 'appended' }
  /** The Idempotency-Key already answered: here is that answer (returned with the failure). */
  | { kind: 'idempotency-key-taken'; record: IdempotencyRecord }
  | { kind: 'project-exists' }
  /**
   * Something the decision was based on moved (the state's version, the cluster's counters, a
   * quota, the program, a reversal marker) or the transaction collided with another: re-read and
   * decide again. `cluster`: the cluster's counters refused, so read them this time.
   * `indicator` (set only then): a budget indicator's condition refused — its headroom, status,
   * program or year is not what the draw needs: read it and decide, which names the rule with its
   * figures (domain/budget/control.ts). 'alone' when nothing else refused or collided.
   */
  | { kind: 'lost-race'; cluster: boolean; indicator?: 'alone' | 'among-others'; what: string };

/** Thrown for reasons that are not a lost race: throttling inside the transaction is a 503. */
export class TransactionThrottled extends Error {
  override readonly name = 'TransactionThrottled';
}

export function decodeCancellation(items: readonly TxItem[], err: TransactionCanceledException, registering: boolean): AppendOutcome {
  const reasons = err.CancellationReasons ?? [];
  const at = (i: number) => reasons[i]?.Code ?? 'None';
  const failed = items.map((it, i) => ({ tag: it.tag, code: at(i), item: reasons[i]?.Item }));

  const idem = failed.find((f) => f.tag === 'idempotency' && f.code === 'ConditionalCheckFailed');
  if (idem?.item) {
    return { kind: 'idempotency-key-taken', record: idempotencyRecordFrom(unmarshall(idem.item as Record<string, AttributeValue>)) };
  }
  if (failed.some((f) => f.code === 'ThrottlingError' || f.code === 'ProvisionedThroughputExceeded')) throw new TransactionThrottled(err.message);
  const bad = failed.find((f) => f.code !== 'None' && f.code !== 'ConditionalCheckFailed' && f.code !== 'TransactionConflict');
  // Anything else (ValidationError, item too large …) is a bug to surface, never a race to retry.
  if (bad) throw err;
  const refused = failed.filter((f) => f.code === 'ConditionalCheckFailed').map((f) => f.tag);
  if (registering && refused.includes('state')) return { kind: 'project-exists' };
  const what = failed.filter((f) => f.code !== 'None').map((f) => `${f.tag}:${f.code}`).join(',') || 'transaction-conflict';
  const indicator = !refused.includes('indicator') ? {} : { indicator: failed.every((f) => f.code === 'None' || f.tag === 'indicator') ? ('alone' as const) : ('among-others' as const) };
  return { kind: 'lost-race', cluster: refused.includes('cluster'), ...indicator, what };
}

export const isTransactionCanceled = (err: unknown): err is TransactionCanceledException => err instanceof TransactionCanceledException;
