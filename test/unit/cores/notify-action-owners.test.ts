import { makeNotifyActionOwners } from '../../../functions/notify-action-owners/notify-action-owners';
import { LINK_POLICY } from '../../../functions/shared/domain/link-policy';
import type { FakeDeps } from '../../support/fakes';
import { appLinks, people, recipients, scenario } from './scenario';

const NOW = '2027-03-20T10:00:00.000Z';

async function register(d: FakeDeps): Promise<void> {
  const base = { cycleId: 'c', ownersAsWritten: [], status: 'open' as const };
  await d.actions.createActions('b', 'c#minutes', [
    { ...base, ownerMemberIds: ['ann'], text: 'Circulate the plan.', due: '2027-04-01' },
    { ...base, ownerMemberIds: ['ann', 'bob'], text: 'Write the joint bid.' },
    { ...base, ownerMemberIds: [], text: 'Someone to brief the press.' },
  ]);
  await d.actions.createActions('b', 'other#minutes', [{ ...base, cycleId: 'other', ownerMemberIds: ['bob'], text: 'From another cycle.' }]);
}

describe('NotifyActionOwners', () => {
  it('sends each owner one email per action of this cycle, with an update link and reply address, and counts the unassigned', async () => {
    const { d, ref } = await scenario({ now: NOW });
    await register(d);

    expect(await makeNotifyActionOwners(d)(ref)).toEqual({ sent: 3, unassigned: 1 });

    const emails = d.emails('action-update-request');
    expect(recipients(emails).sort()).toEqual([people.ann.email, people.ann.email, people.bob.email]);
    const first = emails.find((e) => e.subject.startsWith('Update requested: action 1'))!;
    expect(first.subject).toBe('Update requested: action 1, due 2027-04-01');
    expect(first.text).toContain('Circulate the plan.');
    const [action] = await d.actions.listActions('b');
    const link = d.links.forUrl(appLinks(first)[0]!);
    expect(link).toMatchObject({ purpose: 'update-action', memberId: 'ann', subject: action!.actionId, singleUse: false });
    expect(Date.parse(link!.expiresAt)).toBe(Date.parse(NOW) + LINK_POLICY['update-action'].expires.days * 24 * 60 * 60 * 1000);
    expect(d.links.forUrl(first.replyTo!)).toMatchObject({ purpose: 'reply-action', subject: action!.actionId });
    expect(emails.some((e) => e.text.includes('From another cycle.'))).toBe(false);
  });

  it('sends nothing twice when retried, and issues no further links', async () => {
    const { d, ref } = await scenario({ now: NOW });
    await register(d);
    await makeNotifyActionOwners(d)(ref);
    const links = d.links.all().length;

    expect(await makeNotifyActionOwners(d)(ref)).toEqual({ sent: 0, unassigned: 1 });
    expect(d.emails()).toHaveLength(3);
    expect(d.links.all()).toHaveLength(links);
  });

  it('skips an owner who has left the board', async () => {
    const { d, ref } = await scenario({ now: NOW });
    await register(d);
    await d.boards.removeMember('b', 'bob');

    expect(await makeNotifyActionOwners(d)(ref)).toMatchObject({ sent: 2 });
    expect(recipients(d.emails())).toEqual([people.ann.email, people.ann.email]);
  });

  it('carries no reply address where the deployment receives no mail', async () => {
    const { d, ref } = await scenario({ now: NOW, config: { inboundDomain: undefined } });
    await register(d);
    await makeNotifyActionOwners(d)(ref);
    expect(d.emails().every((e) => e.replyTo === undefined)).toBe(true);
    expect(d.links.all().every((l) => l.purpose === 'update-action')).toBe(true);
  });
});
