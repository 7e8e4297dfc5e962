import { ValidationError } from './errors';
import type { ClearDayCount } from './types';

/**
 * Working days and wall-clock times in a board's own time zone. Calendar dates are `YYYY-MM-DD`
 * strings throughout: a date is a day on the board's calendar, not an instant, so no `Date` crosses
 * this module's boundary except as a UTC ISO instant.
 */

/** A date-holidays region: England & Wales is `{ country: 'GB', state: 'ENG' }`. */
export interface HolidayRegion {
  country: string;
  state?: string;
}

/** Working days for one holiday region: Monday to Friday, less that region's bank holidays. */
export interface WorkingCalendar {
  readonly region: Readonly<HolidayRegion>;
  isWorkingDay(date: string): boolean;
  /** The bank holiday's name if `date` is one (weekend dates of a holiday that moved are included). */
  holidayOn(date: string): string | undefined;
  /**
   * The `n`th working day after `date` (before it when `n` is negative); `date` itself never counts.
   * `n = 0` returns `date` unchanged, even if it is not a working day.
   */
  addWorkingDays(date: string, n: number): string;
  /**
   * Working days in `(from, to]`, negative when `to` is before `from`: the inverse of
   * `addWorkingDays`, so `addWorkingDays(from, workingDaysBetween(from, to)) === to` for a working `to`.
   */
  workingDaysBetween(from: string, to: string): number;
  /**
   * Working days strictly between `from` and `to` (0 if `to` is not after `from`): LGA 1972 s100B
   * clear days, where neither the day of publication nor the meeting day counts.
   */
  clearWorkingDays(from: string, to: string): number;
  /**
   * Clear days strictly between two dates under a board's counting rule: working days, working days
   * plus Saturdays that are not bank holidays, or every calendar day.
   */
  clearDays(from: string, to: string, count: ClearDayCount): number;
}

const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;
/** Milliseconds in a day of 24 hours (UTC arithmetic; no daylight saving). */
export const DAY_MS = 86_400_000;

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'] as const;

/** True for a `YYYY-MM-DD` string naming a day that exists (so not `2026-02-30`). */
export function isCalendarDate(value: string): boolean {
  const match = DATE_PATTERN.exec(value);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  // Date.UTC rolls 30 February over into March; a real date survives the round trip.
  return probe.getUTCFullYear() === year && probe.getUTCMonth() === month - 1 && probe.getUTCDate() === day;
}

/** True for a 24-hour `HH:MM` wall time, `00:00` to `23:59`. */
export function isWallTime(value: string): boolean {
  return TIME_PATTERN.test(value);
}

