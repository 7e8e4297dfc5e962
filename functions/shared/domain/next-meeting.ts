import { BOARD_LIMITS, inRange } from './board-defaults';
import { ValidationError } from './errors';
import { parseMinutes, type NextMeeting } from '../minutes';
import type { Board, Cycle } from './types';

/** A next meeting to put to the secretariat: `date` YYYY-MM-DD and `time` HH:MM in the board's zone. */
export interface NextMeetingProposal {
  date: string;
  time: string;
  /** As the minutes give it; absent, the board's usual venue applies. */
  venue?: string;
  /** Where the date comes from: the approved minutes, or the board's rhythm (`meetingEvery`). */
  source: 'minutes' | 'board';
}

/** The next meeting as the minutes announce it; null when they do not, or cannot be read. */
export function nextMeetingInMinutes(text: string): NextMeeting | null {
  try {
    return parseMinutes(text).nextMeeting;
  } catch (err) {
    // Approved minutes were read when they were saved; text the parser refuses simply gives no date.
    if (err instanceof ValidationError) return null;
    throw err;
  }
}

/** `YYYY-MM-DD` plus whole days, on the calendar (no zone: a date is a date). */
export function addCalendarDays(date: string, days: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + days)).toISOString().slice(0, 10);
}

/**
 * The next meeting after `meeting`: the date its approved minutes give, when that is after this meeting;
 * otherwise the board's rhythm (`meetingEvery` weeks on); otherwise none. The time is the minutes' or, failing
 * that, this meeting's.
 */
export function proposeNextMeeting(
  announced: NextMeeting | null,
  board: Pick<Board, 'meetingEvery'>,
  meeting: Pick<Cycle['meeting'], 'date' | 'time'>,
): NextMeetingProposal | undefined {
  if (announced?.date && announced.date > meeting.date) {
    return {
      date: announced.date,
      time: announced.time ?? meeting.time,
      ...(announced.venue?.trim() ? { venue: announced.venue.trim().slice(0, 200) } : {}),
      source: 'minutes',
    };
  }
  const weeks = board.meetingEvery?.weeks;
  if (weeks !== undefined && inRange(weeks, BOARD_LIMITS.meetingEveryWeeks)) {
    return { date: addCalendarDays(meeting.date, weeks * 7), time: announced?.time ?? meeting.time, source: 'board' };
  }
  return undefined;
}
