import * as z from '../validation/zod';
import { NotWaitingError, RetryableError } from '../domain/errors';
import { CLAIM_STALE_MS } from '../domain/link-policy';
import { cycleRef } from '../domain/validate';
import type { WaitKind } from '../domain/types';
import type { CoreDeps, WaitDecision } from '../ports';

/** Input of a `.waitForTaskToken` task: the ids plus the token, which never leaves the backend. */
export const callbackInput = z.extend(cycleRef, {
  taskToken: z.string().check(z.minLength(1), z.maxLength(8192)),
  minutesVersion: z.optional(z.number().check(z.int(), z.positive())),
});
export type CallbackInput = z.infer<typeof callbackInput>;

export const WAIT_LABELS: Record<WaitKind, string> = {
  'agenda-confirmation': 'confirm the agenda',
  'minutes-draft': 'send the minutes draft',
  'chair-approval': 'approve the minutes',
};

/** What answering a wait does, once the answer is claimed: its side effects, then what the execution is told. */
export type Decide = () => Promise<{ output: Record<string, unknown>; outcome: string }>;

type WaitDeps = Pick<CoreDeps, 'waits' | 'workflow' | 'clock'>;

/**
 * Answers the wait `kind`, once, whichever of several people or channels answers at the same moment:
 * `by` (the hash of the link or reply address) claims the answer on the wait record before any side
 * effect, `decide` runs (its failure gives the claim up, so the person may try again), the answer is
 * recorded, and only then is the execution resumed and the record cleared. A resume that fails leaves
 * the answer recorded: the same link pressed again, the chase and the waiting task on its next token
 * deliver it, so an answer once given is never lost. The same `by` coming back finds its answer and
 * delivers it again rather than deciding twice.
 * @returns the answer's outcome, in one sentence
 * @throws NotWaitingError when nothing waits, or someone else answered first (naming what they did);
 *   RetryableError when the answer is recorded but the workflow could not be told yet
 */
export async function decideWait(d: WaitDeps, cycleId: string, kind: WaitKind, by: string, decide: Decide): Promise<string> {
  const wait = await d.waits.getWait(cycleId, kind);
  if (!wait) throw new NotWaitingError(`The cycle is not waiting for someone to ${WAIT_LABELS[kind]}.`);
  let decision = wait.decision?.by === by ? wait.decision : undefined;
  if (!decision) {
    const now = d.clock.now();
    const first = await d.waits
      .claimDecision(cycleId, kind, by, now.toISOString(), new Date(now.getTime() - CLAIM_STALE_MS).toISOString())
      .catch((err: unknown) => {
        // The record went between the read above and this claim: another answer was delivered and cleared it.
        if (err instanceof NotWaitingError) {
          throw new NotWaitingError(`Someone has already answered: the cycle is no longer waiting for someone to ${WAIT_LABELS[kind]}.`, { cause: err });
        }
        throw err;
      });
    if (first) {
      if (first.output) await deliverDecision(d, cycleId, kind, first.output).catch(() => undefined);
      throw new NotWaitingError(
        first.outcome
          ? `Someone has already answered: ${first.outcome}`
          : `Someone else is answering at this moment: the cycle is no longer waiting to ${WAIT_LABELS[kind]}. Refresh in a minute to see what was done.`,
      );
    }
    decision = { by, at: now.toISOString() };
  }
  if (!decision.output || decision.outcome === undefined) {
    let decided: Awaited<ReturnType<Decide>>;
    try {
      decided = await decide();
    } catch (err) {
      await d.waits.releaseDecision(cycleId, kind, by).catch(() => undefined);
      throw err;
    }
    await d.waits.recordDecision(cycleId, kind, by, decided.output, decided.outcome);
    decision = { ...decision, ...decided };
  }
  const { output, outcome } = decision as Required<WaitDecision>;
  try {
    await deliverDecision(d, cycleId, kind, output);
  } catch (err) {
    throw new RetryableError(
      `Your answer is recorded (${outcome}), but the cycle could not be moved on just now. ` +
        'Please press the button again in a minute; if you do not, it carries on by itself when the next reminder is due.',
      { cause: err },
    );
  }
  return outcome;
}

/**
 * Resumes the execution with a recorded answer on the token the wait holds now, then clears the record.
 * A token that no longer answers (it timed out at that moment) is not an error: if a new one has come
 * meanwhile it is tried, else the chase and the waiting task re-entered after it deliver the answer.
 */
export async function deliverDecision(
  d: Pick<CoreDeps, 'waits' | 'workflow'>,
  cycleId: string,
  kind: WaitKind,
  output: Record<string, unknown>,
): Promise<void> {
  let token = (await d.waits.getWait(cycleId, kind))?.taskToken;
  while (token !== undefined) {
    try {
      await d.workflow.resume(token, output);
    } catch (err) {
      if (!(err instanceof NotWaitingError)) throw err;
      const next = (await d.waits.getWait(cycleId, kind))?.taskToken;
      token = next === token ? undefined : next;
      continue;
    }
    await d.waits.takeWait(cycleId, kind, token);
    return;
  }
}

/**
 * For a waiting task that has just stored `taskToken`: when an answer was recorded before (its resume
 * failed, or came as the previous token timed out), resumes this token with it at once and returns true.
 * An answer `current` rejects is left over from an earlier round of the same wait whose record was not
 * cleared: it is dropped, and the wait starts afresh.
 */
export async function resumeIfDecided(
  d: Pick<CoreDeps, 'waits' | 'workflow'>,
  input: { cycleId: string; kind: WaitKind; taskToken: string; at: string },
  current: (output: Record<string, unknown>) => boolean | Promise<boolean>,
): Promise<boolean> {
  const output = (await d.waits.getWait(input.cycleId, input.kind))?.decision?.output;
  if (!output) return false;
  if (await current(output)) {
    await d.workflow.resume(input.taskToken, output);
    await d.waits.takeWait(input.cycleId, input.kind, input.taskToken);
    return true;
  }
  await d.waits.takeWait(input.cycleId, input.kind, input.taskToken);
  await d.waits.putWait(input.cycleId, input.kind, input.taskToken, input.at);
  return false;
}
