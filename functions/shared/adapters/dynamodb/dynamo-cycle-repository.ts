import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { AlreadyExistsError, NotFoundError, StaleVersionError, ValidationError } from '../../domain/errors';
import type { AgendaItem, Attendance, Cycle, PackOpened, MinutesVersion, Paper, Proposal } from '../../domain/types';
import type { CycleRepository } from '../../ports';
import { ATTR, GSI1, keys } from '../../table/keys';
import type { Item } from './item-mapping';
import {
  batchWriteAll,
  EXISTS,
  failedItemValue,
  fromItem,
  fromItems,
  IS_NEW_ITEM,
  isConditionFailed,
  partitionQuery,
  queryAll,
  updateExpression,
} from './item-mapping';
import { mapSdkErrors } from '../errors';

/**
 * Two writers racing for the next paper or minutes version: the loser reads the new latest and tries
 * the next number. More than a handful of collisions means something is hammering the record.
 */
const VERSION_ATTEMPTS = 5;

/**
 * A cycle (`BOARD#b / CYCLE#c`, also under GSI1 `CYCLE#c` for lookup by id alone) and the records that
 * hang off it in the `CYCLE#c` partition: agenda items, proposals, paper and minutes versions.
 */
/** Attempts of a read-modify-write on a cycle before a conflict is reported. */
const UPDATE_ATTEMPTS = 5;

