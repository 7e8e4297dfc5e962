import { DEFAULT_ACTION_REMINDERS } from '../../functions/shared/domain/board-defaults';
import {
  actionReminderPolicy,
  actionReminderPolicyIssues,
  digestDayOfWeek,
  followUpDay,
  followUpExpired,
  followUpSuccessor,
  isDigestDay,
  lastMeetingBefore,
  nextFollowUpRun,
  ownerReminders,
  reminderReason,
  secretariatDigest,
  type FollowUpDayInput,
  type TrackedAction,
} from '../../functions/shared/domain/action-reminders';
import Holidays from 'date-holidays';
import { workingCalendarOf } from '../../functions/shared/domain/working-calendar';
import type { Action, ActionReminderPolicy, Cycle, CycleStatus } from '../../functions/shared/domain/types';

const calendar = workingCalendarOf(Holidays, { country: 'GB', state: 'ENG' });
const policy: ActionReminderPolicy = { ...DEFAULT_ACTION_REMINDERS };

let nextNumber = 1;
function action(fields: Partial<Action> = {}): Action {
  const number = fields.number ?? nextNumber++;
  return {
    boardId: 'finance',
    actionId: `a${number}`,
    number,
    cycleId: 'finance-2027-01-20',
    ownerMemberIds: ['ann'],
    ownersAsWritten: ['Ann'],
    text: `Action text ${number}`,
    status: 'open',
    version: 1,
    ...fields,
  };
}
const tracked = (fields: Partial<Action> = {}, latestAt?: string): TrackedAction => {
  const a = action(fields);
  return latestAt ? { action: a, latest: { actionId: a.actionId, at: latestAt, by: 'ann', status: a.status, note: '' } } : { action: a };
};

/** Every date from `from` to `to` inclusive. */
function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
}

/** The days in a range on which an owner hears about an action due on `due`, with why. */
function remindersFor(due: string, from: string, to: string, p: ActionReminderPolicy = policy): Record<string, string> {
  const out: Record<string, string> = {};
  for (const today of days(from, to)) {
    const [digest] = ownerReminders({ actions: [{ action: action({ due }) }], today, policy: p, calendar });
    if (digest) out[today] = digest.reminders[0]?.why ?? '';
  }
  return out;
}

describe('the board’s reminder policy', () => {
  it('fills defaults for a board that predates the setting, and keeps what a board sets', () => {
    expect(actionReminderPolicy({})).toEqual({
      beforeDueWorkingDays: 5,
      onDueDate: true,
      weeklyWhileOverdue: true,
      escalateAfterDays: 14,
      digestWeekday: 1,
      followUpMaxDays: 200,
    });
    expect(actionReminderPolicy({ actionReminders: { beforeDueWorkingDays: 3, digestWeekday: 5 } })).toMatchObject({
      beforeDueWorkingDays: 3,
      digestWeekday: 5,
      escalateAfterDays: 14,
    });
  });

  it('names each value out of range', () => {
    expect(actionReminderPolicyIssues({ beforeDueWorkingDays: 3, digestWeekday: 5, escalateAfterDays: 7 })).toEqual([]);
    expect(actionReminderPolicyIssues({ beforeDueWorkingDays: -1, digestWeekday: 6 as never, escalateAfterDays: 1.5, followUpMaxDays: 0 })).toEqual([
      expect.stringContaining('beforeDueWorkingDays'),
      expect.stringContaining('escalateAfterDays'),
      expect.stringContaining('digestWeekday'),
      expect.stringContaining('followUpMaxDays'),
    ]);
  });
});

