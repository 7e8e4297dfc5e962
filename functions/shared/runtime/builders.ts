import { DynamoBoardRepository } from '../adapters/dynamodb/dynamo-board-repository';
import { DynamoCycleRepository } from '../adapters/dynamodb/dynamo-cycle-repository';
import type { DynamoSendRateLimiter } from '../adapters/dynamodb/dynamo-send-rate-limiter';
import type { SesMailer } from '../adapters/ses/ses-mailer';
import type { makeSendOnce } from '../services/send-once';
import type { AppConfig, CoreDeps, DocumentStore, Scheduler, SendOnce, Workflow } from '../ports';
import { dynamo, once } from './clients';
import { lazyPort, type MethodNames } from './lazy-port';
import { currentAttempt } from './attempt';
import { clock as systemClock } from './clock';
import { telemetry as instrumentsTelemetry } from './observability';
import { optionalEnv, requireEnv } from './env';

/*
 * The part of runtime/deps.ts that the link pages and the console import: {@link wire}, and the builders of
 * the ports they read on every request (boards, cycles) or load on first use by themselves
 * (S3, SES, Step Functions, Scheduler). It imports no other adapter: esbuild puts a module that any file of a
 * function's start imports statically into that start, even when the builder using it is dropped, so the
 * builders that import their DynamoDB adapter for a task's every run live in deps.ts (those of links and sessions,
 * which one of the two reads on every request, each in a module of its own), and a function that loads
 * them only sometimes takes runtime/on-first-use.ts's instead and never imports deps.ts.
 */

/** Reads the app's settings; each is set by the CDK stack in AWS and by `npm start` locally. */
export function readConfig(): AppConfig {
  return {
    appUrl: requireEnv('APP_URL').replace(/\/+$/, ''),
    maxPaperBytes: Number(optionalEnv('MAX_PAPER_BYTES', String(25 * 1024 * 1024))),
    sendConcurrency: Number(optionalEnv('SEND_CONCURRENCY', '5')),
    ...(process.env.INBOUND_DOMAIN ? { inboundDomain: process.env.INBOUND_DOMAIN.toLowerCase() } : {}),
  };
}

/** The app's table, where every DynamoDB adapter keeps its records. */
export const table = () => requireEnv('TABLE_NAME');

export const boards = /* @__PURE__ */ once(() => new DynamoBoardRepository(dynamo(), table()));
export const cycles = /* @__PURE__ */ once(() => new DynamoCycleRepository(dynamo(), table()));
export const clock = () => systemClock;
export const config = readConfig;
export const telemetry = instrumentsTelemetry;

/** The mailer as send-once uses it: sending, and the account's send rate. */
type SendingMailer = Pick<SesMailer, 'send' | 'maxSendRate'>;

/**
 * The account's send rate: SES's quota for the account and region, capped by `SEND_RATE_PER_SECOND`
 * when set (to leave room for other senders on the same account, never to exceed the quota).
 */
async function sendRate(mailer: SendingMailer): Promise<number> {
  const quota = await mailer.maxSendRate();
  const cap = optionalEnv('SEND_RATE_PER_SECOND', '');
  return cap === '' ? quota : Math.min(quota, Number(cap));
}

const MAILER_METHODS = { send: true, maxSendRate: true } as const satisfies MethodNames<SendingMailer>;

/**
 * Send-once (`make`, services/send-once.ts) on `ports.outbox`, with the account's send rate kept in the table
 * (`Limiter`); SES only when an email is really sent (or the send rate first read). The service and the limiter
 * are passed in so that deps.ts can give them from a static import and on-first-use.ts from an `import()`.
 */
export function sendOnceWith(make: typeof makeSendOnce, Limiter: typeof DynamoSendRateLimiter, ports: Pick<CoreDeps, 'outbox' | 'audit'>): SendOnce {
  const mailer = lazyPort<SendingMailer>(() => import('./on-demand/ses').then((m) => m.makeMailer()), MAILER_METHODS);
  return make({
    outbox: ports.outbox,
    mailer,
    clock: systemClock,
    limiter: new Limiter(dynamo(), table(), { perSecond: () => sendRate(mailer) }),
    attempt: currentAttempt,
    telemetry: telemetry(),
    audit: ports.audit,
  });
}

const DOCUMENT_STORE_METHODS = {
  putText: true,
  getText: true,
  putBytes: true,
  putVersion: true,
  putStream: true,
  setContentType: true,
  getBytes: true,
  head: true,
  readPrefix: true,
  presignUpload: true,
  presignDownload: true,
} as const satisfies MethodNames<DocumentStore>;
const WORKFLOW_METHODS = { start: true, stop: true, resume: true, fail: true } as const satisfies MethodNames<Workflow>;
const SCHEDULER_METHODS = { scheduleCycleStart: true, cancelCycleStart: true } as const satisfies MethodNames<Scheduler>;

export const documents = /* @__PURE__ */ once(() =>
  lazyPort<DocumentStore>(() => import('./on-demand/s3').then((m) => m.makeDocumentStore()), DOCUMENT_STORE_METHODS),
);
export const workflow = /* @__PURE__ */ once(() => lazyPort<Workflow>(() => import('./on-demand/sfn').then((m) => m.makeWorkflow()), WORKFLOW_METHODS));
export const scheduler = /* @__PURE__ */ once(() =>
  lazyPort<Scheduler>(() => import('./on-demand/scheduler').then((m) => m.makeScheduler()), SCHEDULER_METHODS),
);

/** A builder of each port: what {@link wire} takes. */
export type Builders<K extends keyof CoreDeps> = { readonly [P in K]: () => CoreDeps[P] };

/**
 * The ports `builders` name, as one object whose properties are built on first read, each once (the
 * adapters themselves are made once per process, whichever object reads them first). Call the result where deps() was called: at invocation, not at module
 * scope, so loading a handler builds nothing.
 */
export function wire<K extends keyof CoreDeps>(builders: Builders<K>): () => Pick<CoreDeps, K> {
  let wired: Pick<CoreDeps, K> | undefined;
  return () => {
    if (wired) return wired;
    const target = {} as Pick<CoreDeps, K>;
    for (const key of Object.keys(builders) as K[]) {
      Object.defineProperty(target, key, {
        enumerable: true,
        configurable: true,
        get: () => {
          const value = builders[key]();
          Object.defineProperty(target, key, { value, enumerable: true });
          return value;
        },
      });
    }
    return (wired = target);
  };
}
