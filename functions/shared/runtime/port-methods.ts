import type {
  ActionRepository,
  AuditTrail,
  DocumentStore,
  InterestRepository,
  LinkRepository,
  Outbox,
  SecurityLog,
  SessionRepository,
  Scheduler,
  SignInRepository,
  WaitRepository,
  Workflow,
} from '../ports';
import type { MethodNames } from './lazy-port';

/*
 * The methods of every port a builder gives as a `lazyPort`: the DynamoDB ports of on-first-use.ts, and the
 * document store, the workflow and the scheduler of builders/. Each table names every method of its port, so
 * a method added to a port and missing here is a compile error. Types only: importing this loads no adapter.
 */

export const ACTION_METHODS = {
  createActions: true,
  getAction: true,
  listActions: true,
  recordUpdate: true,
  listEvents: true,
  recordChange: true,
  putDecisions: true,
  listDecisions: true,
} as const satisfies MethodNames<ActionRepository>;

export const WAIT_METHODS = {
  putWait: true,
  recordChase: true,
  getWait: true,
  claimDecision: true,
  recordDecision: true,
  releaseDecision: true,
  takeWait: true,
} as const satisfies MethodNames<WaitRepository>;

export const OUTBOX_METHODS = {
  claim: true,
  markSent: true,
  markWithheld: true,
  findSent: true,
  recordDelivery: true,
  release: true,
  get: true,
  listForCycle: true,
} as const satisfies MethodNames<Outbox>;

export const SIGN_IN_METHODS = {
  putSignIn: true,
  getSignIn: true,
  claimSignIn: true,
  releaseSignIn: true,
  countAttempt: true,
} as const satisfies MethodNames<SignInRepository>;

export const SESSION_METHODS = {
  createSession: true,
  getSession: true,
  touchSession: true,
  endSession: true,
  endSessionsOf: true,
} as const satisfies MethodNames<SessionRepository>;

export const SECURITY_LOG_METHODS = { record: true, listDay: true } as const satisfies MethodNames<SecurityLog>;

export const AUDIT_METHODS = { append: true, list: true, head: true } as const satisfies MethodNames<AuditTrail>;

export const INTEREST_METHODS = {
  getRegister: true,
  listRegisters: true,
  putRegister: true,
  declare: true,
  listDeclarations: true,
  allowPapers: true,
} as const satisfies MethodNames<InterestRepository>;

export const LINK_METHODS = { putLink: true, getLink: true, claim: true, release: true, markUsed: true } as const satisfies MethodNames<LinkRepository>;

export const DOCUMENT_STORE_METHODS = {
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

export const WORKFLOW_METHODS = { start: true, stop: true, resume: true, fail: true } as const satisfies MethodNames<Workflow>;

export const SCHEDULER_METHODS = { scheduleCycleStart: true, cancelCycleStart: true } as const satisfies MethodNames<Scheduler>;
