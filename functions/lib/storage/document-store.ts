import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { doc, tableName } from './client';
import { TYPE, indexKeys, keys } from './keys';
import { INDEX } from './table-definition';

export interface LineOutcome {
  line: number;
  projectId: string;
  amountFen: number;
  status: number;
  entryId: string | null;
  problem: Record<string, unknown> | null;
}

export interface DocumentRecord {
  documentNo: string;
  issuedOn: string;
  /** v3: the budget indicator its lines draw on (absent on documents without one). */
  indicatorNo?: string;
  requestHash: string;
  status: 'complete' | 'in-progress';
  createdBy: string;
  createdAt: string;
  completedAt: string | null;
  lines: LineOutcome[];
  totals: { lines: number; posted: number; refused: number; postedFen: number; refusedFen: number };
}

const record = (item: Record<string, unknown>): DocumentRecord => item.document as DocumentRecord;

/**
 * Claims the document number: the first request records the document (in progress); a later one
 * gets that record back with the refusal (the number is the idempotency key of the whole).
 */
export async function startDocument(d: DocumentRecord): Promise<{ started: true } | { started: false; existing: DocumentRecord }> {
  try {
    await doc.send(new PutCommand({
      TableName: tableName(),
      Item: { ...keys.document(d.documentNo), gsi2pk: TYPE.document, gsi2sk: indexKeys.documentInList(d.createdAt, d.documentNo), document: d },
      ConditionExpression: 'attribute_not_exists(pk)',
      ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
    }));
    return { started: true };
  } catch (err) {
    if (!(err instanceof ConditionalCheckFailedException) || !err.Item) throw err;
    return { started: false, existing: record(unmarshall(err.Item as Record<string, AttributeValue>)) };
  }
}

/** Records the lines' outcomes; only for the request that claimed the number (same request hash). */
export async function finishDocument(d: DocumentRecord): Promise<void> {
  await doc.send(new UpdateCommand({
    TableName: tableName(),
    Key: keys.document(d.documentNo),
    UpdateExpression: 'SET #document = :document',
    ConditionExpression: '#document.requestHash = :hash',
    ExpressionAttributeNames: { '#document': 'document' },
    ExpressionAttributeValues: { ':document': d, ':hash': d.requestHash },
  }));
}

export async function getDocument(documentNo: string): Promise<DocumentRecord | null> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: keys.document(documentNo), ConsistentRead: true }));
  return out.Item ? record(out.Item) : null;
}

/** Newest first, from the type index. */
export async function listDocuments(limit: number, start?: Record<string, string>) {
  const out = await doc.send(new QueryCommand({
    TableName: tableName(),
    IndexName: INDEX.byType,
    KeyConditionExpression: 'gsi2pk = :t',
    ExpressionAttributeValues: { ':t': TYPE.document },
    ScanIndexForward: false,
    Limit: limit,
    ExclusiveStartKey: start,
  }));
  return { documents: (out.Items ?? []).map(record), next: out.LastEvaluatedKey as Record<string, string> | undefined };
}
