import { cycleIdFor, makeCreateCycle, makeScheduleCycleStart, makeStartCycle } from '../../../functions/admin/start-cycle';
import { operator } from '../../../functions/shared/domain/audit';
import { AlreadyExistsError, NotFoundError, TimelineError } from '../../../functions/shared/domain/errors';
import { FAKE_STATE_MACHINE_ARN, fakeDeps, type FakeDeps } from '../../support/fakes';
import { BOARD, NOW } from './scenario';

async function withBoard(): Promise<FakeDeps> {
  const d = fakeDeps({ now: NOW });
  await d.boards.putBoard(BOARD);
  return d;
}

describe('starting a cycle', () => {
  it('plans and records the cycle, starts its execution named for it and records the ARN', async () => {
    const d = await withBoard();

    const { cycle, warnings } = await makeStartCycle(d)({ boardId: 'b', meetingDate: '2027-03-10', meetingTime: '15:30' });

    expect(warnings).toEqual([]);
    expect(cycle).toMatchObject({
      cycleId: 'b-2027-03-10',
      status: 'scheduled',
      meeting: { date: '2027-03-10', time: '15:30', venue: 'Committee Room 1' },
      timeline: { meeting: '2027-03-10T15:30:00.000Z' },
      executionArn: `${FAKE_STATE_MACHINE_ARN.replace(':stateMachine:', ':execution:')}:b-2027-03-10`,
    });
    expect(d.workflow.started.map((e) => [e.name, e.input])).toEqual([['b-2027-03-10', { boardId: 'b', cycleId: 'b-2027-03-10' }]]);
    expect(await d.cycles.getCycle('b', cycle.cycleId)).toEqual(cycle);
  });

  it('refuses a second start for the same meeting, starting nothing more', async () => {
    const d = await withBoard();
    await makeStartCycle(d)({ boardId: 'b', meetingDate: '2027-03-10' });

    await expect(makeStartCycle(d)({ boardId: 'b', meetingDate: '2027-03-10' })).rejects.toThrow(AlreadyExistsError);
    expect(d.workflow.started).toHaveLength(1);
  });

  it('resumes from the recorded cycle when starting its execution failed the first time', async () => {
    const d = await withBoard();
    const start = d.workflow.start.bind(d.workflow);
    d.workflow.start = async () => {
      throw new Error('Step Functions is unavailable');
    };
    await expect(makeStartCycle(d)({ boardId: 'b', meetingDate: '2027-03-10' })).rejects.toThrow('unavailable');
    d.workflow.start = start;

    const { cycle } = await makeStartCycle(d)({ boardId: 'b', meetingDate: '2027-03-10' });
    expect(cycle.executionArn).toBeDefined();
    expect(await d.cycles.listCycles('b')).toHaveLength(1);
  });

  it('refuses a meeting too soon for its agenda call, and an unknown board naming the boards there are, storing nothing', async () => {
    const d = await withBoard();
    await expect(makeStartCycle(d)({ boardId: 'b', meetingDate: '2027-01-20' })).rejects.toThrow(TimelineError);
    await expect(makeStartCycle(d)({ boardId: 'nope', meetingDate: '2027-03-10' })).rejects.toThrow('There is no board "nope". Boards: b.');
    expect(await d.cycles.listCycles('b')).toEqual([]);
    expect(d.workflow.started).toEqual([]);
  });
});

describe("a cycle longer than Step Functions' year", () => {
  it('refuses to start now a cycle whose follow-up would end more than a year later, saying when it could start, storing nothing', async () => {
    const d = await withBoard();

    const start = makeStartCycle(d)({ boardId: 'b', meetingDate: '2027-12-01' });

    await expect(start).rejects.toThrow(TimelineError);
    await expect(start).rejects.toThrow(/would run \d+ days from now .* at most 365 days\. .*start the cycle on or after/);
    expect(await d.cycles.listCycles('b')).toEqual([]);
    expect(d.workflow.started).toEqual([]);
  });
});

describe('scheduling a recorded cycle to start itself', () => {
  it('schedules the start at the agenda call, or starts now when the agenda call is due', async () => {
    const d = await withBoard();
    const { cycle } = await makeCreateCycle(d)({ boardId: 'b', meetingDate: '2027-03-10' });

    const later = await makeScheduleCycleStart(d)(cycle, 'sam');

    expect(later.startedNow).toBe(false);
    expect(d.scheduler.schedules.get(cycleIdFor('b', '2027-03-10'))).toEqual({ boardId: 'b', cycleId: cycle.cycleId, at: cycle.timeline.agendaCall });
    expect(later.cycle.scheduledStart).toMatchObject({ at: cycle.timeline.agendaCall, confirmedBy: 'sam' });

    d.clock.set(cycle.timeline.agendaCall);
    const now = await makeScheduleCycleStart(d)(later.cycle, 'sam');
    expect(now.startedNow).toBe(true);
    expect(d.scheduler.schedules.size).toBe(0);
    expect(d.workflow.started.map((e) => e.name)).toEqual([cycle.cycleId]);
    expect(now.cycle.scheduledStart).toBeUndefined();
  });

  it("writes the schedule, and a start now, to the audit trail as the confirmer's, each once", async () => {
    const d = await withBoard();
    const { cycle } = await makeCreateCycle(d)({ boardId: 'b', meetingDate: '2027-03-10' });
    const who = { kind: 'member', name: 'Sam Secretary', email: 'sam@example.org' } as const;

    const later = await makeScheduleCycleStart(d)(cycle, 'sam', who);
    await makeScheduleCycleStart(d)(later.cycle, 'sam', who);
    d.clock.set(cycle.timeline.agendaCall);
    const now = await makeScheduleCycleStart(d)(later.cycle, 'sam', operator('alex'));

    expect((await d.audit.list('b')).map(({ who, what, cycleId }) => ({ who, what, cycleId }))).toEqual([
      { who, cycleId: cycle.cycleId, what: { type: 'cycle-scheduled', meetingDate: '2027-03-10', startsAt: cycle.timeline.agendaCall } },
      { who: { kind: 'admin', name: 'alex' }, cycleId: cycle.cycleId, what: { type: 'cycle-started', meetingDate: '2027-03-10' } },
    ]);
    expect(now.startedNow).toBe(true);
  });

  it('refuses a cycle of a board that does not exist', async () => {
    const d = fakeDeps();
    await expect(makeStartCycle(d)({ boardId: 'b', meetingDate: '2027-03-10' })).rejects.toThrow(NotFoundError);
  });
});