describe('when an owner is reminded', () => {
  it('counts working days back over Easter: 5 working days before Wednesday 31 March 2027 is Monday 22 March', () => {
    expect(remindersFor('2027-03-31', '2027-03-15', '2027-04-06')).toEqual({
      '2027-03-22': 'due in 5 working days',
      '2027-03-31': 'due today',
    });
  });

  it('reminds on the working day before a due date that is a bank holiday (Easter Monday 2027)', () => {
    // Good Friday is a holiday too, so the last working day before Easter Monday is Thursday.
    expect(remindersFor('2027-03-29', '2027-03-15', '2027-04-04')).toEqual({
      '2027-03-18': 'due in 5 working days',
      '2027-03-25': 'due in 4 days',
    });
  });

  it('reminds on the Friday before a Saturday due date, then weekly from the next working day', () => {
    expect(remindersFor('2027-03-06', '2027-02-22', '2027-03-22')).toEqual({
      '2027-02-26': 'due in 5 working days',
      '2027-03-05': 'due tomorrow',
      '2027-03-15': 'overdue by 9 days',
      '2027-03-22': 'overdue by 16 days',
    });
  });

  it('reminds weekly on the due date’s weekday while overdue, and on the next working day after a bank holiday', () => {
    // Due Friday 18 December 2026: Christmas Day and New Year’s Day are Fridays, and the 28th is Boxing Day’s substitute.
    expect(remindersFor('2026-12-18', '2026-12-19', '2027-01-16')).toEqual({
      '2026-12-29': 'overdue by 11 days',
      '2027-01-04': 'overdue by 17 days',
      '2027-01-08': 'overdue by 21 days',
      '2027-01-15': 'overdue by 28 days',
    });
  });

  it('reminds on no weekend day or bank holiday', () => {
    for (const today of days('2026-12-01', '2027-04-30').filter((d) => !calendar.isWorkingDay(d))) {
      expect(reminderReason('2026-12-18', today, policy, calendar)).toBeUndefined();
      expect(reminderReason('2027-03-31', today, policy, calendar)).toBeUndefined();
    }
  });

  it('follows the board’s policy: fewer days before, no due-date or overdue reminders', () => {
    expect(remindersFor('2027-02-10', '2027-02-01', '2027-03-01', { ...policy, beforeDueWorkingDays: 2, onDueDate: false, weeklyWhileOverdue: false })).toEqual(
      {
        '2027-02-08': 'due in 2 working days',
      },
    );
    expect(remindersFor('2027-02-10', '2027-02-01', '2027-03-01', { ...policy, beforeDueWorkingDays: 0, onDueDate: false, weeklyWhileOverdue: false })).toEqual(
      {},
    );
  });

  it('sends each owner one digest a day, however many of their actions fall due', () => {
    const actions = [
      tracked({ number: 1, due: '2027-03-31', ownerMemberIds: ['ann', 'bob'] }), // due in 5 working days
      tracked({ number: 2, due: '2027-03-22', ownerMemberIds: ['ann'] }), // due today
      tracked({ number: 3, due: '2027-03-15', ownerMemberIds: ['ann', 'ann'] }), // overdue by a week
      tracked({ number: 4, due: '2027-04-30', ownerMemberIds: ['ann'] }), // not today
    ];
    const digests = ownerReminders({ actions, today: '2027-03-22', policy, calendar });
    expect(digests.map((d) => ({ memberId: d.memberId, actions: d.reminders.map((r) => [r.action.number, r.why]) }))).toEqual([
      {
        memberId: 'ann',
        actions: [
          [3, 'overdue by 7 days'],
          [2, 'due today'],
          [1, 'due in 5 working days'],
        ],
      },
      { memberId: 'bob', actions: [[1, 'due in 5 working days']] },
    ]);
  });

  it('never reminds about a closed action, one due "next meeting" or in words, or one its owners were just asked about', () => {
    const today = '2027-03-31';
    const actions = [
      tracked({ status: 'done', due: today }),
      tracked({ status: 'dropped', due: today }),
      tracked({ due: 'next meeting' }),
      tracked({ due: 'end of March' }),
      tracked({}),
      tracked({ actionId: 'just-asked', due: today }),
      tracked({ status: 'in-progress', due: today, number: 99 }),
    ];
    const digests = ownerReminders({ actions, today, policy, calendar, quiet: new Set(['just-asked']) });
    expect(digests.flatMap((d) => d.reminders.map((r) => r.action.number))).toEqual([99]);
  });

  it('leaves unassigned actions to the secretariat', () => {
    expect(ownerReminders({ actions: [tracked({ due: '2027-03-31', ownerMemberIds: [] })], today: '2027-03-31', policy, calendar })).toEqual([]);
  });
});

