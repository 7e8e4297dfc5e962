import { BOARD_LIMITS, DEFAULT_ACTION_REMINDERS, describeRange, inRange } from './board-defaults';
import { isCalendarDate, utcToZonedDate, zonedToUtc, type WorkingCalendar } from './calendar';
import { STATES, type StateName } from './states';
import type { Action, ActionEvent, ActionReminderPolicy, Board, Cycle } from './types';

/**
 * Action follow-up, day by day: which owners are reminded about which actions, whether the
 * secretariat gets its weekly digest and what is in it, and when a cycle's follow-up ends. Pure: the
 * caller passes today's date in the board's zone, the board's working calendar and the actions.
 */

/** The board's policy with defaults for what it does not set (boards from before the setting set nothing). */
export function actionReminderPolicy(board: Pick<Board, 'actionReminders'>): ActionReminderPolicy {
  return { ...DEFAULT_ACTION_REMINDERS, ...board.actionReminders };
}

/** What is wrong with a (partial) policy, as sentences; empty when it is fine. */
export function actionReminderPolicyIssues(policy: Partial<ActionReminderPolicy>): string[] {
  const issues: string[] = [];
  for (const key of ['beforeDueWorkingDays', 'escalateAfterDays', 'digestWeekday', 'followUpMaxDays'] as const) {
    const value: unknown = policy[key];
    if (value !== undefined && !inRange(value, BOARD_LIMITS[key])) issues.push(`${key} must be ${describeRange(BOARD_LIMITS[key])}, not ${String(value)}.`);
  }
  for (const key of ['onDueDate', 'weeklyWhileOverdue'] as const) {
    if (policy[key] !== undefined && typeof policy[key] !== 'boolean') issues.push(`${key} must be true or false, not ${String(policy[key])}.`);
  }
  return issues;
}

/** Local time of the daily follow-up run: before the working day starts, so reminders are read first. */
export const FOLLOW_UP_TIME = '08:00';

/** The ASL states a cycle's phase shows while its follow-up runs (or once it has closed). */
export const FOLLOW_UP_PHASES: ReadonlySet<string> = new Set<StateName>([STATES.SendActionReminders, STATES.CloseCycle]);

/** An action with its latest history event, if it has any. */
export interface TrackedAction {
  action: Action;
  latest?: ActionEvent;
}

/** Why an owner hears about an action today. */
export type ReminderReason =
  | { kind: 'before-due'; workingDays: number }
  /** `days` is 0 on the due date; more when the due date is not a working day and this is the last one before it. */
  | { kind: 'due'; days: number }
  | { kind: 'overdue'; days: number };

export interface ActionReminder {
  action: Action;
  /** `YYYY-MM-DD`. */
  due: string;
  reason: ReminderReason;
  /** The reason as a phrase: "due in 5 working days", "due today", "overdue by 9 days". */
  why: string;
}

/** One owner's reminders for the day: one email, however many actions. */
export interface OwnerDigest {
  memberId: string;
  reminders: ActionReminder[];
}

export interface DatedAction {
  tracked: TrackedAction;
  /** `YYYY-MM-DD`. */
  due: string;
}

export interface OverdueAction extends DatedAction {
  daysOverdue: number;
}

export interface DueSoonAction extends DatedAction {
  /** Working days from today to the due date; 0 when due today. */
  workingDays: number;
}

/** The secretariat's weekly digest. Lists overlap: an overdue action with no owner is in both. */
export interface SecretariatDigest {
  /** Open and in-progress actions, by number. */
  open: TrackedAction[];
  /** Due within the board's reminder period (beforeDueWorkingDays), today included. */
  dueSoon: DueSoonAction[];
  overdue: OverdueAction[];
  /** Overdue by more than the board's escalateAfterDays. */
  escalations: OverdueAction[];
  /** No update recorded after the latest meeting that has taken place. */
  noUpdateSinceMeeting: TrackedAction[];
  unassigned: TrackedAction[];
}

export interface FollowUpDayInput {
  /** The board's actions, closed ones included (they are never reminded). */
  actions: readonly TrackedAction[];
  /** `YYYY-MM-DD` in the board's zone. */
  today: string;
  policy: ActionReminderPolicy;
  calendar: WorkingCalendar;
  /** The instant of the latest meeting that has taken place, for "no update since the meeting". */
  lastMeetingAt?: string;
  /** Actions whose owners were asked for an update today already: no reminder about them today. */
  quiet?: ReadonlySet<string>;
}

