import { followUpDigestEmail } from '../emails';
import { loadCycleContext, requireSecretariat } from '../shared/domain/cycle-context';
import { messageTo } from '../shared/domain/notify';
import type { ActionStatus } from '../shared/domain/types';
import type { CycleRef } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';

const STATUSES: readonly ActionStatus[] = ['open', 'in-progress', 'done', 'dropped'];

/** The secretariat's digest of the board's actions after the meeting: status, owners, latest update. */
export const makeFollowUpActions =
  (d: CoreDeps) =>
  async (input: CycleRef): Promise<{ actions: number }> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const actions = await d.actions.listActions(input.boardId);
    const names = new Map(ctx.members.map((m) => [m.memberId, m.name]));
    const rows = await Promise.all(
      actions.map(async (a) => {
        const events = await d.actions.listEvents(a.actionId);
        const last = events.at(-1);
        return {
          number: a.number,
          text: a.text,
          owners: a.ownerMemberIds.length
            ? a.ownerMemberIds.map((id) => names.get(id) ?? id)
            : [`Unassigned (minutes say: ${a.ownersAsWritten.join(', ') || 'no one'})`],
          ...(a.due ? { due: a.due } : {}),
          status: a.status,
          ...(last ? { lastUpdate: `${ctx.day(last.at)}: ${last.note || last.status}` } : {}),
        };
      }),
    );
    const counts = Object.fromEntries(STATUSES.map((s) => [s, actions.filter((a) => a.status === s).length])) as Record<ActionStatus, number>;
    for (const member of requireSecretariat(ctx)) {
      const email = followUpDigestEmail({
        board: ctx.board.name,
        secretariatEmail: ctx.secretariatEmail,
        asOf: ctx.day(d.clock.now().toISOString()),
        actions: rows,
        counts,
      });
      await d.sendOnce(`follow-up#${input.cycleId}#${member.memberId}`, messageTo(member, 'follow-up-digest', email));
    }
    return { actions: actions.length };
  };
