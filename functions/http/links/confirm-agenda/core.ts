import { recordAudit } from '../../../shared/services/audit';
import { proposalAcceptedEmail, proposalDeclinedEmail } from '../../../emails';
import { applyAgendaEdits, type AgendaEdit } from '../../../shared/domain/agenda';
import { NotWaitingError } from '../../../shared/domain/errors';
import type { Member } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import { decideWait } from '../../../shared/services/callbacks';
import type { CycleContext } from '../../../shared/services/cycle-context';
import { messageTo } from '../../../shared/services/notify';
import { outboxKeys } from '../../../shared/table/outbox-keys';
import * as z from '../../../shared/validation/zod';

const TITLE_FIELD = /^title_([1-9]\d*)$/;

/**
 * The page's per-item fields, by item number: order_<n>, title_<n>, keep_<n> (a checkbox: absent when
 * cleared). An item whose title field is missing has no edit; `applyAgendaEdits` says so.
 */
export const agendaForm = z.pipe(
  z.record(z.string(), z.string()),
  z.transform((fields: Record<string, string>) => {
    const edits = new Map<number, AgendaEdit>();
    for (const [name, title] of Object.entries(fields)) {
      const n = TITLE_FIELD.exec(name)?.[1];
      if (n === undefined) continue;
      edits.set(Number(n), { order: Number(fields[`order_${n}`] ?? n), title, keep: fields[`keep_${n}`] === 'yes' });
    }
    return edits;
  }),
);

/**
 * Applies the secretariat's edits to the draft agenda, stores it, tells each proposer whether their item
 * is on it, and resumes the waiting cycle. The edits are checked before anything is written, and the
 * confirmation is claimed (decideWait, `by`: the link's hash) before the agenda is stored or anyone is
 * told: of two secretariat members confirming at once, one confirms and the other is told so.
 * @throws ValidationError (edits that leave no agenda), NotWaitingError (already confirmed)
 */
export async function confirmAgenda(
  d: Pick<CoreDeps, 'cycles' | 'waits' | 'workflow' | 'sendOnce' | 'clock' | 'audit'>,
  input: { cycle: CycleContext; confirmer: Member; edits: ReadonlyMap<number, AgendaEdit>; by: string },
): Promise<{ outcome: string; declined: number }> {
  const { cycle } = input;
  const cycleId = cycle.cycle.cycleId;
  const meetingWhen = cycle.when(cycle.cycle.timeline.meeting);
  const { items, declined } = applyAgendaEdits(await d.cycles.listItems(cycleId), input.edits);
  if (!(await d.waits.getWait(cycleId, 'agenda-confirmation'))) throw new NotWaitingError('The agenda has already been confirmed.');
  const outcome = await decideWait(d, cycleId, 'agenda-confirmation', input.by, async () => {
    await d.cycles.putItems(cycleId, items);
    const who = { kind: 'secretariat', name: input.confirmer.name, email: input.confirmer.email } as const;
    await recordAudit(d, cycle.board.boardId, who, { type: 'agenda-confirmed', items: items.length }, { cycleId, key: `agenda-confirmed#${cycleId}` });
    // Proposers hear either way: on the agenda (with its number), or left out.
    for (const item of items.filter((i) => i.source === 'proposal')) {
      const proposer = cycle.members.find((m) => m.memberId === item.proposedBy);
      if (!proposer) continue;
      const email = proposalAcceptedEmail({
        board: cycle.board.name,
        secretariatEmail: cycle.secretariatEmail,
        itemTitle: item.title,
        itemNumber: item.number,
        meetingWhen,
        presenting: item.presenterMemberId === proposer.memberId,
      });
      await d.sendOnce(outboxKeys.proposalAccepted(cycleId, item.number, proposer.memberId), messageTo(proposer, 'proposal-accepted', email));
    }
    for (const item of declined) {
      const proposer = cycle.members.find((m) => m.memberId === item.proposedBy);
      if (!proposer) continue;
      const email = proposalDeclinedEmail({ board: cycle.board.name, secretariatEmail: cycle.secretariatEmail, itemTitle: item.title, meetingWhen });
      await d.sendOnce(outboxKeys.proposalDeclined(cycleId, item.number, proposer.memberId), messageTo(proposer, 'proposal-declined', email));
    }
    return {
      output: { confirmedBy: input.confirmer.memberId, items: items.length },
      outcome: `The agenda (${items.length} items) was confirmed by ${input.confirmer.name} on ${cycle.when(d.clock.now().toISOString())}.`,
    };
  });
  return { outcome, declined: declined.length };
}
