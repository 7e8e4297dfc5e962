import type {
  ActionRepository,
  CoreDeps,
  AuditTrail,
  InterestRepository,
  LinkRepository,
  Outbox,
  SecurityLog,
  SessionRepository,
  SignInRepository,
  WaitRepository,
} from '../ports';
import { documents } from './builders/documents';
import { scheduler } from './builders/scheduler';
import { workflow } from './builders/workflow';
import { clock, config, table, telemetry, type Builders } from './wire';
import { dynamo, once } from './clients';
import { lazyPort, lazySendOnce, type AsyncPort, type MethodNames } from './lazy-port';
import {
  ACTION_METHODS,
  AUDIT_METHODS,
  INTEREST_METHODS,
  LINK_METHODS,
  OUTBOX_METHODS,
  SECURITY_LOG_METHODS,
  SESSION_METHODS,
  SIGN_IN_METHODS,
  WAIT_METHODS,
} from './port-methods';

/*
 * The DynamoDB ports of builders/ (records.ts, links.ts, sessions.ts) for a function that uses them only
 * sometimes: the link pages read links, boards and cycles on every request, but an action, a wait, an
 * interest or the outbox only for some purposes, as the console does (links too) for some pages. Each
 * builder gives a `lazyPort` that loads its adapter module (a chunk of its own) with `import()` on the
 * first call of one of its methods. A task that uses a port on every run keeps builders/'s: deferring
 * would only move the load into its first invocation.
 */

/** A DynamoDB port whose adapter class `load` gives, made on the table with the shared client on first use. */
const onFirstUse = <T extends AsyncPort<T>>(load: () => Promise<new (doc: ReturnType<typeof dynamo>, tableName: string) => T>, methods: MethodNames<T>) =>
  once(() => lazyPort<T>(() => load().then((Adapter) => new Adapter(dynamo(), table())), methods));

export const actionsOnFirstUse = /* @__PURE__ */ onFirstUse<ActionRepository>(
  () => import('../adapters/dynamodb/dynamo-action-repository').then((m) => m.DynamoActionRepository),
  ACTION_METHODS,
);
export const waitsOnFirstUse = /* @__PURE__ */ onFirstUse<WaitRepository>(
  () => import('../adapters/dynamodb/dynamo-wait-repository').then((m) => m.DynamoWaitRepository),
  WAIT_METHODS,
);
export const outboxOnFirstUse = /* @__PURE__ */ onFirstUse<Outbox>(
  () => import('../adapters/dynamodb/dynamo-outbox').then((m) => m.DynamoOutbox),
  OUTBOX_METHODS,
);
export const linksOnFirstUse = /* @__PURE__ */ onFirstUse<LinkRepository>(
  () => import('../adapters/dynamodb/dynamo-link-repository').then((m) => m.DynamoLinkRepository),
  LINK_METHODS,
);
export const signInsOnFirstUse = /* @__PURE__ */ onFirstUse<SignInRepository>(
  () => import('../adapters/dynamodb/dynamo-sign-in-repository').then((m) => m.DynamoSignInRepository),
  SIGN_IN_METHODS,
);
export const sessionsOnFirstUse = /* @__PURE__ */ onFirstUse<SessionRepository>(
  () => import('../adapters/dynamodb/dynamo-session-repository').then((m) => m.DynamoSessionRepository),
  SESSION_METHODS,
);
export const securityLogOnFirstUse = /* @__PURE__ */ onFirstUse<SecurityLog>(
  () => import('../adapters/dynamodb/dynamo-security-log').then((m) => m.DynamoSecurityLog),
  SECURITY_LOG_METHODS,
);
export const auditOnFirstUse = /* @__PURE__ */ onFirstUse<AuditTrail>(
  () => import('../adapters/dynamodb/dynamo-audit-trail').then((m) => m.DynamoAuditTrail),
  AUDIT_METHODS,
);
export const interestsOnFirstUse = /* @__PURE__ */ onFirstUse<InterestRepository>(
  () => import('../adapters/dynamodb/dynamo-interest-repository').then((m) => m.DynamoInterestRepository),
  INTEREST_METHODS,
);

/** Send-once whose service and rate limiter are loaded with the first email (or `holds`), its outbox and audit trail on their first use. */
export const sendOnceOnFirstUse = /* @__PURE__ */ once(() =>
  lazySendOnce(() => import('./on-demand/send-once').then((m) => m.sendOnceWith({ outbox: outboxOnFirstUse(), audit: auditOnFirstUse() }))),
);

/**
 * The ports of a function that serves requests (the link pages, the console) but the three it reads on every
 * request, which its handler adds with their adapters loaded at start: each of these loads on first use.
 */
export const REQUEST_PORTS = {
  clock,
  config,
  telemetry,
  documents,
  workflow,
  scheduler,
  actions: actionsOnFirstUse,
  waits: waitsOnFirstUse,
  outbox: outboxOnFirstUse,
  sendOnce: sendOnceOnFirstUse,
  signIns: signInsOnFirstUse,
  securityLog: securityLogOnFirstUse,
  audit: auditOnFirstUse,
  interests: interestsOnFirstUse,
} as const satisfies Partial<Builders<keyof CoreDeps>>;
