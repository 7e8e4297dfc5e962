import type Holidays from 'date-holidays';
import { assertDate, fromDayNumber, toDayNumber, weekdayOf, type HolidayRegion, type WorkingCalendar } from './calendar';
import { ValidationError } from './errors';
import type { ClearDayCount } from './types';

/*
 * Working days: weekends and a region's bank holidays, from date-holidays. Apart from calendar.ts's date
 * and time helpers because date-holidays (its parser, moment-timezone and every country's rules) is the
 * heaviest thing a function can load: only the functions that count working days bundle it, and they
 * load it when they first make a calendar, not when they start.
 */

let library: typeof Holidays | undefined;

/** date-holidays' class, loaded on first call. */
function holidaysLibrary(): typeof Holidays {
  // A require, not an import: the bundle then evaluates date-holidays on this first call rather than at
  // start-up, and the calendar stays synchronous for the pure rules that use it (timeline.ts).
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require('date-holidays') as typeof Holidays | { default: typeof Holidays };
  library ??= 'default' in loaded ? loaded.default : loaded;
  return library;
}

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

let regionDirectory: Holidays | undefined;

function validateRegion(region: HolidayRegion): Readonly<HolidayRegion> {
  // Parsing the holiday data is the expensive part of date-holidays: one directory instance serves all.
  regionDirectory ??= new (holidaysLibrary())();
  const country = region.country.trim().toUpperCase();
  const countries = regionDirectory.getCountries('en');
  if (!Object.hasOwn(countries, country)) {
    throw new ValidationError(`"${region.country}" is not a country date-holidays knows (use an ISO code such as GB).`);
  }
  if (region.state === undefined) return { country };
  const state = region.state.trim().toUpperCase();
  // An unknown state would silently fall back to the country's holidays, so refuse it here.
  const states = regionDirectory.getStates(country, 'en') ?? {};
  if (!Object.hasOwn(states, state)) {
    const known = Object.keys(states).join(', ') || 'none';
    throw new ValidationError(`"${region.state}" is not a region of ${country} (known: ${known}).`);
  }
  return { country, state };
}

class HolidayCalendar implements WorkingCalendar {
  readonly region: Readonly<HolidayRegion>;
  private readonly holidays: Holidays;
  private readonly byYear = new Map<number, ReadonlyMap<string, string>>();

  constructor(region: Readonly<HolidayRegion>) {
    this.region = region;
    const Holidays = holidaysLibrary();
    this.holidays = new Holidays(region.state === undefined ? region.country : { country: region.country, state: region.state }, {
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

const calendars = new Map<string, WorkingCalendar>();

/**
 * The working calendar for a holiday region: `{ country: 'GB', state: 'ENG' }` for England & Wales,
 * `SCT` for Scotland, `NIR` for Northern Ireland. Only public/bank holidays close offices, substitute
 * days included. Calendars are cached per region and their holidays per year, so a warm Lambda pays
 * for date-holidays' rule parsing once.
 *
 * @throws ValidationError for a country or state date-holidays does not know.
 */
export function makeWorkingCalendar(region: HolidayRegion): WorkingCalendar {
  const valid = validateRegion(region);
  const key = `${valid.country}/${valid.state ?? ''}`;
  let calendar = calendars.get(key);
  if (!calendar) {
    calendar = new HolidayCalendar(valid);
    calendars.set(key, calendar);
  }
  return calendar;
}
