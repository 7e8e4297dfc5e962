import {
  formatBoardDate,
  formatBoardDateTime,
  formatCalendarDate,
  formatShortDate,
  isCalendarDate,
  isTimeZone,
  isWallTime,
  utcToZonedDate,
  utcToZonedTime,
  zonedToUtc,
  type WorkingCalendar,
} from '../../functions/shared/domain/calendar';
import { loadWorkingCalendar } from '../../functions/shared/services/working-calendar';
import { ValidationError } from '../../functions/shared/domain/errors';

let england: WorkingCalendar;
let scotland: WorkingCalendar;
let northernIreland: WorkingCalendar;
beforeAll(async () => {
  england = await loadWorkingCalendar({ country: 'GB', state: 'ENG' });
  scotland = await loadWorkingCalendar({ country: 'GB', state: 'SCT' });
  northernIreland = await loadWorkingCalendar({ country: 'GB', state: 'NIR' });
});

describe('working days in England & Wales', () => {
  it('skips weekends', () => {
    expect(england.isWorkingDay('2026-03-06')).toBe(true); // Friday
    expect(england.isWorkingDay('2026-03-07')).toBe(false);
    expect(england.isWorkingDay('2026-03-08')).toBe(false);
    expect(england.addWorkingDays('2026-03-06', 1)).toBe('2026-03-09');
    expect(england.addWorkingDays('2026-03-09', -1)).toBe('2026-03-06');
  });

  it('counts 20 working days before Tuesday 10 March 2015 as Tuesday 10 February 2015', () => {
    expect(england.addWorkingDays('2015-03-10', -20)).toBe('2015-02-10');
  });

  it('skips Good Friday and Easter Monday', () => {
    expect(england.isWorkingDay('2026-04-03')).toBe(false);
    expect(england.isWorkingDay('2026-04-06')).toBe(false);
    expect(england.addWorkingDays('2026-04-02', 1)).toBe('2026-04-07');
    expect(england.addWorkingDays('2026-04-07', -1)).toBe('2026-04-02');
    expect(england.holidayOn('2026-04-03')).toBe('Good Friday');
  });

  it('moves Christmas and Boxing Day to Monday 27 and Tuesday 28 December 2021', () => {
    expect(england.isWorkingDay('2021-12-27')).toBe(false);
    expect(england.isWorkingDay('2021-12-28')).toBe(false);
    expect(england.addWorkingDays('2021-12-24', 1)).toBe('2021-12-29');
  });

  it('gives Tuesday 27 December 2022 for Christmas Day on a Sunday', () => {
    expect(england.isWorkingDay('2022-12-26')).toBe(false);
    expect(england.isWorkingDay('2022-12-27')).toBe(false);
    expect(england.addWorkingDays('2022-12-23', 1)).toBe('2022-12-28');
  });

  it('moves New Year to Monday 3 January 2022', () => {
    expect(england.isWorkingDay('2022-01-03')).toBe(false);
    expect(england.addWorkingDays('2021-12-31', 1)).toBe('2022-01-04');
  });

  it('keeps the 2022 spring bank holiday, jubilee and state funeral', () => {
    expect(england.isWorkingDay('2022-05-30')).toBe(true); // the usual spring date, moved that year
    expect(england.isWorkingDay('2022-06-02')).toBe(false);
    expect(england.isWorkingDay('2022-06-03')).toBe(false);
    expect(england.addWorkingDays('2022-06-01', 1)).toBe('2022-06-06');
    expect(england.isWorkingDay('2022-09-19')).toBe(false);
    expect(england.addWorkingDays('2022-09-16', 1)).toBe('2022-09-20');
  });

  it('keeps the 2023 coronation as well as the early May bank holiday', () => {
    expect(england.isWorkingDay('2023-05-01')).toBe(false);
    expect(england.isWorkingDay('2023-05-08')).toBe(false);
    expect(england.holidayOn('2023-05-08')).toBe("King Charles III's Coronation");
    expect(england.workingDaysBetween('2023-04-28', '2023-05-12')).toBe(8);
  });

  it('moves the 2020 early May bank holiday to Friday 8 May for VE Day', () => {
    expect(england.isWorkingDay('2020-05-04')).toBe(true);
    expect(england.isWorkingDay('2020-05-08')).toBe(false);
  });

  it('corrects the 2011 royal wedding and the 2012 spring bank holiday that date-holidays gets wrong', () => {
    expect(england.isWorkingDay('2011-04-29')).toBe(false);
    expect(england.isWorkingDay('2012-05-28')).toBe(true);
    expect(england.isWorkingDay('2012-06-04')).toBe(false);
    expect(england.isWorkingDay('2012-06-05')).toBe(false);
  });

  it('does not treat observances such as Mothering Sunday or Easter Sunday as holidays', () => {
    expect(england.holidayOn('2026-03-15')).toBeUndefined();
    expect(england.holidayOn('2026-04-05')).toBeUndefined();
  });

  it('knows every year from 2010 to 2036', () => {
    expect(england.isWorkingDay('2010-12-28')).toBe(false); // Boxing Day substitute
    expect(england.isWorkingDay('2011-01-03')).toBe(false); // New Year substitute
    expect(england.isWorkingDay('2035-03-23')).toBe(false); // Good Friday
    expect(england.isWorkingDay('2035-12-26')).toBe(false);
    expect(england.isWorkingDay('2036-01-01')).toBe(false);
  });
});

