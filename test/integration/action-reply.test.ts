import { makeStartCycle } from '../../functions/admin/start-cycle';
import { makeNotifyActionOwners } from '../../functions/notify-action-owners/notify-action-owners';
import type { Action } from '../../functions/shared/domain/types';
import { composeReply, deliverInbound, LOCAL_INBOUND_DOMAIN, replyTo } from '../../local/mail/inbound';
import type { CapturedEmail } from '../../local/mail/mail-capture';
import { DEMO_BOARD_ID } from '../../local/seed';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(90_000);
const cloud = useLocalCloud();
const TOM = 'tom.okafor@example.org';
let actions: Action[];

const emailsOf = (kind: string, to?: string): CapturedEmail[] =>
  cloud()
    .mail.emails()
    .filter((e) => e.kind === kind && (!to || e.to.includes(to)));
const requestFor = (n: number): CapturedEmail => {
  const email = emailsOf('action-update-request', TOM).find((e) => e.subject.includes(`action ${actions[n - 1]!.number}`));
  if (!email) throw new Error(`No update request for action ${n}`);
  return email;
};
const action = (n: number) => cloud().deps.actions.getAction(DEMO_BOARD_ID, actions[n - 1]!.actionId);
const events = (n: number) => cloud().deps.actions.listEvents(actions[n - 1]!.actionId);

beforeAll(async () => {
  const d = cloud().deps;
  const { cycle } = await makeStartCycle(d)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20' });
  const owned = { cycleId: cycle.cycleId, ownerMemberIds: ['tom-okafor'], ownersAsWritten: ['Tom Okafor'], status: 'open' as const };
  actions = await d.actions.createActions(DEMO_BOARD_ID, `${cycle.cycleId}#test`, [
    { ...owned, text: 'Circulate the partnership plan.', due: '2027-02-15' },
    { ...owned, text: 'Brief the Board on knife crime.' },
    { ...owned, text: 'Write to the council.' },
  ]);
  const members = await d.boards.listMembers(DEMO_BOARD_ID);
  if (!members.some((m) => m.memberId === 'tom-okafor')) throw new Error(`The demo board's member ids changed: ${members.map((m) => m.memberId).join(', ')}`);
  await makeNotifyActionOwners(d)({ boardId: DEMO_BOARD_ID, cycleId: cycle.cycleId });
});

describe("an owner's reply to an action email", () => {
  it('comes with a one-time Reply-To address per action, and says how to reply', () => {
    const addresses = [1, 2, 3].map((n) => requestFor(n).replyTo[0]);
    expect(new Set(addresses).size).toBe(3);
    for (const a of addresses) expect(a).toMatch(new RegExp(`^reply\\+[a-z2-7]{32}@${LOCAL_INBOUND_DOMAIN.replace(/\./g, '\\.')}$`));
    expect(requestFor(1).text).toContain('write “Done”, or “In progress:”');
  });

  it('"In progress: …" records the status and note as a reply, and the answer carries a fresh address for the next update', async () => {
    const outcome = await replyTo(cloud().deps, { original: requestFor(1), text: 'In progress: draft shared with partners\n\nTom' });
    expect(outcome).toMatchObject({ status: 'accepted', reason: expect.stringContaining('is now in-progress, with your note') });
    expect(await action(1)).toMatchObject({ status: 'in-progress' });
    expect(await events(1)).toEqual([
      expect.objectContaining({
        by: 'tom-okafor',
        status: 'in-progress',
        note: 'draft shared with partners\n\nTom',
        via: 'reply',
        messageId: expect.any(String),
      }),
    ]);
    const answer = emailsOf('reply-outcome', TOM).at(-1)!;
    expect(answer.subject).toContain('Reply received');
    expect(answer.replyTo[0]).toMatch(/^reply\+/);
    expect(answer.replyTo[0]).not.toBe(requestFor(1).replyTo[0]);

    // Replying to the answer updates the action again; the answer to a closing update carries no address.
    const done = await replyTo(cloud().deps, { original: answer, text: 'Done' });
    expect(done.status).toBe('accepted');
    expect(await action(1)).toMatchObject({ status: 'done' });
    expect((await events(1)).map((e) => e.status)).toEqual(['in-progress', 'done']);
    expect(emailsOf('reply-outcome', TOM).at(-1)!.replyTo).toEqual([]);
  });

  it('refuses a reply once the action is closed, and a second use of an address', async () => {
    const again = await replyTo(cloud().deps, { original: requestFor(1), text: 'Done' });
    expect(again).toMatchObject({ status: 'refused', reason: expect.stringContaining('already been answered') });
    expect((await events(1)).length).toBe(2);
  });

  it('refuses a reply from someone other than the owner, and a note over the limit, changing nothing', async () => {
    const stranger = await replyTo(cloud().deps, { original: requestFor(2), text: 'Done', from: 'priya.shah@example.org' });
    expect(stranger.status).toBe('refused');
    const essay = await replyTo(cloud().deps, { original: requestFor(2), text: `In progress: ${'x'.repeat(2500)}` });
    expect(essay).toMatchObject({ status: 'refused', reason: expect.stringMatching(/notes are limited to 2,000 characters/) });
    expect(await action(2)).toMatchObject({ status: 'open' });
    expect(await events(2)).toEqual([]);
  });

  it('records a note without changing the status, once, however often SES delivers it', async () => {
    const { raw, recipients } = await composeReply({ original: requestFor(3), text: 'Letter drafted; signing on Monday.' });
    const before = cloud().mail.emails().length;
    await deliverInbound(cloud().deps, raw, recipients, 'same-delivery');
    await deliverInbound(cloud().deps, raw, recipients, 'same-delivery');
    expect(await events(3)).toEqual([expect.objectContaining({ status: 'open', note: 'Letter drafted; signing on Monday.', via: 'reply' })]);
    expect(cloud().mail.emails()).toHaveLength(before + 1);
  });
});
