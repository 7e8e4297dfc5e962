import type Holidays from 'date-holidays';
import { assertDate, fromDayNumber, toDayNumber, weekdayOf, type HolidayRegion, type WorkingCalendar } from './calendar';
import { ValidationError } from './errors';
import { HOLIDAY_REGIONS } from './holiday-regions';
import type { ClearDayCount } from './types';

/*
 * Working days: weekends and a region's bank holidays, from date-holidays. Pure: date-holidays'
 * class comes in from services/working-calendar.ts, which loads it (its parser with moment-timezone,
 * the heaviest thing a function can load, and the rules of the board's country) when a calendar is
 * first needed. Regions are checked against holiday-regions.ts, so a board's settings are validated
 * without it.
 */

/** date-holidays' class, as services/working-calendar.ts loads it. */
export type HolidaysLibrary = typeof Holidays;

/**
 * Bank holidays that date-holidays 3.37 gets wrong for the UK, checked against gov.uk: the 2011 royal
 * wedding is missing, and in 2012 the spring bank holiday moved from 28 May to 4 June for the Diamond
 * Jubilee but the package keeps it on 28 May. Both applied across the UK.
 */
const CORRECTIONS: Record<string, { add: Record<string, string>; remove: readonly string[] }> = {
  GB: {
    add: { '2011-04-29': 'Royal wedding', '2012-06-04': 'Spring bank holiday' },
    remove: ['2012-05-28'],
  },
};

// Holiday types that close offices; "observance" (Mother's Day), "optional" and "school" do not.
const DAY_OFF_TYPES: ReadonlySet<string> = new Set(['public', 'bank']);

/**
 * The region in date-holidays' codes (upper case, trimmed), checked without loading date-holidays.
 *
 * @throws ValidationError for a country or state date-holidays does not know.
 */
export function validHolidayRegion(region: HolidayRegion): Readonly<HolidayRegion> {
  const country = region.country.trim().toUpperCase();
  const states = Object.hasOwn(HOLIDAY_REGIONS, country) ? HOLIDAY_REGIONS[country] : undefined;
  if (states === undefined) {
    throw new ValidationError(`"${region.country}" is not a country date-holidays knows (use an ISO code such as GB).`);
  }
  if (region.state === undefined) return { country };
  const state = region.state.trim().toUpperCase();
  // An unknown state would silently fall back to the country's holidays, so refuse it here.
  const known = states === '' ? [] : states.split(' ');
  if (!known.includes(state)) {
    throw new ValidationError(`"${region.state}" is not a region of ${country} (known: ${known.join(', ') || 'none'}).`);
  }
  return { country, state };
}

class HolidayCalendar implements WorkingCalendar {
  readonly region: Readonly<HolidayRegion>;
  private readonly holidays: Holidays;
  private readonly byYear = new Map<number, ReadonlyMap<string, string>>();

  constructor(Library: HolidaysLibrary, region: Readonly<HolidayRegion>) {
    this.region = region;
    this.holidays = new Library(region.state === undefined ? region.country : { country: region.country, state: region.state }, {
      languages: ['en'],
      types: ['public', 'bank'],
    });
  }

  isWorkingDay(date: string): boolean {
    assertDate(date);
    return this.isWorkingDayNumber(toDayNumber(date));
  }

  holidayOn(date: string): string | undefined {
    assertDate(date);
    return this.holidaysIn(Number(date.slice(0, 4))).get(date);
  }

  addWorkingDays(date: string, n: number): string {
    assertDate(date);
    if (!Number.isInteger(n)) throw new ValidationError(`Working days must be a whole number, not ${n}.`);
    const step = Math.sign(n);
    let day = toDayNumber(date);
    for (let remaining = Math.abs(n); remaining > 0;) {
      day += step;
      if (this.isWorkingDayNumber(day)) remaining -= 1;
    }
    return fromDayNumber(day);
  }

  workingDaysBetween(from: string, to: string): number {
    assertDate(from);
    assertDate(to);
    const [start, end] = [toDayNumber(from), toDayNumber(to)];
    if (end >= start) return this.countWorking(start + 1, end);
    // Mirror of the forward case, so addWorkingDays(from, result) lands back on `to`.
    return -this.countWorking(end, start - 1);
  }

  clearWorkingDays(from: string, to: string): number {
    assertDate(from);
    assertDate(to);
    return this.countWorking(toDayNumber(from) + 1, toDayNumber(to) - 1);
  }

  clearDays(from: string, to: string, count: ClearDayCount): number {
    assertDate(from);
    assertDate(to);
    const first = toDayNumber(from) + 1;
    const last = toDayNumber(to) - 1;
    if (count === 'working') return this.countWorking(first, last);
    let total = 0;
    for (let day = first; day <= last; day += 1) {
      if (count === 'calendar' || this.isWorkingDayNumber(day) || (weekdayOf(day) === 6 && !this.holidayOn(fromDayNumber(day)))) total += 1;
    }
    return total;
  }

  /** Working days in the inclusive range of day numbers; 0 for an empty range. */
  private countWorking(first: number, last: number): number {
    let count = 0;
    for (let day = first; day <= last; day += 1) if (this.isWorkingDayNumber(day)) count += 1;
    return count;
  }

  private isWorkingDayNumber(day: number): boolean {
    const weekday = weekdayOf(day);
    if (weekday === 0 || weekday === 6) return false;
    const date = fromDayNumber(day);
    return !this.holidaysIn(Number(date.slice(0, 4))).has(date);
  }

  private holidaysIn(year: number): ReadonlyMap<string, string> {
    const cached = this.byYear.get(year);
    if (cached) return cached;
    const days = new Map<string, string>();
    for (const holiday of this.holidays.getHolidays(year, 'en')) {
      // `date` is local to the region ("2022-06-03 00:00:00"); `start` is a UTC instant and can fall
      // on the previous day during BST, so the local string is the one to trust.
      if (DAY_OFF_TYPES.has(holiday.type)) days.set(holiday.date.slice(0, 10), holiday.name);
    }
    const correction = CORRECTIONS[this.region.country];
    if (correction) {
      for (const [date, name] of Object.entries(correction.add)) if (date.startsWith(`${year}-`)) days.set(date, name);
      for (const date of correction.remove) days.delete(date);
    }
    this.byYear.set(year, days);
    return days;
  }
}

/**
 * The working calendar for a holiday region, on date-holidays' class: `{ country: 'GB', state: 'ENG' }`
 * for England & Wales, `SCT` for Scotland, `NIR` for Northern Ireland. Only public/bank holidays close
 * offices, substitute days included. Holidays are worked out once per year and kept.
 *
 * @throws ValidationError for a country or state date-holidays does not know.
 */
export function workingCalendarOf(Library: HolidaysLibrary, region: HolidayRegion): WorkingCalendar {
  return new HolidayCalendar(Library, validHolidayRegion(region));
}
