import type { IncomingMessage } from 'node:http';
import { createTable, localDynamoClient, startDynamoDb } from './dynamodb';
import type { RunningEmulator } from './local-aws';
import { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-aws';
import { startS3 } from './s3';

export { createTable, localDynamoClient, startDynamoDb } from './dynamodb';
export type { RunningEmulator } from './local-aws';
export { LOCAL_CREDENTIALS, LOCAL_REGION } from './local-aws';
export { localS3Client, startS3 } from './s3';

/** Where the local cloud is, and the names of the resources the app uses in it. */
export interface EmulatorEndpoints {
  dynamodb: string;
  s3: string;
  tableName: string;
  bucketName: string;
}

/**
 * DynamoDB Local and s3rver, stopped together. Email goes to the mail capture (local/mail), which keeps
 * the raw MIME the mailbox shows.
 */
export interface Emulators {
  endpoints: EmulatorEndpoints;
  stop(): Promise<void>;
}

async function stopAll(emulators: readonly RunningEmulator[]): Promise<void> {
  const results = await Promise.allSettled(emulators.map((emulator) => emulator.stop()));
  const failures = results.filter((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failures.length > 0) {
    throw new AggregateError(
      failures.map((failure) => failure.reason),
      'some emulators did not stop cleanly',
    );
  }
}

/**
 * Starts both emulators in parallel on free loopback ports, creates the table (as
 * TABLE_DEFINITION says) and the documents bucket. If any fails to start, the others are stopped
 * before the error is rethrown, so nothing is left running.
 */
export async function startEmulators(options: { tableName: string; bucketName: string; onS3Request?: (req: IncomingMessage) => void }): Promise<Emulators> {
  const started = await Promise.allSettled([startDynamoDb(), startS3([options.bucketName], options.onS3Request)]);
  const running = started.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = started.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed !== undefined) {
    await stopAll(running).catch(() => undefined);
    throw failed.reason;
  }
  const [dynamodb, s3] = running as [RunningEmulator, RunningEmulator];

  const client = localDynamoClient(dynamodb.endpoint);
  try {
    await createTable(client, options.tableName);
  } catch (error) {
    await stopAll(running).catch(() => undefined);
    throw error;
  } finally {
    client.destroy();
  }

  return {
    endpoints: {
      dynamodb: dynamodb.endpoint,
      s3: s3.endpoint,
      tableName: options.tableName,
      bucketName: options.bucketName,
    },
    stop: () => stopAll(running),
  };
}

/**
 * The environment the app reads (functions/shared/runtime) to talk to the emulators instead of AWS.
 * The SDK honours the service-specific `AWS_ENDPOINT_URL_*` variables itself; path style and the
 * checksum settings are what s3rver needs.
 */
export function emulatorEnv(endpoints: EmulatorEndpoints): Record<string, string> {
  return {
    AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
    AWS_ENDPOINT_URL_S3: endpoints.s3,
    S3_FORCE_PATH_STYLE: 'true',
    TABLE_NAME: endpoints.tableName,
    DOCUMENTS_BUCKET: endpoints.bucketName,
    AWS_REGION: LOCAL_REGION,
    AWS_ACCESS_KEY_ID: LOCAL_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: LOCAL_CREDENTIALS.secretAccessKey,
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
  };
}
