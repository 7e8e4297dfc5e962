import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { EmulatorEndpoints, Emulators } from '../../local/emulators';
import { emulatorEnv, localS3Client, startEmulators } from '../../local/emulators';

/** What a test file gets from {@link useEmulators}, once beforeAll has run. */
export interface LocalCloud {
  endpoints: EmulatorEndpoints;
  /** The document client the adapters take, built as the runtime builds it. */
  doc: DynamoDBDocumentClient;
  /** The plain client under `doc`, for table-level calls. */
  ddb: DynamoDBClient;
  s3: S3Client;
}

/** The JVM's first start dominates: 2–3 s usually, far more on a loaded CI machine. */
const START_TIMEOUT_MS = 60_000;

/**
 * Starts the local cloud once for the calling test file (beforeAll) and stops it after (afterAll).
 * While it runs, process.env points the app at it (emulatorEnv); the previous values come back after.
 * Call at the top level of a test file; the returned getter throws if used before beforeAll ran.
 * Modules that read the environment when imported (handlers building clients at module scope) must be
 * imported after beforeAll, e.g. with `await import()` in a hook, or they will not see these values.
 */
export function useEmulators(options: { tableName?: string; bucketName?: string } = {}): () => LocalCloud {
  const tableName = options.tableName ?? 'meeting-cycle-test';
  const bucketName = options.bucketName ?? 'meeting-cycle-documents-test';
  let emulators: Emulators | undefined;
  let cloud: LocalCloud | undefined;
  const previousEnv: Record<string, string | undefined> = {};

  beforeAll(async () => {
    emulators = await startEmulators({ tableName, bucketName });
    const env = emulatorEnv(emulators.endpoints);
    for (const [name, value] of Object.entries(env)) {
      previousEnv[name] = process.env[name];
      process.env[name] = value;
    }
    const ddb = new DynamoDBClient({ endpoint: emulators.endpoints.dynamodb });
    cloud = {
      endpoints: emulators.endpoints,
      ddb,
      doc: DynamoDBDocumentClient.from(ddb, { marshallOptions: { removeUndefinedValues: true } }),
      s3: localS3Client(emulators.endpoints.s3),
    };
  }, START_TIMEOUT_MS);

  afterAll(async () => {
    // The document client's destroy() leaves the client it wraps open.
    cloud?.ddb.destroy();
    cloud?.s3.destroy();
    cloud = undefined;
    for (const [name, value] of Object.entries(previousEnv)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    await emulators?.stop();
    emulators = undefined;
  }, 30_000);

  return () => {
    if (cloud === undefined) throw new Error('useEmulators(): the local cloud is not running (use it inside a test or hook).');
    return cloud;
  };
}
