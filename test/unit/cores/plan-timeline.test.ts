import { makePlanTimeline } from '../../../functions/plan-timeline/plan-timeline';
import { NotFoundError } from '../../../functions/shared/domain/errors';
import { scenario } from './scenario';

describe('PlanTimeline', () => {
  it('marks a scheduled cycle running and hands over the timeline planned when it was started', async () => {
    const { d, cycle, ref } = await scenario({ cycle: { status: 'scheduled' } });

    const timeline = await makePlanTimeline(d)(ref);

    expect(timeline).toEqual(cycle.timeline);
    expect(await d.cycles.getCycle('b', 'c')).toMatchObject({ status: 'running', version: 2 });
  });

  it('writes nothing for a cycle already running (a retried first state)', async () => {
    const { d, ref } = await scenario();

    await makePlanTimeline(d)(ref);

    expect(await d.cycles.getCycle('b', 'c')).toMatchObject({ status: 'running', version: 1 });
  });

  it('refuses a cycle that does not exist', async () => {
    const { d } = await scenario();
    await expect(makePlanTimeline(d)({ boardId: 'b', cycleId: 'nope' })).rejects.toThrow(NotFoundError);
  });
});
