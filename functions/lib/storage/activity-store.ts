import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Entry } from '../../../domain/project/types';
import { doc, tableName } from './client';
import { TYPE } from './keys';
import { INDEX } from './table-definition';

/** Entries of every project, newest first, from the activity partition of the type index. */
export async function recentEntries(scope: { zoneId?: string; city?: string }, limit: number, start?: Record<string, string>) {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':t': TYPE.entry };
  const filters: string[] = [];
  for (const k of ['zoneId', 'city'] as const) {
    if (scope[k] === undefined) continue;
    names[`#${k}`] = k;
    values[`:${k}`] = scope[k];
    filters.push(`#${k} = :${k}`);
  }
  const entries: (Entry & { zoneId: string; city: string | null })[] = [];
  let cursor = start;
  // Keep reading while a scope filter left the page short: never an empty page while more may come.
  for (;;) {
    const out = await doc.send(new QueryCommand({
      TableName: tableName(),
      IndexName: INDEX.byType,
      KeyConditionExpression: 'gsi2pk = :t',
      ExpressionAttributeValues: values,
      ...(filters.length ? { FilterExpression: filters.join(' AND '), ExpressionAttributeNames: names } : {}),
      ScanIndexForward: false,
      Limit: limit - entries.length,
      ExclusiveStartKey: cursor,
    }));
    for (const item of out.Items ?? []) entries.push({ ...(item.entry as Entry), zoneId: item.zoneId as string, city: (item.city as string | undefined) ?? null });
    cursor = out.LastEvaluatedKey as Record<string, string> | undefined;
    if (!cursor || entries.length >= limit) return { entries, next: cursor };
  }
}
