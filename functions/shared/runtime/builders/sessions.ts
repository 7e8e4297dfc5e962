import { DynamoSessionRepository } from '../../adapters/dynamodb/dynamo-session-repository';
import { table } from '../wire';
import { dynamo, once } from '../clients';

/**
 * The console's sessions, with their adapter loaded at start: every signed-in request reads its session. A module
 * of its own, so that the link pages, which never read one, do not import the adapter (runtime/wire.ts says why).
 */
export const sessions = /* @__PURE__ */ once(() => new DynamoSessionRepository(dynamo(), table()));
