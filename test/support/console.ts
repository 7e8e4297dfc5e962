import { consolePage } from '../../functions/console/layout';
import type { BoardAccess, ConsoleOptions, ConsoleRequest, ConsoleResponse, ConsoleRoute, Principal, RouteContext } from '../../functions/console/types';
import type { Board, Cycle } from '../../functions/shared/domain/types';
import type { CoreDeps } from '../../functions/shared/ports';

/** Console options as deployed (https, no local extras), with `admin@example.org` as the one admin. */
export const CONSOLE_OPTIONS: ConsoleOptions = { adminEmails: ['admin@example.org'], secureCookies: true };

/** A signed-in person: secretariat or chair of the boards given, or an admin. */
export function principal(email: string, boards: Record<string, BoardAccess> = {}, admin = false): Principal {
  return { email, name: email, admin, boards: new Map(Object.entries(boards)), sessionHash: 'h'.repeat(64) };
}

/** A request as the handler builds it: a url-encoded form body when `form` is given. */
export function consoleRequest(method: string, path: string, form?: Record<string, string>): ConsoleRequest {
  return {
    method,
    path,
    query: {},
    body: Buffer.from(form ? new URLSearchParams(form).toString() : ''),
    contentType: form ? 'application/x-www-form-urlencoded' : '',
    cookies: {},
    sourceIp: '192.0.2.1',
    userAgent: 'jest',
  };
}

/**
 * The context the router hands a route after its checks passed, for testing one route's handler on
 * the fakes: `params` as the path gave them, `board` and `cycle` already loaded.
 */
export function routeContext(
  d: CoreDeps,
  input: {
    principal?: Principal;
    params?: Record<string, string>;
    form?: Record<string, string>;
    board?: Board;
    cycle?: Cycle;
    req?: ConsoleRequest;
    query?: Record<string, string>;
  },
): RouteContext {
  const req = input.req ?? { ...consoleRequest(input.form ? 'POST' : 'GET', '/console', input.form), query: input.query ?? {} };
  return {
    d,
    req,
    params: input.params ?? {},
    form: input.form ?? {},
    csrf: 'test-csrf',
    checkCsrf: (value) => value === 'test-csrf',
    now: d.clock.now(),
    options: CONSOLE_OPTIONS,
    ...(input.principal ? { principal: input.principal } : {}),
    ...(input.board ? { board: input.board } : {}),
    ...(input.cycle ? { cycle: input.cycle } : {}),
    page: (status, title, body, extra) =>
      consolePage({
        options: CONSOLE_OPTIONS,
        status,
        title,
        body,
        csrf: 'test-csrf',
        ...(input.principal ? { principal: input.principal } : {}),
        ...(extra?.cookies ? { cookies: extra.cookies } : {}),
      }),
  };
}

/** The registered route for `method` and `path` among `routes`; a test naming one that is not there fails at once. */
export function routeIn(routes: readonly ConsoleRoute[], method: ConsoleRoute['method'], path: string): ConsoleRoute {
  const found = routes.find((r) => r.method === method && r.path === path);
  if (!found) throw new Error(`No route ${method} ${path}`);
  return found;
}

/** A page's text without tags, for asserting on what a person reads. */
export const pageText = (res: ConsoleResponse): string =>
  String(res.body)
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
