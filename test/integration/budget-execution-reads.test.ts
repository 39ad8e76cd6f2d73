/**
 * What GET /reports/execution reads grows with the groups, not the projects (issue 20, item 3):
 * the items the functions' own storage client reads while the report is answered are counted
 * (a counting wrapper around its `send`, on DynamoDB Local), with every month of the groups'
 * money already holding some; then the projects in the same groups are doubled, and the report
 * reads exactly as many items again while its figures double.
 */
import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { doc as storageClient } from '../../functions/lib/storage/client';
import { YUAN, customProgram, expectCreated, expectOk, freshCluster, ledger, registrationOutside2023, uniqueId, useSeededApi } from './support/fixtures';

const api = useSeededApi();
const YEAR = 2024;
const AS_OF = '2024-06-30';
const GROUP_BYS = ['zone', 'city', 'program'] as const;

/** Items the functions' client read while `run` ran (scanned, for queries), in all and in the execution rollups' partition. */
async function itemsRead<T>(run: () => Promise<T>): Promise<{ result: T; items: number; executionItems: number }> {
  const send = storageClient.send;
  let items = 0;
  let executionItems = 0;
  storageClient.send = (async (command: Parameters<typeof send>[0]) => {
    const out = (await send(command)) as Record<string, unknown>;
    const n = typeof out.ScannedCount === 'number' ? out.ScannedCount : out.Item ? 1 : 0;
    items += n;
    const pk = command instanceof QueryCommand ? command.input.ExpressionAttributeValues?.[':pk'] : undefined;
    if (typeof pk === 'string' && pk.startsWith('EXEC#')) executionItems += n;
    return out;
  }) as typeof send;
  try {
    return { result: await run(), items, executionItems };
  } finally {
    storageClient.send = send;
  }
}

interface Reading {
  items: number;
  executionItems: number;
  rows: { group: string; allocatedFen: number; transferredFen: number; paidFen: number }[];
}

async function report(groupBy: (typeof GROUP_BYS)[number]): Promise<Reading> {
  const { result, items, executionItems } = await itemsRead(() => api.request('GET', `/reports/execution?fiscalYear=${YEAR}&groupBy=${groupBy}&asOf=${AS_OF}`, { token: api.token('auditor') }));
  const rows = expectOk(result).body.rows.map((r: Reading['rows'][number]) => ({ group: r.group, allocatedFen: r.allocatedFen, transferredFen: r.transferredFen, paidFen: r.paidFen }));
  return { items, executionItems, rows: rows.sort((a: { group: string }, b: { group: string }) => (a.group < b.group ? -1 : 1)) };
}

const PER_ZONE = 4;

test('the report reads as many items at 16 projects as at 8 in the same groups and months, and its figures double', async () => {
  const program = await customProgram(api, {});
  const cities = [uniqueId('读数市'), uniqueId('读数市')];
  const zones = await Promise.all(cities.map((city) => freshCluster(api, program, city)));
  let n = 0;
  /** Projects in each zone: an allocation in March, its payment in June (the report's month). */
  const batch = async (payDay: string) => {
    for (const [z, { zoneId, clusterId }] of zones.entries()) {
      const l = ledger(api, zoneId, cities[z]);
      for (let k = 0; k < PER_ZONE; k++) {
        const projectId = `RD-${zoneId}-${++n}`;
        expectCreated(await l.register(registrationOutside2023({ projectId, programCode: program, zoneId, clusterId })));
        expectCreated(await l.allocate(projectId, 100_000 * YUAN, `${YEAR}-03-15`));
        expectCreated(await l.payOutside(projectId, 30_000 * YUAN, `${YEAR}-06-${payDay}`));
      }
    }
  };

  // One report at a time: the count is of everything the client reads meanwhile.
  const reports = async () => {
    const out: Record<string, Reading> = {};
    for (const g of GROUP_BYS) out[g] = await report(g);
    return out;
  };
  await batch('10');
  const before = await reports();
  await batch('20');
  const after = await reports();

  // This file's table holds no other execution figures: the rollups are this test's two zones ×
  // one program × two months with money (March, June), whatever the number of projects.
  const rollupItems = zones.length * 1 * 2;
  const ours = new Set([...zones.map((z) => z.zoneId), ...cities, program]);
  for (const g of GROUP_BYS) {
    expect({ groupBy: g, executionItems: before[g]!.executionItems }).toEqual({ groupBy: g, executionItems: rollupItems });
    expect({ groupBy: g, executionItems: after[g]!.executionItems, items: after[g]!.items }).toEqual({ groupBy: g, executionItems: before[g]!.executionItems, items: before[g]!.items });
    // The reads covered the new money: every row of ours doubled.
    const mine = (r: Reading) => r.rows.filter((row) => ours.has(row.group));
    expect(mine(before[g]!).length).toBe(g === 'program' ? 1 : 2);
    expect(mine(after[g]!)).toEqual(mine(before[g]!).map((row) => ({ ...row, allocatedFen: 2 * row.allocatedFen, paidFen: 2 * row.paidFen })));
  }
  expect(before.zone!.rows.find((r) => r.group === zones[0]!.zoneId)).toMatchObject({ allocatedFen: PER_ZONE * 100_000 * YUAN, paidFen: PER_ZONE * 30_000 * YUAN });
}, 600_000);
