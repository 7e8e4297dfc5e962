import { operator, type AuditActor } from '../shared/domain/audit';
import { recordAudit } from '../shared/services/audit';
import * as z from '../shared/validation/zod';
import { formatBoardDateTime } from '../shared/domain/calendar';
import { runningCancelRefusal } from '../shared/domain/cancellation';
import { NotFoundError, ValidationError } from '../shared/domain/errors';
import type { Cycle } from '../shared/domain/types';
import { ids, parseOrThrow } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import { awaitsScheduledStart } from './start-cycle';
import { tellCancellation } from './cancel-running';

export const cancelCycleInput = z.object({
  cycleId: ids.cycleId,
  /** Who calls it off, as the record should name them. */
  by: z.string().check(z.trim(), z.minLength(1, 'say who is cancelling'), z.maxLength(200)),
  /** Why: kept with the cycle and, for a cycle that has started, told to everyone invited. */
  reason: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(1000))),
});
export type CancelCycleInput = z.input<typeof cancelCycleInput>;

/** What a cancellation did. */
export interface CancelCycleResult {
  cycle: Cycle;
  /** For a cycle that had not started: when it was due to start. */
  startWas?: string;
  /** True when the cycle was cancelled before this call: nothing was changed, and nothing sent twice. */
  alreadyCancelled?: boolean;
  /** For a cycle that had started: how many cancellations this call sent (0 when all had gone before). */
  told?: number;
}

/** Why a cycle in `status` cannot be cancelled, in words the secretariat can act on. */
function notCancellable(cycle: Cycle): string {
  switch (cycle.status) {
    case 'scheduled':
      return `Cycle ${cycle.cycleId} is starting now; try again in a moment to cancel the running cycle.`;
    case 'cancelled':
      return `Cycle ${cycle.cycleId} is already cancelled.`;
    default:
      return `Cycle ${cycle.cycleId} has ${cycle.status === 'completed' ? 'completed' : cycle.status}: there is nothing to cancel.`;
  }
}

/**
 * A cycle that has started (or whose execution is starting now): members may have its invitation, so they
 * are told, and it needs a reason to tell them.
 */
const hasStarted = (c: Cycle): boolean =>
  c.status === 'running' || c.status === 'failed' || (c.status === 'scheduled' && c.executionArn !== undefined && !awaitsScheduledStart(c));

/**
 * Calls off a cycle's meeting. A cycle waiting for its scheduled start loses its schedule and is marked
 * `cancelled` with who and why. A cycle that has started (running, or failed before its meeting) is
 * marked cancelled first, so that no task still in flight can mark it running again, then its execution
 * is stopped, and every member and everyone else invited gets the reason and a calendar cancellation of
 * the same event. Open actions stay in the board's register. Cancelling again changes nothing and says
 * so; it only sends what a first attempt that failed half-way did not (each email once, by its key).
 */
export const makeCancelCycle =
  (d: Pick<CoreDeps, 'cycles' | 'boards' | 'scheduler' | 'workflow' | 'clock' | 'audit' | 'outbox' | 'sendOnce' | 'config'>, actor?: AuditActor) =>
  async (raw: CancelCycleInput): Promise<CancelCycleResult> => {
    const input = parseOrThrow(cancelCycleInput, raw, 'cancellation');
    const who = actor ?? operator(input.by);
    const found = await d.cycles.findCycle(input.cycleId);
    const cycle = found && (await d.cycles.getCycle(found.boardId, found.cycleId));
    if (!cycle) throw new NotFoundError(`There is no cycle "${input.cycleId}".`);
    if (cycle.status === 'cancelled') {
      if (!cycle.runningWhenCancelled) return { cycle, alreadyCancelled: true };
      const told = await finishRunningCancel(d, cycle);
      return { cycle, alreadyCancelled: true, told };
    }
    const board = await d.boards.getBoard(cycle.boardId);
    const when = (iso: string) => (board ? formatBoardDateTime(iso, board.timeZone) : iso);
    const refusal = runningCancelRefusal(cycle, d.clock.now(), when);
    if (refusal) throw new ValidationError(refusal);
    if (hasStarted(cycle)) {
      if (!input.reason) throw new ValidationError('Give the reason for cancelling: everyone invited to the meeting is told it.', ['reason give a reason']);
      return cancelStarted(d, cycle, input, who);
    }
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
      await d.workflow.stop(cancelled.executionArn, `Cancelled by ${input.by} before its start${startWas ? ` on ${when(startWas)}` : ''}.`);
    }
    return { cycle: cancelled, ...(startWas ? { startWas } : {}) };
  };

/** Marks a started cycle cancelled (refusing if it completed or its meeting began meanwhile), then stops and tells. */
async function cancelStarted(
  d: Pick<CoreDeps, 'cycles' | 'boards' | 'workflow' | 'clock' | 'audit' | 'outbox' | 'sendOnce' | 'config'>,
  cycle: Cycle,
  input: z.output<typeof cancelCycleInput>,
  who: AuditActor,
): Promise<CancelCycleResult> {
  const at = d.clock.now().toISOString();
  let mine = false;
  const cancelled = await d.cycles.updateCycle(cycle.boardId, cycle.cycleId, (c) => {
    mine = false;
    if (c.status === 'cancelled') return {};
    const refusal = runningCancelRefusal(c, d.clock.now(), (iso) => iso);
    if (refusal || !hasStarted(c)) throw new ValidationError(refusal ?? notCancellable(c));
    mine = true;
    return {
      status: 'cancelled',
      cancellation: { by: input.by, ...(input.reason ? { reason: input.reason } : {}), at },
      runningWhenCancelled: { phase: c.phase, ...(c.executionArn ? { executionArn: c.executionArn } : {}) },
    };
  });
  if (mine) {
    const what = { type: 'cycle-cancelled', ...(input.reason ? { reason: input.reason } : {}) } as const;
    await recordAudit(d, cycle.boardId, who, what, { cycleId: cycle.cycleId, key: `cancelled#${cycle.cycleId}#${at}` });
  }
  const told = await finishRunningCancel(d, cancelled);
  return mine ? { cycle: cancelled, told } : { cycle: cancelled, alreadyCancelled: true, told };
}

/** Stops the execution (a no-op once stopped) and sends each cancellation not sent yet. */
async function finishRunningCancel(
  d: Pick<CoreDeps, 'cycles' | 'boards' | 'workflow' | 'clock' | 'outbox' | 'sendOnce' | 'config'>,
  cycle: Cycle,
): Promise<number> {
  const arn = cycle.runningWhenCancelled?.executionArn ?? cycle.executionArn;
  if (arn) await d.workflow.stop(arn, `Meeting cancelled by ${cycle.cancellation?.by ?? 'the secretariat'}: ${cycle.cancellation?.reason ?? ''}`.trim());
  return tellCancellation(d, cycle);
}
