import { canonicalJson } from '../../../domain/canonical-json';
import type { Registration } from '../../../domain/project/types';

/** What ordering and duplicates need of a row. */
export interface RowKey {
  row: number;
  projectId: string | null;
  registration: Registration | null;
}

/**
 * For each row whose project id an earlier row of the file already has: that earlier row and
 * whether the two are the same in every field. The first row is the one that registers; a later
 * one is reported as its duplicate instead of being sent (an identical row would replay the
 * first's answer as if registered twice, another one would meet the first as already registered).
 */
export function duplicates(rows: readonly RowKey[]): Map<number, { of: number; identical: boolean }> {
  const first = new Map<string, RowKey>();
  const out = new Map<number, { of: number; identical: boolean }>();
  for (const r of rows) {
    if (r.projectId === null) continue;
    const earlier = first.get(r.projectId);
    if (!earlier) {
      first.set(r.projectId, r);
      continue;
    }
    const identical = r.registration !== null && earlier.registration !== null && canonicalJson(r.registration) === canonicalJson(earlier.registration);
    out.set(r.row, { of: earlier.row, identical });
  }
  return out;
}

/** The limits a registration competes for with others: a cluster's project quota, an enterprise's under a program. */
export function quotaKeys(reg: Registration, quotas: { projectsPerCluster: number | null; projectsPerEnterprise: number | null } | undefined): string[] {
  const keys: string[] = [];
  if (quotas?.projectsPerCluster != null) keys.push(`cluster\u0000${reg.clusterId}`);
  if (quotas?.projectsPerEnterprise != null) keys.push(`enterprise\u0000${reg.owner.creditCode}\u0000${reg.programCode}`);
  return keys;
}

/**
 * Rows grouped so that rows competing for one limit (`keysOf`, e.g. quotaKeys) are in one group,
 * in row order. Groups run side by side, each one row after another, so whichever row is refused
 * for a full quota is the later one in the file, on every run, not the one that lost a race; rows
 * that compete for nothing are groups of their own and keep running in parallel.
 */
export function contentionGroups<R>(rows: readonly R[], keysOf: (row: R) => readonly string[]): R[][] {
  const parent = rows.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const owner = new Map<string, number>();
  rows.forEach((r, i) => {
    for (const key of keysOf(r)) {
      const j = owner.get(key);
      if (j === undefined) owner.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, R[]>();
  rows.forEach((r, i) => {
    const root = find(i);
    const g = groups.get(root) ?? [];
    g.push(r);
    groups.set(root, g);
  });
  return [...groups.values()];
}
