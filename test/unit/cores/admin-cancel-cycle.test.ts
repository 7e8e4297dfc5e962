import { makeCancelCycle } from '../../../functions/admin/cancel-cycle';
import { makeCreateCycle, makeScheduleCycleStart } from '../../../functions/admin/start-cycle';
import { NotFoundError, ValidationError } from '../../../functions/shared/domain/errors';
import type { Cycle } from '../../../functions/shared/domain/types';
import { fakeDeps, type FakeDeps } from '../../support/fakes';
import { BOARD, NOW, scenario } from './scenario';

/** A confirmed cycle waiting for the schedule that starts it at its agenda call. */
async function scheduled(): Promise<{ d: FakeDeps; cycle: Cycle }> {
  const d = fakeDeps({ now: NOW });
  await d.boards.putBoard(BOARD);
  const { cycle } = await makeCreateCycle(d)({ boardId: 'b', meetingDate: '2027-03-10' });
  return { d, cycle: (await makeScheduleCycleStart(d)(cycle, 'sam')).cycle };
}

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
  });

  it('returns the cancelled cycle unchanged when cancelled again', async () => {
    const { d, cycle } = await scheduled();
    const first = await makeCancelCycle(d)({ cycleId: cycle.cycleId, by: 'Sam' });

    const again = await makeCancelCycle(d)({ cycleId: cycle.cycleId, by: 'Someone else' });

    expect(again.cycle).toEqual(first.cycle);
    expect(d.workflow.stopped).toHaveLength(1);
  });

  it('refuses a running cycle, saying how to move or stop it, and an unknown one', async () => {
    const { d } = await scenario({ cycle: { executionArn: 'arn:aws:states:eu-west-2:1:execution:m:c', phase: 'WaitForItemDeadline' } });

    await expect(makeCancelCycle(d)({ cycleId: 'c', by: 'Sam' })).rejects.toThrow(ValidationError);
    await expect(makeCancelCycle(d)({ cycleId: 'c', by: 'Sam' })).rejects.toThrow('is running (at WaitForItemDeadline)');
    await expect(makeCancelCycle(d)({ cycleId: 'nope', by: 'Sam' })).rejects.toThrow(NotFoundError);
    expect((await d.cycles.getCycle('b', 'c'))?.status).toBe('running');
  });
});
