import { randomBytes, randomUUID } from 'node:crypto';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import type { Decision } from '../../domain/decisions';
import { NotFoundError, StaleVersionError, ValidationError } from '../../domain/errors';
import type { Action, ActionEvent } from '../../domain/types';
import type { ActionChange, ActionRepository } from '../../ports';
import { ATTR, keys } from '../../table/keys';
import {
  batchGetAll,
  fromItem,
  fromItems,
  IS_NEW_ITEM,
  isTransactionConflict,
  partitionQuery,
  queryAll,
  transactionConditionFailures,
  updateExpression,
  type Item,
} from './item-mapping';
import { mapSdkErrors } from '../errors';
import type { AuditNote } from '../../domain/audit';
import { DynamoAuditTrail } from './dynamo-audit-trail';

/** One transaction: the counter, the source marker and the actions, within the 100-action limit. */
const MAX_ACTIONS_PER_SOURCE = 98;
/** Two extractions for one board at once (different minutes) race on the counter; the loser re-reads. */
const ALLOCATION_ATTEMPTS = 5;

type NewAction = Omit<Action, 'number' | 'version' | 'actionId' | 'boardId'>;

/** The fields `recordChange` may write; anything else on a change object is ignored. */
const CHANGEABLE = ['status', 'due', 'ownerMemberIds', 'pendingDue', 'pendingDelegation'] as const satisfies readonly (keyof ActionChange)[];

/**
 * Actions (`BOARD#b / ACTION#a`) with their per-board numbers (`COUNTER#action`), the marker that makes
 * extraction idempotent (`ACTIONSOURCE#<sourceKey>`), and each action's history (`ACTION#a / EVENT#…`).
 */
