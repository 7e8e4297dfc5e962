import { approvalRoute, type ApprovalRoute } from '../domain/approval-route';
import type { ApprovalHandover } from '../domain/types';
import type { CoreDeps } from '../ports';
import { requireChair, type CycleContext } from './cycle-context';

/**
 * Who is asked to approve the cycle's minutes now (approval-route.ts): the chair, or the vice-chair when
 * the chair sent apologies, declared a prejudicial interest (takes no part) in an item of the meeting, or
 * has not answered after `chases` reminders. A new handover is recorded on
 * the cycle, once, so that every later version and reminder goes to the same person.
 * @throws NotFoundError when the board has neither a chair nor a vice-chair who could answer.
 */
export async function approverFor(
  d: Pick<CoreDeps, 'cycles' | 'clock' | 'interests'>,
  ctx: CycleContext,
  chases?: number,
): Promise<ApprovalRoute & { handover?: ApprovalHandover }> {
  const [attendance, declarations] = await Promise.all([d.cycles.listAttendance(ctx.cycle.cycleId), d.interests.listDeclarations(ctx.cycle.cycleId)]);
  const route = approvalRoute({
    members: ctx.members,
    attendance,
    declarations,
    handover: ctx.cycle.approvalHandover,
    ...(chases !== undefined ? { chases } : {}),
  });
  if (!route) return { approver: requireChair(ctx), capacity: 'chair' };
  if (route.capacity === 'vice-chair' && route.because && ctx.cycle.approvalHandover?.to !== route.approver.memberId) {
    const handover = {
      to: route.approver.memberId,
      because: route.because,
      at: d.clock.now().toISOString(),
      ...(chases !== undefined ? { atChase: chases } : {}),
    };
    const updated = await d.cycles.updateCycle(ctx.cycle.boardId, ctx.cycle.cycleId, (c) => (c.approvalHandover ? {} : { approvalHandover: handover }));
    return { ...route, ...(updated.approvalHandover ? { handover: updated.approvalHandover } : {}) };
  }
  return { ...route, ...(ctx.cycle.approvalHandover ? { handover: ctx.cycle.approvalHandover } : {}) };
}
