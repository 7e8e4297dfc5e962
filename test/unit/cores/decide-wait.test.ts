import { NotWaitingError } from '../../../functions/shared/domain/errors';
import { decideWait } from '../../../functions/shared/services/callbacks';
import { fakeDeps } from '../../support/fakes';

const CYCLE = 'board-2027-01-20';

describe('decideWait', () => {
  it('tells the second of two answers arriving together that someone answered, when the first cleared the wait between its read and its claim', async () => {
    const d = fakeDeps();
    await d.waits.putWait(CYCLE, 'chair-approval', 'token-1', d.clock.now().toISOString());
    // The link's answer is delivered (its resume clears the record) just after the reply read the wait.
    const claim = d.waits.claimDecision.bind(d.waits);
    jest.spyOn(d.waits, 'claimDecision').mockImplementationOnce(async (...args) => {
      await d.waits.takeWait(CYCLE, 'chair-approval', 'token-1');
      return claim(...args);
    });
    const decide = jest.fn(async () => ({ output: { decision: 'approve' }, outcome: 'Approved.' }));

    const answer = decideWait(d, CYCLE, 'chair-approval', 'reply-hash', decide);

    await expect(answer).rejects.toThrow(NotWaitingError);
    await expect(answer).rejects.toThrow('Someone has already answered: the cycle is no longer waiting for someone to approve the minutes.');
    expect(decide).not.toHaveBeenCalled();
    expect(d.workflow.resumed).toEqual([]);
  });
});
