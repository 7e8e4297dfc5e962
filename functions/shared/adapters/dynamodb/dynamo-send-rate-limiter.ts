import type { DynamoDBDocumentClient, PutCommandInput } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';

import { decideLane, releasedLane, ticketPlace, type SendLane } from '../../domain/rate-limit';
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
 *
 * Senders queue by ticket (one atomic counter): ticket n waits for lane `n mod lanes`, after the tickets
 * before it there, so each lane has one sender waiting for it instead of every sender racing for every
 * lane that frees. A sender waits on a timer for the moment its lane can free and reads only its own
 * lane; taking and giving back a lane are conditional writes on what was read. A ticket whose process
 * died is skipped, and a lane whose sender died is free again after the lease (domain/rate-limit.ts).
 */
export class DynamoSendRateLimiter implements SendRateLimiter {
  private lanes: Promise<number> | undefined;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;

  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly options: DynamoSendRateLimiterOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  async run<R>(send: () => Promise<R>): Promise<R> {
    const held = await this.acquire(await this.laneCount());
    try {
      return await send();
    } finally {
      // A lane not given back is free again after its lease: slower, never faster. The send's outcome
      // is what the caller must see; a release error must not turn a sent email into a failed one.
      await this.release(held.lane, held.round).catch(() => undefined);
    }
  }

  /** The number of lanes, from the rate read once per process; a failed read is tried again on the next send. */
  private laneCount(): Promise<number> {
    this.lanes ??= this.options.perSecond().then((rate) => {
      const lanes = Math.floor(rate);
      if (!Number.isFinite(lanes) || lanes < 1) throw new RangeError(`A send rate of ${rate} per second cannot be enforced: it must be at least 1.`);
      return lanes;
    });
    this.lanes.catch(() => (this.lanes = undefined));
    return this.lanes;
  }

  private async acquire(lanes: number): Promise<{ lane: number; round: number }> {
    for (;;) {
      const ticket = await this.takeTicket();
      const ticketAt = this.now();
      const { lane, round } = ticketPlace(ticket, lanes);
      for (;;) {
        const seen = await this.readLane(lane);
        const decision = decideLane(seen, round, ticketAt, this.now());
        if (decision.kind === 'requeue') break;
        if (decision.kind === 'wait') await this.sleep(decision.ms);
        else if (await this.takeLane(lane, seen, decision.lane)) return { lane, round };
      }
    }
  }

  private async takeTicket(): Promise<number> {
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
  }

  private async readLane(lane: number): Promise<SendLane | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.sendRateLane(lane), ConsistentRead: true }));
    return fromItem<SendLane>(item);
  }

  /** Writes `next` only if the lane is still as it was `seen`: of every sender that saw it so, one takes it. */
  private async takeLane(lane: number, seen: SendLane | undefined, next: SendLane): Promise<boolean> {
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
  }

  /** Frees the lane a second after now, if this send still holds it (its lease may have run out). */
  private async release(lane: number, round: number): Promise<void> {
    const { freeFrom } = releasedLane(round, this.now(), this.options.marginMs);
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.sendRateLane(lane),
          UpdateExpression: 'SET #freeFrom = :freeFrom REMOVE #heldSince',
          ConditionExpression: '#round = :round',
          ExpressionAttributeNames: { '#freeFrom': 'freeFrom', '#heldSince': 'heldSince', '#round': 'round' },
          ExpressionAttributeValues: { ':freeFrom': freeFrom, ':round': round },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }
}