describe('working days in the other UK regions', () => {
  it('gives Scotland 2 January and St Andrew’s Day but not Easter Monday', () => {
    expect(scotland.isWorkingDay('2026-01-02')).toBe(false);
    expect(scotland.isWorkingDay('2026-04-06')).toBe(true);
    expect(scotland.isWorkingDay('2026-11-30')).toBe(false);
    expect(scotland.isWorkingDay('2026-08-03')).toBe(false); // Scotland's summer bank holiday is in early August
    expect(scotland.isWorkingDay('2026-08-31')).toBe(true);
  });

  it('gives Northern Ireland St Patrick’s Day and the Twelfth, moved off a Sunday', () => {
    expect(northernIreland.isWorkingDay('2026-03-17')).toBe(false);
    expect(northernIreland.isWorkingDay('2026-07-13')).toBe(false);
    expect(england.isWorkingDay('2026-07-13')).toBe(true);
  });

  it('returns the same calendar for the same region however it is spelt', async () => {
    expect(await loadWorkingCalendar({ country: 'gb', state: 'eng' })).toBe(england);
  });

  it('refuses a country or state date-holidays does not know', async () => {
    await expect(loadWorkingCalendar({ country: 'XX' })).rejects.toThrow(ValidationError);
    await expect(loadWorkingCalendar({ country: 'XX' })).rejects.toThrow('"XX" is not a country date-holidays knows (use an ISO code such as GB).');
    await expect(loadWorkingCalendar({ country: 'GB', state: 'XYZ' })).rejects.toThrow('"XYZ" is not a region of GB (known: ALD, ENG, NIR, SCT, WLS).');
    await expect(loadWorkingCalendar({ country: 'AE', state: 'DU' })).rejects.toThrow('"DU" is not a region of AE (known: none).');
  });
});

describe('counting working days', () => {
  it('counts working days after the first date up to and including the second', () => {
    expect(england.workingDaysBetween('2015-02-10', '2015-03-10')).toBe(20);
    expect(england.workingDaysBetween('2015-03-10', '2015-02-10')).toBe(-20);
    expect(england.workingDaysBetween('2015-03-10', '2015-03-10')).toBe(0);
  });

  it('is the inverse of addWorkingDays', () => {
    for (const n of [-25, -7, -1, 1, 6, 30]) {
      const to = england.addWorkingDays('2022-12-20', n);
      expect(england.workingDaysBetween('2022-12-20', to)).toBe(n);
    }
  });

  it('leaves a date unchanged when adding zero working days', () => {
    expect(england.addWorkingDays('2026-03-07', 0)).toBe('2026-03-07');
  });

  it('counts clear days without the day of publication or the meeting day', () => {
    // Published Monday 2 March for Tuesday 10 March 2026: Tue 3 to Mon 9 is five working days.
    expect(england.clearWorkingDays('2026-03-02', '2026-03-10')).toBe(5);
    expect(england.clearWorkingDays('2026-03-03', '2026-03-10')).toBe(4);
    expect(england.clearWorkingDays('2026-03-09', '2026-03-10')).toBe(0);
    expect(england.clearWorkingDays('2026-03-10', '2026-03-02')).toBe(0);
  });

  it('leaves bank holidays out of clear days', () => {
    // Easter 2026: between Wednesday 1 and Thursday 9 April only Thu 2, Tue 7 and Wed 8 are working days.
    expect(england.clearWorkingDays('2026-04-01', '2026-04-09')).toBe(3);
  });

  it('refuses dates that are malformed or do not exist', () => {
    expect(() => england.isWorkingDay('2026-3-1')).toThrow(ValidationError);
    expect(() => england.addWorkingDays('2026-02-29', 1)).toThrow(/not a real date/);
    expect(() => england.addWorkingDays('2026-03-02', 1.5)).toThrow(ValidationError);
  });
});

