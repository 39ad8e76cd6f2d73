import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { ProjectState } from '../../../domain/project/types';
import type { StoredAlertSummary } from './alert-items';
import { doc, tableName } from './client';
import { TYPE } from './keys';
import { INDEX } from './table-definition';

export interface ProjectListFilter {
  zoneId?: string;
  programCode?: string;
  clusterId?: string;
}

export interface ProjectListItem {
  state: ProjectState;
  openAlerts: StoredAlertSummary[];
}

/** One page of projects: by zone when a zone is given (byZone index), else all (byType index). */
export async function listProjects(filter: ProjectListFilter, limit: number, start?: Record<string, unknown>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const filters: string[] = [];
  for (const field of ['programCode', 'clusterId'] as const) {
    if (filter[field]) {
      names[`#${field}`] = field;
      values[`:${field}`] = filter[field];
      filters.push(`#${field} = :${field}`);
    }
  }
  const byZone = filter.zoneId !== undefined;
  const out = await doc.send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: byZone ? INDEX.byZone : INDEX.byType,
      KeyConditionExpression: byZone ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)' : 'gsi2pk = :pk',
      ExpressionAttributeValues: {
        ...values,
        ...(byZone ? { ':pk': `ZONE#${filter.zoneId}`, ':prefix': 'PROJECT#' } : { ':pk': TYPE.project }),
      },
      ...(filters.length ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names } : {}),
      Limit: limit,
      ExclusiveStartKey: start,
    }),
  );
  const items: ProjectListItem[] = (out.Items ?? []).map((i) => ({ state: i.state as ProjectState, openAlerts: (i.openAlerts ?? []) as StoredAlertSummary[] }));
  return { items, next: out.LastEvaluatedKey };
}
