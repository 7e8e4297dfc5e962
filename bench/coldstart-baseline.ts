import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';

/**
 * The cold-start floor (bench/coldstart.ts): a handler that uses only the DynamoDB client, built with
 * the functions' own bundling options. Its client is made at module scope, as a real handler's would be.
 */
const client = new DynamoDBClient({});

export const handler = async (event: { key?: string }) =>
  client.send(new GetItemCommand({ TableName: process.env.TABLE_NAME ?? 'table', Key: { pk: { S: event.key ?? 'x' } } }));
