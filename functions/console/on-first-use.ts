import { loadOnce } from '../shared/runtime/load-once';
import type { ConsoleResponse, ConsoleRoute, RouteContext } from './types';

/** What a page module exports for a route: a handler of the request's context. */
type RouteHandler = (ctx: RouteContext) => Promise<ConsoleResponse>;

/**
 * A route's handler that loads its page's module (`load`, an `import()`) with the first request for it, and
 * calls the module's export `name`: the route table names every page without loading any, so a request
 * reads only its own page and what that imports. `name` must be an export of the module that handles a
 * route, or the table does not compile. A failed load is tried again with the next request.
 */
export function onFirstUse<K extends string, M extends { readonly [P in K]: RouteHandler }>(load: () => Promise<M>, name: K): ConsoleRoute['handle'] {
  const module = loadOnce(load);
  return async (ctx) => (await module())[name](ctx);
}
