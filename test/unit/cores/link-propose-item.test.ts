import { MAX_PROPOSALS_PER_MEMBER, proposalForm, proposeItem } from '../../../functions/http/links/propose-item/core';
import { LimitReachedError } from '../../../functions/shared/domain/errors';
import type { Member } from '../../../functions/shared/domain/types';
import { parseOrThrow } from '../../../functions/shared/domain/validate';
import type { FakeDeps } from '../../support/fakes';
import { context, LONG, people, recipients, refusal, scenario } from './scenario';

const BEFORE_ITEM_DEADLINE = '2027-02-11T09:00:00.000Z';
const BUS_SHELTERS = { title: 'Bus shelters', purpose: 'decision', presenter: 'bob', minutes: '15', nonce: 'form-nonce-1' };

/** Bob's proposal as the page posts it from his link: the form read by its schema, then the core. */
const propose = async (d: FakeDeps, fields: Record<string, unknown> = BUS_SHELTERS, proposer: Member = people.bob) =>
  proposeItem(d, { cycle: await context(d), proposer, tokenHash: `hash-of-${proposer.memberId}`, proposal: parseOrThrow(proposalForm, fields, 'proposal') });

describe('the propose-item link', () => {
  it('stores the proposal as the member made it and thanks them by email', async () => {
    const { d } = await scenario({ now: BEFORE_ITEM_DEADLINE });

    expect(await propose(d, { ...BUS_SHELTERS, title: '  Bus shelters ', confidential: 'yes' })).toEqual({
      outcome: '"Bus shelters" was proposed for the agenda.',
    });

    expect(await d.cycles.listProposals('c')).toEqual([
      {
        cycleId: 'c',
        proposalId: expect.stringMatching(/^[0-9a-f]{20}$/),
        title: 'Bus shelters',
        purpose: 'decision',
        presenterMemberId: 'bob',
        estimatedMinutes: 15,
        confidential: true,
        proposedBy: 'bob',
        createdAt: BEFORE_ITEM_DEADLINE,
      },
    ]);
    const thanks = d.emails('proposal-received');
    expect(recipients(thanks)).toEqual([people.bob.email]);
    expect(thanks[0]!.subject).toBe('Proposal received: Bus shelters');
    expect(thanks[0]!.text).toContain('Wednesday 17 February 2027, 17:00');
  });

  it('counts a form sent twice, or double-clicked, once', async () => {
    const { d } = await scenario({ now: BEFORE_ITEM_DEADLINE });

    await Promise.all([propose(d), propose(d)]);
    await propose(d);

    expect(await d.cycles.listProposals('c')).toHaveLength(1);
    expect(d.emails()).toHaveLength(1);
  });

  it('stores a second proposal from a fresh form, and the same form from another member separately', async () => {
    const { d } = await scenario({ now: BEFORE_ITEM_DEADLINE });

    await propose(d);
    await propose(d, { ...BUS_SHELTERS, title: 'Street lighting', nonce: 'form-nonce-2' });
    await propose(d, BUS_SHELTERS, people.ann);

    expect((await d.cycles.listProposals('c')).map((p) => `${p.proposedBy}: ${p.title}`).sort()).toEqual([
      'ann: Bus shelters',
      'bob: Bus shelters',
      'bob: Street lighting',
    ]);
    expect(recipients(d.emails('proposal-received')).sort()).toEqual([people.ann.email, people.bob.email, people.bob.email]);
  });

  it('refuses a presenter who is not a member of the board, storing nothing', async () => {
    const { d } = await scenario({ now: BEFORE_ITEM_DEADLINE });

    expect(await propose(d, { ...BUS_SHELTERS, presenter: 'mallory' })).toEqual({ refused: 'presenter-not-member' });
    expect(await d.cycles.listProposals('c')).toEqual([]);
    expect(d.emails()).toEqual([]);
  });

  it('refuses a hostile form with a message the member can act on, storing nothing', async () => {
    const { d } = await scenario({ now: BEFORE_ITEM_DEADLINE });
    const { nonce: _nonce, ...withoutNonce } = BUS_SHELTERS;

    expect(refusal(proposalForm, { ...BUS_SHELTERS, title: LONG }, 'proposal').message).toBe('Invalid proposal: title: keep the title under 200 characters');
    expect(refusal(proposalForm, { ...BUS_SHELTERS, minutes: '600' }, 'proposal').message).toBe(
      'Invalid proposal: minutes: an item longer than 3 hours needs a word with the secretariat',
    );
    expect(refusal(proposalForm, { ...BUS_SHELTERS, minutes: 'half an hour' }, 'proposal').issues).toEqual([expect.stringMatching(/^minutes: /)]);
    expect(refusal(proposalForm, withoutNonce, 'proposal').issues).toEqual([expect.stringMatching(/^nonce: /)]);
    expect(refusal(proposalForm, { ...BUS_SHELTERS, nonce: '../../etc' }, 'proposal').issues).toEqual([expect.stringMatching(/^nonce: /)]);
    expect(refusal(proposalForm, { ...BUS_SHELTERS, purpose: 'gossip', confidential: 'perhaps' }, 'proposal').issues).toHaveLength(2);
    expect(refusal(proposalForm, { ...BUS_SHELTERS, title: { $gt: '' } }, 'proposal').issues).toEqual([expect.stringMatching(/^title: /)]);
    await expect(propose(d, { ...BUS_SHELTERS, title: 'ab' })).rejects.toThrow('Invalid proposal: title: give the item a title of at least 3 characters');

    expect(await d.cycles.listProposals('c')).toEqual([]);
    expect(d.emails()).toEqual([]);
  });

  it(`refuses a member's proposal beyond the ${MAX_PROPOSALS_PER_MEMBER}th of a cycle, storing nothing, but counts a double click once`, async () => {
    const { d } = await scenario({ now: BEFORE_ITEM_DEADLINE });
    for (let i = 1; i <= MAX_PROPOSALS_PER_MEMBER; i++) await propose(d, { ...BUS_SHELTERS, title: `Item ${i}`, nonce: `form-nonce-${i}` });

    await expect(propose(d, { ...BUS_SHELTERS, title: 'One more', nonce: 'form-nonce-x' })).rejects.toThrow(LimitReachedError);
    await expect(propose(d, { ...BUS_SHELTERS, title: 'One more', nonce: 'form-nonce-x' })).rejects.toThrow(/proposed 10 items for this meeting/);

    expect(await d.cycles.listProposals('c')).toHaveLength(MAX_PROPOSALS_PER_MEMBER);
    expect(d.emails('proposal-received')).toHaveLength(MAX_PROPOSALS_PER_MEMBER);
    // The tenth form sent again is the tenth proposal, not an eleventh.
    expect(await propose(d, { ...BUS_SHELTERS, title: 'Item 10', nonce: 'form-nonce-10' })).toEqual({ outcome: '"Item 10" was proposed for the agenda.' });
    // Another member's proposals count apart.
    expect(await propose(d, { ...BUS_SHELTERS, nonce: 'form-nonce-ann' }, people.ann)).toEqual({ outcome: '"Bus shelters" was proposed for the agenda.' });
  });
});

describe('the propose-item link, in the audit trail', () => {
  it('records the proposal as the proposer’s, once however often the form is sent', async () => {
    const { d } = await scenario({ now: BEFORE_ITEM_DEADLINE });

    await propose(d);
    await propose(d);

    const entries = (await d.audit.list('b')).filter((e) => e.what.type === 'item-proposed');
    expect(entries).toEqual([
      expect.objectContaining({
        cycleId: 'c',
        who: { kind: 'member', name: people.bob.name, email: people.bob.email },
        what: { type: 'item-proposed', proposalId: (await d.cycles.listProposals('c'))[0]!.proposalId, title: 'Bus shelters' },
      }),
    ]);
  });
});
