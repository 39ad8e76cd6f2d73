/**
 * Many registered projects written straight to the table (BatchWriteItem), built with the same
 * pure decide/evolve and the same state item (newProjectItem, the one POST /projects writes) — for
 * the sweep's scale test and benchmark, where registering thousands of projects over HTTP would only
 * measure registration. With `rollups`, the portfolio rollup items are written too, holding exactly
 * the sum of the projects' contributions (what the projects' own transactions would have added).
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { putItems } from './put-items';
import { makeCreditCode } from '../../domain/credit-code';
import { nextAttentionOn } from '../../domain/alerts/conditions';
import { decide } from '../../domain/project/decide';
import { evolve } from '../../domain/project/evolve';
import { seedPrograms } from '../../domain/programs/seed';
import type { Registration } from '../../domain/project/types';
import { newProjectItem } from '../../functions/lib/storage/project-item';
import { projectionOf } from '../../domain/project/summary';
import { emptyFlows, type ProvinceFlows } from '../../domain/budget/flows';
import { executionChanges } from '../../domain/budget/changes';
import { rollupDeltas } from '../../domain/budget/execution';
import { executionRollupItems } from '../../functions/lib/storage/budget-items';
import { keys } from '../../functions/lib/storage/keys';
import { shardOf, type TxItem } from '../../functions/lib/storage/transaction-items';
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
  /**
   * Give each project an allocation on this indicator (dated in the fiscal year, by i), a transfer
   * and a payment a month later, and write the execution rollups they move: the items the
   * projects' own transactions would have built (executionRollupItems), their ADDs summed. The
   * state items keep empty flows: only the report's reads are measured on such a table.
   */
  execution?: { indicatorNo: string; fiscalYear: number };
}

/**
 * Project i's allocation (in one of the year's first ten months), its transfer and payment (in
 * November, so that every zone holds an item of that month): dates repeat every 50 projects.
 */
function bulkFlows(i: number, projectId: string, e: { indicatorNo: string; fiscalYear: number }): ProvinceFlows {
  const day = String(1 + (i % 25)).padStart(2, '0');
  const on = (m: number) => `${e.fiscalYear}-${String(m).padStart(2, '0')}-${day}`;
  return {
    insideZone: true,
    allocations: [{ entryId: `${projectId}.2`, seq: 2, valueDate: on(1 + (i % 10)), indicatorNo: e.indicatorNo, amountFen: 100_000, pendingFen: 0, decommitments: [] }],
    transfers: [{ valueDate: on(11), amountFen: 60_000 }],
    payments: [{ valueDate: on(11), amountFen: 40_000 }],
  };
}

/** Applies an Update of executionRollupItems (transaction-items.ts summingUpdate) to an item held in memory: its SETs, and its ADDs summed. */
function applyRollupUpdate(into: Map<string, Record<string, unknown>>, tx: TxItem): void {
  const u = tx.item.Update!;
  const key = u.Key as { pk: string; sk: string };
  const id = `${key.pk}\u0000${key.sk}`;
  const item = into.get(id) ?? { ...key };
  const names = u.ExpressionAttributeNames ?? {};
  const values = (u.ExpressionAttributeValues ?? {}) as Record<string, unknown>;
  for (const [name, attr] of Object.entries(names)) {
    const value = values[name.replace('#', ':')];
    if (name.startsWith('#s')) item[attr] = value;
    else if (name.startsWith('#b')) item[attr] = ((item[attr] as number | undefined) ?? 0) + (value as number);
    else throw new Error(`bulk: unexpected attribute name ${name} in an execution rollup update`);
  }
  into.set(id, item);
}

export async function writeBulkProjects(client: DynamoDBDocumentClient, tableName: string, opts: BulkOptions): Promise<string[]> {
  const items: Record<string, unknown>[] = [];
  const lateIds: string[] = [];
  const groups = opts.groups ?? [DEFAULT_GROUP];
  const rollups = new Map<string, { ref: GroupRef; shard: number; sums: Contribution }>();
  const execution = new Map<string, Record<string, unknown>>();
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
    if (opts.execution) {
      const place = { zoneId: group.zoneId, city: group.city, programCode: reg.programCode };
      const changes = executionChanges(emptyFlows(reg.insideZone), bulkFlows(i, reg.projectId, opts.execution));
      for (const tx of executionRollupItems(place, rollupDeltas(changes))) applyRollupUpdate(execution, tx);
    }
    items.push({ ...keys.entry(reg.projectId, 1), entry: decision.entry });
    if (late) lateIds.push(reg.projectId);
  }
  for (const { ref, shard, sums } of rollups.values()) {
    const fields = Object.fromEntries(CONTRIBUTION_FIELDS.filter((f) => sums[f] !== 0).map((f) => [f, sums[f]]));
    items.push({ ...keys.rollup(ref.dimension, ref.group, shard), dimension: ref.dimension, group: ref.group, ...ref.attributes, ...fields });
  }
  items.push(...execution.values());
  await putItems(client, tableName, items);
  return lateIds;
}
