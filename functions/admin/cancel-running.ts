import { meetingCancelledEmail } from '../emails';
import { cancellationRecipients, recipientKey } from '../shared/domain/cancellation';
import { fanOut } from '../shared/domain/concurrency';
import type { Cycle } from '../shared/domain/types';
import type { CoreDeps } from '../shared/ports';
import { loadCycleContext } from '../shared/services/cycle-context';
import { cancellationFor } from '../shared/services/invitation';
import { messageTo } from '../shared/services/notify';
import { outboxKeys } from '../shared/table/outbox-keys';

/**
 * Tells every member, and everyone else the meeting's invitation or papers went to (deputies), that a started cycle's meeting
 * is cancelled: the reason, and a calendar cancellation of the same event (same UID, higher SEQUENCE).
 * Each email once, by its key, so a second call sends only what a first one did not. Returns how many
 * went now.
 */
export async function tellCancellation(
  d: Pick<CoreDeps, 'cycles' | 'boards' | 'clock' | 'outbox' | 'sendOnce' | 'config'>,
  cycle: Pick<Cycle, 'boardId' | 'cycleId'>,
): Promise<number> {
  const ctx = await loadCycleContext(d, cycle.boardId, cycle.cycleId);
  const cancellation = ctx.cycle.cancellation;
  if (ctx.cycle.status !== 'cancelled' || !cancellation) return 0;
  const deputies = (await d.cycles.listAttendance(cycle.cycleId)).flatMap((a) => (a.deputy ? [a.deputy] : []));
  const recipients = cancellationRecipients(ctx.members, await d.outbox.listForCycle(cycle.cycleId), deputies);
  // The cancellation's DTSTAMP: the moment it was decided, so a retry attaches the same bytes.
  const issuedAt = new Date(cancellation.at);
  const sent = await fanOut(recipients, { concurrency: d.config.sendConcurrency, label: recipientKey }, async (person) => {
    // A deputy told of the meeting by its papers holds no event to clear: the email alone tells them.
    const attachments = person.invited ? await cancellationFor(ctx, person, issuedAt) : [];
    const email = meetingCancelledEmail({
      board: ctx.board.name,
      secretariatEmail: ctx.secretariatEmail,
      meetingWhen: ctx.when(ctx.cycle.timeline.meeting),
      venue: ctx.cycle.meeting.venue,
      reason: cancellation.reason ?? 'No reason was recorded.',
      cancelledBy: cancellation.by,
      ...(ctx.cycle.online ? { online: ctx.cycle.online } : {}),
      calendarAttached: attachments.length > 0,
    });
    const to = person.member ?? { name: person.name, email: person.email };
    const message = { ...messageTo(to, 'meeting-cancelled', email, { attachments }), boardId: ctx.board.boardId };
    return (await d.sendOnce(outboxKeys.meetingCancelled(cycle.cycleId, recipientKey(person)), message)).sent;
  });
  return sent.filter(Boolean).length;
}
