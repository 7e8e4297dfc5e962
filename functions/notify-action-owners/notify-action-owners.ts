import { actionUpdateRequestEmail } from '../emails';
import { mapLimit } from '../shared/domain/concurrency';
import { loadCycleContext } from '../shared/domain/cycle-context';
import { DAY_MS } from '../shared/domain/issue-link';
import { makeSendWithLink } from '../shared/domain/notify';
import type { CycleRef } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';

/**
 * One email per action per owner (so it can be flagged or forwarded), with a link that stays usable
 * for later updates until it expires. Actions with no owner wait for the secretariat (follow-up digest).
 */
export const makeNotifyActionOwners =
  (d: CoreDeps) =>
  async (input: CycleRef): Promise<{ sent: number; unassigned: number }> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const actions = await d.actions.listActions(input.boardId, { cycleId: input.cycleId });
    const pairs = actions.flatMap((action) => action.ownerMemberIds.map((memberId) => ({ action, memberId })));
    const sendWithLink = makeSendWithLink(d);
    const sent = await mapLimit(pairs, d.config.sendConcurrency, async ({ action, memberId }) => {
      const owner = ctx.members.find((m) => m.memberId === memberId);
      if (!owner) return false;
      return sendWithLink({
        key: `action-update#${action.actionId}#${memberId}`,
        to: owner,
        kind: 'action-update-request',
        link: {
          purpose: 'update-action',
          boardId: input.boardId,
          cycleId: input.cycleId,
          subject: action.actionId,
          expiresAt: new Date(d.clock.now().getTime() + 90 * DAY_MS),
          singleUse: false,
        },
        // Replying "done" or "in progress: …" updates the action too (when the deployment receives mail).
        reply: {
          purpose: 'reply-action',
          boardId: input.boardId,
          cycleId: input.cycleId,
          subject: action.actionId,
          expiresAt: new Date(d.clock.now().getTime() + 90 * DAY_MS),
        },
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
          }),
      });
    });
    return { sent: sent.filter(Boolean).length, unassigned: actions.filter((a) => a.ownerMemberIds.length === 0).length };
  };
