/**
 * One allocation through the write function, against the storage floor and on a long history;
 * then accepted allocations per second under concurrent clients.
 */
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoLedgerStore } from '../../functions/lib/storage/ledger-store';
import { doc as storageClient } from '../../functions/lib/storage/client';
import { keys } from '../../functions/lib/storage/keys';
import type { TxItem } from '../../functions/lib/storage/transaction-items';
import { extendHistory } from '../support/long-history';
import { allocate, confirmMatch, loadApi, median, ms, now, percentile, register, seedCatalog, type Database } from './harness';

// Same length, so the floor's items are the same size as the handler's.
const HANDLER = 'BENCH-HANDLER';
const FLOOR = 'BENCH-FLOORXX';

/**
 * Handler vs floor, interleaved round by round. The floor is what the storage alone costs for the
 * same event: the consistent GetItem of the project's state and one TransactWriteItems of exactly
 * the items the handler's transaction held (entry, state, cluster counters, idempotency record,
 * rollups), renamed to a twin project that has the same history. Both go through the functions'
 * own configured client. Between rounds, untimed, the zone confirms the match (and the twin gets
 * the same items), so neither project piles up allocations waiting for one.
 */
export async function handlerVsFloor(db: Database): Promise<{ handlerP50: number; floorP50: number }> {
  await db.useNewTable('alloc');
  const api = await loadApi();
  await seedCatalog(api);
  await register(api, HANDLER, 0);
  await register(api, FLOOR, 1);

  let lastItems: readonly TxItem[] = [];
  const append = dynamoLedgerStore.append;
  dynamoLedgerStore.append = async (items, opts) => {
    lastItems = items;
    return append(items, opts);
  };
  const ROUNDS = 300;
  const WARMUP = 30;
  const handlerMs: number[] = [];
  const floorMs: number[] = [];
  const twinOf = (items: readonly TxItem[]) => JSON.parse(JSON.stringify(items.map((x) => x.item)).replaceAll(HANDLER, FLOOR));
  try {
    for (let i = 0; i < ROUNDS + WARMUP; i++) {
      const t0 = now();
      const { entry } = await allocate(api, HANDLER, `h-${i}`);
      const t1 = now();
      const twin = twinOf(lastItems);
      const allocationItems = lastItems;
      const t2 = now();
      await storageClient.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: keys.projectState(FLOOR), ConsistentRead: true }));
      await storageClient.send(new TransactWriteCommand({ TransactItems: twin }));
      const t3 = now();
      if (i >= WARMUP) {
        handlerMs.push(t1 - t0);
        floorMs.push(t3 - t2);
      }
      await confirmMatch(api, HANDLER, entry.entryId, `hc-${i}`);
      await storageClient.send(new TransactWriteCommand({ TransactItems: twinOf(lastItems) }));
      lastItems = allocationItems;
    }
  } finally {
    dynamoLedgerStore.append = append;
  }
  const tags = lastItems.map((x) => x.tag).join(', ');
  const handlerP50 = median(handlerMs);
  const floorP50 = median(floorMs);
  console.log(`1. One allocation through the write function (${ROUNDS} rounds after ${WARMUP} warm-up, interleaved)`);
  console.log(`   handler  p50 ${ms(handlerP50)}  p99 ${ms(percentile(handlerMs, 99))}`);
  console.log(`   floor    p50 ${ms(floorP50)}  p99 ${ms(percentile(floorMs, 99))}   (GetItem consistent + TransactWriteItems of the same ${lastItems.length} items: ${tags})`);
  console.log(`   handler/floor at p50: ${(handlerP50 / floorP50).toFixed(2)}   (target ≤ 1.10)\n`);
  return { handlerP50, floorP50 };
}

/** p50 of an allocation on a project with 5,000 entries against one with 10, interleaved. */
export async function longHistory(db: Database): Promise<void> {
  await db.useNewTable('long');
  const api = await loadApi();
  await seedCatalog(api);
  await register(api, 'BENCH-LONG', 0);
  await register(api, 'BENCH-SHORT', 1);
  // Both histories are written the same way, so only their length differs.
  await extendHistory(db.doc, process.env.TABLE_NAME!, 'BENCH-LONG', 5_000);
  await extendHistory(db.doc, process.env.TABLE_NAME!, 'BENCH-SHORT', 10);
  const ROUNDS = 200;
  const WARMUP = 20;
  const long: number[] = [];
  const short: number[] = [];
  for (let i = 0; i < ROUNDS + WARMUP; i++) {
    const t0 = now();
    const a = await allocate(api, 'BENCH-LONG', `l-${i}`);
    const t1 = now();
    const b = await allocate(api, 'BENCH-SHORT', `s-${i}`);
    const t2 = now();
    if (i >= WARMUP) {
      long.push(t1 - t0);
      short.push(t2 - t1);
    }
    await confirmMatch(api, 'BENCH-LONG', a.entry.entryId, `lc-${i}`);
    await confirmMatch(api, 'BENCH-SHORT', b.entry.entryId, `sc-${i}`);
  }
  console.log(`2. One allocation on a long history (${ROUNDS} rounds after ${WARMUP} warm-up, interleaved)`);
  console.log(`   5,000 entries  p50 ${ms(median(long))}  p99 ${ms(percentile(long, 99))}`);
  console.log(`   10 entries     p50 ${ms(median(short))}  p99 ${ms(percentile(short, 99))}`);
  console.log(`   ratio at p50: ${(median(long) / median(short)).toFixed(2)}   (target ≤ 1.2)\n`);
}

/** Accepted allocations per second: 16 concurrent clients, one project each. */
export async function throughput(db: Database): Promise<void> {
  await db.useNewTable('tput');
  const api = await loadApi();
  await seedCatalog(api);
  const CLIENTS = 16;
  const PER_CLIENT = 40;
  for (let c = 0; c < CLIENTS; c++) await register(api, `BENCH-T${c}`, 100 + c);
  const t0 = now();
  let accepted = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, c) => {
      for (let i = 0; i < PER_CLIENT; i++) {
        await allocate(api, `BENCH-T${c}`, `t-${c}-${i}`);
        accepted++;
      }
      // 40 per project: under the 100 allocations a project may keep waiting for a match.
    }),
  );
  const seconds = (now() - t0) / 1000;
  console.log(`3. Throughput: ${CLIENTS} concurrent clients × ${PER_CLIENT} allocations, one project each, one process`);
  console.log(`   ${accepted} accepted in ${seconds.toFixed(2)} s = ${(accepted / seconds).toFixed(0)} allocations/s\n`);
}
