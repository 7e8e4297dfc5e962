import { MeetingCycleError } from '../shared/domain/errors';
import { html } from '../shared/domain/html';
import type { CoreDeps } from '../shared/ports';
import { log } from '../shared/runtime/observability';
import { errorStatus } from '../http/error-status';
import { notice, redirect } from '../http/page';
import { authenticate } from './auth/session';
import { consolePage } from './layout';
import { CONSOLE_ROUTES } from './routes';
import type { ConsoleOptions, ConsoleRequest, ConsoleResponse, ConsoleRoute, RouteContext } from './types';

/** Largest url-encoded form accepted; a multipart route (the CSV import) sets its own limit. */
export const MAX_CONSOLE_FORM_BYTES = 256 * 1024;

/** The page a signed-out browser is sent to, coming back to `next` afterwards. */
export const signInUrl = (next?: string): string =>
  next && next !== '/console' ? `/console/sign-in?${new URLSearchParams({ next }).toString()}` : '/console/sign-in';

interface Match {
  route: ConsoleRoute;
  params: Record<string, string>;
}

/** Splits a path into decoded segments; undefined if one is not valid percent-encoding. */
function segments(path: string): string[] | undefined {
  try {
    return path.split('/').slice(1).map(decodeURIComponent);
  } catch {
    return undefined;
  }
}

function matchRoute(routes: readonly ConsoleRoute[], method: string, path: string): Match | 'wrong-method' | undefined {
  const parts = segments(path.replace(/\/+$/, '') || '/');
  if (!parts) return undefined;
  let wrongMethod = false;
  for (const route of routes) {
    const pattern = route.path.split('/').slice(1);
    if (pattern.length !== parts.length) continue;
    const params: Record<string, string> = {};
    const ok = pattern.every((p, i) => {
      const part = parts[i] ?? '';
      if (p.startsWith(':')) {
        params[p.slice(1)] = part;
        return part !== '';
      }
      return p === part;
    });
    if (!ok) continue;
    if (route.method === method) return { route, params };
    wrongMethod = true;
  }
  return wrongMethod ? 'wrong-method' : undefined;
}

/**
 * The secretariat's console: one route table (routes.ts), and the checks every route gets before its
 * handler runs, in this order: a session (or a public route), the CSRF value of a POST, access to the
 * `:board` in the path (404 when the session may not see it, so other boards' ids are not disclosed;
 * 403 for a chair's read-only view on a route that changes something), and the `:cycle` belonging to
 * that board. GET never changes anything.
 */
export function makeConsoleApp(d: CoreDeps, options: ConsoleOptions) {
  const routes: readonly ConsoleRoute[] = [...CONSOLE_ROUTES, ...(options.local?.routes ?? [])];
  return async (req: ConsoleRequest): Promise<ConsoleResponse> => {
    const method = req.method === 'HEAD' ? 'GET' : req.method;
    if (req.path === '/' || req.path === '') return redirect('/console');
    const found = matchRoute(routes, method, req.path);
    const bare = (status: number, title: string, text: string) => consolePage({ options, status, title, body: notice(text) });
    if (!found) return bare(404, 'Not found', 'There is nothing at this address.');
    if (found === 'wrong-method') return bare(405, 'Not allowed', 'Please use the links and buttons on the pages.');
    const { route, params } = found;
    try {
      const auth = await authenticate(d, req, options);
      const withCookies = (res: ConsoleResponse): ConsoleResponse =>
        auth.cookies.length ? { ...res, cookies: [...auth.cookies, ...(res.cookies ?? [])] } : res;
      if (route.access !== 'public' && !auth.principal) {
        if (method === 'GET') return withCookies(redirect(signInUrl(req.path), 302));
        return withCookies(
          consolePage({
            options,
            status: 401,
            title: 'Please sign in again',
            body: html`${notice(auth.ended === 'expired' ? 'Your session has ended.' : 'You are not signed in.')}<p>Nothing was changed. <a href="/console/sign-in">Sign in</a> and try again.</p>`,
          }),
        );
      }
      let form: Record<string, string> = {};
      if (method === 'POST' && !route.multipart) {
        if (req.body.length > MAX_CONSOLE_FORM_BYTES)
          return withCookies(bare(413, 'Too much text', `A form may send at most ${MAX_CONSOLE_FORM_BYTES / 1024} KB.`));
        if (!req.contentType.startsWith('application/x-www-form-urlencoded'))
          return withCookies(bare(415, 'Unexpected form', 'Please use the form on the page.'));
        form = Object.fromEntries(new URLSearchParams(req.body.toString('utf8')));
        if (!auth.checkCsrf(form.csrf))
          return withCookies(bare(403, 'Please use the form on the page', 'This request did not come from a console page. Nothing was changed.'));
      }
      const principal = auth.principal;
      const ctx: RouteContext = {
        d,
        req,
        params,
        form,
        csrf: auth.csrf,
        checkCsrf: (value) => auth.checkCsrf(value),
        now: d.clock.now(),
        options,
        ...(principal ? { principal } : {}),
        page: (status, title, body, extra) =>
          consolePage({
            options,
            status,
            title,
            body,
            csrf: auth.csrf,
            ...(principal ? { principal } : {}),
            ...(extra?.cookies ? { cookies: extra.cookies } : {}),
          }),
      };
      if (route.access === 'admin' && !principal?.admin) return withCookies(bare(404, 'Not found', 'There is nothing at this address.'));
      if (params.board !== undefined) {
        const access = principal?.admin ? 'secretariat' : principal?.boards.get(params.board);
        const board = access ? await d.boards.getBoard(params.board) : undefined;
        if (!board) return withCookies(ctx.page(404, 'Not found', notice('There is nothing at this address.')));
        if (route.access === 'board-write' && access !== 'secretariat')
          return withCookies(
            ctx.page(
              403,
              'Read only',
              notice(`As chair of ${board.name} you can see everything here, but only the secretariat can change it. Nothing was changed.`),
            ),
          );
        ctx.board = board;
        if (params.cycle !== undefined) {
          const cycle = await d.cycles.getCycle(board.boardId, params.cycle);
          if (!cycle) return withCookies(ctx.page(404, 'Not found', notice('There is no such meeting for this board.')));
          ctx.cycle = cycle;
        }
      }
      return withCookies(await route.handle(ctx));
    } catch (err) {
      const known = errorStatus(err);
      if (known) return bare(known.status, known.title, (err as Error).message);
      if (err instanceof MeetingCycleError) return bare(400, 'That did not work', err.message);
      log().error('Unhandled error in the console', { error: err });
      return bare(500, 'Something went wrong', 'Nothing was changed. Please try again in a few minutes.');
    }
  };
}
