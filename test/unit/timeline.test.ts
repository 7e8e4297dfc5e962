import Holidays from 'date-holidays';
import { utcToZonedDate, utcToZonedTime } from '../../functions/shared/domain/calendar';
import { workingCalendarOf } from '../../functions/shared/domain/working-calendar';
import { TimelineError, ValidationError } from '../../functions/shared/domain/errors';
import { milestoneLabel, planTimeline, type PlanTimelineInput } from '../../functions/shared/domain/timeline';
import { DEFAULT_RULES } from '../../functions/shared/domain/board-defaults';
import { MILESTONES, type Timeline } from '../../functions/shared/domain/types';

const LONDON = 'Europe/London';

function plan(overrides: Partial<PlanTimelineInput> = {}) {
  return planTimeline({
    meetingDate: '2026-03-10',
    meetingTime: '10:00',
    timeZone: LONDON,
    calendar: workingCalendarOf(Holidays, { country: 'GB', state: 'ENG' }),
    rules: DEFAULT_RULES,
    now: new Date('2010-06-01T00:00:00.000Z'),
    ...overrides,
  });
}

/** Milestones as the board reads them: local date and time. */
function local(timeline: Timeline): Record<keyof Timeline, string> {
  const out = {} as Record<keyof Timeline, string>;
  for (const key of MILESTONES) out[key] = `${utcToZonedDate(timeline[key], LONDON)} ${utcToZonedTime(timeline[key], LONDON)}`;
  return out;
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected a throw');
}

describe('planTimeline with the default rules', () => {
  it('plans every milestone of a cycle for Tuesday 10 March 2015, checked against the calendar', () => {
    const { timeline, warnings } = plan({ meetingDate: '2015-03-10', meetingTime: '15:30' });

    expect(timeline).toEqual({
      agendaCall: '2015-02-10T09:00:00.000Z', // 20 working days before: Tuesday 10 February
      itemDeadline: '2015-02-17T17:00:00.000Z',
      paperReminder: '2015-02-24T09:00:00.000Z',
      paperDeadline: '2015-02-26T17:00:00.000Z',
      circulation: '2015-03-02T09:00:00.000Z',
      supplementary: '2015-03-06T09:00:00.000Z', // 2 working days before: Friday 6 March
      meeting: '2015-03-10T15:30:00.000Z',
      minutesDraftDue: '2015-03-17T17:00:00.000Z',
      chairApprovalDue: '2015-03-24T17:00:00.000Z',
      // Ten working days after 24 March skip Good Friday and Easter Monday 2015; BST by then.
      followUp: '2015-04-09T08:00:00.000Z',
    });
    expect(warnings).toEqual([]);
  });

  it('puts messages at 09:00 and deadlines at 17:00 local time', () => {
    const times = Object.values(local(plan().timeline)).map((moment) => moment.slice(11));
    expect(times).toEqual(['09:00', '17:00', '09:00', '17:00', '09:00', '09:00', '10:00', '17:00', '17:00', '09:00']);
  });

  it('returns UTC ISO instants in milestone order', () => {
    const { timeline } = plan();
    const instants = MILESTONES.map((key) => timeline[key]);
    for (const instant of instants) expect(instant).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00\.000Z$/);
    expect([...instants].sort()).toEqual(instants);
  });
});

