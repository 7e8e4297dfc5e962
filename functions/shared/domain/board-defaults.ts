import type { HolidayRegion } from './calendar';
import type { ActionReminderPolicy, ClearDayCount, TimelineRules } from './types';

/**
 * What a board gets when its creator does not say, and the bounds each setting must keep. The board
 * settings schema (functions/admin/boards.ts) and the domain's own checks (timeline, action follow-up,
 * next meeting) read the same numbers from here, so the CLI, the console and the planner cannot disagree.
 */

/** Working-day offsets of the timeline: the agenda call four weeks before, papers a week and a half. */
export const DEFAULT_RULES: TimelineRules = {
  agendaCallDays: 20,
  itemDeadlineDays: 15,
  paperDeadlineDays: 8,
  paperReminderDays: 2,
  circulationDays: 6,
  minutesDraftDays: 5,
  chairApprovalDays: 5,
  followUpDays: 10,
  clearDays: 5,
};

/** Working days before the meeting that late papers go out, for boards whose rules predate the setting. */
export const DEFAULT_SUPPLEMENTARY_DAYS = 2;

/** Which days count as clear when a board does not say: England's principal councils count working days. */
export const DEFAULT_CLEAR_DAY_COUNT: ClearDayCount = 'working';

export const DEFAULT_STANDING_ITEMS: readonly string[] = [
  'Welcome, introductions and apologies',
  'Declarations of interest',
  'Minutes of the last meeting and matters arising',
  'Any other business',
  'Date of next meeting',
];

/** Filled in for whatever a board's `actionReminders` leaves out (boards from before the setting set nothing). */
export const DEFAULT_ACTION_REMINDERS: Readonly<ActionReminderPolicy> = {
  beforeDueWorkingDays: 5,
  onDueDate: true,
  weeklyWhileOverdue: true,
  escalateAfterDays: 14,
  digestWeekday: 1,
  followUpMaxDays: 200,
};

export const DEFAULT_TIME_ZONE = 'Europe/London';

/** England & Wales bank holidays. */
export const DEFAULT_HOLIDAYS: Readonly<HolidayRegion> = { country: 'GB', state: 'ENG' };

export const DEFAULT_QUORUM = 3;

export const DEFAULT_VENUE = 'To be confirmed';

/** An inclusive range of whole numbers, with the unit a person reads it in. */
export interface WholeRange {
  readonly min: number;
  readonly max: number;
  readonly unit: string;
}

/**
 * The bounds of every numeric board setting. `ruleDays` is about a working year, which also bounds the
 * planner's calendar walks; `meetingEveryWeeks` two years; the action follow-up bounds keep reminders
 * within the life of a cycle's follow-up.
 */
export const BOARD_LIMITS = {
  ruleDays: { min: 1, max: 250, unit: 'working days' },
  quorum: { min: 1, max: 500, unit: 'members' },
  meetingEveryWeeks: { min: 1, max: 104, unit: 'weeks' },
  beforeDueWorkingDays: { min: 0, max: 60, unit: 'working days' },
  escalateAfterDays: { min: 1, max: 365, unit: 'days' },
  digestWeekday: { min: 1, max: 5, unit: 'the weekday (1 = Monday)' },
  followUpMaxDays: { min: 1, max: 300, unit: 'days' },
  /** Characters of a name, venue or standing item: what fits on an agenda line and an email subject. */
  textLength: { min: 1, max: 200, unit: 'characters' },
  standingItems: { min: 0, max: 20, unit: 'items' },
} as const satisfies Record<string, WholeRange>;

/** "a whole number of weeks from 1 to 104": the range as a person reads it. */
export function describeRange(range: WholeRange): string {
  return `a whole number of ${range.unit} from ${range.min} to ${range.max}`;
}

/** Whether `value` is a whole number inside `range`. */
export function inRange(value: unknown, range: WholeRange): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= range.min && value <= range.max;
}