describe('the secretariat’s weekly digest', () => {
  it('goes out on the digest weekday, or the next working day of the week after a bank holiday', () => {
    expect(isDigestDay('2027-03-22', 1, calendar)).toBe(true); // Monday
    expect(isDigestDay('2027-03-23', 1, calendar)).toBe(false);
    expect(isDigestDay('2027-03-29', 1, calendar)).toBe(false); // Easter Monday
    expect(isDigestDay('2027-03-30', 1, calendar)).toBe(true);
    expect(isDigestDay('2027-03-24', 3, calendar)).toBe(true); // a Wednesday board
    // A Friday board in Good Friday's week hears on the Thursday instead of not at all.
    expect(digestDayOfWeek('2027-03-22', 5, calendar)).toBe('2027-03-25');
    // Christmas week 2026: Friday is Christmas Day, so Thursday.
    expect(digestDayOfWeek('2026-12-21', 5, calendar)).toBe('2026-12-24');
    expect(digestDayOfWeek('2026-12-30', 1, calendar)).toBe('2026-12-29');
  });

  it('lists open actions, those due soon, overdue, without an update since the meeting and unassigned, and escalates past the threshold', () => {
    const meetingAt = '2027-01-20T15:30:00.000Z';
    const actions = [
      tracked({ number: 1, due: '2027-03-01' }, '2027-02-01T10:00:00.000Z'), // overdue 21 days: escalate
      tracked({ number: 2, due: '2027-03-15' }), // overdue 7 days, never updated
      tracked({ number: 3, due: '2027-03-24', ownerMemberIds: [] }), // due in 2 working days, unassigned
      tracked({ number: 4, due: '2027-04-30' }, '2027-01-20T15:00:00.000Z'), // updated before the meeting
      tracked({ number: 5, due: 'next meeting', status: 'in-progress' }, '2027-03-01T09:00:00.000Z'),
      tracked({ number: 6, due: '2027-03-01', status: 'done' }),
      tracked({ number: 7, due: '2027-03-29' }, '2027-03-01T09:00:00.000Z'), // Easter Monday, after Good Friday: 3 working days away
    ];
    const digest = secretariatDigest({ actions, today: '2027-03-22', policy, calendar, lastMeetingAt: meetingAt });
    const numbers = (list: { tracked?: TrackedAction; action?: Action }[]) => list.map((x) => (x.tracked?.action ?? x.action)?.number);
    expect(numbers(digest.open)).toEqual([1, 2, 3, 4, 5, 7]);
    expect(digest.overdue.map((o) => [o.tracked.action.number, o.daysOverdue])).toEqual([
      [1, 21],
      [2, 7],
    ]);
    expect(digest.escalations.map((o) => [o.tracked.action.number, o.daysOverdue])).toEqual([[1, 21]]);
    expect(digest.dueSoon.map((o) => [o.tracked.action.number, o.workingDays])).toEqual([
      [3, 2],
      [7, 3],
    ]);
    expect(numbers(digest.noUpdateSinceMeeting)).toEqual([2, 3, 4]);
    expect(numbers(digest.unassigned)).toEqual([3]);
    expect(secretariatDigest({ actions, today: '2027-03-22', policy: { ...policy, escalateAfterDays: 30 }, calendar }).escalations).toEqual([]);
  });

  it('comes with the day’s owner reminders only on the digest day, and only while an action is open', () => {
    const input: FollowUpDayInput = { actions: [tracked({ due: '2027-03-31' })], today: '2027-03-22', policy, calendar };
    expect(followUpDay(input).secretariat?.open).toHaveLength(1);
    expect(followUpDay(input).owners).toHaveLength(1);
    expect(followUpDay({ ...input, today: '2027-03-23' }).secretariat).toBeUndefined();
    expect(followUpDay({ ...input, actions: [tracked({ status: 'done' })] }).secretariat).toBeUndefined();
  });
});

