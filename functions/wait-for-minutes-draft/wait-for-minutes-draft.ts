import { minutesDraftRequestEmail } from '../emails';
import { resumeIfDecided, type CallbackInput } from '../shared/services/callbacks';
import { loadCycleContext, requireSecretariat } from '../shared/services/cycle-context';
import { answerDue, linkExpiry } from '../shared/domain/link-policy';
import { makeIssueLink } from '../shared/services/issue-link';
import { alreadySent, makeSendWithLink } from '../shared/services/notify';
import type { CoreDeps } from '../shared/ports';
import { outboxKeys } from '../shared/table/outbox-keys';

/**
 * Stores the task token and asks the secretariat for the minutes: the link opens a draft pre-filled from
 * the agenda and attendance (first round) or the last version with the chair's comments (redraft). A
 * draft recorded before (its resume failed) resumes the new token at once, while it awaits the chair.
 */
export const makeWaitForMinutesDraft =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'waits' | 'workflow' | 'outbox' | 'sendOnce' | 'links' | 'clock' | 'config'>) =>
  async (input: CallbackInput): Promise<void> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const wait = { cycleId: input.cycleId, kind: 'minutes-draft', taskToken: input.taskToken, at: d.clock.now().toISOString() } as const;
    await d.waits.putWait(wait.cycleId, wait.kind, wait.taskToken, wait.at);
    // A draft the chair has since answered belongs to an earlier round.
    const awaitingChair = async (output: Record<string, unknown>) => (await d.cycles.getMinutes(input.cycleId, Number(output.version)))?.status === 'submitted';
    if (await resumeIfDecided(d, wait, awaitingChair)) return;
    const latest = await d.cycles.latestMinutes(input.cycleId);
    const round = latest?.version ?? 0;
    const sendWithLink = makeSendWithLink(d);
    const basis = { now: d.clock.now(), timeline: ctx.cycle.timeline };
    const due = answerDue('submit-minutes', basis);
    const issueLink = makeIssueLink(d);
    for (const member of requireSecretariat(ctx)) {
      const key = outboxKeys.minutesDraft(input.cycleId, round, member.memberId);
      // Checked before the attendance link is issued, so that a retry makes none that nobody receives.
      if (await alreadySent(d, key)) continue;
      const attendance = { purpose: 'record-attendance', expiresAt: linkExpiry('record-attendance', basis) } as const;
      const attendanceUrl = await issueLink({ ...attendance, boardId: input.boardId, cycleId: input.cycleId, memberId: member.memberId });
      await sendWithLink({
        key,
        to: member,
        kind: 'minutes-draft-request',
        link: { purpose: 'submit-minutes', boardId: input.boardId, cycleId: input.cycleId, expiresAt: linkExpiry('submit-minutes', basis) },
        render: (draftUrl) =>
          minutesDraftRequestEmail({
            board: ctx.board.name,
            secretariatEmail: ctx.secretariatEmail,
            meetingDate: ctx.day(ctx.cycle.timeline.meeting),
            draftUrl,
            draftBy: ctx.when(due.toISOString()),
            ...(latest?.changeRequest ? { chairComment: latest.changeRequest.comment, ...(ctx.chair ? { chairName: ctx.chair.name } : {}) } : {}),
            attendanceUrl,
          }),
      });
    }
  };
