import { makeCancelCycle } from '../../../functions/admin/cancel-cycle';
import { makeHttpApp } from '../../../functions/http/app';
import { apologiesForm, recordApologies } from '../../../functions/http/links/send-apologies/core';
import { parseOrThrow } from '../../../functions/shared/domain/validate';
import { makeCreateCycle, makeScheduleCycleStart, makeStartCycle } from '../../../functions/admin/start-cycle';
import { AlreadyExistsError, NotFoundError, ValidationError } from '../../../functions/shared/domain/errors';
import type { Cycle } from '../../../functions/shared/domain/types';
import { outboxKeys } from '../../../functions/shared/table/outbox-keys';
import { fakeDeps, type FakeDeps } from '../../support/fakes';
import { item } from '../../support/builders';
import { appLinks, BOARD, context, MEETING_DATE, NOW, people, scenario } from './scenario';

/** A confirmed cycle waiting for the schedule that starts it at its agenda call. */
async function scheduled(): Promise<{ d: FakeDeps; cycle: Cycle }> {
  const d = fakeDeps({ now: NOW });
  await d.boards.putBoard(BOARD);
  const { cycle } = await makeCreateCycle(d)({ boardId: 'b', meetingDate: '2027-03-10' });
  return { d, cycle: (await makeScheduleCycleStart(d)(cycle, 'sam')).cycle };
}

const ARN = 'arn:aws:states:eu-west-2:1:execution:m:c';

describe('cancelling a cycle', () => {
  it('deletes its schedule, records who cancelled and why, and stops an execution the schedule may have started', async () => {
    const { d, cycle } = await scheduled();

    const result = await makeCancelCycle(d)({ cycleId: cycle.cycleId, by: 'Sam Secretary', reason: 'The board is merging.' });

    expect(result.startWas).toBe(cycle.timeline.agendaCall);
    expect(result.cycle).toMatchObject({ status: 'cancelled', cancellation: { by: 'Sam Secretary', reason: 'The board is merging.', at: NOW } });
    expect(d.scheduler.schedules.size).toBe(0);
    expect(d.workflow.stopped).toEqual([
      { executionArn: cycle.executionArn, cause: 'Cancelled by Sam Secretary before its start on Wednesday 10 February 2027, 09:00.' },
    ]);
    expect(d.emails('meeting-cancelled')).toHaveLength(0);
  });

  it('returns the cancelled cycle unchanged when cancelled again', async () => {
    const { d, cycle } = await scheduled();
    const first = await makeCancelCycle(d)({ cycleId: cycle.cycleId, by: 'Sam' });

    const again = await makeCancelCycle(d)({ cycleId: cycle.cycleId, by: 'Someone else' });

    expect(again).toEqual({ cycle: first.cycle, alreadyCancelled: true });
    expect(d.workflow.stopped).toHaveLength(1);
  });

  it('refuses a running cycle without a reason, and an unknown one, changing nothing', async () => {
    const { d } = await scenario({ cycle: { executionArn: ARN, phase: 'WaitForItemDeadline' } });

    await expect(makeCancelCycle(d)({ cycleId: 'c', by: 'Sam' })).rejects.toThrow(ValidationError);
    await expect(makeCancelCycle(d)({ cycleId: 'c', by: 'Sam' })).rejects.toThrow('Give the reason for cancelling');
    await expect(makeCancelCycle(d)({ cycleId: 'nope', by: 'Sam' })).rejects.toThrow(NotFoundError);
    expect((await d.cycles.getCycle('b', 'c'))?.status).toBe('running');
    expect(d.workflow.stopped).toHaveLength(0);
  });

  it('refuses a completed cycle, and one whose meeting has begun', async () => {
    const completed = await scenario({ cycle: { executionArn: ARN, status: 'completed' } });
    await expect(makeCancelCycle(completed.d)({ cycleId: 'c', by: 'Sam', reason: 'x' })).rejects.toThrow('has completed: its meeting took place');
    const after = await scenario({ cycle: { executionArn: ARN, phase: 'WaitForMinutesDraft' }, now: '2027-03-10T16:00:00.000Z' });
    await expect(makeCancelCycle(after.d)({ cycleId: 'c', by: 'Sam', reason: 'x' })).rejects.toThrow('a meeting that has taken place cannot be cancelled');
    expect((await after.d.cycles.getCycle('b', 'c'))?.status).toBe('running');
    expect(completed.d.emails()).toHaveLength(0);
    expect(after.d.emails()).toHaveLength(0);
  });
});

