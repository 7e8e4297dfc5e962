import { agendaConfirmationRequestEmail } from '../emails';
import { resumeIfDecided, type CallbackInput } from '../shared/services/callbacks';
import { loadCycleContext, requireSecretariat } from '../shared/services/cycle-context';
import { linkExpiry } from '../shared/domain/link-policy';
import { makeSendWithLink } from '../shared/services/notify';
import type { CoreDeps } from '../shared/ports';
import { outboxKeys } from '../shared/table/outbox-keys';

/**
 * Stores the task token, then asks the secretariat to review and confirm the draft agenda. Re-entered
 * after each reminder with a new token; the email goes once (outbox), and its link resumes whichever
 * token is current. A confirmation recorded before (its resume failed) resumes the new token at once.
 */
export const makeWaitForAgendaConfirmation =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'waits' | 'workflow' | 'outbox' | 'sendOnce' | 'links' | 'clock' | 'config'>) =>
  async (input: CallbackInput): Promise<void> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const wait = { cycleId: input.cycleId, kind: 'agenda-confirmation', taskToken: input.taskToken, at: d.clock.now().toISOString() } as const;
    await d.waits.putWait(wait.cycleId, wait.kind, wait.taskToken, wait.at);
    if (await resumeIfDecided(d, wait, () => true)) return;
    const items = await d.cycles.listItems(input.cycleId);
    const names = new Map(ctx.members.map((m) => [m.memberId, m.name]));
    const sendWithLink = makeSendWithLink(d);
    for (const member of requireSecretariat(ctx)) {
      await sendWithLink({
        key: outboxKeys.agendaConfirmation(input.cycleId, member.memberId),
        to: member,
        kind: 'agenda-confirmation-request',
        link: {
          purpose: 'confirm-agenda',
          boardId: input.boardId,
          cycleId: input.cycleId,
          expiresAt: linkExpiry('confirm-agenda', { now: d.clock.now(), timeline: ctx.cycle.timeline }),
        },
        render: (confirmUrl) =>
          agendaConfirmationRequestEmail({
            board: ctx.board.name,
            secretariatEmail: ctx.secretariatEmail,
            meetingWhen: ctx.when(ctx.cycle.timeline.meeting),
            items: items.map((i) => ({
              number: i.number,
              title: i.title,
              purpose: i.purpose,
              ...(i.presenterMemberId ? { presenter: names.get(i.presenterMemberId) ?? i.presenterMemberId } : {}),
            })),
            confirmUrl,
            confirmBy: ctx.when(ctx.cycle.timeline.paperDeadline),
          }),
      });
    }
  };
