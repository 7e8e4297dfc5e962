import { makeWaitForAgendaConfirmation } from '../../../functions/wait-for-agenda-confirmation/wait-for-agenda-confirmation';
import { NotFoundError } from '../../../functions/shared/domain/errors';
import { item, member } from '../../support/builders';
import { appLinks, people, recipients, scenario } from './scenario';

describe('WaitForAgendaConfirmation', () => {
  it('stores the task token and asks the secretariat to confirm the agenda with a single-use link', async () => {
    const { d, ref } = await scenario();
    await d.cycles.putItems('c', [item(1, 'Apologies'), item(2, 'Knife crime plan', { presenterMemberId: 'ann', paperExpected: true })]);

    await makeWaitForAgendaConfirmation(d)({ ...ref, taskToken: 't1' });

    expect(await d.waits.getWait('c', 'agenda-confirmation')).toEqual({ taskToken: 't1', at: d.clock.now().toISOString() });
    const [email, ...others] = d.emails('agenda-confirmation-request');
    expect(others).toEqual([]);
    expect(recipients([email!])).toEqual([people.secretariat.email]);
    expect(email!.subject).toContain('Confirm the agenda by');
    expect(email!.text).toContain('Knife crime plan');
    expect(email!.text).toContain('Ann Able');
    expect(d.links.forUrl(appLinks(email)[0]!)).toMatchObject({ purpose: 'confirm-agenda', memberId: 'sam', singleUse: true });
  });

  it('keeps the newest token but sends no second email when the wait is entered again after a reminder', async () => {
    const { d, ref } = await scenario();
    const wait = makeWaitForAgendaConfirmation(d);

    await wait({ ...ref, taskToken: 't1' });
    await wait({ ...ref, taskToken: 't2' });

    expect((await d.waits.getWait('c', 'agenda-confirmation'))?.taskToken).toBe('t2');
    expect(d.emails()).toHaveLength(1);
    expect(d.links.all()).toHaveLength(1);
  });

  it('refuses a board with no secretariat', async () => {
    const { d, ref } = await scenario({ members: [member('cara', 'Cara Chair', 'Council', ['chair'])] });
    await expect(makeWaitForAgendaConfirmation(d)({ ...ref, taskToken: 't1' })).rejects.toThrow(NotFoundError);
    expect(d.emails()).toEqual([]);
  });
});
