import { actionUpdateRequestEmail } from '../../emails';
import { linkExpiry } from '../domain/link-policy';
import type { Action, Member } from '../domain/types';
import type { CoreDeps } from '../ports';
import type { CycleContext } from './cycle-context';
import { makeSendWithLink } from './notify';

/**
 * Sends one owner the update request for one action, at most once per `key`: the link to update it
 * (usable again until it expires) and, where the deployment receives mail, a one-time reply address.
 * Used when minutes are published and when the secretariat confirms a hand-over to a new owner.
 */
export function makeSendActionUpdateRequest(d: Pick<CoreDeps, 'outbox' | 'sendOnce' | 'links' | 'boards' | 'clock' | 'config'>) {
  const sendWithLink = makeSendWithLink(d);
  return (ctx: CycleContext, action: Action, owner: Member, key: string, cameToYou?: string): Promise<boolean> => {
    const expiresAt = linkExpiry('update-action', { now: d.clock.now() });
    return sendWithLink({
      key,
      to: owner,
      kind: 'action-update-request',
      link: { purpose: 'update-action', boardId: action.boardId, cycleId: action.cycleId, subject: action.actionId, expiresAt },
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
