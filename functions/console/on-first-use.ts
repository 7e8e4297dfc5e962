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
  let loading: Promise<M> | undefined;
  return async (ctx) => {
    const module = await (loading ??= load().catch((err: unknown) => {
      loading = undefined;
      throw err;
    }));
    return module[name](ctx);
  };
}
