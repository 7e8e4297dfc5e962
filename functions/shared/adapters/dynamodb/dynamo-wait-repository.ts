import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotWaitingError, StaleVersionError } from '../../domain/errors';
import type { StoredWaitKind, WaitKind } from '../../domain/types';
import type { WaitDecision, WaitRepository } from '../../ports';
import { ATTR, keys } from '../../table/keys';
import { EXISTS, failedItemValue, isConditionFailed } from './item-mapping';
import { mapSdkErrors } from '../errors';

/**
 * The task token a callback state waits on (`WAIT#c#kind`), kept in the backend so it never travels in
 * an email. The record also counts the reminders sent (`chases`) across the tokens of one wait: each
 * timeout re-enters the waiting state with a new token, and the count decides when to escalate. The
 * answer (`decision`) is kept on it too, across tokens, until the execution has it.
 */
export class DynamoWaitRepository implements WaitRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    mapSdkErrors(doc);
  }

  /** Upserts the token; `chases` keeps its value (0 for a new wait), so re-waiting never resets it. */
  async putWait(cycleId: string, kind: StoredWaitKind, taskToken: string, at: string): Promise<void> {
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.wait(cycleId, kind),
        UpdateExpression: 'SET #cycleId = :cycleId, #kind = :kind, #taskToken = :token, #at = :at, #chases = if_not_exists(#chases, :zero)',
        ExpressionAttributeNames: { '#cycleId': 'cycleId', '#kind': 'kind', '#taskToken': 'taskToken', '#at': 'at', '#chases': 'chases' },
        ExpressionAttributeValues: { ':cycleId': cycleId, ':kind': kind, ':token': taskToken, ':at': at, ':zero': 0 },
      }),
    );
  }

  /**
   * Adds one to `chases` and records the current token as chased, on condition that this token was not
   * chased yet; a retried chase task finds it was and gets the count unchanged. NotWaitingError if the
   * wait is gone (the callback arrived and took it).
   */
  async recordChase(cycleId: string, kind: WaitKind): Promise<number> {
    const names = { '#pk': ATTR.pk, '#chases': 'chases', '#chasedToken': 'chasedToken', '#taskToken': 'taskToken' };
    try {
      const { Attributes: attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.wait(cycleId, kind),
          UpdateExpression: 'SET #chases = if_not_exists(#chases, :zero) + :one, #chasedToken = #taskToken',
          ConditionExpression: `${EXISTS} AND (attribute_not_exists(#chasedToken) OR #chasedToken <> #taskToken)`,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: { ':zero': 0, ':one': 1 },
          ReturnValues: 'UPDATED_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return attributes?.chases as number;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      if (error.Item === undefined) throw new NotWaitingError(`Cycle ${cycleId} is not waiting for ${kind}.`, { cause: error });
      return Number(failedItemValue(error.Item, 'chases') ?? 0);
    }
  }

  async getWait(cycleId: string, kind: StoredWaitKind): Promise<{ taskToken: string; at: string; decision?: WaitDecision } | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.wait(cycleId, kind), ConsistentRead: true }));
    if (item === undefined) return undefined;
    const decision = item.decision as WaitDecision | undefined;
    return { taskToken: item.taskToken as string, at: item.at as string, ...(decision ? { decision } : {}) };
  }

  /** Conditional on no answer yet, or an unfinished one claimed before `staleBefore`: of two claimants, one wins. */
  async claimDecision(cycleId: string, kind: WaitKind, by: string, at: string, staleBefore: string): Promise<WaitDecision | undefined> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.wait(cycleId, kind),
          UpdateExpression: 'SET #decision = :decision',
          ConditionExpression: `${EXISTS} AND (attribute_not_exists(#decision) OR (attribute_not_exists(#decision.#output) AND #decision.#at < :stale))`,
          ExpressionAttributeNames: { '#pk': ATTR.pk, '#decision': 'decision', '#output': 'output', '#at': 'at' },
          ExpressionAttributeValues: { ':decision': { by, at }, ':stale': staleBefore },
        }),
      );
      return undefined;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      const wait = await this.getWait(cycleId, kind);
      if (!wait) throw new NotWaitingError(`Cycle ${cycleId} is not waiting for ${kind}.`, { cause: error });
      // Taken and given up again between the two reads: nobody holds it, so try once more.
      return wait.decision ?? this.claimDecision(cycleId, kind, by, at, staleBefore);
    }
  }

  async recordDecision(cycleId: string, kind: WaitKind, by: string, output: Record<string, unknown>, outcome: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.wait(cycleId, kind),
          UpdateExpression: 'SET #decision.#output = :output, #decision.#outcome = :outcome',
          ConditionExpression: `${EXISTS} AND #decision.#by = :by`,
          ExpressionAttributeNames: { '#pk': ATTR.pk, '#decision': 'decision', '#output': 'output', '#outcome': 'outcome', '#by': 'by' },
          ExpressionAttributeValues: { ':output': output, ':outcome': outcome, ':by': by },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      throw new StaleVersionError(`The answer to ${kind} of cycle ${cycleId} is no longer claimed by this request.`, { cause: error });
    }
  }

  async releaseDecision(cycleId: string, kind: WaitKind, by: string): Promise<void> {
    try {
      await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.wait(cycleId, kind),
          UpdateExpression: 'REMOVE #decision',
          ConditionExpression: `${EXISTS} AND #decision.#by = :by AND attribute_not_exists(#decision.#output)`,
          ExpressionAttributeNames: { '#pk': ATTR.pk, '#decision': 'decision', '#output': 'output', '#by': 'by' },
          ExpressionAttributeValues: { ':by': by },
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
    }
  }

  /** Deletes on condition that the record still holds `taskToken`: of two takers, one gets true. */
  async takeWait(cycleId: string, kind: StoredWaitKind, taskToken: string): Promise<boolean> {
    try {
      await this.doc.send(
        new DeleteCommand({
          TableName: this.tableName,
          Key: keys.wait(cycleId, kind),
          ConditionExpression: '#taskToken = :token',
          ExpressionAttributeNames: { '#taskToken': 'taskToken' },
          ExpressionAttributeValues: { ':token': taskToken },
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailed(error)) return false;
      throw error;
    }
  }
}
