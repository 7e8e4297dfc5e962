import type {
  ActionRepository,
  AuditTrail,
  InterestRepository,
  LinkRepository,
  Outbox,
  SecurityLog,
  SessionRepository,
  SignInRepository,
  WaitRepository,
} from '../ports';
import type { MethodNames } from './lazy-port';

/*
 * The methods of the DynamoDB ports that runtime/deps.ts can give as a `lazyPort` (its `…OnFirstUse` builders):
 * each table names every method of its port, so a method added to a port and missing here is a compile error.
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
