import { operator, type AuditActor } from '../shared/domain/audit';
import { recordAudit } from '../shared/services/audit';
import { z } from 'zod';
import { formatBoardDateTime } from '../shared/domain/calendar';
import { NotFoundError, ValidationError } from '../shared/domain/errors';
import type { Cycle } from '../shared/domain/types';
import { ids, parseOrThrow } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import { awaitsScheduledStart } from './start-cycle';

export const cancelCycleInput = z.object({
  cycleId: ids.cycleId,
  /** Who calls it off, as the record should name them. */
  by: z.string().trim().min(1, 'say who is cancelling').max(200),
  reason: z.string().trim().min(1).max(1000).optional(),
});
export type CancelCycleInput = z.input<typeof cancelCycleInput>;

/** Why a cycle in `status` cannot be cancelled, in words the secretariat can act on. */
function notCancellable(cycle: Cycle): string {
  switch (cycle.status) {
    case 'running':
      return (
        `Cycle ${cycle.cycleId} is running (at ${cycle.phase}): cancel only calls off a cycle that has not started. ` +
        `To move its meeting use \`cycle move\`; to end it, stop its execution in the Step Functions console` +
        `${cycle.executionArn ? ` (aws stepfunctions stop-execution --execution-arn ${cycle.executionArn})` : ''}.`
      );
    case 'scheduled':
      return `Cycle ${cycle.cycleId} is starting now; once it runs, move it with \`cycle move\` or stop its execution.`;
    case 'cancelled':
      return `Cycle ${cycle.cycleId} is already cancelled.`;
    default:
      return `Cycle ${cycle.cycleId} has ${cycle.status === 'completed' ? 'completed' : 'failed'}: there is nothing to cancel.`;
  }
}

/**
 * Calls off a cycle that waits for its scheduled start: deletes the schedule, so it never starts, and marks
 * the cycle `cancelled` with who and why. A running cycle is refused (its members have heard from it).
 * Cancelling again returns the cancelled cycle unchanged.
 */
export const makeCancelCycle =
  (d: Pick<CoreDeps, 'cycles' | 'boards' | 'scheduler' | 'workflow' | 'clock' | 'audit'>, actor?: AuditActor) =>
  async (raw: CancelCycleInput): Promise<{ cycle: Cycle; startWas?: string }> => {
    const input = parseOrThrow(cancelCycleInput, raw, 'cancellation');
    const who = actor ?? operator(input.by);
    const found = await d.cycles.findCycle(input.cycleId);
    const cycle = found && (await d.cycles.getCycle(found.boardId, found.cycleId));
    if (!cycle) throw new NotFoundError(`There is no cycle "${input.cycleId}".`);
    if (cycle.status === 'cancelled') return { cycle };
    if (!awaitsScheduledStart(cycle)) throw new ValidationError(notCancellable(cycle));
    const startWas = cycle.scheduledStart?.at;
    await d.scheduler.cancelCycleStart(cycle.cycleId);
    const cancelled = await d.cycles.updateCycle(cycle.boardId, cycle.cycleId, (c) => {
      if (c.status === 'cancelled') return {};
      if (!awaitsScheduledStart(c)) throw new ValidationError(notCancellable(c));
      return { status: 'cancelled', cancellation: { by: input.by, ...(input.reason ? { reason: input.reason } : {}), at: d.clock.now().toISOString() } };
    });
    const what = { type: 'cycle-cancelled', ...(input.reason ? { reason: input.reason } : {}) } as const;
    await recordAudit(d, cycle.boardId, who, what, { cycleId: cycle.cycleId, key: `cancelled#${cycle.cycleId}#${cancelled.cancellation?.at ?? ''}` });
    // The schedule may have fired a moment before it was deleted: stop that execution too (a no-op when
    // it never started, which is the usual case).
    if (cancelled.executionArn) {
      const board = await d.boards.getBoard(cycle.boardId);
      const when = startWas && board ? formatBoardDateTime(startWas, board.timeZone) : startWas;
      await d.workflow.stop(cancelled.executionArn, `Cancelled by ${input.by} before its start${when ? ` on ${when}` : ''}.`);
    }
    return { cycle: cancelled, ...(startWas ? { startWas } : {}) };
  };
