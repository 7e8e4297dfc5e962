import { RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, BillingMode, ProjectionType, Table } from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { TABLE_DEFINITION } from '../../functions/shared/table/keys';

/**
 * The one DynamoDB table of the app. Attribute and index names come from `functions/shared/table/keys.ts`
 * (the same definition the local emulator uses), so the deployed table and the handlers cannot drift.
 */
export class Data extends Construct {
  /** Boards, cycles, items, papers, minutes, actions, links, waits, outbox and audit records. */
  readonly table: Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.table = new Table(this, 'Table', {
      partitionKey: { name: TABLE_DEFINITION.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_DEFINITION.sortKey, type: AttributeType.STRING },
      // A board meets a few times a year: traffic is spiky and tiny, so provisioned capacity would idle.
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      // The table is the board's record (minutes, attendance, actions): neither a stray `cdk destroy`
      // nor a console click may delete it.
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
      // Links and outbox claims expire by themselves.
      timeToLiveAttribute: TABLE_DEFINITION.ttlAttribute,
    });

    this.table.addGlobalSecondaryIndex({
      indexName: TABLE_DEFINITION.gsi1.name,
      partitionKey: { name: TABLE_DEFINITION.gsi1.partitionKey, type: AttributeType.STRING },
      sortKey: { name: TABLE_DEFINITION.gsi1.sortKey, type: AttributeType.STRING },
      // "Actions by owner" and "cycle by id" read whole records; a KEYS_ONLY index would need a second read.
      projectionType: ProjectionType.ALL,
    });
  }
}
