import type { CoreDeps } from '../ports';
import { resumeWait } from './callbacks';
import type { CycleContext } from './cycle-context';
import { AlreadyAnsweredError, NotFoundError, NotWaitingError } from '../domain/errors';
import type { Member, MinutesVersion } from '../domain/types';

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
 * Records the chair's decision on a version and resumes the cycle waiting for it. Refuses (changing
 * nothing) when a newer version went out or the minutes are no longer awaiting approval; the wait is
 * taken conditionally, so a link click and a reply arriving together resume the cycle once.
 * @returns one sentence saying what was done, for the page, the reply and the link's record
 */
export async function decideMinutes(
  d: Pick<CoreDeps, 'cycles' | 'waits' | 'workflow' | 'clock'>,
  ctx: CycleContext,
  input: { version: number; chair: Member; answer: MinutesDecision; via: 'link' | 'reply'; messageId?: string },
): Promise<string> {
  const cycleId = ctx.cycle.cycleId;
  const minutes = await versionToAnswer(d, cycleId, input.version);
  if (input.messageId && (minutes.approval?.messageId === input.messageId || minutes.changeRequest?.messageId === input.messageId)) {
    throw new AlreadyAnsweredError(`This reply (${input.messageId}) has already been recorded.`);
  }
  if (minutes.status !== 'submitted' || !(await d.waits.getWait(cycleId, 'chair-approval'))) {
    throw new NotWaitingError(
      `Version ${minutes.version} of these minutes is not awaiting your approval any more (it is ${minutes.status.replace('-', ' ')}).`,
    );
  }
  const at = d.clock.now().toISOString();
  const how = input.via === 'reply' ? ' by email reply' : '';
  if (input.answer.decision === 'approve') {
    const approval = { by: input.chair.memberId, at, via: input.via, ...(input.messageId ? { messageId: input.messageId } : {}) };
    await d.cycles.updateMinutes(cycleId, minutes.version, { status: 'approved', approval }, 'submitted');
    await resumeWait(d, cycleId, 'chair-approval', { decision: 'approved', version: minutes.version });
    return `Version ${minutes.version} of the minutes was approved by ${input.chair.name}${how} on ${ctx.when(at)}.`;
  }
  const changeRequest = {
    by: input.chair.memberId,
    at,
    comment: input.answer.comment,
    via: input.via,
    ...(input.messageId ? { messageId: input.messageId } : {}),
  };
  await d.cycles.updateMinutes(cycleId, minutes.version, { status: 'changes-requested', changeRequest }, 'submitted');
  await resumeWait(d, cycleId, 'chair-approval', { decision: 'changes-requested', version: minutes.version });
  return `${input.chair.name} asked for changes to version ${minutes.version}${how} on ${ctx.when(at)}.`;
}
