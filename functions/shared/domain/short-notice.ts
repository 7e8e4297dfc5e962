/**
 * Extraordinary meetings at short notice: when the board's usual lead time has passed, the cycle still
 * runs, on a timeline squeezed into the days that are left. The notice rule (clear days between
 * publication and the meeting) is checked on the squeezed timeline as on any other.
 */
import { formatBoardDateTime, formatCalendarDate, utcToZonedDate, zonedToUtc, type WorkingCalendar } from './calendar';
import { TimelineError } from './errors';
import { noticeBreaches, planTimeline, type PlanTimelineInput, type PlannedTimeline } from './timeline';
import { MILESTONES, type Timeline, type TimelineRules } from './types';

/** What the cycle records about an extraordinary meeting: why, who called it, when, and what was squeezed. */
export interface ExtraordinaryMeeting {
  reason: string;
  /** Who started the cycle: a name, or an email address. */
  by: string;
  at: string;
  /** The milestones moved from the board's usual plan to fit the time left; empty when it fitted. */
  compressed: (keyof Timeline)[];
}

/** A short-notice plan: the usual one when it still fits, else a squeezed one; `compressed` says which milestones moved. */
export interface ShortNoticePlan extends PlannedTimeline {
  compressed: (keyof Timeline)[];
}

/**
 * Working days the squeezed timeline needs from today: proposals until the close of the next working
 * day, papers until the close of the one after, circulation the morning after that. Fewer leave no
 * time for the agenda call to be answered.
 */
export const MIN_SHORT_NOTICE_DAYS = 3;

/** How far ahead a workable meeting date is looked for, to name one in a refusal. */
const SEARCH_DAYS = 60;

const BEFORE_CIRCULATION: readonly (keyof Timeline)[] = ['agendaCall', 'itemDeadline', 'paperReminder', 'paperDeadline', 'circulation'];

/** The latest working day before `meetingDate` on which circulating keeps the notice rule, if any. */
function latestCompliant(meetingDate: string, rules: TimelineRules, calendar: WorkingCalendar): string | undefined {
  const dayBefore = calendar.addWorkingDays(meetingDate, -1);
  const breach = noticeBreaches(dayBefore, meetingDate, rules, calendar)[0];
  return breach ? breach.latestCompliant : dayBefore;
}

/** The working day a squeezed timeline circulates on: the latest that keeps the notice rule, else the earliest possible. */
function circulationDay(meetingDate: string, earliest: string, rules: TimelineRules, calendar: WorkingCalendar): string {
  const latest = latestCompliant(meetingDate, rules, calendar);
  return latest !== undefined && latest >= earliest ? latest : earliest;
}

function noTimeError(input: PlanTimelineInput, today: string, calendar: WorkingCalendar): TimelineError {
  const earliestAtAll = calendar.addWorkingDays(today, MIN_SHORT_NOTICE_DAYS + 1);
  const circulationFrom = calendar.addWorkingDays(today, MIN_SHORT_NOTICE_DAYS);
  let keepingRule: string | undefined;
  for (let k = 0, date = earliestAtAll; k < SEARCH_DAYS && !keepingRule; k += 1, date = calendar.addWorkingDays(date, 1)) {
    if ((latestCompliant(date, input.rules, calendar) ?? '') >= circulationFrom) keepingRule = date;
  }
  return new TimelineError(
    `An extraordinary meeting on ${formatCalendarDate(input.meetingDate)} leaves no time for the agenda call: members need until the close of ` +
      `the next working day to propose items, presenters a working day more for their papers, and the papers must go out before the meeting day. ` +
      (keepingRule
        ? `The earliest meeting that allows it is ${formatCalendarDate(keepingRule)}, keeping the notice rule` +
          (keepingRule > earliestAtAll ? ` (${formatCalendarDate(earliestAtAll)} if the notice rule is overridden with a reason).` : '.')
        : `The earliest meeting that allows it is ${formatCalendarDate(earliestAtAll)}, with the notice rule overridden with a reason.`),
  );
}

