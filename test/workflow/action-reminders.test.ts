import { appLinks, follow } from '../../local/people';
import { driveCycle, type DriveResult } from '../../local/drive-cycle';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(180_000);
const cloud = useLocalCloud();
const PRIYA = 'priya.shah@example.org';
const TOM = 'tom.okafor@example.org';
let first: DriveResult;
let second: DriveResult;
let firstEndedAt: string;

const emails = (kind: string, to?: string) =>
  cloud()
    .mail.emails()
    .filter((e) => e.kind === kind && (to === undefined || e.to.includes(to)));
const day = (at: string) => at.slice(0, 10);

beforeAll(async () => {
  // Owners who never update: the follow-up runs from the minutes (20 January 2027) through Easter.
  first = await driveCycle(cloud(), {
    boardId: DEMO_BOARD_ID,
    meetingDate: '2027-01-20',
    changeRounds: 0,
    ownersUpdate: false,
    followUpDays: 200,
    until: 'follow-up',
    actions: [
      'Action 1: Priya Shah to circulate the revised partnership plan by 31 March 2027.',
      'Action 2: Priya Shah to report on the youth violence pilot by 22 March 2027.',
      'Action 3: Tom Okafor to brief partners by the next meeting.',
    ],
  });
  await cloud().sfn.advanceTo(new Date('2027-04-20T12:00:00Z'));
  // The next cycle (agenda call 27 April) takes the follow-up over once its own has begun.
  second = await driveCycle(cloud(), {
    boardId: DEMO_BOARD_ID,
    meetingDate: '2027-05-26',
    changeRounds: 0,
    ownersUpdate: false,
    followUpDays: 200,
    until: 'follow-up',
  });
  const execution = () => cloud().sfn.describe(first.cycle.executionArn ?? '');
  for (let i = 0; i < 5 && execution()?.status === 'RUNNING'; i++) await cloud().sfn.advanceToNext();
  firstEndedAt = execution()?.stopDate ?? '';
});

