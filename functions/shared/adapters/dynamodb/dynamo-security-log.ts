import { randomBytes } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SecurityEvent, SecurityLog } from '../../ports';
import { keys } from '../../table/keys';
import { mapSdkErrors } from '../errors';
import { fromItems, IS_NEW_ITEM, partitionQuery, queryAll } from './item-mapping';

/** The console's security log: one item per event, never changed, a partition per UTC day. */
export class DynamoSecurityLog implements SecurityLog {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    mapSdkErrors(doc);
  }

  /** The random suffix keeps two events of the same millisecond apart; the condition keeps the log append-only. */
  async record(event: SecurityEvent): Promise<void> {
    const key = keys.securityEvent(event.at, randomBytes(6).toString('hex'));
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...event, ...key }, ...IS_NEW_ITEM }));
  }

  async listDay(day: string): Promise<SecurityEvent[]> {
    return fromItems<SecurityEvent>(await queryAll(this.doc, partitionQuery(this.tableName, keys.securityDay(day).pk)));
  }
}
