import Holidays from 'date-holidays';

/** The countries and states date-holidays itself knows, in its order: what domain/holiday-regions.ts must list. */
export function holidayRegionsOfLibrary(): Record<string, string[]> {
  const directory = new Holidays();
  const regions: Record<string, string[]> = {};
  for (const country of Object.keys(directory.getCountries('en'))) regions[country] = Object.keys(directory.getStates(country, 'en') ?? {});
  return regions;
}
