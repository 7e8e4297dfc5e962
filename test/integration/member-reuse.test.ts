import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { makeStartCycle } from '../../functions/admin/start-cycle';
import { makeNotifyActionOwners } from '../../functions/notify-action-owners/notify-action-owners';
import { AlreadyExistsError } from '../../functions/shared/domain/errors';
import { csrfFor } from '../../functions/shared/domain/links';
import type { Cycle, Member } from '../../functions/shared/domain/types';
import { dynamo } from '../../functions/shared/runtime/clients';
import { keys } from '../../functions/shared/table/keys';
import { replyTo } from '../../local/mail/inbound';
import type { CapturedEmail } from '../../local/mail/mail-capture';
import { appLinks, follow, submit } from '../../local/people';
import { DEMO_BOARD_ID } from '../../local/seed';
import { cycleCommand } from '../support/cli';
import { useLocalCloud } from '../support/local-cloud';

jest.setTimeout(120_000);
const STATE = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'mc-reuse-')), 'local-cloud.json');
const cloud = useLocalCloud({ writeStateFile: true, env: { MEETING_CYCLE_LOCAL_STATE: STATE } });
const cli = cycleCommand(STATE);

const CLERK_A = 'clerk@council-a.gov.uk';
const CLERK_B = 'clerk@council-b.gov.uk';
const RANDOM_ID = /^m_[a-z2-7]{16}$/;

let cycle: Cycle;
let clerkA: Member;
/** Clerk A's links, all unexpired and unused when A is removed. */
const links = { confirmAgenda: '', updateAction: '', reply: undefined as CapturedEmail | undefined, priyasUpdate: '' };

const emailTo = (kind: string, to: string): CapturedEmail => {
  const email = cloud()
    .mail.emails()
    .filter((e) => e.kind === kind && e.to.includes(to))
    .at(-1);
  if (!email) throw new Error(`No ${kind} email to ${to}`);
  return email;
};
const linkIn = (email: CapturedEmail): string => appLinks(email.text, cloud().appUrl)[0] ?? '';
const memberByEmail = async (email: string) => (await cloud().deps.boards.listMembers(DEMO_BOARD_ID)).find((m) => m.email === email);
const post = (url: string, body: Record<string, string>) =>
  fetch(url, { method: 'POST', body: new URLSearchParams(body), headers: { 'content-type': 'application/x-www-form-urlencoded' }, redirect: 'manual' });

/** Rewrites a member's record as an edit of their roles or email would, keeping everything else. */
async function editMember(memberId: string, change: Partial<Member>): Promise<void> {
  const doc = dynamo();
  const TableName = cloud().env.TABLE_NAME;
  const { Item } = await doc.send(new GetCommand({ TableName, Key: keys.member(DEMO_BOARD_ID, memberId) }));
  await doc.send(new PutCommand({ TableName, Item: { ...Item, ...change } }));
}

async function importMember(line: string): Promise<void> {
  const csv = path.join(path.dirname(STATE), 'members.csv');
  fs.writeFileSync(csv, `name,email,organisation,roles\n${line}\n`);
  const out = await cli('members', 'import', '--board', DEMO_BOARD_ID, csv);
  expect(out).toMatchObject({ code: 0 });
}

beforeAll(async () => {
  const d = cloud().deps;
  await importMember(`Clerk A,${CLERK_A},Council A,secretariat;member`);
  clerkA = (await memberByEmail(CLERK_A))!;
  ({ cycle } = await makeStartCycle(d)({ boardId: DEMO_BOARD_ID, meetingDate: '2027-01-20' }));
  await cloud().sfn.advanceTo(new Date(Date.parse(cycle.timeline.itemDeadline) + 60_000));
  links.confirmAgenda = linkIn(emailTo('agenda-confirmation-request', CLERK_A));
  const base = { cycleId: cycle.cycleId, ownersAsWritten: [], status: 'open' as const };
  await d.actions.createActions(DEMO_BOARD_ID, `${cycle.cycleId}#reuse`, [
    { ...base, ownerMemberIds: [clerkA.memberId, 'priya-shah'], text: 'Write the plan.' },
  ]);
  await makeNotifyActionOwners(d)({ boardId: DEMO_BOARD_ID, cycleId: cycle.cycleId });
  links.updateAction = linkIn(emailTo('action-update-request', CLERK_A));
  links.reply = emailTo('action-update-request', CLERK_A);
  links.priyasUpdate = linkIn(emailTo('action-update-request', 'priya.shah@example.org'));
});

