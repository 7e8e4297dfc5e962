import { loadActionRows } from '../../../functions/admin/action-register';
import { NotFoundError } from '../../../functions/shared/domain/errors';
import { scenario } from './scenario';

describe('the action register', () => {
  it("lists the board's actions by number, owners by name, each with its owner's latest update", async () => {
    const { d } = await scenario();
    const base = { cycleId: 'c', ownersAsWritten: [], status: 'open' as const };
    const [first] = await d.actions.createActions('b', 'c#minutes', [
      { ...base, ownerMemberIds: ['ann', 'bob'], text: 'Write the joint bid.', due: '2027-04-01', itemNumber: 2 },
      { ...base, ownersAsWritten: ['The Press Office'], ownerMemberIds: [], text: 'Brief the press.' },
    ]);
    const at = '2027-03-20T10:00:00.000Z';
    await d.actions.recordUpdate('b', first!.actionId, 1, { actionId: first!.actionId, at, by: 'ann', status: 'in-progress', note: 'Drafting' });
    // A due-date proposal is no owner's update: the register keeps showing the last real one.
    await d.actions.recordChange('b', first!.actionId, 2, {}, [
      { actionId: first!.actionId, at: '2027-03-21T10:00:00.000Z', by: 'ann', status: 'in-progress', note: 'Proposes May', kind: 'due-proposed' },
    ]);

    expect(await loadActionRows(d, 'b')).toEqual([
      {
        number: 1,
        status: 'in-progress',
        owners: 'Ann Able; Bob Baker',
        text: 'Write the joint bid.',
        due: '2027-04-01',
        meeting: 'c',
        item: '2',
        latestUpdate: '2027-03-20 in-progress: Drafting',
      },
      { number: 2, status: 'open', owners: 'Unassigned (The Press Office)', text: 'Brief the press.', due: '', meeting: 'c', item: '', latestUpdate: '' },
    ]);
    expect((await loadActionRows(d, 'b', 'open')).map((r) => r.number)).toEqual([2]);
  });

  it('refuses a board that does not exist', async () => {
    const { d } = await scenario();
    await expect(loadActionRows(d, 'nope')).rejects.toThrow(NotFoundError);
  });
});
