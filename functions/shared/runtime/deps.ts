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
import { S3DocumentStore } from '../adapters/s3/s3-document-store';
import { EventBridgeScheduler } from '../adapters/scheduler/eventbridge-scheduler';
import { SesMailer } from '../adapters/ses/ses-mailer';
import { SfnWorkflow } from '../adapters/sfn/sfn-workflow';
import { makeSendOnce } from '../services/send-once';
import type { AppConfig, CoreDeps } from '../ports';
import { dynamo, once, s3, ses, sfn } from './clients';
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

/**
 * The account's send rate: SES's quota for the account and region, capped by `SEND_RATE_PER_SECOND`
 * when set (to leave room for other senders on the same account, never to exceed the quota).
 */
async function sendRate(mailer: SesMailer): Promise<number> {
  const quota = await mailer.maxSendRate();
  const cap = optionalEnv('SEND_RATE_PER_SECOND', '');
  return cap === '' ? quota : Math.min(quota, Number(cap));
}

export const sendOnce = /* @__PURE__ */ once(() => {
  const mailer = new SesMailer(ses(), {
    from: requireEnv('SENDER_EMAIL'),
    ...(process.env.SES_CONFIGURATION_SET ? { configurationSet: process.env.SES_CONFIGURATION_SET } : {}),
  });
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

export const documents = /* @__PURE__ */ once(() => new S3DocumentStore(s3(), requireEnv('DOCUMENTS_BUCKET')));
export const workflow = /* @__PURE__ */ once(() => new SfnWorkflow(sfn(), () => requireEnv('STATE_MACHINE_ARN')));
export const scheduler = /* @__PURE__ */ once(
  () =>
    new EventBridgeScheduler(() => ({
      groupName: requireEnv('SCHEDULE_GROUP_NAME'),
      roleArn: requireEnv('SCHEDULER_ROLE_ARN'),
      stateMachineArn: requireEnv('STATE_MACHINE_ARN'),
      ...(process.env.SCHEDULE_DLQ_ARN ? { deadLetterArn: process.env.SCHEDULE_DLQ_ARN } : {}),
    })),
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
