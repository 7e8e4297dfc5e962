import { callbackReminderEmail, escalationEmail } from '../emails';
import { WAIT_LABELS } from '../shared/services/callbacks';
import { loadCycleContext, requireSecretariat } from '../shared/services/cycle-context';
import { approverFor } from '../shared/services/approver';
import { CallbackAbandonedError } from '../shared/domain/errors';
import { DAY_MS } from '../shared/domain/calendar';
import { linkExpiry, type RemindedPurpose } from '../shared/domain/link-policy';
import { makeIssueLink } from '../shared/services/issue-link';
import { messageTo } from '../shared/services/notify';
import type { Member, WaitKind } from '../shared/domain/types';
import type { CoreDeps } from '../shared/ports';
import type { ChaseInput } from './schema';
import { outboxKeys } from '../shared/table/outbox-keys';

/** Reminders before the secretariat is told; after ESCALATE_AFTER reminders each chase also escalates. */
export const ESCALATE_AFTER = 2;
/** Chases after which the cycle stops (CallbackAbandonedError), rather than wait for ever. */
export const GIVE_UP_AFTER = 5;

const BUTTON: Record<WaitKind, string> = {
  'agenda-confirmation': 'Review and confirm the agenda',
  'minutes-draft': 'Write the minutes',
  'chair-approval': 'Read and approve the minutes',
};

const PURPOSE: Record<WaitKind, RemindedPurpose> = {
  'agenda-confirmation': 'confirm-agenda',
  'minutes-draft': 'submit-minutes',
  'chair-approval': 'approve-minutes',
};

/**
 * Runs when a callback times out: reminds the person who owes the answer (with a fresh link; for the
 * minutes' approval, the vice-chair instead of a chair who let the second reminder pass), escalates
 * to the secretariat after a few reminders, and gives up after a bounded number. Counting is idempotent
 * per timed-out token, so a retried chase neither double-counts nor double-sends. An answer already
 * recorded (its resume failed, or came as the token timed out) is nobody's delay: nothing is sent or
 * counted, and the waiting task, entered again next, resumes its new token with it.
 */
export const makeChaseCallback =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'waits' | 'links' | 'sendOnce' | 'clock' | 'config' | 'telemetry' | 'interests'>) =>
  async (input: ChaseInput): Promise<{ chase: number }> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const wait = await d.waits.getWait(input.cycleId, input.kind);
    if (wait?.decision?.output) return { chase: 0 };
    const chase = await d.waits.recordChase(input.cycleId, input.kind);
    const since = wait?.at ?? d.clock.now().toISOString();
    if (chase > GIVE_UP_AFTER) {
      throw new CallbackAbandonedError(
        `Nobody could ${WAIT_LABELS[input.kind]} for ${ctx.board.name} after ${GIVE_UP_AFTER} reminders since ${ctx.when(since)}.`,
      );
    }
    // The chair's approval goes to the vice-chair once the chair has let the second reminder pass: this
    // chase then reminds nobody, and the waiting task, entered again next, sends the vice-chair the request.
    const route = input.kind === 'chair-approval' ? await approverFor(d, ctx, chase) : undefined;
    if (route?.handover?.because === 'chair-silent' && route.handover.atChase === chase) return { chase };
    const owers: Member[] = route ? [route.approver] : requireSecretariat(ctx);
    const minutes = input.kind === 'chair-approval' ? await d.cycles.latestMinutes(input.cycleId) : undefined;
    const issueLink = makeIssueLink(d);
    let reminded = false;
    for (const member of owers) {
      const url = await issueLink({
        purpose: PURPOSE[input.kind],
        boardId: input.boardId,
        cycleId: input.cycleId,
        memberId: member.memberId,
        ...(minutes ? { subject: String(minutes.version) } : {}),
        expiresAt: linkExpiry(PURPOSE[input.kind], { now: d.clock.now() }, 'reminder'),
      });
      const email = callbackReminderEmail({
        board: ctx.board.name,
        secretariatEmail: ctx.secretariatEmail,
        task: WAIT_LABELS[input.kind],
        buttonLabel: BUTTON[input.kind],
        reminderNumber: chase,
        firstAskedOn: ctx.when(since),
        dueBy: ctx.when(new Date(d.clock.now().getTime() + 2 * DAY_MS).toISOString()),
        url,
        finalReminder: chase === GIVE_UP_AFTER,
      });
      const sent = await d.sendOnce(outboxKeys.chase(input.cycleId, input.kind, chase, member.memberId), messageTo(member, 'callback-reminder', email));
      reminded ||= sent.sent;
    }
    // Counted by what was sent, so a retried chase (same number, reminders already out) counts nothing.
    if (reminded) d.telemetry.count('CallbackChases');
    if (chase > ESCALATE_AFTER) {
      for (const member of requireSecretariat(ctx)) {
        const email = escalationEmail({
          board: ctx.board.name,
          secretariatEmail: ctx.secretariatEmail,
          who: owers.map((m) => m.name).join(', '),
          ...(owers[0] ? { whoEmail: owers[0].email } : {}),
          task: WAIT_LABELS[input.kind],
          askedOn: ctx.when(since),
          remindersSent: chase,
          stopsAt: `after ${GIVE_UP_AFTER} reminders`,
        });
        await d.sendOnce(outboxKeys.escalation(input.cycleId, input.kind, chase, member.memberId), messageTo(member, 'escalation', email));
      }
    }
    return { chase };
  };
