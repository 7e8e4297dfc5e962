import { decideDueDate } from '../../../functions/http/links/decide-due-date/core';
import type { Action } from '../../../functions/shared/domain/types';
import type { FakeDeps } from '../../support/fakes';
import { anAction, beforeNextCall, decisionOn, HOSTILE_DECISIONS, people, recipients, scenario, updatedMeanwhile, withProposedDue } from './scenario';

const LATER = '2027-04-12T09:00:00.000Z';

/** Ann's action 1, due 1 April 2027, with her proposal `due-1` of 28 May 2027 waiting for the secretariat. */
async function proposed(): Promise<{ d: FakeDeps; action: Action }> {
  const { d } = await scenario({ now: LATER });
  return { d, action: await withProposedDue(d, await anAction(d)) };
}

/** Sam's answer to proposal `due-1` as the page posts it. */
const decide = async (d: FakeDeps, action: Action, fields: Record<string, unknown>) => decideDueDate(d, await decisionOn(d, action, 'due-1', fields));

const kinds = async (d: FakeDeps, action: Action): Promise<(string | undefined)[]> => (await d.actions.listEvents(action.actionId)).map((e) => e.kind);

describe('the decide-due-date link', () => {
  it('accepting moves the due date, records who decided, and tells the owner', async () => {
    const { d, action } = await proposed();

    expect(await decide(d, action, { decision: 'accept' })).toEqual({
      outcome: 'Sam Secretary accepted Friday 28 May 2027 as the new due date of action 1 on Monday 12 April 2027, 10:00.',
      told: 'Ann Able has been told by email.',
      accepted: true,
    });

    const after = await d.actions.getAction('b', action.actionId);
    expect(after).toMatchObject({ due: '2027-05-28', version: 3 });
    expect(after?.pendingDue).toBeUndefined();
    expect((await d.actions.listEvents(action.actionId)).at(-1)).toMatchObject({ kind: 'due-accepted', by: 'sam', ref: 'due-1', at: LATER });
    const emails = d.emails('action-due-decision');
    expect(recipients(emails)).toEqual([people.ann.email]);
    expect(emails[0]!.subject).toBe('Action 1: new due date accepted (Friday 28 May)');
  });

  it('declining keeps the due date and passes the reason on to the owner', async () => {
    const { d, action } = await proposed();

    await decide(d, action, { decision: 'decline', reason: 'The partners meet in April.' });

    const after = await d.actions.getAction('b', action.actionId);
    expect(after?.due).toBe('2027-04-01');
    expect(after?.pendingDue).toBeUndefined();
    expect(await kinds(d, action)).toEqual(['due-proposed', 'due-declined']);
    const [email] = d.emails('action-due-decision');
    expect(email!.subject).toBe('Action 1: new due date not accepted');
    expect(email!.text).toContain('The partners meet in April.');
  });

  it('refuses a second answer to the same proposal, with the action as it stands, and writes no more', async () => {
    const { d, action } = await proposed();
    await decide(d, action, { decision: 'accept' });

    const again = await decide(d, action, { decision: 'decline' });

    expect(again).toEqual({ refused: expect.objectContaining({ due: '2027-05-28', version: 3 }) });
    expect(await kinds(d, action)).toEqual(['due-proposed', 'due-accepted']);
    expect(d.emails()).toHaveLength(1);
  });

  it('refuses a proposal the owner has since replaced, leaving the newer one pending', async () => {
    const { d, action } = await proposed();
    await withProposedDue(d, action, '2027-06-30', 'due-2');

    expect(await decide(d, action, { decision: 'accept' })).toMatchObject({ refused: { due: '2027-04-01' } });
    expect((await d.actions.getAction('b', action.actionId))?.pendingDue).toMatchObject({ id: 'due-2', due: '2027-06-30' });
    expect(d.emails()).toEqual([]);
  });

  it('decides on what it reads again when the owner replaces the proposal between its read and its write', async () => {
    const { d, action } = await proposed();
    beforeNextCall(d.actions, 'recordChange', () => withProposedDue(d, action, '2027-06-30', 'due-2'));

    expect(await decide(d, action, { decision: 'accept' })).toHaveProperty('refused');

    expect(await d.actions.getAction('b', action.actionId)).toMatchObject({ due: '2027-04-01', pendingDue: { id: 'due-2' } });
    expect(d.emails()).toEqual([]);
  });

  it("keeps the owner's update that lands between its read and its write, and still decides", async () => {
    const { d, action } = await proposed();
    updatedMeanwhile(d, action, { by: 'ann', status: 'in-progress', note: 'Started.' });

    await decide(d, action, { decision: 'accept' });

    expect(await d.actions.getAction('b', action.actionId)).toMatchObject({ status: 'in-progress', due: '2027-05-28', version: 4 });
    expect(await kinds(d, action)).toEqual(['due-proposed', undefined, 'due-accepted']);
  });

  it('refuses a decision on an action that has been closed', async () => {
    const { d, action } = await proposed();
    await d.actions.recordChange('b', action.actionId, 2, { status: 'done', pendingDue: null }, []);

    expect(await decide(d, action, { decision: 'accept' })).toMatchObject({ refused: { status: 'done', due: '2027-04-01' } });
    expect(d.emails()).toEqual([]);
  });

  it('decides for an owner who has left the board, and says nobody was told', async () => {
    const { d, action } = await proposed();
    await d.boards.removeMember('b', 'ann');

    expect(await decide(d, action, { decision: 'decline' })).toMatchObject({
      told: 'The owner who proposed it is no longer a member, so nobody was told.',
      accepted: false,
    });
    expect(d.emails()).toEqual([]);
  });

  it('refuses a hostile answer form, saying what to do, and decides nothing', async () => {
    const { d, action } = await proposed();

    for (const [fields, refused] of HOSTILE_DECISIONS) await expect(decide(d, action, fields)).rejects.toThrow(refused);

    expect(await d.actions.getAction('b', action.actionId)).toMatchObject({ version: 2, pendingDue: { id: 'due-1' } });
    expect(d.emails()).toEqual([]);
  });
});

describe('the decide-due-date link, in the audit trail', () => {
  const decisions = async (d: FakeDeps) => (await d.audit.list('b')).filter((e) => e.what.type === 'action-decided');

  it('records the decision itself as the decider’s, besides the action change, once', async () => {
    const { d, action } = await proposed();

    await decide(d, action, { decision: 'decline', reason: 'The partners meet in April.' });
    await decide(d, action, { decision: 'decline', reason: 'The partners meet in April.' });

    expect(await decisions(d)).toEqual([
      expect.objectContaining({
        cycleId: 'c',
        who: { kind: 'member', name: people.secretariat.name, email: people.secretariat.email },
        what: {
          type: 'action-decided',
          actionId: action.actionId,
          number: 1,
          request: 'due-date',
          decision: 'declined',
          asked: 'Friday 28 May 2027',
          reason: 'The partners meet in April.',
        },
      }),
    ]);
    expect(await d.audit.types('b')).toContain('action-changed');
  });
});
