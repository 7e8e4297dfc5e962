import { BOARD_LIMITS } from './board-defaults';
import { DAY_MS, formatBoardDate } from './calendar';
import { TimelineError } from './errors';
import type { Cycle, Timeline, TimelineRules } from './types';

/**
 * A cycle is one Step Functions execution, from its start to the end of its action follow-up, and
 * Step Functions runs a Standard execution for at most a year: one that times out skips CloseCycle and
 * its record stays `running`. These rules keep every execution inside the year, when a cycle is planned
 * (refused, saying what to change) and while its follow-up runs (closed before the limit).
 */

/** The longest a Standard execution runs; the ASL's own TimeoutSeconds is the same 365 days. */
export const EXECUTION_MAX_DAYS = 365;

/**
 * Days a plan keeps in hand after the follow-up's last day: the loop notices the end at its next
 * working-day run (five days later over Christmas), and CloseCycle must still run after it.
 */
export const EXECUTION_MARGIN_DAYS = 7;

/** How near the limit the follow-up may still wait for its next run: CloseCycle needs seconds, a day is ample. */
const CLOSE_MARGIN_MS = DAY_MS;

/**
 * When a cycle's execution starts: `now` for a cycle started at once, `move` for a running cycle moved
 * (its execution restarts now), `agenda-call` for one that starts itself at its agenda call.
 */
export interface ExecutionStart {
  at: Date;
  from: 'now' | 'move' | 'agenda-call';
}

/** The latest moment an execution planned as `timeline` can end, and how many days after `startsAt` that is (rounded up). */
export function executionSpan(
  startsAt: Date,
  timeline: Pick<Timeline, 'meeting' | 'chairApprovalDue'>,
  followUpMaxDays: number,
): { endsBy: Date; days: number } {
  // The follow-up ends followUpMaxDays after the meeting, or at once if the minutes are approved later.
  const followUpEnds = Math.max(Date.parse(timeline.meeting) + followUpMaxDays * DAY_MS, Date.parse(timeline.chairApprovalDue));
  const endsBy = followUpEnds + EXECUTION_MARGIN_DAYS * DAY_MS;
  return { endsBy: new Date(endsBy), days: Math.ceil((endsBy - startsAt.getTime()) / DAY_MS) };
}

