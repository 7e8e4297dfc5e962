import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { NotFoundError, StaleVersionError } from '../../domain/errors';
import type { Declaration, InterestRegister, PapersAllowance } from '../../domain/interests';
import type { InterestRepository } from '../../ports';
import { ATTR, keys } from '../../table/keys';
import { mapSdkErrors } from '../errors';
import { batchWriteAll, EXISTS, fromItem, fromItems, IS_NEW_ITEM, isConditionFailed, partitionQuery, queryAll } from './item-mapping';

/** Registers under the board's partition, declarations under the cycle's (table/keys.ts). */
export class DynamoInterestRepository implements InterestRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    mapSdkErrors(doc);
  }

  async getRegister(boardId: string, memberId: string): Promise<InterestRegister | undefined> {
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.interestRegister(boardId, memberId), ConsistentRead: true }));
    return fromItem<InterestRegister>(out.Item);
  }

  async listRegisters(boardId: string): Promise<InterestRegister[]> {
    return fromItems<InterestRegister>(await queryAll(this.doc, partitionQuery(this.tableName, keys.boardMeta(boardId).pk, keys.interestRegisterPrefix)));
  }

  async putRegister(register: Omit<InterestRegister, 'version'>, expectedVersion?: number): Promise<InterestRegister> {
    const stored: InterestRegister = { ...register, version: (expectedVersion ?? 0) + 1 };
    const condition =
      expectedVersion === undefined
        ? IS_NEW_ITEM
        : {
            ConditionExpression: '#version = :expected',
            ExpressionAttributeNames: { '#version': 'version' },
            ExpressionAttributeValues: { ':expected': expectedVersion },
          };
    try {
      await this.doc.send(
        new PutCommand({ TableName: this.tableName, Item: { ...stored, ...keys.interestRegister(register.boardId, register.memberId) }, ...condition }),
      );
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      throw new StaleVersionError(`The register of member ${register.memberId} changed since it was read.`, { cause: error });
    }
    return stored;
  }

  async declare(declarations: readonly Declaration[]): Promise<void> {
    await batchWriteAll(
      this.doc,
      this.tableName,
      declarations.map((d) => ({ PutRequest: { Item: { ...d, ...keys.declaration(d.cycleId, d.itemNumber, d.memberId) } } })),
    );
  }

  async listDeclarations(cycleId: string): Promise<Declaration[]> {
    return fromItems<Declaration>(await queryAll(this.doc, partitionQuery(this.tableName, keys.cycleParts(cycleId).pk, keys.declarationPrefix)));
  }

  async allowPapers(cycleId: string, memberId: string, itemNumber: number, allowance: PapersAllowance): Promise<Declaration> {
    try {
      const out = await this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: keys.declaration(cycleId, itemNumber, memberId),
          UpdateExpression: 'SET #allowed = :allowed',
          ConditionExpression: EXISTS,
          ExpressionAttributeNames: { '#pk': ATTR.pk, '#allowed': 'papersAllowed' },
          ExpressionAttributeValues: { ':allowed': allowance },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return fromItem<Declaration>(out.Attributes) as Declaration;
    } catch (error) {
      if (!isConditionFailed(error)) throw error;
      throw new NotFoundError(`Member ${memberId} declared no interest in item ${itemNumber}.`, { cause: error });
    }
  }
}
