/**
 * One allocation through the write function, against the storage floor and on a long history;
 * then accepted allocations per second under concurrent clients against the same floor, with the
 * conflicts, lost races and retries of each run, and what the lost-race backoff costs.
 */
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { dynamoLedgerStore } from '../../functions/lib/storage/ledger-store';
import { doc as storageClient } from '../../functions/lib/storage/client';
import { keys } from '../../functions/lib/storage/keys';
import type { TxItem } from '../../functions/lib/storage/transaction-items';
import { isTransactionCanceled } from '../../functions/lib/storage/cancellation';
import { lostRaceRetry } from '../../functions/lib/ledger/post-entry';
import { extendHistory } from '../support/long-history';
import { allocate, confirmMatch, loadApi, measured, median, ms, now, percentile, register, seedCatalog, tryAllocate, type Database } from './harness';

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
  // 190 allocations in all: a project keeps at most MAX_BUDGET_ALLOCATIONS (200) for the budget.
  const ROUNDS = 170;
  const WARMUP = 20;
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
  // 190 allocations on each (plus the long history's one): at most MAX_BUDGET_ALLOCATIONS (200) per project.
  const ROUNDS = 170;
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

/** What storage saw while a phase ran: transactions sent, refused, and the SDK's own retries. */
interface StorageTally {
  transactions: number;
  /** Cancelled because another transaction held one of the items (TransactionConflict). */
  conflicts: number;
  /** Cancelled by a condition (for the handler: a lost race on the version or a cap counter). */
  conditionFailures: number;
  /** Attempts the SDK repeated by itself (throttling, timeouts, 5xx). */
  sdkRetries: number;
  /** Every storage call, by command. */
  calls: Record<string, number>;
}

const newTally = (): StorageTally => ({ transactions: 0, conflicts: 0, conditionFailures: 0, sdkRetries: 0, calls: {} });

/** Counts every call the functions' client sends inside `run`, and how each TransactWriteItems ended. */
async function tallied<T>(tally: StorageTally, run: () => Promise<T>): Promise<T> {
  const send = storageClient.send;
  storageClient.send = (async (command: Parameters<typeof send>[0]) => {
    const isTx = command instanceof TransactWriteCommand;
    if (isTx) tally.transactions++;
    const name = command.constructor.name.replace(/Command$/, '');
    tally.calls[name] = (tally.calls[name] ?? 0) + 1;
    try {
      const out = (await send(command)) as { $metadata?: { attempts?: number } };
      if (isTx) tally.sdkRetries += Math.max(0, (out.$metadata?.attempts ?? 1) - 1);
      return out;
    } catch (err) {
      if (isTx && isTransactionCanceled(err)) {
        const codes = (err.CancellationReasons ?? []).map((r) => r.Code);
        if (codes.includes('TransactionConflict')) tally.conflicts++;
        else if (codes.includes('ConditionalCheckFailed')) tally.conditionFailures++;
        tally.sdkRetries += Math.max(0, (err.$metadata.attempts ?? 1) - 1);
      }
      throw err;
    }
  }) as typeof send;
  try {
    return await run();
  } finally {
    storageClient.send = send;
  }
}

/**
 * Accepted allocations per second, 16 concurrent clients on 16 projects of one zone and cluster
 * (every transaction shares the cluster's cap counters and its rollup), against the floor: the
 * same reads and transactions issued directly by 16 clients. The floor replays, on 16 twin
 * projects with the same history, exactly the items each handler request wrote (renamed; built
 * before the floor's clock starts), each after the consistent GetItem of the twin's state the
 * handler also makes; a transaction refused by a conflict is sent again at once. Between rounds
 * (untimed) the zone confirms the round's allocations and the twins get the same confirmations,
 * so every round starts from projects of the same size. Handler and floor take turns going first,
 * since DynamoDB Local's cost of a phase depends on the one before it. The first rounds warm its
 * JIT (an allocation costs it two to three times the CPU in the first thousand transactions) and
 * are not counted. CPU is this process's and DynamoDB Local's.
 */
