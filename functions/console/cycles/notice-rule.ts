import { formatCalendarDate, type WorkingCalendar } from '../../shared/domain/calendar';
import { loadWorkingCalendar } from '../../shared/services/working-calendar';
import { planBoardTimeline, type NoticeBreach } from '../../shared/domain/timeline';
import type { Board, ClearDayCount } from '../../shared/domain/types';

const DAYS: Record<ClearDayCount, string> = {
  working: 'clear working days',
  'working-and-saturdays': 'clear days (working days and Saturdays)',
  calendar: 'clear days',
};

/** How far ahead the earliest compliant meeting is looked for: past that, the board's settings are the problem. */
const SEARCH_DAYS = 120;

type Meeting = { meetingDate: string; meetingTime: string };

function breachesOf(board: Board, calendar: WorkingCalendar, meeting: Meeting, plannedAt: Date): NoticeBreach[] | undefined {
  try {
    return planBoardTimeline(board, calendar, meeting, plannedAt).breaches;
  } catch {
    // A date that cannot be planned (a milestone passed, an unsupported year) is no answer either.
    return undefined;
  }
}

/** The first working day after the meeting asked for whose timeline keeps the board's notice rule. */
export function earliestCompliantMeeting(board: Board, calendar: WorkingCalendar, meeting: Meeting, plannedAt: Date): string | undefined {
  let date = meeting.meetingDate;
  for (let i = 0; i < SEARCH_DAYS; i++) {
    date = calendar.addWorkingDays(date, 1);
    if (breachesOf(board, calendar, { ...meeting, meetingDate: date }, plannedAt)?.length === 0) return date;
  }
  return undefined;
}

/**
 * Why a meeting is refused under the notice rule, for a clerk, with the earliest meeting that keeps it;
 * undefined when the meeting keeps the rule (the refusal was about something else). `plannedAt`: the
 * time the plan is made from (now for a new cycle; the epoch for a running one, whose passed steps stay passed).
 */
export async function noticeRuleRefusal(board: Board, meeting: Meeting, plannedAt: Date): Promise<string | undefined> {
  const calendar = await loadWorkingCalendar(board.holidays);
  const breach = breachesOf(board, calendar, meeting, new Date(0))?.[0];
  if (!breach) return undefined;
  const days = DAYS[board.rules.clearDayCount ?? 'working'];
  const earliest = earliestCompliantMeeting(board, calendar, meeting, plannedAt);
  return (
    `The agenda and papers must be published ${breach.required} ${days} before the meeting; with this board's timeline they would go out on ` +
    `${formatCalendarDate(breach.circulatesOn)}, leaving ${breach.clearDays}. ` +
    (earliest
      ? `The earliest meeting that allows it is ${formatCalendarDate(earliest)}. `
      : `No meeting in the next ${SEARCH_DAYS} working days allows it with this board's timeline: check the timeline in the board's settings. `) +
    'To go ahead anyway, give a reason.'
  );
}
