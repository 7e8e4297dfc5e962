import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { AlreadyExistsError } from '../../domain/errors';
import type { SignInRecord, SignInRepository } from '../../ports';
import { ATTR, keys } from '../../table/keys';
import { mapSdkErrors } from '../errors';
import { EXISTS, fromItem, IS_NEW_ITEM, isConditionFailed, ttlAfterDays, ttlEpochSeconds } from './item-mapping';

/** A day after expiry a used or expired link still says so; then TTL removes it and it is unknown. */
const RETENTION_AFTER_EXPIRY_DAYS = 1;

/** Console sign-in links by the SHA-256 of their token (`SIGNIN#<hash>`), and the counters that limit asking. */
export class DynamoSignInRepository implements SignInRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    mapSdkErrors(doc);
  }

  async putSignIn(record: SignInRecord): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...record, ...keys.signIn(record.tokenHash), [ATTR.ttl]: ttlAfterDays(record.expiresAt, RETENTION_AFTER_EXPIRY_DAYS) },
          ...IS_NEW_ITEM,
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      throw new AlreadyExistsError('A sign-in link with this token already exists.', { cause: error });
    }
  }

  async getSignIn(tokenHash: string): Promise<SignInRecord | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.signIn(tokenHash), ConsistentRead: true }));
    return fromItem<SignInRecord>(item);
  }

  /** Conditional on the record existing unused, so of a double click exactly one request signs in. */
  async claimSignIn(tokenHash: string, at: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.signIn(tokenHash),
          UpdateExpression: 'SET #usedAt = :at',
          ConditionExpression: `${EXISTS} AND attribute_not_exists(#usedAt)`,
          ExpressionAttributeNames: { '#pk': ATTR.pk, '#usedAt': 'usedAt' },
          ExpressionAttributeValues: { ':at': at },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  async releaseSignIn(tokenHash: string, at: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.signIn(tokenHash),
          UpdateExpression: 'REMOVE #usedAt',
          ConditionExpression: `${EXISTS} AND #usedAt = :at`,
          ExpressionAttributeNames: { '#pk': ATTR.pk, '#usedAt': 'usedAt' },
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  /** One conditional ADD: two requests racing for the last place cannot both get it. */
  async countAttempt(scope: string, windowStart: string, limit: number, forgetAfter: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.signInAttempts(scope, windowStart),
          UpdateExpression: 'SET #ttl = :ttl ADD #count :one',
          ConditionExpression: 'attribute_not_exists(#count) OR #count < :limit',
          ExpressionAttributeNames: { '#count': 'attempts', '#ttl': ATTR.ttl },
          ExpressionAttributeValues: { ':one': 1, ':limit': limit, ':ttl': ttlEpochSeconds(forgetAfter) },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }
}
