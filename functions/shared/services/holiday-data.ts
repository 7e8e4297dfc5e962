import type { HolidaysData } from 'date-holidays/data';

/**
 * One country's holiday rules, with the holiday names they refer to: what date-holidays' parser needs for
 * a calendar of that country, loaded by `import()`.
 *
 * Run from the sources (the tests, the local cloud, the CLI) this loads date-holidays' rules for every
 * country and keeps one. In the Lambda bundles the build replaces this module (infra/constructs/
 * holiday-data.ts): each country's rules are a chunk of their own and the names another, so a function
 * reads only the rules of the countries its boards are in (a few KB) rather than every country's (~390 KB).
 * Both give the same object for a country.
 *
 * @throws Error for a country date-holidays has no rules for (validHolidayRegion refuses those first).
 */
export async function countryHolidayData(country: string): Promise<HolidaysData> {
  const { data } = await import('date-holidays/data');
  if (!Object.hasOwn(data.holidays, country)) throw new Error(`date-holidays has no rules for ${country}`);
  return { version: data.version, license: data.license, names: data.names, holidays: { [country]: data.holidays[country] } };
}
