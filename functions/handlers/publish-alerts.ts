import type { DynamoDBStreamEvent, DynamoDBBatchResponse } from 'aws-lambda';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import { logger } from '../lib/observability';
import { configuredPublisher } from '../lib/alerts/publisher';
import { markPublished, type AlertNotification } from '../lib/storage/alert-store';
import { prepareStorageClient } from '../lib/storage/client';

prepareStorageClient();

const publisher = configuredPublisher();

/**
 * Outbox relay fed by the table's stream (filtered to new OUTBOX# items): publish, then mark.
 * A record that fails is reported back so Lambda retries just that one (at least once).
 */
export const handler = async (event: DynamoDBStreamEvent): Promise<DynamoDBBatchResponse> => {
  const batchItemFailures: DynamoDBBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const image = record.dynamodb?.NewImage;
    if (!image) continue;
    try {
      const item = unmarshall(image as Record<string, AttributeValue>);
      // The stream delivers inserts of OUTBOX items only (filtered at the event source).
      const notification = item.notification as AlertNotification | undefined;
      if (!notification) continue;
      await publisher.publish(notification);
      await markPublished(notification.notificationId, new Date());
    } catch (error) {
      logger.error('publish failed', { error: error as Error, sequenceNumber: record.dynamodb?.SequenceNumber });
      if (record.dynamodb?.SequenceNumber) batchItemFailures.push({ itemIdentifier: record.dynamodb.SequenceNumber });
    }
  }
  return { batchItemFailures };
};
