import { compare, normaliseRecipient, normaliseSubject, type Observation, type SeenEmail } from '../../local/faults/compare';
import { RunCalendar } from '../../local/faults/run-calendar';
import { loadWorkingCalendar } from '../../functions/shared/services/working-calendar';
import type { WorkingCalendar } from '../../functions/shared/domain/calendar';
import { DEFAULT_HOLIDAYS } from '../../functions/shared/domain/board-defaults';

const email = (to: string, kind: string, messageId: string, subject = `${kind} subject`): SeenEmail => ({ to, kind, subject, messageId });

const observation = (emails: SeenEmail[], facts: string[] = [], outcome = 'SUCCEEDED · cycle completed'): Observation => ({
  emails,
  facts,
  outcome,
  finished: true,
  why: '',
});

const BASELINE = observation(
  [email('a', 'agenda-call', 'b1'), email('b', 'agenda-call', 'b2'), email('crowd', 'circulation', 'b3'), email('crowd', 'circulation', 'b4')],
  ['attendance: a voting member apologies', 'action 1 history: in-progress'],
);

describe('compare', () => {
  it('finds nothing when a run did what the baseline did, under its own Message-IDs', () => {
    const run = observation(
      [email('b', 'agenda-call', 'r2'), email('a', 'agenda-call', 'r1'), email('crowd', 'circulation', 'r3'), email('crowd', 'circulation', 'r4')],
      ['action 1 history: in-progress', 'attendance: a voting member apologies'],
    );
    expect(compare(BASELINE, run)).toEqual({ duplicateEmails: 0, lostEmails: 0, lostUpdates: 0, stuck: 0, resends: 0, details: [] });
  });

  it('counts an email missing from the run as lost, and a second different one for the same purpose as a duplicate', () => {
    const run = observation([email('a', 'agenda-call', 'r1'), email('a', 'agenda-call', 'r1bis'), email('crowd', 'circulation', 'r3')], BASELINE.facts);
    const d = compare(BASELINE, run);
    expect(d).toMatchObject({ duplicateEmails: 1, lostEmails: 2, resends: 0 });
    expect(d.details).toEqual(
      expect.arrayContaining([
        'duplicate email: a · agenda-call · agenda-call subject (2 different, 1 expected)',
        'lost email: b · agenda-call · agenda-call subject',
        'lost email: crowd · circulation · circulation subject (1 of 2)',
      ]),
    );
  });

  it('counts the same Message-ID delivered again as a resend, not a duplicate', () => {
    const run = observation([...BASELINE.emails, email('a', 'agenda-call', 'b1')], BASELINE.facts);
    expect(compare(BASELINE, run)).toMatchObject({ duplicateEmails: 0, lostEmails: 0, resends: 1 });
  });

  it('does not count an email of a purpose the baseline never had as a duplicate', () => {
    const run = observation([...BASELINE.emails, email('secretariat', 'cycle-failed', 'x')], BASELINE.facts);
    const d = compare(BASELINE, run);
    expect(d).toMatchObject({ duplicateEmails: 0, lostEmails: 0 });
    expect(d.details).toEqual(['other email: secretariat · cycle-failed · cycle-failed subject']);
  });

  it('counts each record of the baseline missing from the run as a lost update, extra records not', () => {
    const run = observation(BASELINE.emails, ['action 1 history: in-progress', 'action 1 history: in-progress']);
    const d = compare(BASELINE, run);
    expect(d.lostUpdates).toBe(1);
    expect(d.details).toEqual(['lost update: attendance: a voting member apologies']);
  });

  it('counts a run that did not end as the baseline did, or did not finish, as stuck, saying why', () => {
    const failed = { ...observation(BASELINE.emails, BASELINE.facts, 'FAILED CycleFailed · cycle failed'), why: 'Sandbox.Timedout in SendAgendaCall' };
    expect(compare(BASELINE, failed)).toMatchObject({
      stuck: 1,
      details: ['stuck: FAILED CycleFailed · cycle failed (expected SUCCEEDED · cycle completed): Sandbox.Timedout in SendAgendaCall'],
    });
    const unfinished = { ...observation(BASELINE.emails, BASELINE.facts), finished: false };
    expect(compare(BASELINE, unfinished).stuck).toBe(1);
  });
});

describe('normalising', () => {
  it('replaces dates, times and item numbers in subjects, keeping the rest', () => {
    expect(normaliseSubject('Agenda items due Wednesday 4 March: Harbourside Partnership Board, 18 March 2026')).toBe(
      'Agenda items due <date>: Harbourside Partnership Board, <date>',
    );
    expect(normaliseSubject('On the agenda for Wednesday 18 March 2026, 10:00: item 4, Youth violence')).toBe(
      'On the agenda for <date>, <time>: item <n>, Youth violence',
    );
    expect(normaliseSubject('Update requested: action 2, due 2026-03-18')).toBe('Update requested: action 2, due <date>');
  });

  it("drops the run's tag from an address", () => {
    expect(normaliseRecipient('Priya.Shah+r12@faults.example.org')).toBe('priya.shah@faults.example.org');
  });
});

describe('RunCalendar', () => {
  let holidays: WorkingCalendar;
  beforeAll(async () => {
    holidays = await loadWorkingCalendar(DEFAULT_HOLIDAYS);
  });

  it('gives each run eight weeks from a Wednesday, without a bank holiday, one after another', () => {
    const calendar = new RunCalendar(holidays);
    let previousEnd = 0;
    for (let i = 0; i < 12; i++) {
      const { start, meetingDate, movedTo } = calendar.take();
      expect(start.getUTCDay()).toBe(3);
      expect(start.getTime()).toBeGreaterThanOrEqual(previousEnd);
      expect(Date.parse(meetingDate) - Date.parse(start.toISOString().slice(0, 10))).toBe(35 * 86_400_000);
      expect(Date.parse(movedTo) - Date.parse(meetingDate)).toBe(7 * 86_400_000);
      for (let day = 0; day < 56; day++) expect(holidays.holidayOn(new Date(start.getTime() + day * 86_400_000).toISOString().slice(0, 10))).toBeUndefined();
      previousEnd = start.getTime() + 56 * 86_400_000;
    }
  });

  it('starts a run after a moment a long run reached, and refuses a run past the last year meetings can be planned in', () => {
    const calendar = new RunCalendar(holidays);
    expect(calendar.take(new Date('2013-06-01T00:00:00Z')).start.getTime()).toBeGreaterThan(Date.parse('2013-06-01T00:00:00Z'));
    expect(() => calendar.take(new Date('2035-12-01T00:00:00Z'))).toThrow('No more runs fit before the end of 2035');
  });
});
