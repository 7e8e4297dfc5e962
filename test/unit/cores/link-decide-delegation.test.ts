import { decideHandOver } from '../../../functions/http/links/decide-delegation/core';
import type { Action } from '../../../functions/shared/domain/types';
import type { FakeDeps } from '../../support/fakes';
import {
  anAction,
  appLinks,
  beforeNextCall,
  decisionOn,
  HOSTILE_DECISIONS,
  people,
  recipients,
  scenario,
  updatedMeanwhile,
  withHandOverAsked,
} from './scenario';

const LATER = '2027-04-12T09:00:00.000Z';

/** Ann's action 1, with her request `handover-1` to hand it to Bob waiting for the secretariat. */
async function asked(): Promise<{ d: FakeDeps; action: Action }> {
  const { d } = await scenario({ now: LATER });
  return { d, action: await withHandOverAsked(d, await anAction(d)) };
}

/** Sam's answer to request `handover-1` as the page posts it. */
const decide = async (d: FakeDeps, action: Action, fields: Record<string, unknown>) => decideHandOver(d, await decisionOn(d, action, 'handover-1', fields));

const current = async (d: FakeDeps, action: Action): Promise<Action | undefined> => d.actions.getAction('b', action.actionId);

describe('the decide-delegation link', () => {
  it('confirming hands the action over, sends the new owner a link of their own, and tells the old one', async () => {
    const { d, action } = await asked();

    expect(await decide(d, action, { decision: 'accept' })).toEqual({
      outcome: 'Sam Secretary handed action 1 from Ann Able to Bob Baker on Monday 12 April 2027, 10:00.',
      told: 'Bob Baker has been sent the action with their own update link, and Ann Able has been told.',
      confirmed: true,
    });

    const after = await current(d, action);
    expect(after).toMatchObject({ ownerMemberIds: ['bob'], version: 3 });
    expect(after?.pendingDelegation).toBeUndefined();
    expect((await d.actions.listEvents(action.actionId)).at(-1)).toMatchObject({ kind: 'delegation-confirmed', by: 'sam', ref: 'handover-1' });
    const [request] = d.emails('action-update-request');
    expect(recipients([request!])).toEqual([people.bob.email]);
    expect(request!.text).toContain('Ann Able handed this action to you, and the secretariat confirmed it: it is yours now.');
    expect(d.links.forUrl(appLinks(request)[0]!)).toMatchObject({ purpose: 'update-action', memberId: 'bob', subject: action.actionId, singleUse: false });
    const told = d.emails('action-delegation-decision');
    expect(recipients(told)).toEqual([people.ann.email]);
    expect(told[0]!.subject).toBe('Action 1 handed to Bob Baker');
  });

  it('declining leaves the action with its owner, and tells her why', async () => {
    const { d, action } = await asked();

    expect(await decide(d, action, { decision: 'decline', reason: 'Bob is away until June.' })).toMatchObject({
      told: 'Ann Able has been told; the action stays with them.',
      confirmed: false,
    });

    const after = await current(d, action);
    expect(after?.ownerMemberIds).toEqual(['ann']);
    expect(after?.pendingDelegation).toBeUndefined();
    expect(d.emails('action-update-request')).toEqual([]);
    const [told] = d.emails('action-delegation-decision');
    expect(told!.subject).toBe('Action 1 stays with you: hand-over not confirmed');
    expect(told!.text).toContain('Bob is away until June.');
  });

  it('refuses a second answer to the same request, sending nothing more', async () => {
    const { d, action } = await asked();
    await decide(d, action, { decision: 'decline' });

    expect(await decide(d, action, { decision: 'accept' })).toMatchObject({ refused: { ownerMemberIds: ['ann'], version: 3 } });
    expect(d.emails()).toHaveLength(1);
  });

  it('refuses to hand the action to someone who has left the board, saying to decline instead', async () => {
    const { d, action } = await asked();
    await d.boards.removeMember('b', 'bob');

    expect(await decide(d, action, { decision: 'accept' })).toMatchObject({
      refused: { ownerMemberIds: ['ann'] },
      why: 'The member it was to go to is no longer on Riverside Safety Board, so it cannot go to them: please decline instead.',
    });
    expect((await current(d, action))?.pendingDelegation).toMatchObject({ id: 'handover-1' });
    expect(d.emails()).toEqual([]);
  });

  it('refuses when the owner who asked is no longer an owner, saying there is nothing to hand over', async () => {
    const { d, action } = await asked();
    await d.actions.recordChange('b', action.actionId, 2, { ownerMemberIds: ['cara'] }, []);

    expect(await decide(d, action, { decision: 'accept' })).toMatchObject({
      refused: { ownerMemberIds: ['cara'] },
      why: 'Ann Able is no longer an owner of action 1, so there is nothing to hand over.',
    });
    expect(d.emails()).toEqual([]);
  });

  it("keeps the owner's update that lands between its read and its write, then hands the action over", async () => {
    const { d, action } = await asked();
    updatedMeanwhile(d, action, { by: 'ann', status: 'in-progress', note: 'Draft sent.' });

    await decide(d, action, { decision: 'accept' });

    expect(await current(d, action)).toMatchObject({ status: 'in-progress', ownerMemberIds: ['bob'], version: 4 });
  });

  it('refuses once the owner closes the action between its read and its write, sending nothing', async () => {
    const { d, action } = await asked();
    beforeNextCall(d.actions, 'recordChange', () => d.actions.recordChange('b', action.actionId, 2, { status: 'done', pendingDelegation: null }, []));

    expect(await decide(d, action, { decision: 'accept' })).toMatchObject({ refused: { status: 'done', ownerMemberIds: ['ann'] } });
    expect(d.emails()).toEqual([]);
  });

  it('refuses a hostile answer form, saying what to do, and decides nothing', async () => {
    const { d, action } = await asked();

    for (const [fields, refused] of HOSTILE_DECISIONS) await expect(decide(d, action, fields)).rejects.toThrow(refused);

    expect(await current(d, action)).toMatchObject({ version: 2, ownerMemberIds: ['ann'], pendingDelegation: { id: 'handover-1' } });
    expect(d.emails()).toEqual([]);
  });
});

describe('the decide-delegation link, in the audit trail', () => {
  const decisions = async (d: FakeDeps) => (await d.audit.list('b')).filter((e) => e.what.type === 'action-decided');

  it('records the decision itself as the decider’s, besides the action change, once', async () => {
    const { d, action } = await asked();

    await decide(d, action, { decision: 'accept' });
    await decide(d, action, { decision: 'accept' });

    expect(await decisions(d)).toEqual([
      expect.objectContaining({
        cycleId: 'c',
        who: { kind: 'member', name: people.secretariat.name, email: people.secretariat.email },
        what: { type: 'action-decided', actionId: action.actionId, number: 1, request: 'hand-over', decision: 'accepted', asked: 'Bob Baker' },
      }),
    ]);
    expect(await d.audit.types('b')).toContain('action-changed');
  });
});
