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
import { dynamo, s3, ses, sfn } from './clients';
import { currentAttempt } from './attempt';
import { clock } from './clock';
import { telemetry } from './observability';
import { optionalEnv, requireEnv } from './env';

/** Reads the app's settings; each is set by the CDK stack in AWS and by `npm start` locally. */
export function readConfig(): AppConfig {
  return {
    appUrl: requireEnv('APP_URL').replace(/\/+$/, ''),
    maxPaperBytes: Number(optionalEnv('MAX_PAPER_BYTES', String(25 * 1024 * 1024))),
    sendConcurrency: Number(optionalEnv('SEND_CONCURRENCY', '5')),
    ...(process.env.INBOUND_DOMAIN ? { inboundDomain: process.env.INBOUND_DOMAIN.toLowerCase() } : {}),
  };
}

/** An object whose properties are built on first read, each once. */
function lazy<T extends object>(builders: { [K in keyof T]: () => T[K] }): T {
  const target = {} as T;
  for (const key of Object.keys(builders) as (keyof T)[]) {
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
  return target;
}

let built: CoreDeps | undefined;

/**
 * The account's send rate: SES's quota for the account and region, capped by `SEND_RATE_PER_SECOND`
 * when set (to leave room for other senders on the same account, never to exceed the quota).
 */
async function sendRate(mailer: SesMailer): Promise<number> {
  const quota = await mailer.maxSendRate();
  const cap = optionalEnv('SEND_RATE_PER_SECOND', '');
  return cap === '' ? quota : Math.min(quota, Number(cap));
}

/**
 * The adapters behind every port, built once per process (Lambda reuses them across invocations).
 * Each adapter is built on first use, so a function reads only the settings of what it touches (the
 * stack gives each function the variables of its grants, no more), and tests and the local cloud can
 * set the environment before anything is built.
 */
export function deps(): CoreDeps {
  if (built) return built;
  const table = () => requireEnv('TABLE_NAME');
  const mailer = () =>
    new SesMailer(ses(), {
      from: requireEnv('SENDER_EMAIL'),
      ...(process.env.SES_CONFIGURATION_SET ? { configurationSet: process.env.SES_CONFIGURATION_SET } : {}),
    });
  const limiter = (sender: SesMailer) => new DynamoSendRateLimiter(dynamo(), table(), { perSecond: () => sendRate(sender) });
  const d: CoreDeps = lazy<CoreDeps>({
    boards: () => new DynamoBoardRepository(dynamo(), table()),
    cycles: () => new DynamoCycleRepository(dynamo(), table()),
    actions: () => new DynamoActionRepository(dynamo(), table()),
    links: () => new DynamoLinkRepository(dynamo(), table()),
    waits: () => new DynamoWaitRepository(dynamo(), table()),
    outbox: () => new DynamoOutbox(dynamo(), table()),
    sendOnce: () => {
      const sender = mailer();
      return makeSendOnce({
        outbox: d.outbox,
        mailer: sender,
        clock,
        limiter: limiter(sender),
        attempt: currentAttempt,
        telemetry: d.telemetry,
        audit: d.audit,
      });
    },
    documents: () => new S3DocumentStore(s3(), requireEnv('DOCUMENTS_BUCKET')),
    workflow: () => new SfnWorkflow(sfn(), () => requireEnv('STATE_MACHINE_ARN')),
    scheduler: () =>
      new EventBridgeScheduler(() => ({
        groupName: requireEnv('SCHEDULE_GROUP_NAME'),
        roleArn: requireEnv('SCHEDULER_ROLE_ARN'),
        stateMachineArn: requireEnv('STATE_MACHINE_ARN'),
        ...(process.env.SCHEDULE_DLQ_ARN ? { deadLetterArn: process.env.SCHEDULE_DLQ_ARN } : {}),
      })),
    clock: () => clock,
    config: readConfig,
    signIns: () => new DynamoSignInRepository(dynamo(), table()),
    sessions: () => new DynamoSessionRepository(dynamo(), table()),
    securityLog: () => new DynamoSecurityLog(dynamo(), table()),
    telemetry,
    audit: () => new DynamoAuditTrail(dynamo(), table()),
    interests: () => new DynamoInterestRepository(dynamo(), table()),
  });
  built = d;
  return d;
}
