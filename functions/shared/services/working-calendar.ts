import type { HolidayRegion, WorkingCalendar } from '../domain/calendar';
import { loadOnce } from '../runtime/load-once';
import { validHolidayRegion, workingCalendarOf, type HolidaysLibrary } from '../domain/working-calendar';

/*
 * date-holidays' parser (with moment-timezone's every zone and astronomia, about 1.1 MB bundled) is loaded
 * by `import()`, so a bundle keeps it in a chunk of its own that is read when a function first makes a
 * calendar, not when it starts: a link page or a console page that counts no working days never pays for
 * it. The rules come per country (services/holiday-data.ts): a function reads those of its boards' countries
 * only. A function that counts working days on every run (the action follow-up) pays for the parser on its
 * first run instead of at start, no less.
 */

/** date-holidays' parser class, loaded by the first call; a failed load is tried again by the next. */
const holidaysParser = /* @__PURE__ */ loadOnce(() => import('date-holidays-parser').then((loaded) => loaded.default));
/** The rules of one country; in a bundle, a table of 200 countries' chunks, itself loaded with the first calendar. */
const holidayData = /* @__PURE__ */ loadOnce(() => import('./holiday-data'));

/**
 * date-holidays' own class is its parser given every country's rules; this is the parser given one
 * country's, with the same constructor.
 */
function libraryFor(Parser: Awaited<ReturnType<typeof holidaysParser>>, data: object): HolidaysLibrary {
  class CountryHolidays extends Parser {
    constructor(...args: unknown[]) {
      super(data, ...args);
    }
  }
  return CountryHolidays as unknown as HolidaysLibrary;
}

const calendars = new Map<string, WorkingCalendar>();

/**
 * The working calendar for a holiday region (see domain/working-calendar.ts), loading date-holidays on
 * the first call. Calendars are cached per region and their holidays per year, so a warm Lambda pays for
 * date-holidays' loading and rule parsing once per country.
 *
 * @throws ValidationError (rejected, before anything is loaded) for a country or state date-holidays does not know.
 */
export async function loadWorkingCalendar(region: HolidayRegion): Promise<WorkingCalendar> {
  const valid = validHolidayRegion(region);
  const key = `${valid.country}/${valid.state ?? ''}`;
  const cached = calendars.get(key);
  if (cached) return cached;
  const [Parser, data] = await Promise.all([holidaysParser(), holidayData().then(({ countryHolidayData }) => countryHolidayData(valid.country))]);
  // Two first calls for one region may both get here: the first calendar stored is the one kept.
  const calendar = calendars.get(key) ?? workingCalendarOf(libraryFor(Parser, data), valid);
  calendars.set(key, calendar);
  return calendar;
}
