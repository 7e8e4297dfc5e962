import { minutesDraftRequestEmail } from '../emails';
import type { CallbackInput } from '../shared/domain/callbacks';
import { loadCycleContext, requireSecretariat } from '../shared/domain/cycle-context';
import { DAY_MS, laterOf, makeIssueLink } from '../shared/domain/issue-link';
import { alreadySent, messageTo } from '../shared/domain/notify';
import type { CoreDeps } from '../shared/ports';

/**
 * Stores the task token and asks the secretariat for the minutes: the link opens a draft pre-filled from
 * the agenda and attendance (first round) or the last version with the chair's comments (redraft).
 */
export const makeWaitForMinutesDraft = (d: CoreDeps) => async (input: CallbackInput): Promise<void> => {
  const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
  await d.waits.putWait(input.cycleId, 'minutes-draft', input.taskToken, d.clock.now().toISOString());
  const latest = await d.cycles.latestMinutes(input.cycleId);
  const round = latest?.version ?? 0;
  const issueLink = makeIssueLink(d);
  const due = laterOf(new Date(ctx.cycle.timeline.minutesDraftDue), new Date(d.clock.now().getTime() + 2 * DAY_MS));
  for (const member of requireSecretariat(ctx)) {
    const key = `minutes-draft#${input.cycleId}#${round}#${member.memberId}`;
    if (await alreadySent(d, key)) continue;
    const draftUrl = await issueLink({
      purpose: 'submit-minutes',
      boardId: input.boardId,
      cycleId: input.cycleId,
      memberId: member.memberId,
      expiresAt: new Date(due.getTime() + 14 * DAY_MS),
      singleUse: true,
    });
    const email = minutesDraftRequestEmail({
      board: ctx.board.name,
      secretariatEmail: ctx.secretariatEmail,
      meetingDate: ctx.day(ctx.cycle.timeline.meeting),
      draftUrl,
      draftBy: ctx.when(due.toISOString()),
      ...(latest?.changeRequest ? { chairComment: latest.changeRequest.comment, ...(ctx.chair ? { chairName: ctx.chair.name } : {}) } : {}),
    });
    await d.sendOnce(key, messageTo(member, 'minutes-draft-request', email));
  }
};
