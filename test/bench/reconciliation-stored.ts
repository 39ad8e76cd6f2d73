/**
 * Reconciliation as it ships (issue 21): `matchAgainstLedger` — the code the statement route and the
 * background job run — against payments stored in DynamoDB Local as the ledger's own transactions
 * write them (movementItems: the movement and its voucher and payee keys). Each line is looked up
 * by its keys (a Query per key), the candidates read by BatchGetItem, the ledger-only movements of
 * the statement's period read by month. If matching scanned the ledger, 50,000 payments would cost
 * ten times 5,000.
 *
 * The ledgers: the smaller holds the 5,000 payments of June 2025 the statements speak of; the
 * larger holds the same 5,000 and 45,000 more of the seventeen months before, as a ledger grows
 * over the years while a bank statement covers a month. So both give the same matches and the
 * same ledger-only movements, and only the ledger's size differs.
 */
import { addDays } from '../../domain/dates';
import { makeCreditCode } from '../../domain/credit-code';
import type { StatementLine } from '../../domain/reconciliation/types';
import { matchAgainstLedger } from '../../functions/lib/reconciliation/match-ledger';
import { movementItems, type StoredMovement } from '../../functions/lib/storage/reconciliation-items';
import { putItems } from '../support/put-items';
import { load, median, ms, now, type Database } from './harness';

const ACCOUNT = 'zone:B-ZONE-0';
const OWNERS = Array.from({ length: 2_000 }, (_, i) => makeCreditCode(`91320100MA${String(i).padStart(7, '0')}`));
const IN_PERIOD = 5_000;
const PERIOD_FIRST = '2025-06-01';

/**
 * Payment i (amounts and owners repeat, so keys collide now and then, as in life): the first 5,000
 * in June 2025 (26 days: a line up to 3 days later stays in June); the rest on the days of the 17
 * months before.
 */
function payment(i: number): Omit<StoredMovement, 'matchedBy' | 'reversedBy'> {
  const valueDate = i < IN_PERIOD ? addDays(PERIOD_FIRST, i % 26) : addDays('2024-01-01', (i - IN_PERIOD) % 517);
  return {
    entryId: `P${i % 5000}.${i}`,
    projectId: `P${i % 5000}`,
    type: 'disbursement',
    amountFen: 1_000_000 + (i % 997) * 10_000,
    valueDate,
    reference: i % 3 === 0 ? null : `V-${i}`,
    ownerCreditCode: OWNERS[i % OWNERS.length]!,
    account: ACCOUNT,
    zoneId: 'B-ZONE-0',
    city: '南京市',
    funder: 'zone',
  };
}

/** m lines: every other one the bank's side of a distinct June payment (by voucher, or by payee and date); the rest unknown to the ledger. */
function linesOf(m: number): StatementLine[] {
  return Array.from({ length: m }, (_, i) => {
    const known = i % 2 === 0;
    const p = payment(Math.floor(i / 2));
    return {
      lineNo: i + 1,
      date: known ? addDays(p.valueDate, i % 4) : addDays(PERIOD_FIRST, i % 29),
      amountFen: known ? p.amountFen : 123_456_789 + i,
      payeeName: '收款人',
      payeeCreditCode: known ? p.ownerCreditCode : null,
      voucherNo: known ? p.reference : `X-${i}`,
      memo: null,
    };
  });
}

export async function reconciliationStored(db: Database): Promise<void> {
  console.log(`reconciliation as stored: matchAgainstLedger against payments in DynamoDB Local (a Query per line key, BatchGetItem, the period's movements by month); load ${load()}`);
  const tables: Record<number, string> = {};
  for (const total of [5_000, 50_000]) {
    const t0 = now();
    tables[total] = await db.useNewTable(`recon${total}`);
    await putItems(db.doc, tables[total]!, Array.from({ length: total }, (_, i) => movementItems(payment(i))).flat());
    console.log(`  (${total.toLocaleString('en')} payments and their key items written in ${((now() - t0) / 1000).toFixed(1)} s)`);
  }
  const cases = [
    { label: '1,000 lines × 50,000 payments', lines: linesOf(1_000), table: tables[50_000]!, times: [] as number[], matched: 0, ledgerOnly: 0 },
    { label: '10,000 lines × 50,000 payments', lines: linesOf(10_000), table: tables[50_000]!, times: [] as number[], matched: 0, ledgerOnly: 0 },
    { label: '10,000 lines × 5,000 payments', lines: linesOf(10_000), table: tables[5_000]!, times: [] as number[], matched: 0, ledgerOnly: 0 },
  ];
  const ROUNDS = 5;
  for (let r = 0; r <= ROUNDS; r++) {
    // Interleaved, the order rotating: a busy machine's swings fall on every case alike. Round 0 warms up.
    for (let j = 0; j < cases.length; j++) {
      const c = cases[(r + j) % cases.length]!;
      db.use(c.table);
      const t0 = now();
      const result = await matchAgainstLedger(`bench-${r}-${j}`, ACCOUNT, c.lines);
      if (r > 0) c.times.push(now() - t0);
      c.matched = result.outcomes.filter((o) => o.status === 'matched').length;
      c.ledgerOnly = result.ledgerOnly.length;
    }
  }
  const [small, large, few] = cases as [typeof cases[0], typeof cases[0], typeof cases[0]];
  if (large.matched !== few.matched || large.ledgerOnly !== few.ledgerOnly) throw new Error(`the ledgers answer differently: ${large.matched}/${large.ledgerOnly} against ${few.matched}/${few.ledgerOnly}`);
  for (const c of cases) console.log(`  ${c.label.padEnd(32)} p50 ${ms(median(c.times)).padStart(12)}  (${c.matched} matched, ${c.ledgerOnly} ledger-only; ${ROUNDS} rounds)`);
  console.log(`  10,000 lines ÷ 1,000 lines (50,000 payments):        ${(median(large.times) / median(small.times)).toFixed(2)}×  (target ≤ 11×)`);
  console.log(`  10,000 lines: 50,000 payments ÷ 5,000 payments:      ${(median(large.times) / median(few.times)).toFixed(2)}×  (target ≤ 1.2×)`);
  console.log(`  load average after: ${load()}\n`);
}
