import { minutesDraftRequestEmail } from '../emails';
import type { CallbackInput } from '../shared/services/callbacks';
import { loadCycleContext, requireSecretariat } from '../shared/services/cycle-context';
import { DAY_MS, laterOf } from '../shared/services/issue-link';
import { makeSendWithLink } from '../shared/services/notify';
import type { CoreDeps } from '../shared/ports';

/**
 * Stores the task token and asks the secretariat for the minutes: the link opens a draft pre-filled from
 * the agenda and attendance (first round) or the last version with the chair's comments (redraft).
 */
export const makeWaitForMinutesDraft =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'waits' | 'outbox' | 'sendOnce' | 'links' | 'clock' | 'config'>) =>
  async (input: CallbackInput): Promise<void> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    await d.waits.putWait(input.cycleId, 'minutes-draft', input.taskToken, d.clock.now().toISOString());
    const latest = await d.cycles.latestMinutes(input.cycleId);
    const round = latest?.version ?? 0;
    const sendWithLink = makeSendWithLink(d);
    const due = laterOf(new Date(ctx.cycle.timeline.minutesDraftDue), new Date(d.clock.now().getTime() + 2 * DAY_MS));
    for (const member of requireSecretariat(ctx)) {
      await sendWithLink({
        key: `minutes-draft#${input.cycleId}#${round}#${member.memberId}`,
        to: member,
        kind: 'minutes-draft-request',
        link: { purpose: 'submit-minutes', boardId: input.boardId, cycleId: input.cycleId, expiresAt: new Date(due.getTime() + 14 * DAY_MS), singleUse: true },
        render: (draftUrl) =>
          minutesDraftRequestEmail({
            board: ctx.board.name,
            secretariatEmail: ctx.secretariatEmail,
            meetingDate: ctx.day(ctx.cycle.timeline.meeting),
            draftUrl,
            draftBy: ctx.when(due.toISOString()),
            ...(latest?.changeRequest ? { chairComment: latest.changeRequest.comment, ...(ctx.chair ? { chairName: ctx.chair.name } : {}) } : {}),
          }),
      });
    }
  };
