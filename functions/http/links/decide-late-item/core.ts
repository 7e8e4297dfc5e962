import { lateItemDecisionEmail } from '../../../emails';
import { fanOut } from '../../../shared/domain/concurrency';
import { NotFoundError } from '../../../shared/domain/errors';
import { lateItemState, MAX_REASON_CHARS, MIN_REASON_CHARS, withDecision, type LateItem } from '../../../shared/domain/late-items';
import type { Member } from '../../../shared/domain/types';
import type { CoreDeps } from '../../../shared/ports';
import { recordAudit } from '../../../shared/services/audit';
import type { CycleContext } from '../../../shared/services/cycle-context';
import { messageTo } from '../../../shared/services/notify';
import { outboxKeys } from '../../../shared/table/outbox-keys';
import { ensureLateItemsOnAgenda, sendLateItemAgenda } from '../../../admin/late-item-agenda';
import * as z from '../../../shared/validation/zod';

/** The chair's answer: approve, stating the special circumstances (the law asks for them), or refuse, saying why if they like. */
export const lateItemDecisionForm = z
  .object({
    decision: z.enum(['approve', 'refuse']),
    reason: z._default(z.string().check(z.trim(), z.maxLength(MAX_REASON_CHARS, `keep the reason under ${MAX_REASON_CHARS} characters`)), ''),
  })
  .check(
    z.superRefine((form, ctx) => {
      if (form.decision === 'approve' && form.reason.length < MIN_REASON_CHARS) {
        ctx.addIssue({
          code: 'custom',
          path: ['reason'],
          message: `state the special circumstances that make the item urgent, in at least ${MIN_REASON_CHARS} characters: they are printed on the agenda and in the minutes`,
        });
      }
    }),
  );
export type LateItemDecisionForm = z.output<typeof lateItemDecisionForm>;

/** The late item of a cycle, or NotFoundError (a link whose item is gone). */
export function findLateItem(cycle: CycleContext, lateItemId: string | undefined): LateItem {
  const item = cycle.cycle.lateItems?.find((l) => l.lateItemId === lateItemId);
  if (!item) throw new NotFoundError('This late item is no longer recorded for the meeting. Please ask the secretariat.');
  return item;
}

/**
 * Tells the secretariat and the presenter what the chair decided, writes it in the audit trail and, for
 * an approved item, puts it on the agenda and, when the supplementary circulation's day has passed,
 * sends members a supplementary agenda with it now. Each step is keyed, so running it again after a
 * failure finishes what is missing and repeats nothing.
 * @returns when members get it: "now", the day of the supplementary circulation, or undefined (refused)
 */
export async function completeLateItemDecision(
  d: Pick<CoreDeps, 'boards' | 'cycles' | 'outbox' | 'sendOnce' | 'links' | 'clock' | 'config' | 'audit'>,
  cycle: CycleContext,
  item: LateItem,
): Promise<string | undefined> {
  const decision = item.decision;
  if (!decision) return undefined;
  const { cycleId, boardId, timeline } = cycle.cycle;
  const approved = decision.decision === 'approved';
  const chair = cycle.members.find((m) => m.memberId === decision.by);
  const who = chair ? ({ kind: 'member', name: chair.name, email: chair.email } as const) : ({ kind: 'member', name: decision.byName } as const);
  const what = {
    type: 'late-item-decided',
    lateItemId: item.lateItemId,
    title: item.title,
    decision: decision.decision,
    ...(decision.reason ? { reason: decision.reason } : {}),
    ...(decision.itemNumber !== undefined ? { itemNumber: decision.itemNumber } : {}),
  } as const;
  await recordAudit(d, boardId, who, what, { cycleId, key: `late-item-decided#${item.lateItemId}` });
  let circulates: string | undefined;
  if (approved) {
    await ensureLateItemsOnAgenda(d, cycle.cycle);
    const dueNow = d.clock.now().getTime() >= Date.parse(timeline.supplementary);
    if (dueNow) await sendLateItemAgenda(d, { boardId, cycleId }, item.lateItemId);
    circulates = dueNow ? 'now' : `on ${cycle.when(timeline.supplementary)}`;
  }
  const told = cycle.members.filter((m) => m.roles.includes('secretariat') || m.memberId === item.presenterMemberId);
  await fanOut(told, { concurrency: d.config.sendConcurrency, label: (m) => m.memberId }, async (member) => {
    const email = lateItemDecisionEmail({
      board: cycle.board.name,
      secretariatEmail: cycle.secretariatEmail,
      itemTitle: item.title,
      approved,
      chair: decision.byName,
      ...(decision.reason ? { reason: decision.reason } : {}),
      ...(decision.itemNumber !== undefined ? { itemNumber: decision.itemNumber } : {}),
      meetingWhen: cycle.when(timeline.meeting),
      ...(circulates ? { circulates } : {}),
    });
    await d.sendOnce(outboxKeys.lateItemDecision(cycleId, item.lateItemId, member.memberId), messageTo(member, 'late-item-decision', email));
  });
  return circulates;
}

/**
 * Records the chair's decision on a late item, once: written on the cycle conditional on its version,
 * so of two decisions (a double click, two links) the first stands and the second changes nothing. The
 * rest ({@link completeLateItemDecision}) runs either way, to finish what a failed first attempt left.
 */
export async function decideLateItem(
  d: Pick<CoreDeps, 'boards' | 'cycles' | 'outbox' | 'sendOnce' | 'links' | 'clock' | 'config' | 'audit'>,
  input: { cycle: CycleContext; lateItemId: string; chair: Member; form: LateItemDecisionForm },
): Promise<{ item: LateItem; decidedNow: boolean; circulates?: string }> {
  const { cycle, lateItemId, chair, form } = input;
  const { boardId, cycleId } = cycle.cycle;
  const now = d.clock.now();
  const items = await d.cycles.listItems(cycleId);
  let decidedNow = false;
  const updated = await d.cycles.updateCycle(boardId, cycleId, (c) => {
    decidedNow = false;
    // Undecided when the meeting starts, an item is not taken: nothing to decide any more.
    if (lateItemState(findLateItem({ ...cycle, cycle: c }, lateItemId), c.timeline.meeting, now) === 'not-taken') return {};
    const decision = {
      decision: form.decision === 'approve' ? 'approved' : 'refused',
      by: chair.memberId,
      byName: chair.name,
      ...(form.reason ? { reason: form.reason } : {}),
      at: now.toISOString(),
    } as const;
    const lateItems = withDecision(c.lateItems ?? [], lateItemId, decision, items);
    if (!lateItems) return {};
    decidedNow = true;
    return { lateItems };
  });
  const ctx = { ...cycle, cycle: updated };
  const item = findLateItem(ctx, lateItemId);
  const circulates = await completeLateItemDecision(d, ctx, item);
  return { item, decidedNow, ...(circulates ? { circulates } : {}) };
}
