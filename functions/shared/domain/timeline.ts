import { BOARD_LIMITS, DEFAULT_SUPPLEMENTARY_DAYS, describeRange, inRange } from './board-defaults';
import { formatBoardDateTime, formatCalendarDate, isCalendarDate, isTimeZone, isWallTime, utcToZonedDate, zonedToUtc, type WorkingCalendar } from './calendar';
import { TimelineError, ValidationError } from './errors';
import { MILESTONES, type Board, type ClearDayCount, type Timeline, type TimelineRules } from './types';

/** The rules that are counts of days (all but how clear days are counted). */
type NumericRule = Exclude<keyof TimelineRules, 'clearDayCount' | 'supplementaryDays'>;

/** Meeting years we plan for: the span whose bank holidays have been checked against gov.uk. */
export const SUPPORTED_YEARS = { first: 2011, last: 2035 } as const;

/** Longest offset a rule may set: about a working year, which also bounds the calendar walks. */
const MAX_RULE_DAYS = BOARD_LIMITS.ruleDays.max;

export interface PlanTimelineInput {
  /** `YYYY-MM-DD` in the board's zone. */
  meetingDate: string;
  /** `HH:MM`, 24-hour, in the board's zone. */
  meetingTime: string;
  /** IANA zone, e.g. Europe/London. */
  timeZone: string;
  /** The board's working days (services/working-calendar.ts loads it for its holiday region). */
  calendar: WorkingCalendar;
  rules: TimelineRules;
  now: Date;
}

/** The statutory notice the timeline does not give: publication too close to the meeting. */
export interface NoticeBreach {
  milestone: 'circulation';
  /** `YYYY-MM-DD`: when the papers would circulate. */
  circulatesOn: string;
  clearDays: number;
  required: number;
  /** `YYYY-MM-DD`: the latest working day on which circulating meets the rule, if any is ahead. */
  latestCompliant?: string;
  message: string;
}

export interface PlannedTimeline {
  timeline: Timeline;
  /** Sentences for the secretariat: the plan stands, but someone should look (e.g. a bank holiday). */
  warnings: string[];
  /** Breaches of the board's notice rule: a cycle with any is refused unless the secretariat overrides. */
  breaches: NoticeBreach[];
}

const COUNT_WORDS: Record<ClearDayCount, string> = {
  working: 'clear working',
  'working-and-saturdays': 'clear (working days and Saturdays)',
  calendar: 'clear',
};

const LABELS: Record<keyof Timeline, string> = {
  agendaCall: 'Agenda call',
  itemDeadline: 'Item deadline',
  paperReminder: 'Paper reminders',
  paperDeadline: 'Paper deadline',
  circulation: 'Circulation',
  supplementary: 'Late papers circulate',
  meeting: 'Meeting',
  minutesDraftDue: 'Minutes draft due',
  chairApprovalDue: 'Chair approval due',
  followUp: 'Action follow-up',
};

/** How people name a milestone in a sentence; "Agenda call" on its own as a heading. */
const IN_A_SENTENCE: Record<keyof Timeline, string> = {
  agendaCall: 'the agenda call',
  itemDeadline: 'the item deadline',
  paperReminder: 'the paper reminders',
  paperDeadline: 'the paper deadline',
  circulation: 'circulation',
  supplementary: 'the supplementary circulation',
  meeting: 'the meeting',
  minutesDraftDue: 'the minutes draft',
  chairApprovalDue: "the chair's approval",
  followUp: 'the action follow-up',
};

/** The milestone's name as a heading or table label: `agendaCall` → "Agenda call". */
export function milestoneLabel(key: keyof Timeline): string {
  return LABELS[key];
}

// Messages go out in the morning so people have the day to act; deadlines fall at close of business.
const MORNING = '09:00';
const CLOSE_OF_BUSINESS = '17:00';

/** Milestones that must still be ahead when a cycle is planned: everything after runs off the meeting. */
const BEFORE_OR_AT_MEETING: readonly (keyof Timeline)[] = MILESTONES.slice(0, MILESTONES.indexOf('meeting') + 1);

