import { z } from 'zod';
import { taskHandler } from '../shared/runtime/task';
import { deps } from '../shared/runtime/deps';
import { cycleRef } from '../shared/domain/validate';
import type { FollowUpStep } from '../shared/domain/follow-up-wake';
import { makeSendActionReminders } from './send-action-reminders';
import { followUpWaitInput, makeWaitForNextFollowUpDay } from './wait-for-next-follow-up-day';

// One function for the follow-up's day and its sleep (WaitForNextFollowUpDay): a second function would
// add a deployment and a cold start for a few lines.
const input = z.union([followUpWaitInput, cycleRef]);

export const handler = taskHandler(input, async (event): Promise<FollowUpStep | null> => {
  if (!('taskToken' in event)) return makeSendActionReminders(deps())(event);
  await makeWaitForNextFollowUpDay(deps())(event);
  return null;
});
