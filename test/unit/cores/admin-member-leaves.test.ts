import { makeAssignAction, makeMemberLeaves } from '../../../functions/admin/member-leaves';
import type { Action } from '../../../functions/shared/domain/types';
import type { FakeDeps } from '../../support/fakes';
import { people, recipients, scenario } from './scenario';

async function actions(d: FakeDeps): Promise<Action[]> {
  const base = { cycleId: 'c', ownersAsWritten: [], status: 'open' as const };
  const created = await d.actions.createActions('b', 'c#minutes', [
    { ...base, ownerMemberIds: ['bob'], text: 'Map the hotspots.' },
    { ...base, ownerMemberIds: ['bob', 'ann'], text: 'Write the joint bid.' },
    { ...base, ownerMemberIds: ['bob'], text: 'Done before he left.', status: 'done' },
    { ...base, ownerMemberIds: ['ann'], text: 'Ann asked to hand this to Bob.' },
  ]);
  const delegation = { id: 'h1', from: 'ann', to: 'bob', at: '2027-01-02T10:00:00.000Z', reason: 'He leads on this.' };
  await d.actions.recordChange('b', created[3]!.actionId, 1, { pendingDelegation: delegation }, []);
  return created;
}

describe('a member who leaves the board', () => {
  it('gives their open actions back to the secretariat, keeps shared ones with the others, removes them and tells the secretariat', async () => {
    const { d } = await scenario();
    const [solo, shared, done, handOver] = await actions(d);

    expect(await makeMemberLeaves(d)({ boardId: 'b', member: 'BOB@example.org', reason: 'retired' })).toEqual({
      memberId: 'bob',
      unassigned: [1],
      kept: [2, 4],
    });

    expect(await d.actions.getAction('b', solo!.actionId)).toMatchObject({ ownerMemberIds: [], status: 'open' });
    expect(await d.actions.getAction('b', shared!.actionId)).toMatchObject({ ownerMemberIds: ['ann'] });
    expect(await d.actions.getAction('b', done!.actionId)).toMatchObject({ ownerMemberIds: ['bob'], version: 1 });
    expect((await d.actions.getAction('b', handOver!.actionId))?.pendingDelegation).toBeUndefined();
    expect((await d.actions.listEvents(solo!.actionId)).at(-1)).toMatchObject({
      kind: 'owner-left',
      note: 'Bob Baker left the board (retired); it goes back to the secretariat to reassign.',
    });
    expect(await d.boards.getMember('b', 'bob')).toBeUndefined();
    const told = d.emails('actions-to-reassign');
    expect(recipients(told)).toEqual([people.secretariat.email]);
    expect(told[0]!.subject).toBe('1 action to reassign: Bob Baker has left');
  });

  it("refuses to remove the board's only secretariat member, changing nothing", async () => {
    const { d } = await scenario();
    await actions(d);
    await expect(makeMemberLeaves(d)({ boardId: 'b', member: 'sam' })).rejects.toThrow("Sam Secretary is the board's only secretariat");
    expect(await d.boards.getMember('b', 'sam')).toBeDefined();
    expect(d.emails()).toEqual([]);
  });

  it('assigns an action to a new owner, who gets it with an update link, and refuses a closed one', async () => {
    const { d } = await scenario();
    const [solo] = await actions(d);
    await makeMemberLeaves(d)({ boardId: 'b', member: 'bob' });

    expect(await makeAssignAction(d)({ boardId: 'b', action: 1, to: ['cara@example.org'] })).toEqual({ action: 1, owners: ['cara'] });

    expect(await d.actions.getAction('b', solo!.actionId)).toMatchObject({ ownerMemberIds: ['cara'] });
    const sent = d.emails('action-update-request');
    expect(recipients(sent)).toEqual([people.chair.email]);
    expect(sent[0]!.text).toContain('The secretariat has given this action to you: it is yours now.');
    await expect(makeAssignAction(d)({ boardId: 'b', action: 3, to: ['ann'] })).rejects.toThrow('is done');
    await expect(makeAssignAction(d)({ boardId: 'b', action: 2, to: ['bob'] })).rejects.toThrow('There is no member "bob"');
  });
});