type LocalMoments = Record<keyof Timeline, { date: string; time: string }>;

function localMoments(calendar: WorkingCalendar, meetingDate: string, meetingTime: string, rules: TimelineRules): LocalMoments {
  const before = (days: number): string => calendar.addWorkingDays(meetingDate, -days);
  const paperDeadline = before(rules.paperDeadlineDays);
  const minutesDraftDue = calendar.addWorkingDays(meetingDate, rules.minutesDraftDays);
  const chairApprovalDue = calendar.addWorkingDays(minutesDraftDue, rules.chairApprovalDays);
  return {
    agendaCall: { date: before(rules.agendaCallDays), time: MORNING },
    itemDeadline: { date: before(rules.itemDeadlineDays), time: CLOSE_OF_BUSINESS },
    paperReminder: { date: calendar.addWorkingDays(paperDeadline, -rules.paperReminderDays), time: MORNING },
    paperDeadline: { date: paperDeadline, time: CLOSE_OF_BUSINESS },
    circulation: { date: before(rules.circulationDays), time: MORNING },
    supplementary: { date: before(rules.supplementaryDays ?? DEFAULT_SUPPLEMENTARY_DAYS), time: MORNING },
    meeting: { date: meetingDate, time: meetingTime },
    minutesDraftDue: { date: minutesDraftDue, time: CLOSE_OF_BUSINESS },
    chairApprovalDue: { date: chairApprovalDue, time: CLOSE_OF_BUSINESS },
    followUp: { date: calendar.addWorkingDays(chairApprovalDue, rules.followUpDays), time: MORNING },
  };
}

function toTimeline(moments: LocalMoments, timeZone: string): Timeline {
  const timeline = {} as Timeline;
  for (const key of MILESTONES) timeline[key] = zonedToUtc(moments[key].date, moments[key].time, timeZone);
  return timeline;
}

/** What is wrong with a board's timeline rules (each in range, the milestones in order), as sentences; empty when fine. */
export function ruleIssues(rules: TimelineRules): string[] {
  const issues: string[] = [];
  const keys: NumericRule[] = [
    'agendaCallDays',
    'itemDeadlineDays',
    'paperDeadlineDays',
    'paperReminderDays',
    'circulationDays',
    'minutesDraftDays',
    'chairApprovalDays',
    'followUpDays',
    'clearDays',
  ];
  for (const key of keys) {
    const value: unknown = rules[key];
    if (!inRange(value, BOARD_LIMITS.ruleDays)) {
      issues.push(`The rule ${key} must be ${describeRange(BOARD_LIMITS.ruleDays)}, not ${String(value)}.`);
    }
  }
  const supplementary = rules.supplementaryDays ?? DEFAULT_SUPPLEMENTARY_DAYS;
  if (!Number.isInteger(supplementary) || supplementary < 1 || supplementary >= rules.circulationDays) {
    issues.push(
      `The rule supplementaryDays must be a whole number of working days from 1 to ${rules.circulationDays - 1} (before circulation), not ${String(supplementary)}.`,
    );
  }
  const counts: ClearDayCount[] = ['working', 'working-and-saturdays', 'calendar'];
  if (rules.clearDayCount !== undefined && !counts.includes(rules.clearDayCount)) {
    issues.push(`The rule clearDayCount must be one of ${counts.join(', ')}, not ${String(rules.clearDayCount)}.`);
  }
  if (issues.length > 0) return issues;

  // Each step of the cycle needs the one before it to have happened: proposals before the agenda,
  // the agenda before papers, papers before the pack goes out.
  const order: [keyof Timeline, NumericRule][] = [
    ['agendaCall', 'agendaCallDays'],
    ['itemDeadline', 'itemDeadlineDays'],
    ['paperDeadline', 'paperDeadlineDays'],
    ['circulation', 'circulationDays'],
  ];
  for (let i = 1; i < order.length; i += 1) {
    const [earlier, earlierKey] = order[i - 1] as [keyof Timeline, NumericRule];
    const [later, laterKey] = order[i] as [keyof Timeline, NumericRule];
    if (rules[earlierKey] <= rules[laterKey]) {
      issues.push(
        `${milestoneLabel(earlier)} (${earlierKey}: ${rules[earlierKey]}) must be more working days before the meeting than ` +
          `${IN_A_SENTENCE[later]} (${laterKey}: ${rules[laterKey]}).`,
      );
    }
  }
  return issues;
}

