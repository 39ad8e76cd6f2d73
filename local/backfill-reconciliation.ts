/**
 * Writes the reconciliation items of transfers and payments recorded before this release
 * (functions/lib/reconciliation/backfill.ts), once per deployment that holds such entries:
 *
 *   TABLE_NAME=<table> AWS_REGION=<region> npx tsx local/backfill-reconciliation.ts
 *   DYNAMODB_ENDPOINT=http://127.0.0.1:8000 TABLE_NAME=FundLedger npx tsx local/backfill-reconciliation.ts
 *
 * Safe to run again and beside a live ledger. `npm start` runs it on its data directory by itself.
 */
import { backfillMovements } from '../functions/lib/reconciliation/backfill';

backfillMovements((line) => console.log(line)).catch((err: unknown) => {
  console.error(err);
  process.exitCode = 1;
});