describe('the follow-up loop', () => {
  it('runs next on the next working day at 08:00 board time, across bank holidays and the clock change', () => {
    // Thursday before Easter 2027; British Summer Time starts on Sunday 28 March.
    expect(nextFollowUpRun(new Date('2027-03-25T15:00:00Z'), 'Europe/London', calendar)).toBe('2027-03-30T07:00:00.000Z');
    expect(nextFollowUpRun(new Date('2026-12-24T10:00:00Z'), 'Europe/London', calendar)).toBe('2026-12-29T08:00:00.000Z');
    // Just after midnight in London is still the previous day in UTC.
    expect(nextFollowUpRun(new Date('2027-06-01T23:30:00Z'), 'Europe/London', calendar)).toBe('2027-06-03T07:00:00.000Z');
  });

  const cycle = (meeting: string, status: CycleStatus, phase: string, boardId = 'finance'): Cycle => ({
    boardId,
    cycleId: `${boardId}-${meeting}`,
    meeting: { date: meeting, time: '10:00', venue: 'Room 1' },
    timeline: { meeting: `${meeting}T10:00:00.000Z` } as Cycle['timeline'],
    status,
    phase,
    createdAt: '2026-11-01T00:00:00.000Z',
    version: 1,
  });
  const first = cycle('2027-01-20', 'running', 'SendActionReminders');

  it('hands over once a later cycle of the board follows up itself, and not before', () => {
    expect(followUpSuccessor(first, [first, cycle('2027-04-14', 'running', 'WaitForMeeting')])).toBeUndefined();
    expect(followUpSuccessor(first, [first, cycle('2027-04-14', 'failed', 'RecordFailure')])).toBeUndefined();
    expect(followUpSuccessor(first, [first, cycle('2027-04-14', 'running', 'SendActionReminders', 'other')])).toBeUndefined();
    expect(followUpSuccessor(first, [first, cycle('2026-10-14', 'completed', 'CloseCycle')])).toBeUndefined();
    const second = cycle('2027-04-14', 'running', 'SendActionReminders');
    expect(followUpSuccessor(first, [cycle('2027-07-14', 'completed', 'CloseCycle'), first, second])).toBe(second);
    expect(followUpSuccessor(first, [first, cycle('2027-04-14', 'completed', 'CloseCycle')])?.cycleId).toBe('finance-2027-04-14');
  });

  it('ends at the latest followUpMaxDays after the meeting', () => {
    expect(followUpExpired(first, new Date('2027-08-07T09:00:00Z'), policy)).toBe(false);
    expect(followUpExpired(first, new Date('2027-08-08T10:00:00Z'), policy)).toBe(true);
    expect(followUpExpired(first, new Date('2027-02-04T10:00:00Z'), { followUpMaxDays: 14 })).toBe(true);
  });

  it('knows the latest meeting that has taken place', () => {
    const cycles = [first, cycle('2027-04-14', 'running', 'WaitForMeeting'), cycle('2026-10-14', 'completed', 'CloseCycle')];
    expect(lastMeetingBefore(cycles, new Date('2027-03-01T00:00:00Z'))?.cycleId).toBe(first.cycleId);
    expect(lastMeetingBefore(cycles, new Date('2027-05-01T00:00:00Z'))?.cycleId).toBe('finance-2027-04-14');
    expect(lastMeetingBefore(cycles, new Date('2026-01-01T00:00:00Z'))).toBeUndefined();
  });
});