function inputIssues(input: PlanTimelineInput): string[] {
  const issues: string[] = [];
  if (!isCalendarDate(input.meetingDate)) {
    issues.push(`The meeting date "${input.meetingDate}" is not a real date in the form YYYY-MM-DD.`);
  } else {
    const year = Number(input.meetingDate.slice(0, 4));
    if (year < SUPPORTED_YEARS.first || year > SUPPORTED_YEARS.last) {
      issues.push(`Meetings can be planned from ${SUPPORTED_YEARS.first} to ${SUPPORTED_YEARS.last}; ${input.meetingDate} is outside that range.`);
    }
  }
  if (!isWallTime(input.meetingTime)) {
    issues.push(`The meeting time "${input.meetingTime}" is not a 24-hour time in the form HH:MM (for example 14:30).`);
  }
  if (!isTimeZone(input.timeZone)) {
    issues.push(`"${input.timeZone}" is not a known IANA time zone (for example Europe/London).`);
  }
  if (Number.isNaN(input.now.getTime())) issues.push('The current time is not a valid date.');
  return [...issues, ...ruleIssues(input.rules)];
}

/** The first milestone up to the meeting that is before `now`, if any. */
function firstPassed(timeline: Timeline, now: Date): keyof Timeline | undefined {
  return BEFORE_OR_AT_MEETING.filter((key) => Date.parse(timeline[key]) < now.getTime()).sort((a, b) => Date.parse(timeline[a]) - Date.parse(timeline[b]))[0];
}

/**
 * The first working day, from today in the board's zone, whose milestones are all still ahead.
 * Milestones move forward with the meeting, so walking forward finds the earliest; the walk is
 * bounded because rules are at most MAX_RULE_DAYS working days.
 */
function earliestWorkableMeeting(input: PlanTimelineInput, calendar: WorkingCalendar): string | undefined {
  const today = utcToZonedDate(input.now.toISOString(), input.timeZone);
  let candidate = today;
  for (let step = 0; step < 2 * 366; step += 1) {
    if (calendar.isWorkingDay(candidate)) {
      const timeline = toTimeline(localMoments(calendar, candidate, input.meetingTime, input.rules), input.timeZone);
      if (!firstPassed(timeline, input.now)) return candidate;
    }
    candidate = calendar.addWorkingDays(candidate, 1);
  }
  return undefined;
}

function passedError(key: keyof Timeline, at: string, input: PlanTimelineInput, calendar: WorkingCalendar): TimelineError {
  const what = IN_A_SENTENCE[key];
  const opening = `${what.charAt(0).toUpperCase()}${what.slice(1)} would be on ${formatBoardDateTime(at, input.timeZone)}, which has passed.`;
  const earliest = earliestWorkableMeeting(input, calendar);
  const advice =
    earliest !== undefined && Number(earliest.slice(0, 4)) <= SUPPORTED_YEARS.last
      ? `Choose a meeting on or after ${formatCalendarDate(earliest)} or shorten the board's rules.`
      : "Shorten the board's rules.";
  return new TimelineError(`${opening} ${advice}`);
}

function warningsFor(moments: LocalMoments, rules: TimelineRules, calendar: WorkingCalendar): string[] {
  const warnings: string[] = [];
  const meetingDate = moments.meeting.date;
  if (!calendar.isWorkingDay(meetingDate)) {
    const holiday = calendar.holidayOn(meetingDate);
    warnings.push(
      holiday === undefined
        ? `The meeting is on ${formatCalendarDate(meetingDate)}, which is not a working day.`
        : `The meeting is on ${formatCalendarDate(meetingDate)}, a bank holiday (${holiday}).`,
    );
  }
  return warnings;
}

