import { SYSTEM } from '../shared/domain/audit';
import { recordAudit } from '../shared/services/audit';
import { wordsFor } from '../shared/domain/cycle-standing';
import { cycleFailedEmail } from '../emails';
import { loadCycleContext } from '../shared/services/cycle-context';
import { messageTo } from '../shared/services/notify';
import type { CoreDeps } from '../shared/ports';
import type { FailureInput } from './schema';
import { outboxKeys } from '../shared/table/outbox-keys';

/** Lambda's report is JSON ({errorMessage, errorType}); the local runner passes the message itself. */
export function describeCause(cause: unknown): string {
  if (typeof cause !== 'string') return cause === undefined ? 'No details were given.' : JSON.stringify(cause);
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: string };
    return parsed.errorMessage ?? cause;
  } catch {
    return cause;
  }
}

/** Records why the cycle stopped and tells the secretariat what failed and what to do. */
export const makeRecordFailure =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'sendOnce' | 'clock' | 'telemetry' | 'audit'>) =>
  async (input: FailureInput): Promise<void> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    const message = describeCause(input.error.Cause);
    const at = d.clock.now().toISOString();
    let failedNow = false;
    let cancelled = false;
    await d.cycles.updateCycle(input.boardId, input.cycleId, (c) => {
      // A task that failed as the meeting was cancelled: the cycle stays cancelled, as the secretariat left it.
      cancelled = c.status === 'cancelled';
      if (cancelled) return {};
      failedNow = c.status !== 'failed';
      return { status: 'failed', failure: { error: input.error.Error, cause: message, at } };
    });
    if (cancelled) return;
    // Once per failure: a retried report finds the cycle failed already.
    if (failedNow) d.telemetry.count('CyclesFailed');
    const failures = `failed#${input.cycleId}#${ctx.cycle.resumes?.length ?? 0}`;
    await recordAudit(d, input.boardId, SYSTEM, { type: 'cycle-failed', error: input.error.Error }, { cycleId: input.cycleId, key: failures });
    for (const member of ctx.secretariat) {
      const email = cycleFailedEmail({
        board: ctx.board.name,
        secretariatEmail: ctx.secretariatEmail,
        meetingWhen: ctx.when(ctx.cycle.timeline.meeting),
        step: wordsFor(ctx.cycle.phase).step,
        error: input.error.Error,
        message,
        failedAt: ctx.when(at),
      });
      await d.sendOnce(outboxKeys.cycleFailed(input.cycleId, member.memberId, ctx.cycle.resumes?.length), messageTo(member, 'cycle-failed', email));
    }
  };
