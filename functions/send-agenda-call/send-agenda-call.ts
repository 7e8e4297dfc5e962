import { agendaCallEmail } from '../emails';
import { fanOut } from '../shared/domain/concurrency';
import { loadCycleContext } from '../shared/services/cycle-context';
import { invitationFor } from '../shared/services/invitation';
import { makeSendWithLink } from '../shared/services/notify';
import { linkExpiry } from '../shared/domain/link-policy';
import { milestoneLabel } from '../shared/domain/timeline';
import { MILESTONES } from '../shared/domain/types';
import type { CycleRef } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import { outboxKeys } from '../shared/table/outbox-keys';

/** Emails every member the key dates and a link to propose an item (usable until the item deadline). */
export const makeSendAgendaCall =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'outbox' | 'sendOnce' | 'links' | 'clock' | 'config'>) =>
  async (input: CycleRef): Promise<{ sent: number }> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const { cycle } = ctx;
    const sendWithLink = makeSendWithLink(d);
    const keyDates = MILESTONES.filter((m) => m !== 'paperReminder' && m !== 'followUp').map((m) => ({
      label: milestoneLabel(m),
      when: ctx.when(cycle.timeline[m]),
    }));
    const results = await fanOut(ctx.members, { concurrency: d.config.sendConcurrency, label: (m) => m.memberId }, async (member) =>
      sendWithLink({
        key: outboxKeys.agendaCall(cycle.cycleId, member.memberId),
        to: member,
        kind: 'agenda-call',
        // Holds the date in members' calendars; later emails update the same event. Made only for an email
        // not yet sent, so a retry loads no calendar library for members it skips.
        attachments: () => invitationFor(ctx, member, d.clock.now()),
        link: {
          purpose: 'propose-item',
          boardId: cycle.boardId,
          cycleId: cycle.cycleId,
          expiresAt: linkExpiry('propose-item', { now: d.clock.now(), timeline: cycle.timeline }),
        },
        render: (proposeUrl) =>
          agendaCallEmail({
            board: ctx.board.name,
            secretariatEmail: ctx.secretariatEmail,
            meetingWhen: ctx.when(cycle.timeline.meeting),
            venue: cycle.meeting.venue,
            itemDeadline: ctx.when(cycle.timeline.itemDeadline),
            proposeUrl,
            keyDates,
            calendarAttached: true,
            ...(cycle.online ? { online: cycle.online } : {}),
          }),
      }),
    );
    return { sent: results.filter(Boolean).length };
  };
