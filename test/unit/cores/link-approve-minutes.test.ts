import { answerMinutes, minutesAnswerForm, minutesToAnswer } from '../../../functions/http/links/approve-minutes/core';
import { NotFoundError, NotWaitingError } from '../../../functions/shared/domain/errors';
import { parseOrThrow } from '../../../functions/shared/domain/validate';
import type { FakeDeps } from '../../support/fakes';
import { context, LONG, MINUTES, people, refusal, saveMinutes, scenario, waiting } from './scenario';

const AFTER_MEETING = '2027-03-15T09:00:00.000Z';

/** Version 1 of the minutes is with the chair, and the cycle waits for the answer. */
async function withChair(): Promise<{ d: FakeDeps; token: string }> {
  const { d } = await scenario({ now: AFTER_MEETING });
  await saveMinutes(d, MINUTES);
  return { d, token: await waiting(d, 'chair-approval') };
}

/** Each call answers as a separate link (`by`: the claimant), as two people or two pages would. */
let answers = 0;

/** The chair's answer as the page posts it: the form read by its schema, then the core. */
const answer = async (d: FakeDeps, fields: Record<string, string>, version = 1): Promise<string> =>
  answerMinutes(d, await context(d), { version, chair: people.chair, answer: parseOrThrow(minutesAnswerForm, fields, 'answer'), by: `link-${++answers}` });

describe('the approve-minutes link', () => {
  it('approves the version, recording who and how, and resumes the waiting cycle with it', async () => {
    const { d, token } = await withChair();

    expect(await answer(d, { decision: 'approve' })).toBe('Version 1 of the minutes was approved by Cara Chair on Monday 15 March 2027, 09:00.');

    expect(await d.cycles.getMinutes('c', 1)).toMatchObject({ status: 'approved', approval: { by: 'cara', at: AFTER_MEETING, via: 'link' } });
    expect(d.workflow.resumed).toEqual([{ taskToken: token, output: { decision: 'approved', version: 1 } }]);
    expect(await d.waits.getWait('c', 'chair-approval')).toBeUndefined();
  });

  it("records the chair's requested changes and resumes the cycle so that a revision is asked for", async () => {
    const { d, token } = await withChair();

    await answer(d, { decision: 'request-changes', comment: '  Say who presented item 2.  ' });

    expect(await d.cycles.getMinutes('c', 1)).toMatchObject({
      status: 'changes-requested',
      changeRequest: { by: 'cara', comment: 'Say who presented item 2.', via: 'link' },
    });
    expect(d.workflow.resumed).toEqual([{ taskToken: token, output: { decision: 'changes-requested', version: 1 } }]);
  });

  it('refuses a second answer once the first has resumed the cycle, changing nothing', async () => {
    const { d } = await withChair();
    await answer(d, { decision: 'approve' });

    await expect(answer(d, { decision: 'request-changes', comment: 'Too late' })).rejects.toThrow(
      new NotWaitingError('Version 1 of these minutes is not awaiting your approval any more (it is approved).'),
    );
    expect((await d.cycles.getMinutes('c', 1))?.changeRequest).toBeUndefined();
    expect(d.workflow.resumed).toHaveLength(1);
  });

  it('refuses an answer when the cycle is no longer waiting for one, though the version is still submitted', async () => {
    const { d } = await scenario({ now: AFTER_MEETING });
    await saveMinutes(d, MINUTES);

    await expect(answer(d, { decision: 'approve' })).rejects.toThrow(NotWaitingError);
    expect((await d.cycles.getMinutes('c', 1))?.status).toBe('submitted');
    expect(d.workflow.resumed).toEqual([]);
  });

  it('lets one of two answers arriving together through, and resumes the cycle once', async () => {
    const { d } = await withChair();

    const [approve, changes] = await Promise.allSettled([
      answer(d, { decision: 'approve' }),
      answer(d, { decision: 'request-changes', comment: 'Fix item 2.' }),
    ]);

    expect(approve.status).toBe('fulfilled');
    expect(changes).toMatchObject({ status: 'rejected', reason: expect.any(NotWaitingError) });
    expect((await d.cycles.getMinutes('c', 1))?.status).toBe('approved');
    expect(d.workflow.resumed).toHaveLength(1);
  });

  it('shows the text of the version to answer, and refuses one a newer version has replaced', async () => {
    const { d } = await withChair();
    expect(await minutesToAnswer(d, 'c', 1)).toMatchObject({ minutes: { version: 1, status: 'submitted' }, text: MINUTES });
    await expect(minutesToAnswer(d, 'c', 4)).rejects.toThrow(NotFoundError);

    await saveMinutes(d, MINUTES.replace('discussed', 'agreed'));

    await expect(minutesToAnswer(d, 'c', 1)).rejects.toThrow('A newer version (2) of these minutes has been sent to you; please answer that one.');
    await expect(answer(d, { decision: 'approve' }, 1)).rejects.toThrow(NotWaitingError);
    expect((await d.cycles.getMinutes('c', 1))?.status).toBe('submitted');
    expect(d.workflow.resumed).toEqual([]);
  });

  it('refuses a hostile answer form with a message the chair can act on, storing nothing', async () => {
    const { d } = await withChair();

    expect(refusal(minutesAnswerForm, { decision: 'request-changes', comment: LONG }, 'answer').message).toBe(
      'Invalid answer: comment: keep the comment under 5,000 characters',
    );
    expect(refusal(minutesAnswerForm, { decision: 'request-changes', comment: ' ok ' }, 'answer').message).toBe(
      'Invalid answer: comment: say what should change',
    );
    expect(refusal(minutesAnswerForm, { decision: 'request-changes' }, 'answer').issues).toHaveLength(1);
    expect(refusal(minutesAnswerForm, {}, 'answer').message).toMatch(/^Invalid answer: decision: /);
    expect(refusal(minutesAnswerForm, { decision: 'request-changes', comment: ['a', 'b', 'c'] }, 'answer').message).toMatch(/^Invalid answer: comment: /);
    await expect(answer(d, { decision: 'reject' })).rejects.toThrow(/^Invalid answer: decision: /);

    expect((await d.cycles.getMinutes('c', 1))?.status).toBe('submitted');
    expect(d.workflow.resumed).toEqual([]);
  });
});
