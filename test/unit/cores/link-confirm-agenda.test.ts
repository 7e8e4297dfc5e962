import { agendaForm, confirmAgenda } from '../../../functions/http/links/confirm-agenda/core';
import { NotWaitingError, ValidationError } from '../../../functions/shared/domain/errors';
import { parseOrThrow } from '../../../functions/shared/domain/validate';
import { item } from '../../support/builders';
import type { FakeDeps } from '../../support/fakes';
import { context, LONG, people, recipients, refusal, scenario, waiting } from './scenario';

const AFTER_ITEM_DEADLINE = '2027-02-18T09:00:00.000Z';

/** The draft agenda: two standing items and two members' proposals; the cycle waits for the secretariat. */
async function draftAgenda(): Promise<{ d: FakeDeps; token: string }> {
  const { d } = await scenario({ now: AFTER_ITEM_DEADLINE });
  await d.cycles.putItems('c', [
    item(1, 'Apologies'),
    item(2, 'Minutes of the last meeting'),
    item(3, 'Knife crime plan', { source: 'proposal', proposedBy: 'ann', presenterMemberId: 'ann' }),
    item(4, 'Bus shelters', { source: 'proposal', proposedBy: 'bob', presenterMemberId: 'bob' }),
  ]);
  return { d, token: await waiting(d, 'agenda-confirmation') };
}

const DRAFT = ['1. Apologies', '2. Minutes of the last meeting', '3. Knife crime plan', '4. Bus shelters'];

/** The page's fields: every item of the draft kept in its place, unless `changes` says otherwise. */
const fields = (changes: Record<string, string> = {}): Record<string, string> => ({
  ...Object.fromEntries(
    DRAFT.flatMap((line, i) => [
      [`title_${i + 1}`, line.slice(3)],
      [`order_${i + 1}`, String(i + 1)],
      [`keep_${i + 1}`, 'yes'],
    ]),
  ),
  ...changes,
});

/** Each call confirms as a separate link (`by`: the claimant), as two secretariat members would. */
let confirmations = 0;

/** The secretariat's confirmation as the page posts it: the form read by its schema, then the core. */
const confirm = async (d: FakeDeps, form: Record<string, unknown>) =>
  confirmAgenda(d, { cycle: await context(d), confirmer: people.secretariat, edits: parseOrThrow(agendaForm, form, 'agenda'), by: `link-${++confirmations}` });

const titles = async (d: FakeDeps): Promise<string[]> => (await d.cycles.listItems('c')).map((i) => `${i.number}. ${i.title}`);

describe('the confirm-agenda link', () => {
  it('stores the edited agenda, tells each proposer whether their item is on it, and resumes the cycle', async () => {
    const { d, token } = await draftAgenda();
    const form = fields({ title_3: '  Knife crime plan 2027 ', order_3: '2', keep_4: '' });

    expect(await confirm(d, form)).toEqual({
      outcome: 'The agenda (3 items) was confirmed by Sam Secretary on Thursday 18 February 2027, 09:00.',
      declined: 1,
    });

    expect(await titles(d)).toEqual(['1. Apologies', '2. Knife crime plan 2027', '3. Minutes of the last meeting']);
    const [accepted] = d.emails('proposal-accepted');
    expect(recipients(d.emails('proposal-accepted'))).toEqual([people.ann.email]);
    expect(accepted!.subject).toBe('On the agenda for Wednesday 10 March 2027, 15:30: item 2, Knife crime plan 2027');
    expect(recipients(d.emails('proposal-declined'))).toEqual([people.bob.email]);
    expect(d.emails('proposal-declined')[0]!.subject).toBe('Not on the agenda for Wednesday 10 March 2027, 15:30: Bus shelters');
    expect(d.workflow.resumed).toEqual([{ taskToken: token, output: { confirmedBy: 'sam', items: 3 } }]);
  });

  it('refuses a second confirmation, leaving the agenda and the mail as the first left them', async () => {
    const { d } = await draftAgenda();
    await confirm(d, fields({ keep_4: '' }));

    await expect(confirm(d, fields({ keep_1: '' }))).rejects.toThrow(new NotWaitingError('The agenda has already been confirmed.'));

    expect(await titles(d)).toEqual(['1. Apologies', '2. Minutes of the last meeting', '3. Knife crime plan']);
    expect(d.emails()).toHaveLength(2);
    expect(d.workflow.resumed).toHaveLength(1);
  });

  it('does not write to a proposer who has left the board', async () => {
    const { d } = await draftAgenda();
    await d.boards.removeMember('b', 'bob');

    await confirm(d, fields({ keep_4: '' }));

    expect(d.emails('proposal-declined')).toEqual([]);
    expect(recipients(d.emails())).toEqual([people.ann.email]);
  });

  it('refuses edits that leave no agenda, storing nothing and leaving the cycle waiting', async () => {
    const { d } = await draftAgenda();

    await expect(confirm(d, fields({ keep_1: '', keep_2: '', keep_3: '', keep_4: '' }))).rejects.toThrow(
      new ValidationError('An empty agenda cannot be confirmed: keep at least one item.'),
    );

    expect(await titles(d)).toEqual(DRAFT);
    expect(d.emails()).toEqual([]);
    expect(d.workflow.resumed).toEqual([]);
    expect(await d.waits.getWait('c', 'agenda-confirmation')).toBeDefined();
  });

  it('refuses a hostile form, naming each item to fix, and stores nothing', async () => {
    const { d } = await draftAgenda();
    const { title_2: _missing, ...withoutItem2 } = fields();

    await expect(confirm(d, fields({ title_1: LONG }))).rejects.toThrow(new ValidationError('Item 1 needs a title of 3 to 200 characters.'));
    await expect(confirm(d, withoutItem2)).rejects.toThrow('Item 2 is missing from the form; reload the page and try again.');
    await expect(confirm(d, fields({ order_3: 'first' }))).rejects.toThrow('Item 3 needs a position on the agenda.');
    expect(refusal(agendaForm, { ...fields(), title_1: 42 }, 'agenda').message).toMatch(/^Invalid agenda: title_1: /);
    expect(refusal(agendaForm, 'title_1=Apologies', 'agenda').message).toMatch(/^Invalid agenda: /);

    expect(await titles(d)).toEqual(DRAFT);
    expect(d.emails()).toEqual([]);
    expect(d.workflow.resumed).toEqual([]);
  });
});