describe('planTimeline across bank holidays', () => {
  it('skips Good Friday and Easter Monday', () => {
    // Circulation 6 working days before Tuesday 14 April 2026: 13, 10, 9, 8, 7, then 2 April.
    const { timeline, warnings } = plan({ meetingDate: '2026-04-14' });
    expect(local(timeline).circulation).toBe('2026-04-02 09:00');
    expect(warnings).toEqual([]);
  });

  it('counts Easter Monday as a working day in Scotland', () => {
    const { timeline } = plan({ meetingDate: '2026-04-14', calendar: workingCalendarOf(Holidays, { country: 'GB', state: 'SCT' }) });
    expect(local(timeline).circulation).toBe('2026-04-06 09:00');
  });

  it('skips the Christmas and New Year substitute days of 2021–22', () => {
    // Back from Tuesday 11 January 2022, skipping 3 January, 28 and 27 December.
    const { timeline } = plan({ meetingDate: '2022-01-11' });
    expect(local(timeline).agendaCall).toBe('2021-12-09 09:00');
    expect(local(timeline).itemDeadline).toBe('2021-12-16 17:00');
  });

  it('skips the Christmas substitute day of 2022', () => {
    // Minutes due 5 working days after Wednesday 21 December 2022: 22, 23, 28, 29, 30.
    const { timeline } = plan({ meetingDate: '2022-12-21' });
    expect(local(timeline).minutesDraftDue).toBe('2022-12-30 17:00');
  });

  it('skips the 2022 platinum jubilee and moved spring bank holiday', () => {
    // Circulation before Tuesday 7 June 2022: 6, 1, 31 May, 30 May (a working day that year), 27, 26.
    const { timeline } = plan({ meetingDate: '2022-06-07' });
    expect(local(timeline).circulation).toBe('2022-05-26 09:00');
  });

  it('skips the state funeral on 19 September 2022', () => {
    const { timeline } = plan({ meetingDate: '2022-09-27' });
    expect(local(timeline).circulation).toBe('2022-09-16 09:00');
  });

  it('skips the coronation on 8 May 2023', () => {
    const { timeline } = plan({ meetingDate: '2023-05-16' });
    expect(local(timeline).circulation).toBe('2023-05-05 09:00');
  });
});

describe('planTimeline across daylight saving changes', () => {
  it('places a 10:00 BST meeting on 30 March 2026 at 09:00Z', () => {
    const { timeline } = plan({ meetingDate: '2026-03-30' });
    expect(timeline.meeting).toBe('2026-03-30T09:00:00.000Z');
  });

  it('keeps the local wall time of milestones before the clocks go forward', () => {
    const { timeline } = plan({ meetingDate: '2026-03-30' });
    expect(timeline.agendaCall).toBe('2026-03-02T09:00:00.000Z'); // GMT
    expect(timeline.circulation).toBe('2026-03-20T09:00:00.000Z'); // GMT
    expect(timeline.minutesDraftDue).toBe('2026-04-08T16:00:00.000Z'); // 17:00 BST, after Easter
  });

  it('keeps the local wall time of milestones after the clocks go back', () => {
    const { timeline } = plan({ meetingDate: '2026-10-27', meetingTime: '14:00' });
    expect(timeline.agendaCall).toBe('2026-09-29T08:00:00.000Z'); // 09:00 BST
    expect(timeline.meeting).toBe('2026-10-27T14:00:00.000Z'); // 14:00 GMT
    expect(timeline.followUp).toBe('2026-11-24T09:00:00.000Z'); // 09:00 GMT
    expect(Object.values(local(timeline)).map((moment) => moment.slice(11))).toEqual([
      '09:00',
      '17:00',
      '09:00',
      '17:00',
      '09:00',
      '09:00',
      '14:00',
      '17:00',
      '17:00',
      '09:00',
    ]);
  });

  it('plans in the board’s own zone', () => {
    const { timeline } = plan({ meetingDate: '2026-07-14', timeZone: 'America/New_York', now: new Date('2026-01-01T00:00:00Z') });
    expect(timeline.meeting).toBe('2026-07-14T14:00:00.000Z');
    expect(timeline.agendaCall.slice(11)).toBe('13:00:00.000Z');
  });
});

