import type { HolidayRegion, WorkingCalendar } from '../domain/calendar';
import { loadOnce } from '../runtime/load-once';
import { validHolidayRegion, workingCalendarOf, type HolidaysLibrary } from '../domain/working-calendar';

/*
 * date-holidays (its parser, moment-timezone with every zone, astronomia and every country's rules: about
 * 1.5 MB bundled) is loaded by `import()`, so a bundle keeps it in a chunk of its own that is read when a
 * function first makes a calendar, not when it starts: a link page or a console page that counts no
 * working days never pays for it. A function that counts working days on every run (the action
 * follow-up) pays for it on its first run instead of at start, no less.
 */

/** date-holidays' class, loaded by the first call; a failed load is tried again by the next. */
const holidaysLibrary: () => Promise<HolidaysLibrary> = /* @__PURE__ */ loadOnce(() => import('date-holidays').then((loaded) => loaded.default));

const calendars = new Map<string, WorkingCalendar>();

/**
 * The working calendar for a holiday region (see domain/working-calendar.ts), loading date-holidays on
 * the first call. Calendars are cached per region and their holidays per year, so a warm Lambda pays for
 * date-holidays' loading and rule parsing once.
 *
 * @throws ValidationError (rejected, before anything is loaded) for a country or state date-holidays does not know.
 */
export async function loadWorkingCalendar(region: HolidayRegion): Promise<WorkingCalendar> {
  const valid = validHolidayRegion(region);
  const key = `${valid.country}/${valid.state ?? ''}`;
  const cached = calendars.get(key);
  if (cached) return cached;
  const Library = await holidaysLibrary();
  // Two first calls for one region may both get here: the first calendar stored is the one kept.
  const calendar = calendars.get(key) ?? workingCalendarOf(Library, valid);
  calendars.set(key, calendar);
  return calendar;
}
