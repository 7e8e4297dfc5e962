import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { AlreadyExistsError, LinkNotFoundError, LinkUsedError } from '../../domain/errors';
import type { LinkRecord } from '../../domain/types';
import type { LinkRepository } from '../../ports';
import { ATTR, keys } from '../../table/keys';
import { EXISTS, failedItemValue, fromItem, IS_NEW_ITEM, isConditionFailed, ttlAfterDays } from './item-mapping';
import { mapSdkErrors } from '../errors';

/**
 * How long a link record outlives its expiry before TTL deletes it. An expired link must still be
 * found, to offer a fresh one for the same purpose, and a used one to say what was done; after this,
 * the page says the link is unknown.
 */
const RETENTION_AFTER_EXPIRY_DAYS = 90;

/** When a request claimed the link: the adapter's own, never part of the link record. */
const CLAIMED_AT = 'claimedAt';

/** Links by the SHA-256 of their token (`LINK#<hash>`); the token itself is never stored. */
export class DynamoLinkRepository implements LinkRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    mapSdkErrors(doc);
  }

  /** AlreadyExistsError on a hash collision, rather than overwrite a link (and perhaps its use). */
  async putLink(link: LinkRecord): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            ...link,
            ...keys.link(link.tokenHash),
            [ATTR.ttl]: ttlAfterDays(link.expiresAt, RETENTION_AFTER_EXPIRY_DAYS),
          },
          ...IS_NEW_ITEM,
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      throw new AlreadyExistsError('A link with this token already exists.', { cause: error });
    }
  }

  async getLink(tokenHash: string): Promise<LinkRecord | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.link(tokenHash), ConsistentRead: true }));
    return fromItem<LinkRecord>(item, [CLAIMED_AT]);
  }

  /** Conditional on the link being unused and unclaimed (or claimed before `staleBefore`). */
  async claim(tokenHash: string, at: string, staleBefore: string): Promise<boolean> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.link(tokenHash),
          UpdateExpression: 'SET #claimedAt = :at',
          ConditionExpression: `${EXISTS} AND attribute_not_exists(#usedAt) AND (attribute_not_exists(#claimedAt) OR #claimedAt < :stale)`,
          ExpressionAttributeNames: { '#pk': ATTR.pk, '#usedAt': 'usedAt', '#claimedAt': CLAIMED_AT },
          ExpressionAttributeValues: { ':at': at, ':stale': staleBefore },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  /** Only the claim made `at`: a request that lost its claim to a later one cannot release that one. */
  async release(tokenHash: string, at: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.link(tokenHash),
          UpdateExpression: 'REMOVE #claimedAt',
          ConditionExpression: `${EXISTS} AND #claimedAt = :at`,
          ExpressionAttributeNames: { '#pk': ATTR.pk, '#claimedAt': CLAIMED_AT },
          ExpressionAttributeValues: { ':at': at },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  /**
   * Conditional on `usedAt` being absent, so of two requests racing (a double click, a retried POST)
   * exactly one succeeds; the other gets LinkUsedError. LinkNotFoundError if there is no such link.
   */
  async markUsed(tokenHash: string, at: string, outcome: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.link(tokenHash),
          UpdateExpression: 'SET #usedAt = :at, #outcome = :outcome REMOVE #claimedAt',
          ConditionExpression: `${EXISTS} AND attribute_not_exists(#usedAt)`,
          ExpressionAttributeNames: { '#pk': ATTR.pk, '#usedAt': 'usedAt', '#outcome': 'outcome', '#claimedAt': CLAIMED_AT },
          ExpressionAttributeValues: { ':at': at, ':outcome': outcome },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      if (error.Item === undefined) throw new LinkNotFoundError('This link is not known.', { cause: error });
      throw new LinkUsedError(`This link was already used at ${String(failedItemValue(error.Item, 'usedAt'))}.`, { cause: error });
    }
  }
}
