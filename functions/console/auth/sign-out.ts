import { html } from '../../shared/domain/html';
import { consolePage } from '../layout';
import type { ConsoleResponse, RouteContext } from '../types';
import { clearCookie, cookieNames } from './policy';
import { logSecurityEvent } from './session';

/** POST /console/sign-out: ends this session, or with `everywhere` every session of this person. */
export async function signOut(ctx: RouteContext): Promise<ConsoleResponse> {
  const principal = ctx.principal;
  if (!principal) throw new Error('sign-out runs only for a session: the router checks it');
  const everywhere = ctx.form.everywhere === 'yes';
  let ended = 1;
  if (everywhere) ended = await ctx.d.sessions.endSessionsOf(principal.email);
  else await ctx.d.sessions.endSession(principal.sessionHash);
  await logSecurityEvent(ctx.d, ctx.req, {
    event: 'signed-out',
    email: principal.email,
    boardIds: [...principal.boards.keys()],
    reason: everywhere ? 'everywhere' : 'this-browser',
  });
  const said = everywhere
    ? `You have signed out everywhere: ${ended} ${ended === 1 ? 'session' : 'sessions'} ended, on every device and browser.`
    : 'You have signed out in this browser.';
  return consolePage({
    options: ctx.options,
    status: 200,
    title: 'Signed out',
    body: html`<p class="ok">${said}</p><p><a href="/console/sign-in">Sign in again</a></p>`,
    cookies: [clearCookie(cookieNames(ctx.options).session, ctx.options)],
  });
}