const clamp = (value: number, low: number, high: number): number => Math.min(Math.max(value, low), high);

/**
 * Plans an extraordinary meeting's timeline. Milestones still ahead keep the board's usual dates; when
 * some have passed, the agenda call goes out now and the rest share the working days left before
 * circulation in the proportions of the board's rules (deadlines at 17:00, messages at 09:00 local
 * time). Circulation is the latest day that keeps the notice rule, or, when none is left, the earliest
 * day possible: its breach then comes back for the secretariat to override with a reason, as for any cycle.
 *
 * @throws ValidationError as {@link planTimeline} does, for malformed input or rules.
 * @throws TimelineError when the meeting has passed, or when fewer than {@link MIN_SHORT_NOTICE_DAYS}
 *   working days are left before the meeting day; the message names the earliest workable date.
 */
export function planShortNoticeTimeline(input: PlanTimelineInput): ShortNoticePlan {
  // At the epoch nothing has passed: this checks the input and gives the board's usual plan.
  const usual = planTimeline({ ...input, now: new Date(0) });
  const now = input.now.getTime();
  const { timeZone, rules, meetingDate } = input;
  if (Date.parse(usual.timeline.meeting) <= now) {
    throw new TimelineError(`The meeting would be on ${formatBoardDateTime(usual.timeline.meeting, timeZone)}, which has passed. Choose a date ahead.`);
  }
  if (!BEFORE_CIRCULATION.some((k) => Date.parse(usual.timeline[k]) < now)) return { ...usual, compressed: [] };

  const { calendar } = input;
  const today = utcToZonedDate(input.now.toISOString(), timeZone);
  const day = (k: number) => calendar.addWorkingDays(today, k);
  const earliest = day(MIN_SHORT_NOTICE_DAYS);
  if (earliest >= meetingDate) throw noTimeError(input, today, calendar);

  const circulation = circulationDay(meetingDate, earliest, rules, calendar);
  let n = MIN_SHORT_NOTICE_DAYS;
  while (day(n) < circulation) n += 1;
  // Where each milestone falls between the agenda call (0) and circulation (1) by the board's rules.
  const share = (daysBeforeMeeting: number) => (rules.agendaCallDays - daysBeforeMeeting) / (rules.agendaCallDays - rules.circulationDays);
  const item = clamp(Math.round(n * share(rules.itemDeadlineDays)), 1, n - 2);
  const paper = clamp(Math.round(n * share(rules.paperDeadlineDays)), item + 1, n - 1);
  const reminder = clamp(Math.round(n * share(rules.paperDeadlineDays + rules.paperReminderDays)), item + 1, paper);
  const squeezed: Partial<Timeline> = {
    agendaCall: input.now.toISOString(),
    itemDeadline: zonedToUtc(day(item), '17:00', timeZone),
    paperReminder: zonedToUtc(day(reminder), '09:00', timeZone),
    paperDeadline: zonedToUtc(day(paper), '17:00', timeZone),
    circulation: zonedToUtc(circulation, '09:00', timeZone),
  };
  const timeline: Timeline = { ...usual.timeline };
  // A milestone still ahead keeps its usual date when that is later: squeezing never takes time away.
  for (const k of BEFORE_CIRCULATION) if (Date.parse(squeezed[k]!) > Date.parse(timeline[k])) timeline[k] = squeezed[k]!;
  if (Date.parse(timeline.supplementary) < Date.parse(timeline.circulation)) timeline.supplementary = timeline.circulation;
  const compressed = MILESTONES.filter((k) => timeline[k] !== usual.timeline[k]);
  const circulatesOn = utcToZonedDate(timeline.circulation, timeZone);
  return { timeline, warnings: usual.warnings, breaches: noticeBreaches(circulatesOn, meetingDate, rules, calendar), compressed };
}

/** The title a board pack's cover and agenda carry: an extraordinary meeting says so under the board's name. */
export function packTitle(boardName: string, cycle: { extraordinary?: unknown }): string {
  return cycle.extraordinary ? `${boardName}: extraordinary meeting` : boardName;
}
