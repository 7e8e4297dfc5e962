import { DynamoAuditTrail } from '../adapters/dynamodb/dynamo-audit-trail';
import { DynamoActionRepository } from '../adapters/dynamodb/dynamo-action-repository';
import { DynamoBoardRepository } from '../adapters/dynamodb/dynamo-board-repository';
import { DynamoCycleRepository } from '../adapters/dynamodb/dynamo-cycle-repository';
import { DynamoInterestRepository } from '../adapters/dynamodb/dynamo-interest-repository';
import { DynamoLinkRepository } from '../adapters/dynamodb/dynamo-link-repository';
import { DynamoOutbox } from '../adapters/dynamodb/dynamo-outbox';
import { DynamoSecurityLog } from '../adapters/dynamodb/dynamo-security-log';
import { DynamoSendRateLimiter } from '../adapters/dynamodb/dynamo-send-rate-limiter';
import { DynamoSessionRepository } from '../adapters/dynamodb/dynamo-session-repository';
import { DynamoSignInRepository } from '../adapters/dynamodb/dynamo-sign-in-repository';
import { DynamoWaitRepository } from '../adapters/dynamodb/dynamo-wait-repository';
import type { SesMailer } from '../adapters/ses/ses-mailer';
import { makeSendOnce } from '../services/send-once';
import type { AppConfig, CoreDeps, DocumentStore, Scheduler, Workflow } from '../ports';
import { dynamo, once } from './clients';
import { lazyPort, type MethodNames } from './lazy-port';
import { currentAttempt } from './attempt';
import { clock as systemClock } from './clock';
import { telemetry as instrumentsTelemetry } from './observability';
import { optionalEnv, requireEnv } from './env';

/*
 * One builder per port, each made once per process on first call (Lambda reuses it across invocations),
 * so a function reads only the settings of what it touches (the stack gives each function the variables
 * of its grants, no more), and tests and the local cloud can set the environment before anything is built.
 *
 * A handler names the ports its core uses, `wire({ boards, cycles, sendOnce })`, and esbuild bundles only
 * those builders' adapters and SDK clients: every builder is marked pure, so one a handler does not name is
 * dropped with all it imports. `deps()` composes them all, for the CLI, the local cloud and the tests.
 * A new port is one builder here and one entry in ADAPTERS.
 *
 * The ports on other services than DynamoDB (S3, SES, Step Functions, Scheduler) are used by a function
 * only sometimes (a link page stores a file for one purpose of sixteen; a task whose emails were all sent
 * sends none): their builders give a `lazyPort` that loads the adapter and its SDK client with `import()`
 * (runtime/on-demand/) on the first call of one of its methods, a chunk of the bundle read only then.
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

const table = () => requireEnv('TABLE_NAME');

export const boards = /* @__PURE__ */ once(() => new DynamoBoardRepository(dynamo(), table()));
export const cycles = /* @__PURE__ */ once(() => new DynamoCycleRepository(dynamo(), table()));
export const actions = /* @__PURE__ */ once(() => new DynamoActionRepository(dynamo(), table()));
export const links = /* @__PURE__ */ once(() => new DynamoLinkRepository(dynamo(), table()));
export const waits = /* @__PURE__ */ once(() => new DynamoWaitRepository(dynamo(), table()));
export const outbox = /* @__PURE__ */ once(() => new DynamoOutbox(dynamo(), table()));
export const signIns = /* @__PURE__ */ once(() => new DynamoSignInRepository(dynamo(), table()));
export const sessions = /* @__PURE__ */ once(() => new DynamoSessionRepository(dynamo(), table()));
export const securityLog = /* @__PURE__ */ once(() => new DynamoSecurityLog(dynamo(), table()));
export const audit = /* @__PURE__ */ once(() => new DynamoAuditTrail(dynamo(), table()));
export const interests = /* @__PURE__ */ once(() => new DynamoInterestRepository(dynamo(), table()));
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

/** Send-once on the DynamoDB outbox; SES only when an email is really sent (or the send rate first read). */
export const sendOnce = /* @__PURE__ */ once(() => {
  const mailer = lazyPort<SendingMailer>(() => import('./on-demand/ses').then((m) => m.makeMailer()), MAILER_METHODS);
  return makeSendOnce({
    outbox: outbox(),
    mailer,
    clock: systemClock,
    limiter: new DynamoSendRateLimiter(dynamo(), table(), { perSecond: () => sendRate(mailer) }),
    attempt: currentAttempt,
    telemetry: telemetry(),
    audit: audit(),
  });
});

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

/** Every port's builder: `deps()`'s ports. A port missing here is a compile error. */
export const ADAPTERS: Builders<keyof CoreDeps> = {
  boards,
  cycles,
  actions,
  links,
  waits,
  outbox,
  sendOnce,
  documents,
  workflow,
  scheduler,
  clock,
  config,
  signIns,
  sessions,
  securityLog,
  telemetry,
  audit,
  interests,
};

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

/** Every port (the adapters behind all of them), built once per process, each on first use. */
export const deps: () => CoreDeps = /* @__PURE__ */ wire(ADAPTERS);
