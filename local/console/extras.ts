import { formatBoardDateTime } from '../../functions/shared/domain/calendar';
import { html } from '../../functions/shared/domain/html';
import { redirect } from '../../functions/http/page';
import { signIn } from '../../functions/console/auth/session';
import type { LocalConsoleExtras } from '../../functions/console/types';
import type { MailCapture } from '../mail/mail-capture';
import type { LocalStepFunctions } from '../runtime/local-step-functions';
import type { VirtualClock } from '../runtime/virtual-clock';
import { demoMembers } from '../seed';

/** The virtual clock is shown in the demo board's zone. */
const TZ = 'Europe/London';

/** Who the local cloud's console admin is (CONSOLE_ADMIN_EMAILS locally). */
export const LOCAL_ADMIN_EMAIL = 'admin@example.org';

export interface LocalExtrasInput {
  sfn: LocalStepFunctions;
  clock: VirtualClock;
  mail: MailCapture;
}

/**
 * What only the local cloud adds to the console: the mailbox and the virtual clock in the header, the
 * clock's "advance" button on the home page, and "sign in as" buttons for the seeded people on the
 * sign-in page (the sign-in itself is the console's own: see `signInAsRoute`).
 */
export function localConsoleExtras(input: LocalExtrasInput, routes: LocalConsoleExtras['routes']): LocalConsoleExtras {
  const { sfn, clock, mail } = input;
  return {
    nav: () =>
      html`<a href="/mailbox">Mailbox (${mail.emails().length} emails)</a> <span>Virtual clock: ${formatBoardDateTime(clock.now().toISOString(), TZ)}</span>`,
    homePanel: async (ctx) => {
      const next = clock.nextTimer();
      return html`<form method="post" action="/console/local/advance" class="card"><input type="hidden" name="csrf" value="${ctx.csrf}">
        <h2>Virtual clock (local only)</h2><p>It is ${formatBoardDateTime(clock.now().toISOString(), TZ)}. Next on the clock:
        <strong>${next ? `${next.label}, ${formatBoardDateTime(next.at.toISOString(), TZ)}` : 'nothing is waiting for the clock'}</strong>.</p>
        <button type="submit" ${next ? '' : 'disabled'}>Advance the clock to it</button></form>`;
    },
    routes: [
      {
        method: 'POST',
        path: '/console/local/advance',
        access: 'signed-in',
        summary: 'Moves the virtual clock to the next thing waiting for it (local only).',
        handle: async (ctx) => {
          await sfn.advanceToNext();
          const back = ctx.form.back && /^\/console(\/|$)/.test(ctx.form.back) ? ctx.form.back : '/console';
          // Sessions expire on the same (virtual) clock as everything else: weeks later, the one that pressed
          // the button would be signed out. The person at the browser has not left, so they get a fresh one.
          const who = ctx.principal!;
          const cookie = await signIn(ctx.d, ctx.req, ctx.options, { email: who.email, boardIds: [...who.boards.keys()], reason: 'local-clock-advanced' });
          return { ...redirect(back, 303), cookies: [cookie] };
        },
      },
      ...routes,
    ],
    people: async () => [
      { name: 'Console admin', email: LOCAL_ADMIN_EMAIL, role: 'admin: creates boards, grants the secretariat role' },
      ...demoMembers()
        .filter((m) => m.roles.includes('secretariat') || m.roles.includes('chair'))
        .map((m) => ({ name: m.name, email: m.email, role: m.roles.includes('secretariat') ? 'secretariat' : 'chair (read only)' })),
    ],
  };
}
