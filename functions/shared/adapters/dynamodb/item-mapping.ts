import type { BatchGetCommandOutput, BatchWriteCommandOutput, DynamoDBDocumentClient, QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { BatchGetCommand, BatchWriteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { ATTR, KEY_ATTRIBUTES } from '../../table/keys';

/** An item as the document client reads and writes it. */
export type Item = Record<string, unknown>;

/**
 * Turns an item back into a domain record: drops the key attributes (and TTL) and any
 * adapter-internal attributes, so storage details never leak into the domain.
 */
export function fromItem<T>(item: Item | undefined, internal: readonly string[] = []): T | undefined {
  if (item === undefined) return undefined;
  const record: Item = {};
  for (const [name, value] of Object.entries(item)) {
    if (!KEY_ATTRIBUTES.includes(name) && !internal.includes(name)) record[name] = value;
  }
  return record as T;
}

/** Like {@link fromItem} for a list, for query results. */
export function fromItems<T>(items: readonly Item[], internal: readonly string[] = []): T[] {
  return items.map((item) => fromItem<T>(item, internal) as T);
}

/** DynamoDB TTL wants epoch seconds in a number attribute; an ISO string would be ignored silently. */
export function ttlEpochSeconds(iso: string): number {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) throw new TypeError(`not an ISO date: ${iso}`);
  return Math.floor(ms / 1000);
}

/** `at` plus `days`, as a TTL: how long a record stays after it stops mattering. */
export function ttlAfterDays(iso: string, days: number): number {
  return ttlEpochSeconds(iso) + days * 86_400;
}

function errorName(error: unknown): string | undefined {
  return error instanceof Error ? error.name : undefined;
}

/**
 * A single-item write whose ConditionExpression did not hold. With ReturnValuesOnConditionCheckFailure
 * ALL_OLD, `Item` is the item as it was; read its attributes with {@link failedItemValue}.
 */
export function isConditionFailed(error: unknown): error is Error & { Item?: Item } {
  return errorName(error) === 'ConditionalCheckFailedException';
}

/**
 * An attribute of the item a failed condition returned. The document client unmarshalls responses but
 * not errors, so it arrives in wire format (`{ S: 'x' }`, `{ N: '2' }`); plain values are accepted too
 * in case a later SDK unmarshalls it.
 */
export function failedItemValue(item: Item, name: string): string | number | undefined {
  const value = item[name];
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'object' && value !== null) {
    if ('S' in value && typeof value.S === 'string') return value.S;
    if ('N' in value && typeof value.N === 'string') return Number(value.N);
  }
  return undefined;
}

/**
 * For a cancelled transaction, whether each action failed its condition (by position); undefined for
 * any other error, and for cancellations caused by something else (throttling, conflicts with another
 * transaction), which callers must rethrow unchanged.
 */
export function transactionConditionFailures(error: unknown): boolean[] | undefined {
  const codes = cancellationCodes(error);
  if (codes === undefined || !codes.includes('ConditionalCheckFailed')) return undefined;
  return codes.map((code) => code === 'ConditionalCheckFailed');
}

/**
 * Another transaction was touching the same item at the same moment (`TransactionConflict`): nothing
 * was written, and a fresh read and retry will resolve it.
 */
export function isTransactionConflict(error: unknown): boolean {
  return cancellationCodes(error)?.includes('TransactionConflict') ?? false;
}

/** The reason code of each action of a cancelled transaction (`None` for those that were fine). */
function cancellationCodes(error: unknown): string[] | undefined {
  if (errorName(error) !== 'TransactionCanceledException') return undefined;
  const reasons = (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons ?? [];
  return reasons.map((reason) => reason.Code ?? 'None');
}

/** Runs a query to the end, following LastEvaluatedKey: a page stops at 1 MB, a partition need not. */
export async function queryAll(doc: DynamoDBDocumentClient, input: QueryCommandInput): Promise<Item[]> {
  const items: Item[] = [];
  let exclusiveStartKey: Item | undefined;
  do {
    const page = await doc.send(new QueryCommand({ ...input, ExclusiveStartKey: exclusiveStartKey }));
    items.push(...((page.Items ?? []) as Item[]));
    exclusiveStartKey = page.LastEvaluatedKey as Item | undefined;
  } while (exclusiveStartKey !== undefined);
  return items;
}

/** Splits a list into chunks of at most `size`, for the per-request item limits. */
export function chunk<T>(list: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < list.length; i += size) chunks.push(list.slice(i, i + size));
  return chunks;
}