/** True for a time zone this runtime's Intl knows, e.g. `Europe/London` (case-insensitive, as Intl is). */
export function isTimeZone(value: string): boolean {
  if (value.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Throws ValidationError unless `value` is a real `YYYY-MM-DD` date; `what` names it in the message. */
export function assertDate(value: string, what = 'Date'): void {
  if (!isCalendarDate(value)) {
    throw new ValidationError(`${what} "${value}" is not a real date in the form YYYY-MM-DD.`);
  }
}

function assertTimeZone(timeZone: string): void {
  if (!isTimeZone(timeZone)) {
    throw new ValidationError(`"${timeZone}" is not a known IANA time zone (for example Europe/London).`);
  }
}

/** Days since the epoch: lets calendar arithmetic ignore time zones and DST entirely. */
export function toDayNumber(date: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return Date.UTC(year, month - 1, day) / DAY_MS;
}

/** The `YYYY-MM-DD` date of a day number (the inverse of {@link toDayNumber}). */
export function fromDayNumber(dayNumber: number): string {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday. */
export function weekdayOf(dayNumber: number): number {
  return new Date(dayNumber * DAY_MS).getUTCDay();
}

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const numericFormats = new Map<string, Intl.DateTimeFormat>();

function numericFormat(timeZone: string): Intl.DateTimeFormat {
  let format = numericFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      // h23, not hour12: false, which some ICU versions render as "24" at midnight.
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    numericFormats.set(timeZone, format);
  }
  return format;
}

function wallClockAt(epochMs: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of numericFormat(timeZone).formatToParts(epochMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? NaN,
    month: parts.month ?? NaN,
    day: parts.day ?? NaN,
    hour: parts.hour ?? NaN,
    minute: parts.minute ?? NaN,
    second: parts.second ?? NaN,
  };
}

/** The zone's offset from UTC at an instant, in milliseconds (BST: +3,600,000). */
function offsetAt(epochMs: number, timeZone: string): number {
  const wall = wallClockAt(epochMs, timeZone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  // Intl drops milliseconds, so compare whole seconds.
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

function parseInstant(iso: string): number {
  const epochMs = Date.parse(iso);
  if (Number.isNaN(epochMs)) throw new ValidationError(`"${iso}" is not an ISO-8601 instant.`);
  return epochMs;
}

/**
 * The UTC instant of a wall-clock time in a zone, as an ISO string with `Z`.
 *
 * Resolves DST the way Temporal's "compatible" option does: a time that happens twice (01:30 on the
 * last Sunday of October in London) is the first, summer-time one; a time that never happens (01:30 on
 * the last Sunday of March) moves forward by the gap, to 02:30 BST.
 *
 * @throws ValidationError for a malformed date or time, or an unknown time zone.
 */
export function zonedToUtc(date: string, time: string, timeZone: string): string {
  assertDate(date);
  if (!isWallTime(time)) throw new ValidationError(`Time "${time}" is not a 24-hour time in the form HH:MM.`);
  assertTimeZone(timeZone);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const [hour, minute] = time.split(':').map(Number) as [number, number];
  const wallMs = Date.UTC(year, month - 1, day, hour, minute);
  // Offsets a day either side bracket any DST change near this wall time; each that maps back to the
  // same wall time is a real reading of it.
  const before = offsetAt(wallMs - DAY_MS, timeZone);
  const after = offsetAt(wallMs + DAY_MS, timeZone);
  const readings = [...new Set([before, after])]
    .map((offset) => wallMs - offset)
    .filter((epochMs) => offsetAt(epochMs, timeZone) === wallMs - epochMs)
    .sort((a, b) => a - b);
  const epochMs = readings[0] ?? wallMs - before;
  return new Date(epochMs).toISOString();
}

/** The calendar date in `timeZone` at a UTC instant: `2026-10-24T23:30:00Z` is `2026-10-25` in London. */
export function utcToZonedDate(iso: string, timeZone: string): string {
  assertTimeZone(timeZone);
  const wall = wallClockAt(parseInstant(iso), timeZone);
  return `${String(wall.year).padStart(4, '0')}-${String(wall.month).padStart(2, '0')}-${String(wall.day).padStart(2, '0')}`;
}

/** The `HH:MM` wall time in `timeZone` at a UTC instant. */
export function utcToZonedTime(iso: string, timeZone: string): string {
  assertTimeZone(timeZone);
  const wall = wallClockAt(parseInstant(iso), timeZone);
  return `${String(wall.hour).padStart(2, '0')}:${String(wall.minute).padStart(2, '0')}`;
}

// Names come from our own tables, not Intl, so emails read the same whatever ICU data Lambda ships.
function partsOf(iso: string, timeZone: string): { weekday: string; day: number; month: string; year: number; time: string } {
  const date = utcToZonedDate(iso, timeZone);
  const dayNumber = toDayNumber(date);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return {
    weekday: WEEKDAYS[weekdayOf(dayNumber)] ?? '',
    day,
    month: MONTHS[month - 1] ?? '',
    year,
    time: utcToZonedTime(iso, timeZone),
  };
}

/** "Tuesday 10 March 2015": the instant's date in the board's zone, UK English. */
export function formatBoardDate(iso: string, timeZone: string): string {
  const d = partsOf(iso, timeZone);
  return `${d.weekday} ${d.day} ${d.month} ${d.year}`;
}

/** "Tuesday 10 March 2015, 15:30": date and 24-hour time in the board's zone. */
export function formatBoardDateTime(iso: string, timeZone: string): string {
  const d = partsOf(iso, timeZone);
  return `${d.weekday} ${d.day} ${d.month} ${d.year}, ${d.time}`;
}

/** "Friday 27 February": for key dates within the cycle, where the year goes without saying. */
export function formatShortDate(iso: string, timeZone: string): string {
  const d = partsOf(iso, timeZone);
  return `${d.weekday} ${d.day} ${d.month}`;
}

/** "Tuesday 10 March 2015" for a calendar date (`YYYY-MM-DD`), with no time zone involved. */
export function formatCalendarDate(date: string): string {
  assertDate(date);
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return `${WEEKDAYS[weekdayOf(toDayNumber(date))] ?? ''} ${day} ${MONTHS[month - 1] ?? ''} ${year}`;
}
