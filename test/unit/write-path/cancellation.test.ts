/** Cancellation reasons are read item by item: what refused decides what the write path does next. */
import { TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import { marshall } from '@aws-sdk/util-dynamodb';
import { decodeCancellation, TransactionThrottled } from '../../../functions/lib/storage/cancellation';
import type { TxItem, TxTag } from '../../../functions/lib/storage/transaction-items';

const items = (...tags: TxTag[]): TxItem[] => tags.map((tag) => ({ tag, item: {} }));
const canceled = (...reasons: { Code: string; Item?: Record<string, unknown> }[]) =>
  new TransactionCanceledException({ message: 'canceled', $metadata: {}, CancellationReasons: reasons.map((r) => ({ Code: r.Code, ...(r.Item ? { Item: marshall(r.Item) } : {}) })) });

const TX = items('entry', 'state', 'cluster', 'idempotency', 'rollup');

describe('decodeCancellation', () => {
  it('a taken Idempotency-Key answers with the record returned with the failure, whatever else refused', () => {
    const outcome = { kind: 'rejected', violation: { rule: 'contract-grant', detail: 'over', limitFen: 1 } };
    const err = canceled({ Code: 'None' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed', Item: { pk: 'PROJECT#P', sk: 'IDEMP#k-1', requestHash: 'h', outcome: JSON.stringify(outcome) } }, { Code: 'None' });
    expect(decodeCancellation(TX, err, false)).toEqual({ kind: 'idempotency-key-taken', record: { key: 'k-1', requestHash: 'h', outcome } });
  });

  it('a record written before outcomes were typed (its HTTP answer) reads as the outcome it was', () => {
    const posted = { entry: { entryId: 'P.2' }, project: { version: 2 } };
    const problem = { type: 'https://fundledger.example/problems/rules/contract-grant', title: 'Funding rule violated', status: 422, detail: 'over', rule: 'contract-grant', limitFen: 10, usedFen: 10, attemptedFen: 1 };
    const item = (status: number, body: unknown) => canceled({ Code: 'None' }, { Code: 'None' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed', Item: { pk: 'PROJECT#P', sk: 'IDEMP#k-2', requestHash: 'h', status, body: JSON.stringify(body) } }, { Code: 'None' });
    expect(decodeCancellation(TX, item(201, posted), false)).toEqual({ kind: 'idempotency-key-taken', record: { key: 'k-2', requestHash: 'h', outcome: { kind: 'posted', ...posted } } });
    expect(decodeCancellation(TX, item(422, problem), false)).toEqual({
      kind: 'idempotency-key-taken',
      record: { key: 'k-2', requestHash: 'h', outcome: { kind: 'rejected', violation: { rule: 'contract-grant', detail: 'over', limitFen: 10, usedFen: 10, attemptedFen: 1 } } },
    });
  });

  it('a refused state version is a lost race; a refused cluster says to read the cluster', () => {
    expect(decodeCancellation(TX, canceled({ Code: 'None' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }, { Code: 'None' }), false)).toMatchObject({ kind: 'lost-race', cluster: false });
    expect(decodeCancellation(TX, canceled({ Code: 'None' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }), false)).toMatchObject({ kind: 'lost-race', cluster: true });
    expect(decodeCancellation(TX, canceled({ Code: 'None' }, { Code: 'None' }, { Code: 'None' }, { Code: 'None' }, { Code: 'TransactionConflict' }), false)).toMatchObject({ kind: 'lost-race', cluster: false });
  });

  it('a refused budget indicator says to read the indicator (and decide: the rule comes with its figures), and whether it refused alone', () => {
    const tx = items('entry', 'state', 'indicator', 'idempotency', 'execution');
    expect(decodeCancellation(tx, canceled({ Code: 'None' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }), false)).toEqual({ kind: 'lost-race', cluster: false, indicator: 'alone', what: 'indicator:ConditionalCheckFailed' });
    expect(decodeCancellation(tx, canceled({ Code: 'None' }, { Code: 'ConditionalCheckFailed' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }), false)).toEqual({ kind: 'lost-race', cluster: false, indicator: 'among-others', what: 'state:ConditionalCheckFailed,indicator:ConditionalCheckFailed' });
    expect(decodeCancellation(tx, canceled({ Code: 'None' }, { Code: 'None' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'TransactionConflict' }), false)).toMatchObject({ indicator: 'among-others' });
    expect(decodeCancellation(tx, canceled({ Code: 'None' }, { Code: 'None' }, { Code: 'None' }, { Code: 'None' }, { Code: 'TransactionConflict' }), false)).toEqual({ kind: 'lost-race', cluster: false, what: 'execution:TransactionConflict' });
  });

  it('a refused state on registration means the project exists', () => {
    expect(decodeCancellation(TX, canceled({ Code: 'ConditionalCheckFailed' }, { Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }, { Code: 'None' }), true)).toEqual({ kind: 'project-exists' });
  });

  it('throttling inside the transaction is unavailability, not a race', () => {
    expect(() => decodeCancellation(TX, canceled({ Code: 'None' }, { Code: 'ThrottlingError' }, { Code: 'None' }, { Code: 'None' }, { Code: 'None' }), false)).toThrow(TransactionThrottled);
  });

  it('a validation error (e.g. an item too large) is surfaced, never retried as a race', () => {
    const err = canceled({ Code: 'None' }, { Code: 'ValidationError' }, { Code: 'None' }, { Code: 'None' }, { Code: 'None' });
    expect(() => decodeCancellation(TX, err, false)).toThrow(err);
  });
});
