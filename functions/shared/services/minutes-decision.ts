import { recordAudit } from './audit';
import type { CoreDeps } from '../ports';
import { decideWait } from './callbacks';
import type { CycleContext } from './cycle-context';
import { AlreadyAnsweredError, NotFoundError, NotWaitingError } from '../domain/errors';
import type { Member, MinutesVersion } from '../domain/types';
import { capacityTitle } from '../domain/approval-route';

/** The chair's answer to one version of the minutes, whichever way it came (link or reply). */
export type MinutesDecision = { decision: 'approve' } | { decision: 'request-changes'; comment: string };

/**
 * The version the chair is answering, if it is still the one to answer: it exists and no newer
 * version has been sent since.
 * @throws NotFoundError, NotWaitingError (a newer version went out)
 */
export async function versionToAnswer(d: Pick<CoreDeps, 'cycles'>, cycleId: string, version: number): Promise<MinutesVersion> {
  const minutes = await d.cycles.getMinutes(cycleId, version);
  if (!minutes) throw new NotFoundError(`Version ${version} of these minutes does not exist.`);
  const latest = await d.cycles.latestMinutes(cycleId);
  if (latest && latest.version > minutes.version) {
    throw new NotWaitingError(`A newer version (${latest.version}) of these minutes has been sent to you; please answer that one.`);
  }
  return minutes;
}

/**
 * Records the chair's decision on a version and resumes the cycle waiting for it, once: `by` (the hash
 * of the link or reply address used) claims the answer before anything is written (decideWait), so a
 * link click and a reply arriving together are one decision, and the other is told what was decided.
 * Refuses (changing nothing) when a newer version went out or the minutes are no longer awaiting approval.
 * @returns one sentence saying what was done, for the page, the reply and the link's record
 */
export async function decideMinutes(
  d: Pick<CoreDeps, 'cycles' | 'waits' | 'workflow' | 'clock' | 'audit'>,
  ctx: CycleContext,
  input: { version: number; chair: Member; answer: MinutesDecision; via: 'link' | 'reply'; by: string; messageId?: string },
): Promise<string> {
  const cycleId = ctx.cycle.cycleId;
  const minutes = await versionToAnswer(d, cycleId, input.version);
  const notAwaiting = (status: MinutesVersion['status']) =>
    new NotWaitingError(`Version ${minutes.version} of these minutes is not awaiting your approval any more (it is ${status.replace('-', ' ')}).`);
  const wait = await d.waits.getWait(cycleId, 'chair-approval');
  // The same link or reply coming back after its answer was recorded only delivers that answer again.
  if (wait?.decision?.by !== input.by) {
    if (input.messageId && (minutes.approval?.messageId === input.messageId || minutes.changeRequest?.messageId === input.messageId)) {
      throw new AlreadyAnsweredError(`This reply (${input.messageId}) has already been recorded.`);
    }
    if (minutes.status !== 'submitted' || !wait) throw notAwaiting(minutes.status);
  }
  return decideWait(d, cycleId, 'chair-approval', input.by, async () => {
    const current = await d.cycles.getMinutes(cycleId, minutes.version);
    if (current?.status !== 'submitted') throw notAwaiting(current?.status ?? minutes.status);
    const at = d.clock.now().toISOString();
    const how = input.via === 'reply' ? ' by email reply' : '';
    // A vice-chair answers in the chair's place: the record and the approval statement say so.
    const asVice = !input.chair.roles.includes('chair') && input.chair.roles.includes('vice-chair');
    const title = asVice ? `, ${capacityTitle('vice-chair')},` : '';
    const record = { by: input.chair.memberId, at, via: input.via, ...(input.messageId ? { messageId: input.messageId } : {}) };
    const who = { kind: input.via === 'reply' ? 'chair-reply' : 'member', name: input.chair.name, email: input.chair.email } as const;
    const audited = { cycleId, key: `minutes-decision#${cycleId}#${minutes.version}` };
    const decided = input.answer.decision === 'approve' ? ('minutes-approved' as const) : ('minutes-returned' as const);
    await recordAudit(d, ctx.board.boardId, who, { type: decided, version: minutes.version }, audited);
    if (input.answer.decision === 'approve') {
      const approvedAs = asVice ? { approvedAs: 'vice-chair' as const } : {};
      await d.cycles.updateMinutes(cycleId, minutes.version, { status: 'approved', approval: record, ...approvedAs }, 'submitted');
      return {
        output: { decision: 'approved', version: minutes.version },
        outcome: `Version ${minutes.version} of the minutes was approved by ${input.chair.name}${title}${how} on ${ctx.when(at)}.`,
      };
    }
    const changeRequest = { ...record, comment: input.answer.comment };
    await d.cycles.updateMinutes(cycleId, minutes.version, { status: 'changes-requested', changeRequest }, 'submitted');
    return {
      output: { decision: 'changes-requested', version: minutes.version },
      outcome: `${input.chair.name}${title} asked for changes to version ${minutes.version}${how} on ${ctx.when(at)}.`,
    };
  });
}