describe('action reminders and escalation', () => {
  it('reminds an owner before the due date, on it and weekly while overdue, in one email a day, across Easter', () => {
    const reminders = emails('action-reminder', PRIYA).filter((e) => e.at < '2027-04-20');
    expect(reminders.map((e) => [day(e.at), e.subject])).toEqual([
      ['2027-03-15', 'Reminder: action 2, due in 5 working days (Monday 22 March)'],
      ['2027-03-22', 'Actions due: 2 of yours, the first Monday 22 March'],
      // A week overdue falls on Easter Monday: the reminder waits for the next working day.
      ['2027-03-30', 'Reminder: action 2, overdue by 8 days (due Monday 22 March)'],
      ['2027-03-31', 'Reminder: action 1, due today (Wednesday 31 March)'],
      ['2027-04-05', 'Reminder: action 2, overdue by 14 days (due Monday 22 March)'],
      ['2027-04-07', 'Reminder: action 1, overdue by 7 days (due Wednesday 31 March)'],
      ['2027-04-12', 'Reminder: action 2, overdue by 21 days (due Monday 22 March)'],
      ['2027-04-14', 'Reminder: action 1, overdue by 14 days (due Wednesday 31 March)'],
      ['2027-04-19', 'Reminder: action 2, overdue by 28 days (due Monday 22 March)'],
    ]);
    // Reminders go out with the follow-up run, at 08:00 London time (BST from 28 March).
    expect(reminders.every((e) => e.at.endsWith(e.at < '2027-03-28' ? 'T08:00:00.000Z' : 'T07:00:00.000Z'))).toBe(true);
    const both = reminders[1]?.text ?? '';
    expect(both).toContain('- Action 2: Priya Shah to report on the youth violence pilot by 22 March 2027.\n  Due Monday 22 March 2027 · due today');
    expect(both).toContain(
      '- Action 1: Priya Shah to circulate the revised partnership plan by 31 March 2027.\n  Due Wednesday 31 March 2027 · due in 5 working days',
    );
    // An action due "next meeting" is never reminded.
    expect(emails('action-reminder', TOM)).toEqual([]);
  });

  it('links each action in a reminder to its own update page', async () => {
    const [link1, link2] = appLinks(emails('action-reminder', PRIYA)[1]?.text ?? '', cloud().appUrl);
    const [page1, page2] = [await follow(link1 ?? ''), await follow(link2 ?? '')];
    expect([page1.status, page2.status]).toEqual([200, 200]);
    expect(page1.title).toBe('Action 2');
    expect(page1.html).toContain('report on the youth violence pilot');
    expect(page2.title).toBe('Action 1');
  });

  it('sends every owner at most one reminder a day, even while two cycles follow up', () => {
    const perOwnerDay = new Map<string, number>();
    for (const e of emails('action-reminder')) perOwnerDay.set(`${e.to.join()} ${day(e.at)}`, (perOwnerDay.get(`${e.to.join()} ${day(e.at)}`) ?? 0) + 1);
    expect([...perOwnerDay.values()].every((n) => n === 1)).toBe(true);
    expect(perOwnerDay.size).toBeGreaterThan(12);
  });

  it('sends the secretariat a weekly digest, with the escalation list once an action is overdue by more than 14 days', () => {
    const digests = emails('follow-up-digest', 'secretariat@example.org').filter((e) => e.at < '2027-04-20');
    // Every Monday from the first after the meeting; Tuesday in Easter week.
    expect(digests).toHaveLength(13);
    expect(digests.map((e) => day(e.at))).toContain('2027-03-30');
    expect(digests.map((e) => day(e.at))).not.toContain('2027-03-29');
    const subject = (date: string) => digests.find((e) => day(e.at) === date)?.subject;
    expect(subject('2027-01-25')).toBe('Actions digest for Riverside Community Safety Board, Monday 25 January: 3 open, 0 overdue');
    expect(subject('2027-04-05')).toBe('Actions digest for Riverside Community Safety Board, Monday 5 April: 3 open, 2 overdue');
    expect(subject('2027-04-12')).toBe('Actions digest for Riverside Community Safety Board, Monday 12 April: 3 open, 2 overdue, 1 to escalate');
    expect(subject('2027-04-19')).toBe('Actions digest for Riverside Community Safety Board, Monday 19 April: 3 open, 2 overdue, 2 to escalate');
    const escalation = digests.find((e) => day(e.at) === '2027-04-12')?.text ?? '';
    expect(escalation).toMatch(/^Escalate 1 action overdue by more than 14 days/);
    expect(escalation.slice(escalation.indexOf('Escalate: overdue'))).toMatch(
      /^Escalate: overdue by more than 14 days\n-+\n\n- Action 2: .*\n {2}Open · owners: Priya Shah · due Monday 22 March 2027 · overdue by 21 days · no update yet\n\nOverdue\n/,
    );
    expect(escalation).toContain('No update since the meeting of Wednesday 20 January 2027');
    expect(escalation).toContain('- Action 3: Tom Okafor to brief partners by the next meeting.');
  });

  it('runs the follow-up only on days with something to send, not every working day', () => {
    const execution = cloud().sfn.describe(first.cycle.executionArn ?? '');
    const laps = (execution?.events ?? []).filter((e) => e.type === 'StateEntered' && e.state === 'SendActionReminders').map((e) => day(e.at));
    const sent = new Set([...emails('action-reminder'), ...emails('follow-up-digest')].map((e) => day(e.at)));
    // From the minutes' approval to the takeover on 26 May: 84 working days, so 84 laps when it ran daily.
    expect(laps.length).toBeGreaterThan(10);
    expect(laps.length).toBeLessThan(30);
    // Every lap after the first (the day the minutes were approved) had an email to send.
    expect(laps.slice(1).filter((d) => !sent.has(d))).toEqual([]);
  });

  it('ends the first cycle when the next one’s follow-up takes over, and says so', () => {
    expect(second.status).toBe('RUNNING');
    const execution = cloud().sfn.describe(first.cycle.executionArn ?? '');
    expect(execution?.status).toBe('SUCCEEDED');
    const states = (execution?.events ?? []).filter((e) => e.type === 'StateEntered').map((e) => e.state);
    // Asleep when the second cycle's follow-up began: that woke it, and it closed at once.
    expect(states.slice(-3)).toEqual(['WaitForNextFollowUpDay', 'CheckFollowUpHandover', 'CloseCycle']);
    const secondFollowUpAt =
      (cloud().sfn.describe(second.cycle.executionArn ?? '')?.events ?? []).find((e) => e.type === 'StateEntered' && e.state === 'SendActionReminders')?.at ??
      '';
    expect(firstEndedAt.slice(0, 10)).toBe(secondFollowUpAt.slice(0, 10));
    const closed = emails('cycle-closed', 'secretariat@example.org');
    expect(closed).toHaveLength(1);
    expect(closed[0]?.text).toContain('Action follow-up: Passed to the meeting of Wednesday 26 May 2027, 10:00');
    // Until then the first cycle kept reminding, through the second cycle's agenda and papers.
    expect(emails('action-reminder', PRIYA).map((e) => day(e.at))).toEqual(expect.arrayContaining(['2027-04-21', '2027-05-19', '2027-05-26']));
  });
});
