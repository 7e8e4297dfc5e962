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

  it("records a start by the cycle's schedule as the system's, once, and no second entry for a start someone made", async () => {
    const scheduledStart = { at: '2027-01-04T09:00:00.000Z', confirmedBy: 'Sam', confirmedAt: '2026-12-01T10:00:00.000Z' };
    const { d, ref } = await scenario({ cycle: { status: 'scheduled', scheduledStart, executionArn: 'arn:exec:c' } });

    await makePlanTimeline(d)(ref);
    await d.cycles.updateCycle('b', 'c', () => ({ status: 'scheduled' }));
    await makePlanTimeline(d)(ref);

    const entries = await d.audit.list('b');
    expect(entries.map((e) => ({ type: e.what.type, who: e.who.kind, cycleId: e.cycleId }))).toEqual([{ type: 'cycle-started', who: 'system', cycleId: 'c' }]);

    // Started from the console: its entry has the same key, so the first state adds none.
    const other = await scenario({ cycle: { status: 'scheduled', scheduledStart, executionArn: 'arn:exec:c' } });
    await other.d.audit.append('b', {
      at: '2026-12-01T10:00:00.000Z',
      who: { kind: 'secretariat', email: 's@example.org' },
      what: { type: 'cycle-started', meetingDate: '2027-02-03' },
      cycleId: 'c',
      key: 'started#arn:exec:c',
    });
    await makePlanTimeline(other.d)(other.ref);
    expect((await other.d.audit.list('b')).map((e) => e.who.kind)).toEqual(['secretariat']);
  });

  it('refuses a cycle that does not exist', async () => {
    const { d } = await scenario();
    await expect(makePlanTimeline(d)({ boardId: 'b', cycleId: 'nope' })).rejects.toThrow(NotFoundError);
  });
});
