/**
 * Many registered projects written straight to the table (BatchWriteItem), built with the same
 * pure decide/evolve and the same state item (newProjectItem, the one POST /projects writes) — for
 * the sweep's scale test and benchmark, where registering thousands of projects over HTTP would only
 * measure registration. With `rollups`, the portfolio rollup items are written too, holding exactly
 * the sum of the projects' contributions (what the projects' own transactions would have added).
 */
import { BatchWriteCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { makeCreditCode } from '../../domain/credit-code';
import { nextAttentionOn } from '../../domain/alerts/conditions';
import { decide } from '../../domain/project/decide';
import { evolve } from '../../domain/project/evolve';
import { seedPrograms } from '../../domain/programs/seed';
import type { Registration } from '../../domain/project/types';
import { newProjectItem } from '../../functions/lib/storage/project-item';
import { projectionOf } from '../../domain/project/summary';
import { emptyFlows } from '../../domain/budget/flows';
import { keys } from '../../functions/lib/storage/keys';
import { shardOf } from '../../functions/lib/storage/transaction-items';
import { addContributions, CONTRIBUTION_FIELDS, contributionOf, rollupGroupsOf, zeroContribution, type Contribution, type GroupRef } from '../../domain/portfolio/contribution';

const program = seedPrograms.find((p) => p.code === 'JS-2023-C')!;
/** Where a bulk project is registered; by default one (unregistered) zone and cluster. */
export interface BulkGroup {
  zoneId: string;
  clusterId: string;
  /** Kept on each state item as registration would. */
  city: string;
}
const DEFAULT_GROUP: BulkGroup = { zoneId: 'BULK-ZONE', clusterId: 'BULK-CLUSTER', city: '南京市' };

/** A 2023 project whose tranches fall due either long before `asOf` (late) or years after it. */
function registration(i: number, late: boolean, prefix: string, group: BulkGroup): Registration {
  const due = late ? { p: '2024-03-31', z: '2024-04-30' } : { p: '2029-03-31', z: '2029-04-30' };
  return {
    projectId: `${prefix}-${String(i).padStart(6, '0')}`,
    programCode: program.code,
    clusterId: group.clusterId,
    zoneId: group.zoneId,
    insideZone: true,
    title: `批量项目 ${i}`,
    owner: { name: `批量企业 ${i}`, creditCode: makeCreditCode(`91320100MA${String(i).padStart(7, '0')}`) },
    newInvestmentFen: 4_500_000_000,
    contract: { signedOn: late ? '2023-06-01' : '2026-06-01', startsOn: late ? '2023-07-01' : '2026-07-01', endsOn: late ? '2026-12-31' : '2029-12-31', provinceGrantFen: 600_000_000, zoneGrantFen: 600_000_000 },
    schedule: [
      { trancheId: 'P1', funder: 'province', dueOn: due.p, amountFen: 600_000_000 },
      { trancheId: 'Z1', funder: 'zone', dueOn: due.z, amountFen: 600_000_000 },
    ],
  };
}

export interface BulkOptions {
  total: number;
  /** The first `late` projects have tranches long overdue. */
  late: number;
  prefix: string;
  /** Project i goes to groups[i % groups.length]. */
  groups?: readonly BulkGroup[];
  /** Write the portfolio rollups of these projects as well (as Puts: on a table whose projects are all bulk-written). */
  rollups?: boolean;
}

export async function writeBulkProjects(client: DynamoDBDocumentClient, tableName: string, opts: BulkOptions): Promise<string[]> {
  const items: Record<string, unknown>[] = [];
  const lateIds: string[] = [];
  const groups = opts.groups ?? [DEFAULT_GROUP];
  const rollups = new Map<string, { ref: GroupRef; shard: number; sums: Contribution }>();
  for (let i = 0; i < opts.total; i++) {
    const late = i < opts.late;
    const group = groups[i % groups.length]!;
    const reg = registration(i, late, opts.prefix, group);
    const decision = decide(null, { type: 'registration', registration: reg }, {
      actor: { sub: 'bulk-loader', role: 'finance-officer' },
      now: '2026-01-01T00:00:00.000Z',
      program,
      cluster: { clusterId: reg.clusterId, programCode: program.code, zoneId: reg.zoneId, provinceAllocatedFen: 0, zoneAllocatedFen: 0, projectCount: 0 },
      enterpriseProjectCount: 0,
    });
    if (!decision.ok) throw new Error(`bulk registration ${i} refused: ${JSON.stringify(decision)}`);
    const state = evolve(null, decision.entry);
    const item = newProjectItem(state, group.city, nextAttentionOn(state, null, []), projectionOf(state, group.city, [], decision.entry), emptyFlows(reg.insideZone));
    items.push(item);
    if (opts.rollups) {
      const contribution = contributionOf(state, { lagging: false, held: false });
      if (JSON.stringify(contribution) !== JSON.stringify(item.contribution)) throw new Error('bulk: the state item and the rollups disagree');
      for (const ref of rollupGroupsOf(state, group.city)) {
        const shard = shardOf(reg.projectId);
        const key = `${ref.dimension}|${ref.group}|${shard}`;
        const r = rollups.get(key) ?? { ref, shard, sums: zeroContribution() };
        r.sums = addContributions(r.sums, contribution);
        rollups.set(key, r);
      }
    }
    items.push({ ...keys.entry(reg.projectId, 1), entry: decision.entry });
    if (late) lateIds.push(reg.projectId);
  }
  for (const { ref, shard, sums } of rollups.values()) {
    const fields = Object.fromEntries(CONTRIBUTION_FIELDS.filter((f) => sums[f] !== 0).map((f) => [f, sums[f]]));
    items.push({ ...keys.rollup(ref.dimension, ref.group, shard), dimension: ref.dimension, group: ref.group, ...ref.attributes, ...fields });
  }
  const batches: Record<string, unknown>[][] = [];
  for (let i = 0; i < items.length; i += 25) batches.push(items.slice(i, i + 25));
  // A few batches in flight at once; unprocessed items are resent.
  const worker = async () => {
    for (let batch = batches.shift(); batch; batch = batches.shift()) {
      let pending = batch.map((Item) => ({ PutRequest: { Item } }));
      while (pending.length) {
        const out = await client.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
        pending = (out.UnprocessedItems?.[tableName] ?? []) as typeof pending;
      }
    }
  };
  await Promise.all(Array.from({ length: 8 }, worker));
  return lateIds;
}
