import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ConsoleSession, SessionRepository } from '../../ports';
import { ATTR, keys } from '../../table/keys';
import { mapSdkErrors } from '../errors';
import { EXISTS, fromItem, isConditionFailed, partitionQuery, queryAll, ttlEpochSeconds } from './item-mapping';

/**
 * Console sessions by the SHA-256 of their id (`SESSION#<hash>`), each listed under its person
 * (`PERSON#<email>`, `SESSION#<hash>`) so that one or all of them can be ended. TTL removes them in
 * time; the app checks the expiry itself, as TTL may lag by a day or two.
 */
export class DynamoSessionRepository implements SessionRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    mapSdkErrors(doc);
  }

  async createSession(session: ConsoleSession): Promise<void> {
    const ttl = ttlEpochSeconds(session.absoluteExpiresAt);
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName,
              Item: { ...session, ...keys.session(session.sessionHash), [ATTR.ttl]: ttlEpochSeconds(session.idleExpiresAt) },
              ConditionExpression: 'attribute_not_exists(#pk)',
              ExpressionAttributeNames: { '#pk': ATTR.pk },
            },
          },
          {
            Put: {
              TableName: this.tableName,
              Item: { sessionHash: session.sessionHash, ...keys.personSession(session.email, session.sessionHash), [ATTR.ttl]: ttl },
            },
          },
        ],
      }),
    );
  }

  async getSession(sessionHash: string): Promise<ConsoleSession | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.session(sessionHash), ConsistentRead: true }));
    return fromItem<ConsoleSession>(item);
  }

  async touchSession(sessionHash: string, lastSeenAt: string, idleExpiresAt: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.session(sessionHash),
          UpdateExpression: 'SET #seen = :seen, #idle = :idle, #ttl = :ttl',
          ConditionExpression: EXISTS,
          ExpressionAttributeNames: { '#pk': ATTR.pk, '#seen': 'lastSeenAt', '#idle': 'idleExpiresAt', '#ttl': ATTR.ttl },
          ExpressionAttributeValues: { ':seen': lastSeenAt, ':idle': idleExpiresAt, ':ttl': ttlEpochSeconds(idleExpiresAt) },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  async endSession(sessionHash: string): Promise<void> {
    const session = await this.getSession(sessionHash);
    if (!session) return;
    await this.deleteBoth(session.email, sessionHash);
  }

  async endSessionsOf(email: string): Promise<number> {
    const { pk } = keys.personSession(email, '');
    const entries = await queryAll(this.doc, partitionQuery(this.tableName, pk, keys.personSessionPrefix));
    for (const entry of entries) await this.deleteBoth(email, String(entry.sessionHash));
    return entries.length;
  }

  private async deleteBoth(email: string, sessionHash: string): Promise<void> {
    await this.doc.send(
      new TransactWriteCommand({
        TransactItems: [
          { Delete: { TableName: this.tableName, Key: keys.session(sessionHash) } },
          { Delete: { TableName: this.tableName, Key: keys.personSession(email, sessionHash) } },
        ],
      }),
    );
  }
}