export async function throughput(db: Database): Promise<{ handlerPerSecond: number; floorPerSecond: number }> {
  await db.useNewTable('tput');
  const api = await loadApi();
  await seedCatalog(api);
  const CLIENTS = 16;
  const WARMUP_ROUNDS = 2;
  const ROUNDS = WARMUP_ROUNDS + 4;
  const PER_ROUND = 16;
  // Two digits: no id is a prefix of another, so renaming a handler project to its twin is exact.
  const handlerId = (c: number) => `BENCH-T${String(c).padStart(2, '0')}`;
  const floorId = (c: number) => `BENCH-F${String(c).padStart(2, '0')}`;
  for (let c = 0; c < CLIENTS; c++) {
    await register(api, handlerId(c), 100 + c);
    await register(api, floorId(c), 200 + c);
  }

  // What the handler appended, per project, in order; and its lost races.
  const written = new Map<string, TxItem[][]>();
  let lostRaces = 0;
  const append = dynamoLedgerStore.append;
  dynamoLedgerStore.append = async (items, opts) => {
    const outcome = await append(items, opts);
    if (outcome.kind === 'appended') {
      const projectId = (items.find((x) => x.tag === 'entry')!.item.Put!.Item as { entry: { projectId: string } }).entry.projectId;
      written.set(projectId, [...(written.get(projectId) ?? []), [...items]]);
    } else if (outcome.kind === 'lost-race') lostRaces++;
    return outcome;
  };
  /** The transactions the handler wrote on each client's project since the last call, renamed to its twin. */
  const twinsOfWritten = (expected: number) => {
    const twins = Array.from({ length: CLIENTS }, (_, c) => {
      const requests = written.get(handlerId(c)) ?? [];
      if (requests.length !== expected) throw new Error(`${handlerId(c)}: ${requests.length} transactions recorded, not ${expected}`);
      return requests.map((items) => JSON.parse(JSON.stringify(items.map((x) => x.item)).replaceAll(handlerId(c), floorId(c))) as TxItem['item'][]);
    });
    written.clear();
    return twins;
  };
  /** The twins' transactions, 16 clients at once, each after the GetItem the handler makes. */
  const replay = (twins: TxItem['item'][][][]) =>
    Promise.all(
      twins.map(async (requests, c) => {
        for (const items of requests) {
          await storageClient.send(new GetCommand({ TableName: process.env.TABLE_NAME, Key: keys.projectState(floorId(c)), ConsistentRead: true }));
          for (;;) {
            try {
              await storageClient.send(new TransactWriteCommand({ TransactItems: items }));
              break;
            } catch (err) {
              const conflictOnly = isTransactionCanceled(err) && (err.CancellationReasons ?? []).every((r) => r.Code === 'None' || r.Code === 'TransactionConflict');
              if (!conflictOnly) throw err;
            }
          }
        }
      }),
    );

  const dbPid = db.local.pid!;
  const handler = { tally: newTally(), wallMs: 0, cpuMs: 0, dbCpuMs: 0 };
  const floor = { tally: newTally(), wallMs: 0, cpuMs: 0, dbCpuMs: 0 };
  const add = (into: typeof handler, m: { wallMs: number; cpuMs: number; dbCpuMs: number }) => {
    into.wallMs += m.wallMs;
    into.cpuMs += m.cpuMs;
    into.dbCpuMs += m.dbCpuMs;
  };
  let tags: string[] = [];
  // The twins run one round behind: their allocations and confirmations of round r − 1 are replayed
  // in round r, so the floor can go first in every other round.
  let twinAllocations: TxItem['item'][][][] | null = null;
  let twinConfirmations: TxItem['item'][][][] | null = null;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const entryIds: string[][] = Array.from({ length: CLIENTS }, () => []);
      const counted = round >= WARMUP_ROUNDS;
      const handlerPhase = () =>
        measured(dbPid, () =>
          tallied(counted ? handler.tally : newTally(), () =>
            Promise.all(
              Array.from({ length: CLIENTS }, async (_, c) => {
                for (let i = 0; i < PER_ROUND; i++) entryIds[c]!.push((await allocate(api, handlerId(c), `t-${round}-${c}-${i}`)).entry.entryId);
              }),
            ),
          ),
        );
      const previous = twinAllocations;
      const floorPhase = () => (previous ? measured(dbPid, () => tallied(counted ? floor.tally : newTally(), () => replay(previous))) : null);
      const handlerFirst = round % 2 === 1;
      const f1 = handlerFirst ? null : await floorPhase();
      const h = await handlerPhase();
      const f = handlerFirst ? await floorPhase() : f1;
      if (counted && f) {
        add(handler, h);
        add(floor, f);
      }
      tags = written.get(handlerId(0))![0]!.map((x) => x.tag);
      twinAllocations = twinsOfWritten(PER_ROUND);
      if (twinConfirmations) await replay(twinConfirmations);
      await Promise.all(
        entryIds.map(async (ids, c) => {
          for (const [i, id] of ids.entries()) await confirmMatch(api, handlerId(c), id, `tc-${round}-${c}-${i}`);
        }),
      );
      twinConfirmations = twinsOfWritten(PER_ROUND);
    }
  } finally {
    dynamoLedgerStore.append = append;
  }
  const total = CLIENTS * (ROUNDS - WARMUP_ROUNDS) * PER_ROUND;
  const handlerPerSecond = total / (handler.wallMs / 1000);
  const floorPerSecond = total / (floor.wallMs / 1000);
  const cpu = (m: typeof handler) => `CPU per allocation ${ms(m.cpuMs / total)} (DynamoDB Local ${ms(m.dbCpuMs / total)}, this process ${ms((m.cpuMs - m.dbCpuMs) / total)})`;
  const calls = (t: StorageTally) => Object.entries(t.calls).map(([name, n]) => `${name} ${(n / total).toFixed(2)}`).join(', ');
  console.log(`3. Throughput: ${CLIENTS} concurrent clients, one project each, all in one zone and cluster; ${ROUNDS - WARMUP_ROUNDS} rounds of ${PER_ROUND} allocations per client after ${WARMUP_ROUNDS} warm-up, handler and floor taking turns first, matches confirmed between rounds`);
  console.log(`   handler  ${total} accepted in ${(handler.wallMs / 1000).toFixed(2)} s = ${handlerPerSecond.toFixed(0)} allocations/s   ${cpu(handler)}`);
  console.log(`   floor    ${total} in ${(floor.wallMs / 1000).toFixed(2)} s = ${floorPerSecond.toFixed(0)} allocations/s   ${cpu(floor)}`);
  console.log(`            (GetItem consistent + TransactWriteItems of the same ${tags.length} items: ${tags.join(', ')})`);
  console.log(`   storage calls per allocation: handler ${calls(handler.tally)}; floor ${calls(floor.tally)}`);
  // On two cores shared with DynamoDB Local (and other work), CPU per allocation moves less with the load than wall time.
  console.log(`   handler/floor: ${(handlerPerSecond / floorPerSecond).toFixed(2)} by throughput, ${(floor.cpuMs / handler.cpuMs).toFixed(2)} by CPU per allocation   (target ≥ 0.80)`);
  console.log(`   handler: ${lostRaces} lost races (each one re-read, re-decided and a jittered backoff), ${handler.tally.transactions} transactions for ${total} allocations: ${handler.tally.conflicts} cancelled by a conflict, ${handler.tally.conditionFailures} by a condition, ${handler.tally.sdkRetries} SDK retries`);
  console.log(`   floor:   ${floor.tally.transactions} transactions: ${floor.tally.conflicts} cancelled by a conflict (sent again), ${floor.tally.sdkRetries} SDK retries`);
  await contendedProjects(api);
  return { handlerPerSecond, floorPerSecond };
}

