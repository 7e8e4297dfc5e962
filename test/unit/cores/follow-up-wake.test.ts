import { makeSendActionReminders } from '../../../functions/send-action-reminders/send-action-reminders';
import { makeWaitForNextFollowUpDay } from '../../../functions/send-action-reminders/wait-for-next-follow-up-day';
import { changeAction } from '../../../functions/shared/services/action-changes';
import type { FakeDeps } from '../../support/fakes';
import { anAction, scenario } from './scenario';

/** Monday 5 April 2027, 08:00 in London: the follow-up's run on a digest day. */
const MONDAY = '2027-04-05T07:00:00.000Z';
/** The run that a due date of Wednesday 7 April brings: the due-date reminder, 08:00 in London. */
const WEDNESDAY_RUN = '2027-04-07T07:00:00.000Z';
/** With nothing due sooner, the follow-up sleeps until the next digest, Monday 12 April. */
const NEXT_DIGEST = '2027-04-12T07:00:00.000Z';

async function following(): Promise<{ d: FakeDeps; ref: { boardId: string; cycleId: string }; actionId: string; next: string }> {
  const { d, ref } = await scenario({ now: MONDAY, cycle: { phase: 'SendActionReminders' } });
  const action = await anAction(d, { due: '2027-06-30' });
  const step = await makeSendActionReminders(d)(ref);
  return { d, ref, actionId: action.actionId, next: step.next };
}

const dueOn = (d: FakeDeps, actionId: string, due: string) =>
  changeAction(d, 'b', actionId, () => ({
    change: { due },
    events: [{ at: d.clock.now().toISOString(), by: 'secretariat', status: 'open', note: `Due ${due}` }],
  }));

describe('the follow-up asleep until its next day with work', () => {
  it('sleeps until the next digest when nothing is due sooner, and stays asleep', async () => {
    const { d, ref, next } = await following();
    expect(next).toBe(NEXT_DIGEST);
    await makeWaitForNextFollowUpDay(d)({ ...ref, taskToken: 't1', wakeAt: next });
    expect(d.workflow.resumed).toEqual([]);
    expect((await d.waits.getWait('c', 'follow-up'))?.taskToken).toBe('t1');
  });

  it('is woken with a new plan when a due date moves sooner, and sends nothing then', async () => {
    const { d, ref, actionId, next } = await following();
    await makeWaitForNextFollowUpDay(d)({ ...ref, taskToken: 't1', wakeAt: next });
    const sent = d.emails('action-reminder').length;

    await dueOn(d, actionId, '2027-04-07');

    expect(d.workflow.resumed).toEqual([{ taskToken: 't1', output: { next: WEDNESDAY_RUN, waitSeconds: 2 * 86_400, done: false } }]);
    expect(await d.waits.getWait('c', 'follow-up')).toBeUndefined();
    expect(d.emails('action-reminder')).toHaveLength(sent);
  });

  it('does not wake for a change reminders do not depend on', async () => {
    const { d, ref, actionId, next } = await following();
    await makeWaitForNextFollowUpDay(d)({ ...ref, taskToken: 't1', wakeAt: next });
    await changeAction(d, 'b', actionId, () => ({ change: {}, events: [{ at: d.clock.now().toISOString(), by: 'ann', status: 'open', note: 'Started' }] }));
    expect(d.workflow.resumed).toEqual([]);
  });

  it('catches a change made between the day’s run and its sleep: the sleep plans again after storing its token', async () => {
    const { d, ref, actionId, next } = await following();
    // No token is stored yet, so the change wakes nobody.
    await dueOn(d, actionId, '2027-04-07');
    expect(d.workflow.resumed).toEqual([]);

    await makeWaitForNextFollowUpDay(d)({ ...ref, taskToken: 't1', wakeAt: next });

    expect(d.workflow.resumed).toEqual([{ taskToken: 't1', output: { next: WEDNESDAY_RUN, waitSeconds: 2 * 86_400, done: false } }]);
  });

  it('is woken to close when a later cycle’s follow-up begins', async () => {
    const { d, ref, next } = await following();
    await makeWaitForNextFollowUpDay(d)({ ...ref, taskToken: 't1', wakeAt: next });
    const earlier = (await d.cycles.getCycle('b', 'c'))!;
    const later = { ...earlier, cycleId: 'c2', phase: 'SendActionReminders', timeline: { ...earlier.timeline, meeting: '2027-04-01T14:00:00.000Z' } };
    await d.cycles.createCycle(later);

    await makeSendActionReminders(d)({ boardId: 'b', cycleId: 'c2' });

    expect(d.workflow.resumed).toEqual([{ taskToken: 't1', output: expect.objectContaining({ done: true, handedOverTo: 'c2' }) }]);
  });
});
