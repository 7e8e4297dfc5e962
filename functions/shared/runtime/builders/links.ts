import { DynamoLinkRepository } from '../../adapters/dynamodb/dynamo-link-repository';
import { table } from '../wire';
import { dynamo, once } from '../clients';

/**
 * The links, with their adapter loaded at start: every link page request reads its link. A module of its own, so
 * that the console, which reads a link only on some pages, does not import the adapter (runtime/wire.ts says why).
 */
export const links = /* @__PURE__ */ once(() => new DynamoLinkRepository(dynamo(), table()));
