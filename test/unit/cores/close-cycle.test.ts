import { makeCloseCycle } from '../../../functions/close-cycle/close-cycle';
import { NotFoundError } from '../../../functions/shared/domain/errors';
import { item, member } from '../../support/builders';
import { MINUTES, people, recipients, saveMinutes, scenario, upload } from './scenario';

describe('CloseCycle', () => {
  it("marks the cycle completed and sends the secretariat the cycle's figures", async () => {
    const { d, ref } = await scenario({ now: '2027-10-01T09:00:00.000Z' });
    await d.cycles.putItems('c', [item(1, 'Apologies'), item(2, 'Plan', { paperExpected: true }), item(3, 'Bid', { paperExpected: true })]);
    await upload(d, 2);
    await upload(d, 2, { late: true });
    await upload(d, 3, { kind: 'appendix', late: true });
    await saveMinutes(d, MINUTES);
    await saveMinutes(d, MINUTES, { status: 'approved' });
    const base = { cycleId: 'c', ownerMemberIds: ['ann'], ownersAsWritten: [], text: 'x' };
    await d.actions.createActions('b', 'c#minutes', [
      { ...base, status: 'open' },
      { ...base, status: 'done' },
    ]);

    expect(await makeCloseCycle(d)(ref)).toEqual({ status: 'completed' });

    expect(await d.cycles.getCycle('b', 'c')).toMatchObject({ status: 'completed', version: 2 });
    const [email, ...others] = d.emails('cycle-closed');
    expect(others).toEqual([]);
    expect(recipients([email!])).toEqual([people.secretariat.email]);
    expect(email!.subject).toBe('Cycle closed: Riverside Safety Board, Wednesday 10 March');
    // The late appendix counts as neither a paper nor a late paper.
    for (const fact of ['Agenda items: 3', 'Papers received: 1 (1 late)', 'Minutes versions: 2', 'Actions raised: 2', 'Actions still open: 1']) {
      expect(email!.text).toContain(fact);
    }
    expect(email!.text).toContain('Ended 204 days after the meeting');
  });

  it('sends the summary once and writes nothing more when retried', async () => {
    const { d, ref } = await scenario();
    await makeCloseCycle(d)(ref);
    await makeCloseCycle(d)(ref);

    expect(d.emails()).toHaveLength(1);
    expect((await d.cycles.getCycle('b', 'c'))?.version).toBe(2);
  });

  it('refuses a board without a secretariat after completing the cycle', async () => {
    const { d, ref } = await scenario({ members: [member('cara', 'Cara Chair', 'Council', ['chair'])] });
    await expect(makeCloseCycle(d)(ref)).rejects.toThrow(NotFoundError);
    expect(d.emails()).toEqual([]);
  });
});
