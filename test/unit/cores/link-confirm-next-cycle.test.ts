import { confirmNextMeeting, nextMeetingForm } from '../../../functions/http/links/confirm-next-cycle/core';
import { DEFAULT_RULES } from '../../../functions/shared/domain/board-defaults';
import { TimelineError, ValidationError } from '../../../functions/shared/domain/errors';
import type { Member } from '../../../functions/shared/domain/types';
import { parseOrThrow } from '../../../functions/shared/domain/validate';
import type { FakeDeps } from '../../support/fakes';
import { LONG, people, refusal, scenario } from './scenario';

const AFTER_MINUTES = '2027-03-22T10:00:00.000Z';

/** The secretariat's confirmation as the page posts it: the form read by its schema, then the core. */
const confirm = (d: FakeDeps, fields: Record<string, unknown>, confirmer: Member = people.secretariat) =>
  confirmNextMeeting(d, { boardId: 'b', previousCycleId: 'c', confirmer, meeting: parseOrThrow(nextMeetingForm, fields, 'next meeting') });

/** Nothing was recorded: no next cycle, none linked from cycle "c", nothing scheduled or started. */
async function expectNothingRecorded(d: FakeDeps): Promise<void> {
  expect((await d.cycles.listCycles('b')).map((c) => c.cycleId)).toEqual(['c']);
  expect((await d.cycles.getCycle('b', 'c'))?.nextCycle).toBeUndefined();
  expect(d.scheduler.schedules.size).toBe(0);
  expect(d.workflow.started).toEqual([]);
}

describe('the confirm-next-cycle link', () => {
  it('records the next cycle with the venue given and schedules its start at its agenda call', async () => {
    const { d } = await scenario({ now: AFTER_MINUTES });

    const result = await confirm(d, { date: '2027-06-09', time: '14:00', venue: '  Council Chamber ', overrideReason: '   ' });

    expect(result).toMatchObject({ startedNow: false, cycle: { cycleId: 'b-2027-06-09', status: 'scheduled', previousCycleId: 'c' } });
    const next = await d.cycles.getCycle('b', 'b-2027-06-09');
    expect(next).toMatchObject({ meeting: { date: '2027-06-09', time: '14:00', venue: 'Council Chamber' }, scheduledStart: { confirmedBy: 'sam' } });
    expect(next?.noticeOverride).toBeUndefined();
    expect(d.scheduler.schedules.get('b-2027-06-09')).toEqual({ boardId: 'b', cycleId: 'b-2027-06-09', at: next!.timeline.agendaCall });
    expect((await d.cycles.getCycle('b', 'c'))?.nextCycle).toEqual({ cycleId: 'b-2027-06-09', confirmedBy: 'sam', at: AFTER_MINUTES });
  });

  it("writes the confirmation and the schedule to the audit trail as the confirmer's, once for two clicks", async () => {
    const { d } = await scenario({ now: AFTER_MINUTES });

    await confirm(d, { date: '2027-06-09', time: '14:00' });
    await confirm(d, { date: '2027-06-09', time: '14:00' });

    const next = await d.cycles.getCycle('b', 'b-2027-06-09');
    const who = { kind: 'member', name: people.secretariat.name, email: people.secretariat.email };
    expect((await d.audit.list('b')).map(({ who, what, cycleId }) => ({ who, what, cycleId }))).toEqual([
      { who, cycleId: 'b-2027-06-09', what: { type: 'next-cycle-confirmed', meetingDate: '2027-06-09', after: 'c' } },
      { who, cycleId: 'b-2027-06-09', what: { type: 'cycle-scheduled', meetingDate: '2027-06-09', startsAt: next!.timeline.agendaCall } },
    ]);
  });

  it("uses the board's usual venue when none is given", async () => {
    const { d } = await scenario({ now: AFTER_MINUTES });
    await confirm(d, { date: '2027-06-09', time: '14:00', venue: '' });
    expect((await d.cycles.getCycle('b', 'b-2027-06-09'))?.meeting.venue).toBe('Committee Room 1');
  });

  it('refuses a holder who is not of the secretariat, recording nothing', async () => {
    const { d } = await scenario({ now: AFTER_MINUTES });

    expect(await confirm(d, { date: '2027-06-09', time: '14:00' }, people.chair)).toEqual({ refused: 'not-secretariat' });
    await expectNothingRecorded(d);
  });

  it('refuses a date whose agenda call has passed, recording nothing', async () => {
    const { d } = await scenario({ now: AFTER_MINUTES });

    await expect(confirm(d, { date: '2027-03-31', time: '14:00' })).rejects.toThrow(/has passed/);
    await expectNothingRecorded(d);
  });

  it('leaves one cycle and one schedule when the same date is confirmed twice at once', async () => {
    const { d } = await scenario({ now: AFTER_MINUTES });
    const meeting = { date: '2027-06-09', time: '14:00' };

    await Promise.all([confirm(d, meeting), confirm(d, meeting)]);

    expect((await d.cycles.listCycles('b')).map((c) => c.cycleId)).toEqual(['b-2027-06-09', 'c']);
    expect([...d.scheduler.schedules.keys()]).toEqual(['b-2027-06-09']);
  });

  it('refuses a hostile form with a message the secretariat can act on, recording nothing', async () => {
    const { d } = await scenario({ now: AFTER_MINUTES });

    await expect(confirm(d, { date: '2027-06-09', time: '14:00', venue: LONG })).rejects.toThrow(ValidationError);
    await expect(confirm(d, { date: '2027-06-09', time: '14:00', overrideReason: LONG })).rejects.toThrow(ValidationError);
    await expect(confirm(d, {})).rejects.toThrow(/^Invalid next meeting: /);
    await expect(confirm(d, { date: '9 June', time: '2pm' })).rejects.toThrow(ValidationError);
    expect(refusal(nextMeetingForm, { date: 20270609, time: '14:00' }, 'next meeting').message).toMatch(/^Invalid next meeting: date: /);
    expect(refusal(nextMeetingForm, { date: '2027-06-09', time: '14:00', venue: { $ne: '' } }, 'next meeting').issues).toHaveLength(1);

    await expectNothingRecorded(d);
  });
});

describe('a next meeting that breaches the notice rule', () => {
  // Papers circulating four working days ahead leave three clear days; the board's rule is five.
  const shortNotice = { board: { rules: { ...DEFAULT_RULES, circulationDays: 4 } }, now: AFTER_MINUTES };

  it('is refused without a reason, recording nothing', async () => {
    const { d } = await scenario(shortNotice);
    await expect(confirm(d, { date: '2027-06-09', time: '14:00', overrideReason: ' ' })).rejects.toThrow(TimelineError);
    await expectNothingRecorded(d);
  });

  it('is recorded with the reason the secretariat gives', async () => {
    const { d } = await scenario(shortNotice);
    await confirm(d, { date: '2027-06-09', time: '14:00', overrideReason: '  Agreed at the March meeting. ' });
    expect((await d.cycles.getCycle('b', 'b-2027-06-09'))?.noticeOverride).toMatchObject({ reason: 'Agreed at the March meeting.', at: AFTER_MINUTES });
  });
});
