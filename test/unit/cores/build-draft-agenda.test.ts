import { makeBuildDraftAgenda } from '../../../functions/build-draft-agenda/build-draft-agenda';
import { NotFoundError } from '../../../functions/shared/domain/errors';
import type { Proposal } from '../../../functions/shared/domain/types';
import { scenario } from './scenario';

const proposal = (proposalId: string, title: string, createdAt: string): Proposal => ({
  cycleId: 'c',
  proposalId,
  title,
  purpose: 'decision',
  presenterMemberId: 'ann',
  estimatedMinutes: 15,
  confidential: false,
  proposedBy: 'ann',
  createdAt,
});

describe('BuildDraftAgenda', () => {
  it('puts the standing items first, then proposals in the order they came, with papers expected from their presenters', async () => {
    const { d, ref } = await scenario();
    await d.cycles.addProposal(proposal('p2', 'Night-time economy', '2027-02-02T10:00:00.000Z'));
    await d.cycles.addProposal(proposal('p1', 'Knife crime plan', '2027-02-01T10:00:00.000Z'));

    expect(await makeBuildDraftAgenda(d)(ref)).toEqual({ items: 4 });

    const items = await d.cycles.listItems('c');
    expect(items.map((i) => [i.number, i.title, i.source, i.paperExpected])).toEqual([
      [1, 'Apologies', 'standing', false],
      [2, 'Minutes of the last meeting', 'standing', false],
      [3, 'Knife crime plan', 'proposal', true],
      [4, 'Night-time economy', 'proposal', true],
    ]);
    expect(items[2]).toMatchObject({ presenterMemberId: 'ann', estimatedMinutes: 15 });
  });

  it("lists an earlier cycle's open action under the minutes item", async () => {
    const { d, ref } = await scenario();
    await d.cycles.createCycle({ ...(await d.cycles.getCycle('b', 'c'))!, cycleId: 'earlier', meeting: { date: '2026-12-01', time: '10:00', venue: 'x' } });
    await d.actions.createActions('b', 'earlier#minutes', [
      { cycleId: 'earlier', ownerMemberIds: ['bob'], ownersAsWritten: ['Bob Baker'], text: 'Map the hotspots.', status: 'open' },
    ]);

    await makeBuildDraftAgenda(d)(ref);

    const minutesItem = (await d.cycles.listItems('c')).find((i) => i.title === 'Minutes of the last meeting');
    expect(minutesItem?.notes?.join('\n')).toContain('Map the hotspots.');
  });

  it('writes the same agenda when retried, leaving no item of an earlier attempt behind', async () => {
    const { d, ref } = await scenario();
    await d.cycles.putItems('c', [
      { cycleId: 'c', number: 9, title: 'Left over', purpose: 'discussion', source: 'standing', paperExpected: false, confidential: false },
    ]);
    const build = makeBuildDraftAgenda(d);

    await build(ref);
    const first = await d.cycles.listItems('c');
    await build(ref);

    expect(await d.cycles.listItems('c')).toEqual(first);
    expect(first.map((i) => i.title)).toEqual(['Apologies', 'Minutes of the last meeting']);
  });

  it('refuses a board that does not exist', async () => {
    const { d } = await scenario();
    await expect(makeBuildDraftAgenda(d)({ boardId: 'nope', cycleId: 'c' })).rejects.toThrow(NotFoundError);
  });
});