export interface FollowUpDay {
  owners: OwnerDigest[];
  /** Only on the secretariat's digest day, and only when an action is open. */
  secretariat?: SecretariatDigest;
}

const DAY_MS = 86_400_000;

const dayNumber = (date: string): number => Date.parse(`${date}T00:00:00Z`) / DAY_MS;
const fromDayNumber = (n: number): string => new Date(n * DAY_MS).toISOString().slice(0, 10);
/** Calendar days from `from` to `to`, negative when `to` is earlier. */
const daysBetween = (from: string, to: string): number => dayNumber(to) - dayNumber(from);
/** 1 = Monday … 7 = Sunday. */
const isoWeekday = (date: string): number => ((new Date(dayNumber(date) * DAY_MS).getUTCDay() + 6) % 7) + 1;

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A due date that is a real date: not "next meeting", not free text, not absent. */
export function dueDateOf(action: Pick<Action, 'due'>): string | undefined {
  return action.due !== undefined && isCalendarDate(action.due) ? action.due : undefined;
}

export function isOpen(action: Pick<Action, 'status'>): boolean {
  return action.status === 'open' || action.status === 'in-progress';
}

function describe(reason: ReminderReason): string {
  switch (reason.kind) {
    case 'before-due':
      return `due in ${plural(reason.workingDays, 'working day')}`;
    case 'due':
      return reason.days === 0 ? 'due today' : reason.days === 1 ? 'due tomorrow' : `due in ${plural(reason.days, 'day')}`;
    case 'overdue':
      return `overdue by ${plural(reason.days, 'day')}`;
  }
}

/**
 * Why an owner is reminded about an action due on `due` today, if they are. Reminders fall on working
 * days only: one that would fall on a weekend or bank holiday moves to the working day before it
 * (due-date reminders, so there is still time) or after it (weekly overdue reminders).
 */
export function reminderReason(due: string, today: string, policy: ActionReminderPolicy, calendar: WorkingCalendar): ReminderReason | undefined {
  if (!calendar.isWorkingDay(today)) return undefined;
  const late = daysBetween(due, today);
  if (late > 0) {
    if (!policy.weeklyWhileOverdue) return undefined;
    // The latest whole week overdue, if it fell after the previous working day: a week's anniversary
    // on a bank holiday (or a Saturday, for an action due on one) is kept on the next working day.
    const week = Math.floor(late / 7) * 7;
    const sincePrevious = late - daysBetween(calendar.addWorkingDays(today, -1), today);
    return week >= 7 && week > sincePrevious ? { kind: 'overdue', days: late } : undefined;
  }
  // An action due on a day off is due, in practice, by the working day before it.
  const effectiveDue = calendar.isWorkingDay(due) ? due : calendar.addWorkingDays(due, -1);
  if (policy.onDueDate && today === effectiveDue) return { kind: 'due', days: daysBetween(today, due) };
  if (policy.beforeDueWorkingDays > 0 && today === calendar.addWorkingDays(effectiveDue, -policy.beforeDueWorkingDays)) {
    return { kind: 'before-due', workingDays: calendar.workingDaysBetween(today, due) };
  }
  return undefined;
}

/**
 * Each owner's reminders for today, at most one digest per owner: only open or in-progress actions
 * with a real due date, never one in `quiet`.
 */
export function ownerReminders(input: FollowUpDayInput): OwnerDigest[] {
  const byOwner = new Map<string, ActionReminder[]>();
  for (const { action } of input.actions) {
    const due = dueDateOf(action);
    if (!due || !isOpen(action) || input.quiet?.has(action.actionId)) continue;
    const reason = reminderReason(due, input.today, input.policy, input.calendar);
    if (!reason) continue;
    for (const memberId of new Set(action.ownerMemberIds)) {
      const list = byOwner.get(memberId) ?? [];
      list.push({ action, due, reason, why: describe(reason) });
      byOwner.set(memberId, list);
    }
  }
  return [...byOwner]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([memberId, reminders]) => ({
      memberId,
      reminders: reminders.sort((a, b) => a.due.localeCompare(b.due) || a.action.number - b.action.number),
    }));
}

/**
 * The day of `date`'s week (Monday to Sunday) that the secretariat's digest goes out: the digest
 * weekday, or when that is a bank holiday the next working day of the week, or failing that the last
 * one before it; undefined for a week with no working day.
 */