describe('a member removed, and another with the same mailbox name imported', () => {
  it("gives the imported member a random id, and A's links work as A until A is removed", async () => {
    expect(clerkA.memberId).toMatch(RANDOM_ID);
    expect((await follow(links.updateAction)).status).toBe(200);
    expect((await follow(links.confirmAgenda)).status).toBe(200);

    expect((await cli('members', 'remove', '--board', DEMO_BOARD_ID, '--member', CLERK_A)).code).toBe(0);
    await importMember(`Clerk B,${CLERK_B},Council B,secretariat;member`);

    const clerkB = await memberByEmail(CLERK_B);
    expect(clerkB?.memberId).toMatch(RANDOM_ID);
    expect(clerkB?.memberId).not.toBe(clerkA.memberId);
  });

  it("refuses A's unexpired links for anyone, and they do not act as B", async () => {
    for (const url of [links.updateAction, links.confirmAgenda]) {
      const page = await follow(url);
      expect(page.status).toBe(403);
      expect(page.title).toBe('This link is no longer active');
      expect(page.html).not.toContain('Clerk B');
    }
  });

  it("changes nothing when A's unused secretariat link is posted with the page's own form", async () => {
    const items = await cloud().deps.cycles.listItems(cycle.cycleId);
    const form = Object.fromEntries(
      items.flatMap((i) => [
        [`order_${i.number}`, String(i.number)],
        [`title_${i.number}`, i.title],
        [`keep_${i.number}`, 'yes'],
      ]),
    );
    const token = new URL(links.confirmAgenda).pathname.split('/').at(-1)!;
    const res = await post(links.confirmAgenda, { ...form, csrf: csrfFor(token) });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('no longer a member');
    expect(await cloud().deps.waits.getWait(cycle.cycleId, 'agenda-confirmation')).toBeDefined();
    expect(await cloud().deps.cycles.listItems(cycle.cycleId)).toEqual(items);
  });

  it("refuses a reply to A's reply address, even from A's own address", async () => {
    const outcome = await replyTo(cloud().deps, { original: links.reply!, text: 'Done' });
    expect(outcome.status).toBe('refused');
    const [action] = await cloud().deps.actions.listActions(DEMO_BOARD_ID, { cycleId: cycle.cycleId });
    expect(action?.status).toBe('open');
  });

  it("never gives A's id to anyone else: an explicit id that was used on the board is refused", async () => {
    const again: Member = { ...clerkA, email: 'someone.else@example.org' };
    await expect(cloud().deps.boards.addMembers([again])).rejects.toThrow(AlreadyExistsError);
    await expect(cloud().deps.boards.addMembers([again])).rejects.toThrow(`Member id ${clerkA.memberId} was used on board ${DEMO_BOARD_ID} before`);
  });
});

describe('a holder who keeps their membership but not their role or address', () => {
  it('refuses the secretariat link of a holder who is no longer secretariat, changing nothing, and accepts it once they are again', async () => {
    const grace = emailTo('agenda-confirmation-request', 'secretariat@example.org');
    await editMember('secretariat', { roles: ['member'] });
    const refused = await follow(linkIn(grace));
    expect(refused.status).toBe(403);
    expect(refused.html).toContain('no longer is; nothing was changed');
    expect(await cloud().deps.waits.getWait(cycle.cycleId, 'agenda-confirmation')).toBeDefined();

    await editMember('secretariat', { roles: ['secretariat'] });
    const confirmed = await submit(await follow(linkIn(grace)), 'Confirm the agenda');
    expect(confirmed.status).toBe(200);
  });

  it("withdraws a member's links when their email address changes", async () => {
    expect((await follow(links.priyasUpdate)).status).toBe(200);
    await editMember('priya-shah', { email: 'priya@new-employer.example.org' });
    const page = await follow(links.priyasUpdate);
    expect(page.status).toBe(403);
    expect(page.html).toContain('withdrawn');
  });
});