/**
 * Checks the notice rule: the day of publication and the meeting day do not count (LGA 1972 s100B).
 * A breach names the latest working day on which circulating would comply.
 */
function breachesOf(moments: LocalMoments, rules: TimelineRules, calendar: WorkingCalendar): NoticeBreach[] {
  return noticeBreaches(moments.circulation.date, moments.meeting.date, rules, calendar);
}

/**
 * The notice rule for papers circulating on `circulatesOn` (`YYYY-MM-DD`) for a meeting on
 * `meetingDate`: used directly when the real circulation date differs from the planned one (a meeting
 * moved earlier circulates as soon as it can).
 */
export function noticeBreaches(circulatesOn: string, meetingDate: string, rules: TimelineRules, calendar: WorkingCalendar): NoticeBreach[] {
  const count = rules.clearDayCount ?? 'working';
  const clear = calendar.clearDays(circulatesOn, meetingDate, count);
  if (clear >= rules.clearDays) return [];
  let latest: string | undefined = calendar.addWorkingDays(meetingDate, -1);
  for (let guard = 0; latest && calendar.clearDays(latest, meetingDate, count) < rules.clearDays; guard++) {
    latest = guard > MAX_RULE_DAYS ? undefined : calendar.addWorkingDays(latest, -1);
  }
  const words = COUNT_WORDS[count];
  return [
    {
      milestone: 'circulation',
      circulatesOn,
      clearDays: clear,
      required: rules.clearDays,
      ...(latest ? { latestCompliant: latest } : {}),
      message:
        `Papers circulate on ${formatCalendarDate(circulatesOn)}, leaving only ${clear} ${words} ` +
        `${clear === 1 ? 'day' : 'days'} before the meeting on ${formatCalendarDate(meetingDate)}; ` +
        `the board's rule is ${rules.clearDays} (LGA 1972 s100B).` +
        (latest ? ` The latest compliant circulation date is ${formatCalendarDate(latest)}.` : ''),
    },
  ];
}

/**
 * Plans a cycle's milestones from the meeting date and the board's rules, counting working days in
 * the board's zone and working calendar. Messages go out at 09:00 and deadlines fall at 17:00 local
 * time, whatever the DST offset on that day; every milestone is returned as a UTC ISO instant.
 *
 * @throws ValidationError for a malformed date, time or zone, a meeting outside
 *   {@link SUPPORTED_YEARS}, or rules that are not positive whole numbers in the cycle's order; the
 *   error's `issues` lists every problem.
 * @throws TimelineError if a milestone up to the meeting has already passed; the message names it and
 *   the earliest meeting date that would work.
 */
export function planTimeline(input: PlanTimelineInput): PlannedTimeline {
  const issues = inputIssues(input);
  if (issues.length > 0) throw new ValidationError(issues.join(' '), issues);
  const { calendar } = input;

  const moments = localMoments(calendar, input.meetingDate, input.meetingTime, input.rules);
  const timeline = toTimeline(moments, input.timeZone);

  // Naming the meeting itself reads better than "the agenda call has passed" for a date long gone.
  const passed = Date.parse(timeline.meeting) < input.now.getTime() ? 'meeting' : firstPassed(timeline, input.now);
  if (passed) throw passedError(passed, timeline[passed], input, calendar);

  return { timeline, warnings: warningsFor(moments, input.rules, calendar), breaches: breachesOf(moments, input.rules, calendar) };
}

/** Plans a meeting's timeline with a board's zone, rules and working calendar (loaded for its holiday region). */
export function planBoardTimeline(
  board: Pick<Board, 'timeZone' | 'rules'>,
  calendar: WorkingCalendar,
  meeting: { meetingDate: string; meetingTime: string },
  now: Date,
): PlannedTimeline {
  return planTimeline({ ...meeting, timeZone: board.timeZone, calendar, rules: board.rules, now });
}
