import { SYSTEM } from '../shared/domain/audit';
import { recordAudit } from '../shared/services/audit';
import { NotFoundError } from '../shared/domain/errors';
import type { Timeline } from '../shared/domain/types';
import type { CycleRef } from '../shared/domain/validate';
import type { CoreDeps } from '../shared/ports';

/**
 * First state of every execution: marks the cycle running and hands the state machine the timeline
 * that was planned (and checked) when the cycle was started. Wait states read their timestamps from it.
 */
export const makePlanTimeline =
  (d: Pick<CoreDeps, 'cycles' | 'telemetry' | 'audit' | 'clock'>) =>
  async (input: CycleRef): Promise<Timeline> => {
    const cycle = await d.cycles.getCycle(input.boardId, input.cycleId);
    if (!cycle) throw new NotFoundError(`Board "${input.boardId}" has no cycle "${input.cycleId}".`);
    // A cancel that raced this start (its execution is stopped) stays cancelled: nothing marks it running again.
    if (cycle.status !== 'running') await d.cycles.updateCycle(input.boardId, input.cycleId, (c) => (c.status === 'cancelled' ? {} : { status: 'running' }));
    // Every start passes here once, whoever started it (the CLI, the console, a next cycle's schedule);
    // a resumed cycle is running already, and re-enters by ReplanTimeline.
    if (cycle.status === 'scheduled') d.telemetry.count('CyclesStarted');
    // A cycle its schedule started: no person's command ran, so the start is the system's. Keyed as the
    // console's and the CLI's start is, so a cycle one of them started gets no second entry.
    if (cycle.status === 'scheduled' && cycle.scheduledStart && cycle.executionArn) {
      const what = { type: 'cycle-started', meetingDate: cycle.meeting.date } as const;
      await recordAudit(d, cycle.boardId, SYSTEM, what, { cycleId: cycle.cycleId, key: `started#${cycle.executionArn}` });
    }
    return cycle.timeline;
  };
