import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DeleteCommand, GetCommand, PutCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { AlreadyExistsError, NotFoundError, StaleVersionError } from '../../domain/errors';
import { newLinkEpoch } from '../../domain/member-identity';
import type { Board, Member } from '../../domain/types';
import type { BoardRepository } from '../../ports';
import { ATTR, GSI1, keys } from '../../table/keys';
import type { Item } from './item-mapping';
import {
  batchGetAll,
  chunk,
  fromItem,
  fromItems,
  IS_NEW_ITEM,
  isConditionFailed,
  partitionQuery,
  queryAll,
  transactionConditionFailures,
} from './item-mapping';
import { mapSdkErrors } from '../errors';
import type { AuditNote } from '../../domain/audit';
import { DynamoAuditTrail } from './dynamo-audit-trail';

/** TransactWriteItems takes at most 100 actions; each member costs three (member, email and id markers). */
const MEMBERS_PER_TRANSACTION = 33;

/** Why a member's write was refused, by its place among the member's three writes. */
const refusalOf = (member: Member, write: number): AlreadyExistsError =>
  [
    new AlreadyExistsError(`Member ${member.memberId} is already on board ${member.boardId}.`),
    new AlreadyExistsError(`${member.email} is already a member of board ${member.boardId}.`),
    new AlreadyExistsError(`Member id ${member.memberId} was used on board ${member.boardId} before; a member id is never reused.`),
  ][write] as AlreadyExistsError;

/**
 * Boards (`BOARD#b / META`, listed through GSI1) and their members (`BOARD#b / MEMBER#m`), with an
 * `EMAIL#<email>` marker per member so that an email is unique on a board even under concurrent adds,
 * and a `MEMBERID#<id>` marker that outlives the member so that an id is never given to anyone else
 * (a link names its holder by id).
 */
