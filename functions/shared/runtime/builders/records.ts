import { DynamoActionRepository } from '../../adapters/dynamodb/dynamo-action-repository';
import { DynamoAuditTrail } from '../../adapters/dynamodb/dynamo-audit-trail';
import { DynamoInterestRepository } from '../../adapters/dynamodb/dynamo-interest-repository';
import { DynamoOutbox } from '../../adapters/dynamodb/dynamo-outbox';
import { DynamoSecurityLog } from '../../adapters/dynamodb/dynamo-security-log';
import { DynamoSignInRepository } from '../../adapters/dynamodb/dynamo-sign-in-repository';
import { DynamoWaitRepository } from '../../adapters/dynamodb/dynamo-wait-repository';
import { dynamo, once } from '../clients';
import { table } from '../wire';

/*
 * The DynamoDB ports a task reads on every run when it reads them at all, with their adapters loaded at start
 * (the link pages and the console take runtime/on-first-use.ts's instead: they use these only sometimes).
 */

export const actions = /* @__PURE__ */ once(() => new DynamoActionRepository(dynamo(), table()));
export const waits = /* @__PURE__ */ once(() => new DynamoWaitRepository(dynamo(), table()));
export const outbox = /* @__PURE__ */ once(() => new DynamoOutbox(dynamo(), table()));
export const signIns = /* @__PURE__ */ once(() => new DynamoSignInRepository(dynamo(), table()));
export const securityLog = /* @__PURE__ */ once(() => new DynamoSecurityLog(dynamo(), table()));
export const audit = /* @__PURE__ */ once(() => new DynamoAuditTrail(dynamo(), table()));
export const interests = /* @__PURE__ */ once(() => new DynamoInterestRepository(dynamo(), table()));
