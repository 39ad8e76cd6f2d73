import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { EvidenceDeclared } from '../../../domain/project/evidence';
import type { Actor, Entry } from '../../../domain/project/types';
import { doc, tableName } from './client';
import { EVIDENCE_PREFIX, keys, projectPk } from './keys';
import { queryPages } from './query-pages';
import type { TxItem } from './transaction-items';

/**
 * Declared evidence files, one item each under the project's partition (`EVIDENCE#<evidenceId>`):
 * the declaration, pending with a TTL until its completion, then recorded — the evidence entry's
 * id and the S3 version its checked bytes were copied to — in the same transaction as that entry.
 * Downloads, /verify and later declarations that supersede a file find it here by its id, without
 * reading the history.
 */

/** A declaration not completed within a day is gone (the staging/ lifecycle empties uploads as fast). */
export const DECLARATION_TTL_SECONDS = 24 * 60 * 60;

export interface EvidenceRecord extends EvidenceDeclared {
  status: 'pending' | 'recorded';
  declaredBy: Actor;
  declaredAt: string;
  /** Recorded: the evidence entry and the object version holding the checked bytes (null locally). */
  entryId: string | null;
  versionId: string | null;
}

const epochSeconds = (d: Date) => Math.floor(d.getTime() / 1000);

function recordFrom(item: Record<string, unknown>): EvidenceRecord {
  return {
    evidenceId: item.evidenceId as string,
    refersTo: item.refersTo as string,
    kind: item.kind as EvidenceRecord['kind'],
    fileName: item.fileName as string,
    contentType: item.contentType as EvidenceRecord['contentType'],
    sizeBytes: item.sizeBytes as number,
    sha256: item.sha256 as string,
    supersedes: (item.supersedes as string | null | undefined) ?? null,
    status: item.status as EvidenceRecord['status'],
    declaredBy: item.declaredBy as Actor,
    declaredAt: item.declaredAt as string,
    entryId: (item.entryId as string | null | undefined) ?? null,
    versionId: (item.versionId as string | null | undefined) ?? null,
  };
}

/** The declaration, or null (none, or a pending one past its expiry: DynamoDB deletes expired items lazily). */
export async function getEvidence(projectId: string, evidenceId: string, now: Date = new Date()): Promise<EvidenceRecord | null> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: keys.evidence(projectId, evidenceId), ConsistentRead: true }));
  const item = out.Item;
  if (!item) return null;
  if (item.status === 'pending' && typeof item.expiresAt === 'number' && item.expiresAt < epochSeconds(now)) return null;
  return recordFrom(item);
}

/** Every recorded evidence file of a project (pending declarations left out). */
export async function recordedEvidence(projectId: string): Promise<EvidenceRecord[]> {
  const out: EvidenceRecord[] = [];
  for await (const page of queryPages({
    KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
    ExpressionAttributeValues: { ':pk': projectPk(projectId), ':prefix': EVIDENCE_PREFIX },
    ConsistentRead: true,
  })) {
    for (const item of page.Items ?? []) if (item.status === 'recorded') out.push(recordFrom(item));
  }
  return out;
}

/** One entry by its seq, or null. */
export async function getEntry(projectId: string, seq: number): Promise<Entry | null> {
  const out = await doc.send(new GetCommand({ TableName: tableName(), Key: keys.entry(projectId, seq), ConsistentRead: true }));
  return (out.Item?.entry as Entry | undefined) ?? null;
}

/** The declaration's item: new (never over another), pending, expiring with its TTL. */
export function declarationItem(projectId: string, declared: EvidenceDeclared, by: Actor, now: Date): TxItem {
  return {
    tag: 'evidence',
    item: {
      Put: {
        TableName: tableName(),
        Item: {
          ...keys.evidence(projectId, declared.evidenceId),
          ...declared,
          status: 'pending',
          declaredBy: by,
          declaredAt: now.toISOString(),
          expiresAt: epochSeconds(now) + DECLARATION_TTL_SECONDS,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      },
    },
  };
}

/**
 * The declaration recorded, in the evidence entry's transaction: from pending only (two
 * completions cannot both record it), and no longer expiring.
 */
export function evidenceRecordedItem(projectId: string, evidenceId: string, entryId: string, versionId: string | null, now: Date): TxItem {
  return {
    tag: 'evidence',
    item: {
      Update: {
        TableName: tableName(),
        Key: keys.evidence(projectId, evidenceId),
        UpdateExpression: 'SET #status = :recorded, entryId = :entryId, versionId = :versionId, recordedAt = :at REMOVE expiresAt',
        ConditionExpression: '#status = :pending AND expiresAt >= :now',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':recorded': 'recorded', ':pending': 'pending', ':entryId': entryId, ':versionId': versionId, ':at': now.toISOString(), ':now': epochSeconds(now) },
      },
    },
  };
}
