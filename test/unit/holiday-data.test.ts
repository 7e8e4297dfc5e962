import { countryHolidayData } from '../../functions/shared/services/holiday-data';
import { countryModule, countryTable } from '../../infra/constructs/holiday-data';

describe('holiday rules a country at a time', () => {
  it('from the sources: one country’s rules with every name they may use', async () => {
    const gb = await countryHolidayData('GB');
    expect(Object.keys(gb.holidays)).toEqual(['GB']);
    expect(Object.keys(gb.names).length).toBeGreaterThan(50);
    expect(gb.license).toMatch(/CC-BY-SA/i);
    await expect(countryHolidayData('XX')).rejects.toThrow('date-holidays has no rules for XX');
    await expect(countryHolidayData('toString')).rejects.toThrow('date-holidays has no rules for toString');
  });

  it('in a bundle: a table of one import() per country, and each country’s module with the same content', async () => {
    const table = countryTable(['GB', 'FR']);
    expect(table).toContain(`"GB": () => import("holiday-data:GB")`);
    expect(table).toContain(`"FR": () => import("holiday-data:FR")`);
    expect(table).toContain('Object.hasOwn(COUNTRIES, country)');
    const gb = await countryHolidayData('GB');
    const module = countryModule({ ...gb, holidays: { ...gb.holidays, FR: { other: true } } }, 'GB');
    expect(module).toContain('import names from "holiday-data:names";');
    expect(module).toContain(JSON.stringify(gb.holidays['GB']));
    expect(module).not.toContain('"FR"');
  });
});
