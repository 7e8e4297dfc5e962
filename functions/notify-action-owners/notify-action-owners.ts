import { actionUpdateRequestEmail } from '../emails';
import { mapLimit } from '../shared/domain/concurrency';
import { loadCycleContext, type CycleContext } from '../shared/services/cycle-context';
import { DAY_MS } from '../shared/services/issue-link';
import { makeSendWithLink } from '../shared/services/notify';
import type { Action, Member } from '../shared/domain/types';
import type { CycleRef } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';

/** How long an owner's update link works; an expired one offers a fresh link by email. */
export const UPDATE_LINK_DAYS = 90;

/**
 * Sends one owner the update request for one action, at most once per `key`: the link to update it
 * (usable again until it expires) and, where the deployment receives mail, a one-time reply address.
 * Used when minutes are published and when the secretariat confirms a hand-over to a new owner.
 */
export function makeSendActionUpdateRequest(d: Pick<CoreDeps, 'outbox' | 'sendOnce' | 'links' | 'clock' | 'config'>) {
  const sendWithLink = makeSendWithLink(d);
  return (ctx: CycleContext, action: Action, owner: Member, key: string, cameToYou?: string): Promise<boolean> => {
    const expiresAt = new Date(d.clock.now().getTime() + UPDATE_LINK_DAYS * DAY_MS);
    return sendWithLink({
      key,
      to: owner,
      kind: 'action-update-request',
      link: { purpose: 'update-action', boardId: action.boardId, cycleId: action.cycleId, subject: action.actionId, expiresAt, singleUse: false },
      // Replying "done" or "in progress: …" updates the action too (when the deployment receives mail).
      reply: { purpose: 'reply-action', boardId: action.boardId, cycleId: action.cycleId, subject: action.actionId, expiresAt },
      render: (updateUrl, replyTo) =>
        actionUpdateRequestEmail({
          board: ctx.board.name,
          secretariatEmail: ctx.secretariatEmail,
          actionNumber: action.number,
          actionText: action.text,
          ...(action.due ? { due: action.due } : {}),
          meetingDate: ctx.day(ctx.cycle.timeline.meeting),
          updateUrl,
          replyToUpdate: replyTo !== undefined,
          ...(cameToYou ? { cameToYou } : {}),
        }),
    });
  };
}

/**
 * One email per action per owner (so it can be flagged or forwarded), with a link that stays usable
 * for later updates until it expires. Actions with no owner wait for the secretariat (follow-up digest).
 */
export const makeNotifyActionOwners =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'actions' | 'outbox' | 'sendOnce' | 'links' | 'clock' | 'config'>) =>
  async (input: CycleRef): Promise<{ sent: number; unassigned: number }> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const actions = await d.actions.listActions(input.boardId, { cycleId: input.cycleId });
    const pairs = actions.flatMap((action) => action.ownerMemberIds.map((memberId) => ({ action, memberId })));
    const sendActionUpdateRequest = makeSendActionUpdateRequest(d);
    const sent = await mapLimit(pairs, d.config.sendConcurrency, async ({ action, memberId }) => {
      const owner = ctx.members.find((m) => m.memberId === memberId);
      if (!owner) return false;
      return sendActionUpdateRequest(ctx, action, owner, `action-update#${action.actionId}#${memberId}`);
    });
    return { sent: sent.filter(Boolean).length, unassigned: actions.filter((a) => a.ownerMemberIds.length === 0).length };
  };
