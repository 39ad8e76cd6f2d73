import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { tableDefinition } from '../../functions/lib/storage/table-definition';

/**
 * The single FundLedger table, built from the shared definition in
 * functions/lib/storage/table-definition.ts (the same data the local stack uses), so key names,
 * indexes and the stream view type are never restated here.
 */
export class LedgerTable extends Construct {
  readonly table: dynamodb.Table;
  /** ARNs of every GSI, one per index in the definition (used for Query-only grants). */
  readonly indexArns: string[];

  constructor(scope: Construct, id: string) {
    super(scope, id);

    const S = dynamodb.AttributeType.STRING; // the definition says: all key attributes are strings

    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: { name: tableDefinition.partitionKey, type: S },
      sortKey: { name: tableDefinition.sortKey, type: S },
      // On-demand: traffic is spiky (deadline days, the 09:00 sweep) and small on average; no
      // capacity planning, and no throttling from under-provisioned GSIs.
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      // The ledger is the system of record for public money: 35-day point-in-time restore ...
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // ... and neither a console click nor a stack deletion may drop it.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Encryption at rest with the AWS-managed key (alias/aws/dynamodb) rather than a customer-
      // managed key: the key is visible in the account and every use is logged in CloudTrail, the
      // data never leaves this account (no cross-account key policy needed), and it avoids adding
      // kms:Decrypt/GenerateDataKey statements to every function role and to the stream reader.
      // Switch to TableEncryption.CUSTOMER_MANAGED if an auditor requires key ownership/revocation.
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      // Whatever the definition says (NEW_IMAGE): the outbox publisher only needs the new item.
      stream: dynamodb.StreamViewType[tableDefinition.streamViewType],
      // Idempotency records carry `expiresAt` (epoch seconds, IDEMPOTENCY_TTL_DAYS after they were
      // written, 30 by default) and DynamoDB deletes them some time after that, at no cost. Ledger
      // entries, state, alerts and outbox items never carry the attribute, so TTL cannot remove
      // ledger data. TTL deletions reach the stream as REMOVE records, which the publisher's filter
      // (INSERT of OUTBOX# items) ignores.
      timeToLiveAttribute: tableDefinition.ttlAttribute,
    });

    for (const index of tableDefinition.indexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: S },
        sortKey: { name: index.sortKey, type: S },
        // As the definition says. INCLUDE (byCity, byProgram, byCluster, lagging): these indexes
        // only serve list pages, which need the keys plus the `summary`/`alert` attribute. Copying
        // whole project items into four more indexes would multiply write and storage cost.
        // ALL (byZone, byType, attention): their readers use whole items without a second GetItem.
        ...('include' in index && index.include
          ? { projectionType: dynamodb.ProjectionType.INCLUDE, nonKeyAttributes: [...index.include] }
          : { projectionType: dynamodb.ProjectionType.ALL }),
      });
    }

    this.indexArns = tableDefinition.indexes.map((i) => `${this.table.tableArn}/index/${i.indexName}`);
  }
}
