import { actionForm, requestHandOver, saveUpdate, sendFreshLink, type ActionRef } from '../../../functions/http/links/update-action/core';
import { DAY_MS } from '../../../functions/shared/domain/calendar';
import type { Action, Member } from '../../../functions/shared/domain/types';
import { parseOrThrow } from '../../../functions/shared/domain/validate';
import type { FakeDeps } from '../../support/fakes';
import { anAction, appLinks, context, LONG, people, recipients, refusal, scenario, updatedMeanwhile, withHandOverAsked } from './scenario';

const LATER = '2027-04-12T09:00:00.000Z';
const TODAY = '2027-04-12';

/** The form of `owner`'s link read by its schema (as the page reads it), then saved or sent by the core. */
async function post(d: FakeDeps, action: Action, fields: Record<string, unknown>, owner: Member = people.ann) {
  const cycle = await context(d);
  const input = parseOrThrow(
    actionForm(
      TODAY,
      cycle.members.filter((m) => m.memberId !== owner.memberId),
    ),
    fields,
    'update',
  );
  const ref: ActionRef = { cycle, boardId: 'b', actionId: action.actionId, owner };
  return input.do === 'delegate' ? requestHandOver(d, ref, input) : saveUpdate(d, ref, input);
}

const current = async (d: FakeDeps, action: Action): Promise<Action | undefined> => d.actions.getAction('b', action.actionId);

