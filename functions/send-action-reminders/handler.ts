import * as z from '../shared/validation/zod';
import { taskHandler } from '../shared/runtime/task';
import { boards, cycles, clock, config, wire } from '../shared/runtime/wire';
import { actions, outbox, waits } from '../shared/runtime/builders/records';
import { links } from '../shared/runtime/builders/links';
import { sendOnce } from '../shared/runtime/builders/send-once';
import { workflow } from '../shared/runtime/builders/workflow';
import { cycleRef } from '../shared/domain/validate';
import type { FollowUpStep } from '../shared/domain/follow-up-wake';
import { makeSendActionReminders } from './send-action-reminders';
import { followUpWaitInput, makeWaitForNextFollowUpDay } from './wait-for-next-follow-up-day';

/** The ports the core uses, and only their adapters in the bundle. */
const ports = wire({ boards, cycles, actions, outbox, sendOnce, links, clock, config, waits, workflow });

// One function for the follow-up's day and its sleep (WaitForNextFollowUpDay): a second function would
// add a deployment and a cold start for a few lines.
const input = z.union([followUpWaitInput, cycleRef]);

export const handler = taskHandler(input, async (event): Promise<FollowUpStep | null> => {
  if (!('taskToken' in event)) return makeSendActionReminders(ports())(event);
  await makeWaitForNextFollowUpDay(ports())(event);
  return null;
});
