import { FOLLOW_UP_TIME, followUpDay, followUpExpired, followUpSuccessor, nextFollowUpRun, type TrackedAction } from './action-reminders';
import { DAY_MS, utcToZonedDate, zonedToUtc, type WorkingCalendar } from './calendar';
import { executionStartedAt, followUpOutlastsExecution } from './execution-limit';
import type { ActionReminderPolicy, Cycle } from './types';

/**
 * When a cycle's action follow-up next has something to do. The follow-up used to run every working
 * day; most days nobody was due a reminder, and each idle run cost state transitions and a Lambda
 * invocation. It now sleeps until the first working day on which {@link followUpDay} sends something,
 * or on which the follow-up must end, and a change to an action wakes it to plan again (see the
 * follow-up service). Pure: the caller passes the actions as they are now.
 */

/**
 * The longest the follow-up sleeps, whatever is due: a change whose wake-up was lost (the workflow
 * could not be reached at that moment) or a board setting changed meanwhile is picked up within a week,
 * and a later cycle that took over is noticed within a week even if it could not say so.
 */
export const FOLLOW_UP_MAX_SLEEP_DAYS = 7;

export interface FollowUpWakeInput {
  now: Date;
  timeZone: string;
  calendar: WorkingCalendar;
  policy: ActionReminderPolicy;
  /** The board's actions as they are now (closed ones are ignored, as the day's run ignores them). */
  actions: readonly TrackedAction[];
  /** The cycle's meeting: the follow-up ends `followUpMaxDays` after it. */
  meetingAt: string;
  /** When the cycle's execution started: the follow-up ends a day before its year runs out. */
  executionStartedAt: Date;
}

/**
 * The instant of the next follow-up run that has work: the first working day after `now` (today, if
 * `now` is before today's run time) at {@link FOLLOW_UP_TIME} board time on which an owner is due a
 * reminder or the secretariat its digest, on which the follow-up ends (its last day, or the last run
 * before the execution's limit), or {@link FOLLOW_UP_MAX_SLEEP_DAYS} after the first candidate, whichever
 * comes first. Runs on the days the daily loop would have sent something, and on no other day but those.
 */
export function nextFollowUpWake(input: FollowUpWakeInput): string {
  const { now, timeZone, calendar, policy } = input;
  const runAt = (day: string): string => zonedToUtc(day, FOLLOW_UP_TIME, timeZone);
  const today = utcToZonedDate(now.toISOString(), timeZone);
  let day = calendar.isWorkingDay(today) && Date.parse(runAt(today)) > now.getTime() ? today : calendar.addWorkingDays(today, 1);
  const latest = Date.parse(runAt(day)) + FOLLOW_UP_MAX_SLEEP_DAYS * DAY_MS;
  const ends = Date.parse(input.meetingAt) + policy.followUpMaxDays * DAY_MS;
  for (;;) {
    const at = runAt(day);
    const following = calendar.addWorkingDays(day, 1);
    // The run on `day` closes the follow-up when it has run its longest, or when the run after it would
    // come too near the execution's limit: it must happen, whatever is due.
    if (Date.parse(at) >= ends || Date.parse(at) >= latest || followUpOutlastsExecution(input.executionStartedAt, runAt(following))) return at;
    const plan = followUpDay({ actions: input.actions, today: day, policy, calendar });
    if (plan.owners.length > 0 || plan.secretariat) return at;
    day = following;
  }
}

/** Whole seconds from `now` until `at`, at least one: a Task's TimeoutSecondsPath must be a positive integer. */
export function secondsUntil(now: Date, at: string): number {
  return Math.max(1, Math.ceil((Date.parse(at) - now.getTime()) / 1000));
}

/** What the follow-up loop's Choice and wait read: ids and dates only. */
export interface FollowUpStep {
  /** When the loop runs next: the next working day with something to send, 08:00 board time ({@link nextFollowUpWake}). */
  next: string;
  /** Seconds from now until `next`: the wait's TimeoutSecondsPath. */
  waitSeconds: number;
  /** True when the follow-up is over: a later cycle took it over, it ran its longest, or the execution is near its year. */
  done: boolean;
  /** The cycle that took the follow-up over, if one did. */
  handedOverTo?: string;
}

/**
 * The step that ends the follow-up now, if it is over: a later cycle of the board has taken it over,
 * it has run its longest, or its next daily run would come too near the execution's limit (settings
 * changed since the start can lengthen the follow-up; Step Functions stops the execution at a year,
 * skipping CloseCycle, so the follow-up ends first). Undefined while it goes on.
 */
export function followUpOver(input: {
  cycle: Cycle;
  boardCycles: readonly Cycle[];
  now: Date;
  timeZone: string;
  calendar: WorkingCalendar;
  policy: ActionReminderPolicy;
}): FollowUpStep | undefined {
  const { cycle, now } = input;
  const next = nextFollowUpRun(now, input.timeZone, input.calendar);
  const over = { next, waitSeconds: secondsUntil(now, next), done: true };
  const successor = followUpSuccessor(cycle, input.boardCycles);
  if (successor) return { ...over, handedOverTo: successor.cycleId };
  if (followUpExpired(cycle, now, input.policy) || followUpOutlastsExecution(executionStartedAt(cycle), next)) return over;
  return undefined;
}