describe('the update-action link', () => {
  it("saves the owner's update with its note in the history", async () => {
    const { d } = await scenario({ now: LATER });
    const action = await anAction(d);

    expect(await post(d, action, { do: 'update', status: 'in-progress', note: ' Draft with partners. ' })).toEqual({
      outcome: 'Action 1 is now in progress.',
    });

    expect(await current(d, action)).toMatchObject({ status: 'in-progress', version: 2 });
    expect(await d.actions.listEvents(action.actionId)).toEqual([
      { actionId: action.actionId, at: LATER, by: 'ann', status: 'in-progress', note: 'Draft with partners.', kind: 'update' },
    ]);
    expect(d.emails()).toEqual([]);
  });

  it('sends a proposed due date to the secretariat with a single-use link to decide it', async () => {
    const { d } = await scenario({ now: LATER });
    const action = await anAction(d);

    expect(await post(d, action, { status: 'open', new_due: '2027-05-28', due_reason: 'Partners are late.' })).toEqual({
      outcome: 'Action 1 is now open. Your proposed due date, Friday 28 May 2027, has gone to the secretariat; you will hear by email.',
    });
    const pending = (await current(d, action))?.pendingDue;
    expect(pending).toMatchObject({ due: '2027-05-28', by: 'ann', reason: 'Partners are late.' });
    const [ask] = d.emails('action-due-proposed');
    expect(recipients([ask!])).toEqual([people.secretariat.email]);
    expect(ask!.subject).toBe('Action 1: new due date proposed (Friday 28 May)');
    expect(d.links.forUrl(appLinks(ask)[0]!)).toMatchObject({
      purpose: 'decide-due-date',
      memberId: 'sam',
      subject: `${action.actionId}/${pending!.id}`,
      singleUse: true,
    });
  });

  it('asks the secretariat to confirm a hand-over, leaving the action with its owner until then', async () => {
    const { d } = await scenario({ now: LATER });
    const action = await anAction(d);

    expect(await post(d, action, { do: 'delegate', delegate: 'bob', delegate_reason: 'Health leads on this.' })).toEqual({
      outcome: 'You asked to hand action 1 to Bob Baker.',
    });

    const after = await current(d, action);
    expect(after).toMatchObject({ ownerMemberIds: ['ann'], pendingDelegation: { from: 'ann', to: 'bob', reason: 'Health leads on this.' } });
    const [ask] = d.emails('action-delegation-proposed');
    expect(ask!.subject).toBe('Action 1: confirm hand-over to Bob Baker');
    expect(d.links.forUrl(appLinks(ask)[0]!)).toMatchObject({
      purpose: 'decide-delegation',
      memberId: 'sam',
      subject: `${action.actionId}/${after!.pendingDelegation!.id}`,
    });
  });

  it('refuses a closed action, a holder who is no longer an owner, and a second hand-over while one waits, writing nothing', async () => {
    const { d } = await scenario({ now: LATER });
    const closed = await anAction(d, { status: 'done' });
    const bobs = await anAction(d, { ownerMemberIds: ['bob'] });
    const shared = await withHandOverAsked(d, await anAction(d, { ownerMemberIds: ['ann', 'bob'] }), 'cara');

    expect(await post(d, closed, { status: 'in-progress' })).toMatchObject({
      refused: { reason: 'closed', message: 'Action 1 is done; it cannot be changed.' },
    });
    expect(await post(d, bobs, { status: 'done' })).toMatchObject({ refused: { reason: 'not-owner' } });
    expect(await post(d, shared, { do: 'delegate', delegate: 'ann', delegate_reason: 'Mine now.' }, people.bob)).toMatchObject({
      refused: {
        reason: 'other-request',
        message: 'Ann Able has already asked to hand action 3 to Cara Chair; please try again once the secretariat has answered.',
      },
    });

    expect((await d.actions.listActions('b')).map((a) => a.version)).toEqual([1, 1, 2]);
    expect(d.emails()).toEqual([]);
  });

  it('counts both of two owners saving at once, in order', async () => {
    const { d } = await scenario({ now: LATER });
    const action = await anAction(d, { ownerMemberIds: ['ann', 'bob'] });

    await Promise.all([
      post(d, action, { status: 'in-progress', note: 'Ann started.' }),
      post(d, action, { status: 'in-progress', note: 'Bob helped.' }, people.bob),
    ]);

    expect(await current(d, action)).toMatchObject({ status: 'in-progress', version: 3 });
    expect((await d.actions.listEvents(action.actionId)).map((e) => e.note)).toEqual(['Ann started.', 'Bob helped.']);
  });

  it('refuses an update when the action is closed between its read and its write', async () => {
    const { d } = await scenario({ now: LATER });
    const action = await anAction(d);
    updatedMeanwhile(d, action, { by: 'sam', status: 'dropped', note: 'Overtaken.' });

    expect(await post(d, action, { status: 'in-progress', new_due: '2027-05-28' })).toMatchObject({ refused: { reason: 'closed' } });
    expect(await current(d, action)).toMatchObject({ status: 'dropped', version: 2 });
    expect(d.emails()).toEqual([]);
  });

  it('refuses a hostile form, naming every problem with its limit, and writes nothing', async () => {
    const { d } = await scenario({ now: LATER });
    const action = await anAction(d);

    await expect(post(d, action, { status: 'open', note: LONG })).rejects.toThrow('Notes are limited to 2,000 characters; yours has 50,000 characters.');
    await expect(post(d, action, { note: 'no status', new_due: '2027-04-11', due_reason: LONG })).rejects.toThrow(
      'Choose a status from the list. Reasons are limited to 500 characters; yours has 50,000 characters. ' +
        'The proposed due date, Sunday 11 April 2027, is in the past: choose today or a later date.',
    );
    await expect(post(d, action, { status: 'open', new_due: '2027-02-30' })).rejects.toThrow('The proposed due date must be a real date, such as 2027-03-31.');
    await expect(post(d, action, { do: 'delegate', delegate: 'ann', delegate_reason: '' })).rejects.toThrow(
      'Choose the board member who should take the action on. Say why you are handing the action on.',
    );
    expect(refusal(actionForm(TODAY, []), { status: 5 }, 'update').message).toMatch(/^Invalid update: status: /);

    expect(await current(d, action)).toMatchObject({ version: 1, status: 'open' });
    expect(d.emails()).toEqual([]);
  });
});

describe('an expired update-action link', () => {
  const fresh = async (d: FakeDeps, action: Action, today: string) =>
    sendFreshLink(d, { cycle: await context(d), holder: people.ann, action, expiredTokenHash: 'expired-hash', today });

  it('emails its owner a fresh link, once a day however often the button is pressed', async () => {
    const { d } = await scenario({ now: LATER });
    const action = await anAction(d);

    expect(await fresh(d, action, TODAY)).toEqual({ sent: true, to: 'a***@example.org' });
    expect(await fresh(d, action, TODAY)).toEqual({ sent: false, to: 'a***@example.org' });

    const [email] = d.emails('action-fresh-link');
    expect(recipients(d.emails())).toEqual([people.ann.email]);
    expect(email!.subject).toBe('Your new link to update action 1');
    const link = d.links.forUrl(appLinks(email)[0]!);
    expect(link).toMatchObject({ purpose: 'update-action', memberId: 'ann', subject: action.actionId, singleUse: false });
    expect(Date.parse(link!.expiresAt)).toBe(Date.parse(LATER) + 90 * DAY_MS);
    expect(d.links.all()).toHaveLength(1);

    d.clock.advance(DAY_MS);
    expect(await fresh(d, action, '2027-04-13')).toMatchObject({ sent: true });
    expect(d.emails('action-fresh-link')).toHaveLength(2);
  });
});