export class DynamoCycleRepository implements CycleRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    mapSdkErrors(doc);
  }

  /** AlreadyExistsError if a cycle with this id exists on the board. */
  async createCycle(cycle: Cycle): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...cycle, ...keys.cycle(cycle.boardId, cycle.cycleId), ...keys.cycleById(cycle.cycleId) },
          ...IS_NEW_ITEM,
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      throw new AlreadyExistsError(`Cycle ${cycle.cycleId} already exists on board ${cycle.boardId}.`, { cause: error });
    }
  }

  async getCycle(boardId: string, cycleId: string): Promise<Cycle | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.cycle(boardId, cycleId), ConsistentRead: true }));
    return fromItem<Cycle>(item);
  }

  /**
   * Through GSI1, which is eventually consistent on AWS: a cycle created a moment ago may not be found
   * yet. Callers that have the board id should use getCycle.
   */
  async findCycle(cycleId: string): Promise<Cycle | undefined> {
    const { gsi1pk, gsi1sk } = keys.cycleById(cycleId);
    const { Items: items = [] } = await this.doc.send(
      new QueryCommand({
        TableName: this.tableName,
        IndexName: GSI1,
        KeyConditionExpression: '#gpk = :gpk AND #gsk = :gsk',
        ExpressionAttributeNames: { '#gpk': ATTR.gsi1pk, '#gsk': ATTR.gsi1sk },
        ExpressionAttributeValues: { ':gpk': gsi1pk, ':gsk': gsi1sk },
        Limit: 1,
      }),
    );
    return fromItem<Cycle>(items[0]);
  }

  async listCycles(boardId: string): Promise<Cycle[]> {
    const items = await queryAll(this.doc, partitionQuery(this.tableName, keys.boardMeta(boardId).pk, keys.cyclePrefix));
    return fromItems<Cycle>(items);
  }

  /**
   * Reads the cycle, applies `change` and writes the whole record back on condition that the version
   * is still the one read. A concurrent writer makes this throw StaleVersionError (retryable) rather
   * than overwrite: the caller re-runs its change on the fresh record. NotFoundError if there is none.
   */
  /**
   * Re-reads and re-applies `change` when another writer got in first (a version conflict): the change
   * is a function of the current record, so the retry builds on the other write instead of losing it.
   * Gives up with StaleVersionError after a few attempts of sustained contention.
   */
  async updateCycle(boardId: string, cycleId: string, change: (c: Cycle) => Partial<Cycle>): Promise<Cycle> {
    for (let attempt = 1; ; attempt++) {
      const current = await this.getCycle(boardId, cycleId);
      if (current === undefined) throw new NotFoundError(`Cycle ${cycleId} of board ${boardId} does not exist.`);
      const next: Cycle = { ...current, ...change(current), boardId, cycleId, version: current.version + 1 };
      try {
        await this.doc.send(
          new PutCommand({
            TableName: this.tableName,
            Item: { ...next, ...keys.cycle(boardId, cycleId), ...keys.cycleById(cycleId) },
            ConditionExpression: '#version = :read',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':read': current.version },
          }),
        );
        return next;
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
        if (attempt >= UPDATE_ATTEMPTS) {
          throw new StaleVersionError(`Cycle ${cycleId} kept changing while it was updated (${attempt} attempts).`, { cause: error });
        }
      }
    }
  }

  /**
   * Replaces the cycle's agenda with `items`: numbers are positions on the agenda, so an item missing
   * from the new list is deleted rather than left behind at its old position. Not atomic, but
   * idempotent: a retried call converges on the same agenda.
   */
  async putItems(cycleId: string, items: AgendaItem[]): Promise<void> {
    const numbers = new Set(items.map((item) => item.number));
    if (numbers.size !== items.length) throw new ValidationError(`Agenda of cycle ${cycleId} numbers an item twice.`);
    const existing = await this.listItems(cycleId);
    await batchWriteAll(this.doc, this.tableName, [
      ...items.map((item) => ({ PutRequest: { Item: { ...item, cycleId, ...keys.item(cycleId, item.number) } as Item } })),
      ...existing.filter((item) => !numbers.has(item.number)).map((item) => ({ DeleteRequest: { Key: keys.item(cycleId, item.number) } })),
    ]);
  }

  /** In agenda order (the sort key pads the number). */
  async listItems(cycleId: string): Promise<AgendaItem[]> {
    const items = await queryAll(this.doc, partitionQuery(this.tableName, keys.cycleParts(cycleId).pk, keys.itemPrefix));
    return fromItems<AgendaItem>(items);
  }

  /** AlreadyExistsError if the proposal id was used before (a replayed form post). */
  async addProposal(proposal: Proposal): Promise<void> {
    try {
      await this.doc.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...proposal, ...keys.proposal(proposal.cycleId, proposal.proposalId) },
          ...IS_NEW_ITEM,
        }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      throw new AlreadyExistsError(`Proposal ${proposal.proposalId} already exists.`, { cause: error });
    }
  }

  async setAttendance(attendance: Attendance): Promise<void> {
    await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...attendance, ...keys.attendance(attendance.cycleId, attendance.memberId) } }));
  }

  async listAttendance(cycleId: string): Promise<Attendance[]> {
    const items = await queryAll(this.doc, partitionQuery(this.tableName, keys.cycleParts(cycleId).pk, keys.attendancePrefix));
    return fromItems<Attendance>(items);
  }

  async recordPackOpened(cycleId: string, memberId: string, at: string): Promise<void> {
    // One atomic update, so two tabs opening at once both count and neither loses the first time.
    await this.doc.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: keys.packOpened(cycleId, memberId),
        UpdateExpression: 'SET #cycleId = :cycleId, #memberId = :memberId, #firstAt = if_not_exists(#firstAt, :at), #lastAt = :at ADD #count :one',
        ExpressionAttributeNames: { '#cycleId': 'cycleId', '#memberId': 'memberId', '#firstAt': 'firstAt', '#lastAt': 'lastAt', '#count': 'count' },
        ExpressionAttributeValues: { ':cycleId': cycleId, ':memberId': memberId, ':at': at, ':one': 1 },
      }),
    );
  }

  async listPackOpens(cycleId: string): Promise<PackOpened[]> {
    const items = await queryAll(this.doc, partitionQuery(this.tableName, keys.cycleParts(cycleId).pk, keys.packOpenedPrefix));
    return fromItems<PackOpened>(items);
  }

  async listProposals(cycleId: string): Promise<Proposal[]> {
    const items = await queryAll(this.doc, partitionQuery(this.tableName, keys.cycleParts(cycleId).pk, keys.proposalPrefix));
    return fromItems<Proposal>(items);
  }

  /**
   * Version = the item's latest + 1 (papers and appendices share the numbers), claimed with a conditional
   * put; a collision retries with the next. New records always state their kind; old ones have none and
   * are papers.
   */
  async addPaper(paper: Omit<Paper, 'version'>): Promise<Paper> {
    const record = { ...paper, kind: paper.kind ?? 'paper' };
    return this.addVersion(
      keys.paperItemPrefix(paper.itemNumber),
      paper.cycleId,
      (version) => ({ ...record, version }),
      (version) => keys.paper(paper.cycleId, paper.itemNumber, version),
      `paper for item ${paper.itemNumber} of cycle ${paper.cycleId}`,
    );
  }

  /** Every version of every paper and every appendix, by item then version. */
  async listPapers(cycleId: string): Promise<Paper[]> {
    const items = await queryAll(this.doc, partitionQuery(this.tableName, keys.cycleParts(cycleId).pk, keys.paperPrefix));
    return fromItems<Paper>(items);
  }

  /** Version = latest + 1, claimed with a conditional put; a collision retries with the next. */
  async addMinutes(minutes: Omit<MinutesVersion, 'version'>): Promise<MinutesVersion> {
    return this.addVersion(
      keys.minutesPrefix,
      minutes.cycleId,
      (version) => ({ ...minutes, version }),
      (version) => keys.minutes(minutes.cycleId, version),
      `minutes of cycle ${minutes.cycleId}`,
    );
  }

  async getMinutes(cycleId: string, version: number): Promise<MinutesVersion | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.minutes(cycleId, version), ConsistentRead: true }));
    return fromItem<MinutesVersion>(item);
  }

  async latestMinutes(cycleId: string): Promise<MinutesVersion | undefined> {
    return fromItem<MinutesVersion>(await this.latest(keys.cycleParts(cycleId).pk, keys.minutesPrefix));
  }

  async listMinutes(cycleId: string): Promise<MinutesVersion[]> {
    const items = await queryAll(this.doc, partitionQuery(this.tableName, keys.cycleParts(cycleId).pk, keys.minutesPrefix));
    return fromItems<MinutesVersion>(items);
  }

  /**
   * Changes a minutes version only while its status is still `expectedStatus`: the status is what two
   * writers race on (the chair approving while the secretariat resubmits). StaleVersionError if the
   * status moved on, NotFoundError if there is no such version. Keys and version cannot be changed.
   */
  async updateMinutes(cycleId: string, version: number, change: Partial<MinutesVersion>, expectedStatus: MinutesVersion['status']): Promise<MinutesVersion> {
    const { cycleId: _cycleId, version: _version, ...fields } = change;
    // Setting the status to itself keeps the expression non-empty when only the condition matters.
    const update = updateExpression({ status: expectedStatus, ...fields });
    try {
      const { Attributes: attributes } = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.minutes(cycleId, version),
          UpdateExpression: update.expression,
          ConditionExpression: `${EXISTS} AND #expectedStatus = :expectedStatus`,
          ExpressionAttributeNames: { ...update.names, '#pk': ATTR.pk, '#expectedStatus': 'status' },
          ExpressionAttributeValues: { ...update.values, ':expectedStatus': expectedStatus },
          ReturnValues: 'ALL_NEW',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      );
      return fromItem<MinutesVersion>(attributes) as MinutesVersion;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      if (error.Item === undefined) throw new NotFoundError(`Minutes version ${version} of cycle ${cycleId} does not exist.`, { cause: error });
      throw new StaleVersionError(
        `Minutes version ${version} of cycle ${cycleId} is ${String(failedItemValue(error.Item, 'status'))}, not ${expectedStatus}.`,
        { cause: error },
      );
    }
  }

  private async latest(pk: string, skPrefix: string): Promise<Item | undefined> {
    const { Items: items = [] } = await this.doc.send(new QueryCommand({ ...partitionQuery(this.tableName, pk, skPrefix), ScanIndexForward: false, Limit: 1 }));
    return items[0] as Item | undefined;
  }

  private async addVersion<T extends { version: number }>(
    skPrefix: string,
    cycleId: string,
    record: (version: number) => T,
    key: (version: number) => { pk: string; sk: string },
    what: string,
  ): Promise<T> {
    for (let attempt = 1; attempt <= VERSION_ATTEMPTS; attempt++) {
      const latest = fromItem<{ version: number }>(await this.latest(keys.cycleParts(cycleId).pk, skPrefix));
      const next = record((latest?.version ?? 0) + 1);
      try {
        await this.doc.send(new PutCommand({ TableName: this.tableName, Item: { ...next, ...key(next.version) }, ...IS_NEW_ITEM }));
        return next;
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    }
    throw new StaleVersionError(`Gave up numbering the next ${what} after ${VERSION_ATTEMPTS} collisions.`);
  }
}