export function digestDayOfWeek(date: string, digestWeekday: number, calendar: WorkingCalendar): string | undefined {
  const monday = dayNumber(date) - (isoWeekday(date) - 1);
  const weekdays = [0, 1, 2, 3, 4].map((i) => fromDayNumber(monday + i));
  const from = digestWeekday - 1;
  return (
    weekdays.slice(from).find((d) => calendar.isWorkingDay(d)) ??
    weekdays
      .slice(0, from)
      .reverse()
      .find((d) => calendar.isWorkingDay(d))
  );
}

/** Whether `today` is the secretariat's digest day (see {@link digestDayOfWeek}). */
export function isDigestDay(today: string, digestWeekday: number, calendar: WorkingCalendar): boolean {
  return digestDayOfWeek(today, digestWeekday, calendar) === today;
}

/** Where the board's open actions stand today, for the secretariat. */
export function secretariatDigest(input: FollowUpDayInput): SecretariatDigest {
  const open = input.actions.filter((t) => isOpen(t.action)).sort((a, b) => a.action.number - b.action.number);
  const digest: SecretariatDigest = { open, dueSoon: [], overdue: [], escalations: [], noUpdateSinceMeeting: [], unassigned: [] };
  const meetingAt = input.lastMeetingAt === undefined ? undefined : Date.parse(input.lastMeetingAt);
  for (const tracked of open) {
    const due = dueDateOf(tracked.action);
    if (due) {
      const late = daysBetween(due, input.today);
      if (late > 0) {
        digest.overdue.push({ tracked, due, daysOverdue: late });
        if (late > input.policy.escalateAfterDays) digest.escalations.push({ tracked, due, daysOverdue: late });
      } else {
        const workingDays = input.calendar.workingDaysBetween(input.today, due);
        if (workingDays <= input.policy.beforeDueWorkingDays) digest.dueSoon.push({ tracked, due, workingDays });
      }
    }
    if (meetingAt !== undefined && (!tracked.latest || Date.parse(tracked.latest.at) <= meetingAt)) digest.noUpdateSinceMeeting.push(tracked);
    if (tracked.action.ownerMemberIds.length === 0) digest.unassigned.push(tracked);
  }
  return digest;
}

/** Everything due today: owners' reminders, and on the digest day the secretariat's digest. */
export function followUpDay(input: FollowUpDayInput): FollowUpDay {
  const owners = ownerReminders(input);
  if (!isDigestDay(input.today, input.policy.digestWeekday, input.calendar)) return { owners };
  const digest = secretariatDigest(input);
  return digest.open.length > 0 ? { owners, secretariat: digest } : { owners };
}

/** When the follow-up runs next: the next working day after `now`'s date, at {@link FOLLOW_UP_TIME} board time. */
export function nextFollowUpRun(now: Date, timeZone: string, calendar: WorkingCalendar): string {
  const today = utcToZonedDate(now.toISOString(), timeZone);
  return zonedToUtc(calendar.addWorkingDays(today, 1), FOLLOW_UP_TIME, timeZone);
}

/**
 * The later cycle of the same board that has taken over the follow-up, if any: its own follow-up is
 * running (it reminds about every open action of the board) or it has completed. Until then, this
 * cycle keeps reminding, so no day goes without.
 */
export function followUpSuccessor(cycle: Cycle, boardCycles: readonly Cycle[]): Cycle | undefined {
  const meeting = Date.parse(cycle.timeline.meeting);
  return boardCycles
    .filter(
      (c) =>
        c.boardId === cycle.boardId &&
        c.cycleId !== cycle.cycleId &&
        Date.parse(c.timeline.meeting) > meeting &&
        (c.status === 'completed' || (c.status === 'running' && FOLLOW_UP_PHASES.has(c.phase))),
    )
    .sort((a, b) => Date.parse(a.timeline.meeting) - Date.parse(b.timeline.meeting))[0];
}

/** True once the follow-up has run its longest: `followUpMaxDays` after the meeting. */
export function followUpExpired(cycle: Pick<Cycle, 'timeline'>, now: Date, policy: Pick<ActionReminderPolicy, 'followUpMaxDays'>): boolean {
  return now.getTime() >= Date.parse(cycle.timeline.meeting) + policy.followUpMaxDays * DAY_MS;
}

/** The latest meeting of the board that has taken place by `now` (failed cycles aside), if any. */
export function lastMeetingBefore(boardCycles: readonly Cycle[], now: Date): Cycle | undefined {
  return boardCycles
    .filter((c) => c.status !== 'failed' && Date.parse(c.timeline.meeting) <= now.getTime())
    .sort((a, b) => Date.parse(b.timeline.meeting) - Date.parse(a.timeline.meeting))[0];
}