describe('planTimeline years', () => {
  it('plans meetings in 2011 and 2035, with milestones spilling into 2010 and 2036', () => {
    const early = plan({ meetingDate: '2011-01-11', now: new Date('2010-01-01T00:00:00Z') });
    expect(early.timeline.agendaCall.startsWith('2010-12-')).toBe(true);
    const late = plan({ meetingDate: '2035-12-18', now: new Date('2035-01-01T00:00:00Z') });
    expect(late.timeline.followUp.startsWith('2036-')).toBe(true);
  });

  it('refuses meetings in 2010 and 2036 with the range it supports', () => {
    for (const meetingDate of ['2010-12-14', '2036-01-15']) {
      const error = thrown(() => plan({ meetingDate }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error.message).toBe(`Meetings can be planned from 2011 to 2035; ${meetingDate} is outside that range.`);
    }
  });
});

describe('planTimeline when it is too late', () => {
  const now = new Date('2026-02-09T09:00:01.000Z');

  it('names the milestone that has passed and the earliest meeting that would work', () => {
    const error = thrown(() => plan({ meetingDate: '2026-03-09', now }));
    expect(error).toBeInstanceOf(TimelineError);
    expect(error.name).toBe('TimelineError');
    expect(error.message).toBe(
      'The agenda call would be on Monday 9 February 2026, 09:00, which has passed. ' +
        "Choose a meeting on or after Tuesday 10 March 2026 or shorten the board's rules.",
    );
  });

  it('accepts the earliest meeting it suggests', () => {
    expect(plan({ meetingDate: '2026-03-10', now }).timeline.agendaCall).toBe('2026-02-10T09:00:00.000Z');
  });

  it('accepts a milestone that is exactly now', () => {
    expect(() => plan({ meetingDate: '2026-03-09', now: new Date('2026-02-09T09:00:00.000Z') })).not.toThrow();
  });

  it('names the earliest milestone that has passed, even when it is not the agenda call', () => {
    // Reminders 15 working days before an 8-day paper deadline go out before a 20-day agenda call.
    const rules = { ...DEFAULT_RULES, paperReminderDays: 15 };
    const error = thrown(() => plan({ meetingDate: '2026-03-10', rules, now: new Date('2026-02-06T12:00:00.000Z') }));
    expect(error.message).toBe(
      'The paper reminders would be on Thursday 5 February 2026, 09:00, which has passed. ' +
        "Choose a meeting on or after Thursday 12 March 2026 or shorten the board's rules.",
    );
  });

  it('names the meeting itself when the meeting has passed', () => {
    const error = thrown(() => plan({ meetingDate: '2026-01-13', now }));
    expect(error).toBeInstanceOf(TimelineError);
    expect(error.message).toMatch(/^The meeting would be on Tuesday 13 January 2026, 10:00, which has passed\. /);
    expect(error.message).toMatch(/Choose a meeting on or after Tuesday 10 March 2026/);
  });
});

describe('planTimeline notice rule (LGA 1972 s100B clear days)', () => {
  it('finds no breach when circulation leaves exactly the required clear days', () => {
    // Circulation Monday 2 March for Tuesday 10 March 2026: Tue 3 to Mon 9 is five clear days.
    const planned = plan({ rules: { ...DEFAULT_RULES, circulationDays: 6 } });
    expect(planned.breaches).toEqual([]);
    expect(planned.warnings).toEqual([]);
  });

  it('reports a breach one clear day short, naming the latest compliant circulation date', () => {
    const { breaches } = plan({ rules: { ...DEFAULT_RULES, circulationDays: 5 } });
    expect(breaches).toEqual([
      {
        milestone: 'circulation',
        circulatesOn: '2026-03-03',
        clearDays: 4,
        required: 5,
        latestCompliant: '2026-03-02',
        message:
          'Papers circulate on Tuesday 3 March 2026, leaving only 4 clear working days before the meeting on ' +
          "Tuesday 10 March 2026; the board's rule is 5 (LGA 1972 s100B). The latest compliant circulation date is Monday 2 March 2026.",
      },
    ]);
  });

  it('reports a breach when the board asks for more clear days than its circulation allows', () => {
    const { breaches } = plan({ rules: { ...DEFAULT_RULES, clearDays: 6 } });
    expect(breaches).toHaveLength(1);
    expect(breaches[0]?.message).toMatch(/only 5 clear working days .* the board's rule is 6/);
    expect(breaches[0]?.latestCompliant).toBe('2026-02-27');
  });

  it('uses the singular for one clear day', () => {
    const rules = { ...DEFAULT_RULES, circulationDays: 2, supplementaryDays: 1 };
    expect(plan({ rules }).breaches[0]?.message).toMatch(/leaving only 1 clear working day before/);
  });

  it('counts Saturdays for bodies whose rule does, and every day for a calendar-day rule', () => {
    // Circulating Thursday 5 March for Tuesday 10 March 2026: Fri 6, Sat 7, (Sun 8), Mon 9.
    const rules = { ...DEFAULT_RULES, circulationDays: 3, clearDays: 3 };
    expect(plan({ rules }).breaches[0]?.clearDays).toBe(2);
    expect(plan({ rules: { ...rules, clearDayCount: 'working-and-saturdays' } }).breaches).toEqual([]);
    expect(plan({ rules: { ...rules, clearDays: 4, clearDayCount: 'calendar' } }).breaches).toEqual([]);
    expect(plan({ rules: { ...rules, clearDays: 5, clearDayCount: 'calendar' } }).breaches[0]?.clearDays).toBe(4);
  });
});

describe('planTimeline for a meeting on a day off', () => {
  it('warns about a weekend meeting', () => {
    expect(plan({ meetingDate: '2026-03-07' }).warnings).toContain('The meeting is on Saturday 7 March 2026, which is not a working day.');
  });

  it('warns about a bank-holiday meeting and names the holiday', () => {
    expect(plan({ meetingDate: '2026-05-04' }).warnings).toContain('The meeting is on Monday 4 May 2026, a bank holiday (Early May bank holiday).');
  });
});

describe('planTimeline refuses malformed input', () => {
  it.each([
    ['a date not in YYYY-MM-DD form', { meetingDate: '10/03/2026' }, /"10\/03\/2026" is not a real date in the form YYYY-MM-DD/],
    ['a date that does not exist', { meetingDate: '2026-02-29' }, /"2026-02-29" is not a real date/],
    ['a 12-hour time', { meetingTime: '3pm' }, /"3pm" is not a 24-hour time/],
    ['a time past 23:59', { meetingTime: '24:00' }, /"24:00" is not a 24-hour time/],
    ['an unknown time zone', { timeZone: 'Europe/Lndon' }, /"Europe\/Lndon" is not a known IANA time zone/],
  ])('refuses %s', (_what, overrides: Partial<PlanTimelineInput>, message) => {
    const error = thrown(() => plan(overrides));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(message);
  });

  it('lists every problem at once', () => {
    const error = thrown(() => plan({ meetingDate: '2026-02-30', meetingTime: '9', timeZone: 'Nowhere' }));
    expect((error as ValidationError).issues).toHaveLength(3);
  });

  it.each([
    ['zero', { paperReminderDays: 0 }, /paperReminderDays must be a whole number of working days from 1 to 250, not 0/],
    ['a fraction', { clearDays: 4.5 }, /clearDays must be a whole number .* not 4\.5/],
    ['negative', { followUpDays: -1 }, /followUpDays .* not -1/],
    [
      'an agenda call no earlier than the item deadline',
      { agendaCallDays: 15 },
      /Agenda call \(agendaCallDays: 15\) must be more working days before the meeting than the item deadline \(itemDeadlineDays: 15\)/,
    ],
    [
      'an item deadline after the paper deadline',
      { itemDeadlineDays: 7 },
      /Item deadline \(itemDeadlineDays: 7\) .* the paper deadline \(paperDeadlineDays: 8\)/,
    ],
    ['a paper deadline after circulation', { paperDeadlineDays: 6 }, /Paper deadline \(paperDeadlineDays: 6\) .* circulation \(circulationDays: 6\)/],
  ])('refuses rules with %s', (_what, change, message) => {
    const error = thrown(() => plan({ rules: { ...DEFAULT_RULES, ...change } }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toMatch(message);
  });
});

describe('milestoneLabel', () => {
  it('names every milestone for people', () => {
    expect(MILESTONES.map(milestoneLabel)).toEqual([
      'Agenda call',
      'Item deadline',
      'Paper reminders',
      'Paper deadline',
      'Circulation',
      'Late papers circulate',
      'Meeting',
      'Minutes draft due',
      'Chair approval due',
      'Action follow-up',
    ]);
  });
});
