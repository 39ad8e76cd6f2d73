import type { DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { logger } from '../lib/observability';
import { processJob } from '../lib/reconciliation/jobs';
import { prepareStorageClient } from '../lib/storage/client';

prepareStorageClient();

/**
 * Statement jobs, fed by the table's stream (filtered to inserts of STATEMENT-JOB# items): each
 * runs a large statement's matching and storing (functions/lib/reconciliation/run-statement.ts),
 * reporting progress as it goes. A failed record is reported back so Lambda retries just that one;
 * a run is resumable, and one that is done already is left alone.
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (!image) continue;
    const item = unmarshall(image as Record<string, AttributeValue>);
    const statementId = item.statementId as string | undefined;
    if (!statementId) continue;
    try {
      await processJob(statementId);
    } catch (error) {
      logger.error('statement job failed', { statementId, error: error as Error });
      if (record.dynamodb?.SequenceNumber) batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber });
    }
  }
  return { batchItemFailures };
};
