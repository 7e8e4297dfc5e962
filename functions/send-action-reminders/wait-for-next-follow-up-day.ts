import * as z from '../shared/validation/zod';
import { callbackInput } from '../shared/services/callbacks';
import { loadCycleContext } from '../shared/services/cycle-context';
import { planFollowUp, resumeFollowUp } from '../shared/services/follow-up';
import type { CoreDeps } from '../shared/ports';

/** Input of WaitForNextFollowUpDay: the callback's ids and token, and the wake-up it was planned for. */
export const followUpWaitInput = z.extend(callbackInput, { wakeAt: z.iso.datetime() });
export type FollowUpWaitInput = z.infer<typeof followUpWaitInput>;

/**
 * Puts the follow-up to sleep: stores the task token as the cycle's `follow-up` wait (whose timeout,
 * set by the state machine, is the planned wake-up), then plans again on what is stored now. A change
 * made between the day's run and this moment found no token to wake; if it moved the next day with
 * work, or ended the follow-up, the wait is resumed at once with the new plan.
 */
export const makeWaitForNextFollowUpDay =
  (d: Pick<CoreDeps, 'boards' | 'cycles' | 'actions' | 'waits' | 'workflow' | 'clock'>) =>
  async (input: FollowUpWaitInput): Promise<void> => {
    const ctx = await loadCycleContext(d, input.boardId, input.cycleId);
    await d.waits.putWait(input.cycleId, 'follow-up', input.taskToken, d.clock.now().toISOString());
    const step = await planFollowUp(d, ctx.board, ctx.cycle);
    if (step.done || Date.parse(step.next) !== Date.parse(input.wakeAt)) await resumeFollowUp(d, input.cycleId, input.taskToken, step);
  };
