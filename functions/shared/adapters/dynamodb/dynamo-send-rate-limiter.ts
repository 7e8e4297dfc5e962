import type { DynamoDBDocumentClient, PutCommandInput } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

import type { SendLane } from '../../domain/rate-limit';
import { makeSharedRateLimiter, type SendLaneStore } from '../../services/send-rate';
import type { SendRateLimiter } from '../../ports';
import { ATTR, keys } from '../../table/keys';
import { fromItem, isConditionFailed } from './item-mapping';

/** How the limiter learns the rate and keeps time. */
export interface DynamoSendRateLimiterOptions {
  /**
   * Sends per second for the account (SES's MaxSendRate, capped by configuration); read on the first
   * send and kept for the life of the process. A fractional rate is rounded down; it must be at least 1.
   */
  perSecond: () => Promise<number>;
  /** Epoch milliseconds, the same clock on every process: lanes are shared through the table. `Date.now` when omitted. */
  now?: () => number;
  /** Resolves after `ms` milliseconds; `setTimeout` when omitted. */
  sleep?: (ms: number) => Promise<void>;
  /** Milliseconds added to the one-second window, for clocks that differ between hosts. 0 when omitted. */
  marginMs?: number;
}

/**
 * The send rate shared by every process through the table (`SENDRATE` items, table/keys.ts): one lane
 * per send per second, each held by one send from before it starts until a second after it ends, so no
 * one-second window at SES holds more sends than there are lanes, however many functions send at once.
 * Senders queue by ticket, one atomic counter, and each reads only its own lane
 * (services/send-rate.ts, `makeSharedRateLimiter`, over the pure decisions of domain/rate-limit.ts); taking and freeing a lane are conditional writes.
 */
export class DynamoSendRateLimiter implements SendRateLimiter {
  private readonly limiter: SendRateLimiter;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    options: DynamoSendRateLimiterOptions,
  ) {
    this.limiter = makeSharedRateLimiter(this.store, {
      perSecond: options.perSecond,
      now: options.now ?? Date.now,
      sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
      ...(options.marginMs === undefined ? {} : { marginMs: options.marginMs }),
    });
  }

  run<R>(send: (mayStart: () => Promise<void>) => Promise<R>): Promise<R> {
    return this.limiter.run(send);
  }

  private readonly store: SendLaneStore = {
    takeTicket: async () => {
      const { Attributes: after } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.sendRateTickets,
          UpdateExpression: 'ADD #issued :one',
          ExpressionAttributeNames: { '#issued': 'issued' },
          ExpressionAttributeValues: { ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(after?.issued) - 1;
    },

    readLane: async (lane) => {
      const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.sendRateLane(lane), ConsistentRead: true }));
      return fromItem<SendLane>(item);
    },

    replaceLane: async (lane, seen, next) => {
      const condition: Pick<PutCommandInput, 'ConditionExpression' | 'ExpressionAttributeNames' | 'ExpressionAttributeValues'> =
        seen === undefined
          ? { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': ATTR.pk } }
          : {
              ConditionExpression: `#round = :round AND #freeFrom = :freeFrom AND ${seen.heldSince === undefined ? 'attribute_not_exists(#heldSince)' : '#heldSince = :heldSince'}`,
              ExpressionAttributeNames: { '#round': 'round', '#freeFrom': 'freeFrom', '#heldSince': 'heldSince' },
              ExpressionAttributeValues: {
                ':round': seen.round,
                ':freeFrom': seen.freeFrom,
                ...(seen.heldSince === undefined ? {} : { ':heldSince': seen.heldSince }),
              },
            };
      try {
        await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...keys.sendRateLane(lane), ...next }, ...condition }));
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    releaseLane: async (lane, released) => {
      try {
        await this.doc.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: keys.sendRateLane(lane),
            UpdateExpression: 'SET #freeFrom = :freeFrom REMOVE #heldSince',
            ConditionExpression: '#round = :round',
            ExpressionAttributeNames: { '#freeFrom': 'freeFrom', '#heldSince': 'heldSince', '#round': 'round' },
            ExpressionAttributeValues: { ':freeFrom': released.freeFrom, ':round': released.round },
          }),
        );
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    },
  };
}
