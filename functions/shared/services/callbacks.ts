import { z } from 'zod';
import { NotWaitingError } from '../domain/errors';
import { cycleRef } from '../domain/validate';
import type { WaitKind } from '../domain/types';
import type { CoreDeps } from '../ports';

/** Input of a `.waitForTaskToken` task: the ids plus the token, which never leaves the backend. */
export const callbackInput = cycleRef.extend({ taskToken: z.string().min(1).max(8192), minutesVersion: z.number().int().positive().optional() });
export type CallbackInput = z.infer<typeof callbackInput>;

export const WAIT_LABELS: Record<WaitKind, string> = {
  'agenda-confirmation': 'confirm the agenda',
  'minutes-draft': 'send the minutes draft',
  'chair-approval': 'approve the minutes',
};

/**
 * Resumes the execution waiting on `kind` with `output`, using the token its task stored. Exactly one
 * caller wins (takeWait is conditional), so a double click or a second link cannot resume twice.
 */
export async function resumeWait(d: Pick<CoreDeps, 'waits' | 'workflow'>, cycleId: string, kind: WaitKind, output: Record<string, unknown>): Promise<void> {
  const wait = await d.waits.getWait(cycleId, kind);
  if (!wait) throw new NotWaitingError(`The cycle is not waiting for someone to ${WAIT_LABELS[kind]}.`);
  const taken = await d.waits.takeWait(cycleId, kind, wait.taskToken);
  if (!taken) throw new NotWaitingError(`Someone has already answered: the cycle is no longer waiting to ${WAIT_LABELS[kind]}.`);
  await d.workflow.resume(wait.taskToken, output);
}