describe('time zones', () => {
  it('converts a winter wall time in London to the same UTC time', () => {
    expect(zonedToUtc('2026-03-02', '09:00', 'Europe/London')).toBe('2026-03-02T09:00:00.000Z');
  });

  it('converts a summer wall time in London an hour earlier', () => {
    expect(zonedToUtc('2026-03-30', '10:00', 'Europe/London')).toBe('2026-03-30T09:00:00.000Z');
  });

  it('is correct on the day the clocks go forward', () => {
    expect(zonedToUtc('2026-03-29', '00:30', 'Europe/London')).toBe('2026-03-29T00:30:00.000Z');
    expect(zonedToUtc('2026-03-29', '09:00', 'Europe/London')).toBe('2026-03-29T08:00:00.000Z');
    // 01:30 never happens that night: it moves forward by the gap, to 02:30 BST.
    expect(zonedToUtc('2026-03-29', '01:30', 'Europe/London')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('is correct on the day the clocks go back', () => {
    expect(zonedToUtc('2026-10-25', '00:30', 'Europe/London')).toBe('2026-10-24T23:30:00.000Z');
    expect(zonedToUtc('2026-10-25', '09:00', 'Europe/London')).toBe('2026-10-25T09:00:00.000Z');
    // 01:30 happens twice that night: the first, in BST, is the one meant.
    expect(zonedToUtc('2026-10-25', '01:30', 'Europe/London')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('handles other zones, half-hour offsets and the southern hemisphere', () => {
    expect(zonedToUtc('2026-07-01', '09:00', 'America/New_York')).toBe('2026-07-01T13:00:00.000Z');
    expect(zonedToUtc('2026-01-01', '00:00', 'Asia/Kolkata')).toBe('2025-12-31T18:30:00.000Z');
    expect(zonedToUtc('2026-01-15', '09:00', 'Australia/Sydney')).toBe('2026-01-14T22:00:00.000Z');
    expect(zonedToUtc('2026-07-15', '09:00', 'Australia/Sydney')).toBe('2026-07-14T23:00:00.000Z');
  });

  it('reads the calendar date and time in the zone', () => {
    expect(utcToZonedDate('2026-10-24T23:30:00.000Z', 'Europe/London')).toBe('2026-10-25');
    expect(utcToZonedDate('2026-12-31T23:30:00.000Z', 'Europe/London')).toBe('2026-12-31');
    expect(utcToZonedDate('2026-01-01T20:00:00.000Z', 'Australia/Sydney')).toBe('2026-01-02');
    expect(utcToZonedTime('2026-06-01T23:15:00.000Z', 'Europe/London')).toBe('00:15');
  });

  it('round-trips every quarter hour through both London DST changes', () => {
    for (const date of ['2026-03-28', '2026-03-30', '2026-10-24', '2026-10-26']) {
      for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
        const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
        const iso = zonedToUtc(date, time, 'Europe/London');
        expect([utcToZonedDate(iso, 'Europe/London'), utcToZonedTime(iso, 'Europe/London')]).toEqual([date, time]);
      }
    }
  });

  it('refuses unknown zones and malformed times', () => {
    expect(() => zonedToUtc('2026-03-02', '09:00', 'Europe/Lndon')).toThrow(/not a known IANA time zone/);
    expect(() => zonedToUtc('2026-03-02', '9:00', 'Europe/London')).toThrow(/HH:MM/);
    expect(() => utcToZonedDate('yesterday', 'Europe/London')).toThrow(ValidationError);
  });
});

describe('validators', () => {
  it('accepts only real YYYY-MM-DD dates', () => {
    expect(isCalendarDate('2024-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('10/03/2015')).toBe(false);
  });

  it('accepts only 24-hour HH:MM times', () => {
    expect(isWallTime('00:00')).toBe(true);
    expect(isWallTime('23:59')).toBe(true);
    expect(isWallTime('24:00')).toBe(false);
    expect(isWallTime('3pm')).toBe(false);
    expect(isWallTime('09:60')).toBe(false);
  });

  it('accepts only time zones Intl knows', () => {
    expect(isTimeZone('Europe/London')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });
});

describe('display formats', () => {
  it('writes dates the way UK emails do', () => {
    expect(formatBoardDate('2015-03-10T15:30:00.000Z', 'Europe/London')).toBe('Tuesday 10 March 2015');
    expect(formatBoardDateTime('2015-03-10T15:30:00.000Z', 'Europe/London')).toBe('Tuesday 10 March 2015, 15:30');
    expect(formatShortDate('2026-02-27T12:00:00.000Z', 'Europe/London')).toBe('Friday 27 February');
    expect(formatCalendarDate('2026-02-27')).toBe('Friday 27 February 2026');
  });

  it('shows the local time and date, not UTC', () => {
    expect(formatBoardDateTime('2026-06-01T08:00:00.000Z', 'Europe/London')).toBe('Monday 1 June 2026, 09:00');
    expect(formatBoardDate('2026-10-24T23:30:00.000Z', 'Europe/London')).toBe('Sunday 25 October 2026');
    expect(formatBoardDateTime('2026-06-01T00:00:00.000Z', 'UTC')).toBe('Monday 1 June 2026, 00:00');
  });
});
