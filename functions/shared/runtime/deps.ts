import { DynamoAuditTrail } from '../adapters/dynamodb/dynamo-audit-trail';
import { DynamoActionRepository } from '../adapters/dynamodb/dynamo-action-repository';
import { DynamoInterestRepository } from '../adapters/dynamodb/dynamo-interest-repository';
import { DynamoOutbox } from '../adapters/dynamodb/dynamo-outbox';
import { DynamoSecurityLog } from '../adapters/dynamodb/dynamo-security-log';
import { DynamoSendRateLimiter } from '../adapters/dynamodb/dynamo-send-rate-limiter';
import { DynamoSignInRepository } from '../adapters/dynamodb/dynamo-sign-in-repository';
import { DynamoWaitRepository } from '../adapters/dynamodb/dynamo-wait-repository';
import { makeSendOnce } from '../services/send-once';
import type { CoreDeps } from '../ports';
import { boards, clock, config, cycles, documents, scheduler, sendOnceWith, table, telemetry, wire, workflow, type Builders } from './builders';
import { dynamo, once } from './clients';
import { links } from './links';
import { sessions } from './sessions';

export { links } from './links';
export { sessions } from './sessions';
export { boards, clock, config, cycles, documents, readConfig, scheduler, telemetry, wire, workflow, type Builders } from './builders';

/*
 * One builder per port, each made once per process on first call (Lambda reuses it across invocations),
 * so a function reads only the settings of what it touches (the stack gives each function the variables
 * of its grants, no more), and tests and the local cloud can set the environment before anything is built.
 *
 * A handler names the ports its core uses, `wire({ boards, cycles, sendOnce })`, and esbuild bundles only
 * those builders' adapters and SDK clients: every builder is marked pure, so one a handler does not name is
 * dropped with all it imports. `deps()` composes them all, for the CLI, the local cloud and the tests.
 * A new port is one builder here (or in builders.ts) and one entry in ADAPTERS.
 *
 * The ports on other services than DynamoDB (S3, SES, Step Functions, Scheduler) are used by a function
 * only sometimes (a link page stores a file for one purpose of sixteen; a task whose emails were all sent
 * sends none): their builders give a `lazyPort` that loads the adapter and its SDK client with `import()`
 * (runtime/on-demand/) on the first call of one of its methods, a chunk of the bundle read only then.
 * The link pages and the console take the DynamoDB ports they use only sometimes from runtime/on-first-use.ts
 * the same way, and do not import this module (builders.ts says why).
 */

export const actions = /* @__PURE__ */ once(() => new DynamoActionRepository(dynamo(), table()));
export const waits = /* @__PURE__ */ once(() => new DynamoWaitRepository(dynamo(), table()));
export const outbox = /* @__PURE__ */ once(() => new DynamoOutbox(dynamo(), table()));
export const signIns = /* @__PURE__ */ once(() => new DynamoSignInRepository(dynamo(), table()));
export const securityLog = /* @__PURE__ */ once(() => new DynamoSecurityLog(dynamo(), table()));
export const audit = /* @__PURE__ */ once(() => new DynamoAuditTrail(dynamo(), table()));
export const interests = /* @__PURE__ */ once(() => new DynamoInterestRepository(dynamo(), table()));

/** Send-once on the DynamoDB outbox; SES only when an email is really sent (or the send rate first read). */
export const sendOnce = /* @__PURE__ */ once(() => sendOnceWith(makeSendOnce, DynamoSendRateLimiter, { outbox: outbox(), audit: audit() }));

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

/** Every port (the adapters behind all of them), built once per process, each on first use. */
export const deps: () => CoreDeps = /* @__PURE__ */ wire(ADAPTERS);
