import { makeSendActionReminders } from '../../../functions/send-action-reminders/send-action-reminders';
import type { FakeDeps } from '../../support/fakes';
import { people, recipients, scenario } from './scenario';

/** Monday 5 April 2027, 08:00 in London: a working day and the default digest day. */
const MONDAY = '2027-04-05T07:00:00.000Z';

async function actions(d: FakeDeps): Promise<void> {
  const base = { cycleId: 'c', ownersAsWritten: [], status: 'open' as const };
  await d.actions.createActions('b', 'c#minutes', [
    { ...base, ownerMemberIds: ['ann'], text: 'Circulate the plan.', due: '2027-04-05' },
    { ...base, ownerMemberIds: ['bob'], text: 'Map the hotspots.', due: '2027-06-30' },
    { ...base, ownerMemberIds: [], text: 'Someone to brief the press.', due: '2027-04-05' },
    { ...base, ownerMemberIds: ['bob'], text: 'Done already.', due: '2027-04-05', status: 'done' },
  ]);
}

describe('SendActionReminders', () => {
  it('reminds an owner of an action due today with an update link, and sends the secretariat the weekly digest', async () => {
    const { d, ref } = await scenario({ now: MONDAY });
    await actions(d);

    const step = await makeSendActionReminders(d)(ref);

    expect(step).toEqual({ next: expect.any(String), waitSeconds: expect.any(Number), done: false });
    expect(Date.parse(step.next)).toBeGreaterThan(Date.parse(MONDAY));
    const reminders = d.emails('action-reminder');
    expect(recipients(reminders)).toEqual([people.ann.email]);
    expect(reminders[0]!.subject).toContain('action 1');
    expect(
      d.links
        .all()
        .filter((l) => l.purpose === 'update-action')
        .map((l) => l.memberId),
    ).toEqual(['ann']);
    const digest = d.emails('follow-up-digest');
    expect(recipients(digest)).toEqual([people.secretariat.email]);
    expect(digest[0]!.subject).toMatch(/^Actions digest for Riverside Safety Board, .*: 3 open/);
    expect(digest[0]!.text).toContain('Someone to brief the press.');
  });

  it('sends nothing twice on a retried day', async () => {
    const { d, ref } = await scenario({ now: MONDAY });
    await actions(d);
    const remind = makeSendActionReminders(d);

    await remind(ref);
    const sent = d.emails().length;
    const links = d.links.all().length;
    await remind(ref);

    expect(d.emails()).toHaveLength(sent);
    expect(d.links.all()).toHaveLength(links);
  });

  it('hands the follow-up over to a later cycle of the board that completed, sending nothing', async () => {
    const { d, cycle, ref } = await scenario({ now: MONDAY });
    await actions(d);
    const later = { ...cycle.timeline, meeting: '2027-06-09T13:00:00.000Z' };
    await d.cycles.createCycle({ ...cycle, cycleId: 'next', meeting: { ...cycle.meeting, date: '2027-06-09' }, timeline: later, status: 'completed' });

    expect(await makeSendActionReminders(d)(ref)).toMatchObject({ done: true, handedOverTo: 'next' });
    expect(d.emails()).toEqual([]);
  });

  it("closes the follow-up before its execution reaches Step Functions' year, whatever followUpMaxDays says now", async () => {
    // Cycle "c" started on 4 January 2027 (its record's creation); its meeting was on 10 March 2027.
    const { d, ref } = await scenario({ now: '2027-12-24T08:00:00.000Z', board: { actionReminders: { followUpMaxDays: 300 } } });
    await actions(d);
    const remind = makeSendActionReminders(d);

    // Christmas Eve: the next run (Wednesday 29 December) is still inside the year.
    expect(await remind(ref)).toMatchObject({ done: false });
    d.clock.set('2027-12-31T08:00:00.000Z');
    // New Year's Eve: the next run (Tuesday 4 January 2028, after the bank holiday) is not.
    expect(await remind(ref)).toEqual({ next: '2028-01-04T08:00:00.000Z', waitSeconds: 4 * 86_400, done: true });
  });

  it('sends nothing on a bank holiday', async () => {
    const { d, ref } = await scenario({ now: '2027-05-03T07:00:00.000Z' });
    await actions(d);

    expect(await makeSendActionReminders(d)(ref)).toMatchObject({ done: false });
    expect(d.emails()).toEqual([]);
  });
});
