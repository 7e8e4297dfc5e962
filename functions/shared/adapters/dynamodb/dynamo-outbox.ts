import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError } from '../../domain/errors';
import type { DeliveryReport, Outbox, OutboxEntry, OutboxMessageMeta, OutboxState, TaskAttempt } from '../../ports';
import { ATTR, GSI1, keys } from '../../table/keys';
import { cycleOfOutboxKey } from '../../table/outbox-keys';
import { EXISTS, fromItem, IS_NEW_ITEM, isConditionFailed, queryAll, ttlAfterDays } from './item-mapping';
import { mapSdkErrors } from '../errors';

/**
 * How long a claim is remembered. It must outlast every retry and re-run of the task that sent the
 * message (a cycle with its follow-ups spans months); after that TTL only keeps the table small.
 */
const RETENTION_DAYS = 400;

/** The condition of a claim that may replace an unsent one: stale, or left by an earlier run of this task. */
function takeOver(staleBefore: string, attempt: TaskAttempt | undefined) {
  const names = { '#pk': ATTR.pk, '#status': 'status', '#claimedAt': 'claimedAt' };
  const values = { ':claimed': 'claimed', ':staleBefore': staleBefore };
  if (!attempt) {
    return {
      ConditionExpression: 'attribute_not_exists(#pk) OR (#status = :claimed AND #claimedAt < :staleBefore)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    };
  }
  return {
    ConditionExpression:
      'attribute_not_exists(#pk) OR (#status = :claimed AND (#claimedAt < :staleBefore OR ' +
      '(#claimScope = :scope AND #claimedBy <> :by AND #claimedAt <= :startedAt)))',
    ExpressionAttributeNames: { ...names, '#claimScope': 'claimScope', '#claimedBy': 'claimedBy' },
    ExpressionAttributeValues: { ...values, ':scope': attempt.scope, ':by': attempt.by, ':startedAt': attempt.startedAt },
  };
}

/** `OUTBOX#<key>` records: claimed before a send, marked sent after it, so a retry never sends twice. */
export class DynamoOutbox implements Outbox {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    mapSdkErrors(doc);
  }

  /**
   * A conditional put: of any number of concurrent or repeated claims, exactly one gets true. A stale
   * claim (still `claimed`, taken before `staleBefore`), or one an earlier run of the same task left
   * (same `claimScope`, another `claimedBy`, taken no later than this run started), is replaced the
   * same way: the first taker writes its own claim, so the condition fails for every other. The same
   * put records what the email is and, for a cycle's key, lists it under the cycle (GSI1).
   */
  async claim(key: string, at: string, staleBefore?: string, attempt?: TaskAttempt, message?: OutboxMessageMeta): Promise<boolean> {
    const owner = attempt ? { claimScope: attempt.scope, claimedBy: attempt.by } : {};
    const cycleId = cycleOfOutboxKey(key);
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            status: 'claimed',
            claimedAt: at,
            ...owner,
            ...(message ? { message } : {}),
            ...keys.outbox(key),
            ...(cycleId ? keys.outboxByCycle(cycleId, at, key) : {}),
            [ATTR.ttl]: ttlAfterDays(at, RETENTION_DAYS),
          },
          ...(staleBefore === undefined ? IS_NEW_ITEM : takeOver(staleBefore, attempt)),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }

  /**
   * NotFoundError if the key was never claimed (or the claim was released): sending unclaimed is a bug.
   * The way back from SES's id is written first: a bounce may be reported the moment the claim says sent.
   */
  async markSent(key: string, messageId: string): Promise<void> {
    await this.doc.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { key, ...keys.sentMessage(messageId), [ATTR.ttl]: ttlAfterDays(new Date().toISOString(), RETENTION_DAYS) },
      }),
    );
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.outbox(key),
          UpdateExpression: 'SET #status = :sent, #messageId = :messageId',
          ConditionExpression: EXISTS,
          ExpressionAttributeNames: { '#pk': ATTR.pk, '#status': 'status', '#messageId': 'messageId' },
          ExpressionAttributeValues: { ':sent': 'sent', ':messageId': messageId },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      throw new NotFoundError(`Outbox key ${key} was not claimed.`, { cause: error });
    }
  }

  /** NotFoundError unless the key is claimed and not sent: only a claim may become a withheld email. */
  async markWithheld(key: string, reason: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.outbox(key),
          UpdateExpression: 'SET #status = :suppressed, #withheld = :reason',
          ConditionExpression: '#status = :claimed',
          ExpressionAttributeNames: { '#status': 'status', '#withheld': 'withheld' },
          ExpressionAttributeValues: { ':suppressed': 'suppressed', ':reason': reason, ':claimed': 'claimed' },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      throw new NotFoundError(`Outbox key ${key} is not an unsent claim.`, { cause: error });
    }
  }

  async findSent(messageId: string): Promise<OutboxEntry | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.sentMessage(messageId) }));
    const key = typeof item?.key === 'string' ? item.key : undefined;
    const state = key === undefined ? undefined : await this.get(key);
    return key !== undefined && state !== undefined ? { ...state, key } : undefined;
  }

  /** A delay is written only where nothing or another delay is: it must not hide a bounce or complaint. */
  async recordDelivery(key: string, report: DeliveryReport): Promise<void> {
    const delayOnly = report.state === 'delayed' ? ' AND (attribute_not_exists(#delivery) OR #delivery.#state = :delayed)' : '';
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.outbox(key),
          UpdateExpression: 'SET #delivery = :report',
          ConditionExpression: `${EXISTS}${delayOnly}`,
          ExpressionAttributeNames: { '#pk': ATTR.pk, '#delivery': 'delivery', ...(delayOnly ? { '#state': 'state' } : {}) },
          ExpressionAttributeValues: { ':report': report, ...(delayOnly ? { ':delayed': 'delayed' } : {}) },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      if ((await this.get(key)) === undefined) throw new NotFoundError(`Outbox key ${key} was not claimed.`, { cause: error });
    }
  }

  /**
   * Deletes the record only while it is the claim made at `claimedAt`: a sent message must never
   * become sendable again, and a stale claim another attempt has taken over is that attempt's.
   */
  async release(key: string, claimedAt: string): Promise<void> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.outbox(key),
          ConditionExpression: '#status = :claimed AND #claimedAt = :claimedAt',
          ExpressionAttributeNames: { '#status': 'status', '#claimedAt': 'claimedAt' },
          ExpressionAttributeValues: { ':claimed': 'claimed', ':claimedAt': claimedAt },
        }),
      );
    } catch (error) {
      // Already sent, taken over or never claimed: there is nothing of ours to give up.
      if (!isConditionFailed(error)) throw error;
    }
  }

  /** Through GSI1, eventually consistent on AWS: an email claimed a moment ago may be missing for a moment. */
  async listForCycle(cycleId: string): Promise<OutboxEntry[]> {
    const { gsi1pk } = keys.outboxByCycle(cycleId, '', '');
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: GSI1,
      KeyConditionExpression: '#gpk = :gpk',
      ExpressionAttributeNames: { '#gpk': ATTR.gsi1pk },
      ExpressionAttributeValues: { ':gpk': gsi1pk },
    });
    return items.map((item) => ({ ...(fromItem<OutboxState>(item) as OutboxState), key: String(item[ATTR.pk]).slice(keys.outboxPrefix.length) }));
  }

  async get(key: string): Promise<OutboxState | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.outbox(key), ConsistentRead: true }));
    return fromItem<OutboxState>(item);
  }
}
