import { makeMoveMeeting } from '../../../functions/admin/move-meeting';
import { makeCreateCycle, makeScheduleCycleStart } from '../../../functions/admin/start-cycle';
import { operator } from '../../../functions/shared/domain/audit';
import { ValidationError } from '../../../functions/shared/domain/errors';
import { fakeDeps } from '../../support/fakes';
import { BOARD, NOW, people, recipients, scenario } from './scenario';

const OLD_ARN = 'arn:aws:states:eu-west-2:123456789012:execution:meeting-cycle:c';

describe('moving a meeting', () => {
  it('re-plans a running cycle, restarts its execution where it was and tells every member with an updated invitation', async () => {
    const { d } = await scenario({ cycle: { executionArn: OLD_ARN, phase: 'WaitForPaperDeadline' } });

    const result = await makeMoveMeeting(d)({ cycleId: 'c', meetingDate: '2027-03-17', meetingTime: '15:30' });

    expect(result).toMatchObject({ resumeFrom: 'WaitForPaperDeadline', warnings: [] });
    expect(result.cycle).toMatchObject({ meeting: { date: '2027-03-17' }, timeline: { meeting: '2027-03-17T15:30:00.000Z' } });
    expect(result.cycle.moves).toEqual([{ from: '2027-03-10T15:30:00.000Z', to: '2027-03-17T15:30:00.000Z', at: NOW }]);
    expect(d.workflow.stopped).toEqual([{ executionArn: OLD_ARN, cause: expect.stringContaining('Meeting moved from Wednesday 10 March 2027, 15:30') }]);
    expect(d.workflow.started).toEqual([
      expect.objectContaining({ name: 'c-moved-1', input: { boardId: 'b', cycleId: 'c', resumeFrom: 'WaitForPaperDeadline' } }),
    ]);
    expect(result.cycle.executionArn).toBe(d.workflow.started[0]!.executionArn);
    const emails = d.emails('meeting-moved');
    expect(recipients(emails).sort()).toEqual(
      Object.values(people)
        .map((m) => m.email)
        .sort(),
    );
    expect(emails[0]!.subject).toBe('Meeting moved to Wednesday 17 March: Riverside Safety Board');
    expect(String(emails[0]!.attachments?.[0]?.content)).toContain('SEQUENCE:1');
  });

  it('re-plans a cycle waiting for its scheduled start and moves the schedule, sending nothing', async () => {
    const d = fakeDeps({ now: NOW });
    await d.boards.putBoard(BOARD);
    await d.boards.addMembers(Object.values(people));
    const { cycle } = await makeCreateCycle(d)({ boardId: 'b', meetingDate: '2027-03-10' });
    await makeScheduleCycleStart(d)(cycle, 'sam');

    const result = await makeMoveMeeting(d, operator('alex'))({ cycleId: cycle.cycleId, meetingDate: '2027-03-24' });

    expect(result).toMatchObject({ resumeFrom: 'PlanTimeline', scheduled: { startedNow: false, startsAt: result.cycle.timeline.agendaCall } });
    expect(d.scheduler.schedules.get(cycle.cycleId)?.at).toBe(result.cycle.timeline.agendaCall);
    expect(result.cycle.timeline.agendaCall > cycle.timeline.agendaCall).toBe(true);
    expect(d.workflow.started).toEqual([]);
    expect((await d.audit.list('b')).filter((e) => e.what.type === 'cycle-scheduled').map((e) => e.what)).toEqual([
      { type: 'cycle-scheduled', meetingDate: '2027-03-10', startsAt: cycle.timeline.agendaCall },
      { type: 'cycle-scheduled', meetingDate: '2027-03-24', startsAt: result.cycle.timeline.agendaCall },
    ]);
    expect((await d.audit.list('b')).slice(-2).map((e) => [e.what.type, e.who])).toEqual([
      ['cycle-scheduled', { kind: 'admin', name: 'alex' }],
      ['meeting-moved', { kind: 'admin', name: 'alex' }],
    ]);
    expect(d.emails()).toEqual([]);
  });

  it("refuses to move a running cycle's meeting so far that its new execution would outlast Step Functions' year, changing nothing", async () => {
    const { d, cycle } = await scenario({ cycle: { executionArn: OLD_ARN, phase: 'WaitForPaperDeadline' } });

    const move = makeMoveMeeting(d)({ cycleId: 'c', meetingDate: '2027-12-01', meetingTime: '15:30' });

    await expect(move).rejects.toThrow(/would run \d+ days from now .* at most 365 days\. .*move the meeting to .* or earlier/);
    expect(await d.cycles.getCycle('b', 'c')).toEqual(cycle);
    expect(d.workflow.stopped).toEqual([]);
    expect(d.workflow.started).toEqual([]);
    expect(d.emails()).toEqual([]);
  });

  it('refuses to move a meeting that has taken place, or a completed cycle, changing nothing', async () => {
    const { d } = await scenario({ now: '2027-03-11T09:00:00.000Z', cycle: { executionArn: OLD_ARN } });
    await expect(makeMoveMeeting(d)({ cycleId: 'c', meetingDate: '2027-03-24' })).rejects.toThrow('already taken place');
    await d.cycles.updateCycle('b', 'c', () => ({ status: 'completed' }));
    await expect(makeMoveMeeting(d)({ cycleId: 'c', meetingDate: '2027-03-24' })).rejects.toThrow(ValidationError);
    expect(d.workflow.started).toEqual([]);
    expect(d.emails()).toEqual([]);
  });
});
