import { operator, type AuditActor } from '../shared/domain/audit';
import { recordAudit } from '../shared/services/audit';
import { wordsFor } from '../shared/domain/cycle-standing';
import * as z from '../shared/validation/zod';
import { cycleResumedEmail } from '../emails';
import { NotFoundError, ValidationError } from '../shared/domain/errors';
import { RESUMABLE_STATES, RESUME_NEEDS, type ExecutionInput, type ResumableState } from '../shared/domain/states';
import type { Cycle } from '../shared/domain/types';
import { ids, parseOrThrow } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';
import { loadCycleContext } from '../shared/services/cycle-context';
import { messageTo } from '../shared/services/notify';
import { outboxKeys } from '../shared/table/outbox-keys';
import { resumePhase } from './move-meeting';

export const resumeCycleInput = z.object({
  cycleId: ids.cycleId,
  /** Who resumes it, as the record and the secretariat's email should name them. */
  by: z.string().check(z.trim(), z.minLength(1, 'say who is resuming'), z.maxLength(200)),
  reason: z.optional(z.string().check(z.trim(), z.minLength(1), z.maxLength(1000))),
});
export type ResumeCycleInput = z.input<typeof resumeCycleInput>;

export interface ResumeCycleResult {
  cycle: Cycle;
  /** The phase the cycle had failed in, and the state its new execution starts at. */
  failedIn: string;
  resumedAt: ResumableState;
  executionName: string;
}

/** Why a cycle in `status` cannot be resumed, in words the secretariat can act on. */
function notResumable(cycle: Cycle): string {
  switch (cycle.status) {
    case 'running':
      return `Cycle ${cycle.cycleId} is running (at ${cycle.phase}), not failed: there is nothing to resume.`;
    case 'scheduled':
      return `Cycle ${cycle.cycleId} has not started yet; it starts by itself at its agenda call, or with \`cycle start\`.`;
    default:
      return `Cycle ${cycle.cycleId} is ${cycle.status}: only a failed cycle can be resumed.`;
  }
}

const isResumable = (state: string): state is ResumableState => (RESUMABLE_STATES as readonly string[]).includes(state);

/** What the state machine had in the execution where `resumedAt` reads it, rebuilt from the stored minutes. */
async function resumeData(d: Pick<CoreDeps, 'cycles'>, cycle: Cycle, resumedAt: ResumableState): Promise<Omit<ExecutionInput, 'boardId' | 'cycleId'>> {
  const needs: readonly string[] = RESUME_NEEDS[resumedAt];
  if (needs.length === 0) return {};
  const latest = await d.cycles.latestMinutes(cycle.cycleId);
  if (!latest) throw new ValidationError(`Cycle ${cycle.cycleId} failed in ${cycle.phase}, but it has no minutes to resume with.`);
  if (needs.includes('approval') && latest.status !== 'approved') {
    throw new ValidationError(
      `Cycle ${cycle.cycleId} failed in ${cycle.phase}, but its latest minutes (version ${latest.version}) are ${latest.status}, not approved.`,
    );
  }
  return {
    ...(needs.includes('minutes') ? { minutes: { version: latest.version } } : {}),
    ...(needs.includes('approval') ? { approval: { decision: 'approved' as const, version: latest.version } } : {}),
  };
}

/**
 * Resumes a failed cycle: a new execution (`<cycle>-r<n>`) re-enters the phase that failed, on the stored
 * timeline. Tasks are idempotent by their outbox keys, so what went out before the failure is not sent
 * again. The cycle is marked running with who and why, and the secretariat is told. A cycle that is not
 * failed is refused, changing nothing.
 */
export const makeResumeCycle =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'workflow' | 'sendOnce' | 'clock' | 'audit'>, actor?: AuditActor) =>
  async (raw: ResumeCycleInput): Promise<ResumeCycleResult> => {
    const input = parseOrThrow(resumeCycleInput, raw, 'resume');
    const who = actor ?? operator(input.by);
    const found = await d.cycles.findCycle(input.cycleId);
    if (!found) throw new NotFoundError(`There is no cycle "${input.cycleId}".`);
    const ctx = await loadCycleContext(d, found.boardId, found.cycleId);
    const failed = ctx.cycle;
    if (failed.status !== 'failed') throw new ValidationError(notResumable(failed));
    const resumedAt = resumePhase(failed.phase);
    if (!isResumable(resumedAt)) throw new ValidationError(`Cycle ${failed.cycleId} failed in ${failed.phase}, which cannot be resumed.`);
    const data = await resumeData(d, failed, resumedAt);
    const at = d.clock.now().toISOString();
    const record = {
      ...(failed.failure ? { failure: failed.failure } : {}),
      failedIn: failed.phase,
      resumedAt,
      by: input.by,
      ...(input.reason ? { reason: input.reason } : {}),
      at,
    };
    // Claimed first, on the version read: of two people resuming at once, one gets the cycle.
    const claimed = await d.cycles.updateCycle(failed.boardId, failed.cycleId, (c) => {
      if (c.status !== 'failed') throw new ValidationError(notResumable(c));
      return { status: 'running', failure: undefined, resumes: [...(c.resumes ?? []), record] };
    });
    const resume = claimed.resumes?.length ?? 1;
    const executionName = `${failed.cycleId}-r${resume}`;
    let executionArn: string;
    try {
      // Failed executions have ended; stopping is for one still recording its failure, and a no-op otherwise.
      if (failed.executionArn) await d.workflow.stop(failed.executionArn, `Resumed by ${input.by} as ${executionName}.`);
      executionArn = await d.workflow.start(executionName, { boardId: failed.boardId, cycleId: failed.cycleId, resumeFrom: resumedAt, ...data });
    } catch (error) {
      // Failed again, so that resuming can be tried again under the same name.
      await d.cycles.updateCycle(failed.boardId, failed.cycleId, (c) => ({
        status: 'failed',
        ...(failed.failure ? { failure: failed.failure } : {}),
        resumes: (c.resumes ?? []).slice(0, -1),
      }));
      throw error;
    }
    const cycle = await d.cycles.updateCycle(failed.boardId, failed.cycleId, () => ({ executionArn }));
    await recordAudit(d, failed.boardId, who, { type: 'cycle-resumed', from: resumedAt }, { cycleId: failed.cycleId, key: `resumed#${executionName}` });
    for (const member of ctx.secretariat) {
      const email = cycleResumedEmail({
        board: ctx.board.name,
        secretariatEmail: ctx.secretariatEmail,
        meetingWhen: ctx.when(failed.timeline.meeting),
        failedStep: wordsFor(failed.phase).step,
        resumedAt: wordsFor(resumedAt).step,
        error: failed.failure?.error ?? 'unknown',
        by: input.by,
        ...(input.reason ? { reason: input.reason } : {}),
        when: ctx.when(at),
      });
      await d.sendOnce(outboxKeys.cycleResumed(failed.cycleId, resume, member.memberId), messageTo(member, 'cycle-resumed', email));
    }
    return { cycle, failedIn: failed.phase, resumedAt, executionName };
  };