export class DynamoActionRepository implements ActionRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    mapSdkErrors(doc);
  }

  /**
   * Creates the actions of one source (e.g. an approved minutes version) once. The counter update, the
   * source marker (holding the new ids in order) and the actions are one transaction, conditional on the
   * counter value read and on the marker being new, so: numbers are consecutive with no gaps, two
   * sources never get the same number, and a retry, even concurrent, returns the actions first created
   * with their numbers. At most 98 actions per source (the transaction limit).
   */
  async createActions(boardId: string, sourceKey: string, actions: NewAction[]): Promise<Action[]> {
    if (actions.length > MAX_ACTIONS_PER_SOURCE) {
      throw new ValidationError(`At most ${MAX_ACTIONS_PER_SOURCE} actions can be created from one source; got ${actions.length}.`);
    }
    for (let attempt = 1; attempt <= ALLOCATION_ATTEMPTS; attempt++) {
      const created = await this.actionsOfSource(boardId, sourceKey);
      if (created !== undefined) return created;
      if (actions.length === 0) return [];

      const counter = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.actionCounter(boardId), ConsistentRead: true }));
      const last = (counter.Item?.lastNumber as number | undefined) ?? 0;
      const fresh: Action[] = actions.map((action, i) => ({
        ...action,
        boardId,
        actionId: randomUUID(),
        number: last + i + 1,
        version: 1,
      }));
      try {
        await this.doc.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: this.tableName,
                  Key: keys.actionCounter(boardId),
                  UpdateExpression: 'SET #last = :next',
                  ConditionExpression: 'attribute_not_exists(#pk) OR #last = :read',
                  ExpressionAttributeNames: { '#pk': ATTR.pk, '#last': 'lastNumber' },
                  ExpressionAttributeValues: { ':next': last + fresh.length, ':read': last },
                },
              },
              {
                Put: {
                  TableName: this.tableName,
                  Item: { actionIds: fresh.map((action) => action.actionId), ...keys.actionSource(boardId, sourceKey) },
                  ...IS_NEW_ITEM,
                },
              },
              ...fresh.map((action) => ({
                Put: { TableName: this.tableName, Item: { ...action, ...keys.action(boardId, action.actionId) }, ...IS_NEW_ITEM },
              })),
            ],
          }),
        );
        return fresh;
      } catch (error) {
        // The counter moved or the source was created meanwhile: the next pass re-reads both.
        if (transactionConditionFailures(error) === undefined && !isTransactionConflict(error)) throw error;
      }
    }
    throw new StaleVersionError(`Could not allocate action numbers on board ${boardId} after ${ALLOCATION_ATTEMPTS} attempts.`);
  }

  async getAction(boardId: string, actionId: string): Promise<Action | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.action(boardId, actionId), ConsistentRead: true }));
    return fromItem<Action>(item);
  }

  /** By number. The filter runs after the read: a board has hundreds of actions, not millions. */
  async listActions(boardId: string, filter: { cycleId?: string; status?: Action['status'] } = {}): Promise<Action[]> {
    const query = partitionQuery(this.tableName, keys.boardMeta(boardId).pk, keys.actionPrefix);
    const conditions: string[] = [];
    if (filter.cycleId !== undefined) {
      conditions.push('#cycleId = :cycleId');
      query.ExpressionAttributeNames = { ...query.ExpressionAttributeNames, '#cycleId': 'cycleId' };
      query.ExpressionAttributeValues = { ...query.ExpressionAttributeValues, ':cycleId': filter.cycleId };
    }
    if (filter.status !== undefined) {
      conditions.push('#status = :status');
      query.ExpressionAttributeNames = { ...query.ExpressionAttributeNames, '#status': 'status' };
      query.ExpressionAttributeValues = { ...query.ExpressionAttributeValues, ':status': filter.status };
    }
    if (conditions.length > 0) query.FilterExpression = conditions.join(' AND ');
    const actions = fromItems<Action>(await queryAll(this.doc, query));
    return actions.sort((a, b) => a.number - b.number);
  }

  /**
   * Writes the event and the action's new status and version in one transaction, conditional on the
   * version the caller read. StaleVersionError (retryable) when another update got there first, or is
   * in flight on the same action: the caller re-reads and records again, so no update is lost.
   */
  async recordUpdate(boardId: string, actionId: string, expectedVersion: number, event: ActionEvent): Promise<Action> {
    return this.recordChange(boardId, actionId, expectedVersion, { status: event.status }, [event]);
  }

  /**
   * The change to the action (with the next version) and its history entries are one transaction,
   * conditional on the version the caller read, so a decision taken on a stale read is never written.
   * Entries of one change keep their order, and entries written at the same instant sort by the version
   * they made, which is the order the writes won.
   */
  async recordChange(
    boardId: string,
    actionId: string,
    expectedVersion: number,
    change: ActionChange,
    events: ActionEvent[],
    note?: AuditNote,
  ): Promise<Action> {
    const current = await this.getAction(boardId, actionId);
    if (current === undefined) throw new NotFoundError(`Action ${actionId} of board ${boardId} does not exist.`);
    const stale = (cause?: unknown): StaleVersionError =>
      new StaleVersionError(`Action ${actionId} changed since version ${expectedVersion} was read.`, { cause });
    if (current.version !== expectedVersion) throw stale();

    const next = expectedVersion + 1;
    const fields: Item = {};
    for (const field of CHANGEABLE) {
      const value = change[field];
      // null removes the attribute (updateExpression REMOVEs an undefined value); absent leaves it alone.
      if (value !== undefined) fields[field] = value === null ? undefined : value;
    }
    const update = updateExpression({ ...fields, version: next });
    const nonce = randomBytes(4).toString('hex');
    const order = String(next).padStart(8, '0');
    // The audit entry joins the change's transaction: another append moving the trail on first is a
    // stale read like any other, and the caller's retry reads both again.
    const audit = note ? (await new DynamoAuditTrail(this.doc, this.tableName).writesFor(boardId, note)).items : [];
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Update: {
                TableName: this.tableName,
                Key: keys.action(boardId, actionId),
                UpdateExpression: update.expression,
                ConditionExpression: '#expectedVersion = :expected',
                ExpressionAttributeNames: { ...update.names, '#expectedVersion': 'version' },
                ExpressionAttributeValues: { ...update.values, ':expected': expectedVersion },
              },
            },
            ...events.map((event, i) => ({
              Put: {
                TableName: this.tableName,
                Item: { ...event, actionId, ...keys.actionEvent(actionId, event.at, `${order}.${i}.${nonce}`) },
                ...IS_NEW_ITEM,
              },
            })),
            ...audit,
          ],
        }),
      );
    } catch (error) {
      if (transactionConditionFailures(error) !== undefined || isTransactionConflict(error)) throw stale(error);
      throw error;
    }
    const updated: Action = { ...current, version: next };
    for (const field of CHANGEABLE) {
      const value = change[field];
      if (value === null) Reflect.deleteProperty(updated, field);
      else if (value !== undefined) Object.assign(updated, { [field]: value });
    }
    return updated;
  }

  /** Oldest first. */
  async listEvents(actionId: string): Promise<ActionEvent[]> {
    const items = await queryAll(this.doc, partitionQuery(this.tableName, keys.actionHistory(actionId).pk, keys.actionEventPrefix));
    return fromItems<ActionEvent>(items);
  }

  /** The actions a source created, in creation order; undefined if the source is new. */
  private async actionsOfSource(boardId: string, sourceKey: string): Promise<Action[] | undefined> {
    const { Item: marker } = await this.doc.send(
      new GetCommand({ TableName: this.tableName, Key: keys.actionSource(boardId, sourceKey), ConsistentRead: true }),
    );
    if (marker === undefined) return undefined;
    const ids = marker.actionIds as string[];
    const found = fromItems<Action>(
      await batchGetAll(
        this.doc,
        this.tableName,
        ids.map((id) => keys.action(boardId, id)),
      ),
    );
    const byId = new Map(found.map((action) => [action.actionId, action]));
    return ids.flatMap((id) => {
      const action = byId.get(id);
      return action === undefined ? [] : [action];
    });
  }

  async putDecisions(boardId: string, decisions: readonly Decision[]): Promise<void> {
    // Unconditional puts on keys fixed by meeting and number: a retry rewrites the same records.
    for (const decision of decisions) {
      await this.doc.send(
        new PutCommand({ TableName: this.tableName, Item: { ...decision, boardId, ...keys.decision(boardId, decision.cycleId, decision.number) } }),
      );
    }
  }

  async listDecisions(boardId: string): Promise<Decision[]> {
    return fromItems<Decision>(await queryAll(this.doc, partitionQuery(this.tableName, keys.boardMeta(boardId).pk, keys.decisionPrefix)));
  }
}
