import { makeWaitForMinutesDraft } from '../../../functions/wait-for-minutes-draft/wait-for-minutes-draft';
import { NotFoundError } from '../../../functions/shared/domain/errors';
import { member } from '../../support/builders';
import { appLinks, MINUTES, people, recipients, saveMinutes, scenario } from './scenario';

const AFTER_MEETING = '2027-03-11T09:00:00.000Z';

describe('WaitForMinutesDraft', () => {
  it('stores the token and asks the secretariat for the first draft, with a single-use link', async () => {
    const { d, ref } = await scenario({ now: AFTER_MEETING });

    await makeWaitForMinutesDraft(d)({ ...ref, taskToken: 't1' });

    expect(await d.waits.getWait('c', 'minutes-draft')).toEqual({ taskToken: 't1', at: AFTER_MEETING });
    const [email, ...others] = d.emails('minutes-draft-request');
    expect(others).toEqual([]);
    expect(recipients([email!])).toEqual([people.secretariat.email]);
    expect(email!.subject).toMatch(/^Minutes draft due .*: Riverside Safety Board, Wednesday 10 March$/);
    expect(d.links.forUrl(appLinks(email)[0]!)).toMatchObject({ purpose: 'submit-minutes', memberId: 'sam', singleUse: true });
  });

  it("asks for a revision with the chair's comments once the chair asked for changes, and each round once", async () => {
    const { d, ref } = await scenario({ now: AFTER_MEETING });
    const wait = makeWaitForMinutesDraft(d);
    await wait({ ...ref, taskToken: 't1' });
    await saveMinutes(d, MINUTES, { status: 'changes-requested', changeRequest: { by: 'cara', at: AFTER_MEETING, comment: 'Name the presenter in item 2.' } });

    await wait({ ...ref, taskToken: 't2' });
    await wait({ ...ref, taskToken: 't3' });

    const emails = d.emails('minutes-draft-request');
    expect(emails).toHaveLength(2);
    expect(emails[1]!.subject).toMatch(/^Changes requested: revised minutes due/);
    expect(emails[1]!.text).toContain('Name the presenter in item 2.');
    expect(emails[1]!.text).toContain('Changes requested by Cara Chair');
    expect((await d.waits.getWait('c', 'minutes-draft'))?.taskToken).toBe('t3');
  });

  it('refuses a board with no secretariat', async () => {
    const { d, ref } = await scenario({ members: [member('cara', 'Cara Chair', 'Council', ['chair'])] });
    await expect(makeWaitForMinutesDraft(d)({ ...ref, taskToken: 't1' })).rejects.toThrow(NotFoundError);
  });
});
