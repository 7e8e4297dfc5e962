import { signIn } from '../../functions/console/auth/session';
import { standingOf } from '../../functions/console/auth/principal';
import { notice, redirect } from '../../functions/http/page';
import type { ConsoleRoute } from '../../functions/console/types';

/**
 * "Sign in as" a seeded person, for the local cloud only: the session is the console's own (the same
 * `startSession` as an emailed link), without the round trip through the mailbox. Only the people the
 * local extras offer may be chosen, and only while they may still sign in.
 */
export function localConsoleRoutes(): ConsoleRoute[] {
  return [
    {
      method: 'POST',
      path: '/console/local/sign-in-as',
      access: 'public',
      summary: 'Signs in as one of the seeded people, without an email (local only).',
      handle: async (ctx) => {
        const email = String(ctx.form.email ?? '').toLowerCase();
        const offered = (await ctx.options.local?.people()) ?? [];
        const standing = offered.some((p) => p.email === email) ? await standingOf(ctx.d, email, ctx.options) : undefined;
        if (!standing) return ctx.page(422, 'Sign in', notice('Choose one of the people offered on the sign-in page.'));
        const cookie = await signIn(ctx.d, ctx.req, ctx.options, { email, boardIds: [...standing.principal.boards.keys()], reason: 'local-sign-in-as' });
        return { ...redirect('/console', 303), cookies: [cookie] };
      },
    },
  ];
}
