import { DEFAULT_ACTION_REMINDERS } from '../../functions/shared/domain/board-defaults';
import { followUpDay, type TrackedAction } from '../../functions/shared/domain/action-reminders';
import { utcToZonedDate, zonedToUtc } from '../../functions/shared/domain/calendar';
import Holidays from 'date-holidays';
import { workingCalendarOf } from '../../functions/shared/domain/working-calendar';
import { FOLLOW_UP_MAX_SLEEP_DAYS, nextFollowUpWake, secondsUntil, type FollowUpWakeInput } from '../../functions/shared/domain/follow-up-wake';
import type { Action, ActionReminderPolicy } from '../../functions/shared/domain/types';

const calendar = workingCalendarOf(Holidays, { country: 'GB', state: 'ENG' });
const policy: ActionReminderPolicy = { ...DEFAULT_ACTION_REMINDERS, followUpMaxDays: 200 };
const timeZone = 'Europe/London';
const meetingAt = '2027-01-20T14:00:00Z';
const runAt = (day: string) => zonedToUtc(day, '08:00', timeZone);

function action(number: number, fields: Partial<Action> = {}): TrackedAction {
  return {
    action: {
      boardId: 'finance',
      actionId: `a${number}`,
      number,
      cycleId: 'finance-2027-01-20',
      ownerMemberIds: ['ann'],
      ownersAsWritten: ['Ann'],
      text: `Action ${number}`,
      status: 'open',
      version: 1,
      ...fields,
    },
  };
}

const input = (now: string, actions: TrackedAction[], fields: Partial<FollowUpWakeInput> = {}): FollowUpWakeInput => ({
  now: new Date(now),
  timeZone,
  calendar,
  policy,
  actions,
  meetingAt,
  executionStartedAt: new Date('2027-01-01T09:00:00Z'),
  ...fields,
});

/** The days the follow-up runs, chaining each run's wake-up from `from` until the follow-up ends. */
function runs(from: string, actions: TrackedAction[], fields: Partial<FollowUpWakeInput> = {}): string[] {
  const ends = Date.parse(meetingAt) + policy.followUpMaxDays * 86_400_000;
  const out: string[] = [];
  let now = from;
  while (Date.parse(now) < ends) {
    now = nextFollowUpWake(input(now, actions, fields));
    out.push(utcToZonedDate(now, timeZone));
  }
  return out;
}

/** The days from `from` to the follow-up's end on which the daily loop sent anything. */
function workDays(from: string, actions: TrackedAction[]): string[] {
  const out: string[] = [];
  const ends = Date.parse(meetingAt) + policy.followUpMaxDays * 86_400_000;
  for (let day = utcToZonedDate(from, timeZone); Date.parse(runAt(day)) < ends; day = calendar.addWorkingDays(day, 1)) {
    const plan = followUpDay({ actions, today: day, policy, calendar });
    if (day > utcToZonedDate(from, timeZone) && (plan.owners.length > 0 || plan.secretariat)) out.push(day);
  }
  return out;
}

describe('nextFollowUpWake', () => {
  it('runs on every day the daily loop sent something, and on far fewer days in all', () => {
    const actions = [action(1, { due: '2027-03-01' }), action(2, { due: '2027-02-12', ownerMemberIds: ['bob'] }), action(3, { due: 'next meeting' })];
    const from = runAt('2027-01-21');
    const days = runs(from, actions);
    for (const day of workDays(from, actions)) expect(days).toContain(day);
    let working = 0;
    for (let d = '2027-01-21'; d < '2027-08-08'; d = calendar.addWorkingDays(d, 1)) working++;
    expect(days.length).toBeLessThan(working / 2);
  });

  it('wakes on an owner reminder before the digest day when one falls earlier', () => {
    // Thursday 21 January 2027; the digest is on Mondays by default; due Tuesday 2 February, reminded 5 working days before.
    const wake = nextFollowUpWake(input(runAt('2027-01-21'), [action(1, { due: '2027-02-02' })], { policy: { ...policy, digestWeekday: 5 } }));
    expect(wake).toBe(runAt('2027-01-22'));
    const later = nextFollowUpWake(input(runAt('2027-01-22'), [action(1, { due: '2027-02-02' })], { policy: { ...policy, digestWeekday: 5 } }));
    expect(later).toBe(runAt('2027-01-26'));
  });

  it('runs later today when it is before the run time on a working day', () => {
    const wake = nextFollowUpWake(input('2027-02-01T06:00:00Z', [action(1, { due: '2027-02-01' })]));
    expect(wake).toBe(runAt('2027-02-01'));
  });

  it('sleeps at most a week when nothing is open, so a lost wake-up is caught', () => {
    const wake = nextFollowUpWake(input(runAt('2027-01-21'), [action(1, { status: 'done', due: '2027-01-25' })]));
    expect(wake).toBe(runAt('2027-01-29'));
    expect(Date.parse(wake) - Date.parse(runAt('2027-01-22'))).toBe(FOLLOW_UP_MAX_SLEEP_DAYS * 86_400_000);
  });

  it('wakes on the first run at or after the end of the follow-up, to close it', () => {
    const short = { ...policy, followUpMaxDays: 10 };
    const wake = nextFollowUpWake(input(runAt('2027-01-27'), [], { policy: short }));
    expect(wake).toBe(runAt('2027-02-01'));
  });

  it('wakes on the last run before the execution would outlast its year', () => {
    const startedAt = new Date('2026-02-03T09:00:00Z');
    const wake = nextFollowUpWake(input(runAt('2027-01-27'), [], { executionStartedAt: startedAt }));
    // The year ends on 3 February 2027, 09:00: the run after Tuesday 2 February comes too near it.
    expect(wake).toBe(runAt('2027-02-02'));
  });

  it('gives the wait a whole number of seconds, never zero', () => {
    expect(secondsUntil(new Date('2027-01-21T08:00:00.400Z'), '2027-01-21T08:00:10Z')).toBe(10);
    expect(secondsUntil(new Date('2027-01-21T09:00:00Z'), '2027-01-21T08:00:00Z')).toBe(1);
  });
});