describe('cancelling a running cycle', () => {
  it('marks it cancelled, stops its execution and tells every member once, with a calendar cancellation', async () => {
    const { d } = await scenario({ cycle: { executionArn: ARN, phase: 'WaitForItemDeadline' } });

    const result = await makeCancelCycle(d)({ cycleId: 'c', by: 'Sam Secretary', reason: 'Not quorate: most members are at the inquiry.' });

    expect(result.cycle).toMatchObject({
      status: 'cancelled',
      cancellation: { by: 'Sam Secretary', reason: 'Not quorate: most members are at the inquiry.', at: NOW },
      runningWhenCancelled: { phase: 'WaitForItemDeadline', executionArn: ARN },
    });
    expect(result.told).toBe(4);
    expect(d.workflow.stopped).toEqual([{ executionArn: ARN, cause: 'Meeting cancelled by Sam Secretary: Not quorate: most members are at the inquiry.' }]);
    const sent = d.emails('meeting-cancelled');
    expect(sent.map((m) => m.to[0]?.email).sort()).toHaveLength(4);
    expect(sent[0]?.text).toContain('Not quorate: most members are at the inquiry.');
    const ics = String(sent[0]?.attachments?.[0]?.content ?? '');
    expect(sent[0]?.attachments?.[0]?.contentType).toBe('text/calendar; method=CANCEL; charset=UTF-8');
    expect(ics).toContain('METHOD:CANCEL');
    expect(ics).toContain('UID:c@meeting-cycle');
    expect(ics).toContain('SEQUENCE:1');
  });

  it('says so when cancelled again, and sends only what a first attempt left unsent', async () => {
    const { d } = await scenario({ cycle: { executionArn: ARN, phase: 'WaitForItemDeadline' } });
    await makeCancelCycle(d)({ cycleId: 'c', by: 'Sam', reason: 'Called off.' });

    const again = await makeCancelCycle(d)({ cycleId: 'c', by: 'Someone else', reason: 'Again.' });
    expect(again).toMatchObject({ alreadyCancelled: true, told: 0, cycle: { cancellation: { by: 'Sam', reason: 'Called off.' } } });
    expect(d.emails('meeting-cancelled')).toHaveLength(4);

    // A first attempt that died after one send: the second sends the rest.
    const lost = await scenario({ cycle: { executionArn: ARN, phase: 'WaitForItemDeadline' } });
    await lost.d.cycles.updateCycle('b', 'c', (c) => ({
      status: 'cancelled',
      cancellation: { by: 'Sam', reason: 'Called off.', at: NOW },
      runningWhenCancelled: { phase: c.phase, executionArn: ARN },
    }));
    await lost.d.sendOnce(outboxKeys.meetingCancelled('c', 'ann'), {
      to: [{ name: 'Ann Able', email: 'ann@example.org' }],
      subject: 's',
      html: 'h',
      text: 't',
      kind: 'meeting-cancelled',
    });
    const finished = await makeCancelCycle(lost.d)({ cycleId: 'c', by: 'Sam' });
    expect(finished).toMatchObject({ alreadyCancelled: true, told: 3 });
    expect(lost.d.workflow.stopped).toEqual([{ executionArn: ARN, cause: expect.stringContaining('Called off.') }]);
  });

  it('refuses to start the same meeting date again once a running cycle was cancelled', async () => {
    const { d } = await scenario({ cycle: { executionArn: ARN, phase: 'WaitForItemDeadline' } });
    const cycleId = `b-${MEETING_DATE}`;
    await d.cycles.updateCycle('b', 'c', () => ({}));
    await makeCancelCycle(d)({ cycleId: 'c', by: 'Sam', reason: 'Called off.' });
    // Cycle "c" is the scenario's; a real one is named for its date, so rename to see the start's check.
    const c = (await d.cycles.getCycle('b', 'c'))!;
    await d.cycles.createCycle({ ...c, cycleId, version: 1 });
    await expect(makeStartCycle(d)({ boardId: 'b', meetingDate: MEETING_DATE })).rejects.toThrow(AlreadyExistsError);
    await expect(makeStartCycle(d)({ boardId: 'b', meetingDate: MEETING_DATE })).rejects.toThrow('was cancelled after its cycle had started');
  });

  it('tells a deputy who had the papers, by name and without a calendar entry, and their link then says it was cancelled', async () => {
    const packs = { members: { s3Key: 'packs/c/members.pdf', pages: 10, size: 1000 }, public: { s3Key: 'packs/c/public.pdf', pages: 9, size: 900 } };
    const { d } = await scenario({
      now: '2027-03-03T09:00:00.000Z',
      cycle: { executionArn: ARN, phase: 'WaitForMeeting', packs: { ...packs, builtAt: '2027-03-02T09:00:00.000Z' } },
    });
    await d.cycles.putItems('c', [item(1, 'Welcome'), item(2, 'Budget')]);
    const apologies = parseOrThrow(apologiesForm, { attending: 'no', substitute: 'Pat Lee', substituteEmail: 'Pat@Police.example' }, 'apologies');
    await recordApologies(d, { cycle: await context(d), member: people.ann, apologies });
    const [papers] = d.emails('deputy-papers');

    const result = await makeCancelCycle(d)({ cycleId: 'c', by: 'Sam Secretary', reason: 'Not quorate.' });

    expect(result.told).toBe(5);
    const toDeputy = d.emails('meeting-cancelled').filter((e) => e.to[0]?.email === 'pat@police.example');
    expect(toDeputy.map((e) => e.to)).toEqual([[{ name: 'Pat Lee', email: 'pat@police.example' }]]);
    expect(toDeputy[0]?.text).toContain('Not quorate.');
    expect(toDeputy[0]?.attachments ?? []).toEqual([]);
    const url = new URL(appLinks(papers)[0]!);
    const res = await makeHttpApp(d)({ method: 'GET', path: url.pathname, query: {}, body: '', contentType: '' });
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('This meeting was cancelled');
  });
});
