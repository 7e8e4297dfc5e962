import { describeCause, makeRecordFailure } from '../../../functions/record-failure/record-failure';
import { NotFoundError } from '../../../functions/shared/domain/errors';
import { people, recipients, scenario } from './scenario';

const lambdaError = {
  Error: 'CallbackAbandonedError',
  Cause: JSON.stringify({ errorType: 'CallbackAbandonedError', errorMessage: 'Nobody approved the minutes.' }),
};

describe('RecordFailure', () => {
  it('records why the cycle stopped and tells the secretariat the step and the message', async () => {
    const { d, ref } = await scenario({ cycle: { phase: 'WaitForChairApproval' } });

    await makeRecordFailure(d)({ ...ref, error: lambdaError });

    expect(await d.cycles.getCycle('b', 'c')).toMatchObject({
      status: 'failed',
      failure: { error: 'CallbackAbandonedError', cause: 'Nobody approved the minutes.', at: d.clock.now().toISOString() },
    });
    const [email, ...others] = d.emails('cycle-failed');
    expect(others).toEqual([]);
    expect(recipients([email!])).toEqual([people.secretariat.email]);
    expect(email!.subject).toBe(
      "Action needed: the Riverside Safety Board cycle for Wednesday 10 March stopped while waiting for the chair's approval of the minutes",
    );
    expect(email!.text).toContain('Nobody approved the minutes.');
  });

  it('tells the secretariat once when retried', async () => {
    const { d, ref } = await scenario();
    await makeRecordFailure(d)({ ...ref, error: lambdaError });
    await makeRecordFailure(d)({ ...ref, error: lambdaError });
    expect(d.emails()).toHaveLength(1);
  });

  it('reads a cause that is not JSON as it is, and says when there is none', () => {
    expect(describeCause('Task timed out')).toBe('Task timed out');
    expect(describeCause(undefined)).toBe('No details were given.');
  });

  it('refuses a cycle that does not exist', async () => {
    const { d } = await scenario();
    await expect(makeRecordFailure(d)({ boardId: 'b', cycleId: 'nope', error: lambdaError })).rejects.toThrow(NotFoundError);
  });
});
