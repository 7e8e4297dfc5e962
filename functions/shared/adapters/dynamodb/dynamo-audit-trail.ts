import type { DynamoDBDocumentClient, TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { sealEntry, type AuditEntry, type AuditNote } from '../../domain/audit';
import { StaleVersionError } from '../../domain/errors';
import type { AuditTrail } from '../../ports';
import { ATTR, keys } from '../../table/keys';
import { mapSdkErrors } from '../errors';
import { fromItems, IS_NEW_ITEM, isTransactionConflict, partitionQuery, queryAll, transactionConditionFailures } from './item-mapping';

/** One action of a TransactWriteItems request. */
export type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** Appends racing on one board's head: each lost race re-reads it; far more than a fan-out's concurrency. */
const MAX_ATTEMPTS = 25;

/** What an append writes, for a transaction that also makes the change it records. */
export interface AuditWrites {
  entry: AuditEntry;
  /** The head's conditional update, the entry's put and (with a key) the key's marker, in this order. */
  items: TransactItem[];
}

/** A cancelled transaction whose failed condition was the idempotency marker: the note was appended before. */
const markerRefused = (error: unknown, markerIndex: number): boolean => transactionConditionFailures(error)?.[markerIndex] === true;

/**
 * The audit trail in the table: entries at `AUDIT#b / <number>`, the head at `AUDITHEAD#b / HEAD`. Each
 * append writes the entry with `attribute_not_exists` and moves the head on, conditional on the number
 * it read, in one transaction: of two appends that read the same head one wins and the other re-reads
 * and retries, so numbers have no gaps and every entry links to the one before. Nothing here updates or
 * deletes an entry.
 */
export class DynamoAuditTrail implements AuditTrail {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {
    mapSdkErrors(doc);
  }

  async head(boardId: string): Promise<{ seq: number; hash: string } | undefined> {
    const { Item: item } = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.auditHead(boardId), ConsistentRead: true }));
    return item && { seq: Number(item.seq), hash: String(item.hash) };
  }

  /**
   * The writes that append `note` as the board's next entry, to send in one transaction with the change
   * it records: if that transaction is cancelled because another append moved the head first, the caller
   * re-reads and tries again (repositories report it as StaleVersionError).
   */
  async writesFor(boardId: string, note: AuditNote): Promise<AuditWrites> {
    const head = await this.head(boardId);
    const entry = sealEntry(boardId, note, head);
    const items: TransactItem[] = [
      {
        Put: {
          TableName: this.tableName,
          Item: { ...keys.auditHead(boardId), seq: entry.seq, hash: entry.hash },
          ConditionExpression: head ? '#seq = :seq' : `attribute_not_exists(#pk)`,
          ExpressionAttributeNames: head ? { '#seq': 'seq' } : { '#pk': ATTR.pk },
          ...(head ? { ExpressionAttributeValues: { ':seq': head.seq } } : {}),
        },
      },
      { Put: { TableName: this.tableName, Item: { ...entry, ...keys.auditEntry(boardId, entry.seq) }, ...IS_NEW_ITEM } },
    ];
    if (note.key !== undefined) {
      items.push({ Put: { TableName: this.tableName, Item: { ...keys.auditKey(boardId, note.key), seq: entry.seq }, ...IS_NEW_ITEM } });
    }
    return { entry, items };
  }

  /** True when `error` is a cancelled transaction that another append (or write) got to first: read again and retry. */
  static lostRace(error: unknown): boolean {
    return transactionConditionFailures(error) !== undefined || isTransactionConflict(error);
  }

  async append(boardId: string, note: AuditNote): Promise<AuditEntry | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      const { entry, items } = await this.writesFor(boardId, note);
      try {
        await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
        return entry;
      } catch (error) {
        if (note.key !== undefined && markerRefused(error, 2)) return undefined;
        if (!DynamoAuditTrail.lostRace(error)) throw error;
        if (attempt >= MAX_ATTEMPTS)
          throw new StaleVersionError(`The audit trail of board ${boardId} kept moving; the entry was not appended.`, { cause: error });
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  }

  async list(boardId: string, filter: { cycleId?: string } = {}): Promise<AuditEntry[]> {
    const entries = fromItems<AuditEntry>(await queryAll(this.doc, partitionQuery(this.tableName, keys.auditTrail(boardId).pk)));
    return filter.cycleId === undefined ? entries : entries.filter((e) => e.cycleId === filter.cycleId);
  }
}