const sentence = (parts: readonly string[]): string => {
  const text = parts.join(', or ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
};

/**
 * Refuses a cycle whose execution, started as `start` says, could run past {@link EXECUTION_MAX_DAYS}:
 * the message gives the numbers and what would bring it inside (a shorter followUpMaxDays, a later
 * start, an agenda call nearer the meeting).
 * @throws TimelineError when the execution could outlast the limit.
 */
export function refuseOverlongExecution(input: {
  start: ExecutionStart;
  timeline: Pick<Timeline, 'agendaCall' | 'meeting' | 'chairApprovalDue'>;
  followUpMaxDays: number;
  timeZone: string;
}): void {
  const { start, timeline, followUpMaxDays, timeZone } = input;
  const { endsBy, days } = executionSpan(start.at, timeline, followUpMaxDays);
  if (days <= EXECUTION_MAX_DAYS) return;
  const meeting = Date.parse(timeline.meeting);
  const remedies: string[] = [];
  const maxFollowUp = Math.floor((start.at.getTime() + (EXECUTION_MAX_DAYS - EXECUTION_MARGIN_DAYS) * DAY_MS - meeting) / DAY_MS);
  if (maxFollowUp >= BOARD_LIMITS.followUpMaxDays.min && meeting + maxFollowUp * DAY_MS >= Date.parse(timeline.chairApprovalDue)) {
    remedies.push(`shorten the board's followUpMaxDays to at most ${maxFollowUp}`);
  }
  // A day off the exact moment either way, so that any time on the day named is inside the limit.
  const earliestStart = endsBy.getTime() - EXECUTION_MAX_DAYS * DAY_MS + DAY_MS;
  const latestMeeting = meeting - (days - EXECUTION_MAX_DAYS + 1) * DAY_MS;
  if (start.from === 'now' && earliestStart <= Date.parse(timeline.agendaCall)) {
    remedies.push(`start the cycle on or after ${formatBoardDate(new Date(earliestStart).toISOString(), timeZone)}`);
  } else if (start.from === 'move' && latestMeeting > start.at.getTime()) {
    remedies.push(`move the meeting to ${formatBoardDate(new Date(latestMeeting).toISOString(), timeZone)} or earlier`);
  } else if (start.from !== 'move') {
    remedies.push("call the agenda nearer the meeting (the board's agendaCallDays)");
  }
  if (remedies.length === 0) remedies.push("shorten the board's followUpMaxDays");
  const from = start.from === 'agenda-call' ? `its agenda call on ${formatBoardDate(timeline.agendaCall, timeZone)}` : 'now';
  throw new TimelineError(
    `The cycle would run ${days} days from ${from} to the end of its action follow-up (${followUpMaxDays} days after the meeting on ` +
      `${formatBoardDate(timeline.meeting, timeZone)}, with ${EXECUTION_MARGIN_DAYS} days in hand); Step Functions runs an execution ` +
      `at most ${EXECUTION_MAX_DAYS} days. ${sentence(remedies)}`,
  );
}

/** The fewest calendar days `workingDays` working days can span: five working days in any seven. */
const fewestCalendarDays = (workingDays: number): number => workingDays + 2 * Math.floor(Math.max(workingDays - 1, 0) / 5);

/**
 * What is wrong with a board's settings if no cycle could fit in an execution, even one that starts
 * itself at its agenda call; empty when some can.
 */
export function executionLimitIssues(
  rules: Pick<TimelineRules, 'agendaCallDays' | 'minutesDraftDays' | 'chairApprovalDays'>,
  followUpMaxDays: number,
): string[] {
  const leadDays = fewestCalendarDays(rules.agendaCallDays);
  const approvalDays = fewestCalendarDays(rules.minutesDraftDays + rules.chairApprovalDays);
  const days = leadDays + Math.max(followUpMaxDays, approvalDays) + EXECUTION_MARGIN_DAYS;
  if (days <= EXECUTION_MAX_DAYS) return [];
  const maxFollowUp = EXECUTION_MAX_DAYS - EXECUTION_MARGIN_DAYS - leadDays;
  const remedies = [
    ...(maxFollowUp >= Math.max(BOARD_LIMITS.followUpMaxDays.min, approvalDays) ? [`shorten followUpMaxDays to at most ${maxFollowUp}`] : []),
    'call the agenda nearer the meeting (agendaCallDays)',
  ];
  return [
    `Every cycle would run at least ${days} days from its agenda call (agendaCallDays: ${rules.agendaCallDays}, at least ${leadDays} days before the meeting) ` +
      `to the end of its action follow-up (followUpMaxDays: ${followUpMaxDays}), with ${EXECUTION_MARGIN_DAYS} days in hand; Step Functions runs an ` +
      `execution at most ${EXECUTION_MAX_DAYS} days. ${sentence(remedies)}`,
  ];
}

/**
 * When the cycle's current execution started, or a little before: a running cycle moved restarts its
 * execution (the move's time), one that starts itself starts at `scheduledStart`, and one started at
 * once starts just after its record is made. Earlier than the truth only ever closes a follow-up early.
 */
export function executionStartedAt(cycle: Pick<Cycle, 'createdAt' | 'scheduledStart' | 'moves'>): Date {
  const candidates = [cycle.createdAt, cycle.scheduledStart?.at, cycle.moves?.at(-1)?.at].filter((t): t is string => t !== undefined);
  return new Date(Math.max(...candidates.map((t) => Date.parse(t))));
}

/**
 * True when the follow-up must close now rather than wait for its next run at `next`: that run would
 * come within a day of the execution's limit, whatever the board's followUpMaxDays says now.
 */
export function followUpOutlastsExecution(startedAt: Date, next: string): boolean {
  return Date.parse(next) > startedAt.getTime() + EXECUTION_MAX_DAYS * DAY_MS - CLOSE_MARGIN_MS;
}
