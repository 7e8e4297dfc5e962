import { decodeProposal, makeConfirmNextCycle, makeOfferNextCycle } from '../../../functions/admin/next-cycle';
import { AlreadyExistsError, ValidationError } from '../../../functions/shared/domain/errors';
import { loadCycleContext } from '../../../functions/shared/services/cycle-context';
import type { FakeDeps } from '../../support/fakes';
import { appLinks, MINUTES, people, recipients, scenario } from './scenario';

const AFTER_MINUTES = '2027-03-22T10:00:00.000Z';
const offer = async (d: FakeDeps) => makeOfferNextCycle(d)(await loadCycleContext(d, 'b', 'c'), MINUTES);
const confirm = (d: FakeDeps, meetingDate = '2027-06-09') =>
  makeConfirmNextCycle(d)({ boardId: 'b', meetingDate, meetingTime: '14:00', previousCycleId: 'c', confirmedBy: 'sam' });

describe('offering the next cycle', () => {
  it('asks the secretariat to confirm the date the minutes give, once, with a single-use link carrying the proposal', async () => {
    const { d } = await scenario({ now: AFTER_MINUTES });

    expect(await offer(d)).toMatchObject({ proposal: { date: '2027-06-09', time: '14:00', source: 'minutes' }, offered: 1 });
    expect(await offer(d)).toMatchObject({ offered: 0 });

    const emails = d.emails('next-meeting-confirmation');
    expect(recipients(emails)).toEqual([people.secretariat.email]);
    expect(emails[0]!.subject).toBe('Confirm the next meeting: Wednesday 9 June 2027');
    const link = d.links.forUrl(appLinks(emails[0])[0]!);
    expect(link).toMatchObject({ purpose: 'confirm-next-cycle', memberId: 'sam', singleUse: true });
    expect(decodeProposal(link?.subject)).toMatchObject({ date: '2027-06-09', time: '14:00' });
  });

  it('offers nothing when the board already has a later cycle', async () => {
    const { d, cycle } = await scenario({ now: AFTER_MINUTES });
    await d.cycles.createCycle({ ...cycle, cycleId: 'later', meeting: { ...cycle.meeting, date: '2027-05-05' } });

    expect(await offer(d)).toMatchObject({ offered: 0 });
    expect(d.emails()).toEqual([]);
  });
});

describe('confirming the next cycle', () => {
  it('records it as scheduled from this one and schedules its start at its agenda call', async () => {
    const { d } = await scenario({ now: AFTER_MINUTES });

    const { cycle, startedNow } = await confirm(d);

    expect(startedNow).toBe(false);
    expect(cycle).toMatchObject({ cycleId: 'b-2027-06-09', status: 'scheduled', previousCycleId: 'c', scheduledStart: { confirmedBy: 'sam' } });
    expect(d.scheduler.schedules.get('b-2027-06-09')).toEqual({ boardId: 'b', cycleId: 'b-2027-06-09', at: cycle.timeline.agendaCall });
    expect((await d.cycles.getCycle('b', 'c'))?.nextCycle).toEqual({ cycleId: 'b-2027-06-09', confirmedBy: 'sam', at: AFTER_MINUTES });
    expect(d.workflow.started).toEqual([]);
  });

  it('leaves one cycle and one schedule when confirmed twice, and refuses another date afterwards', async () => {
    const { d } = await scenario({ now: AFTER_MINUTES });
    await confirm(d);
    await confirm(d);

    await expect(confirm(d, '2027-06-16')).rejects.toThrow(AlreadyExistsError);
    expect((await d.cycles.listCycles('b')).map((c) => c.cycleId)).toEqual(['b-2027-06-09', 'c']);
    expect([...d.scheduler.schedules.keys()]).toEqual(['b-2027-06-09']);
  });

  it("refuses a cycle that would outlast Step Functions' year from its agenda call, changing nothing", async () => {
    const { d } = await scenario({ now: AFTER_MINUTES });
    const board = (await d.boards.getBoard('b'))!;
    await d.boards.putBoard({ ...board, rules: { ...board.rules, agendaCallDays: 60 }, actionReminders: { followUpMaxDays: 300 } }, board.version);

    await expect(confirm(d, '2027-09-08')).rejects.toThrow(/from its agenda call on .* at most 365 days\. Shorten the board's followUpMaxDays to at most \d+/);
    expect(d.scheduler.schedules.size).toBe(0);
    expect((await d.cycles.getCycle('b', 'c'))?.nextCycle).toBeUndefined();
    expect((await d.cycles.listCycles('b')).map((c) => c.cycleId)).toEqual(['c']);
  });

  it('refuses a date that is not after the previous meeting', async () => {
    const { d } = await scenario({ now: AFTER_MINUTES });
    await expect(confirm(d, '2027-03-10')).rejects.toThrow(ValidationError);
    expect(d.scheduler.schedules.size).toBe(0);
  });
});