/**
 * SET for every defined value and REMOVE for every undefined one (removeUndefinedValues would drop
 * the value but leave the expression naming it), with placeholder names for reserved words.
 */
export function updateExpression(change: Item): {
  expression: string;
  names: Record<string, string>;
  values: Item;
} {
  const sets: string[] = [];
  const removes: string[] = [];
  const names: Record<string, string> = {};
  const values: Item = {};
  Object.entries(change).forEach(([name, value], i) => {
    names[`#u${i}`] = name;
    if (value === undefined) {
      removes.push(`#u${i}`);
    } else {
      values[`:u${i}`] = value;
      sets.push(`#u${i} = :u${i}`);
    }
  });
  const clauses = [sets.length > 0 ? `SET ${sets.join(', ')}` : '', removes.length > 0 ? `REMOVE ${removes.join(', ')}` : ''];
  return { expression: clauses.filter(Boolean).join(' '), names, values };
}

/** Retries of the items a batch call left unprocessed (throttling), with a short backoff. */
const BATCH_RETRIES = 8;

const backoff = (attempt: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 25 * 2 ** attempt)));

/** BatchWriteItem in chunks of 25, retrying UnprocessedItems until none are left. */
export async function batchWriteAll(
  doc: DynamoDBDocumentClient,
  tableName: string,
  requests: readonly ({ PutRequest: { Item: Item } } | { DeleteRequest: { Key: Item } })[],
): Promise<void> {
  for (const part of chunk(requests, 25)) {
    let pending: typeof part | undefined = part;
    for (let attempt = 0; pending !== undefined && pending.length > 0; attempt++) {
      if (attempt > BATCH_RETRIES) throw new Error(`BatchWriteItem left ${pending.length} items unprocessed`);
      if (attempt > 0) await backoff(attempt);
      const result: BatchWriteCommandOutput = await doc.send(new BatchWriteCommand({ RequestItems: { [tableName]: pending } }));
      pending = result.UnprocessedItems?.[tableName] as typeof part | undefined;
    }
  }
}

/** BatchGetItem in chunks of 100 keys, retrying UnprocessedKeys; results in no particular order. */
export async function batchGetAll(doc: DynamoDBDocumentClient, tableName: string, keyList: readonly Item[]): Promise<Item[]> {
  const items: Item[] = [];
  for (const part of chunk(keyList, 100)) {
    let pending: Item[] | undefined = part;
    for (let attempt = 0; pending !== undefined && pending.length > 0; attempt++) {
      if (attempt > BATCH_RETRIES) throw new Error(`BatchGetItem left ${pending.length} keys unprocessed`);
      if (attempt > 0) await backoff(attempt);
      const result: BatchGetCommandOutput = await doc.send(new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }));
      items.push(...((result.Responses?.[tableName] ?? []) as Item[]));
      pending = result.UnprocessedKeys?.[tableName]?.Keys as Item[] | undefined;
    }
  }
  return items;
}

/** Placeholders for the key attributes, named through ATTR so no expression spells them out. */
export const KEY_NAMES = { '#pk': ATTR.pk, '#sk': ATTR.sk } as const;

/** Condition for a put that must create: no item with this key exists yet. Spread into the input. */
export const IS_NEW_ITEM = {
  ConditionExpression: 'attribute_not_exists(#pk)',
  ExpressionAttributeNames: { '#pk': ATTR.pk },
};

/** Condition for an update that must not create an item as a side effect (needs KEY_NAMES' `#pk`). */
export const EXISTS = 'attribute_exists(#pk)';

/** A consistent query over one partition, optionally only the sort keys starting with `skPrefix`. */
export function partitionQuery(tableName: string, pk: string, skPrefix?: string): QueryCommandInput {
  return skPrefix === undefined
    ? {
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': ATTR.pk },
        ExpressionAttributeValues: { ':pk': pk },
        ConsistentRead: true,
      }
    : {
        TableName: tableName,
        KeyConditionExpression: '#pk = :pk AND begins_with(#sk, :prefix)',
        ExpressionAttributeNames: KEY_NAMES,
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ConsistentRead: true,
      };
}