/**
 * What the lost-race retry costs when races do happen: the same 16 clients, two per project (on
 * 8 projects), so half the transactions find the version moved. Rounds alternate the write path's
 * jittered backoff with none (an immediate re-read), on the same projects.
 */
async function contendedProjects(api: Awaited<ReturnType<typeof loadApi>>): Promise<void> {
  const CLIENTS = 16;
  const PROJECTS = 8;
  const ROUNDS = 4;
  const PER_ROUND = 10;
  const projectId = (p: number) => `BENCH-R${String(p).padStart(2, '0')}`;
  for (let p = 0; p < PROJECTS; p++) await register(api, projectId(p), 300 + p);
  const delayMs = lostRaceRetry.delayMs;
  const runs = { backoff: { wallMs: 0, accepted: 0, unavailable: 0, lostRaces: 0, waitedMs: 0 }, immediate: { wallMs: 0, accepted: 0, unavailable: 0, lostRaces: 0, waitedMs: 0 } };
  const append = dynamoLedgerStore.append;
  let run = runs.backoff;
  dynamoLedgerStore.append = async (items, opts) => {
    const outcome = await append(items, opts);
    if (outcome.kind === 'lost-race') run.lostRaces++;
    return outcome;
  };
  try {
    for (let round = 0; round < ROUNDS; round++) {
      const withBackoff = round % 2 === 0;
      run = withBackoff ? runs.backoff : runs.immediate;
      const counted = run;
      lostRaceRetry.delayMs = (attempt) => {
        const d = withBackoff ? delayMs(attempt) : 0;
        counted.waitedMs += d;
        return d;
      };
      const t0 = now();
      await Promise.all(
        Array.from({ length: CLIENTS }, async (_, c) => {
          for (let i = 0; i < PER_ROUND; i++) {
            const status = await tryAllocate(api, projectId(c % PROJECTS), `r-${round}-${c}-${i}`);
            if (status === 201) counted.accepted++;
            else if (status === 503) counted.unavailable++;
            else throw new Error(`allocation answered ${status}`);
          }
        }),
      );
      counted.wallMs += now() - t0;
    }
  } finally {
    lostRaceRetry.delayMs = delayMs;
    dynamoLedgerStore.append = append;
  }
  const line = (name: string, r: typeof runs.backoff) =>
    `   ${name} ${(r.accepted / (r.wallMs / 1000)).toFixed(0)} allocations/s, ${r.accepted} accepted, ${r.unavailable} answered 503 (retry budget spent), ${r.lostRaces} lost races, ${(r.waitedMs / 1000).toFixed(1)} s waited in all`;
  console.log(`   lost races: ${CLIENTS} clients, two per project on ${PROJECTS} projects, ${ROUNDS / 2} rounds each way of ${PER_ROUND} allocations per client`);
  console.log(line('with the jittered backoff ', runs.backoff));
  console.log(line('with an immediate re-read', runs.immediate));
  console.log('');
}