export class DynamoBoardRepository implements BoardRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    mapSdkErrors(doc);
  }

  async getBoard(boardId: string): Promise<Board | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.boardMeta(boardId), ConsistentRead: true }));
    return fromItem<Board>(item);
  }

  async listBoards(): Promise<Board[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName,
      IndexName: GSI1,
      KeyConditionExpression: '#gpk = :gpk',
      ExpressionAttributeNames: { '#gpk': ATTR.gsi1pk },
      ExpressionAttributeValues: { ':gpk': keys.boardsIndexPk },
    });
    return fromItems<Board>(items);
  }

  /**
   * Without `expectedVersion` the board must be new (AlreadyExistsError otherwise) and is stored as
   * version 1; with it, the stored version must equal it (StaleVersionError otherwise) and the board is
   * stored as `expectedVersion + 1`. `board.version` is ignored: the repository owns the counter.
   */
  async putBoard(board: Board, expectedVersion?: number, note?: AuditNote): Promise<Board> {
    const creating = expectedVersion === undefined;
    const stored: Board = { ...board, version: creating ? 1 : expectedVersion + 1 };
    const put = {
      TableName: this.tableName,
      Item: { ...stored, ...keys.boardMeta(board.boardId), ...keys.boardsIndex(board.boardId) },
      ...(creating
        ? IS_NEW_ITEM
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          }),
    };
    const refused = (error: unknown) =>
      creating
        ? new AlreadyExistsError(`Board ${board.boardId} already exists.`, { cause: error })
        : new StaleVersionError(`Board ${board.boardId} changed since version ${expectedVersion} was read.`, { cause: error });
    if (!note) {
      try {
        await this.doc.send(new PutCommand(put));
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
        throw refused(error);
      }
      return stored;
    }
    // With its audit entry, in one transaction: a lost race on the trail is read again and retried, a
    // board that changed is refused as without one.
    const trail = new DynamoAuditTrail(this.doc, this.tableName);
    for (let attempt = 1; ; attempt += 1) {
      const { items } = await trail.writesFor(board.boardId, note);
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: [{ Put: put }, ...items] }));
        return stored;
      } catch (error) {
        if (transactionConditionFailures(error)?.[0]) throw refused(error);
        if (!DynamoAuditTrail.lostRace(error) || attempt >= 25) throw error;
      }
    }
  }

  async listMembers(boardId: string): Promise<Member[]> {
    const items = await queryAll(this.doc, partitionQuery(this.tableName, keys.boardMeta(boardId).pk, keys.memberPrefix));
    return fromItems<Member>(items);
  }

  async getMember(boardId: string, memberId: string): Promise<Member | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.member(boardId, memberId), ConsistentRead: true }));
    return fromItem<Member>(item);
  }

  /**
   * Adds members, all or none, refusing an email (case-insensitive) already on the board and a member
   * id ever used on it. Each member is stored with a fresh `linkEpoch` unless one is given.
   *
   * Up to 50 members (any real board) go in one transaction: each member is written with its email
   * marker, both conditional on being new, so uniqueness holds even against a concurrent add and a
   * refusal writes nothing. A larger import cannot be one transaction (100-action limit), so it first
   * reads the markers and refuses before writing anything, then writes 50 at a time; if a concurrent
   * writer takes an email between the check and a later chunk, the chunks already written are deleted
   * again before the AlreadyExistsError is thrown.
   */
  async addMembers(given: Member[]): Promise<void> {
    const members = given.map((m) => ({ ...m, linkEpoch: m.linkEpoch ?? newLinkEpoch() }));
    assertNoDuplicates(members);
    if (members.length <= MEMBERS_PER_TRANSACTION) {
      await this.writeMembers(members);
      return;
    }
    await this.assertNoneExist(members);
    const written: Member[] = [];
    for (const part of chunk(members, MEMBERS_PER_TRANSACTION)) {
      try {
        await this.writeMembers(part);
      } catch (error) {
        await this.removeMembers(written);
        throw error;
      }
      written.push(...part);
    }
  }

  /**
   * One transaction: the member's record, conditional on each field the caller read (roles element by
   * element: a list compares by its elements in an expression); and for a new email, the old marker
   * deleted while it still names this member and the new one written only if no one has it.
   */
  async updateMember(member: Member, expected: Member): Promise<Member> {
    const moved = member.email.toLowerCase() !== expected.email.toLowerCase();
    const next: Member = moved && member.linkEpoch === expected.linkEpoch ? { ...member, linkEpoch: newLinkEpoch() } : member;
    const names: Record<string, string> = {
      '#pk': ATTR.pk,
      '#name': 'name',
      '#email': 'email',
      '#org': 'organisation',
      '#roles': 'roles',
      '#epoch': 'linkEpoch',
    };
    const values: Record<string, unknown> = {
      ':name': expected.name,
      ':email': expected.email,
      ':org': expected.organisation,
      ':count': expected.roles.length,
    };
    const conditions = ['attribute_exists(#pk)', '#name = :name', '#email = :email', '#org = :org', 'size(#roles) = :count'];
    expected.roles.forEach((role, i) => {
      values[`:role${i}`] = role;
      conditions.push(`#roles[${i}] = :role${i}`);
    });
    if (expected.linkEpoch === undefined) conditions.push('attribute_not_exists(#epoch)');
    else {
      values[':epoch'] = expected.linkEpoch;
      conditions.push('#epoch = :epoch');
    }
    const markerNames = { '#pk': ATTR.pk, '#memberId': 'memberId' };
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: [
            {
              Put: {
                TableName: this.tableName,
                Item: { ...next, ...keys.member(member.boardId, member.memberId) },
                ConditionExpression: conditions.join(' AND '),
                ExpressionAttributeNames: names,
                ExpressionAttributeValues: values,
              },
            },
            ...(moved
              ? [
                  {
                    Delete: {
                      TableName: this.tableName,
                      Key: keys.memberEmail(member.boardId, expected.email),
                      ConditionExpression: 'attribute_not_exists(#pk) OR #memberId = :memberId',
                      ExpressionAttributeNames: markerNames,
                      ExpressionAttributeValues: { ':memberId': member.memberId },
                    },
                  },
                  {
                    Put: { TableName: this.tableName, Item: { memberId: member.memberId, ...keys.memberEmail(member.boardId, member.email) }, ...IS_NEW_ITEM },
                  },
                ]
              : []),
          ],
        }),
      );
    } catch (error) {
      const failed = transactionConditionFailures(error);
      if (failed === undefined) throw error;
      if (failed[2]) throw new AlreadyExistsError(`${member.email} is already a member of board ${member.boardId}.`, { cause: error });
      if (!(await this.getMember(member.boardId, member.memberId)))
        throw new NotFoundError(`Member ${member.memberId} is not on board ${member.boardId}.`, { cause: error });
      throw new StaleVersionError(`Member ${member.memberId} changed since it was read.`, { cause: error });
    }
    return next;
  }

  private async writeMembers(members: Member[]): Promise<void> {
    if (members.length === 0) return;
    try {
      await this.doc.send(
        new TransactWriteCommand({
          TransactItems: members.flatMap((member) => [
            { Put: { TableName: this.tableName, Item: { ...member, ...keys.member(member.boardId, member.memberId) }, ...IS_NEW_ITEM } },
            {
              Put: {
                TableName: this.tableName,
                Item: { memberId: member.memberId, ...keys.memberEmail(member.boardId, member.email) },
                ...IS_NEW_ITEM,
              },
            },
            { Put: { TableName: this.tableName, Item: { memberId: member.memberId, ...keys.memberIdUsed(member.boardId, member.memberId) }, ...IS_NEW_ITEM } },
          ]),
        }),
      );
    } catch (error) {
      const failed = transactionConditionFailures(error);
      if (failed === undefined) throw error;
      const index = failed.indexOf(true);
      const refusal = refusalOf(members[Math.floor(index / 3)] as Member, index % 3);
      throw new AlreadyExistsError(refusal.message, { cause: error });
    }
  }

  private async assertNoneExist(members: Member[]): Promise<void> {
    const writesOf = (member: Member): Item[] => [
      keys.member(member.boardId, member.memberId),
      keys.memberEmail(member.boardId, member.email),
      keys.memberIdUsed(member.boardId, member.memberId),
    ];
    const found = await batchGetAll(this.doc, this.tableName, members.flatMap(writesOf));
    const taken = new Set(found.map((item) => `${String(item[ATTR.pk])}\n${String(item[ATTR.sk])}`));
    const isTaken = (key: Item): boolean => taken.has(`${String(key[ATTR.pk])}\n${String(key[ATTR.sk])}`);
    for (const member of members) {
      // The email first: of an import refused, the person is what the secretariat can act on.
      for (const write of [1, 0, 2]) if (isTaken(writesOf(member)[write] as Item)) throw refusalOf(member, write);
    }
  }

  /**
   * Removes the member and, while it still names them, their email marker; their id marker stays, so
   * the id is never given to anyone else. Their `linkEpoch` goes with the record: no link issued to
   * them works again, even if the same person is imported later (they get a new id and epoch).
   */
  async removeMember(boardId: string, memberId: string, note?: AuditNote): Promise<void> {
    const member = await this.getMember(boardId, memberId);
    if (member) await this.removeMembers([member], note);
  }

  /** `note` goes into the audit trail in the transaction that deletes the member; a lost race on the trail is retried. */
  private async removeMembers(members: Member[], note?: AuditNote): Promise<void> {
    const trail = new DynamoAuditTrail(this.doc, this.tableName);
    for (const member of members) {
      for (let attempt = 1; ; attempt += 1) {
        const audit = note ? (await trail.writesFor(member.boardId, note)).items : [];
        try {
          // The id marker is written again with the delete, for a member stored before markers existed.
          await this.doc.send(
            new TransactWriteCommand({
              TransactItems: [
                { Delete: { TableName: this.tableName, Key: keys.member(member.boardId, member.memberId) } },
                { Put: { TableName: this.tableName, Item: { memberId: member.memberId, ...keys.memberIdUsed(member.boardId, member.memberId) } } },
                ...audit,
              ],
            }),
          );
          break;
        } catch (error) {
          if (!note || !DynamoAuditTrail.lostRace(error) || attempt >= 25) throw error;
        }
      }
      try {
        await this.doc.send(
          new DeleteCommand({
            TableName: this.tableName,
            Key: keys.memberEmail(member.boardId, member.email),
            ConditionExpression: 'memberId = :memberId',
            ExpressionAttributeValues: { ':memberId': member.memberId },
          }),
        );
      } catch (error) {
        if (!isConditionFailed(error)) throw error;
      }
    }
  }
}

/** One transaction may not touch an item twice, and the refusal should name the email anyway. */
function assertNoDuplicates(members: Member[]): void {
  const emails = new Set<string>();
  const ids = new Set<string>();
  for (const member of members) {
    const email = `${member.boardId}\n${member.email.toLowerCase()}`;
    const id = `${member.boardId}\n${member.memberId}`;
    if (emails.has(email)) throw new AlreadyExistsError(`${member.email} appears twice among the members added.`);
    if (ids.has(id)) throw new AlreadyExistsError(`Member ${member.memberId} appears twice among the members added.`);
    emails.add(email);
    ids.add(id);
  }
}
