import Holidays from 'date-holidays';
import { HOLIDAY_REGIONS } from '../../functions/shared/domain/holiday-regions';
import { validHolidayRegion } from '../../functions/shared/domain/working-calendar';
import { loadWorkingCalendar } from '../../functions/shared/services/working-calendar';
import { holidayRegionsOfLibrary } from '../support/holiday-regions';

describe('the holiday regions a board may use', () => {
  it('are the countries and states of the installed date-holidays (else run `npx tsx scripts/holiday-regions.ts`)', () => {
    const listed = Object.fromEntries(Object.entries(HOLIDAY_REGIONS).map(([country, states]) => [country, states === '' ? [] : states.split(' ')]));
    expect(listed).toEqual(holidayRegionsOfLibrary());
  });

  it('are checked without date-holidays: upper-cased and trimmed, and unknown ones refused in the words of before', () => {
    expect(validHolidayRegion({ country: ' gb ', state: 'sct' })).toEqual({ country: 'GB', state: 'SCT' });
    expect(validHolidayRegion({ country: 'de' })).toEqual({ country: 'DE' });
    expect(() => validHolidayRegion({ country: 'toString' })).toThrow('"toString" is not a country date-holidays knows (use an ISO code such as GB).');
    expect(() => validHolidayRegion({ country: 'DE', state: 'XX' })).toThrow(/^"XX" is not a region of DE \(known: BB, BE, BW, BY, HB, /);
  });
});

describe('a working calendar outside the UK', () => {
  it('has the holidays date-holidays gives that region (Bavaria: Epiphany, Corpus Christi, Assumption)', async () => {
    const bavaria = await loadWorkingCalendar({ country: 'de', state: 'by' });
    expect(bavaria.region).toEqual({ country: 'DE', state: 'BY' });
    const direct = new Holidays('DE', 'BY', { languages: ['en'], types: ['public', 'bank'] });
    for (const year of [2011, 2026, 2030]) {
      for (const holiday of direct.getHolidays(year, 'en')) expect(bavaria.holidayOn(holiday.date.slice(0, 10))).toBe(holiday.name);
    }
    expect(bavaria.isWorkingDay('2026-01-06')).toBe(false);
    expect(bavaria.isWorkingDay('2026-06-04')).toBe(false);
    expect(bavaria.isWorkingDay('2026-08-14')).toBe(true);
    expect(await loadWorkingCalendar({ country: 'DE' }).then((germany) => germany.isWorkingDay('2026-01-06'))).toBe(true);
  });
});
